"""Cross-document event alignment on ECB+: do newsprism's claims pair the sentences that
report the same event?

What it measures. A claim is newsprism's statement that several outlets report the same
thing; its support spans are the places each outlet says it. ECB+ (Cybulska and Vossen
2014) annotates event mentions (ACTION_* and NEG_ACTION_* markables) and chains them
across documents (CROSS_DOC_COREF relations, one ``note`` id per event instance). So, for
every pair of sentences from two DIFFERENT documents of one sub-topic (topic + ``ecb`` or
``ecbplus`` sub-corpus, i.e. one real-world seminal event), gold says "same event" when
an event mention in one and an event mention in the other are in the same chain. Only
the validated sentences (ECBplus_coreference_sentences.csv) take part; the others were
not fully annotated. Scored pairwise: precision, recall and F1 over those sentence pairs.

Methods (all in the same run, same pairs):
  * newsprism claims: one article per ECB+ document (its sentences one per paragraph, as
    story_data.load_ecbplus builds it; cleaned and annotated as the product does, cached),
    one story per sub-topic (``[stories] split=false``: ``one_story`` -> ``story_bundle``
    -> ``compare_story``, the in-memory route of ``pipeline.analyze``). Two sentences are
    paired when spans of the same claim's ``support`` start inside them. Only
    ``report.claims[*].support`` and ``report.articles[*].text`` are read, so sub-sentence
    support spans work too. A sentence the cleaner took out of the text (a headline read
    as the title, a date line) or that no claim supports is simply unpaired.
  * same head lemma: the baseline this task is known for. Each annotated event mention's
    syntactic head (the mention token whose parent lies outside the mention) lemmatised by
    the project's spaCy model on the gold tokens; two sentences are paired when they share
    a head lemma. Clustering mentions by head lemma (the classic "lemma baseline") is
    already transitive, so at the pair level it is this same rule.
  * head lemma + closure: the sentence-level transitive closure of the rule above within
    the sub-topic (sentences as clusters: A~B and B~C put A and C together), the clustering
    reading of the baseline; it trades precision for recall.
  * all pairs: every cross-document pair of the sub-topic, for scale (P = gold density).

Run from the repository root:
  PYTHONPATH=src:benchmarks .venv/bin/python benchmarks/event_alignment.py [--data DIR]
      [--topics 1-22] [--errors N] [--cache DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import story_data

Key = tuple[str, int]  # (document id, sentence number)
Pair = tuple[Key, Key]  # sorted, the two documents differ


def parse_topics(text: str) -> list[int]:
    topics: list[int] = []
    for part in text.split(","):
        low, _, high = part.partition("-")
        topics.extend(range(int(low), int(high or low) + 1))
    return topics


def pair(a: Key, b: Key) -> Pair:
    return (a, b) if a < b else (b, a)


def cross_pairs(sentences: set[Key]) -> set[Pair]:
    """Every pair of ``sentences`` from two different documents."""
    return {pair(a, b) for a, b in combinations(sorted(sentences), 2) if a[0] != b[0]}


# ------------------------------------------------------------------ gold: ECB+ annotation


class Gold:
    """The validated sentences of each sub-topic, their tokens, event mentions and chains."""

    def __init__(self, root: Path, items: list[story_data.Item]) -> None:
        validated = set()
        with (root / "ECBplus_coreference_sentences.csv").open(newline="") as f:
            for row in csv.DictReader(f):
                validated.add((f"ecb-{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
        self.subtopic: dict[Key, str] = {}  # validated sentence -> sub-topic
        self.tokens: dict[Key, list[str]] = {}
        self.mentions: dict[Key, list[list[int]]] = defaultdict(list)  # token positions in the sentence
        self.chains: dict[Key, set[str]] = defaultdict(set)
        for item in items:
            xml, by_sentence = story_data.ecb_tokens(Path(item.raw.source.path or ""))
            where = {}
            for number, tokens in by_sentence.items():
                key = (item.raw.id, number)
                if key in validated:
                    self.subtopic[key] = item.gold
                    self.tokens[key] = [t.text or "" for t in tokens]
                    where.update({t.get("t_id"): (key, i) for i, t in enumerate(tokens)})
            events = {}
            markables = xml.find("Markables")
            for markable in [] if markables is None else list(markables):
                anchors = [where[a.get("t_id")] for a in markable.iter("token_anchor") if a.get("t_id") in where]
                if markable.tag.startswith(("ACTION_", "NEG_ACTION_")) and anchors:
                    key = anchors[0][0]
                    events[markable.get("m_id")] = key
                    self.mentions[key].append([i for k, i in anchors if k == key])
            for relation in xml.iter("CROSS_DOC_COREF"):
                for source in relation.iter("source"):
                    if source.get("m_id") in events:
                        self.chains[events[source.get("m_id")]].add(relation.get("note", ""))

    def pairs(self) -> set[Pair]:
        members: dict[tuple[str, str], set[Key]] = defaultdict(set)
        for key, chains in self.chains.items():
            for chain in chains:
                members[self.subtopic[key], chain].add(key)
        return {p for keys in members.values() for p in cross_pairs(keys)}

    def all_pairs(self) -> set[Pair]:
        by_subtopic: dict[str, set[Key]] = defaultdict(set)
        for key, subtopic in self.subtopic.items():
            by_subtopic[subtopic].add(key)
        return {p for keys in by_subtopic.values() for p in cross_pairs(keys)}


# ------------------------------------------------------------------ baseline: same head lemma


def head_lemmas(gold: Gold, model: str) -> dict[Key, set[str]]:
    """Each validated sentence's event mentions, as the lemmas of their syntactic heads."""
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model)
    lemmas: dict[Key, set[str]] = {}
    keys = [k for k in gold.subtopic if gold.mentions.get(k)]
    docs = nlp.pipe(Doc(nlp.vocab, words=[t or "_" for t in gold.tokens[k]]) for k in keys)
    for key, doc in zip(keys, docs, strict=True):
        found = set()
        for mention in gold.mentions[key]:
            inside = set(mention)
            heads = [i for i in mention if doc[i].head.i == i or doc[i].head.i not in inside]
            found.add(doc[(heads or mention)[0]].lemma_.lower())
        lemmas[key] = found
    return lemmas


def lemma_pairs(gold: Gold, lemmas: dict[Key, set[str]], closure: bool) -> set[Pair]:
    by_lemma: dict[tuple[str, str], set[Key]] = defaultdict(set)
    for key, found in lemmas.items():
        for lemma in found:
            by_lemma[gold.subtopic[key], lemma].add(key)
    if not closure:
        return {p for keys in by_lemma.values() for p in cross_pairs(keys)}
    parent = {key: key for key in lemmas}

    def find(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for keys in by_lemma.values():
        first, *rest = sorted(keys)
        for key in rest:
            parent[find(key)] = find(first)
    groups: dict[Key, set[Key]] = defaultdict(set)
    for key in lemmas:
        groups[find(key)].add(key)
    return {p for keys in groups.values() for p in cross_pairs(keys)}


# ------------------------------------------------------------------ newsprism's claims


def claim_pairs(gold: Gold, articles: list, items: list[story_data.Item], overrides: dict[str, str]
                ) -> tuple[set[Pair], dict]:
    """Sentence pairs that the same claim supports, one story per sub-topic; and, per
    validated sentence, whether it is in the article text and whether a claim supports it."""
    from newsprism.compare import compare_story
    from newsprism.config import Settings
    from newsprism.embed import Embedder, load_encoder
    from newsprism.pipeline import assemble_report, story_bundle
    from newsprism.relate import one_story

    settings = Settings().updated("stories", split=False)
    for name, value in overrides.items():  # calibration runs: --setting same_claim=0.8
        settings = settings.updated("claims", **{name: type(getattr(settings.claims, name))(value)})
    embedder = Embedder.load()
    encoder = load_encoder(settings.claims.encoder)  # the claims stage's encoder, as a user runs it
    lines = {item.raw.id: item.lines for item in items}
    by_subtopic: dict[str, list] = defaultdict(list)
    for article, item in zip(articles, items, strict=True):
        by_subtopic[item.gold].append(article)
    predicted: set[Pair] = set()
    state = {key: "not in text" for key in gold.subtopic}
    for members in by_subtopic.values():
        findings = compare_story(story_bundle(one_story(members), {a.id: a for a in members}, embedder, settings),
                                 embedder, settings, encoder)
        report = assemble_report(members, [], [findings])
        offsets: dict[str, list[tuple[int, int, Key]]] = {}
        for article in report.articles:  # each sentence's place in the cleaned text, in order
            at, found = 0, []
            for number, line in lines[article.id].items():
                start = article.text.find(line, at)
                if start >= 0:
                    at = start + len(line)
                    found.append((start, at, (article.id, number)))
                    state[article.id, number] = "in no claim"
            offsets[article.id] = found
        for claim in report.claims:
            keys = set()
            for span in claim.support:
                keys.update(k for s, e, k in offsets.get(span.article_id, []) if s <= span.start < e)
            keys &= gold.subtopic.keys()
            for key in keys:
                state[key] = "in a claim"
            predicted |= cross_pairs(keys)
    return predicted, state


# ------------------------------------------------------------------ scoring and output


def score(predicted: set[Pair], gold: set[Pair]) -> tuple[float, float, float]:
    hit = len(predicted & gold)
    precision = hit / len(predicted) if predicted else 0.0
    recall = hit / len(gold) if gold else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if hit else 0.0


def text_of(gold: Gold, key: Key) -> str:
    return story_data.detokenise(gold.tokens[key])


def show_errors(title: str, pairs: set[Pair], gold: Gold, n: int, state: dict[Key, str]) -> None:
    print(f"\n{title} ({len(pairs)}; {min(n, len(pairs))} shown)")
    for a, b in random.Random(0).sample(sorted(pairs), min(n, len(pairs))):
        shared = gold.chains[a] & gold.chains[b]
        print(f"- {gold.subtopic[a]}  chains shared: {len(shared)}")
        for key in (a, b):
            print(f"    [{key[0]} s{key[1]}, {state[key]}] {text_of(gold, key)[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=story_data.default_dir("ecbplus"))
    parser.add_argument("--topics", default="1-22", help="e.g. 1-22 or 1,3,5-7")
    parser.add_argument("--errors", type=int, default=0, help="print N false positives and N false negatives")
    parser.add_argument("--cache", type=Path, default=story_data.DEFAULT_CACHE)
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE",
                        help="override one ClaimSettings value (calibration runs), e.g. --setting related=0.6")
    args = parser.parse_args()
    started = time.perf_counter()

    items = story_data.load_ecbplus(args.data, parse_topics(args.topics))
    gold = Gold(args.data, items)
    gold_pairs, every = gold.pairs(), gold.all_pairs()
    articles, built = story_data.build_articles(items, args.cache)
    timings: dict[str, float] = {"articles (clean + annotate, or cache)": time.perf_counter() - started}

    rows: list[tuple[str, set[Pair]]] = []
    at = time.perf_counter()
    ours, state = claim_pairs(gold, articles, built, dict(o.split("=", 1) for o in args.setting))
    rows.append(("newsprism claims", ours))
    timings["newsprism claims (stories + compare)"] = time.perf_counter() - at
    at = time.perf_counter()
    from newsprism.config import Settings
    lemmas = head_lemmas(gold, Settings().annotate.spacy_model)
    rows.append(("same head lemma", lemma_pairs(gold, lemmas, closure=False)))
    rows.append(("head lemma + closure", lemma_pairs(gold, lemmas, closure=True)))
    rows.append(("all pairs", every))
    timings["lemma baselines (spaCy parse)"] = time.perf_counter() - at

    subtopics = len(set(gold.subtopic.values()))
    print(f"ECB+ {args.data}  topics {args.topics}: {len(items)} documents ({len(articles)} articles), "
          f"{subtopics} sub-topics, {len(gold.subtopic)} validated sentences, "
          f"{sum(1 for k in gold.subtopic if gold.chains.get(k))} in a cross-document event chain")
    print(f"cross-document sentence pairs within a sub-topic: {len(every)}, gold same-event: {len(gold_pairs)}\n")
    print("| method | pairs predicted | P | R | F1 |\n|---|---:|---:|---:|---:|")
    for name, predicted in rows:
        p, r, f = score(predicted, gold_pairs)
        print(f"| {name} | {len(predicted)} | {p:.3f} | {r:.3f} | {f:.3f} |")

    counts: dict[str, int] = defaultdict(int)
    for key in gold.subtopic:
        counts[state[key]] += 1
    print("\nvalidated sentences, newsprism: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())))
    missed: dict[str, int] = defaultdict(int)
    for a, b in gold_pairs - ours:
        missed[min(state[a], state[b], key=["not in text", "in no claim", "in a claim"].index)] += 1
    print("gold pairs missed, by the less-covered sentence: "
          + ", ".join(f"{v} {k}" for k, v in sorted(missed.items())) + " (both 'in a claim': different claims)")
    print("\ntime: " + "; ".join(f"{k} {v:.1f}s" for k, v in timings.items())
          + f"; total {time.perf_counter() - started:.1f}s")
    if args.errors:
        show_errors("newsprism false positives", ours - gold_pairs, gold, args.errors, state)
        show_errors("newsprism false negatives", gold_pairs - ours, gold, args.errors, state)


if __name__ == "__main__":
    main()
