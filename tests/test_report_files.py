"""The report files as a set (issue 15): written whole or not at all, never through a link,
and a folder that cannot hold them named before any work is done."""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism import write_report
from newsprism.model import Report
from newsprism.report import validate, write_json
from newsprism.store import records

from . import kill_writer

NAMES = ["report.html", "report.json", "report.md"]


def test_writers_killed_at_random_moments_leave_one_whole_set(example_report: Report, tmp_path: Path) -> None:
    """50 writers killed with SIGKILL while they write (1 in 3 racing another writer, 1 in 10
    over an older newsprism's in-place files): after each kill the folder holds the whole
    set it held before or the whole set a writer wrote, byte for byte, never a part of one."""
    prepared = tmp_path / "prepared.json"
    prepared.write_text(records.dumps(example_report), encoding="utf-8")
    started = time.perf_counter()
    result, cycle = kill_writer.run(prepared, tmp_path / "kills", kills=50, seed=15)
    took = time.perf_counter() - started
    print(f"\n{result.kills} kills in {took:.1f} s (a write takes {cycle['files'] * 1000:.0f} ms, "
          f"{cycle['report'] * 1000:.0f} ms rendering included): {result.whole} left a whole set "
          f"({result.kept} the one before, {result.new} a new one); {result.mid_write} killed half-way "
          f"through a write, {result.racing} with two writers racing, {result.from_legacy} over an older "
          f"newsprism's files")
    assert result.problems == [], "\n".join(result.problems)
    assert result.kills == result.whole == 50 and result.new > 0 and result.mid_write > 0

    out = tmp_path / "kills" / "out"  # a run after all those kills: whole, and the debris is gone
    data = json.loads(write_report(example_report, out)["json"].read_text(encoding="utf-8"))
    validate(data)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == NAMES
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [".newsprism-report"]
    assert sorted(p.name for p in (out / ".newsprism-report").iterdir() if not p.name.startswith("set-")) == [
        "current", "lock"]
    assert len(list((out / ".newsprism-report").iterdir())) == 3  # and one set, the current one


def test_each_name_is_a_link_into_the_current_set(example_report: Report, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = write_report(example_report, out)
    assert first == {"json": out / "report.json", "html": out / "report.html", "md": out / "report.md"}
    for name in NAMES:
        assert os.readlink(out / name) == f".newsprism-report/current/{name}"
    second = replace(example_report, generated_at="2031-01-01T00:00:00+00:00")
    write_report(second, out)
    assert "2031-01-01T00:00:00+00:00" in (out / "report.md").read_text(encoding="utf-8")
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["generated_at"] == second.generated_at


def test_a_link_at_a_report_name_is_replaced_never_followed(example_report: Report, tmp_path: Path) -> None:
    """A link in -o (left by someone, or planted) is replaced itself: the file it points to is
    neither overwritten nor created, nor read."""
    precious, nowhere = tmp_path / "precious.txt", tmp_path / "nowhere.html"
    precious.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").symlink_to(precious)
    (out / "report.html").symlink_to(nowhere)  # a dangling link: following it would create the file
    paths = write_report(example_report, out)
    assert precious.read_text(encoding="utf-8") == "keep me" and not nowhere.exists()
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["generated_at"] == example_report.generated_at
    assert "<html" in paths["html"].read_text(encoding="utf-8")


def test_a_link_in_place_of_the_set_folder_is_refused(example_report: Report, tmp_path: Path) -> None:
    from newsprism.errors import OutputError

    elsewhere, out = tmp_path / "elsewhere", tmp_path / "out"
    elsewhere.mkdir(), out.mkdir()
    (out / ".newsprism-report").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="is a symbolic link") as raised:
        write_report(example_report, out)
    assert raised.value.path == str(out / ".newsprism-report")
    assert list(elsewhere.iterdir()) == [] and not (out / "report.json").exists()


def test_write_json_replaces_the_file_whole_not_through_a_link(example_report: Report, tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (tmp_path / "r.json").symlink_to(precious)
    write_json(example_report, tmp_path / "r.json")
    assert precious.read_text(encoding="utf-8") == "keep me" and not (tmp_path / "r.json").is_symlink()
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema"] == "newsprism/report@1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious.txt", "r.json"]  # no temporary file left


def test_a_folder_that_cannot_take_the_report_is_named(example_report: Report, tmp_path: Path) -> None:
    from newsprism.errors import OutputError
    from newsprism.report import check_out_dir

    notes = tmp_path / "notes.txt"
    notes.write_text("x", encoding="utf-8")
    taken = tmp_path / "taken"
    (taken / "report.html").mkdir(parents=True)
    cases = [(notes, notes, "is a file, not a folder"),
             (notes / "out", notes / "out", f"cannot create this folder ({notes} is a file"),
             (taken, taken / "report.html", "is a folder")]
    if Path("/proc/self").is_dir():
        cases.append((Path("/proc/newsprism-out"), Path("/proc/newsprism-out"), "cannot create this folder"))
    for out, at_fault, reason in cases:
        for attempt in (check_out_dir, lambda out: write_report(example_report, out)):
            with pytest.raises(OutputError) as raised:
                attempt(out)
            assert raised.value.path == str(at_fault) and reason in raised.value.reason, raised.value
    assert notes.read_text(encoding="utf-8") == "x" and list((taken / "report.html").iterdir()) == []
    check_out_dir(tmp_path / "new" / "deeper")  # can be made: checked, not made yet
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "taken"]


def test_without_links_each_file_is_still_replaced_whole(example_report: Report, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system without symbolic links (FAT, some shares): the files are written (each
    replaced whole, one after another), not refused; a link already there is not followed."""
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").symlink_to(precious)

    def no_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "symlink", no_links)
    paths = write_report(example_report, out)
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert all(p.is_file() and not p.is_symlink() for p in paths.values())
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["generated_at"] == example_report.generated_at
    assert sorted(p.name for p in out.iterdir()) == [".newsprism-report", *NAMES]
    assert [p.name for p in (out / ".newsprism-report").iterdir()] == ["lock"]


def test_a_write_that_fails_leaves_the_set_before_whole(example_report: Report, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk half-way through: an OutputError naming the folder, the previous set still
    in place, and what the failed write left is cleared by the next."""
    from newsprism.errors import OutputError

    out = tmp_path / "out"
    write_report(example_report, out)
    before = [(out / name).read_bytes() for name in NAMES]
    real_write, calls = os.write, [0]

    def full_disk(fd: int, data: bytes) -> int:
        calls[0] += 1
        if calls[0] > 1:
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(OutputError, match="No space left on device") as raised:
        write_report(replace(example_report, generated_at="2031-01-01T00:00:00+00:00"), out)
    assert raised.value.path == str(out)
    assert [(out / name).read_bytes() for name in NAMES] == before
    monkeypatch.setattr(os, "write", real_write)
    write_report(example_report, out)
    assert len(list((out / ".newsprism-report").iterdir())) == 3  # current, lock, one set
