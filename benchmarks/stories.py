"""Story grouping scored against gold events: B-cubed precision, recall and F1.

Data (see story_data.py for how each set is read and split into halves):
  ecbplus (topics 1-22, every document pooled; gold = topic + ecb/ecbplus sub-corpus),
  basil (every article pooled; gold = triplet), neus_allsides (val; every outlet's title +
  lead pooled; gold = the line). Articles are built as the product builds them (clean +
  annotate with the real models), cached outside the repository.

Rows, per data set and for ``all`` (the whole set pooled) and each half (the half pooled
on its own; half 0 is where the thresholds were chosen, half 1 is the check):
  * ours: ``group_stories`` with the default StorySettings and the chosen encoder;
  * tfidf-avg (oracle): TF-IDF (title + body words, sublinear tf, idf over the set) with
    average-linkage agglomerative clustering (scipy), cut at the threshold that gives the
    best F1 ON THAT VERY SET, an optimistic baseline no deployed system could match.

B-cubed (Bagga and Baldwin 1998): for each article, precision = share of its predicted
story that shares its gold event, recall = share of its gold event inside its predicted
story; averaged over articles; F1 their harmonic mean.

Run from the repository root:
  PYTHONPATH=src .venv/bin/python benchmarks/stories.py [--set NAME ...] [--encoder wordllama|minilm]
      [--data DIR] [--errors] [--setting NAME=VALUE ...]
``--encoder minilm`` groups with newsprism.embed's MiniLM encoder instead; the product
groups stories with WordLlama (benchmarks/README.md says why) and keeps MiniLM for claims.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import story_data

NAMES = ["ecbplus", "basil", "neus_allsides"]


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, label in predicted.items():
        by_pred[label].add(item)
    for item, label in gold.items():
        by_gold[label].add(item)
    precision = recall = 0.0
    for item in gold:
        pred_members, gold_members = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(pred_members & gold_members)
        precision += both / len(pred_members)
        recall += both / len(gold_members)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


# ------------------------------------------------------------------ TF-IDF average-link baseline

_TOKEN = re.compile(r"[a-z][a-z'\-]+")


def tfidf_baseline(texts: list[str], gold: list[str]) -> tuple[float, tuple[float, float, float]]:
    """Average-linkage clustering of TF-IDF vectors, cut at the best distance for ``gold``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from spacy.lang.en.stop_words import STOP_WORDS

    counts = [Counter(t for t in _TOKEN.findall(text.lower()) if t not in STOP_WORDS) for text in texts]
    df = Counter(k for c in counts for k in c)
    vocab = {k: i for i, k in enumerate(sorted(df))}
    n = len(texts)
    matrix = np.zeros((n, len(vocab)), dtype=np.float32)
    for row, c in enumerate(counts):
        for k, v in c.items():
            matrix[row, vocab[k]] = (1 + math.log(v)) * (math.log((1 + n) / (1 + df[k])) + 1)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    distance = np.clip(1 - matrix @ matrix.T, 0, 2)
    condensed = distance[np.triu_indices(n, 1)]
    tree = linkage(condensed, method="average")
    gold_map = {str(i): g for i, g in enumerate(gold)}
    best = (0.0, (0.0, 0.0, 0.0))
    for cut in np.arange(0.30, 1.0, 0.01):
        labels = fcluster(tree, t=cut, criterion="distance")
        scores = bcubed({str(i): str(label) for i, label in enumerate(labels)}, gold_map)
        if scores[2] > best[1][2]:
            best = (float(cut), scores)
    return best


# ------------------------------------------------------------------ our grouping

def ours(articles, settings, encoder):  # type: ignore[no-untyped-def]
    from newsprism.relate.stories import group_stories

    stories = group_stories(articles, settings, encoder)
    return {a: s.id for s in stories for a in s.article_ids}


def error_report(articles, items, predicted: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Merges (a predicted story holding several gold events) and splits, by category."""
    gold = {a.id: i.gold for a, i in zip(articles, items, strict=True)}
    by_id = {a.id: a for a in articles}
    stories: dict[str, list[str]] = defaultdict(list)
    for a, s in predicted.items():
        stories[s].append(a)
    print("  merged stories (predicted story -> gold events, sizes):")
    for members in sorted(stories.values(), key=len, reverse=True):
        events = Counter(gold[m] for m in members)
        if len(events) > 1:
            heads = {g: next((by_id[m].title or by_id[m].text[:70]) for m in members if gold[m] == g) for g in events}
            print("   ", dict(events), "|", " || ".join(f"{g}: {h[:70]}" for g, h in heads.items()))
    print("  split gold events (gold -> predicted story sizes):")
    by_gold: dict[str, list[str]] = defaultdict(list)
    for a, g in gold.items():
        by_gold[g].append(a)
    for g, members in sorted(by_gold.items()):
        parts = Counter(predicted[m] for m in members)
        if len(parts) > 1:
            print("   ", g, sorted(parts.values(), reverse=True),
                  "|", " || ".join((by_id[m].title or by_id[m].text[:60])[:60] for m in members[:4]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="sets", action="append", choices=NAMES)
    parser.add_argument("--data", type=Path, help="data folder (only with a single --set)")
    parser.add_argument("--encoder", choices=["wordllama", "minilm"], default="wordllama")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--errors", action="store_true", help="print merges and splits")
    parser.add_argument("--cache", type=Path, default=story_data.DEFAULT_CACHE)
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="override one StorySettings value (calibration runs), e.g. --setting join_score=0.4")
    args = parser.parse_args()

    from newsprism.config import StorySettings
    from newsprism.embed import load_encoder

    encoder = load_encoder(args.encoder)
    settings = StorySettings()
    for option in args.setting:
        name, _, value = option.partition("=")
        kind = type(getattr(settings, name))
        settings = dataclasses.replace(settings, **{name: value.lower() == "true" if kind is bool else kind(value)})
    print(f"encoder: {args.encoder}; {settings}\n")
    print("| set | part | articles | events | ours P | ours R | ours F1 | stories | s | tfidf-avg oracle F1 (cut) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.sets or NAMES:
        articles, items = story_data.load(name, args.data, args.cache)
        for part in ("all", 0, 1):
            chosen = [(a, i) for a, i in zip(articles, items, strict=True) if part == "all" or i.half == part]
            arts = [a for a, _ in chosen]
            gold = {a.id: i.gold for a, i in chosen}
            start = time.perf_counter()
            predicted = ours(arts, settings, encoder)
            seconds = time.perf_counter() - start
            p, r, f = bcubed(predicted, gold)
            base = ""
            if not args.no_baseline:
                texts = [f"{a.title or ''} {a.text}" for a in arts]
                cut, (_, _, bf) = tfidf_baseline(texts, [gold[a.id] for a in arts])
                base = f"{bf:.3f} ({cut:.2f})"
            label = part if part == "all" else f"half {part}" + (" (calibration)" if part == 0 else " (check)")
            print(f"| {name} | {label} | {len(arts)} | {len(set(gold.values()))} | {p:.3f} | {r:.3f} | {f:.3f} "
                  f"| {len(set(predicted.values()))} | {seconds:.1f} | {base} |", flush=True)
            if args.errors and part == "all":
                error_report(arts, [i for _, i in chosen], predicted)


if __name__ == "__main__":
    main()
