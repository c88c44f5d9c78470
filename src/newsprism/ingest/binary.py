"""Is it text at all? A test of the bytes that does not depend on how they were decoded.

Random or compressed bytes without a NUL used to pass as an article: some of them always
form valid UTF-8 sequences, so they were decoded as "mostly UTF-8 with stray Windows-1252
bytes", and the control characters that would give them away were removed by the mojibake
repair. Two facts decide instead, both on the raw bytes:
- control characters: text has next to none besides tab, line and page breaks (binary
  data has about one byte in ten: 27 of the 255 non-NUL values);
- bytes that are not UTF-8: charset-normalizer's ``is_binary`` verdict, its mess detector
  run over every candidate encoding with the lenient fallbacks off. Text in a legacy
  encoding (Windows-1252, KOI8-R, Shift-JIS, GB2312, ...) reads as text there; random
  bytes read as a mess in all of them.
"""

from __future__ import annotations

import charset_normalizer

# C0 controls and DEL, less tab, line feed, vertical tab, form feed and carriage return
_CONTROL = bytes([*range(1, 9), *range(14, 32), 127])
# Well above a stray control character or two in a real article, well below binary's 10 %.
MAX_CONTROL_SHARE = 0.02
_SAMPLE = 1 << 16
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16/32: ASCII's controls are in there


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is binary and not text, or None when it reads as text."""
    if data.startswith(_UNICODE_BOMS):
        return None
    sample = data[:_SAMPLE]
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > MAX_CONTROL_SHARE * len(sample):
        return f"binary file, not text: {controls / len(sample):.0%} of its bytes are control characters"
    if _is_utf8(sample):
        return None
    if charset_normalizer.is_binary(data):
        return "binary file, not text: it is not UTF-8, and no character encoding reads it as text"
    return None


def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8, allowing a character cut at the end of the sample."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start >= len(sample) - 3 and err.reason == "unexpected end of data"
    return True
