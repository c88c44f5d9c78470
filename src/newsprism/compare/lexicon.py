"""Loaded language, word by word: emotive and evaluative terms, contested labels, intensifiers,
hedges, doubt (scare quotes too), editorialising, non-neutral reporting verbs and loaded idioms,
each flag with its characters, the lexicon entry and why. Lexicons: ``data/framing_<kind>.txt``
(headers name the sources and the line format). Words match in sequence with inflections
("tightened the noose": ``tighten * noose``); a spaCy ``Doc`` of the text adds lemmas, POS ("slammed
the plan", not "a grand slam") and the parse ("claimed that ...", not "claimed responsibility").
Words inside a quotation are the speaker's: still returned, with ``quoted=True``.
API: ``flag_words(text, doc)``, ``sentence_bias(text, flags, doc)``, ``is_biased(text, doc)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from ..model import Flag
from .inflect import forms
from .marks import quotations, scare_quotes, within
from .modifiers import modifier_flags

CATEGORIES = ("loaded", "label", "intensifier", "hedge", "doubt", "editorial", "reporting_verb", "idiom", "evaluative")
_FILES = {"loaded": "loaded", "label": "labels", "intensifier": "intensifiers", "hedge": "hedges",
          "doubt": "doubt", "editorial": "editorial", "reporting_verb": "reporting_verbs", "idiom": "idioms",
          "evaluative": "evaluative"}
# Hand-set on the aggregate of the development data (benchmarks/babe.py, both halves alike):
# a flag inside a quotation counts for this share of its weight towards the outlet's bias,
# and a sentence is called biased from this score up.
QUOTED_FACTOR = 0.5
THRESHOLD = 0.35
VOICE_WEIGHT = 0.4
QUOTED_NOTE = " (inside a quotation: the speaker's words, not the outlet's)"
_SELF = {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
_READER = {"you", "your", "yours", "yourself", "yourselves"}
_NAMES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
_DOCUMENTS = {"lawsuit", "suit", "complaint", "petition", "filing", "indictment", "motion", "appeal", "patent",
              "application", "claim", "affidavit", "subpoena", "warrant", "ruling", "verdict"}
_CLAUSE_NEXT = {"that", ",", ".", ":", ";", "“", "”", '"', "—", "–"}
_WORD = re.compile(r"['’]s\b|\w+|[^\w\s]")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Entry:
    words: tuple[str, ...]  # lower case; "*" stands for one to three words
    category: str
    note: str
    weight: float
    pos: frozenset[str] = frozenset()  # spaCy POS tags or dependency labels the first word must have
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    exact: bool = False  # no inflections
    clause: bool = False  # a reporting verb only when it introduces what was said
    proper: bool = False  # may match a capitalised name


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str  # "" without a parse
    dep: str
    proper: bool  # part of a name (a parse's PROPN or named entity; capitalised mid-sentence without one)
    clause: bool  # a verb that governs a clause (ccomp, parataxis, "to"-infinitive, "that")
    parsed: bool


@cache
def lexicon(category: str) -> tuple[Entry, ...]:
    """Entries of one category from ``data/framing_<file>.txt`` (format in framing_loaded.txt)."""
    raw = resources.files("newsprism.data").joinpath(f"framing_{_FILES[category]}.txt").read_text("utf-8")
    weight, note, found = 0.5, category, []
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            head, _, rest = line[1:].partition(" note=")
            weight = float(head.split("=")[1]) if head.startswith("weight=") else weight
            note = rest or note
            continue
        phrase = " ".join(w for w in line.split() if not w.startswith(("/", "!"))).lower().replace("-", " ")
        option = {o[1:].partition("=")[0]: o.partition("=")[2] for o in line.split() if o.startswith("!")}
        pos = next((o[1:] for o in line.split() if o.startswith("/")), "")
        found.append(Entry(
            words=tuple(_WORD.findall(phrase.replace("’", "'"))), category=category, note=note, weight=weight,
            pos=frozenset(p for p in pos.split(",") if p), exact="exact" in option, clause="clause" in option,
            proper="proper" in option, not_after=frozenset(filter(None, option.get("after", "").split("|"))),
            not_before=frozenset(filter(None, option.get("before", "").split("|")))))
    return tuple(found)


@cache
def _index() -> dict[str, tuple[Entry, ...]]:
    """Entries by every form of their first word, longest entries first."""
    index: dict[str, list[Entry]] = {}
    for category in CATEGORIES:
        for entry in lexicon(category):
            for form in {entry.words[0]} if entry.exact else forms(entry.words[0]):
                index.setdefault(form, []).append(entry)
    return {k: tuple(sorted(v, key=lambda e: (-len(e.words), -e.weight))) for k, v in index.items()}


def _tokens(text: str, doc: Any) -> list[_Tok]:
    """Words of ``text`` (from the parse when given), hyphens inside words dropped so that
    "far-left" and "far left" match alike."""
    toks: list[_Tok] = []
    if doc is not None:
        for t in (t for t in doc if not t.is_space):
            clause = t.pos_ in {"VERB", "AUX"} and (
                t.dep_ == "parataxis" or any(c.dep_ in {"ccomp", "parataxis"} for c in t.children)
                or any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in t.children)
                or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "that")) and not _document_speaks(t)
            proper = t.text[:1].isupper() and (t.ent_type_ in _NAMES or t.pos_ == "PROPN" and not t.is_sent_start)
            for m in re.finditer(r"[^-]+|-", t.text) if "-" in t.text[1:-1] else [None]:
                s, e = (m.start(), m.end()) if m else (0, len(t.text))
                piece = t.text[s:e]
                lemma = t.lemma_.lower() if m is None else piece.lower()
                toks.append(_Tok(t.idx + s, t.idx + e, piece, piece.lower().replace("’", "'"), lemma, t.pos_,
                                 t.dep_, proper, clause, True))
    else:
        words = _LETTERS.findall(text)
        headline = len(words) >= 3 and sum(w[0].isupper() for w in words) > 0.6 * len(words)  # Title Case
        for m in _WORD.finditer(text):
            word = m.group()
            initial = not toks or toks[-1].text in {".", "!", "?", ":", "\n"} or "\n" in text[toks[-1].end:m.start()]
            if toks and toks[-1].text in "“\"‘'(" and len(toks) >= 2:
                initial = initial or toks[-2].text in {".", "!", "?", ":"}
            proper = word[:1].isupper() and not initial and not headline and not word.isupper()
            toks.append(_Tok(m.start(), m.end(), word, word.lower().replace("’", "'"), word.lower(), "", "",
                             proper, False, False))
    return [t for i, t in enumerate(toks) if not (
        t.text == "-" and 0 < i < len(toks) - 1 and toks[i - 1].end == t.start and toks[i + 1].start == t.end)]


def _document_speaks(verb: Any) -> bool:
    """"The lawsuit claims that ...": a document's claim is the ordinary legal sense, not a slant."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}] + [verb.head] * (verb.dep_ == "acl")
    return any(s.lemma_.lower() in _DOCUMENTS for s in subjects)


def _word_ok(tok: _Tok, word: str, exact: bool) -> bool:
    if word == "*":
        return tok.text not in {".", "!", "?", ";", "\n"}
    return tok.lower == word or not exact and (tok.lower in forms(word) or tok.parsed and tok.lemma == word)


def _span(words: tuple[str, ...], toks: list[_Tok], i: int, exact: bool) -> int | None:
    """End (exclusive) of the tokens from ``i`` that spell ``words``; "*" takes one to three
    words ("threw * under the bus": "threw his deputy under the bus")."""
    if not words:
        return i
    if i >= len(toks) or not _word_ok(toks[i], words[0], exact):
        return None
    if words[0] != "*":
        return _span(words[1:], toks, i + 1, exact)
    for extra in range(3):
        if i + extra < len(toks) and all(_word_ok(t, "*", exact) for t in toks[i : i + extra + 1]):
            end = _span(words[1:], toks, i + extra + 1, exact)
            if end is not None:
                return end
    return None


def _fits(entry: Entry, toks: list[_Tok], i: int) -> int | None:
    """End of the match of ``entry`` at token ``i`` when its words and conditions hold, else None."""
    j = _span(entry.words, toks, i, entry.exact)
    if j is None:
        return None
    first, after = toks[i], toks[j] if j < len(toks) else None
    if entry.pos:
        if first.parsed and not (first.pos in entry.pos or first.dep in entry.pos):
            return None
        # Without a parse only unambiguous verb forms pass a verb-only entry ("claimed", not "claims").
        if not first.parsed and not ("VERB" in entry.pos and first.lower.endswith(("ed", "ing"))
                                     and first.lower != entry.words[0]):
            return None
    if i > 0 and toks[i - 1].lower in entry.not_after or after is not None and after.lower in entry.not_before:
        return None
    if entry.clause and not (first.clause if first.parsed else after is not None and after.lower in _CLAUSE_NEXT):
        return None
    fixed = [t for t in toks[i:j] if any(_word_ok(t, w, entry.exact) for w in entry.words if w != "*")]
    return j if entry.proper or not any(t.proper for t in fixed) else None


def _matches(toks: list[_Tok]) -> list[tuple[int, int, Entry]]:
    """Longest, then weightiest, non-overlapping entry matches as token ranges. Of two entries
    that match the same words equally ("perverted": the adjective "perverted" and the verb
    "pervert"), the one spelled as written wins, then the one listed first: the choice depends
    on the words alone, never on the order of a set (which changes from process to process)."""
    index, found = _index(), []
    for i, tok in enumerate(toks):
        seen: set[int] = set()
        for key in dict.fromkeys((tok.lower, tok.lemma)):  # the written form first
            for entry in index.get(key, ()):
                end = _fits(entry, toks, i) if id(entry) not in seen else None
                if end is not None:
                    found.append((i, end, entry))
                seen.add(id(entry))
    # sorted is stable: equal matches keep the order found, which breaks their ties
    taken: set[int] = set()
    chosen = []
    for i, j, entry in sorted(found, key=lambda m: (-(m[1] - m[0]), -m[2].weight, m[0])):
        if not taken & set(range(i, j)):
            taken |= set(range(i, j))
            chosen.append((i, j, entry))
    return sorted(chosen, key=lambda m: m[0])


def flag_words(text: str, doc: Any = None, quotes: list[tuple[int, int]] | None = None) -> list[Flag]:
    """Loaded words and phrases of ``text`` in text order. ``doc``: a spaCy Doc of exactly this
    text (lemmas, POS and parse sharpen the matching); without one, a regex tokenizer is used
    and entries that need a part of speech match only their unambiguous forms."""
    if doc is not None and not _parse_of(doc, text):
        raise ValueError("doc must be a spaCy parse of exactly this text")
    if not text.strip():
        return []
    toks = _tokens(text, doc)
    quotes = quotations(text) if quotes is None else quotes  # ``quotes``: quotations(text), when known
    scare = scare_quotes(text, toks, quotes, doc)
    quoted_at = [q0 for q0, _ in quotes]
    flags = list(scare)
    for i, j, entry in _matches(toks):
        start, end = toks[i].start, toks[j - 1].end
        quoted = within(quotes, quoted_at, start, end)  # inside a quotation, or inside scare quotes
        flags.append(Flag(start, end, text[start:end], entry.category, " ".join(entry.words),
                          entry.note + (QUOTED_NOTE if quoted else ""), entry.weight, quoted))
    return sorted(flags, key=lambda f: (f.start, f.end))


def _parse_of(doc: Any, text: str) -> bool:
    """Whether ``doc`` parses ``text``: its tokens sit at their places in it (each token's text
    at its offset, the last one ending the text), without joining the Doc's text anew."""
    if not len(doc):
        return not text
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and all(
        text.startswith(t.text, t.idx) for t in (doc[0], doc[len(doc) // 2], last))


def paragraph_flags(text: str, parsed: list[tuple[int, Any]]) -> list[Flag]:
    """Flags of a whole article from the parses of its paragraphs, each given as (offset of
    the paragraph in ``text``, its spaCy Doc): what annotation does while the parse is at
    hand, so that framing never parses again. Besides the lexicon flags, the candidate
    modifiers of ``modifiers.py`` (category "modifier", weight 0), which framing shows only
    where other outlets tell the same fact without them. A Doc's text may differ from the
    paragraph's only where annotation blanked a run of punctuation; a flag's text is read
    from ``text``."""
    out: list[Flag] = []
    for offset, doc in parsed:
        body = doc.text  # joined once: a Doc rebuilds its text from its tokens at every access
        quotes = quotations(body)
        found = flag_words(body, doc, quotes)
        found += modifier_flags(doc, 0, [(f.start, f.end) for f in found], quotes)
        for f in sorted(found, key=lambda f: (f.start, f.end)):
            out.append(replace(f, start=f.start + offset, end=f.end + offset,
                               text=text[f.start + offset : f.end + offset]))
    return out


def voice_cues(text: str) -> list[tuple[int, int, str]]:
    """Signs of the writer's own voice outside quotations, as (start, end, kind): first-person
    pronouns ("self"), the reader addressed ("reader") and questions or exclamations ("punct")
    (Hyland's self-mentions and engagement markers, 2005). Not loaded words, so not flags, but
    news reporting avoids them and opinion writing uses them: they count towards sentence_bias."""
    quotes = quotations(text)
    quoted_at, cues = [q0 for q0, _ in quotes], []
    for m in _WORD.finditer(text):
        if within(quotes, quoted_at, m.start(), m.end()):
            continue
        word = m.group().lower()
        kind = "self" if word in _SELF else "reader" if word in _READER else "punct" if word in {"?", "!"} else ""
        if kind and not (word == "us" and m.group() == "US"):
            cues.append((m.start(), m.end(), kind))
    return cues


def sentence_bias(text: str, flags: list[Flag] | None = None, doc: Any = None) -> float:
    """0..1: how likely the outlet's sentence is biased. A noisy-or of the flags' weights (a flag
    inside a quotation counts for QUOTED_FACTOR of its weight) and VOICE_WEIGHT for each kind of
    voice cue present (see voice_cues)."""
    flags = flag_words(text, doc) if flags is None else flags
    keep = 1.0
    for flag in flags:
        keep *= 1.0 - flag.weight * (QUOTED_FACTOR if flag.quoted else 1.0)
    for _ in {kind for _, _, kind in voice_cues(text)}:
        keep *= 1.0 - VOICE_WEIGHT
    return round(1.0 - keep, 4)


def is_biased(text: str, doc: Any = None, threshold: float = THRESHOLD) -> bool:
    return sentence_bias(text, doc=doc) >= threshold
