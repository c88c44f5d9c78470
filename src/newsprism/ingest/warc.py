"""WARC and ARC files to the payloads of their article records, each whole, or the reason not.

warcio parses the records; what it leaves unsaid is checked here, since a crawl cut off by
a full disk or a killed crawler is common and its last record looks like a short article:
- a record whose block is shorter than its Content-Length (the file ends inside it) is a
  failure, "truncated: 1,200 of 5,000 bytes", never an article of the part that was read;
- a gzip member cut off or damaged (``GzipMembers`` does the decompression, so warcio
  never prints the error to stderr and carries on) is named with the record it hit, or
  after the last whole record when it hit none: the records after it are lost;
- a record that ends where its Content-Length does not (warcio only warns on stderr), that
  has no usable Content-Length, or whose headers are cut off is named, not skipped;
- an EOF inside a record's HTTP headers, which warcio takes for the end of the archive
  (the record vanished), is a failure of that record.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParserException

from ..model import InputFailure
from .compressed import CUT, GZIP_MAGIC, GzipMembers, gunzip

_ARTICLE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_DRAIN = 1 << 16
# What warcio raises on a record it cannot parse (a header line it cannot split, a length
# that is not a number, ...): each ends the file's reading with a named failure.
_PARSE_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, ValueError, EOFError,
                 AttributeError, TypeError, IndexError, UnicodeError)


@dataclass
class Payload:
    """The whole payload of one article record (response or resource of a text type)."""

    number: int  # 1-based record number in the file
    where: str  # "crawl.warc.gz#record3 (https://...)": how failures name the record
    url: str | None
    kind: str  # "html" or "text"
    data: bytes  # at most limit + 1 bytes: the caller refuses what is over the limit
    charset: str | None = None  # the charset of the HTTP (or record) Content-Type, if any


class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: int | None) -> Any:
        if length is not None and length > sys.maxsize:  # warcio would read a line that long: OverflowError
            raise ArchiveLoadFailed(f"its Content-Length, {length}, is larger than any file")
        if uri is None and length != 0 and rec_type in self.HTTP_RECORDS:
            raise ArchiveLoadFailed(f"a {rec_type} record without a WARC-Target-URI header")
        try:
            return super().load_http_headers(rec_type, uri, stream, length)
        except EOFError:  # warcio's iterator would take this for the end of the archive
            raise ArchiveLoadFailed("the record ends before its HTTP headers") from None


class _Records(ArchiveIterator):  # type: ignore[misc]
    # warcio writes this warning to stderr when a record is not followed by the blank lines
    # that end it; err_count, which it also raises, is read instead (a failure, not noise).
    INC_RECORD = ""

    def __init__(self, stream: GzipMembers, known_format: str) -> None:
        super().__init__(stream)
        self.known_format = known_format  # by the file's name: a first line of neither is "not a WARC"
        self.loader = _Loader(verify_http=False, arc2warc=False)
        # GzipMembers has decompressed already: warcio's own gzip handling stays out of it.
        self.reader = BufferedReader(self.fh)

    def exhausted(self) -> bool:
        reader = self.reader
        return bool(self.fh.ended) and (reader is None or reader.rem_length() == 0)


def warc_payloads(path: Path, limit: int) -> Iterator[Payload | InputFailure]:
    """The article records of the WARC (or ARC) file at ``path``, in file order, and a
    failure for every record that cannot be read whole, or that the file lost."""
    ignored: dict[str, int] = {}
    with path.open("rb") as handle:
        stream = GzipMembers(handle)
        records = _Records(stream, "arc" if path.name.lower().endswith((".arc", ".arc.gz")) else "warc")
        iterator = iter(records)
        number = 0
        held: Payload | InputFailure | None = None  # given out once warcio has checked its end
        explained = False  # a failure already named the stream's problem
        while True:
            errors = records.err_count
            failure: InputFailure | None = None
            record = None
            try:
                record = next(iterator)
            except StopIteration:
                pass
            except _PARSE_ERRORS as err:
                failure = _unreadable(path, number + 1, err, records)
                explained = explained or records.exhausted()
            if held is not None:
                if records.err_count > errors and isinstance(held, Payload):
                    held = InputFailure(held.where, "damaged: its data does not end where its Content-Length "
                                        "says (the length is wrong, or bytes were lost); not analysed")
                yield held
                held = None
            if failure is not None:
                yield failure
                break
            if record is None:
                break
            number += 1
            held, stop, cut = _record(path, number, record, limit, ignored, records)
            explained = explained or cut or stop  # a stop's failure says the rest was not read
            if stop:
                if held is not None:
                    yield held
                held = None
                break
        if held is not None:
            yield held
    closed = stream.tail.endswith((b"\n\n", b"\n\r\n")) or records.known_format == "arc"
    if stream.problem and not explained:
        after = f"after record {number}" if number else "before its first record"
        yield InputFailure(str(path), f"{stream.problem}, {after}: any records after that point are lost")
    elif number and not closed and not stream.problem and failure is None and not explained:
        # a WARC record ends with two line ends: the file was cut after the last one's block
        yield InputFailure(str(path), f"truncated: the file ends without the blank lines that close record "
                                      f"{number}: any records after it are lost")
    elif number == 0 and not stream.problem and failure is None:
        yield InputFailure(str(path), "empty input: there is no WARC record in it" if stream.produced == 0
                           else "no WARC record in it")
    if ignored:
        kinds = ", ".join(f"{k} x{n}" for k, n in sorted(ignored.items()))
        yield InputFailure(str(path), f"records that are not articles were not read: {kinds}")


def _record(
    path: Path, number: int, record: Any, limit: int, ignored: dict[str, int], records: _Records
) -> tuple[Payload | InputFailure | None, bool, bool]:
    """One record: its payload if it is an article, a failure if it is not whole, None if it
    is whole and not an article; then whether to stop reading the file, and whether the
    failure explains the stream's problem."""
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    label = url or headers.get_header("WARC-Record-ID")
    where = f"{path}#record{number}" + (f" ({label})" if label else "")
    declared = headers.get_header("Content-Length" if record.format == "warc" else "length")
    if declared is None or not declared.strip().isdigit():
        if records.exhausted():
            return InputFailure(where, "truncated: the file ends inside this record's headers"), True, True
        what = ("no Content-Length header" if declared is None
                else f"a Content-Length that is not a number ({declared!r})")
        return InputFailure(where, f"damaged: it has {what}, so where it ends is unknown; "
                                   "the rest of the file was not read"), True, False

    kind = charset = None
    data = b""
    damaged: str | None = None
    if record.rec_type in ("response", "resource"):
        http = record.http_headers if record.rec_type == "response" else None
        content_type = (http.get_header("Content-Type") if http is not None else None) \
            or headers.get_header("Content-Type") or ""
        mime = content_type.split(";")[0].strip().lower()
        declared = _CHARSET.search(content_type)
        charset = declared.group(1) if declared else None
        kind = _ARTICLE_TYPES.get(mime)
        if kind:
            data, damaged = _body(record, http, limit)
    while record.raw_stream.read(_DRAIN):  # the rest of the block: is it all there?
        pass
    missing = record.raw_stream.limit if isinstance(record.raw_stream, LimitReader) else 0
    if missing > 0:
        got = f"{record.length - missing:,} of {record.length:,} bytes"
        problem = records.fh.problem
        if problem and problem != CUT:
            return InputFailure(where, f"{problem}: {got} of this record could be read; "
                                       "not analysed, and the rest of the file was not read"), True, True
        return InputFailure(where, f"truncated: {got} (the file ends inside this record); not analysed"), True, True
    if record.rec_type not in ("response", "resource"):
        return None, False, False  # requests, warcinfo and metadata records never hold an article
    if kind is None:
        ignored[mime or "unknown type"] = ignored.get(mime or "unknown type", 0) + 1
        return None, False, False
    if damaged:
        return InputFailure(where, damaged), False, False
    return Payload(number, where, url, kind, data, charset), False, False


_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _body(record: Any, http: Any, limit: int) -> tuple[bytes, str | None]:
    """The record's payload, at most ``limit + 1`` bytes, and why it cannot be read whole
    when its gzip Content-Encoding is damaged (None when it can). warcio decompresses that
    encoding itself, but on damaged data prints zlib's error to stderr and ends the body
    there: a short article, silently."""
    encoding = (http.get_header("Content-Encoding") or "").strip().lower() if http is not None else ""
    if encoding not in ("gzip", "x-gzip"):
        return record.content_stream().read(limit + 1), None
    chunked = (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked"
    packed = (ChunkedDataReader(record.raw_stream) if chunked else record.raw_stream).read(limit + 1)
    if not packed.startswith(GZIP_MAGIC):  # labelled gzip, stored decoded: read as it is, as warcio does
        return packed, None
    if len(packed) > limit:
        return b"", f"its gzip-encoded body alone is over the article size limit ({limit:,} bytes)"
    body, problem = gunzip(packed, limit)
    if problem == CUT:
        return body, f"damaged: its gzip-encoded body is cut off, after {len(body):,} bytes; not analysed"
    if problem:
        return body, f"{problem} in its gzip-encoded body, after {len(body):,} bytes; not analysed"
    return body, None


def _unreadable(path: Path, number: int, err: Exception, records: _Records) -> InputFailure:
    where = f"{path}#record{number}"
    if records.exhausted():
        return InputFailure(where, "truncated: the file ends inside this record's headers")
    detail = " ".join(str(err).split())[:200] or type(err).__name__
    if number == 1:
        return InputFailure(str(path), f"not a readable WARC file: {detail}")
    return InputFailure(where, f"damaged: this record cannot be read ({detail}); the rest of the file was not read")
