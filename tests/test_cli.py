"""The CLI as a user runs it: help, exit codes, files, JSON on stdout, stdin."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress
from typer.testing import CliRunner

from newsprism import analyze, cli
from newsprism.annotate import Annotator
from newsprism.cli import app
from newsprism.cli_terminal import RateColumn, StageProgress
from newsprism.embed import Embedder, Encoder
from newsprism.pipeline import ANNOTATE, COMPARE, GROUP, READ
from newsprism.report import validate

from .conftest import EXAMPLE

runner = CliRunner()
NEWS = "The city council approved the budget on Tuesday after a long debate, the mayor said."


@pytest.mark.parametrize("args", [["--help"], ["analyze", "--help"]])
def test_help(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0 and "Usage" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newsprism ")


def test_analyze_writes_three_files_and_exits_zero(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLE), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"  # the three files (links into the set folder that switches them at once), nothing else
    assert sorted(p.name for p in out.iterdir()) == [".newsprism-report", "report.html", "report.json", "report.md"]
    assert all((out / name).is_file() for name in ("report.html", "report.json", "report.md"))


def test_json_to_stdout_and_exit_one_when_an_input_failed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "json", "-q"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    validate(data)
    assert [a["id"] for a in data["articles"]] == ["a"]
    assert data["inputs_failed"][0]["reason"].startswith("empty input")


def test_stdin_and_exit_three_when_nothing_could_be_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "json", "-q"], input=NEWS)
    assert result.exit_code == 0 and json.loads(result.stdout)["articles"][0]["id"] == "stdin"
    result = runner.invoke(app, ["analyze", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 3 and "no such file or folder" in result.output


def test_files_format_requires_an_output_folder() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLE)])
    assert result.exit_code == 2


SNOW = "Heavy snow closed the mountain pass near Brenner on Sunday, and the police said it would stay shut."
COMMANDS = ["analyze", "ingest", "stories", "search", "report", "versions", "export", "config"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_names_values_gives_examples_and_exit_codes(command: str | None) -> None:
    """No "<bool>" beside a flag or "<list[str]>" beside PATH...: each value by what it is,
    then examples and what each exit code means."""
    result = runner.invoke(app, [command, "--help"] if command else ["--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output and "<list[str]>" not in result.output and "<str>" not in result.output
    assert "Examples" in result.output and "Exit codes" in result.output
    assert "[bold]" not in result.output  # markup rendered, not printed
    if command:
        assert f"newsprism {command}" in result.output  # the examples run this command
        assert "\n   0  " in result.output and "\n   2  usage error" in result.output
    if command in ("analyze", "ingest"):
        assert f"{command} [OPTIONS] PATH..." in result.output and "{PATH" not in result.output


def test_summaries_count_in_english(tmp_path: Path, cli_models: None) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir(), two.mkdir()
    (one / "a.txt").write_text(NEWS)
    (one / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(one), "-o", str(tmp_path / "out1")])
    assert result.exit_code == 1, result.output
    assert "1 article read (1 input could not be read), 1 story found; report written to" in result.output

    (two / "a.txt").write_text(NEWS)
    (two / "b.txt").write_text(SNOW)
    (two / "c.txt").write_bytes(b"")
    (two / "d.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(two), "-f", "json"])
    assert result.exit_code == 1, result.output
    assert "2 articles read (2 inputs could not be read), 2 stories found" in result.output
    for wrong in ("1 stories", "1 articles", "1 inputs", "inputs failed"):
        assert wrong not in result.output


def test_a_file_name_with_brackets_prints_as_it_is(tmp_path: Path, cli_models: None) -> None:
    """Rich markup in a file name ("[red]") is text: printed literally, never styled or an error."""
    folder = tmp_path / "in[bold]"
    folder.mkdir()
    (folder / "x[blue]y.txt").write_text(NEWS)
    (folder / "a[red]b.txt").write_bytes(b"")
    out = tmp_path / "out[red]"
    result = runner.invoke(app, ["analyze", str(folder), "-o", str(out), "-v"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"error {folder / 'a[red]b.txt'}: empty input" in result.output
    assert f"warning {folder / 'a[red]b.txt'}: empty input" in result.output  # -v: as it happens
    assert f"report written to {out}/" in result.output and (out / "report.html").is_file()


def test_verbose_logs_each_stage_with_counts_and_time(tmp_path: Path, cli_models: None) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(tmp_path), "-f", "json", "-v"])
    assert result.exit_code == 1, result.output
    log = [line for line in result.output.splitlines() if line.startswith(("info ", "warning "))]
    assert [re.sub(r"\d+\.\d\d s(, [\d.]+/s)?", "T", line) for line in log] == [
        f"warning {tmp_path / 'b.txt'}: empty input: there is no text to read",
        "info read 1 document in T; 1 input could not be read",
        "info cleaned and annotated 1 article in T",
        "info grouped 1 article into 1 story in T",
        "info compared 1 story in T",
    ]
    quiet = runner.invoke(app, ["analyze", str(tmp_path), "-f", "json"])
    assert "info " not in quiet.output and "warning " not in quiet.output
    assert f"error {tmp_path / 'b.txt'}: empty input" in quiet.output


def test_analyze_reports_each_stage_by_name(tmp_path: Path, annotator: Annotator, embedder: Embedder,
                                            encoder: Encoder) -> None:
    """The library's progress: each stage in order, first with 0 done, last with its total."""
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_text(SNOW)
    (tmp_path / "c.txt").write_bytes(b"")
    calls: list[tuple[str, int, int | None]] = []
    analyze([tmp_path], annotator=annotator, embedder=embedder, encoder=encoder,
            progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == [READ, ANNOTATE, GROUP, COMPARE]
    ends = {}
    for stage in stages:
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0][0] == 0 and mine[-1][0] == mine[-1][1]
        assert [done for done, _ in mine] == sorted(done for done, _ in mine)  # never backwards
        ends[stage] = mine[-1][1]
    assert ends == {READ: 3, ANNOTATE: 2, GROUP: 2, COMPARE: 2}
    assert (READ, 1, None) in calls  # a stream: the total is known at its end


def test_progress_shows_each_stage_with_its_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [0.0]
    bar = Progress(get_time=lambda: clock[0])
    fast = bar.add_task(ANNOTATE, total=10, unit=("article", "articles"))
    slow = bar.add_task(COMPARE, total=2, unit=("story", "stories"))
    clock[0] = 4.0
    bar.update(fast, completed=10)
    bar.update(slow, completed=1)
    assert RateColumn().render(bar.tasks[0]).plain == "2.5 articles/s"
    assert RateColumn().render(bar.tasks[1]).plain == "4.0 s/story"

    console = Console(file=io.StringIO(), width=120, force_terminal=True)
    monkeypatch.setattr(cli, "err", console)
    with StageProgress(show=True) as progress:
        progress(READ, 0, None)
        progress(READ, 3, None)
        progress(ANNOTATE, 1, 3)
    assert [t.description for t in progress.bar.tasks] == [READ, ANNOTATE]
    table = Console(file=io.StringIO(), width=120)
    table.print(progress.bar.make_tasks_table(progress.bar.tasks))
    shown = table.file.getvalue()  # type: ignore[attr-defined]
    assert "reading inputs" in shown and "3/?" in shown
    assert "cleaning and annotating articles" in shown and "1/3" in shown


def _unwritable(tmp_path: Path) -> list[Path]:
    """-o values no report can be written to: a file, a folder under a file, one in /proc."""
    notes = tmp_path / "notes[red].txt"
    notes.write_text("x")
    return [notes, notes / "out", *([Path("/proc/newsprism-out")] if Path("/proc/self").is_dir() else [])]


def test_an_output_folder_that_cannot_be_written_stops_the_run_before_the_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A usage error (exit 2) naming the path, at once: not a traceback after the analysis."""
    def analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis ran")

    from newsprism import pipeline

    monkeypatch.setattr(pipeline, "analyze", analysis)  # the command imports it when it runs
    for out in _unwritable(tmp_path):
        result = runner.invoke(app, ["analyze", str(EXAMPLE), "-o", str(out)], env={"COLUMNS": "300"})
        assert result.exit_code == 2, (out, result.output, result.exception)
        assert str(out) in result.output and "Invalid value for --out" in result.output, result.output
    assert (tmp_path / "notes[red].txt").read_text() == "x"


def test_names_that_start_with_markup_print_as_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         cli_models: None) -> None:
    """Issue 15, item 4: a name that starts with a markup tag ("[bold]a.txt", as a relative
    path prints) or an -o folder like "[red]out" is printed as given, and the summary after the
    report is written is not lost to a markup error."""
    monkeypatch.chdir(tmp_path)
    Path("[bold]a.txt").write_bytes(b"")
    Path("[red]b.txt").write_text(NEWS)
    result = runner.invoke(app, ["analyze", "[bold]a.txt", "[red]b.txt", "-o", "[red]out", "-v"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "error [bold]a.txt: empty input" in result.output and "warning [bold]a.txt: empty input" in result.output
    assert "report written to [red]out/ (report.html" in result.output and Path("[red]out/report.html").is_file()
