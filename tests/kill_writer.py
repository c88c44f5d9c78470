"""Fault injection for the report writer: writers killed with SIGKILL at random moments.

Run as a script, this file is a zygote: it loads a prepared Report (JSON, through the store's
own pickle-free ``records``), renders a few variants of it (each with its own
``generated_at``) and then, on each ``fork`` command, forks writers that write those
variants into one folder again and again, until the driver kills them. Forking an already
loaded process makes a kill cost milliseconds, not a second of imports, so a test can afford
50 of them. ``KillDriver`` is the other side: it kills the writers after a random delay and
checks what the folder holds: it must be one whole set, the bytes of one variant in all
three files, never a partial file or files of two variants.

Used by tests/test_report_files.py and benchmarks/kill_writes.py.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

NAMES = ("report.json", "report.html", "report.md")
VARIANTS = 4
LEGACY = "legacy"  # the set an older newsprism left: three regular files, written in place


def _stamp(k: int | str) -> str:
    return f"2026-01-01T00:00:{k:02d}+00:00" if isinstance(k, int) else "2025-12-31T23:59:59+00:00"


# ---------------------------------------------------------------------------- the zygote
def _zygote(report_json: str, out: str, refs: str) -> None:
    from dataclasses import replace

    from newsprism import report as report_module
    from newsprism.model import Report
    from newsprism.store import records

    base = records.loads(Report, Path(report_json).read_text(encoding="utf-8"))
    keys: list[int | str] = [*range(VARIANTS), LEGACY]
    reports = {k: replace(base, generated_at=_stamp(k)) for k in keys}
    rendered = {k: {"report.json": report_module.to_json(r).encode("utf-8"),
                    "report.html": report_module.render_html(r).encode("utf-8"),
                    "report.md": report_module.render_markdown(r).encode("utf-8")} for k, r in reports.items()}
    for k, files in rendered.items():
        folder = Path(refs) / str(k)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
    write_files = getattr(report_module, "write_files", None)

    def write(mode: str, k: int, folder: str) -> None:
        if mode == "files" and write_files is not None:
            write_files(folder, rendered[k])
        else:
            report_module.write_report(reports[k], folder)

    scratch = Path(refs) / "scratch"
    cycles = {}
    for mode in ("files", "report"):
        started = time.perf_counter()
        for _ in range(3):
            write(mode, 0, str(scratch))
        cycles[mode] = (time.perf_counter() - started) / 3
    print("ready", json.dumps(cycles, separators=(",", ":")), flush=True)

    for line in sys.stdin:
        command = line.split()
        if command[0] == "legacy":  # an older newsprism's files, written in place
            shutil.rmtree(out, ignore_errors=True)
            Path(out).mkdir(parents=True)
            for name, data in rendered[LEGACY].items():
                (Path(out) / name).write_bytes(data)
            print("ok", flush=True)
        elif command[0] == "fork":  # fork MODE N: N writers at once, writer i starting at variant i
            mode, n = command[1], int(command[2])
            pids = []
            for i in range(n):
                pid = os.fork()
                if pid == 0:
                    try:
                        k = i
                        while True:
                            write(mode, k % VARIANTS, out)
                            k += 1
                    except BaseException:  # noqa: BLE001 - a writer that fails must say why, then end
                        traceback.print_exc()
                        os._exit(3)
                pids.append(pid)
            print("pids", *pids, flush=True)
            statuses = [os.waitpid(pid, 0)[1] for pid in pids]
            print("dead", *statuses, flush=True)
        elif command[0] == "quit":
            return


# ---------------------------------------------------------------------------- the driver
@dataclass
class KillResult:
    kills: int = 0
    whole: int = 0  # the folder held one whole set after the kill
    kept: int = 0  # ... the set that was there before the writers started
    new: int = 0  # ... a set the killed writers wrote
    mid_write: int = 0  # kills that left a set half-made or not yet switched in: landed while writing
    from_legacy: int = 0  # rounds that started from an older newsprism's in-place files
    racing: int = 0  # rounds with two writers at once
    problems: list[str] = field(default_factory=list)


class KillDriver:
    """Start the zygote; ``round`` forks writers, kills them, and checks the folder."""

    def __init__(self, report_json: Path, work: Path, seed: int = 0) -> None:
        self.out, self.refs = work / "out", work / "refs"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_src(), os.environ.get("PYTHONPATH")]))}
        self.proc = subprocess.Popen([sys.executable, __file__, str(report_json), str(self.out), str(self.refs)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        ready = self._read("ready")
        self.cycle: dict[str, float] = json.loads(ready[1])
        self.expected = {(self.refs / str(k) / NAMES[0]).read_bytes(): k for k in [*range(VARIANTS), LEGACY]}
        self.sets = {k: [(self.refs / str(k) / n).read_bytes() for n in NAMES] for k in [*range(VARIANTS), LEGACY]}
        self.random = random.Random(seed)
        self.result = KillResult()
        self.last: int | str | None = None
        self.debris: set[str] = set()
        self.pids: list[int] = []

    def _send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def _read(self, word: str) -> list[str]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if not line or line[0] != word:
            raise RuntimeError(f"writer zygote: expected {word!r}, got {line!r} (see its stderr)")
        return line

    def legacy(self) -> None:
        self._send("legacy")
        self._read("ok")
        self.last = LEGACY

    def current(self) -> int | str | None:
        """The variant whose whole set the folder holds, or None (recording why)."""
        try:
            found = [(self.out / n).read_bytes() for n in NAMES]
        except OSError as error:
            self.result.problems.append(f"kill {self.result.kills}: a report file is missing: {error}")
            return None
        for k, files in self.sets.items():
            if found == files:
                return k
        try:
            stamp = json.loads(found[0])["generated_at"]
        except (ValueError, KeyError):
            stamp = "unreadable JSON"
        sizes = [len(f) for f in found]
        self.result.problems.append(f"kill {self.result.kills}: not one whole set (report.json of {stamp}; "
                                    f"sizes {sizes}; html of set {_which(found[1], self.sets, 1)}, "
                                    f"md of set {_which(found[2], self.sets, 2)})")
        return None

    def round(self, mode: str = "files", writers: int = 1) -> None:
        before = self.last
        self.debris = self._debris()
        self._send(f"fork {mode} {writers}")
        pids = self.pids = [int(p) for p in self._read("pids")[1:]]
        for pid in pids:
            # 0 to ~3 writes (and the fork's first, slower one): kills land before, in and after writes
            time.sleep(self.random.uniform(0, (3 * self.cycle[mode] + 0.02) / len(pids)))
            os.kill(pid, signal.SIGKILL)
        statuses = [int(s) for s in self._read("dead")[1:]]
        self.pids = []
        for status in statuses:
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                self.result.problems.append(f"kill {self.result.kills}: a writer ended by itself ({status})")
        self.result.kills += 1
        self.result.racing += writers > 1
        debris = self._debris()
        self.result.mid_write += bool(debris - self.debris)
        self.debris = debris
        after = self.last = self.current()
        if after is not None:
            self.result.whole += 1
            self.result.kept += after == before
            self.result.new += after != before

    def _debris(self) -> set[str]:
        """What a writer killed half-way leaves: a set folder that is not the current one, a
        link not yet renamed into place (a new one after a kill: it landed while writing)."""
        state = self.out / ".newsprism-report"
        if not state.is_dir():
            return set()
        current = os.readlink(state / "current") if (state / "current").is_symlink() else None
        return {e.name for e in [*state.iterdir(), *self.out.iterdir()]
                if e.name.startswith(".newsprism-tmp-") or (e.name.startswith("set-") and e.name != current)}

    def close(self) -> None:
        """End the zygote, and any writer a failed round left running (only those it forked)."""
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc.poll() is None:
            try:
                self._send("quit")
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


def _which(data: bytes, sets: dict[int | str, list[bytes]], index: int) -> str:
    return next((str(k) for k, files in sets.items() if files[index] == data), f"none ({len(data)} bytes)")


def _src() -> str:
    """The folder of the newsprism this process imports, first on the zygote's path."""
    import newsprism

    return str(Path(newsprism.__file__).resolve().parents[1])


def run(report_json: Path, work: Path, kills: int, seed: int = 0) -> tuple[KillResult, dict[str, float]]:
    """``kills`` rounds: every 10th starts from an older newsprism's in-place files, every 3rd
    has two writers racing, every 5th writes through ``write_report`` (rendering included)
    instead of the pre-rendered ``write_files``."""
    driver = KillDriver(report_json, work, seed)
    try:
        for number in range(kills):
            if number % 10 == 0:
                driver.legacy()
                driver.result.from_legacy += 1
            driver.round("report" if number % 5 == 4 else "files", 2 if number % 3 == 2 else 1)
        return driver.result, driver.cycle
    finally:
        driver.close()


if __name__ == "__main__":
    _zygote(*sys.argv[1:4])
