"""Loaded-language flags (newsprism.compare.lexicon) scored against BASIL lexical-bias spans.

Dataset: BASIL (Fan et al., EMNLP 2019) at /work/shared/datasets/basil: events 2010-2015, each
covered by Fox News, the New York Times and the Huffington Post (``articles/<year>/<triplet>_<n>.json``,
``annotations/<year>/<triplet>_<n>_ann.json``). A lexical-bias span ("lex") is wording that
tilts the story (a loaded word or phrase); an informational-bias span ("inf") is content chosen
to tilt it. Each span says whether it lies inside a quotation (``"quote": "yes"``). No licence:
evaluation only, nothing is copied or trained on it.

The article text is the body paragraphs (each a list of sentences) joined as benchmarks/basil.py
joins them. By default it takes the path of ``newsprism analyze``: the text is cleaned and
annotated by ``pipeline.read_document`` (flags found from each paragraph's parse during
annotation) and the flags are ``Article.flags`` over the cleaned text, in which the spans are
then located; ``--standalone`` runs ``flag_words(text, doc)`` with one parse of the raw text
instead, ``--no-parse`` with regex tokens. The span
offsets in the files are not reliable document offsets, so each span is located by its ``txt``
(first exact occurrence, else first case- and whitespace-insensitive one; spans not found are
counted as unlocated and left out). Reported per outlet (the ``source`` field spells each
several ways, folded as in benchmarks/basil.py) and overall, in two views:
  * all: every lex span, every flag;
  * outlet's words: lex spans with ``quote == "no"``, and flags not inside a quotation
    (``Flag.quoted`` false): the outlet's own wording, what a framing report is about.
Scores per view:
  * recall: located lex spans that at least one flag overlaps (one shared character);
  * precision (lex): flags that overlap a lex span of the view;
  * precision (lex or inf): flags that overlap any lex or inf span of the view;
  * chance: the share of the articles' words inside a lex span of the view, i.e. the
    precision of flagging words at random, for scale.

``--findings`` adds the framing stage itself: each event's three articles compared as one story
(``compare_story``) and its framing findings scored the same way (see ``score_findings``).

Run from the repository root:  .venv/bin/python benchmarks/basil_lexical.py [--data DIR] [--limit N (triplets)]
  [--standalone] [--no-parse] [--findings] [--examples K (missed spans and flags outside every span)]
(``--data DIR``: a BASIL folder with articles/ and annotations/.)
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from basil import CORPUS, body, load_triplets, outlet  # same corpus reading as benchmarks/basil.py

VIEWS = ("all", "outlet's words")
_WORD = re.compile(r"\w+")


@dataclass
class Gold:
    start: int
    end: int
    bias: str  # lex | inf
    quote: bool
    text: str


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    at = text.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    words = [re.escape(w) for w in phrase.split()]
    found = re.search(r"\s+".join(words), text, re.I)
    return (found.start(), found.end()) if found else None


def load(limit: int | None, corpus: Path | None = None) -> list[tuple[dict, list[dict]]]:
    return [pair for group in load_triplets(limit, corpus) for pair in group]


def overlaps(a0: int, a1: int, spans: list[Gold]) -> bool:
    return any(a0 < g.end and g.start < a1 for g in spans)


def score_findings(kept: list[tuple[str, str, Any, list[Gold]]], settings: Any) -> None:
    """The framing stage itself as the predictor: each event's three articles compared as one
    story (``compare_story``: claims aligned, then ``framing_findings``), and its findings (not
    the slips) scored against the lex spans like the flags: repeats in an article merged, the
    weight-0 modifier candidates and the evaluative words shown only where another outlet tells
    the same fact without them."""
    from newsprism.compare import compare_story
    from newsprism.embed import Embedder, load_encoder
    from newsprism.model import Story, StoryBundle

    embedder, encoder = Embedder.load(), load_encoder(settings.claims.encoder)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    groups: dict[str, list[tuple[str, Any, list[Gold]]]] = defaultdict(list)
    for triplet, name, article, gold in kept:
        groups[triplet].append((name, article, gold))
    started = time.perf_counter()
    for triplet, members in groups.items():
        story = Story(f"story-{triplet[:8]}", "", [a.id for _, a, _ in members])
        found = compare_story(StoryBundle(story, [a for _, a, _ in members], []), embedder, settings, encoder).framing
        for _name, article, gold in members:
            shown = [f for f in found if f.article_id == article.id and f.category != "slip"]
            for view in VIEWS:
                c = counts[view]
                lex = [g for g in gold if g.bias == "lex" and (view == "all" or not g.quote)]
                in_view = [g for g in gold if view == "all" or not g.quote]
                preds = [f for f in shown if view == "all" or not f.quoted]
                c["located"] += len(lex)
                c["found"] += sum(any(f.start < g.end and g.start < f.end for f in preds) for g in lex)
                c["flags"] += len(preds)
                c["flags_lex"] += sum(overlaps(f.start, f.end, lex) for f in preds)
                c["flags_any"] += sum(overlaps(f.start, f.end, in_view) for f in preds)
                if view == "all":
                    for f in preds:
                        counts[f"category {f.category}"]["flags"] += 1
                        counts[f"category {f.category}"]["flags_lex"] += overlaps(f.start, f.end, lex)
    print(f"\nFraming findings, each event compared as one story ({len(groups)} stories, "
          f"{time.perf_counter() - started:.1f} s):\n")
    print("| view | located lex spans | found (recall) | findings | precision (lex) | precision (lex or inf) |")
    print("|---|---:|---:|---:|---:|---:|")
    for view in VIEWS:
        c = counts[view]
        print(f"| {view} | {c['located']} | {c['found']} ({c['found'] / max(c['located'], 1):.3f}) | {c['flags']} | "
              f"{c['flags_lex'] / max(c['flags'], 1):.3f} | {c['flags_any'] / max(c['flags'], 1):.3f} |")
    print("\n| finding category | findings | precision (lex) |\n|---|---:|---:|")
    for key in sorted(k for k in counts if k.startswith("category ")):
        c = counts[key]
        print(f"| {key[9:]} | {c['flags']} | {c['flags_lex'] / max(c['flags'], 1):.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N triplets")
    parser.add_argument("--data", type=Path, default=CORPUS, help="BASIL folder (articles/, annotations/)")
    parser.add_argument("--standalone", action="store_true", help="flag_words on one parse of the raw text")
    parser.add_argument("--no-parse", action="store_true", help="regex tokens instead of a spaCy parse")
    parser.add_argument("--examples", type=int, default=0, metavar="K")
    parser.add_argument("--findings", action="store_true",
                        help="also score the framing findings of each event compared as one story")
    args = parser.parse_args()

    from newsprism.annotate import Annotator
    from newsprism.compare.lexicon import CATEGORIES, flag_words
    from newsprism.config import Settings
    from newsprism.model import RawDocument, Source
    from newsprism.pipeline import read_document

    annotator = Annotator.load() if not args.no_parse else None
    nlp = annotator.nlp if annotator is not None and args.standalone else None
    pipeline = annotator is not None and not args.standalone
    settings = Settings()
    articles = load(args.limit, args.data)
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    missed: list[str] = []
    stray: list[str] = []
    parse_seconds = flag_seconds = 0.0
    kept: list[tuple[str, str, Any, list[Gold]]] = []  # (triplet, outlet, annotated article, gold) for --findings
    for article, spans in articles:
        name = outlet(article["source"])
        text = body(article)
        t0 = time.perf_counter()
        flags = []
        if pipeline:
            assert annotator is not None
            result = read_document(RawDocument(str(article.get("uuid", name)), Source(), text, "text"), settings,
                                   annotator)
            if result.article is not None:
                text = result.article.text
                kept.append((article["triplet-uuid"], name, result.article, []))
                flags = [f for f in result.article.flags or [] if f.weight > 0]  # not the weight-0 candidates
        gold: list[Gold] = []
        for span in spans:
            if span.get("bias") not in {"lex", "inf"}:
                continue
            where = locate(text, span["txt"])
            quote = str(span.get("quote", "")).lower() == "yes"
            for view in VIEWS:
                if span["bias"] == "lex" and (view == "all" or not quote):
                    counts[(name, view)]["lex"] += 1
                    counts[(name, view)]["unlocated"] += where is None
            if where is not None:
                gold.append(Gold(where[0], where[1], span["bias"], quote, span["txt"]))
        if kept and kept[-1][2].text is text:
            kept[-1][3].extend(gold)
        if not pipeline:
            t0 = time.perf_counter()
            doc = nlp(text) if nlp is not None else None
            t1 = time.perf_counter()
            flags = [f for f in flag_words(text, doc) if f.weight > 0]  # weight 0: shown only in contrast
            flag_seconds += time.perf_counter() - t1
            parse_seconds += t1 - t0
        else:
            parse_seconds += time.perf_counter() - t0
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        for view in VIEWS:
            c = counts[(name, view)]
            in_view = [g for g in gold if view == "all" or not g.quote]
            lex = [g for g in in_view if g.bias == "lex"]
            shown = [f for f in flags if view == "all" or not f.quoted]
            c["located"] += len(lex)
            c["found"] += sum(any(f.start < g.end and g.start < f.end for f in shown) for g in lex)
            c["flags"] += len(shown)
            c["flags_lex"] += sum(overlaps(f.start, f.end, lex) for f in shown)
            c["flags_any"] += sum(overlaps(f.start, f.end, in_view) for f in shown)
            c["words"] += len(words)
            c["words_lex"] += sum(overlaps(a, b, lex) for a, b in words)
            if view == "all":
                for f in flags:
                    by_category[f.category]["flags"] += 1
                    by_category[f.category]["lex"] += overlaps(f.start, f.end, lex)
                    by_category[f.category]["any"] += overlaps(f.start, f.end, in_view)
                    by_category[f.category]["quoted"] += f.quoted
                    if not overlaps(f.start, f.end, in_view):
                        stray.append(f"{name}: {f.text!r} ({f.category}) in "
                                     f"{text[max(0, f.start - 80) : f.end + 80]!r}")
                missed += [f"{name}{' (quote)' if g.quote else ''}: {g.text[:120]!r}" for g in lex
                           if not any(f.start < g.end and g.start < f.end for f in flags)]

    print(f"BASIL lexical-bias spans vs loaded-language flags; {len(articles)} articles; "
          f"{'regex tokens' if args.no_parse else 'one spaCy parse' if args.standalone else 'as the pipeline runs it'}")
    if pipeline:
        print(f"time: clean + annotate (parse and flags) {parse_seconds:.1f} s\n")
    else:
        print(f"time: parse {parse_seconds:.1f} s, flag {flag_seconds:.1f} s "
              f"({len(articles) / max(flag_seconds, 1e-9):.0f} articles/s without the parse)\n")
    print("| outlet | view | lex spans | located | found (recall) | flags | precision (lex) | "
          "precision (lex or inf) | chance (lex) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    names = sorted({name for name, _ in counts})
    for view in VIEWS:
        for name in [*names, "all"]:
            c = (sum((counts[(n, view)] for n in names), Counter()) if name == "all" else counts[(name, view)])
            recall = c["found"] / c["located"] if c["located"] else 0.0
            print(f"| {name} | {view} | {c['lex']} | {c['located']} | {c['found']} ({recall:.3f}) | {c['flags']} | "
                  f"{c['flags_lex'] / max(c['flags'], 1):.3f} | {c['flags_any'] / max(c['flags'], 1):.3f} | "
                  f"{c['words_lex'] / max(c['words'], 1):.4f} |")

    print("\n| category (all view) | flags | precision (lex) | precision (lex or inf) | inside quotes |")
    print("|---|---:|---:|---:|---:|")
    for category in CATEGORIES:
        c = by_category[category]
        if c["flags"]:
            print(f"| {category} | {c['flags']} | {c['lex'] / c['flags']:.3f} | {c['any'] / c['flags']:.3f} | "
                  f"{c['quoted'] / c['flags']:.3f} |")

    if args.findings and kept:
        score_findings(kept, settings)

    if args.examples:
        rng = random.Random(0)
        for title, items in (("lex spans no flag overlaps", missed), ("flags outside every gold span", stray)):
            print(f"\n{title}: {len(items)}; {min(args.examples, len(items))} shown")
            for line in rng.sample(items, min(args.examples, len(items))):
                print(f"  - {line}")


if __name__ == "__main__":
    main()
