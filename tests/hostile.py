"""A corpus of script-injection payloads written into article files, for the tests that open
newsprism's pages (report.html, the web UI) in a real browser and check nothing executes.

Every payload is a string an outlet, a scraper or an attacker could put into an article: in
its text, title, outlet name, byline, publish date, URL, JSON Lines id, or the file name
itself. Each one, if the page ran it, sets ``window.__pwned`` (to the payload's number) or
calls ``alert`` with it, so a test asserts ``window.__pwned`` is undefined and no dialog
fired; and each has a ``literal``: the part that must be visible verbatim as text on the
page that shows the field (escaped, not interpreted, not dropped).

All text here was written for this corpus: the town, the people and the events are invented.

``write_corpus(folder)`` writes the files and returns a ``Corpus`` saying which payload went
where. As a script, ``python -m tests.hostile OUT/`` writes it for a manual look
(``newsprism analyze OUT/ -o report/``, or ingest it and ``newsprism serve``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MARK = "@N@"  # replaced by the payload's number in its template


@dataclass(frozen=True)
class Payload:
    number: int  # what it sets window.__pwned to, or passes to alert
    key: str  # a short name for messages
    text: str  # the hostile string as written into the article
    literal: str | None  # the part that must show verbatim as text wherever the field is shown

    def __str__(self) -> str:
        return f"#{self.number} {self.key}"


# (key, template, literal): the literal is the whole payload unless given (None: nothing
# printable is sure to survive, e.g. a field the pipeline is right to reject).
_TEMPLATES: list[tuple[str, str, str | None]] = [
    ("script", "<script>window.__pwned=@N@</script>", ""),
    ("img-onerror", "<img src=x onerror=window.__pwned=@N@>", ""),
    ("img-onerror-alert", "<img src=x onerror=alert(@N@)>", ""),
    ("attr-break-svg", '"><svg onload=window.__pwned=@N@>', ""),
    ("single-quote-break", "'><svg/onload=window.__pwned=@N@ x='", ""),
    ("javascript-url", "javascript:window.__pwned=@N@", ""),
    ("javascript-url-mixed-case", "JaVaScRiPt:alert(@N@)", ""),
    ("title-break", "</title><script>window.__pwned=@N@</script>", ""),
    ("style-break", "</style><script>window.__pwned=@N@</script>", ""),
    ("textarea-break", "</textarea><script>alert(@N@)</script>", ""),
    ("script-data-break", "</script><script>window.__pwned=@N@</script><script>", ""),
    ("jinja-expression", "{{7*7}} {{'<script>window.__pwned=@N@</script>'|safe}}", ""),
    ("jinja-raw", "{% raw %}{% endraw %}{% include 'x' %}{# @N@ #}", ""),
    ("other-templates", "${7*7} #{7*7} <%= 7*7 %> [[@N@]]", ""),
    ("markdown-link", "[read more](javascript:window.__pwned=@N@)", ""),
    ("markdown-image", "![chart](javascript:alert(@N@)) <javascript:alert(@N@)>", ""),
    ("iframe-srcdoc", '<iframe srcdoc="<script>parent.__pwned=@N@</script>"></iframe>', ""),
    ("entity-encoded", "&lt;script&gt;window.__pwned=@N@&lt;/script&gt; &#60;b&#62;", ""),
    ("comment-cdata", "<!--<script>window.__pwned=@N@</script>--> ]]> <![CDATA[x]]>", ""),
    ("onclick-link", '<a href="#" onclick="window.__pwned=@N@">details</a>', ""),
    ("style-attr", '<div style="background:url(javascript:alert(@N@))">x</div>', ""),
    ("base-meta-refresh",
     '<base href="javascript:alert(@N@)//"><meta http-equiv="refresh" content="0;url=javascript:alert(@N@)">', ""),
    ("details-ontoggle", "<details open ontoggle=window.__pwned=@N@>", ""),
    ("percent-encoded", "%3Cscript%3Ewindow.__pwned=@N@%3C/script%3E %E0%A4%A", ""),
    ("fullwidth-brackets", "\uff1cscript\uff1ewindow.__pwned=@N@\uff1c/script\uff1e", ""),
    ("rtl-override", "\u202egnp.exe\u202c <b>@N@</b> \u2066isolate\u2069", "<b>@N@</b>"),
    ("null-ish", "nul\u0000byte zero\u200bwidth bom\ufeff esc\u001b[31m <i>@N@</i> bell\u0007", "<i>@N@</i>"),
    ("long-token", "W" * 3000 + "<script>window.__pwned=@N@</script>" + "x" * 3000,
     "<script>window.__pwned=@N@</script>"),
    ("path-traversal", "../../../../etc/passwd?@N@", ""),
    ("tab-javascript-url", "java\tscript:window.__pwned=@N@", None),
]


def _payloads() -> dict[str, Payload]:
    out = {}
    for number, (key, template, literal) in enumerate(_TEMPLATES, start=1):
        text = template.replace(MARK, str(number))
        lit = text if literal == "" else (literal.replace(MARK, str(number)) if literal else None)
        out[key] = Payload(number, key, text, lit)
    return out


PAYLOADS: dict[str, Payload] = _payloads()


@dataclass(frozen=True)
class Placement:
    payload: Payload
    file: Path  # the file written
    field: str  # text, title, outlet, byline, published, url, id, filename
    record: int | None = None  # the JSON Lines line (1-based), for .jsonl files


@dataclass
class Corpus:
    folder: Path
    files: list[Path] = field(default_factory=list)  # every file written, in order
    placements: list[Placement] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, why the filesystem refused it)

    def payloads(self, *fields: str) -> list[Payload]:
        """The distinct payloads placed in any of ``fields`` (all fields if none given)."""
        seen: dict[int, Payload] = {}
        for p in self.placements:
            if not fields or p.field in fields:
                seen.setdefault(p.payload.number, p.payload)
        return list(seen.values())

    def literals(self, *fields: str) -> list[tuple[Payload, str]]:
        """(payload, literal) for the payloads in ``fields`` whose literal must be visible."""
        return [(p, p.literal) for p in self.payloads(*fields) if p.literal]


# ----------------------------------------------------------------------------- the stories
# Three invented events, each reported by several outlets, so payloads reach every view:
# the story list, a story's brief, claims and disputes, quote groups, framing and timeline.
# "{p}" marks where a payload goes; {q} is the story's shared quote payload (the same in every
# outlet, so the quote comparison groups it).

_BRIDGE = {
    "title": "Quarry Lane bridge closed after inspectors find cracks {p}",
    "paragraphs": [
        "ELMSTEAD, March 2, 2026 - The Quarry Lane bridge was closed to traffic on Monday after inspectors "
        "found cracks in two of its supports {p}, the county roads department said.",
        '"We will not reopen it until it is safe {q}," said roads director Hanna Verlow, who added that '
        "repairs could take six weeks and cost 1.2 million dollars {p}.",
        "Shopkeepers on Mill Street slammed the closure {p}, saying trade had already fallen by a third. "
        "Bus route 14 will be diverted through Mill Street until the repairs are finished.",
        "The county council will meet on Thursday to discuss the repairs {p}. A footbridge 300 metres "
        "downstream remains open.",
    ],
}

_LIBRARY = {
    "title": "Flood shuts Elmstead library for the summer {p}",
    "paragraphs": [
        "ELMSTEAD, June 9, 2026 - Elmstead's central library will stay closed until September after a burst "
        "pipe flooded its basement on Sunday night {p}, the town council said on Tuesday.",
        "About 4,000 books were damaged, according to librarian Tomas Reyl {p}. \"Most of the local history "
        "collection was on the lower shelves {q},\" Reyl said.",
        "The council said the building was insured {p}, but the union representing library staff denied "
        "that a maintenance report had warned of the pipe in 2025 {p}.",
        "A temporary reading room will open in the town hall on Monday {p}.",
    ],
}

_FERRY = {
    "title": "Ferry crews strike over rosters {p}",
    "paragraphs": [
        "PORT ALDER, November 3, 2026 - Ferry services between Port Alder and Skerrow Island were cancelled on "
        "Tuesday as crews walked out in a dispute over rosters {p}.",
        '"Nobody wants to strand islanders, but the rosters are unsafe {q}," said union spokesperson '
        "Ines Calder {p}.",
        "The ferry operator said 38 sailings were cancelled {p} and called the strike unnecessary. Talks are "
        "due to resume on Thursday {p}.",
    ],
}


def _fill(template: str, payloads: Iterator[Payload], shared: Payload | None, used: list[Payload]) -> str:
    out = template
    if shared is not None and "{q}" in out:
        out = out.replace("{q}", shared.text)
        used.append(shared)
    while "{p}" in out:
        payload = next(payloads)
        out = out.replace("{p}", payload.text, 1)
        used.append(payload)
    return out


def _cycle(keys: list[str]) -> Iterator[Payload]:
    while True:
        for key in keys:
            yield PAYLOADS[key]


def _article(story: dict, keys: list[str], shared: str | None) -> tuple[str, str, list[Payload], list[Payload]]:
    """(title, text, payloads in the title, payloads in the text) of one outlet's version."""
    payloads = _cycle(keys)
    quote = PAYLOADS[shared] if shared else None
    in_title: list[Payload] = []
    in_text: list[Payload] = []
    title = _fill(story["title"], payloads, None, in_title)
    text = "\n\n".join(_fill(p, payloads, quote, in_text) for p in story["paragraphs"])
    return title, text, in_title, in_text


# ----------------------------------------------------------------------------- the files
# File names with the characters that break HTML attributes, Markdown and URLs (a name holds
# no "/": no filesystem allows it). A file's article id is its name without the extension.
_TXT_FILES: list[tuple[str, str, list[str]]] = [
    # (file name, payload in the name, payloads in title and text)
    ('"><img src=x onerror=window.__pwned=@N@>.txt', "attr-break-svg",
     ["script", "img-onerror", "markdown-link", "jinja-expression", "entity-encoded"]),
    ("[x](javascript:window.__pwned=@N@) it's 'quoted'.txt", "markdown-link",
     ["style-break", "title-break", "other-templates", "onclick-link", "fullwidth-brackets"]),
    ("<details open ontoggle=alert(@N@)> %E0%A4%A {{7*7}}.txt", "details-ontoggle",
     ["textarea-break", "percent-encoded", "comment-cdata", "jinja-raw", "rtl-override"]),
    ("\u202etxt.exe \u2066<svg onload=window.__pwned=@N@>.txt", "rtl-override",
     ["iframe-srcdoc", "style-attr", "script-data-break", "details-ontoggle", "long-token"]),
]

def _name(template: str, key: str) -> str:
    return template.replace(MARK, str(PAYLOADS[key].number))


def _name_placement(path: Path, key: str) -> Placement:
    """The file name as a payload of its own: the article id (the name without extension) is
    what must show verbatim."""
    base = PAYLOADS[key]
    return Placement(Payload(base.number, f"{base.key} (file name)", path.stem, path.stem), path, "filename")


def write_corpus(folder: Path) -> Corpus:
    """Write the hostile corpus into ``folder`` (created if missing) and say what went where."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder)
    _write_txt(corpus)
    _write_jsonl(corpus)
    _write_html(corpus)
    return corpus


def _write(corpus: Corpus, name: str, content: str) -> Path | None:
    path = corpus.folder / name
    try:
        path.write_text(content, encoding="utf-8")
    except OSError as err:  # e.g. "<" or '"' on a Windows or FAT filesystem
        corpus.refused.append((name, err.strerror or str(err)))
        return None
    corpus.files.append(path)
    return path


def _write_txt(corpus: Corpus) -> None:
    stories = [_BRIDGE, _BRIDGE, _LIBRARY, _LIBRARY]
    shared = ["single-quote-break", "single-quote-break", "img-onerror-alert", "img-onerror-alert"]
    for (name, name_key, keys), story, quote in zip(_TXT_FILES, stories, shared, strict=True):
        filename = _name(name, name_key)
        title, text, in_title, in_text = _article(story, keys, quote)
        path = _write(corpus, filename, f"{title}\n\n{text}\n")
        if path is None:
            continue
        corpus.placements.append(_name_placement(path, name_key))
        corpus.placements += [Placement(p, path, "title") for p in in_title]
        corpus.placements += [Placement(p, path, "text") for p in in_text]


# (id, url, title outlet, byline, published; then the payload keys for title and text)
_JSONL_RECORDS: list[dict[str, str | list[str]]] = [
    {"id": "attr-break-svg", "url": "javascript-url", "outlet": "title-break", "byline": "img-onerror",
     "published": "2026-11-03", "keys": ["script", "base-meta-refresh", "markdown-image", "javascript-url-mixed-case"],
     "quote": "textarea-break"},
    {"id": "path-traversal", "url": "script-data-break", "outlet": "style-break", "byline": "jinja-expression",
     "published": "img-onerror-alert", "keys": ["entity-encoded", "iframe-srcdoc", "javascript-url", "rtl-override"],
     "quote": "textarea-break"},
    {"id": "jinja-expression", "url": "tab-javascript-url", "outlet": "markdown-link", "byline": "rtl-override",
     "published": "2026-11-04", "keys": ["fullwidth-brackets", "onclick-link", "percent-encoded", "comment-cdata"],
     "quote": "textarea-break"},
    {"id": "percent-encoded", "url": "attr-break-svg", "outlet": "fullwidth-brackets", "byline": "null-ish",
     "published": "2026-11-04", "keys": ["details-ontoggle", "long-token", "style-attr", "jinja-raw"],
     "quote": "textarea-break"},
]
_URL_PREFIX = {  # a URL field is a URL with the payload in it, or the payload as the whole URL
    "javascript-url": "", "tab-javascript-url": "",
    "script-data-break": 'https://news.example.org/ferry?q="><',
    "attr-break-svg": "https://news.example.org/ferry/",
}


def _write_jsonl(corpus: Corpus) -> None:
    lines: list[str] = []
    placed: list[tuple[int, Payload, str]] = []
    for line, spec in enumerate(_JSONL_RECORDS, start=1):
        keys = spec["keys"]
        assert isinstance(keys, list)
        title, text, in_title, in_text = _article(_FERRY, keys, str(spec["quote"]))
        meta = {name: PAYLOADS[str(spec[name])] for name in ("id", "url", "outlet", "byline")}
        published = str(spec["published"])
        record = {
            "id": f"ferry-{meta['id'].text}" if meta["id"].key != "path-traversal" else meta["id"].text,
            "url": _URL_PREFIX.get(meta["url"].key, "") + meta["url"].text,
            "title": title,
            "outlet": meta["outlet"].text,
            "byline": meta["byline"].text,
            "published": PAYLOADS[published].text if published in PAYLOADS else published,
            "text": text,
        }
        lines.append(json.dumps(record, ensure_ascii=False))
        placed += [(line, p, name) for name, p in meta.items()]
        if published in PAYLOADS:
            placed.append((line, PAYLOADS[published], "published"))
        placed += [(line, p, "title") for p in in_title] + [(line, p, "text") for p in in_text]
    filename = _name("ferry feed <script>window.__pwned=@N@<\\script>.jsonl", "script")
    path = _write(corpus, filename, "\n".join(lines) + "\n")
    if path is not None:  # (the ids come from the records; the name shows only as the source path)
        corpus.placements.append(_name_placement(path, "script"))
        corpus.placements += [Placement(p, path, name, line) for line, p, name in placed]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _write_html(corpus: Corpus) -> None:
    """Two pages: the payloads entity-encoded in the metadata and the body (after parsing they
    are the literal text ``<script>...``, which every view must escape again), and live
    scripts and handlers in the page's own markup, which the cleaner must drop entirely."""
    pages = [  # (file name, payload in the name, payloads in title and text, in the metadata, in the quote)
        ("it's \"quoted\" [and] <img src=x onerror=alert(@N@)>.html", "img-onerror-alert",
         ["attr-break-svg", "markdown-image", "script", "img-onerror"],
         {"outlet": "script", "byline": "attr-break-svg", "url": "javascript-url-mixed-case"}, "comment-cdata"),
        ("bridge page {{7*7}}.html", "jinja-expression",
         ["title-break", "jinja-expression", "path-traversal", "other-templates"],
         {"outlet": "onclick-link", "byline": "style-break", "url": "script-data-break"}, "comment-cdata"),
    ]
    for name, name_key, keys, meta, quote in pages:
        filename = _name(name, name_key)
        title, text, in_title, in_text = _article(_BRIDGE, keys, quote)
        outlet, byline, url = (PAYLOADS[meta[k]] for k in ("outlet", "byline", "url"))
        url_text = _URL_PREFIX.get(url.key, "") + url.text
        body = "\n".join(f"<p>{_escape(p)}</p>" for p in text.split("\n\n"))
        live = 100  # the live markup's own numbers: 100 and up
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_escape(title)}</title>
<meta property="og:site_name" content="{_escape(outlet.text)}">
<meta name="author" content="{_escape(byline.text)}">
<meta property="article:published_time" content="2026-03-03T08:00:00Z">
<link rel="canonical" href="{_escape(url_text)}">
<script>window.__pwned={live}</script>
</head>
<body onload="window.__pwned={live + 1}">
<nav><a href="javascript:window.__pwned={live + 2}">Home</a> <a href="/news">News</a></nav>
<article>
<h1>{_escape(title)}</h1>
<img src="x" onerror="window.__pwned={live + 3}" alt="bridge">
{body}
<script>alert({live + 4})</script>
</article>
<footer>Copyright 2026 <svg onload="window.__pwned={live + 5}"></svg></footer>
</body></html>
"""
        path = _write(corpus, filename, page)
        if path is None:
            continue
        corpus.placements += [_name_placement(path, name_key), Placement(outlet, path, "outlet"),
                              Placement(byline, path, "byline"),
                              Placement(url, path, "url")]
        corpus.placements += [Placement(p, path, "title") for p in in_title]
        corpus.placements += [Placement(p, path, "text") for p in in_text]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m tests.hostile OUT_FOLDER")
    written = write_corpus(Path(sys.argv[1]))
    for file in written.files:
        print(file)
    for name, why in written.refused:
        print(f"refused by the filesystem: {name!r}: {why}", file=sys.stderr)
