"""Gold-labelled article sets for the story benchmarks (stories.py, story_cost.py).

Each loader returns ``Item``s: a RawDocument built from the dataset's own text, the gold
event it belongs to, and the half (0 or 1) it falls in. Halves split by EVENT GROUP, never
inside one, so thresholds chosen on half 0 are checked on events they never saw:
  * ecbplus: topics 1-22 (those present); gold event = topic + sub-corpus (``ecb`` vs
    ``ecbplus`` files of one topic are two different look-alike events, e.g. two different
    celebrities entering rehab). Half = topic number odd (0) / even (1), so both look-alike
    events of a topic stay in the same half. Text: the tokens of the .xml file, one line
    per sentence, lightly detokenised; sentence 0 of an ``ecbplus`` file is the page URL
    (kept as ``source.url``, not as text). ECB+ files state no titles or dates as metadata:
    whatever the cleaner finds in the text (a date line, a headline line) is what we get.
  * basil: every article; gold event = triplet uuid; title and publish date from the JSON.
    Half = position of the triplet in uuid order, even (0) / odd (1).
  * neus: the val split; every outlet's title + lead of a line; gold = the line. No dates.
    Half = line number even (0) / odd (1).

Articles are built the way the product builds them (``clean`` then ``annotate_all`` with
``Annotator.load()``) and cached, pickled, outside the repository (``--cache``).
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from newsprism.model import Article, RawDocument, Source

SHARED = Path(__file__).resolve().parents[2] / "shared" / "datasets"
DEFAULT_CACHE = Path("/tmp/newsprism-story-cache")
ECB_TOPICS = range(1, 23)


@dataclass
class Item:
    raw: RawDocument
    gold: str
    half: int
    # ECB+ only: sentence number -> its text as written into ``raw.content`` (one a paragraph)
    lines: dict[int, str] = field(default_factory=dict)


def default_dir(name: str) -> Path:
    return SHARED / name


# ---------------------------------------------------------------- ECB+

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenise(tokens: list[str]) -> str:
    """Tokens joined back into readable text: enough for spaCy to see normal prose."""
    text = " ".join(t for t in tokens if t is not None)
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\b([A-Z]) \. (?=[A-Z] \.)", r"\1.", text)  # U . S . -> U.S .
    text = re.sub(r"\b([A-Z]) \.(?= |$)", r"\1.", text)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"(\d) ?: (\d)", r"\1:\2", text)  # 11 : 45, 11: 45 -> 11:45
    text = re.sub(r"(\d) / (\d)", r"\1/\2", text)  # 05 / 02 / 2013 -> 05/02/2013
    text = re.sub(r"(\w) - (\w)", r"\1-\2", text)  # 90 - day -> 90-day
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return re.sub(r"\s+", " ", text).strip()


def ecb_tokens(path: Path) -> tuple[ET.Element, dict[int, list[ET.Element]]]:
    """An ECB+ .xml file's root element and its <token> elements by sentence number."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[ET.Element]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token)
    return root, sentences


def load_ecbplus(root: Path, topics: Iterable[int] = ECB_TOPICS) -> list[Item]:
    items = []
    for topic in topics:
        folder = root / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            sentences = {k: [t.text or "" for t in tokens] for k, tokens in ecb_tokens(path)[1].items()}
            sub = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            url = None
            if sub == "ecbplus" and 0 in sentences:
                url = "".join(sentences.pop(0))
            lines = {k: detokenise(sentences[k]) for k in sorted(sentences)}
            lines = {k: line for k, line in lines.items() if line}
            raw = RawDocument(id=f"ecb-{path.stem}", source=Source(path=str(path), url=url),
                              content="\n\n".join(lines.values()), content_type="text")
            items.append(Item(raw, f"{topic}-{sub}", 0 if topic % 2 else 1, lines))
    return items


# ---------------------------------------------------------------- BASIL

def load_basil(root: Path) -> list[Item]:
    # The file name (<triplet>_<n>.json) names the triplet and the article: the JSON's own
    # "uuid" field repeats across articles of different triplets, so it cannot be the id.
    triplets: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted((root / "articles").glob("*/*.json")):
        article = json.loads(path.read_text("utf-8"))
        triplets.setdefault(path.stem.rsplit("_", 1)[0], []).append((path.stem, article))
    items = []
    for number, (uuid, articles) in enumerate(sorted(triplets.items())):
        for stem, article in articles:
            paragraphs = article["body-paragraphs"]
            if isinstance(paragraphs, str):  # some files store the list as its repr
                import ast
                paragraphs = ast.literal_eval(paragraphs)
            body = "\n\n".join(" ".join(p) for p in paragraphs)
            raw = RawDocument(id=f"basil-{stem}", source=Source(path=article.get("url")),
                              content=body, content_type="text", title=article.get("title"),
                              outlet=article.get("source"), published=article.get("date"))
            items.append(Item(raw, uuid, number % 2))
    return items


# ---------------------------------------------------------------- NeuS

def _part(part: str) -> tuple[str, str]:
    title = re.search(r"TITLE=>\s*(.*?)\s*ARTICLE=>", part, re.S)
    body = re.search(r"ARTICLE=>\s*(.*)", part, re.S)
    return (title.group(1).strip() if title else ""), (body.group(1).strip() if body else part.strip())


def load_neus(root: Path, split: str = "val") -> list[Item]:
    items = []
    for number, line in enumerate((root / f"{split}.source").read_text("utf-8").splitlines()):
        for side, part in enumerate(line.split("[SEP]")):
            title, body = _part(part)
            if not body:
                continue
            raw = RawDocument(id=f"neus-{number}-{side}", source=Source(path=f"{split}.source", line=number + 1),
                              content=body, content_type="text", title=title or None)
            items.append(Item(raw, f"line-{number}", number % 2))
    return items


LOADERS = {"ecbplus": load_ecbplus, "basil": load_basil, "neus_allsides": load_neus}


# ---------------------------------------------------------------- articles, as the product builds them

def build_articles(items: list[Item], cache: Path | None = DEFAULT_CACHE) -> tuple[list[Article], list[Item]]:
    """Clean and annotate every item (cached by content), dropping those the cleaner refuses.

    Returns the articles and the items they came from, aligned."""
    from newsprism.annotate import Annotator, annotate_all
    from newsprism.clean import clean
    from newsprism.errors import InputError

    # The key covers the inputs and the code that builds articles, so a change to either rebuilds.
    package = Path(__file__).resolve().parents[1] / "src" / "newsprism"
    code = sorted(p for p in package.rglob("*.py") if p.parent.name in {"ingest", "clean", "annotate", "lang"})
    stamp = hashlib.sha1(b"".join(p.read_bytes() for p in code)).hexdigest()
    key = hashlib.sha1((stamp + "\x00".join(i.raw.id + i.raw.content + (i.raw.title or "") + (i.raw.published or "")
                                            for i in items)).encode()).hexdigest()[:16]
    path = cache / f"articles-{key}.pkl" if cache else None
    if path and path.exists():
        with path.open("rb") as f:
            articles = pickle.load(f)
    else:
        annotator = Annotator.load()
        cleaned = []
        for item in items:
            try:
                cleaned.append(clean(item.raw))
            except InputError as err:
                print(f"skipped {item.raw.id}: {err.reason}", file=sys.stderr)
        articles = list(annotate_all(cleaned, annotator, on_error=lambda a, e: print(a.id, e, file=sys.stderr)))
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as f:
                pickle.dump(articles, f)
    by_id = {i.raw.id: i for i in items}
    return articles, [by_id[a.id] for a in articles]


def load(name: str, data: Path | None = None, cache: Path | None = DEFAULT_CACHE) -> tuple[list[Article], list[Item]]:
    items = LOADERS[name](data or default_dir(name))
    return build_articles(items, cache)
