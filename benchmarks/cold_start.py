"""Cold start of the command line (issue 17): what a user waits for before any work, and a
small analysis from a fresh process, model loading included.

Each command runs ``--repeat`` times as a fresh process (``python -m newsprism ...``, what
the ``newsprism`` script runs); the table gives the median wall time and the median CPU time
(user + system of the child, from ``os.wait4``). On a shared machine the CPU time is the
steadier figure: wall time also counts the waits for a core.

    PYTHONPATH=src python benchmarks/cold_start.py [--data DIR] [--repeat 5]

``--data``: the folder analysed (default: ../shared/corpora/kursk-2025-03, the five articles
the goal names).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KURSK = ROOT.parent / "shared" / "corpora" / "kursk-2025-03"


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and the exit code of one run of ``command``."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, child.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=KURSK, help="the folder of articles analysed")
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes per command")
    args = parser.parse_args()
    python = [sys.executable, "-m", "newsprism"]
    with tempfile.TemporaryDirectory() as out:
        commands = [
            ("newsprism --help", [*python, "--help"], 0.5),
            ("newsprism analyze --help", [*python, "analyze", "--help"], 0.5),
            (f"newsprism analyze {args.data.name} -o OUT", [*python, "analyze", str(args.data), "-o", out, "-q"], 5.0),
        ]
        print(f"{'command':<44} {'wall s (median)':>16} {'CPU s (median)':>15} {'goal s':>7}")
        for name, command, goal in commands:
            runs = [timed(command) for _ in range(args.repeat)]
            failed = [code for _, _, code in runs if code != 0]
            if failed:
                print(f"{name}: exit {failed[0]}", file=sys.stderr)
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            print(f"{name:<44} {wall:>16.2f} {cpu:>15.2f} {goal:>7.1f}")
    print(f"\n{args.repeat} runs each; load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
