"""The CLI as a user runs it: help, exit codes, files, JSON on stdout, stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
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
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.html", "report.json", "report.md"]


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
