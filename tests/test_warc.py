"""WARC files cut off or damaged (issue 15, item 3): a record that is not whole is a named
failure, never an article of the part that was read, and no record is lost unnamed.
Every file here is written by the test with warcio, then cut or damaged."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.ingest import read_inputs
from newsprism.model import InputFailure, RawDocument

PARA = "The harbour reopened on Monday after a week of repairs, the port authority said. "
URLS = [f"https://port.example/news/story-{n}.html" for n in (1, 2, 3)]


def page(n: int) -> bytes:
    return f"<html><body><article><p>Story {n}. {PARA * 12}</p></article></body></html>".encode()


def warc(gzip: bool, *, http: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for n, url in enumerate(URLS, start=1):
        if http:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(page(n)), http_headers=headers)
        else:
            record = writer.create_warc_record(url, "resource", payload=io.BytesIO(page(n)),
                                               warc_content_type="text/html")
        writer.write_record(record)
    return buffer.getvalue()


def read(path: Path, data: bytes) -> tuple[list[RawDocument], list[InputFailure]]:
    path.write_bytes(data)
    items = list(read_inputs([path]))
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputFailure)])


def whole(doc: RawDocument) -> bool:
    return doc.content == page(int(doc.id.rsplit("-", 1)[1])).decode()


def test_a_record_cut_off_in_a_warc_is_named_with_the_bytes_it_has(tmp_path: Path) -> None:
    data = warc(gzip=False)
    third = data.index(b"WARC/1.0", data.index(URLS[1].encode()))
    docs, failed = read(tmp_path / "crawl.warc", data[: third + 1200])
    assert [d.id for d in docs] == ["crawl-story-1", "crawl-story-2"] and all(map(whole, docs))
    [failure] = failed
    assert failure.source == f"{tmp_path / 'crawl.warc'}#record3 ({URLS[2]})"
    assert re.fullmatch(r"truncated: [\d,]+ of [\d,]+ bytes \(the file ends inside this record\); not analysed",
                        failure.reason), failure.reason


def test_a_gzip_member_cut_off_names_its_record(tmp_path: Path) -> None:
    data = warc(gzip=True)
    members = [m.start() for m in re.finditer(rb"\x1f\x8b\x08", data)]
    assert len(members) == 3
    docs, failed = read(tmp_path / "crawl.warc.gz", data[:-20])
    assert [d.id for d in docs] == ["crawl-story-1", "crawl-story-2"] and all(map(whole, docs))
    [failure] = failed
    assert failure.source.endswith(f"crawl.warc.gz#record3 ({URLS[2]})")
    assert failure.reason.startswith("truncated: ") and "of" in failure.reason


def test_a_gzip_member_cut_in_its_trailer_says_records_may_be_lost(tmp_path: Path) -> None:
    """The last record's payload is all there, its gzip trailer is not: the article is whole,
    but the file was cut, so whatever followed it is lost; that is said."""
    docs, failed = read(tmp_path / "crawl.warc.gz", warc(gzip=True)[:-4])
    assert len(docs) == 3 and all(map(whole, docs))
    assert [(f.source, f.reason) for f in failed] == [(
        str(tmp_path / "crawl.warc.gz"),
        "truncated: the file ends inside a gzip member, after record 3: any records after that point are lost",
    )]


def test_a_record_cut_inside_its_http_headers_does_not_vanish(tmp_path: Path) -> None:
    """warcio took an EOF in a record's HTTP headers for the end of the archive: record 3
    was neither read nor reported."""
    data = warc(gzip=False)
    cut = data.index(b"HTTP/1.1 200", data.index(URLS[2].encode())) + 5
    docs, failed = read(tmp_path / "crawl.warc", data[:cut])
    assert len(docs) == 2
    assert [f.source.split("#")[1] for f in failed] == [f"record3 ({URLS[2]})"]
    assert failed[0].reason.startswith("truncated: 5 of ")


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("http", [True, False], ids=["response", "resource"])
def test_wherever_a_warc_is_cut_no_part_is_analysed_and_no_record_is_lost_unnamed(
    tmp_path: Path, gzip: bool, http: bool
) -> None:
    data = warc(gzip, http=http)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    # A cut exactly between two records leaves a whole, shorter WARC: nothing to tell there.
    starts = [m.start() for m in re.finditer(rb"\x1f\x8b\x08" if gzip else rb"WARC/1\.[01]\r\n", data)]
    assert len(starts) == 3
    for cut in sorted({*range(0, len(data), 23), *(s + d for s in starts[1:] for d in (-2, -1, 0, 1, 2))}):
        docs, failed = read(path, data[:cut])
        assert all(map(whole, docs)), cut
        assert [d.id for d in docs] == [f"cut-story-{n}" for n in range(1, len(docs) + 1)], cut
        if cut in starts[1:]:
            assert len(docs) == starts.index(cut) and not failed
        else:
            assert failed, (cut, len(docs))  # the file is cut: that is always said
        assert all(f.source.startswith(str(path)) and f.reason for f in failed), cut


@pytest.mark.parametrize("delta", [-20, 30], ids=["too short", "too long"])
def test_a_content_length_that_does_not_fit_the_record_is_named_and_not_analysed(
    tmp_path: Path, delta: int, capsys: pytest.CaptureFixture[str]
) -> None:
    data = warc(gzip=False)
    length = int(re.search(rb"Content-Length: (\d+)", data).group(1))  # type: ignore[union-attr]
    wrong = data.replace(f"Content-Length: {length}".encode(), f"Content-Length: {length + delta}".encode(), 1)
    docs, failed = read(tmp_path / "crawl.warc", wrong)
    assert "crawl-story-1" not in [d.id for d in docs]
    assert failed[0].source.endswith(f"#record1 ({URLS[0]})")
    assert "does not end where its Content-Length says" in failed[0].reason
    assert capsys.readouterr().err == ""  # warcio's warning on stderr is not printed: the failure says it


def test_damaged_gzip_data_is_named_and_the_records_before_it_are_read(tmp_path: Path) -> None:
    data = bytearray(warc(gzip=True))
    members = [m.start() for m in re.finditer(rb"\x1f\x8b\x08", data)]
    data[members[2] - 6] ^= 0xFF  # the checksum of record 2's member
    docs, failed = read(tmp_path / "crawl.warc.gz", bytes(data))
    assert [d.id for d in docs] == ["crawl-story-1"]
    assert [f.reason for f in failed] == [
        "damaged: a member whose checksum does not match its data, after record 1: any records after that point "
        "are lost"]


def test_a_warc_without_records_is_named(tmp_path: Path) -> None:
    docs, failed = read(tmp_path / "empty.warc.gz", b"")
    assert not docs and [f.reason for f in failed] == ["empty input: there is no WARC record in it"]
    docs, failed = read(tmp_path / "notes.warc", b"these are my notes, not a crawl\n")
    assert not docs and failed[0].reason.startswith("not a readable WARC file: Invalid WARC record")
    assert failed[0].source == str(tmp_path / "notes.warc")


def test_a_warc_compressed_as_one_gzip_member_is_read(tmp_path: Path) -> None:
    """A WARC gzipped whole (not record by record) is valid data; warcio refuses it."""
    import gzip

    docs, failed = read(tmp_path / "crawl.warc.gz", gzip.compress(warc(gzip=False)))
    assert len(docs) == 3 and all(map(whole, docs)) and not failed


def test_a_target_uri_that_does_not_parse_still_names_the_article(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: urlparse raises ValueError on "http://[::1"."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(writer.create_warc_record("urn:x:[::1/story-9.html", "resource",
                                                  payload=io.BytesIO(page(9)), warc_content_type="text/html"))
    docs, failed = read(tmp_path / "crawl.warc", buffer.getvalue().replace(b"urn:x:[::1", b"http://[::1"))
    assert [d.id for d in docs] == ["crawl-story-9"] and not failed
    assert docs[0].source.url == "http://[::1/story-9.html"


def test_a_content_length_larger_than_any_file_is_named(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: warcio read an HTTP header line that long (OverflowError)."""
    data = warc(gzip=False)
    third = data.index(b"Content-Length: ", data.index(URLS[2].encode()))
    end = data.index(b"\r\n", third)
    docs, failed = read(tmp_path / "crawl.warc", data[:third] + b"Content-Length: 99999999999999999999" + data[end:])
    assert len(docs) == 2
    assert [(f.source, f.reason) for f in failed] == [(
        f"{tmp_path / 'crawl.warc'}#record3",
        "damaged: this record cannot be read (its Content-Length, 99999999999999999999, is larger than any file); "
        "the rest of the file was not read")]


def test_a_record_without_content_length_is_the_one_failure(tmp_path: Path) -> None:
    """Reading stops there: the file's end, never reached, is not called cut off as well."""
    data = warc(gzip=False) * 20
    length = re.search(rb"Content-Length: \d+\r\n", data)
    assert length
    docs, failed = read(tmp_path / "crawl.warc", data[: length.start()] + data[length.end():])
    assert not docs
    assert [(f.source, f.reason) for f in failed] == [(
        f"{tmp_path / 'crawl.warc'}#record1 ({URLS[0]})",
        "damaged: it has no Content-Length header, so where it ends is unknown; the rest of the file was not read")]


def _encoded(body: bytes) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(URLS[0], "response", payload=io.BytesIO(body),
                                                  http_headers=headers))
    return buffer.getvalue()


def test_a_gzip_encoded_body_is_read_whole_or_named_damaged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by benchmarks/fuzz.py: warcio printed zlib's error on stderr and ended a damaged
    gzip-encoded body there, and the part before it was analysed as the article."""
    import gzip as gz

    packed = gz.compress(page(1) * 40, compresslevel=1)
    docs, failed = read(tmp_path / "whole.warc", _encoded(packed))
    assert docs[0].content == (page(1) * 40).decode() and not failed
    docs, failed = read(tmp_path / "plain.warc", _encoded(page(1)))  # labelled gzip, stored decoded
    assert docs[0].content == page(1).decode() and not failed
    damaged = bytearray(packed)
    damaged[len(damaged) // 2] ^= 0xFF
    docs, failed = read(tmp_path / "damaged.warc", _encoded(bytes(damaged)))
    assert not docs
    assert failed[0].source.endswith(f"damaged.warc#record1 ({URLS[0]})")
    assert re.fullmatch(r"damaged: .* in its gzip-encoded body, after [\d,]+ bytes; not analysed", failed[0].reason)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("charset, text", [
    ("windows-1251", "Порт снова открыт после недели ремонта, сообщили в администрации порта."),
    ("iso-8859-2", "Přístav byl v pondělí po týdnu oprav znovu otevřen, uvedla správa přístavu."),
])
def test_the_servers_charset_decodes_a_page_that_declares_none(tmp_path: Path, charset: str, text: str) -> None:
    """The HTTP Content-Type's charset reaches the decoder, as a browser uses it before the
    page's own <meta>; the note says who declared it."""
    body = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode(charset)
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", f'text/html; charset="{charset}"')], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(URLS[0], "response", payload=io.BytesIO(body), http_headers=headers))
    docs, failures = read(tmp_path / "crawl.warc.gz", buffer.getvalue())
    assert not failures and len(docs) == 1
    assert text in docs[0].content
    assert docs[0].encoding_note and "(declared)" in docs[0].encoding_note, docs[0].encoding_note


def test_a_servers_charset_the_bytes_are_not_is_overruled_and_said(tmp_path: Path) -> None:
    text = "Der Hafen in Zürich wurde am Montag nach einer Woche Reparaturen wieder geöffnet, sagte die Behörde."
    body = f"<html><body><article><p>{text}</p></article></body></html>".encode("cp1252")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=koi8-r")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(URLS[0], "response", payload=io.BytesIO(body), http_headers=headers))
    docs, _ = read(tmp_path / "crawl.warc", buffer.getvalue())
    assert text in docs[0].content
    note = docs[0].encoding_note or ""
    assert note.startswith("the server declares koi8-r, but its bytes read as"), note
