"""Quote and attribution extraction scored on PolNeAR (political news attribution relations).

Dataset: PolNeAR v1.0.0 at /work/shared/datasets/polnear (US election news 2015-16, brat
standoff), ``train`` and ``dev`` only, never ``test``: ``<split>/text/<name>.txt`` and
``<split>/attributions/<name>_<annotator>.ann``. Where a text has several annotators, ONE
annotation is used: the first annotator in sorted file-name order. Texts are read as utf-8
with ``newline=""`` so offsets are exact (every ``T`` span slices to its recorded text).

Gold: each ``E`` relation (``Attribution``/``Attribution-no-source``) is one attribution; its
content is the union of its ``Content``/``Content2`` fragments (sorted), its source the extent
of its ``Source`` spans (10 are discontinuous; a predicted speaker is one span).
  * ``all``: every attribution with a content span;
  * ``direct``: the first content fragment, stripped of whitespace, begins with a quotation
    mark (" “ ‘ « „ ' `; ' covers the NYT ``''`` style) and the last one, stripped of
    whitespace and then .,;:!?…, ends with one. PolNeAR keeps the marks inside the content
    span (3 of ~4,300 quotes have them outside: ignored), so mixed quotes (he has “always
    run a lean campaign”) are not direct.
Predictions: ``newsprism.annotate.quotes.quotes_in_text(text, annotator)`` on the raw text;
content = ``parts`` (``[(start, end)]`` if empty), speaker = ``speaker_start..speaker_end``.
``direct`` counts only quotes with ``kind == "direct"`` that are not ``partial`` (a quoted
fragment inside the outlet's own sentence is part of a mixed attribution in PolNeAR); ``all``
every quote except partial quotes that lie inside a predicted reported clause (the clause is
the mixed attribution).

Matching, per text and class, one-to-one:
  * normalisation: each fragment is trimmed at both ends of whitespace, quotation marks and
    .,;:!?…—– (offsets move inward); a span is the SET of non-whitespace offsets of its
    trimmed fragments (so fragments may be cut differently);
  * content exact: equal sets. Content overlap: one shared offset or more, pairs taken
    greedily by most shared offsets (a broken quote predicted as two quotes gets one match
    and one false positive: PolNeAR and ``Quote.parts`` both keep it as one);
  * source, over overlap-matched pairs whose gold has a source: hit when the normalised
    speaker span equals the normalised gold source (``src~``: one shared offset). Recall
    over gold attributions with a source; precision over those matched predictions with a
    speaker span;
  * speaker right, over overlap-matched pairs whose gold has a source: the predicted name
    (what a user reads) ends in the gold source's head word (its last word before an
    appositive, a parenthesis or a relative clause: "Mr. Trump" -> Trump), or the predicted
    mention covers that head word (PolNeAR has no coreference, so a source "he" resolved to
    a name is judged by its mention; a source that is a relative pronoun alone, "who" in
    "the mayor, who joked, ...", by a named mention ending right before it). A matched
    prediction without a name counts as wrong;
  * unknown: share of predicted direct quotes whose ``speaker`` (canonical name) is None.
P/R/F1 are micro-averaged over the texts of a group (train+dev; dev alone).
References (other data): a trained system on PARC 3.0 has content overlap F1 83.3 and source
exact F1 82.0; a widely used rule system leaves 26% of speakers unknown. ``--oracle``
predicts the gold (all scores must be 1.0); ``--baseline`` is a regex floor (quoted spans of
3+ words; speaker = a name or pronoun next to "said"/"says").

Run from the repository root:  .venv/bin/python benchmarks/polnear.py [--data DIR] [--split both|train|dev]
  [--limit N (first N texts of each split)] [--errors K (direct-class examples)] [--oracle|--baseline]
Results go to benchmarks/results/polnear.json (stand-ins: polnear-oracle/-baseline.json).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear"
CORPUS = _SHARED if _SHARED.is_dir() else Path("/work/shared/datasets/polnear")
RESULTS = Path(__file__).resolve().parent / "results"
REFERENCE = {"content_overlap_f1": 0.833, "source_exact_f1": 0.820, "unknown_speaker_rate": 0.26}
OPEN_QUOTES = "\"'`“‘«„‹"
CLOSE_QUOTES = "\"'`”’»“‘›"
TRIM = set(OPEN_QUOTES + CLOSE_QUOTES + ".,;:!?…—–")
CLASSES = ("direct", "all")
ERROR_KINDS = {  # direct-class misses and false alarms, by what overlaps them
    "fn_as_indirect": "predicted, but as indirect", "fn_missed": "no prediction",
    "fp_split": "overlaps a gold quote matched to another prediction",
    "fp_in_other": "inside a non-direct (e.g. mixed) gold attribution", "fp_none": "no gold attribution here"}
Span = tuple[int, int]


@dataclass
class Gold:
    parts: list[Span]
    source: Span | None
    direct: bool


@dataclass
class Pred:
    kind: str  # direct | indirect | partial (a quoted fragment inside the outlet's sentence)
    parts: list[Span]
    speaker: Span | None
    name: str | None


@dataclass
class Doc:
    split: str
    name: str
    text: str
    gold: list[Gold]


# --- corpus ---------------------------------------------------------------------------------
_TBOUND = re.compile(r"^(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t")


def is_direct(text: str, parts: list[Span]) -> bool:
    first = text[parts[0][0] : parts[0][1]].strip()
    last = text[parts[-1][0] : parts[-1][1]].strip().rstrip(".,;:!?…")
    return first[:1] in OPEN_QUOTES and last[-1:] in CLOSE_QUOTES


def parse_ann(path: Path, text: str) -> list[Gold]:
    lines = path.read_text("utf-8").split("\n")
    bounds: dict[str, list[Span]] = {}
    for line in lines:
        if m := _TBOUND.match(line):
            bounds[m[1]] = [(int(a), int(b)) for a, b in (p.split() for p in m[2].split(";"))]
    gold = []
    for line in lines:
        if not re.match(r"E\d+\t", line):
            continue
        roles: dict[str, list[Span]] = defaultdict(list)
        for arg in line.split("\t", 1)[1].split():
            role, _, ref = arg.partition(":")
            roles[role.rstrip("0123456789")].extend(bounds.get(ref, []))  # Content2 -> Content
        parts = sorted(roles["Content"])
        if parts:
            src = roles["Source"]
            source = (min(s for s, _ in src), max(e for _, e in src)) if src else None
            gold.append(Gold(parts, source, is_direct(text, parts)))
    return gold


def split_dirs(data: Path) -> dict[str, Path]:
    """Split name -> folder holding ``text/`` and ``attributions/``: ``data`` itself (one
    split named after it) or its sub-folders (PolNeAR's train, dev, test)."""
    if (data / "text").is_dir() and (data / "attributions").is_dir():
        return {data.name: data}
    return {d.name: d for d in sorted(data.iterdir()) if (d / "text").is_dir() and (d / "attributions").is_dir()}


def load_docs(splits: list[str], limit: int | None, data: Path = CORPUS) -> list[Doc]:
    docs = []
    folders = split_dirs(data)
    for split in splits:
        chosen: dict[str, Path] = {}
        for ann in sorted((folders[split] / "attributions").glob("*.ann")):
            chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # first annotator in sorted order
        for name, ann in list(chosen.items())[:limit]:
            with open(folders[split] / "text" / f"{name}.txt", encoding="utf-8", newline="") as f:
                text = f.read()
            docs.append(Doc(split, name, text, parse_ann(ann, text)))
    return docs


# --- predictors -----------------------------------------------------------------------------
Predictor = Callable[[Doc], list[Pred]]


def oracle(doc: Doc) -> list[Pred]:
    return [Pred("direct" if g.direct else "indirect", g.parts, g.source,
                 doc.text[slice(*g.source)] if g.source else None) for g in doc.gold]


_QUOTED = re.compile(r"“[^”\n]+”|\"[^\"\n]+\"|''(?:(?!'')[^\n])+''")
_NAME = r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey)"
_AFTER = re.compile(rf"[\s,]*(?:(?P<a>{_NAME}) (?:said|says)\b|(?:said|says) (?P<b>{_NAME}))")
_BEFORE = re.compile(rf"(?P<a>{_NAME}) (?:said|says)[,:]?\s*$")


def baseline(doc: Doc) -> list[Pred]:
    preds = []
    for m in _QUOTED.finditer(doc.text):
        if len(m[0].split()) < 3:
            continue
        speaker = None
        if after := _AFTER.match(doc.text, m.end()):
            speaker = after.span("a" if after["a"] else "b")
        elif before := _BEFORE.search(doc.text, max(0, m.start() - 60), m.start()):
            speaker = before.span("a")
        name = doc.text[slice(*speaker)] if speaker else None
        preds.append(Pred("direct", [m.span()], speaker, name))
    return preds


def load_real() -> Predictor:
    from newsprism.annotate import Annotator, quotes  # lazy: the extractor is optional here

    annotator = Annotator.load()

    def predict(doc: Doc) -> list[Pred]:
        out = []
        for q in quotes.quotes_in_text(doc.text, annotator):
            parts = [(int(s), int(e)) for s, e in q.parts] or [(q.start, q.end)]
            has_speaker = q.speaker_start is not None and q.speaker_end is not None
            kind = "partial" if q.partial else q.kind
            out.append(Pred(kind, parts, (q.speaker_start, q.speaker_end) if has_speaker else None, q.speaker))
        # PolNeAR annotates "he favours a “strongman approach”" as ONE mixed attribution (the
        # clause): a partial quote inside a predicted reported clause is that clause's
        # attribution; a partial quote no clause covers stands for its mixed attribution.
        clauses = [p.parts[0] for p in out if p.kind == "indirect"]
        return [p for p in out if p.kind != "partial" or not any(a <= p.parts[0][0] < b for a, b in clauses)]

    return predict


# --- matching -------------------------------------------------------------------------------
def offsets(text: str, parts: list[Span]) -> frozenset[int]:
    """Non-whitespace offsets of the fragments, each trimmed of space, quotes and punctuation."""
    out: set[int] = set()
    for start, end in parts:
        while start < end and (text[start].isspace() or text[start] in TRIM):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM):
            end -= 1
        out.update(i for i in range(start, end) if not text[i].isspace())
    return frozenset(out)


def match_exact(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[Span]:
    free: dict[frozenset[int], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        free[g].append(i)
    return [(free[p].pop(0), j) for j, p in enumerate(pred) if p and free.get(p)]


def match_overlap(gold: list[frozenset[int]], pred: list[frozenset[int]]) -> list[Span]:
    pairs = sorted((-len(g & p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                   if g and p and min(g) <= max(p) and min(p) <= max(g) and not g.isdisjoint(p))
    out: list[Span] = []
    for _, i, j in pairs:
        if all(i != a and j != b for a, b in out):
            out.append((i, j))
    return out


def score_doc(doc: Doc, preds: list[Pred], cls: str, errors: dict[str, list[str]] | None) -> Counter[str]:
    text = doc.text
    gold = [g for g in doc.gold if cls == "all" or g.direct]
    pred = [p for p in preds if p.kind == "direct" or cls == "all"]
    gsets = [offsets(text, g.parts) for g in gold]
    psets = [offsets(text, p.parts) for p in pred]
    c: Counter[str] = Counter(gold=len(gold), pred=len(pred), gold_source=sum(g.source is not None for g in gold),
                              unknown=sum(p.name is None for p in pred))
    exact = match_exact(gsets, psets)
    overlap = match_overlap(gsets, psets)
    c["exact"], c["overlap"] = len(exact), len(overlap)
    for i, j in overlap:
        g, p = gold[i], pred[j]
        if g.source is not None:
            right = speaker_right(text, g.source, p)
            c["speaker_judged"] += 1
            c["speaker_right"] += right
            if errors is not None and not right:
                errors["who"].append(f"{doc.name}: gold {show(text, [g.source])} vs predicted {p.name!r} "
                                     f"({show(text, [p.speaker]) if p.speaker else 'no mention'}) for "
                                     f"{context(text, g.parts, 120)}")
        if g.source is None or p.speaker is None:
            continue
        c["pred_source"] += 1
        gs, ps = offsets(text, [g.source]), offsets(text, [p.speaker])
        c["source_exact"] += bool(gs) and gs == ps
        c["source_overlap"] += not gs.isdisjoint(ps)
        if errors is not None and gs != ps:
            errors["speaker"].append(f"{doc.name}: gold {show(text, [g.source])} vs predicted "
                                     f"{show(text, [p.speaker])} for {show(text, g.parts, 60)}")
    if cls != "direct":
        return c
    hit_g, hit_p, exact_g = {i for i, _ in overlap}, {j for _, j in overlap}, {i for i, _ in exact}
    other_gold = [offsets(text, g.parts) for g in doc.gold if not g.direct]
    other_pred = [offsets(text, p.parts) for p in preds if p.kind != "direct"]
    for i, g in enumerate(gold):
        if i not in hit_g:
            kind = "fn_as_indirect" if any(not gsets[i].isdisjoint(o) for o in other_pred) else "fn_missed"
            c[kind] += 1
            if errors is not None:
                errors["fn"].append(f"{doc.name}: {context(text, g.parts)} [{ERROR_KINDS[kind]}]")
    for j, p in enumerate(pred):
        if j not in hit_p:
            kind = ("fp_split" if any(not psets[j].isdisjoint(o) for o in gsets) else
                    "fp_in_other" if any(not psets[j].isdisjoint(o) for o in other_gold) else "fp_none")
            c[kind] += 1
            if errors is not None:
                errors["fp"].append(f"{doc.name}: {context(text, p.parts)} [{ERROR_KINDS[kind]}]")
    for i, j in overlap:
        if errors is not None and i not in exact_g:
            errors["boundary"].append(f"{doc.name}:\n      gold {show(text, gold[i].parts)}"
                                      f"\n      pred {show(text, pred[j].parts)}")
    return c


_RELATIVE = re.compile(r"\s*(?:who|which|that)\s*", re.I)
_CUT = re.compile(r"\s*(?:,|\(|\bwho\b|\bwhich\b).*$", re.S)


def gold_head(text: str, source: Span) -> tuple[int, str] | None:
    """The gold source's head word and its offset: its last word before an appositive,
    a parenthesis or a relative clause ("Sen. Ted Cruz (R-Texas)" -> Cruz, "Clinton, the
    former secretary" -> Clinton, "the Trump campaign" -> campaign), possessive dropped."""
    a, b = source
    mention = _CUT.sub("", text[a:b])
    words = list(re.finditer(r"[\w@][\w.&@-]*", mention))
    if not words:
        return None
    last = words[-1]
    return a + last.start(), re.sub(r"['’]s$", "", last[0].rstrip(".")).lower()


def speaker_right(text: str, source: Span, pred: Pred) -> bool:
    """The named speaker is right: the predicted name ends in the gold source's head word
    ("Donald Trump" for "Mr. Trump", "Trump campaign" for "the Trump campaign"), or the
    predicted mention covers that head (a pronoun or description annotated as the source:
    PolNeAR has no coreference, so "he" resolved to a name is judged by its mention). A
    source that is a relative pronoun alone ("who", "which", "that") stands for the noun
    phrase right before it: a name whose mention ends there (or covers the pronoun) is right."""
    a, b = source
    if _RELATIVE.fullmatch(text[a:b]):
        # "the mayor, who joked, “...”": PolNeAR annotates the relative pronoun; what it stands
        # for is the noun phrase right before it, so a name whose mention ends there is right
        if not pred.name or pred.speaker is None:
            return False
        start, end = pred.speaker
        return start <= a < end or end <= a and not text[end:a].strip(" ,")
    head = gold_head(text, source)
    if head is None:
        return False
    at, word = head
    if pred.name and re.sub(r"['’]s$", "", pred.name.split()[-1].rstrip(".")).lower() == word:
        return True
    return pred.speaker is not None and pred.speaker[0] <= at < pred.speaker[1]


def extent(parts: list[Span]) -> Span:
    return min(s for s, _ in parts), max(e for _, e in parts)


def show(text: str, parts: list[Span], width: int = 160) -> str:
    s = " | ".join(text[a:b] for a, b in sorted(parts)).replace("\n", "⏎")
    return repr(s if len(s) <= width else s[: width // 2] + " … " + s[-width // 2 :])


def context(text: str, parts: list[Span], margin: int = 50) -> str:
    start, end = extent(parts)
    s = f"{text[max(0, start - margin) : start]}[[{text[start:end]}]]{text[end : end + margin]}".replace("\n", "⏎")
    return s if len(s) <= 360 else s[:200] + " … " + s[-150:]


# --- report ---------------------------------------------------------------------------------
def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summarise(c: Counter[str]) -> dict:
    return {
        "counts": dict(c),
        "content_exact": prf(c["exact"], c["pred"], c["gold"]),
        "content_overlap": prf(c["overlap"], c["pred"], c["gold"]),
        "source_exact": prf(c["source_exact"], c["pred_source"], c["gold_source"]),
        "source_overlap": prf(c["source_overlap"], c["pred_source"], c["gold_source"]),
        "unknown_speaker_rate": c["unknown"] / c["pred"] if c["pred"] else 0.0,
        "speaker_right": c["speaker_right"] / c["speaker_judged"] if c["speaker_judged"] else 0.0,
    }


def print_table(results: dict[str, dict[str, dict]]) -> None:
    def cell(m: dict[str, float]) -> str:
        return f"{m['precision']:.3f} {m['recall']:.3f} {m['f1']:.3f}"

    print(f"| {'set':<9} | {'class':<6} | {'gold':>5} | {'pred':>5} | {'matched ex/ov':>13} | {'exact P  R  F1':^17} | "
          f"{'overlap P  R  F1':^17} | {'source P  R  F1':^17} | src~ F1 | speaker right | unknown |")
    print(f"|{'-' * 11}|{'-' * 8}|{'-' * 7}|{'-' * 7}|{'-' * 15}|{'-' * 19}|{'-' * 19}|{'-' * 19}|"
          "---------|---------------|---------|")
    for group, by_class in results.items():
        for cls, r in by_class.items():
            unknown = f"{r['unknown_speaker_rate']:7.3f}" if cls == "direct" else f"{'':7}"
            c, matched = r["counts"], f"{r['counts']['exact']}/{r['counts']['overlap']}"
            print(f"| {group:<9} | {cls:<6} | {c['gold']:5d} | {c['pred']:5d} | {matched:>13} | "
                  f"{cell(r['content_exact'])} | {cell(r['content_overlap'])} | {cell(r['source_exact'])} | "
                  f"{r['source_overlap']['f1']:7.3f} | {r['speaker_right']:13.3f} | {unknown} |")
    print(f"| {'published':<9} | {'all':<6} | {'':>5} | {'':>5} | {'':>13} | {'':17} | {'':>11}"
          f"{REFERENCE['content_overlap_f1']:.3f} | {'':>11}{REFERENCE['source_exact_f1']:.3f} | {'':7} | {'':13} | "
          f"{REFERENCE['unknown_speaker_rate']:7.3f} |")
    print("published: trained system on PARC 3.0 (overlap F1, source exact F1); unknown: rule system\n"
          "speaker right: of matched predictions whose gold has a source, the share whose named speaker ends in "
          "the gold source's head word or whose mention covers it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=CORPUS,
                        help="PolNeAR-style folder: split folders (train/, dev/) or one split (text/, attributions/)")
    parser.add_argument("--split", default="both", help="both (train+dev), or one split folder's name")
    parser.add_argument("--limit", type=int, default=None, help="first N texts of each split")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print K direct-class examples")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--oracle", action="store_true", help="predict the gold (scores must be 1.0)")
    which.add_argument("--baseline", action="store_true", help="regex floor instead of newsprism")
    args = parser.parse_args()

    wall = time.perf_counter()
    found = split_dirs(args.data)
    if args.split == "both":
        splits = [s for s in ("train", "dev") if s in found] or [s for s in found if s != "test"]
    elif args.split in found:
        splits = [args.split]
    else:
        sys.exit(f"no split {args.split!r} in {args.data} (found: {', '.join(found) or 'none'})")
    docs = load_docs(splits, args.limit, args.data)
    start = time.perf_counter()
    if args.oracle or args.baseline:
        predictor_name, predict = ("oracle", oracle) if args.oracle else ("baseline", baseline)
    else:
        predictor_name = "newsprism"
        try:
            predict = load_real()
        except ImportError as err:
            sys.exit(f"newsprism quote extractor not importable ({err}); try --oracle or --baseline")
    load_seconds = time.perf_counter() - start
    start, failed = time.perf_counter(), []
    predictions: list[list[Pred]] = []
    for doc in docs:
        try:
            predictions.append(predict(doc))
        except Exception as err:  # noqa: BLE001 - a crash on one text counts as no prediction
            predictions.append([])
            failed.append(f"{doc.name}: {type(err).__name__}: {err}")
    seconds = time.perf_counter() - start

    groups = {"+".join(splits): tuple(splits)}
    if len(splits) > 1:
        groups.update({s: (s,) for s in splits if s == "dev"})
    errors: dict[str, list[str]] = defaultdict(list)
    counts = {g: {cls: Counter[str]() for cls in CLASSES} for g in groups}
    for doc, preds in zip(docs, predictions, strict=True):
        for cls in CLASSES:
            c = score_doc(doc, preds, cls, errors if cls == "direct" and args.errors else None)
            for group, members in groups.items():
                if doc.split in members:
                    counts[group][cls].update(c)
    results = {g: {cls: summarise(c) for cls, c in by_class.items()} for g, by_class in counts.items()}

    n_texts = Counter(doc.split for doc in docs)
    gold_direct = [g for doc in docs for g in doc.gold if g.direct]
    print(f"PolNeAR attribution extraction, predictor: {predictor_name}; texts: "
          + ", ".join(f"{s} {n}" for s, n in n_texts.items())
          + f"; gold direct without a source: {sum(g.source is None for g in gold_direct)}/{len(gold_direct)}")
    rate = len(docs) / max(seconds, 1e-9)
    print(f"model load {load_seconds:.1f} s, prediction {seconds:.1f} s ({rate:.1f} texts/s), "
          f"wall {time.perf_counter() - wall:.1f} s; texts failed: {len(failed)} {failed[:3]}\n")
    print_table(results)
    for group, by_class in results.items():
        c = by_class["direct"]["counts"]
        print(f"{group} direct errors: " + "; ".join(f"{c.get(k, 0)} {v}" for k, v in ERROR_KINDS.items()))
    for key, title in [("fn", "direct false negatives (gold left unmatched)"),
                       ("fp", "direct false positives (prediction left unmatched)"),
                       ("boundary", "direct boundary errors (overlap but not exact)"),
                       ("speaker", "direct speaker errors (matched content, speaker span differs)"),
                       ("who", "direct wrong speakers (matched content, the named speaker is not the gold source)")]:
        if args.errors and errors[key]:
            sample = random.Random(0).sample(errors[key], min(args.errors, len(errors[key])))
            print(f"\n{title}: {len(errors[key])} in all, {len(sample)} shown")
            for line in sample:
                print(f"  - {line}")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / ("polnear.json" if predictor_name == "newsprism" else f"polnear-{predictor_name}.json")
    out.write_text(json.dumps({
        "dataset": str(args.data), "predictor": predictor_name, "python": sys.version.split()[0],
        "annotation": "first annotator in sorted order per text", "texts": dict(n_texts),
        "load_seconds": round(load_seconds, 2), "seconds": round(seconds, 2), "failed": failed,
        "reference": REFERENCE, "results": results}, indent=2))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
