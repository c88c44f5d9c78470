"""Omissions and single-source findings scored against BASIL informational-bias spans.

Dataset: BASIL (Fan et al., EMNLP 2019) at /work/shared/datasets/basil: events 2010-2015, each
covered by Fox News, the New York Times and the Huffington Post (``articles/<year>/<triplet>_<n>.json``,
``annotations/<year>/<triplet>_<n>_ann.json``). An informational-bias span ("inf") is content
that tilts the story by being included: a fact, a quote or a detail the outlet chose to add.

Each triplet is analysed as one story (the three articles are known to cover one event), with
the models loaded once. An inf span is located in our cleaned text by its words (first
occurrence; spans whose words cannot be found are counted as unlocated). It is COVERED when it
overlaps the sentence of a claim only its own article reports (status single_source and no
other article in ``articles``): the finding "only this outlet says this". Reported:
  * recall: covered inf spans / located inf spans, per outlet and overall;
  * base rate: the share of each article's sentences that are single-source claims (a finding
    on every sentence would reach recall 1.0; the difference to this rate is what we add);
  * precision proxy: the share of our single-source sentences that hold an inf span.

Run from the repository root:  .venv/bin/python benchmarks/basil.py [--limit N] [--examples K]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "basil"
CORPUS = _SHARED if _SHARED.is_dir() else Path("/work/shared/datasets/basil")
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def outlet(source: str) -> str:
    """The files spell one outlet several ways ("fox", "FOX", "Fox News")."""
    low = source.lower()
    key = "fox" if "fox" in low else "nyt" if "nyt" in low or "times" in low else "hpo" if "h" in low else low
    return OUTLETS.get(key, source)


def load_triplets(limit: int | None, corpus: Path | None = None) -> list[list[tuple[dict, list[dict]]]]:
    corpus = corpus or CORPUS
    groups: dict[str, list[tuple[dict, list[dict]]]] = defaultdict(list)
    for path in sorted((corpus / "articles").glob("*/*.json")):
        article = json.loads(path.read_text("utf-8"))
        ann_path = corpus / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        spans = json.loads(ann_path.read_text("utf-8"))["phrase-level-annotations"] if ann_path.exists() else []
        groups[article["triplet-uuid"]].append((article, spans))
    return [g for _, g in sorted(groups.items())][:limit]


def body(article: dict) -> str:
    paragraphs = article["body-paragraphs"]
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N triplets")
    parser.add_argument("--examples", type=int, default=0, metavar="K", help="print K uncovered inf spans")
    args = parser.parse_args()

    import newsprism
    from newsprism.annotate import Annotator
    from newsprism.config import Settings
    from newsprism.embed import Embedder

    settings = Settings().updated("stories", split=False)  # a triplet is one story by construction
    annotator, embedder = Annotator.load(settings), Embedder.load()
    triplets = load_triplets(args.limit)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for number, triplet in enumerate(triplets):
            feed = Path(tmp) / f"triplet-{number}.jsonl"
            with feed.open("w", encoding="utf-8") as out:
                for article, _ in triplet:
                    out.write(json.dumps({"id": article["uuid"], "title": article["title"], "text": body(article),
                                          "outlet": outlet(article["source"])}) + "\n")
            report = newsprism.analyze([feed], settings, annotator=annotator, embedder=embedder)
            by_id = {a.id: a for a in report.articles}
            for article, spans in triplet:
                ours = by_id.get(article["uuid"])
                c = counts[outlet(article["source"])]
                if ours is None:
                    c["articles_failed"] += 1
                    continue
                single = [s for claim in report.claims
                          if claim.status == "single_source" and claim.articles == [ours.id] for s in claim.support]
                c["sentences"] += len(ours.sentences)
                c["single_sentences"] += len(single)
                holding: set[int] = set()
                for span in spans:
                    if span.get("bias") != "inf":
                        continue
                    c["inf"] += 1
                    at = ours.text.find(span["txt"].strip())
                    if at < 0:
                        c["unlocated"] += 1
                        continue
                    end = at + len(span["txt"].strip())
                    hits = [k for k, s in enumerate(single) if s.start < end and at < s.end]
                    c["located"] += 1
                    c["covered"] += bool(hits)
                    holding.update(hits)
                    if not hits:
                        missed.append(f"{outlet(article['source'])}: {span['txt'][:160]!r}")
                c["single_with_inf"] += len(holding)
    seconds = time.perf_counter() - start

    total: Counter[str] = sum(counts.values(), Counter())
    print(f"BASIL informational-bias spans vs single-source findings; triplets: {len(triplets)}; "
          f"{seconds:.1f} s ({3 * len(triplets) / max(seconds, 1e-9):.1f} articles/s)\n")
    print("| outlet | inf spans | located | covered (recall) | single-source share of sentences | "
          "single-source sentences holding inf |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, c in [*sorted(counts.items()), ("all", total)]:
        recall = c["covered"] / c["located"] if c["located"] else 0.0
        base = c["single_sentences"] / c["sentences"] if c["sentences"] else 0.0
        precision = c["single_with_inf"] / c["single_sentences"] if c["single_sentences"] else 0.0
        print(f"| {name} | {c['inf']} | {c['located']} | {c['covered']} ({recall:.3f}) | "
              f"{base:.3f} | {precision:.3f} |")
    if args.examples and missed:
        print(f"\nuncovered inf spans: {len(missed)}, {min(args.examples, len(missed))} shown")
        for line in random.Random(0).sample(missed, min(args.examples, len(missed))):
            print(f"  - {line}")
    if total["articles_failed"]:
        print(f"\narticles that failed: {total['articles_failed']}", file=sys.stderr)


if __name__ == "__main__":
    main()
