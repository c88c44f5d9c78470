"""Fault injection of the report writer at scale: writers killed with SIGKILL at random moments.

The same harness as tests/test_report_files.py (tests/kill_writer.py), with more kills: a
zygote holding the example's report forks writers that write its report files into one folder
again and again; each round kills them after a random delay (0 to ~3 writes) and checks that
the folder holds one whole set, byte for byte (the one before or one a writer wrote). Every
3rd round has two writers racing, every 5th writes through ``write_report`` (rendering
included) instead of the pre-rendered ``write_files``, every 10th starts from an older
newsprism's in-place files.

Run from the repository root:  .venv/bin/python benchmarks/kill_writes.py --kills 1000
Prints a table; the report it writes is the bundled example's (analysed once, cached in /tmp).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import kill_writer  # noqa: E402


def prepared_report(cache: Path) -> Path:
    if not cache.exists():
        from newsprism import analyze
        from newsprism.store import records

        cache.write_text(records.dumps(analyze([ROOT / "examples" / "harbor-fire"])), encoding="utf-8")
    return cache


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", type=Path, default=Path(tempfile.gettempdir()) / "newsprism-kill-report.json",
                        help="a Report as the store's records.dumps writes it (made from the example if missing)")
    args = parser.parse_args()
    report = prepared_report(args.report)
    with tempfile.TemporaryDirectory(prefix="newsprism-kills-") as work:
        started = time.perf_counter()
        result, cycle = kill_writer.run(report, Path(work), args.kills, args.seed)
        took = time.perf_counter() - started
    print(f"one write: {cycle['files'] * 1000:.0f} ms pre-rendered, {cycle['report'] * 1000:.0f} ms with rendering; "
          f"{args.kills} rounds in {took:.0f} s\n")
    rows = [("kills", result.kills), ("left one whole set", result.whole),
            ("  the set before", result.kept), ("  a set a killed writer wrote", result.new),
            ("killed half-way through a write (left a set or a link unfinished)", result.mid_write),
            ("with two writers racing", result.racing),
            ("over an older newsprism's in-place files", result.from_legacy),
            ("partial or mixed sets", len(result.problems))]
    print("| | count |\n|---|---:|")
    for label, count in rows:
        print(f"| {label} | {count} |")
    for problem in result.problems[:20]:
        print(problem)
    sys.exit(1 if result.problems else 0)


if __name__ == "__main__":
    main()
