"""The archive commands as a user runs them: what they print (counts in English, file names
as they are), -v, and the progress ``Store.ingest`` reports."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from newsprism.annotate import Annotator
from newsprism.cli import app
from newsprism.embed import Embedder, Encoder
from newsprism.pipeline import ANNOTATE, COMPARE, READ, STORE
from newsprism.store import Store

runner = CliRunner()
NEWS = "The city council approved the budget on Tuesday after a long debate, the mayor said."


def test_ingest_counts_in_english_and_prints_names_as_they_are(tmp_path: Path, cli_models: None) -> None:
    folder = tmp_path / "in[bold]"
    folder.mkdir()
    (folder / "x[blue]y.txt").write_text(NEWS)
    (folder / "a[red]b.txt").write_bytes(b"")
    db = str(tmp_path / "store[red].db")
    first = runner.invoke(app, ["ingest", str(folder), "--db", db, "-v"])
    assert first.exit_code == 1, first.output
    assert f"error {folder / 'a[red]b.txt'}: empty input" in first.output
    assert (f"1 new article, 0 duplicates, 0 new versions, 1 input could not be read; "
            f"1 story analysed again ({db})") in first.output
    log = [re.sub(r"\d+\.\d\d s(, [\d.]+/s)?", "T", line) for line in first.output.splitlines()
           if line.startswith("info ")]
    assert log == ["info read 2 documents (0 duplicates) in T; 1 input could not be read",
                   "info cleaned and annotated 1 new document in T",
                   "info stored 1 article in their stories in T",
                   "info compared 1 story and stored their findings in T"]

    again = runner.invoke(app, ["ingest", str(folder / "x[blue]y.txt"), "--db", db])
    assert again.exit_code == 0, again.output
    assert "0 new articles, 1 duplicate, 0 new versions; 0 stories analysed again" in again.output
    assert "info " not in again.output

    listed = runner.invoke(app, ["stories", "--db", db])
    assert re.search(r"^story-\w+    1 article   ", listed.output, re.M), listed.output


def test_ingest_reports_each_stage_by_name(tmp_path: Path, annotator: Annotator, embedder: Embedder,
                                           encoder: Encoder) -> None:
    (tmp_path / "a.txt").write_text(NEWS)
    (tmp_path / "b.txt").write_text("Heavy snow closed the mountain pass near Brenner on Sunday, the police said.")
    calls: list[tuple[str, int, int | None]] = []
    store = Store.open(tmp_path / "s.db")
    store.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], annotator=annotator, embedder=embedder, encoder=encoder,
                 progress=lambda stage, done, total: calls.append((stage, done, total)), batch=1)
    assert list(dict.fromkeys(stage for stage, _, _ in calls)) == [READ, ANNOTATE, STORE, COMPARE]
    for stage in (READ, ANNOTATE, STORE):  # streams: known at their end, reported batch by batch
        mine = [(done, total) for s, done, total in calls if s == stage]
        assert mine[0] == (0, None) and mine[-1] == (2, 2)
        assert all(total is None for _, total in mine[:-1])
    assert calls.index((STORE, 1, None)) < calls.index((READ, 2, None))  # the first batch stored before the second
    assert calls[-1] == (COMPARE, 2, 2) and (COMPARE, 0, 2) in calls


def test_the_read_commands_say_when_there_is_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "empty[red].db")
    Store.open(db)
    listed = runner.invoke(app, ["stories", "--db", db])
    assert listed.exit_code == 0 and f"no stories in {db} yet" in listed.output
    found = runner.invoke(app, ["search", "budget", "--db", db])
    assert found.exit_code == 0 and f"no article in {db} matches 'budget'" in found.output
    missing = runner.invoke(app, ["report", "story-[bold]x", "-o", str(tmp_path / "out"), "--db", db])
    assert missing.exit_code == 4 and f"no story story-[bold]x in {db}" in missing.output
    unknown = runner.invoke(app, ["versions", "a[red]b", "--db", db])
    assert unknown.exit_code == 4 and f"no article a[red]b in {db}" in unknown.output


def test_report_to_a_folder_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    """`report STORY -o` names the path at once (exit 2), before reading the store."""
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    db = str(tmp_path / "never-opened.db")
    for out in [notes, notes / "out", *([Path("/proc/newsprism-out")] if Path("/proc/self").is_dir() else [])]:
        result = runner.invoke(app, ["report", "story-x", "-o", str(out), "--db", db], env={"COLUMNS": "300"})
        assert result.exit_code == 2, (out, result.output, result.exception)
        assert str(out) in result.output and "Invalid value for --out" in result.output, result.output
    assert not Path(db).exists()
    Store.open(db)
    missing = runner.invoke(app, ["report", "story-x", "-o", str(tmp_path / "out"), "--db", db])
    assert missing.exit_code == 4 and not (tmp_path / "out").exists()  # a run that wrote nothing leaves nothing


def test_arguments_with_closing_markup_tags_print_as_they_are(tmp_path: Path) -> None:
    """Issue 15, item 4: "[/red]" or "[/]" in an argument (a closing tag with nothing open is
    an error to rich markup) is printed as given, not a crash."""
    db = str(tmp_path / "[red]store.db")
    Store.open(db)
    found = runner.invoke(app, ["search", "[/red] budget", "--db", db])
    assert found.exit_code == 0 and f"no article in {db} matches '[/red] budget'" in found.output, found.output
    unknown = runner.invoke(app, ["versions", "[/]", "--db", db])
    assert unknown.exit_code == 4 and f"no article [/] in {db}" in unknown.output, unknown.output
    listed = runner.invoke(app, ["stories", "--outlet", "[/]", "--db", db])
    assert listed.exit_code == 0 and f"no story in {db} matches" in listed.output, listed.output


def test_a_store_that_is_not_there_is_named_and_not_made(tmp_path: Path) -> None:
    """A mistyped --db must not leave an empty store behind and list nothing: the read
    commands name the path (exit 2) and make no file; ingest makes the store and its folder."""
    db = tmp_path / "archive" / "news[red].db"
    for command in (["stories"], ["search", "budget"], ["versions", "a"], ["export", "-o", str(tmp_path / "x")],
                    ["report", "story-x", "-o", str(tmp_path / "out")]):
        result = runner.invoke(app, [*command, "--db", str(db)], env={"COLUMNS": "300"})
        assert result.exit_code == 2, (command, result.output)
        assert f"{db}: no store there" in result.output, result.output
    assert not db.parent.exists() and not (tmp_path / "out").exists()

    (tmp_path / "in.txt").write_text(NEWS)
    made = runner.invoke(app, ["ingest", str(tmp_path / "in.txt"), "--db", str(db), "-q"])
    assert made.exit_code == 0, made.output
    assert db.is_file()
    listed = runner.invoke(app, ["stories", "--db", str(db)])
    assert listed.exit_code == 0 and "1 article" in listed.output, listed.output


def test_the_command_line_starts_without_the_pipeline() -> None:
    """--help, --version and usage errors answer without loading spaCy, trafilatura or
    SQLAlchemy (seconds on a busy machine); ``python -m newsprism`` and ``python -m
    newsprism.cli`` are the same command line."""
    import subprocess
    import sys

    probe = ("import sys, newsprism.cli; heavy = {'spacy', 'trafilatura', 'sqlalchemy', 'onnxruntime', 'jinja2'}; "
             "print(sorted(heavy & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]", loaded.stdout
    for module in ("newsprism", "newsprism.cli"):
        version = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True, text=True)
        assert version.returncode == 0 and version.stdout.strip() == "newsprism 0.1.0", (module, version.stderr)


def test_export_replaces_its_file_whole_and_never_follows_a_link(tmp_path: Path, news_store: Store,
                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An export killed or failing half-way leaves the previous export whole (a temporary
    file renamed at the end); a link at -o is replaced, not written through; a folder that
    cannot take the file is a usage error naming it."""
    import json

    db = news_store.engine.url.database
    out = tmp_path / "articles.jsonl"
    assert runner.invoke(app, ["export", "-o", str(out), "--db", db]).exit_code == 0
    first = out.read_bytes()
    assert len(first.splitlines()) == 10 and all(json.loads(line)["text"] for line in first.splitlines())

    def failing(self: Store):  # type: ignore[no-untyped-def]
        yield {"id": "half"}
        raise RuntimeError("the store went away")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "export", failing)
        broken = runner.invoke(app, ["export", "-o", str(out), "--db", db])
    assert broken.exit_code != 0 and isinstance(broken.exception, RuntimeError)
    assert out.read_bytes() == first and sorted(p.name for p in tmp_path.iterdir()) == ["articles.jsonl"]

    target = tmp_path / "notes.txt"
    target.write_text("mine")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert runner.invoke(app, ["export", "-o", str(link), "--db", db]).exit_code == 0
    assert target.read_text() == "mine" and not link.is_symlink() and link.read_bytes() == first

    for bad in (tmp_path / "no" / "such" / "a.jsonl", tmp_path):
        refused = runner.invoke(app, ["export", "-o", str(bad), "--db", db], env={"COLUMNS": "300"})
        assert refused.exit_code == 2 and str(bad) in refused.output, refused.output
