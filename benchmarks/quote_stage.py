"""Time of the quote stage alone (``annotate.quotes.find_quotes``) on PolNeAR texts, the parse
done once beforehand, so that a change to the quote rules is timed without spaCy's noise
(issue 16: the quote stage's share of ``analyze`` must not grow).

Each text is parsed once (one spaCy doc per paragraph, as annotation does) and cached at
``--cache`` (a pickle of DocBins; made on the first run, about two minutes for train+dev). The
table gives the best of ``--repeat`` passes over all texts, the quotes found, and a digest of
them: two versions with the same digest found the same quotes.

    PYTHONPATH=src .venv/bin/python benchmarks/quote_stage.py [--data DIR] [--cache FILE] [--repeat 5]

To compare with another checkout, run its copy with its own ``PYTHONPATH`` and the same cache.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import time
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear"


def parse_all(data: Path, cache: Path, annotator) -> list[tuple[str, list[tuple[int, int]], bytes]]:  # type: ignore[no-untyped-def]
    from spacy.tokens import DocBin

    from newsprism.annotate.quotes import _ODD_SPACES

    if cache.exists():
        return pickle.loads(cache.read_bytes())
    folders = [data / s / "text" for s in ("train", "dev") if (data / s / "text").is_dir()] or [data / "text"]
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            with open(path, encoding="utf-8", newline="") as handle:
                text = handle.read().translate(_ODD_SPACES)
            paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
            docs = DocBin()
            for doc in annotator.nlp.pipe([text[a:b] for a, b in paragraphs]):
                docs.add(doc)
            out.append((text, paragraphs, docs.to_bytes()))
    cache.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=_SHARED, help="PolNeAR (train/ and dev/) or one split's folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-quote-stage.pkl"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from spacy.tokens import DocBin

    from newsprism.annotate import Annotator, sentence_spans
    from newsprism.annotate.entities import repaired_entities
    from newsprism.annotate.quotes import find_quotes
    from newsprism.model import Article, Paragraph, Sentence

    annotator = Annotator.load()
    prepared = []
    for k, (text, paragraphs, blob) in enumerate(parse_all(args.data, args.cache, annotator)):
        docs = list(DocBin().from_bytes(blob).get_docs(annotator.nlp.vocab))
        article = Article(id=f"t{k}", source=None, text=text)  # type: ignore[arg-type]
        article.paragraphs = [Paragraph(a, b) for a, b in paragraphs]
        surnames: set[str] = set()
        for para, doc in zip(article.paragraphs, docs, strict=True):
            article.sentences.extend(Sentence(para.start + a, para.start + b, 0)
                                     for a, b in sentence_spans(doc.text, annotator.segmenter))
            article.entities.extend(repaired_entities(doc, para.start, annotator.gazetteer, surnames))
        prepared.append((article, docs))
    best, quotes = float("inf"), []
    for _ in range(args.repeat):
        started = time.perf_counter()
        quotes = [q for article, docs in prepared for q in find_quotes(article, docs)]
        best = min(best, time.perf_counter() - started)
    digest = hashlib.sha1(repr([(q.article_id, q.start, q.end, q.speaker, q.kind, q.parts, q.cue_start, q.partial)
                                for q in quotes]).encode()).hexdigest()[:12]
    print("| texts | quotes (direct / reported) | find_quotes s, best of", args.repeat, "| ms per text | digest |")
    print("|---:|---|---:|---:|---|")
    direct = sum(q.kind == "direct" for q in quotes)
    print(f"| {len(prepared)} | {len(quotes)} ({direct} / {len(quotes) - direct}) | {best:.2f} | "
          f"{1000 * best / max(1, len(prepared)):.2f} | {digest} |")


if __name__ == "__main__":
    main()
