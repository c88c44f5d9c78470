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
import time
from pathlib import Path

_SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "polnear"


def parse_all(data: Path, cache: Path, annotator) -> list[tuple[str, bytes]]:  # type: ignore[no-untyped-def]
    """Each text and its paragraphs' parses (a DocBin), parsed once and kept at ``cache``."""
    from spacy.tokens import DocBin

    from newsprism.annotate.quotes import plain_text_article

    if cache.exists():
        return pickle.loads(cache.read_bytes())
    folders = [data / s / "text" for s in ("train", "dev") if (data / s / "text").is_dir()] or [data / "text"]
    out = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            with open(path, encoding="utf-8", newline="") as handle:
                text = handle.read()
            docs = DocBin()
            for doc in plain_text_article(text, annotator)[1]:
                docs.add(doc)
            out.append((text, docs.to_bytes()))
    cache.write_bytes(pickle.dumps(out))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=_SHARED, help="PolNeAR (train/ and dev/) or one split's folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsprism-quote-stage.pkl"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from spacy.tokens import DocBin

    from newsprism.annotate import Annotator
    from newsprism.annotate.quotes import find_quotes, plain_text_article

    annotator = Annotator.load()
    vocab = annotator.nlp.vocab
    prepared = [plain_text_article(text, annotator, f"t{k}", list(DocBin().from_bytes(blob).get_docs(vocab)))
                for k, (text, blob) in enumerate(parse_all(args.data, args.cache, annotator))]
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
