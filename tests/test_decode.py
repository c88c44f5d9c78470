"""Bytes to text (issue 15, item 6): legacy code pages read as the code page they were written
in, however short the text; a declared charset (HTML meta, XML declaration) respected. Every
text here is written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest import read_inputs
from newsprism.ingest.decode import decode_bytes
from newsprism.model import RawDocument

JAPANESE = ("港町の市役所は月曜日、台風で壊れた防波堤の修理が終わったと発表した。"
            "市長は記者会見で「漁船は明日から通常どおり出港できる」と述べた。")
CHINESE = ("海港市政府星期一宣布，被台风损坏的防波堤已经修复。"
           "市长在记者会上说：“渔船明天起可以正常出港。”")
TRADITIONAL = "海港市政府星期一宣布，被颱風損壞的防波堤已經修復。市長在記者會上說：「漁船明天起可以正常出港。」"

LEGACY = [
    ("Zürich", "cp1252"),  # the example: one word read as another code page ("Z³rich")
    ("Zürich", "latin-1"),
    ("Der Präsident sagte in Zürich, die Gespräche über Grenzen würden weitergehen.", "cp1252"),
    ("Der Präsident sagte in Zürich, die Gespräche über Grenzen würden weitergehen.", "latin-1"),
    ("Le maire a déclaré que la façade « sera rénovée » l'été prochain, à Besançon.", "latin-1"),
    ("Où est-il ?", "cp1252"),
    ("Il a coûté 12 € – un prix élevé…", "cp1252"),
    ("¿Qué pasó en el puerto? El niño dijo que sí.", "latin-1"),
    ("He said “no” – twice. The cost was ½ of the £40 budget; 20°C at noon.", "cp1252"),
    ("Türkiye'nin başkenti Ankara'da dün yapılan toplantıda yeni bir köprü planı açıklandı.", "cp1254"),
    ("Prezydent powiedział w poniedziałek, że rozmowy będą kontynuowane w Łodzi.", "cp1250"),
    ("Starosta řekl, že most bude znovu otevřen příští týden.", "iso8859_2"),
    ("Президент заявил в понедельник, что переговоры продолжатся.", "cp1251"),
    ("Мост откроют во вторник.", "koi8_r"),
    ("Ο δήμαρχος είπε ότι η γέφυρα θα ανοίξει ξανά την Τρίτη.", "cp1253"),
    (JAPANESE, "shift_jis"),
    (JAPANESE, "euc_jp"),
    ("市長は「安全が第一だ」と話した。", "shift_jis"),
    ("東京で雨。", "euc_jp"),
    (CHINESE, "gb18030"),
    ("北京今天下雨。", "gb18030"),
    (TRADITIONAL, "big5"),
    ("시장은 월요일에 다리가 다시 열릴 것이라고 말했다.", "euc_kr"),
]


@pytest.mark.parametrize(("text", "encoding"), LEGACY, ids=[f"{e}-{t[:12]}" for t, e in LEGACY])
def test_legacy_text_is_read_in_its_own_code_page(text: str, encoding: str) -> None:
    decoded, note = decode_bytes(text.encode(encoding), "sample.txt")
    assert decoded == text
    assert note and "not valid UTF-8" in note


def test_utf8_is_preferred_whenever_it_decodes() -> None:
    for text in ("Zürich", JAPANESE, CHINESE, "Мост откроют во вторник."):
        assert decode_bytes(text.encode(), "sample.txt") == (text, None)


def test_shift_jis_and_euc_jp_are_not_taken_for_utf8_with_stray_bytes() -> None:
    """Their double bytes often look like UTF-8 lead and continuation bytes; that is no reason
    to read the rest as Windows-1252."""
    for encoding in ("shift_jis", "euc_jp", "gb18030"):
        text = JAPANESE if encoding != "gb18030" else CHINESE
        decoded, note = decode_bytes(text.encode(encoding), "sample.txt")
        assert decoded == text and "mixed" not in (note or "")


def test_utf8_with_stray_windows_1252_bytes_is_still_read_as_mixed() -> None:
    data = "Kyiv’s mayor said “no” on Tuesday.".encode() + " Café prices rose in Zürich.".encode("cp1252")
    decoded, note = decode_bytes(data, "mixed.txt")
    assert decoded == "Kyiv’s mayor said “no” on Tuesday. Café prices rose in Zürich."
    assert "mixed encodings" in (note or "")


@pytest.mark.parametrize(("declaration", "encoding"), [
    ('<meta charset="shift_jis">', "shift_jis"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">', "euc_jp"),
    ("<meta charset='gb2312'>", "gb18030"),
    ('<meta charset="iso-8859-1">', "cp1252"),
])
def test_html_meta_charset_is_respected(declaration: str, encoding: str) -> None:
    body = JAPANESE if "jp" in encoding or "jis" in encoding else CHINESE if encoding == "gb18030" else \
        "Das Rathaus in Zürich – „geschlossen“."
    page = f"<html><head>{declaration}<title>t</title></head><body><p>{body}</p></body></html>"
    decoded, note = decode_bytes(page.encode(encoding), "page.html")
    assert body in decoded
    assert note and "declared" in note


def test_xml_declaration_is_respected() -> None:
    page = f'<?xml version="1.0" encoding="Shift_JIS"?>\n<html><body><p>{JAPANESE}</p></body></html>'
    decoded, note = decode_bytes(page.encode("shift_jis"), "page.xhtml")
    assert JAPANESE in decoded and "declared" in (note or "")


def test_a_declared_charset_the_bytes_do_not_fit_gives_way_to_the_one_they_fit() -> None:
    """Old pages often keep a template's charset: the bytes decide when they plainly read as
    another code page, and the note says both."""
    body = "Президент заявил в понедельник, что переговоры продолжатся в Москве."
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>{body}</p></body></html>'
    decoded, note = decode_bytes(page.encode("cp1251"), "page.html")
    assert body in decoded
    assert note and "declares" in note and "Windows-1251" in note


def test_byte_order_marks_decide() -> None:
    for encoding in ("utf-16", "utf-32", "utf-8-sig"):
        assert decode_bytes(JAPANESE.encode(encoding), "bom.txt")[0] == JAPANESE


def test_a_shift_jis_file_is_read_as_japanese_through_ingest(tmp_path: Path) -> None:
    (tmp_path / "kouwan.txt").write_bytes(JAPANESE.encode("shift_jis"))
    (tmp_path / "haigang.txt").write_bytes(CHINESE.encode("gb18030"))
    docs = {d.id: d for d in read_inputs([tmp_path]) if isinstance(d, RawDocument)}
    assert docs["kouwan"].content == JAPANESE and "Shift_JIS" in (docs["kouwan"].encoding_note or "")
    assert docs["haigang"].content == CHINESE and "GB18030" in (docs["haigang"].encoding_note or "")


# Printable ASCII, line breaks of every kind, mojibake and control characters: the repair that
# skips plain lines must give what ftfy gives on the whole text.
_REPAIR_ALPHABET = st.sampled_from(
    list("ab \t\n\r") + ["Ã©", "â€™", "Ã¼", "\x1b[31m", "\x00", "\x85", "\u2028", "é", "’", "е", "\ud800"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_REPAIR_ALPHABET, max_size=40).map("".join))
def test_repair_skipping_plain_lines_equals_ftfy_on_the_whole_text(text: str) -> None:
    import ftfy

    from newsprism.ingest.decode import _FTFY, fix_text

    lf = text.replace("\r\n", "\n").replace("\r", "\n")
    assert fix_text(text) == ftfy.fix_text(lf, _FTFY)


def test_text_of_many_blank_lines_keeps_its_words_and_lines() -> None:
    text = "Top line.\n" + "\n" * 200_000 + "Bottom line, caf\u00c3\u00a9.\r\n"
    decoded, note = decode_bytes(text.encode(), "blank.txt")
    assert decoded == "Top line.\n" + "\n" * 200_000 + "Bottom line, caf\u00e9.\n"
    assert note == "repaired mojibake"
