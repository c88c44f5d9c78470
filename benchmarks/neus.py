"""The brief scored against NeuS (AllSides) neutral summaries, and its support rate.

Dataset: NeuS at /work/shared/datasets/neus_allsides: each line of ``<split>.source`` holds
three outlets' title and lead (left, centre, right: ``TITLE=> ... ARTICLE=> ... [SEP] ...``),
the same line of ``<split>.target`` the editors' neutral summary (``TITLE=> ... ARTICLE=>
...``). Each line is analysed as one story of three articles (title + lead) and the brief's
sentences (established, disputed, single-source; quotes left out, as the editors summarise
rather than quote) are joined, at most ``--sentences`` of them, in the brief's order.

Scores: ROUGE-1/2/L F1 (Google's ``rouge-score``, Porter stemmer) of that text against the
target's ARTICLE part; the share of brief sentences that pass their own support check
(``newsprism.compare.brief.check_support``: must be 1.0); and how often the brief is empty (three
leads can share nothing). For scale, a simple baseline: the first sentence of the centre
outlet's lead (Lead-1), scored the same way.

Run from the repository root (needs the bench extra: pip install -e ".[bench]"):
  .venv/bin/python benchmarks/neus.py [--split val|train] [--limit N] [--sentences K] [--examples K]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "neus_allsides"
CORPUS = _SHARED if _SHARED.is_dir() else Path("/work/shared/datasets/neus_allsides")
SIDES = ("left", "centre", "right")


def parse_part(part: str) -> tuple[str, str]:
    title = re.search(r"TITLE=>\s*(.*?)\s*ARTICLE=>", part, re.S)
    article = re.search(r"ARTICLE=>\s*(.*)", part, re.S)
    return (title.group(1).strip() if title else ""), (article.group(1).strip() if article else part.strip())


def load(split: str, limit: int | None) -> list[tuple[list[tuple[str, str]], str]]:
    sources = (CORPUS / f"{split}.source").read_text("utf-8").splitlines()
    targets = (CORPUS / f"{split}.target").read_text("utf-8").splitlines()
    rows = []
    for source, target in list(zip(sources, targets, strict=True))[:limit]:
        parts = [parse_part(p) for p in source.split("[SEP]")]
        rows.append((parts, parse_part(target)[1]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["val", "train"], default="val")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--sentences", type=int, default=3, help="brief sentences kept for ROUGE")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()

    import logging

    from rouge_score import rouge_scorer

    logging.getLogger("absl").setLevel(logging.WARNING)

    import newsprism
    from newsprism.annotate import Annotator
    from newsprism.compare.brief import check_support
    from newsprism.config import Settings
    from newsprism.embed import Embedder

    settings = Settings().updated("stories", split=False)  # the three leads of a line are one story by construction
    annotator, embedder = Annotator.load(settings), Embedder.load()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    rows = load(args.split, args.limit)
    totals = {"brief": dict.fromkeys(("rouge1", "rouge2", "rougeL"), 0.0),
              "lead1": dict.fromkeys(("rouge1", "rouge2", "rougeL"), 0.0)}
    sentences = supported = empty = 0
    examples = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for number, (parts, target) in enumerate(rows):
            feed = Path(tmp) / f"line-{number}.jsonl"
            feed.write_text("\n".join(
                json.dumps({"id": f"{number}-{side}", "outlet": side, "title": title, "text": text})
                for side, (title, text) in zip(SIDES, parts, strict=False)) + "\n", encoding="utf-8")
            report = newsprism.analyze([feed], settings, annotator=annotator, embedder=embedder)
            arts = {a.id: a for a in report.articles}
            for sentence in report.brief:
                sentences += 1
                supported += check_support(sentence, arts)[0]
            kept = [b.text for b in report.brief if b.section != "quote"][: args.sentences]
            empty += not kept
            summary = " ".join(kept)
            centre = parts[1][1] if len(parts) > 1 else parts[0][1]
            lead1 = re.split(r"(?<=[.!?])\s+", centre, maxsplit=1)[0]
            for name, text in (("brief", summary), ("lead1", lead1)):
                scores = scorer.score(target, text)
                for key in totals[name]:
                    totals[name][key] += scores[key].fmeasure
            examples.append((target, summary))
    seconds = time.perf_counter() - start
    n = max(1, len(rows))
    print(f"NeuS {args.split}: {len(rows)} stories, 3 outlets each; {seconds:.1f} s "
          f"({len(rows) / max(seconds, 1e-9):.1f} stories/s); brief sentences for ROUGE: up to {args.sentences}\n")
    print("| summary | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-L F1 |")
    print("|---|---:|---:|---:|")
    for name, label in (("brief", "newsprism brief"), ("lead1", "Lead-1 of the centre outlet (baseline)")):
        t = totals[name]
        print(f"| {label} | {t['rouge1'] / n:.3f} | {t['rouge2'] / n:.3f} | {t['rougeL'] / n:.3f} |")
    print(f"\nbrief sentences: {sentences}, passing their support check: {supported} "
          f"({supported / max(1, sentences):.3f}); stories with an empty brief: {empty} ({empty / n:.1%})")
    for target, summary in random.Random(0).sample(examples, min(args.examples, len(examples))):
        print(f"\n  target: {target[:300]}\n  brief:  {summary[:300]}")


if __name__ == "__main__":
    main()
