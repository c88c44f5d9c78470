"""Loaded-language detection (newsprism.compare.lexicon) scored on BABE SG2, sentence and word level.

Dataset: BABE (Spinde et al., 2021), ``final_labels_SG2.csv`` at /work/shared/datasets/babe:
3,674 news sentences in the full release, 2,584 in this file, each labelled by experts
``label_bias`` = Biased / Non-biased / No agreement, with ``biased_words`` (a Python-list string
of the words the annotators marked). ``;``-separated with a header. AGPL: read, never copied,
nothing trained on it; the detector's weights and threshold are hand-set.

Sentence level: a sentence is predicted biased when ``sentence_bias(text, flags) >= THRESHOLD``
(flags inside quotation marks count for ``QUOTED_FACTOR`` of their weight). "No agreement"
rows are left out of every score and counted (SG2 has none; SG1 does). Reported: accuracy and
macro-F1 over the two classes (published: 0.804 with a fine-tuned transformer, not loadable here).
Word level, over all labelled sentences: a flag is correct when one of its words equals one of
the sentence's ``biased_words`` (case-insensitive whole-word match; a phrase flag counts once);
a gold word is found when a flag of its sentence contains it as a word. Precision = correct
flags / flags; recall = found gold words / gold words.
Both halves of the file (rows in file order, even and odd) are shown apart, so that one can see
the rule is not tuned to one of them; ``--sweep`` prints macro-F1 per threshold for both.

The row "as the pipeline runs it" is the real path of ``newsprism analyze``: each sentence is
a plain-text document (its title given as metadata, as a feed gives it: alone, a one-line
document is taken for a headline) cleaned and annotated by ``pipeline.read_document`` (the flags are found
during annotation, from the paragraph's spaCy parse), and its sentence is scored from
``Article.flags`` as the framing stage sees them (less the weight-0 "modifier" candidates,
which framing shows only beside other outlets' accounts of the same fact, never alone).

Run from the repository root:  .venv/bin/python benchmarks/babe.py [--data DIR] [--limit N]
  [--no-parse] [--no-pipeline] [--threshold T] [--sweep] [--examples K] [--file PATH]
(``--data DIR``: a folder holding final_labels_SG2.csv; ``--file`` names the file itself.)
"""

from __future__ import annotations

import argparse
import ast
import csv
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "babe"
CORPUS = _SHARED if _SHARED.is_dir() else Path("/work/shared/datasets/babe")
PUBLISHED_MACRO_F1 = 0.804
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass
class Row:
    number: int
    text: str
    outlet: str
    biased: bool | None  # None: "No agreement"
    gold: set[str]
    score: float = 0.0
    flags: list = field(default_factory=list)  # list[Flag]


def load(path: Path, limit: int | None) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.DictReader(handle, delimiter=";")):
            label = record["label_bias"].strip()
            words = ast.literal_eval(record["biased_words"] or "[]")
            rows.append(Row(number, record["text"], record["outlet"],
                            True if label == "Biased" else False if label == "Non-biased" else None,
                            {w.lower() for w in words}))
    return rows[:limit]


def macro(rows: list[Row], threshold: float) -> tuple[float, float, Counter[str]]:
    c: Counter[str] = Counter()
    for row in rows:
        if row.biased is not None:
            c[("t" if (row.score >= threshold) == row.biased else "f") + ("p" if row.score >= threshold else "n")] += 1
    f1s = []
    for tp, fp, fn in ((c["tp"], c["fp"], c["fn"]), (c["tn"], c["fn"], c["fp"])):
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    total = sum(c.values())
    return sum(f1s) / 2, (c["tp"] + c["tn"]) / total if total else 0.0, c


def words_of(text: str) -> set[str]:
    return {w.lower() for w in _WORDS.findall(text)}


def word_scores(rows: list[Row]) -> Counter[str]:
    c: Counter[str] = Counter()
    for row in rows:
        if row.biased is None:
            continue
        c["gold"] += len(row.gold)
        c["flags"] += len(row.flags)
        c["correct"] += sum(bool(words_of(f.text) & row.gold) for f in row.flags)
        flagged = set().union(*(words_of(f.text) for f in row.flags)) if row.flags else set()
        c["found"] += len(row.gold & flagged)
    return c


def pipeline_rows(rows: list[Row]) -> list[Row]:
    """The same sentences through the path ``analyze`` takes: clean, then annotate (which
    flags the words from each paragraph's parse), then the sentence scored from the article's
    flags. Returns copies of ``rows`` with their flags and scores."""
    from newsprism.annotate import Annotator
    from newsprism.compare.lexicon import sentence_bias
    from newsprism.config import Settings
    from newsprism.model import RawDocument, Source
    from newsprism.pipeline import read_document

    settings, annotator, out = Settings(), Annotator.load(), []
    for row in rows:
        # a title in the metadata, as a feed or a page gives one: else the cleaner takes a lone
        # line for a headline and finds no body (about 2% of the sentences)
        raw = RawDocument(f"babe-{row.number}", Source(), row.text, "text", title=f"BABE sentence {row.number}")
        result = read_document(raw, settings, annotator)
        flags = [f for f in result.article.flags or [] if f.weight > 0] if result.article else []
        text = result.article.text if result.article else row.text
        out.append(Row(row.number, row.text, row.outlet, row.biased, row.gold, sentence_bias(text, flags), flags))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=CORPUS, help="folder with final_labels_SG2.csv")
    parser.add_argument("--file", type=Path, default=None, help="the CSV itself (default: DATA/final_labels_SG2.csv)")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the row as the pipeline runs it")
    parser.add_argument("--limit", type=int, default=None, help="first N rows")
    parser.add_argument("--no-parse", action="store_true", help="regex tokens instead of a spaCy parse")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--sweep", action="store_true", help="macro-F1 per threshold, both halves")
    parser.add_argument("--examples", type=int, default=0, metavar="K")
    args = parser.parse_args()

    from newsprism.compare.lexicon import CATEGORIES, THRESHOLD, flag_words, sentence_bias

    threshold = THRESHOLD if args.threshold is None else args.threshold
    args.file = args.file or args.data / "final_labels_SG2.csv"
    rows = load(args.file, args.limit)
    start = time.perf_counter()
    docs: list = [None] * len(rows)
    if not args.no_parse:
        from newsprism.annotate import Annotator

        nlp = Annotator.load().nlp
        docs = list(nlp.pipe([r.text for r in rows], batch_size=64))
    parsed = time.perf_counter()
    for row, doc in zip(rows, docs, strict=True):
        row.flags = [f for f in flag_words(row.text, doc) if f.weight > 0]  # weight 0: shown only in contrast
        row.score = sentence_bias(row.text, row.flags)
    done = time.perf_counter()

    halves = {"even rows": rows[0::2], "odd rows": rows[1::2], "all": rows}
    piped = time.perf_counter()
    if not args.no_pipeline:
        halves["all, as the pipeline runs it"] = pipeline_rows(rows)
        piped = time.perf_counter() - piped
    skipped = sum(r.biased is None for r in rows)
    print(f"BABE SG2 ({args.file.name}): {len(rows)} sentences, {skipped} 'No agreement' left out; "
          f"{'regex tokens' if args.no_parse else 'spaCy parse'}; threshold {threshold}")
    print(f"time: parse {parsed - start:.1f} s, flag {done - parsed:.1f} s "
          f"({len(rows) / max(done - parsed, 1e-9):.0f} sentences/s without the parse)"
          + ("" if args.no_pipeline else f"; pipeline path (clean + annotate each sentence) {piped:.1f} s") + "\n")
    print(f"| rows | sentences | biased | macro-F1 (published {PUBLISHED_MACRO_F1}) | accuracy | "
          "P biased | R biased | word P | word R | flags |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, part in halves.items():
        f1, accuracy, c = macro(part, threshold)
        w = word_scores(part)
        p_b = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r_b = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        print(f"| {name} | {sum(c.values())} | {c['tp'] + c['fn']} | {f1:.3f} | {accuracy:.3f} | {p_b:.3f} | "
              f"{r_b:.3f} | {w['correct'] / max(w['flags'], 1):.3f} | {w['found'] / max(w['gold'], 1):.3f} | "
              f"{w['flags']} |")

    print("\n| category | flags | in a Biased sentence | matches a gold word | inside quotes |")
    print("|---|---:|---:|---:|---:|")
    for category in CATEGORIES:
        pairs = [(r, f) for r in rows if r.biased is not None for f in r.flags if f.category == category]
        if pairs:
            n = len(pairs)
            print(f"| {category} | {n} | {sum(bool(r.biased) for r, _ in pairs) / n:.3f} | "
                  f"{sum(bool(words_of(f.text) & r.gold) for r, f in pairs) / n:.3f} | "
                  f"{sum(f.quoted for _, f in pairs) / n:.3f} |")

    if args.sweep:
        print("\n| threshold | " + " | ".join(f"macro-F1 {name}" for name in halves) + " |")
        print("|---:|" + "---:|" * len(halves))
        for t in [x / 20 for x in range(2, 17)]:
            print(f"| {t:.2f} | " + " | ".join(f"{macro(part, t)[0]:.3f}" for part in halves.values()) + " |")

    if args.examples:
        rng = random.Random(0)
        missed = [(r, w) for r in rows if r.biased for w in sorted(r.gold)
                  if not any(w in words_of(f.text) for f in r.flags)]
        wrong = [(r, f) for r in rows if r.biased is False for f in r.flags]
        print(f"\ngold words missed: {len(missed)}; {min(args.examples, len(missed))} shown")
        for r, w in rng.sample(missed, min(args.examples, len(missed))):
            print(f"  - {w!r} in {r.text[:140]!r}")
        print(f"\nflags in Non-biased sentences: {len(wrong)}; {min(args.examples, len(wrong))} shown")
        for r, f in rng.sample(wrong, min(args.examples, len(wrong))):
            print(f"  - {f.text!r} ({f.category}{', quoted' if f.quoted else ''}) in {r.text[:140]!r}")


if __name__ == "__main__":
    main()
