"""Main-text extraction quality of HTML pages: plain trafilatura against newsprism.

Dataset: the article-extraction benchmark at /work/shared/datasets/article_extraction
(181 news pages, ``html/<id>.html.gz``, ``ground-truth.json`` = {id: {articleBody, url}}).

Metric: the benchmark's own shingle matching, re-implemented here.
  * tokens are ``\\w+`` matches (unicode, case kept); shingles are 4-grams of tokens
    (a text of 1-3 tokens is one shingle of all its tokens, an empty text has none);
  * per page, tp/fp/fn are multiset overlaps of the true and predicted shingles,
    divided by tp+fp+fn so that every page weighs the same;
  * precision = mean of tp/(tp+fp) over pages with tp+fp > 0, recall = mean of
    tp/(tp+fn) over pages with tp+fn > 0 (1.0 when fp == fn == 0, 0.0 when the
    numerator and the other term are both 0); F1 is the harmonic mean of the two means;
  * ± is 1.96 x the standard deviation over 1000 bootstrap resamples of the pages
    (fixed seed), as in the benchmark.

Rows:
  * ``trafilatura.extract`` with its defaults (url passed), the published reference
    (trafilatura 2.0.0: F1 0.958, precision 0.938, recall 0.978);
  * ``newsprism extract_html``: the text of the HTML stage alone (before plain-text rules);
  * ``newsprism clean``: ``Article.text`` of the full cleaning step as the product runs it
    (title, byline, date lines and page furniture moved out of the body).
Pages are decoded from bytes with ``newsprism.ingest.decode.decode_bytes``. A page the
extractor fails on counts as an empty prediction.

Run from the repository root:  .venv/bin/python benchmarks/html_extraction.py
Results go to benchmarks/results/html_extraction.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

import newsprism
from newsprism.clean import clean
from newsprism.clean.html import extract_html
from newsprism.errors import InputError
from newsprism.ingest.decode import decode_bytes
from newsprism.model import RawDocument, Source

DATASET = Path("/work/shared/datasets/article_extraction")
RESULTS = Path(__file__).resolve().parent / "results"
REFERENCE = {"f1": 0.958, "precision": 0.938, "recall": 0.978}  # trafilatura 2.0.0, published
_TOKEN = re.compile(r"\w+", re.UNICODE)


# --- metric ---------------------------------------------------------------------------------
def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(tp: float, other: float, rest: float) -> float:
    if other == rest == 0:
        return 1.0
    if tp == other == 0:
        return 0.0
    return tp / (tp + other)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0)
    recall = statistics.mean(_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0)
    return {"f1": 2 * precision * recall / (precision + recall), "precision": precision, "recall": recall}


def evaluate(truth: dict[str, str], pred: dict[str, str], n_boot: int = 1000, seed: int = 0) -> dict:
    counts = [tp_fp_fn(truth[key], pred.get(key, "")) for key in sorted(truth)]
    result: dict = scores(counts)
    rng = random.Random(seed)
    boot: dict[str, list[float]] = {key: [] for key in result}
    for _ in range(n_boot):
        sample = [counts[rng.randrange(len(counts))] for _ in counts]
        for key, value in scores(sample).items():
            boot[key].append(value)
    for key, values in boot.items():
        result[f"{key}_ci"] = 1.96 * statistics.stdev(values)
    result["exact"] = sum(fp == fn == 0 for _, fp, fn in counts) / len(counts)
    result["per_page_f1"] = {
        key: round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
        for key, (tp, fp, fn) in zip(sorted(truth), counts, strict=True)
    }
    return result


# --- extractors ---------------------------------------------------------------------------
def run_trafilatura(html: str, url: str, page_id: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def run_extract_html(html: str, url: str, page_id: str) -> str:
    return extract_html(html, page_id, url).text


def run_newsprism(html: str, url: str, page_id: str) -> str:
    raw = RawDocument(id=page_id, source=Source(url=url), content=html, content_type="html")
    return clean(raw).text


EXTRACTORS: dict[str, Callable[[str, str, str], str]] = {
    f"trafilatura.extract defaults ({trafilatura.__version__})": run_trafilatura,
    f"newsprism extract_html ({newsprism.__version__})": run_extract_html,
    f"newsprism clean -> Article.text ({newsprism.__version__})": run_newsprism,
}


def load_pages() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    truth_json = json.loads((DATASET / "ground-truth.json").read_text("utf-8"))
    truth, urls, htmls = {}, {}, {}
    for key, item in truth_json.items():
        truth[key] = item.get("articleBody", "")
        urls[key] = item.get("url", "")
        data = gzip.decompress((DATASET / "html" / f"{key}.html.gz").read_bytes())
        htmls[key], _ = decode_bytes(data, key)
    return truth, urls, htmls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-bootstrap", type=int, default=1000)
    args = parser.parse_args()
    truth, urls, htmls = load_pages()
    rows = []
    for name, extractor in EXTRACTORS.items():
        pred, failed = {}, 0
        start = time.perf_counter()
        for key in sorted(truth):
            try:
                pred[key] = extractor(htmls[key], urls[key], key)
            except InputError:
                pred[key], failed = "", failed + 1
        seconds = time.perf_counter() - start
        metrics = evaluate(truth, pred, args.n_bootstrap)
        rows.append({"name": name, "pages": len(truth), "failed": failed,
                     "seconds": round(seconds, 2), **metrics})

    print(f"HTML main-text extraction, {len(truth)} pages, shingle F1 (± 1.96 sd, "
          f"{args.n_bootstrap} bootstrap resamples)\n")
    print(f"| {'extractor':<46} | {'F1':^13} | {'precision':^13} | {'recall':^13} | exact | failed | pages/s |")
    print(f"|{'-' * 48}|{'-' * 15}|{'-' * 15}|{'-' * 15}|-------|--------|---------|")
    ref = {"name": "trafilatura 2.0.0 (published reference)", **REFERENCE}
    for row in [ref, *rows]:
        cells = [f"{row[k]:.3f} ± {row[k + '_ci']:.3f}" if k + "_ci" in row else f"{row[k]:.3f}{'':8}"
                 for k in ("f1", "precision", "recall")]
        extra = (f"{row['exact']:5.3f} | {row['failed']:6d} | {row['pages'] / row['seconds']:7.1f}"
                 if "exact" in row else f"{'':5} | {'':6} | {'':7}")
        print(f"| {row['name']:<46} | {' | '.join(cells)} | {extra} |")

    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "html_extraction.json"
    out.write_text(json.dumps({"dataset": str(DATASET), "python": sys.version.split()[0],
                               "reference": ref, "rows": rows}, indent=2))
    print(f"\nwritten {out}")


if __name__ == "__main__":
    main()
