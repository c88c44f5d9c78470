"""What benchmarks/fuzz.py feeds the readers: seeds read at run time (the shared Kursk
corpus, the bundled example), mutations of them, and generated pages, feeds, WARC and gzip
files, as Hypothesis strategies."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbor-fire"


# ---------------------------------------------------------------------------------------
# Seeds


@dataclass(repr=False)  # Hypothesis prints the strategies' arguments: not whole articles
class Seeds:
    texts: list[bytes]  # plain-text articles
    pages: list[bytes]  # HTML pages
    feeds: list[bytes]  # JSON Lines files
    paragraphs: list[str]

    @property
    def everything(self) -> list[bytes]:
        return self.texts + self.pages + self.feeds

    def __repr__(self) -> str:
        return f"Seeds({len(self.texts)} texts, {len(self.pages)} pages, {len(self.feeds)} feeds)"


def load_seeds(data: Path) -> Seeds:
    texts = [p.read_bytes() for p in sorted(data.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt seeds in {data}: pass --data with the shared corpus")
    texts += [p.read_bytes() for p in sorted(EXAMPLE.glob("*.txt"))]
    pages = [p.read_bytes() for p in sorted(EXAMPLE.glob("*.html"))]
    feeds = [p.read_bytes() for p in sorted(EXAMPLE.glob("*.jsonl"))]
    paragraphs = [line.strip() for text in texts for line in text.decode("utf-8").splitlines() if line.strip()]
    for text in texts:  # each plain article also as a page and as a JSON Lines record
        lines = [line for line in text.decode("utf-8").splitlines() if line.strip()]
        body = "".join(f"<p>{_escape(line)}</p>\n" for line in lines[1:])
        pages.append(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{_escape(lines[0])}"
                     f"</title></head><body><article><h1>{_escape(lines[0])}</h1>{body}</article></body></html>"
                     .encode())
        feeds.append(json.dumps({"title": lines[0], "text": "\n".join(lines[1:])}).encode() + b"\n")
    return Seeds(texts, pages, feeds, paragraphs)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---------------------------------------------------------------------------------------
# Strategies: mutations of bytes, and generated pages, feeds and WARC files

TOKENS = [
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x1f\x8b\x08", b"%PDF-1.7", b"PK\x03\x04", b"\x89PNG",
    b"<", b">", b"&", b"</p>", b"<p>", b"<br>", b"<div>", b"</div>", b"<script>", b"</script>", b"<style>",
    b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>", b"<!DOCTYPE html>", b"<html>", b"</html>",
    b"<body>", b"</body>", b"<head>", b"<title>", b"</title>", b"<table><tr><td>", b"<svg><text>", b"<template>",
    b"&amp;", b"&#0;", b"&#xD800;", b"&#1114112;", b"&nbsp;", b"&bogus;", b"&#x202e;",
    b"<meta charset='shift_jis'>", b"<meta charset='utf-16'>", b"<meta charset='bogus'>", b"<meta charset=''>",
    b"<html lang='xx-YY'>", b"<html lang=''>", b"<meta property='article:published_time' content='0000-00-00'>",
    b"<link rel='canonical' href='http://[::1'>", b"<meta name='author' content=''>",
    b"\r", b"\r\n", b"\n\n", b"\t", b"\x0b", b"\x0c", b"\x1a", b"\x1b[31m", b"\x7f", b"\x85",
    b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80", b"\x80", b"\xff",
    "\u202e".encode(), "\u200b".encode(), "\ufeff".encode(), "\u2028".encode(), "\u0301".encode(),
    "“".encode(), "”".encode(), "‘".encode(), "’".encode(), "«".encode(), "»".encode(), "„".encode(), "…".encode(),
    "—".encode(), "\U0001f525".encode(), "中文新闻报道".encode(), "Президент".encode(), "مرحبا".encode(),
    b'"', b"'", b"...", b" - ", b"By ", b"READ MORE: ", b"Photo: ", b"(Reuters) - ", b"MOSCOW, March 14 -",
    b"Updated: ", b"Published 14 March 2025", b"Copyright 2025", b"Share this:", b"Accept cookies",
    b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"HTTP/1.1 200 OK\r\n",
    b"{", b"}", b"[", b"]", b'"text": ', b'"html": ', b"null", b"\\u0000", b"\\ud800", b"1e999999", b"-0",
    b"1" + b"9" * 5000, b"a" * 10000, b" " * 5000, b"\n" * 2000, b"." * 3000, b'"' * 500, b"<b>" * 3000,
]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "cp1251",
          "koi8-r", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr", "mac-roman", "cp437", "utf-7", "iso-8859-7"]
URLS = [
    "https://news.example/2025/03/14/story.html", "https://news.example/", "http://[::1", "http://[invalid",
    "https://", "javascript:alert(1)", "http://xn--/", "http://" + "a" * 3000 + ".example/x",
    "ftp://files.example/a.txt", "https://news.example:99999/x", "//news.example/x", "http://exa mple.com/",
    "dns:news.example", "urn:uuid:0", "https://新闻.example/报道.html", "https://news.example/%zz/%00",
]
DATES = [
    "2025-03-14", "2025-03-14T10:15:00Z", "14 March 2025", "Friday", "yesterday", "2025-13-45", "0000-00-00",
    "99999-12-31", "1e308", "-1", "", " ", "2025-03-14T25:61:61+99:00", "9" * 60, "March 32, 2025",
    "١٤ مارس ٢٠٢٥", "2025年3月14日", "Mon, 14 Mar 2025 25:00:00 GMT", "14/03/2025", "3/14/25", "now",
]
TAGS = ["div", "p", "span", "b", "i", "a", "li", "ul", "table", "td", "tr", "section", "article", "blockquote",
        "font", "h2", "figure", "figcaption", "aside", "nav", "header", "footer", "form", "script", "style",
        "noscript", "svg", "template", "pre", "q", "sup", "button", "select", "option", "iframe", "object"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)
MAX_SIZE = 3_000_000  # no mutation grows an input past this: the size limits have tests of their own


def _position(draw: Any, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _truncate(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    return data[: _position(draw, data)]


def _flip(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(buffer) - 1))
        buffer[at] ^= draw(st.integers(1, 255))
    return bytes(buffer)


def _insert_token(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    at = _position(draw, data)
    token = draw(st.sampled_from(TOKENS)) * draw(st.sampled_from([1, 1, 1, 2, 10, 200]))
    return data[:at] + token + data[at:]


def _insert_text(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    at = _position(draw, data)
    text = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
    return data[:at] + text + data[at:]


def _insert_bytes(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    at = _position(draw, data)
    return data[:at] + draw(st.binary(max_size=64)) + data[at:]


def _delete(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    start = _position(draw, data)
    end = draw(st.integers(start, min(len(data), start + 2000)))
    return data[:start] + data[end:]


def _duplicate(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    start = _position(draw, data)
    end = draw(st.integers(start, min(len(data), start + 500)))
    times = draw(st.sampled_from([2, 3, 10, 100, 1000]))
    return data[:end] + data[start:end] * times + data[end:]


def _splice(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    other = draw(st.sampled_from(seeds.everything))
    start = _position(draw, other)
    piece = other[start : draw(st.integers(start, len(other)))]
    at = _position(draw, data)
    return data[:at] + piece + data[at:]


def _reencode(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    codec = draw(st.sampled_from(CODECS))
    return data.decode("utf-8", "replace").encode(codec, draw(st.sampled_from(["replace", "ignore"])))


def _line_ends(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    return data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n\n", b"", b" ", "\u2028".encode()])))


def _gzip(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    return gzip.compress(data, mtime=0)


def _nest(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    tag = draw(st.sampled_from(TAGS)).encode()
    depth = draw(st.sampled_from([2, 100, 255, 256, 257, 300, 2047, 2049, 5000, 20000]))
    opened = b"<" + tag + b">"
    closed = b"</" + tag + b">" if draw(st.booleans()) else b""
    at = data.find(b"<body>")
    at = at + 6 if at >= 0 else _position(draw, data)
    end = data.rfind(b"</body>")
    end = end if end >= at else len(data)
    return data[:at] + opened * depth + data[at:end] + closed * depth + data[end:]


def _binary(draw: Any, data: bytes, seeds: Seeds) -> bytes:
    rng = random.Random(draw(st.integers(0, 2**32)))
    size = draw(st.sampled_from([1, 16, 512, 8192, 70000]))
    low, high = draw(st.sampled_from([(0, 256), (1, 256), (0x80, 256), (1, 128), (0x20, 256), (0x21, 0x7F)]))
    return bytes(rng.choices(range(low, high), k=size))


MUTATIONS: list[Callable[[Any, bytes, Seeds], bytes]] = [
    _truncate, _flip, _insert_token, _insert_token, _insert_text, _insert_bytes, _delete, _duplicate, _splice,
    _reencode, _line_ends, _gzip, _binary,
]


@st.composite
def mutated(draw: Any, pool: list[bytes], seeds: Seeds, extra: tuple[Callable[..., bytes], ...] = ()) -> bytes:
    data = draw(st.sampled_from(pool))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS + list(extra)), max_size=4)):
        data = mutation(draw, data, seeds)
        if len(data) > MAX_SIZE:
            data = data[:MAX_SIZE]
    return data


@st.composite
def generated_page(draw: Any, seeds: Seeds) -> bytes:
    """A page of random structure around the seeds' paragraphs, attributes and metadata."""
    parts = [draw(st.sampled_from(["<!DOCTYPE html>", "", "<?xml version='1.0' encoding='utf-8'?>"]))]
    parts.append(f"<html lang='{draw(st.sampled_from(['en', 'ru', '', 'zh-Hans', 'xx']))}'><head>")
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(["author", "date", "og:site_name", "og:title", "article:published_time",
                                     "description", "og:url", "dc.date"]))
        value = draw(st.sampled_from(DATES + URLS + seeds.paragraphs[:20] + [""]))
        parts.append(f"<meta name='{name}' property='{name}' content='{_escape(value)}'>")
    if draw(st.booleans()):
        parts.append(f"<title>{_escape(draw(st.sampled_from(seeds.paragraphs)))}</title>")
    parts.append("</head><body>")
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        attrs = draw(st.sampled_from(["", " class='article-body'", " class='content'", " id='main'",
                                      " style='display:none'", " hidden", " class=\"x\" onclick='alert(1)'"]))
        text = draw(st.one_of(st.sampled_from(seeds.paragraphs), st.text(max_size=50)))
        parts.append(f"<{tag}{attrs}>{_escape(text)}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    parts.append("</body></html>" if draw(st.booleans()) else "")
    page = "\n".join(parts).encode(draw(st.sampled_from(["utf-8", "utf-8", "cp1252", "utf-16"])), "replace")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS + [_nest]), max_size=2)):
        page = mutation(draw, page, seeds)
    return page[:MAX_SIZE]


@st.composite
def generated_feed(draw: Any, seeds: Seeds) -> bytes:
    """JSON Lines records whose fields have any JSON type, article texts, odd dates and URLs."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        record: dict[str, Any] = {}
        body = "\n".join(draw(st.lists(st.sampled_from(seeds.paragraphs), min_size=1, max_size=8)))
        for key in draw(st.lists(st.sampled_from(["text", "html", "title", "outlet", "url", "published",
                                                  "byline", "id", "language", "extra"]), max_size=6)):
            record[key] = draw(st.one_of(
                st.just(body), st.just(f"<p>{_escape(body)}</p>"), JSON_VALUES,
                st.sampled_from(DATES + URLS), st.sampled_from(seeds.paragraphs)))
        if draw(st.booleans()):
            record["text"] = body
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(line.encode("utf-8", "surrogatepass"))
    data = b"\n".join(lines) + draw(st.sampled_from([b"\n", b"", b"\r\n", b"\n\n"]))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), max_size=2)):
        data = mutation(draw, data, seeds)
    return data[:MAX_SIZE]


@st.composite
def generated_warc(draw: Any, seeds: Seeds) -> bytes:
    """A WARC of one to three records written by warcio, then perhaps cut or damaged."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=draw(st.booleans()))
    for number in range(draw(st.integers(1, 3))):
        # fixed ids and dates: the same draws must make the same file (Hypothesis checks)
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>",
                 "WARC-Date": "2025-03-14T10:15:00Z"}
        kind = draw(st.sampled_from(["response", "response", "resource", "request", "metadata", "revisit",
                                     "warcinfo"]))
        url = draw(st.sampled_from(URLS))
        payload = draw(st.one_of(st.sampled_from(seeds.pages + seeds.texts), mutated(seeds.pages, seeds)))
        mime = draw(st.sampled_from(["text/html", "text/html; charset=utf-8", "text/plain", "application/xhtml+xml",
                                     "TEXT/HTML", "image/png", "", "text/html; charset=bogus", "application/json"]))
        if kind == "request":
            payload = b"GET /story HTTP/1.1\r\nHost: news.example\r\n\r\n" + payload
        if kind == "warcinfo":
            record = writer.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: fuzz\r\n"),
                                               warc_content_type="application/warc-fields", warc_headers_dict=fixed)
        elif kind == "response":
            headers = [("Content-Type", mime)]
            encoding = draw(st.sampled_from([None, None, "gzip", "gzip-lying", "chunked", "chunked-lying", "br"]))
            if encoding == "gzip":
                payload = gzip.compress(payload, mtime=0)
            if encoding in ("gzip", "gzip-lying", "br"):
                headers.append(("Content-Encoding", encoding.split("-")[0]))
            if encoding == "chunked":
                payload = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 999]), payload[i:i + 999])
                                   for i in range(0, len(payload), 999)) + b"0\r\n\r\n"
            if encoding in ("chunked", "chunked-lying"):
                headers.append(("Transfer-Encoding", "chunked"))
            status = draw(st.sampled_from(["200 OK", "404 Not Found", "999 Whatever", "200"]))
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                               warc_headers_dict=fixed)
        else:
            try:  # warcio's writer parses the HTTP headers of a request or revisit record itself
                record = writer.create_warc_record(url, kind, payload=io.BytesIO(payload), warc_content_type=mime,
                                                   warc_headers_dict=fixed)
            except Exception:  # noqa: BLE001 - a record the writer will not write is left out
                continue
        writer.write_record(record)
    data = buffer.getvalue()
    for _ in range(draw(st.integers(0, 2))):
        damage = draw(st.sampled_from(["cut", "flip", "length", "drop-header", "garbage", "mutate"]))
        if damage == "cut":
            data = data[: _position(draw, data)]
        elif damage == "flip":
            data = _flip(draw, data, seeds)
        elif damage == "length":
            lengths = list(re.finditer(rb"Content-Length: (\d+)", data))
            if lengths:
                match = draw(st.sampled_from(lengths))
                value = draw(st.sampled_from([b"0", b"-1", b"abc", b"", b"99999999999999999999", b"1" * 30,
                                              str(int(match.group(1)) + draw(st.integers(-50, 50))).encode()]))
                data = data[: match.start(1)] + value + data[match.end(1):]
        elif damage == "drop-header":
            fields = list(re.finditer(rb"\r\n(WARC-[A-Za-z-]+|Content-Type|Content-Length): [^\r]*", data))
            if fields:
                match = draw(st.sampled_from(fields))
                data = data[: match.start()] + data[match.end():]
        elif damage == "garbage":
            data = data + draw(st.sampled_from([b"\x00" * 16, b"hello\r\n", b"WARC/1.0\r\n", gzip.compress(b"x")]))
        else:
            data = draw(st.sampled_from(MUTATIONS))(draw, data, seeds)
    return data[:MAX_SIZE]


@st.composite
def gzipped(draw: Any, seeds: Seeds) -> tuple[str, bytes]:
    """A .txt.gz, .html.gz, .jsonl.gz or bare .gz: whole, cut, damaged, or several members."""
    suffix, pool = draw(st.sampled_from([(".txt.gz", seeds.texts), (".html.gz", seeds.pages),
                                         (".jsonl.gz", seeds.feeds), (".gz", seeds.texts + seeds.pages)]))
    inner = draw(mutated(pool, seeds))
    data = gzip.compress(inner, mtime=0, compresslevel=draw(st.integers(0, 9)))
    damage = draw(st.sampled_from([None, None, "cut", "flip", "members", "garbage", "raw-deflate", "bomb"]))
    if damage == "cut":
        data = data[: _position(draw, data)]
    elif damage == "flip":
        data = _flip(draw, data, seeds)
    elif damage == "members":
        data = data + gzip.compress(draw(st.sampled_from(pool)), mtime=0)
    elif damage == "garbage":
        data = data + draw(st.binary(max_size=32))
    elif damage == "raw-deflate":
        data = zlib.compress(inner)
    elif damage == "bomb":  # 24 KB that inflate past the 20 MB article limit (one line, for a .jsonl.gz)
        data = gzip.compress(b"a" * 25_000_000, mtime=0)
    return suffix, data


def text_inputs(seeds: Seeds) -> st.SearchStrategy[bytes]:
    return st.one_of(
        mutated(seeds.texts, seeds), mutated(seeds.texts, seeds), mutated(seeds.pages, seeds),
        st.text(min_size=0, max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.tuples(st.lists(st.sampled_from(seeds.paragraphs), max_size=12), st.sampled_from(CODECS)).map(
            lambda pair: "\n\n".join(pair[0]).encode(pair[1], "replace")),
    )


def html_inputs(seeds: Seeds) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(seeds.pages, seeds, (_nest,)), generated_page(seeds))


def feed_inputs(seeds: Seeds) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(seeds.feeds, seeds), generated_feed(seeds))
