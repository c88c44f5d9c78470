"""Bytes to trustworthy text: size and binary checks, charset detection, mojibake repair.

The order of evidence: a byte-order mark; UTF-8, whenever the bytes are valid UTF-8 (legacy
text almost never is); a charset the document declares (HTML ``<meta charset>``, an XML
declaration), unless its bytes plainly read as another code page; else every common legacy
code page is tried and the reading most like written language wins. A statistical detector
alone (charset-normalizer) misreads short texts: "Zürich" in Windows-1252 came back as
UTF-16 or as a DOS code page ("Z³rich"), and Shift_JIS as UTF-8 with stray bytes. Here it
only proposes one more candidate; ``implausibility`` judges them all alike.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy
import py3langid

from ..errors import InputError
from .plausibility import implausibility

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
# Longest first: a UTF-32 little-endian mark starts like UTF-16's.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")]
# One whole multi-byte UTF-8 character: a reason to read the bytes as UTF-8 with stray bytes.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# The legacy code pages tried when the bytes are not UTF-8, most used on the web first, with
# the names people know them by. The order only breaks ties between equally plausible
# readings (a German sentence reads the same in Windows-1252 and Windows-1250).
_LEGACY = {
    "cp1252": "Windows-1252",  # Western European; what an ISO-8859-1 label means on the web too
    "gb18030": "GB18030",  # Simplified Chinese: a superset of GBK and GB2312
    "cp932": "Shift_JIS",  # Japanese: Windows' Shift_JIS, a superset of the standard one
    "euc_jp": "EUC-JP",
    "cp1251": "Windows-1251",  # Cyrillic
    "cp950": "Big5",  # Traditional Chinese: Windows' Big5
    "cp949": "EUC-KR",  # Korean: Windows' superset of EUC-KR
    "cp1250": "Windows-1250",  # Central European
    "iso8859_2": "ISO-8859-2",
    "cp1256": "Windows-1256",  # Arabic
    "cp1254": "Windows-1254",  # Turkish
    "cp1253": "Windows-1253",  # Greek
    "cp1255": "Windows-1255",  # Hebrew
    "koi8_r": "KOI8-R",
    "cp874": "Windows-874",  # Thai
    "cp1257": "Windows-1257",  # Baltic
    "koi8_u": "KOI8-U",
}
# The languages (py3langid's codes) each code page was made for.
_WESTERN = {"af", "an", "br", "ca", "cy", "da", "de", "en", "es", "et", "eu", "fi", "fo", "fr", "ga", "gl", "ht",
            "id", "is", "it", "jv", "la", "lb", "mg", "ms", "nb", "nl", "nn", "no", "oc", "pt", "qu", "rw", "sq",
            "sv", "sw", "tl", "vo", "wa", "xh", "zu"}
_CENTRAL = {"bs", "cs", "hr", "hu", "pl", "ro", "sk", "sl", "sq", "sr"}
_SERVES = {
    "cp1252": _WESTERN, "cp1250": _CENTRAL, "iso8859_2": _CENTRAL,
    "cp1251": {"be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "uk"}, "koi8_r": {"bg", "ru"},
    "koi8_u": {"be", "ru", "uk"},
    "cp1253": {"el"}, "cp1254": {"az", "tr"}, "cp1255": {"he"}, "cp1256": {"ar", "fa", "ps", "ug", "ur"},
    "cp1257": {"et", "lt", "lv"}, "cp874": {"th"}, "gb18030": {"zh"}, "cp950": {"zh"}, "cp932": {"ja"},
    "euc_jp": {"ja"}, "cp949": {"ko"},
}
# Labels that mean a larger code page in practice (as browsers read them, WHATWG Encoding).
_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
              "shift_jis": "cp932", "euc_kr": "cp949", "big5": "cp950", "iso8859-9": "cp1254",
              "tis-620": "cp874", "iso8859-11": "cp874"}
_MIXED = "mixed"  # UTF-8 whose invalid bytes are read as Windows-1252 (text pasted from two sources)
# A reading's language must be this much (natural log, e^5 ~ 150 times) less likely under its
# code page than another's for a language identifier to overrule the order of code pages.
_LANGUAGE_MARGIN = 5.0

# Keep the text as the outlet wrote it: no straightening of curly quotes (quote comparison
# relies on them) and no folding of full-width or ligature characters.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    unescape_html=False,
    explain=False,
)


def decode_bytes(data: bytes, source: str, charset: str | None = None) -> tuple[str, str | None]:
    """Decode one input, returning the text and a note on any repair made. ``charset``: what
    the transport declared (a WARC record's HTTP Content-Type); as in a browser it comes
    before the page's own <meta charset>, and like it, it is overruled by bytes that plainly
    read as another code page."""
    if not data.strip():
        raise InputError(source, "empty input: there is no text to read")
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file, not text: it looks like {what}")
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            try:
                return _repair(data.decode(codec), f"decoded as {name}", source)
            except UnicodeDecodeError:
                raise InputError(source, f"starts with a {name} byte-order mark but is not {name}") from None
    if b"\x00" in head:
        raise InputError(source, "binary file, not text: it contains NUL bytes")
    try:
        return _repair(data.decode("utf-8-sig"), None, source)
    except UnicodeDecodeError:
        pass
    readings = _readings(data)
    if not readings:
        raise InputError(source, "binary file, not text: no character encoding fits it")
    best = _best(readings)
    declared = _declared(head, charset)
    if declared:
        label, codec, by = declared
        own = next((r for r in readings if r.codec == codec), None) or _reading(data, codec, len(readings))
        if own is None:
            note = f"{by} declares {label}, but its bytes are not {label}; {_decoded_as(best)}"
        elif own.cost - best.cost > max(1.0, 0.1 * best.judged):
            note = f"{by} declares {label}, but its bytes read as {_name(best.codec)}; {_decoded_as(best)}"
        else:
            best, note = own, f"{_decoded_as(own)} (declared)"
    else:
        note = _decoded_as(best)
    # A UTF-8 file with a few bytes of another encoding decodes as mostly-UTF-8 mojibake
    # under a single-byte charset; ftfy repairs that in _repair.
    return _repair(best.text, note, source)


@dataclass(frozen=True)
class _Reading:
    codec: str  # a Python codec name, or _MIXED
    text: str
    cost: float  # implausibility: 0 reads like written language, more the less it does
    judged: int  # non-ASCII characters the cost was measured on
    rank: int  # order of preference among equally plausible readings


def _readings(data: bytes) -> list[_Reading]:
    """Every candidate reading that decodes, the most plausible first."""
    candidates = list(_LEGACY)
    if _UTF8_MULTIBYTE.search(data):
        candidates.insert(0, _MIXED)
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and not guess.encoding.startswith(("utf_16", "utf_32")):
        # Without a byte-order mark, UTF-16 is a guess charset-normalizer makes for any even
        # number of bytes; real UTF-16 files carry the mark.
        codec = _codec(guess.encoding)
        if codec and codec not in candidates:
            candidates.append(codec)
    found = [r for rank, codec in enumerate(candidates) if (r := _reading(data, codec, rank))]
    return sorted(found, key=lambda r: (r.cost, r.rank))


def _best(readings: list[_Reading]) -> _Reading:
    """The most plausible reading. Of equally plausible ones that differ, the first, unless a
    language identifier finds it far less likely in any language its code page writes than
    in some other ("Ýstanbul'da yaðmur" is Turkish, which Windows-1252 does not write), and
    another reading likely in a language of its own code page ("İstanbul'da yağmur",
    Windows-1254). On a few words the identifier often errs: "Ça coûte cher." reads as
    Kurdish, 2.5 (natural log) more likely than French; hence a wide margin."""
    first = readings[0]
    tied = [r for r in readings if r.cost == first.cost and r.text != first.text]
    if not tied or _language_fit(first) >= -_LANGUAGE_MARGIN:
        return first
    fit, reading = max(((_language_fit(r), r) for r in tied), key=lambda pair: (pair[0], -pair[1].rank))
    return reading if fit >= -_LANGUAGE_MARGIN else first


def _language_fit(reading: _Reading) -> float:
    """How much less likely (log) the reading is in the likeliest language its code page
    writes than in the likeliest language of all: 0 when that is one of its own, or when the
    code page is not one whose languages are known here (mixed UTF-8, a detector's guess)."""
    served = _SERVES.get(reading.codec)
    if not served:
        return 0.0
    scores = {language: float(score) for language, score in py3langid.rank(reading.text[:5000])}
    return max(scores[code] for code in served if code in scores) - max(scores.values())


def _reading(data: bytes, codec: str, rank: int) -> _Reading | None:
    try:
        if codec == _MIXED:
            text = data.decode("utf-8", errors=_LEGACY_FALLBACK)
        elif codec == "cp1252":  # as browsers read it: its five unassigned bytes as Latin-1
            text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
        else:
            text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    cost, judged = implausibility(text)
    return _Reading(codec, text, cost, judged, rank)


def _declared(head: bytes, transport: str | None = None) -> tuple[str, str, str] | None:
    """The charset declared for the document (its label, the codec to read it with, and who
    declared it): by the transport, else by the document itself."""
    if transport and _codec(transport):
        label, by = transport, "the server"
    else:
        found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
        if not found:
            return None
        label, by = found.group(1).decode("ascii"), "the page"
    codec = _codec(label)
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        return None  # unknown, or UTF-16 declared in bytes that have no byte-order mark: a template's slip
    return label, codec, by


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return {"x-sjis": "cp932", "windows-31j": "cp932", "x-euc-jp": "euc_jp"}.get(label.lower())
    if name == "utf-8":
        return _MIXED  # declared UTF-8 that is not valid UTF-8: text pasted from elsewhere
    return _SUPERSETS.get(name, name)


def _name(codec: str) -> str:
    return _LEGACY.get(codec, codec)


def _decoded_as(reading: _Reading) -> str:
    if reading.codec == _MIXED:
        return "mixed encodings: invalid UTF-8 bytes read as Windows-1252"
    return f"not valid UTF-8; decoded as {_name(reading.codec)}"


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors=_LATIN1_FALLBACK), err.end


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("latin-1"), err.end


_LEGACY_FALLBACK = "newsprism-cp1252-fallback"
_LATIN1_FALLBACK = "newsprism-latin1-fallback"
codecs.register_error(_LEGACY_FALLBACK, _cp1252_fallback)
codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


def _repair(text: str, note: str | None, source: str) -> tuple[str, str | None]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows line ends are not mojibake
    fixed = fix_text(text)
    if fixed != text:
        note = f"{note}; repaired mojibake" if note else "repaired mojibake"
    if _control_ratio(fixed[:20000]) > 0.05:
        raise InputError(source, "binary file, not text: too many control characters")
    return fixed, note


# ftfy leaves a line of printable ASCII as it is, but still costs about 25 µs per line: text
# of 800,000 blank lines took 20 s. Only the lines that hold anything else go through it.
_NEEDS_FTFY = re.compile(r"[^\t\n\x20-\x7e]")


def fix_text(text: str) -> str:
    """ftfy's repair, line by line as ftfy does it, skipping the lines it would not change.

    Line breaks are made "\\n" first, as ftfy's own fix_line_breaks would make them, so that
    text with Windows line ends is not sent through ftfy line by line for its "\\r" alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _NEEDS_FTFY.search(text):
        return text
    lines = text.split("\n")
    return "\n".join(ftfy.fix_text(line, _FTFY) if _NEEDS_FTFY.search(line) else line for line in lines)


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)
