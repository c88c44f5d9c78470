"""Bytes to trustworthy text: size and binary checks, charset detection, mojibake repair."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

from ..errors import InputError

# Magic numbers of formats people drop into a folder of articles by mistake.
_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data (name it .warc.gz if it is a WARC)"),
    (b"\x7fELF", "an executable"),
]
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{1,3}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)

# Keep the text as the outlet wrote it: no straightening of curly quotes (quote comparison
# relies on them) and no folding of full-width or ligature characters.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    unescape_html=False,
    explain=False,
)


def decode_bytes(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode one input, returning the text and a note on any repair made."""
    if not data.strip():
        raise InputError(source, "empty input: there is no text to read")
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file, not text: it looks like {what}")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        return _repair(text, "decoded as UTF-16", source)
    if b"\x00" in head:
        raise InputError(source, "binary file, not text: it contains NUL bytes")
    try:
        return _repair(data.decode("utf-8-sig"), None, source)
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        # Mostly UTF-8 with stray legacy bytes (text pasted from two sources): keep the
        # UTF-8 and read only the invalid bytes as Windows-1252.
        text = data.decode("utf-8", errors=_LEGACY_FALLBACK)
        return _repair(text, "mixed encodings: invalid UTF-8 bytes read as Windows-1252", source)
    declared = _META_CHARSET.search(head)
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
            return _repair(text, f"decoded as {declared.group(1).decode('ascii')} (declared)", source)
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(source, "binary file, not text: no character encoding fits it")
    text = str(best)
    # A UTF-8 file with a few bytes of another encoding decodes as mostly-UTF-8 mojibake
    # under a single-byte charset; ftfy repairs that in _repair.
    return _repair(text, f"not valid UTF-8; decoded as {best.encoding}", source)


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


_LEGACY_FALLBACK = "newsprism-cp1252-fallback"
codecs.register_error(_LEGACY_FALLBACK, _cp1252_fallback)


def _repair(text: str, note: str | None, source: str) -> tuple[str, str | None]:
    fixed = ftfy.fix_text(text, _FTFY)
    if fixed != text:
        note = f"{note}; repaired mojibake" if note else "repaired mojibake"
    if _control_ratio(fixed[:20000]) > 0.05:
        raise InputError(source, "binary file, not text: too many control characters")
    return fixed, note


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)
