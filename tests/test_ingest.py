"""Ingest: every format, and every kind of bad input gets a named, explained failure."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import read_inputs
from newsprism.model import InputFailure, RawDocument

BODY = "The harbour reopened on Monday after a week of repairs, the port authority said."


def split(items):  # type: ignore[no-untyped-def]
    items = list(items)
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, InputFailure)])


def test_folder_is_read_in_sorted_order_with_file_stems_as_ids(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(BODY)
    (tmp_path / "a.txt").write_text(BODY)
    docs, failed = split(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["a", "b"] and not failed


def test_colliding_stems_get_stable_unique_ids(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "story.txt").write_text(BODY)
    (tmp_path / "y" / "story.html").write_text(f"<html><body><p>{BODY}</p></body></html>")
    docs, _ = split(read_inputs([tmp_path]))
    assert [d.id for d in docs] == ["story", "story-2"]
    assert docs[1].content_type == "html"


def test_missing_path_unmatched_glob_and_unsupported_type_are_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04rest")
    docs, failed = split(read_inputs([tmp_path / "nope.txt", str(tmp_path / "*.html"), tmp_path]))
    reasons = {Path(f.source).name: f.reason for f in failed}
    assert reasons["nope.txt"] == "no such file or folder"
    assert "no file matches" in reasons["*.html"]
    assert "unsupported file type .docx" in reasons["notes.docx"]
    assert not docs


def test_binary_empty_and_oversized_files_fail_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "blob.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    (tmp_path / "empty.txt").write_bytes(b"  \n\n ")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # a sparse 100 MB file: no need to write 100 MB
        handle.truncate(100_000_000)
    docs, failed = split(read_inputs([tmp_path]))
    reasons = {Path(f.source).name: f.reason for f in failed}
    assert "PNG image" in reasons["photo.txt"]
    assert "NUL bytes" in reasons["blob.txt"]
    assert reasons["empty.txt"].startswith("empty input")
    assert "100.0 MB" in reasons["huge.txt"] and "limit" in reasons["huge.txt"]
    assert not docs


def test_legacy_encoding_is_detected_and_mojibake_repaired(tmp_path: Path) -> None:
    text = "Le maire a déclaré que la façade « sera rénovée » l'été prochain, à Besançon."
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    mojibake = "The minister’s café".encode().decode("cp1252")
    (tmp_path / "moji.txt").write_text(mojibake, encoding="utf-8")
    docs, failed = split(read_inputs([tmp_path]))
    by_id = {d.id: d for d in docs}
    assert not failed
    assert by_id["latin"].content == text and "decoded as" in (by_id["latin"].encoding_note or "")
    assert by_id["moji"].content == "The minister’s café"
    assert "repaired mojibake" in (by_id["moji"].encoding_note or "")


def test_mixed_encodings_in_one_file_are_repaired(tmp_path: Path) -> None:
    data = "Kyiv’s mayor said “no” on Tuesday.".encode() + " Café prices rose.".encode("cp1252")
    (tmp_path / "mixed.txt").write_bytes(data)
    docs, failed = split(read_inputs([tmp_path]))
    assert not failed
    assert "Kyiv’s mayor said “no”" in docs[0].content and "Café" in docs[0].content


def test_jsonl_reads_each_line_and_names_the_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": BODY, "title": "Harbour reopens", "outlet": "Port News",
                    "url": "https://port.example/a", "published": "2026-03-02"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "no body"}),
        "",
        json.dumps({"html": f"<p>{BODY}</p>", "id": "custom-id"}),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    docs, failed = split(read_inputs([feed]))
    assert [d.id for d in docs] == ["feed-1", "custom-id"]
    assert docs[0].outlet == "Port News" and docs[0].source.line == 1 and docs[1].content_type == "html"
    assert [f.source for f in failed] == [f"{feed}:2", f"{feed}:3", f"{feed}:4"]
    assert failed[0].reason.startswith("not valid JSON")  # the line is in the source: "feed.jsonl:2"
    assert "not an object" in failed[1].reason
    assert 'no non-empty "text" or "html"' in failed[2].reason


def _jsonl_reasons(tmp_path: Path, lines: list[str]) -> list[str]:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n")
    docs, failed = split(read_inputs([feed]))
    assert not docs and [f.source for f in failed] == [f"{feed}:{n}" for n in range(1, len(lines) + 1)]
    return [f.reason for f in failed]


def test_a_jsonl_failure_names_its_line_once(tmp_path: Path) -> None:
    """Issue 15, item 8: "feed.jsonl:2: line 2: not valid JSON" said the line twice."""
    reasons = _jsonl_reasons(tmp_path, ["{not json", '{"title": "no body"}'])
    assert reasons == ["not valid JSON (Expecting property name enclosed in double quotes at column 2)",
                       'has no non-empty "text" or "html" field']


def test_a_jsonl_line_that_is_not_json_says_where_once(tmp_path: Path) -> None:
    """Issue 15, item 8: "Invalid control character at at column 12"; and a line cut inside a
    string is an unterminated string, not a control character (its own newline)."""
    reasons = _jsonl_reasons(tmp_path, ['{"text": "a line cut sho', '{"text": "a\x01b"}', '{"text": "x"} 1'])
    assert reasons == ["not valid JSON (Unterminated string starting at column 10)",
                       "not valid JSON (Invalid control character at column 12)",
                       "not valid JSON (Extra data at column 15)"]


def test_a_jsonl_line_that_is_not_an_object_is_named_in_json_terms(tmp_path: Path) -> None:
    """Issue 15, item 8: "a JSON NoneType" (Python's name) is a JSON null."""
    reasons = _jsonl_reasons(tmp_path, ["null", "[1, 2]", '"words"', "3.5", "true"])
    assert reasons == [f"a JSON {kind}, not an object with a text field"
                       for kind in ("null", "array", "string", "number", "boolean")]


def test_warc_responses_become_articles_and_other_records_are_accounted_for(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        page = f"<html><head><title>Harbour reopens</title></head><body><article><p>{BODY}</p></article></body></html>"
        for url, mime, payload in [
            ("https://port.example/news/harbour-reopens.html", "text/html; charset=utf-8", page.encode()),
            ("https://port.example/logo.png", "image/png", b"\x89PNG...."),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)
    docs, failed = split(read_inputs([path]))
    assert [d.id for d in docs] == ["crawl-harbour-reopens"]
    assert docs[0].source.url == "https://port.example/news/harbour-reopens.html"
    assert len(failed) == 1 and "image/png x1" in failed[0].reason


def test_truncated_warc_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort"))
    docs, failed = split(read_inputs([path]))
    assert not docs and failed and str(path) in failed[0].source


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY * 10)
    docs, failed = split(read_inputs([tmp_path], Settings().updated("ingest", max_article_bytes=100)))
    assert not docs and "limit" in failed[0].reason


def test_a_gzipped_text_html_or_jsonl_file_is_read_decompressed(tmp_path: Path) -> None:
    """Issue 15, item 8: a .gz given by name was read as text (and refused as binary)."""
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "story.txt.gz").write_bytes(gzip.compress(BODY.encode()))
    (folder / "page.html.gz").write_bytes(gzip.compress(f"<html><body><p>{BODY}</p></body></html>".encode()))
    (folder / "feed.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": BODY}).encode() + b"\n"))
    bare = tmp_path / "notes.gz"  # named on the command line: read whatever its suffix
    bare.write_bytes(gzip.compress(BODY.encode()))
    docs, failed = split(read_inputs([folder, bare]))
    assert not failed
    assert [(d.id, d.content_type) for d in docs] == [
        ("feed-1", "text"), ("page", "html"), ("story", "text"), ("notes", "text")]
    assert all(BODY in d.content for d in docs)
    assert [d.encoding_note for d in docs if d.id != "feed-1"] == ["decompressed from gzip"] * 3


def test_a_gzip_file_cut_off_is_refused_not_read_in_part(tmp_path: Path) -> None:
    story = tmp_path / "story.txt.gz"
    story.write_bytes(gzip.compress((BODY * 40).encode())[:-12])
    lines = [json.dumps({"text": f"{n} {BODY}"}) for n in range(200)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    feed = tmp_path / "feed.jsonl.gz"
    feed.write_bytes(packed[: len(packed) * 2 // 3])
    docs, failed = split(read_inputs([story, feed]))
    assert failed[0].source == str(story)
    assert re.fullmatch(r"truncated: the file ends inside its gzip data, after [\d,]+ bytes of text; not analysed",
                        failed[0].reason)
    assert docs and all(d.source.path == str(feed) and d.content == f"{d.source.line - 1} {BODY}" for d in docs)
    cut_line = len(docs) + 1
    assert [(f.source, f.reason) for f in failed[1:]] == [
        (f"{feed}:{cut_line}", "truncated: the file ends inside its gzip data: this line is not whole; not read"),
        (str(feed), f"truncated: the file ends inside a gzip member, after line {cut_line}: any lines after it "
                    "are lost"),
    ]


def test_a_gzip_that_inflates_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 5_000_000))
    docs, failed = split(read_inputs([tmp_path], Settings().updated("ingest", max_article_bytes=100_000)))
    assert not docs and "over the article size limit" in failed[0].reason


def test_binary_without_nul_bytes_is_refused_by_a_test_of_its_bytes(tmp_path: Path) -> None:
    """Issue 15, item 8: 8 KB of random bytes without a NUL became an article ("mostly
    UTF-8 with stray Windows-1252 bytes", its control characters removed by the repair)."""
    rng = random.Random(15)
    (tmp_path / "noise.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(8192)))
    (tmp_path / "high.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(8192)))
    (tmp_path / "ascii-controls.txt").write_bytes(bytes(rng.randrange(1, 128) for _ in range(8192)))
    docs, failed = split(read_inputs([tmp_path]))
    reasons = {Path(f.source).name: f.reason for f in failed}
    assert not docs
    assert re.fullmatch(r"binary file, not text: \d+% of its bytes are control characters", reasons["noise.txt"])
    assert reasons["high.txt"] == "binary file, not text: it is not UTF-8, and no character encoding reads it as text"
    assert "control characters" in reasons["ascii-controls.txt"]


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", "Le maire a déclaré que la façade « sera rénovée » l'été prochain, à Besançon."),
    ("koi8-r", "Президент заявил в пятницу, что военные в Курской области будут пощажены."),
    ("cp1256", "قال الرئيس يوم الجمعة إن الجنود في منطقة كورسك سيتم إنقاذ حياتهم إذا استسلموا."),
    ("shift_jis", "東京都は金曜日、港の修理が完了したと発表した。再開は月曜日になる見込みだ。"),
    ("gb2312", "港口在经过一周的维修后于周一重新开放，港务局表示。"),
    ("utf-8", "The minister’s café — “no”, he said.\tTabs\fand form feeds\vstay text."),
])
def test_text_in_any_encoding_is_not_taken_for_binary(encoding: str, text: str) -> None:
    from newsprism.ingest.binary import binary_reason

    assert binary_reason(text.encode(encoding)) is None
    assert binary_reason(f"<html><body><p>{text}</p></body></html>".encode(encoding) * 20) is None


def test_a_jsonl_line_over_the_limit_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "word " * 3000}) + "\n" + json.dumps({"text": BODY}) + "\n")
    docs, failed = split(read_inputs([feed], Settings().updated("ingest", max_article_bytes=1000)))
    assert [d.content for d in docs] == [BODY] and docs[0].source.line == 2
    assert [(f.source, f.reason) for f in failed] == [
        (f"{feed}:1", "record is over the article size limit (1,000 bytes)")]


def test_a_jsonl_record_with_an_escaped_lone_surrogate_is_read_with_a_replacement(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: json.loads keeps "\\ud800" as a lone surrogate, which no
    UTF-8 can hold (UnicodeEncodeError)."""
    feed = tmp_path / "feed.jsonl"
    line = '{"text": "BODY \\ud800 end", "title": "Harbour \\udfff", "outlet": "\\ud83d\\ude00 News"}\n'
    feed.write_text(line.replace("BODY", BODY))
    docs, failed = split(read_inputs([feed]))
    assert not failed
    assert docs[0].content == f"{BODY} \ufffd end" and docs[0].title == "Harbour \ufffd"
    assert docs[0].outlet == "\U0001f600 News"  # a whole pair is one character, as JSON means it
    assert "lone UTF-16 surrogate" in (docs[0].encoding_note or "")


def test_a_jsonl_line_python_cannot_read_is_named(tmp_path: Path) -> None:
    """Found by benchmarks/fuzz.py: json.loads raises ValueError on an integer of over 4,300
    digits, and RecursionError on arrays nested past the recursion limit: both ended the run."""
    reasons = _jsonl_reasons(tmp_path, ['{"text": "x", "n": 1' + "9" * 5000 + "}",
                                        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"])
    assert reasons == ["a number in it is longer than the 4,300 digits Python reads",
                       "its arrays or objects nest too deep to read"]
