"""Readers for each container format; each yields raw documents or per-record failures."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from ..config import Settings
from ..errors import InputError
from ..model import InputFailure, RawDocument, Source
from .binary import binary_reason
from .compressed import CUT, GZIP_MAGIC, GzipMembers, gunzip
from .decode import decode_bytes
from .sources import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN,
    WARC_SUFFIXES,
    InputRef,
    stem_of,
    suffix_of,
    uncompressed_suffix,
)
from .warc import warc_payloads

Item = RawDocument | InputFailure


def read_ref(ref: InputRef, settings: Settings) -> Iterator[Item]:
    """Read one input; every problem becomes an InputFailure naming the input and the reason."""
    if ref.problem:
        yield InputFailure(ref.location, ref.problem)
        return
    try:
        if ref.location == STDIN:
            data = sys.stdin.buffer.read(settings.ingest.max_article_bytes + 1)
            yield _single(data, "stdin", Source(path=STDIN), None, settings)
            return
        suffix = suffix_of(ref.location)
        if suffix in WARC_SUFFIXES:
            yield from _read_warc(Path(ref.location), settings)
        elif uncompressed_suffix(suffix) in JSONL_SUFFIXES:
            yield from _read_jsonl(Path(ref.location), settings)
        else:  # one article: .txt, .html, either gzipped, or any file named on the command line
            path = Path(ref.location)
            _check_size(path, settings)
            kind = "html" if uncompressed_suffix(suffix) in HTML_SUFFIXES else None
            yield _single(path.read_bytes(), stem_of(path), Source(path=str(path)), kind, settings)
    except InputError as err:
        yield InputFailure(err.source or ref.location, err.reason)
    except OSError as err:
        yield InputFailure(ref.location, f"cannot be read: {err.strerror or err}")


def _check_size(path: Path, settings: Settings) -> None:
    size = path.stat().st_size
    if size > settings.ingest.max_article_bytes:
        raise InputError(
            str(path),
            f"file is {size / 1e6:.1f} MB, over the {settings.ingest.max_article_bytes / 1e6:.0f} MB "
            "limit for one article; split it, or put many articles in a .jsonl or WARC file",
        )


def _single(
    data: bytes, doc_id: str, source: Source, kind: str | None, settings: Settings, charset: str | None = None
) -> RawDocument:
    where = source.path or source.url or doc_id
    limit = settings.ingest.max_article_bytes
    gzipped = data.startswith(GZIP_MAGIC)
    if gzipped:  # a .txt.gz or .html.gz, or gzip under any name (a saved HTTP body, a pipe)
        data, problem = gunzip(data, limit)
        if len(data) > limit:
            raise InputError(where, f"decompresses to over {limit / 1e6:.0f} MB, over the article size limit")
        if problem == CUT:
            raise InputError(where, f"truncated: the file ends inside its gzip data, after {len(data):,} bytes "
                                    "of text; not analysed")
        if problem:
            raise InputError(where, f"{problem}, after {len(data):,} bytes of text; not analysed")
    if len(data) > limit:
        raise InputError(where, f"input is {len(data) / 1e6:.1f} MB, over the article size limit")
    text, note = decode_bytes(data, where, charset)
    binary = binary_reason(data)
    if binary:
        raise InputError(where, binary)
    if gzipped:
        note = f"decompressed from gzip; {note}" if note else "decompressed from gzip"
    content_type = kind or ("html" if looks_like_html(text) else "text")
    return RawDocument(
        id=doc_id, source=source, content=text, content_type=content_type,  # type: ignore[arg-type]
        encoding_note=note,
    )


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or (
        head.startswith("<") and "</p>" in text[:20000].lower()
    )


_JSONL_FIELDS = ("text", "html")


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Item]:
    stem = stem_of(path)
    lineno = 0
    with path.open("rb") as raw:
        stream = GzipMembers(raw)  # a .jsonl.gz decompressed; a plain .jsonl passes as it is
        for lineno, line in enumerate(_lines(io.BufferedReader(stream), settings.ingest.max_article_bytes), start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            if stream.problem and not line.endswith(b"\n"):
                yield InputFailure(where, f"{_line_cut(stream.problem)}: this line is not whole; not read")
                continue
            try:
                record = _parse_jsonl_line(line, where, settings)
                content, kind = _jsonl_content(record, where)
                data = _characters(content).encode("utf-8")
                text, note = decode_bytes(data, where)
                binary = binary_reason(data)
                if binary:
                    raise InputError(where, binary)
                if _SURROGATE.search(content):
                    note = f"{note}; {_SURROGATE_NOTE}" if note else _SURROGATE_NOTE
            except InputError as err:  # where ("feed.jsonl:2") names the line: the reason does not again
                yield InputFailure(where, err.reason)
                continue
            url = _str_field(record, "url")
            doc_id = _str_field(record, "id") or f"{stem}-{lineno}"
            yield RawDocument(
                id=doc_id, source=Source(path=str(path), url=url, line=lineno),
                content=text, content_type=kind,  # type: ignore[arg-type]
                title=_str_field(record, "title"), outlet=_str_field(record, "outlet"),
                published=_str_field(record, "published"), byline=_str_field(record, "byline"),
                encoding_note=note,
            )
    if stream.problem:
        yield InputFailure(str(path), f"{stream.problem}, after line {lineno}: any lines after it are lost")


def _lines(handle: io.BufferedReader, limit: int) -> Iterator[bytes]:
    """The file's lines, a line over ``limit`` bytes cut there (it fails as too long) and the
    rest of it skipped, so that one huge line never sits in memory whole."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
        yield line


def _line_cut(problem: str) -> str:
    return "truncated: the file ends inside its gzip data" if problem == CUT else problem


def _parse_jsonl_line(line: bytes, where: str, settings: Settings) -> dict[str, object]:
    if len(line) > settings.ingest.max_article_bytes:
        limit = settings.ingest.max_article_bytes
        raise InputError(where, f"record is over the article size limit ({limit:,} bytes)")
    try:
        record = json.loads(line.rstrip(b"\r\n"))  # a cut line ends in the string, not its newline
    except json.JSONDecodeError as err:
        # Some of json's messages end in "at" ("Unterminated string starting at"), the rest do not.
        at = "" if err.msg.endswith(" at") else " at"
        raise InputError(where, f"not valid JSON ({err.msg}{at} column {err.colno})") from None
    except UnicodeDecodeError:
        raise InputError(where, "not valid UTF-8, as JSON Lines requires") from None
    except ValueError:  # valid JSON that Python will not read: an integer of over 4,300 digits
        raise InputError(where, f"a number in it is longer than the {sys.get_int_max_str_digits():,} digits "
                                "Python reads") from None
    except RecursionError:  # arrays or objects nested deeper than Python's recursion limit
        raise InputError(where, "its arrays or objects nest too deep to read") from None
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON {_json_kind(record)}, not an object with a text field")
    return record


def _json_kind(value: object) -> str:
    """What JSON calls a parsed value (not Python's NoneType, list, str, ...)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _jsonl_content(record: dict[str, object], where: str) -> tuple[str, str]:
    for key in _JSONL_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value, ("html" if key == "html" else "text")
    raise InputError(where, 'has no non-empty "text" or "html" field')


def _str_field(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return _characters(value).strip() or None if isinstance(value, str) else None


# JSON can escape one half of a UTF-16 surrogate pair alone ("\ud800"), and json.loads
# keeps it: it is no character, no UTF-8 can hold it, and writing it out would fail later.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_NOTE = "an escaped lone UTF-16 surrogate (such as \\ud800) was replaced by U+FFFD"


def _characters(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


def _read_warc(path: Path, settings: Settings) -> Iterator[Item]:
    stem = path.name.split(".")[0]
    for item in warc_payloads(path, settings.ingest.max_article_bytes):
        if isinstance(item, InputFailure):
            yield item
            continue
        slug = _url_slug(item.url) if item.url else f"record{item.number}"
        try:
            yield _single(item.data, f"{stem}-{slug}", Source(path=str(path), url=item.url, line=item.number),
                          item.kind, settings, item.charset)
        except InputError as err:
            yield InputFailure(item.where, err.reason)


def _url_slug(url: str) -> str:
    try:
        parsed = urlparse(url)
        path, site = parsed.path, parsed.netloc
    except ValueError:  # "http://[::1": urlparse refuses a bracketed host that is not IPv6
        path, site = url, ""
    tail = [part for part in path.split("/") if part]
    slug = (tail[-1] if tail else site).rsplit(".", 1)[0]
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in slug)[:60] or "page"
