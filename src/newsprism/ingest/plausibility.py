"""How plausible a decoded text is as written language: the cost ``decode`` weighs each
candidate reading of the bytes by (the cheapest wins).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

# # A wrong code page turns letters into symbols inside words ("Z³rich"), switches script in
# mid-word ("Zü" read as GBK: "Z" and a Chinese character), flips case ("пРЕЗИДЕНТ" is
# Windows-1251 read as KOI8-R), mixes letters no one language writes together ("baþkenti",
# Turkish read as Windows-1252: þ is Icelandic), and lands on rare characters (Chinese
# characters outside the common sets, half-width katakana, control codes). A right reading
# does none of that; each occurrence costs, and the cheapest reading wins.

_JUDGED_CHARS = 5000  # non-ASCII characters weighed per reading: enough to tell, bounded on huge files
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_KANA = re.compile(r"[\u3040-\u30ff]")

# The letters beyond ASCII each orthography uses (lower case): a text's accented letters come
# from one of them. For Cyrillic and Greek the whole alphabet. Scripts not listed (Hebrew,
# Arabic, Thai, Chinese, ...) are not checked this way.
_ORTHOGRAPHIES = {
    "fr": "àâçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúü", "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúüŀ", "nl": "éëïóöüèá", "sv": "åäöé", "da": "åæøé", "fi": "äöåšž",
    "is": "áðéíóúýþæö", "fo": "áðíóúýæø", "et": "äöõüšž", "tr": "çğıöşüâîû", "az": "çəğıöşü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ", "hr": "čćđšž", "sl": "čšž", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž", "sq": "çë",
    "mt": "ċġħżàèìòù", "ga": "áéíóú", "cy": "âêîôûŵŷäëïöü",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш", "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
}
_HEBREW_FINALS = frozenset("ךםןףץ")
_ALPHABETS = [frozenset(letters) for letters in _ORTHOGRAPHIES.values()]
_CHECKED_SCRIPTS = {"Latin", "Greek", "Cyrillic"}


def implausibility(text: str) -> tuple[float, int]:
    """How unlike written language ``text`` reads (0: not at all), judged on its first
    ``_JUDGED_CHARS`` non-ASCII characters, and how many were judged. ASCII alone is never
    in doubt: every candidate code page reads it alike."""
    cost = 0.0
    judged = 0
    letters: Counter[str] = Counter()
    japanese = _KANA.search(text) is not None
    n = len(text)
    for match in _NON_ASCII.finditer(text):
        if judged == _JUDGED_CHARS:
            break
        judged += 1
        i = match.start()
        ch = text[i]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        cost += _char_cost(ch, japanese)
        if ch.isalpha():
            script = _script(ch)
            lower = ch.lower()[0]
            if script in _CHECKED_SCRIPTS and not lower.isascii():
                letters[lower] += 1
            # each pair of neighbours is judged once: from its non-ASCII member on the right,
            # or from the left one when the right one is ASCII
            if before.isalpha() and _script(before) != script:
                cost += 1.0
            if after.isascii() and after.isalpha() and script != "Latin":
                cost += 1.0
            if before.islower() and ch.isupper():
                cost += 0.5
            if after.isascii() and ch.islower() and after.isupper():
                cost += 0.5
            if ch == "ς" and after.isalpha():  # the final sigma ends a word
                cost += 1.0
            if ch in "ьъыЬЪЫ" and not before.isalpha():  # no Cyrillic word begins with them
                cost += 0.5
            if ch.islower() and script in _CHECKED_SCRIPTS and _starts_sentence(text, i):
                cost += 0.5  # Hebrew read as Windows-1251 is all lower case
            if ch in _HEBREW_FINALS and after.isalpha():
                cost += 1.0  # a final letter inside a Hebrew word
            if _is_han(ord(ch)) and after == " " and i + 2 < n and _is_han(ord(text[i + 2])):
                cost += 0.5  # Chinese and Japanese put no spaces between characters (Korean read as GBK)
        elif _is_symbol(ch):
            cost += (before.isalpha() + after.isalpha()) * 0.5  # "Z³rich": a symbol inside a word
        elif _is_mark(ch):
            if not (before.isalpha() or _is_mark(before)) or _script(ch) not in ("other", _script(before)):
                cost += 1.0  # a combining mark with no letter of its script to sit on ("N\u064c")
        elif _is_format(ch) and before.isalpha() and after.isalpha():
            cost += 1.0  # "ba\u200fkenti": a direction mark inside a word (Turkish read as Windows-1256)
    if letters:
        cost += 0.5 * min(sum(k for letter, k in letters.items() if letter not in alphabet)
                          for alphabet in _ALPHABETS)
    return cost, judged


@cache
def _char_cost(ch: str, japanese: bool) -> float:
    category = unicodedata.category(ch)
    if category in ("Cc", "Cn", "Co", "Cs") or ch == "\ufffd":
        return 3.0  # control codes, unassigned and private-use code points
    code = ord(ch)
    if 0xFF61 <= code <= 0xFF9F:
        return 0.5  # half-width katakana: what Shift_JIS single bytes become in a wrong reading
    if _is_han(code):
        return 0.0 if _common_han(ch, japanese) else 0.5
    if 0xAC00 <= code < 0xD7B0:  # outside the 2,350 common Hangul syllables of KS X 1001
        return 0.0 if len(_encoded(ch, "euc_kr")) == 2 else 0.5
    if 0x3130 <= code < 0x3190:
        return 0.5  # Hangul letters standing alone: what Japanese kana become in a Korean reading
    return 0.0


def _is_han(code: int) -> bool:
    return 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0 or 0xF900 <= code < 0xFB00 or code >= 0x20000


_COMMON_HAN = {"gb2312": (0xB0A1, 0xD7FE), "big5": (0xA440, 0xC67E), "shift_jis": (0x889F, 0x9872)}


@cache
def _common_han(ch: str, japanese: bool) -> bool:
    """In the first, most used level of GB2312 (3,755 characters), Big5 (5,401) or JIS X 0208
    (2,965; the only one among kana): the characters most Chinese or Japanese text is
    written in. Japanese read as GBK keeps its kana and turns its kanji into other, often
    simplified, characters."""
    for codec in ("shift_jis",) if japanese else _COMMON_HAN:
        low, high = _COMMON_HAN[codec]
        encoded = _encoded(ch, codec)
        if len(encoded) == 2 and low <= int.from_bytes(encoded, "big") <= high:
            return True
    return False


def _encoded(ch: str, codec: str) -> bytes:
    try:
        return ch.encode(codec)
    except UnicodeEncodeError:
        return b""


@cache
def _is_symbol(ch: str) -> bool:
    category = unicodedata.category(ch)
    return (category[0] == "S" and category != "Sc" and ch != "°") or category == "No"


@cache
def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc")


def _is_format(ch: str) -> bool:
    """Invisible format characters, but the soft hyphen and the joiners that words contain."""
    return unicodedata.category(ch) == "Cf" and ch not in "\u00ad\u200c\u200d"


def _starts_sentence(text: str, i: int) -> bool:
    """Whether position ``i`` begins the text or a sentence (after ". ", "! ", "? ")."""
    j = i - 1
    while j >= 0 and text[j] in " \t\r\n\"'«“„‘(":
        j -= 1
    return j < 0 or (text[j] in ".!?" and j < i - 1)


@cache
def _script(ch: str) -> str:
    """The writing system of a letter, coarsely: Chinese characters and kana are one ("CJK"),
    as Japanese mixes them within a word."""
    code = ord(ch)
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "Latin"
    if 0x370 <= code < 0x400 or 0x1F00 <= code < 0x2000:
        return "Greek"
    if 0x400 <= code < 0x530:
        return "Cyrillic"
    if 0x590 <= code < 0x600 or 0xFB1D <= code < 0xFB50:
        return "Hebrew"
    if 0x600 <= code < 0x780 or 0xFB50 <= code < 0xFE00 or 0xFE70 <= code < 0xFF00:
        return "Arabic"
    if 0xE00 <= code < 0xE80:
        return "Thai"
    if 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
        return "Hangul"
    if 0x3000 <= code < 0x3100 or 0x31F0 <= code < 0x3200 or 0xFF00 <= code < 0xFFF0 or _is_han(code):
        return "CJK"
    return "other"
