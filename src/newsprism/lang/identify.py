"""Which language an article is in, and whether newsprism's annotators read it.

The language comes from the text (py3langid, 97 languages) when there is enough of it, and
else from what the page declares, or from a script only one language writes (kana:
Japanese; Hangul: Korean; Chinese characters alone: Chinese). A declaration stands unless
the text plainly is another language: sites often keep ``lang="en"`` in the template of
every page, whatever its language.

The annotators read English only (spaCy's en_core_web_sm, the English word lists of the
framing and stance lexicons, the English reporting verbs that find quotes and claims): an
article in another language keeps its text and sentences, and the report says on it what
was not analysed, instead of showing what an English model makes of Japanese.
"""

from __future__ import annotations

import re
from functools import cache

import py3langid
from babel import Locale, UnknownLocaleError

ENGLISH = "en"
# A declared language gives way to the text's when the text is this much more likely (natural
# log, per character) in another language. Measured on short news paragraphs: a wrong
# declaration scores 1.6 to 27 (English declared on Spanish, Danish, Croatian or Japanese
# text); a close language 0.04 to 0.35 (Danish declared Norwegian, Croatian declared Bosnian,
# "Putin met Xi in Beijing" declared English, where the identifier prefers Slovenian).
_DECLARED_MARGIN = 1.0
# English keeps a short text within this margin of the likeliest language: a sentence full of
# names reads as another language ("Update 14:30 CET: Ukrainian drones struck Kursk oblast."
# is Indonesian by 0.095, a German list of names 0.14), and an English article taken for
# another loses its analysis, while another taken for English only gets the noisy one it had
# before languages were told apart. Short sentences in other languages measured 0.36 (Dutch)
# to 2.4 (Swedish).
_ENGLISH_MARGIN = 0.25
_CODE = re.compile(r"^[a-z]{2,3}$")

# Languages that write Chinese characters among their own (a kanji-only Japanese line).
_HAN_WRITERS = {"ja", "ko", "zh"}
# Scripts that one language writes (for text too short for the identifier).
_KANA = re.compile(r"[\u3040-\u30ff]")
_SCRIPTS = [
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("zh", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("el", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hy", re.compile(r"[\u0530-\u058f]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
]


def identify_language(text: str, declared: str | None, min_chars: int) -> str | None:
    """The ISO 639-1 code of the language ``text`` is in, or None when it cannot be told.
    ``declared``: what the page says (``lang="en-GB"``), if anything; ``min_chars``: the
    least text a statistical guess is made on."""
    claimed = _code(declared)
    if len(text) < min_chars:
        script = _by_script(text)  # a script that says the language outright beats a template's lang="en"
        if script is None or claimed == script or (script == "zh" and claimed in _HAN_WRITERS):
            return claimed or script
        return script
    sample = text[:5000]
    scores = {code: float(score) for code, score in py3langid.rank(sample)}
    found = max(scores, key=scores.__getitem__)
    if claimed in (None, ENGLISH) and (scores[found] - scores[ENGLISH]) / len(sample) < _ENGLISH_MARGIN:
        return ENGLISH
    if claimed is None or claimed == found:
        return found
    if claimed in scores and (scores[found] - scores[claimed]) / len(sample) < _DECLARED_MARGIN:
        return claimed
    if claimed not in scores and _by_script(text) in (None, claimed):
        return claimed  # a language the identifier does not know; the script does not contradict it
    return found


def reads_english(language: str | None) -> bool:
    """Whether the annotators read an article in ``language``: English, or not known (too
    little text to tell; read as English, as before languages were told apart)."""
    return language is None or language == ENGLISH


@cache
def language_name(code: str) -> str:
    """The English name of a language ("ja" -> "Japanese"), or the code when it has none."""
    try:
        return str(Locale.parse(code).get_display_name("en") or code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def _code(declared: str | None) -> str | None:
    """"en-GB", "EN", "zh_Hant" -> "en", "en", "zh"; None for no declaration or a bad one."""
    if not declared:
        return None
    code = re.split(r"[-_]", declared.strip(), maxsplit=1)[0].lower()
    return code if _CODE.match(code) else None


def _by_script(text: str) -> str | None:
    """The language of a text by its script, when only one language writes that script and
    the script holds most of the text's letters (kana a tenth of them: Japanese)."""
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return None
    if len(_KANA.findall(text)) * 10 >= letters:
        return "ja"
    for code, script in _SCRIPTS:
        if len(script.findall(text)) * 2 > letters:
            return code
    return None
