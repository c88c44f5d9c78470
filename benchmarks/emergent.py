"""Claim-vs-headline stance scored on Emergent (Ferreira & Vlachos 2016, rumoured claims).

Dataset: /work/shared/datasets/emergent/url-versions-2015-06-14-clean.csv (columns id,
claimHeadline, articleHeadline, articleHeadlineStance, articleId, claimId). Each row pairs a
rumoured claim with one outlet's headline about it, labelled for / against / observing. The
file has no article bodies, so the input is the claim (``claimHeadline``) against the
outlet's headline (``articleHeadline``): the sentence-level use of the stance function.

Prediction: ``stance.judge(parse(claim), parse(headline), known_related=True)``, since every
headline was collected for its claim (the claim-alignment stage is in the same position);
labels map agree -> for, disagree -> against, discuss -> observing. ``--free`` lets the
function also answer unrelated (counted as observing) to show what relatedness costs. Nothing
is fitted. Halves: by claim, so every headline of a claim stays in one half; a claim id is a
UUID string, so its parity is that of its CRC-32 (``zlib.crc32``), fixed before any result was
seen. The even half is the calibration half (errors studied there, ``--errors`` samples it),
the odd half the check. Published reference (Ferreira & Vlachos 2016, logistic regression
trained on Emergent headlines): accuracy 0.73 on their own test split, not these rows.

Run from the repository root:
  PYTHONPATH=src .venv/bin/python benchmarks/emergent.py [--data DIR] [--limit N] [--errors K] [--free]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import time
import zlib
from collections import Counter
from pathlib import Path

from fnc1 import DATASETS, print_confusion, print_errors, print_gap, print_table, summary

LABELS = ["for", "against", "observing"]
TO_EMERGENT = {"agree": "for", "disagree": "against", "discuss": "observing", "unrelated": "observing"}


def load(limit: int | None, data: Path = DATASETS) -> list[tuple[str, str, str, str]]:
    """(claim, outlet headline, gold, claim id) rows in file order, from ``data``/emergent."""
    path = data / "emergent" / "url-versions-2015-06-14-clean.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = [(r["claimHeadline"], r["articleHeadline"], r["articleHeadlineStance"], r["claimId"])
                for r in csv.DictReader(f)]
    return rows[:limit]


def half(claim_id: str) -> int:
    """0 (calibration) or 1 (check): the parity of the claim id's CRC-32."""
    return zlib.crc32(claim_id.encode("utf-8")) % 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N rows only")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K misclassified calibration pairs")
    parser.add_argument("--free", action="store_true", help="allow 'unrelated' (scored as observing)")
    parser.add_argument("--data", type=Path, default=DATASETS, help="folder holding emergent/ (default: shared)")
    args = parser.parse_args()

    from newsprism.annotate import Annotator
    from newsprism.compare import stance
    from newsprism.embed import Embedder

    wall = time.perf_counter()
    rows = load(args.limit, args.data)
    annotator, embedder = Annotator.load(), Embedder.load()
    texts = sorted({t for claim, headline, _, _ in rows for t in (claim, headline)})
    parsed = dict(zip(texts, stance.parse_many(texts, annotator.nlp, embedder), strict=True))
    results = [stance.judge(parsed[c], parsed[h], known_related=not args.free) for c, h, _, _ in rows]
    gold = [g for _, _, g, _ in rows]
    pred = [TO_EMERGENT[r.label] for r in results]
    claims = sorted({r[3] for r in rows})
    groups = {"all": list(range(len(rows))),
              "calib (even)": [i for i, r in enumerate(rows) if half(r[3]) == 0],
              "check (odd)": [i for i, r in enumerate(rows) if half(r[3]) == 1]}
    tables = {name: summary([gold[i] for i in idx], [pred[i] for i in idx], LABELS) for name, idx in groups.items()}

    mode = "unrelated allowed (as observing)" if args.free else "pairs known related"
    print(f"Emergent claim vs outlet headline (no bodies in the file), newsprism.compare.stance, {mode}, "
          f"{datetime.date.today().isoformat()}")
    print(f"rows {len(rows)}, claims {len(claims)}; gold {dict(Counter(gold))}; "
          f"predicted unrelated {sum(r.label == 'unrelated' for r in results)}; "
          f"wall {time.perf_counter() - wall:.1f} s\n")
    print_table(tables, LABELS)
    print_gap(tables)
    print("published (Ferreira & Vlachos 2016, trained on Emergent, their test split): accuracy 0.73\n")
    print_confusion(gold, pred, LABELS)
    if args.errors:
        print_errors([(gold[i], pred[i], rows[i][0], rows[i][1], results[i].evidence)
                      for i in groups["calib (even)"]], args.errors)


if __name__ == "__main__":
    main()
