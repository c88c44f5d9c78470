"""Parsing for the stance rules (``compare/stance.py``): sentences, stems, cue words and their
scope, and the numbers a sentence states.

A cue's force depends on where it sits: a negation governs its own clause (with a spaCy
parse: its head and what depends on it, short of the subject and of other clauses), and a
verb of saying as the main verb attributes the whole sentence to someone. Without a parser a regex
tokenizer and a word-window scope stand in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ..data import word_list
from ..embed import Encoder
from ..lang.numbers import QUALIFIERS, parse_value
from ..lang.words import STOP_WORDS

CUE_KINDS = ("refuting", "hedging", "supporting", "negation")  # lexicons; "attribution" comes from the parse


@dataclass(frozen=True)
class Token:
    text: str  # lower case
    stem: str  # crude stem of the lemma, to match "encircled" with "encirclement"; "" for function words
    alt: str  # stem of the word form (headlines in capitals get odd lemmas); "" for function words
    start: int
    end: int
    name: bool  # proper noun: weighs more when counting shared words
    head: int  # index of the syntactic head in the sentence, or -1 without a parser
    dep: str


@dataclass(frozen=True)
class Cue:
    kind: str  # one of CUE_KINDS
    text: str
    start: int
    end: int
    negated: bool  # "did not deny": a cue in the scope of a negation loses its force
    target: str  # stem of the noun the cue modifies as an adjective ("fake *passports*"), of the
    #              sayer for an attribution ("*officials* say"), else ""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    cues: tuple[Cue, ...]
    negated: frozenset[str]  # stems in the scope of a negation cue
    root_negated: bool  # the main clause is negated ("The condom is not happening")
    numbers: tuple[tuple[float, str, str | None], ...]  # value, stem of the counted noun, bound ("upper", ...)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(k for t in self.tokens for k in (t.stem, t.alt) if k)


@dataclass(frozen=True)
class Parsed:
    text: str
    sentences: tuple[Sentence, ...]
    vectors: np.ndarray | None  # one unit row per sentence, when an embedder was given


@cache
def lexicon(kind: str) -> tuple[tuple[str, ...], ...]:
    """Cues of one kind as word tuples, longest first, from ``data/stance_<kind>.txt``."""
    cues = {tuple(line.split()) for line in word_list(f"stance_{kind}.txt")}
    return tuple(sorted(cues, key=len, reverse=True))


# --- parsing --------------------------------------------------------------------------------
_WORD = re.compile(r"\w+?(?=n['’]t\b)|n['’]t\b|\w+(?:[.'’]\w+)*|[^\w\s]")
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_SUFFIXES = ("ements", "ement", "ments", "ment", "ations", "ation", "ings", "ing", "ions", "ion", "edly",
             "ies", "ied", "ers", "er", "ed", "es", "ly", "s", "e")
_BOUNDARY = {"but", "however", "although", "though", "while", "because", "which", "who", "whereas", "yet", "that",
             "whether", "as", "when", "after", "before", "since", "until", "if", "where"}  # clause openers
# Verbs of saying: as the main verb they attribute the sentence's content to someone else
# (Quirk et al. 1985 §16.31 reporting clauses), so the writer reports it without vouching.
_SAYING = frozenset({"say", "says", "said", "tell", "tells", "told"})
_WH = frozenset({"what", "why", "how", "who", "whom", "whose", "where", "when", "which"})
_NUMBER = re.compile(r"^(?:\d[\d,]*(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen)$")


def stem(word: str) -> str:
    """Strip one inflectional or derivational suffix and cap the length, so related word
    forms across outlets share a key without a stemmer dependency."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:7]


def parse(text: str, nlp: Any = None, embedder: Encoder | None = None) -> Parsed:
    return parse_many([text], nlp, embedder)[0]


def parse_many(texts: Sequence[str], nlp: Any = None, embedder: Encoder | None = None) -> list[Parsed]:
    """Sentences, stems, cues and numbers of each text; spaCy gives lemmas, proper nouns and
    the parse when ``nlp`` is given, a regex tokenizer stands in otherwise."""
    pieces = [[(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()] for text in texts]
    flat = [p for ps in pieces for _, p in ps]
    docs = iter(nlp.pipe(flat, disable=["ner"]) if nlp is not None and flat else [None] * len(flat))
    out = []
    for text, paragraphs in zip(texts, pieces, strict=True):
        sentences: list[Sentence] = []
        for offset, paragraph in paragraphs:
            doc = next(docs)
            if doc is None:
                spans = _regex_sentences(paragraph, offset)
            else:
                spans = [[(t.lower_, t.lemma_.lower(), t.pos_, t.idx + offset, t.head.i - s.start, t.dep_)
                          for t in s if not t.is_space] for s in doc.sents]
            sentences.extend(_sentence(words) for words in spans if words)
        vectors = embedder.embed([text[s.start : s.end] for s in sentences]) if embedder and sentences else None
        out.append(Parsed(text, tuple(sentences), vectors))
    return out


Word = tuple[str, str, str, int, int, str]  # lower form, lemma, POS, start, head, dependency


def _regex_sentences(paragraph: str, offset: int) -> list[list[Word]]:
    out, pos = [], 0
    for end, after in [*((m.start(), m.end()) for m in _SENT_END.finditer(paragraph)), (len(paragraph), 0)]:
        out.append([(w.group().lower(), w.group().lower(), "PROPN" if w.group()[:1].isupper() and j else "",
                     pos + w.start() + offset, -1, "") for j, w in enumerate(_WORD.finditer(paragraph[pos:end]))])
        pos = after
    return out


def _sentence(words: list[Word]) -> Sentence:
    tokens = []
    for w, lemma, pos, start, head, dep in words:
        content = w.isalnum() and w not in STOP_WORDS and lemma not in STOP_WORDS and (len(w) > 2 or w.isdigit())
        tokens.append(Token(w, stem(lemma) if content else "", stem(w) if content else "", start, start + len(w),
                            pos == "PROPN", head, dep))
    forms = [t.text.replace("’", "'") for t in tokens]
    found: list[tuple[int, int, str]] = []  # first token, length, kind
    taken: set[int] = set()
    for kind in CUE_KINDS:
        for cue in lexicon(kind):
            n = len(cue)
            for i in range(len(forms) - n + 1):
                if tuple(forms[i : i + n]) == cue and not taken.intersection(range(i, i + n)):
                    taken.update(range(i, i + n))
                    found.append((i, n, kind))
    stops = {i for i, _, kind in found if kind != "negation"}
    scopes = {i: _scope(tokens, i, stops) for i, _, kind in found if kind == "negation"}
    scope = set().union(*scopes.values())
    cues = []
    for i, n, kind in found:
        t = tokens[i]
        modifies = n == 1 and t.dep == "amod" and i < t.head < len(tokens)
        cues.append(Cue(kind, " ".join(forms[i : i + n]), t.start, tokens[i + n - 1].end,
                        kind != "negation" and i in scope, tokens[t.head].stem if modifies else ""))
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), -1)
    if root >= 0 and forms[root] in _SAYING and root not in taken:  # "X held in Lebanon, officials *say*"
        t = tokens[root]
        sayer = next((u.stem for u in tokens if u.head == root and u.dep == "nsubj"), "")
        cues.append(Cue("attribution", t.text, t.start, t.end, root in scope, sayer))
    for i in range(len(tokens) - 1):  # headline "X said to buy Y": the reporting frame "is said to" without "is"
        if forms[i] == "said" and forms[i + 1] == "to" and tokens[i + 1].dep == "aux" and not taken & {i, i + 1}:
            cues.append(Cue("hedging", "said to", tokens[i].start, tokens[i + 1].end, i in scope, ""))
    if forms[0] in _WH:  # "What's happening in X?" presupposes X and asks about something else
        cues = [c for c in cues if c.text != "?"]
    numbers = []
    for i, t in enumerate(tokens):
        if _NUMBER.match(t.text) and (value := parse_value(t.text)) is not None:
            noun = next((u.stem for u in tokens[i + 1 : i + 4] if u.stem and not _NUMBER.match(u.text)), "")
            before = [" ".join(forms[max(0, i - k) : i]) for k in (2, 1)]
            bound = next((QUALIFIERS[b] for b in before if b in QUALIFIERS), None)
            if noun and not (1900 <= value <= 2100 and "," not in t.text):  # a year is a date, not a count
                numbers.append((value, noun, bound))
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens), tuple(sorted(cues, key=lambda c: c.start)),
                    frozenset(k for j in scope for k in (tokens[j].stem, tokens[j].alt) if k),
                    root in scope, tuple(numbers))


# Dependencies that open a clause of its own, or name the subject: a negation does not reach
# through them ("could not confirm *that X resigned*": only "confirm" is negated, not X).
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "ccomp", "advcl", "relcl", "acl",
                          "parataxis", "conj", "cc", "mark", "punct", "appos", "dep", "meta"})
def _scope(tokens: Sequence[Token], i: int, stops: set[int]) -> set[int]:
    """Tokens a negation cue governs. With a parse: its syntactic head and what depends on it,
    short of the subject and of other clauses ("did not *deny the memo*", "no *threat of
    encirclement*", "Nun who had no *idea* she was pregnant gives birth": "gives birth" is not
    negated). Without one: the next few content words up to a clause boundary or a cue word."""
    head = tokens[i].head
    if 0 <= head < len(tokens) and head != i:
        children: dict[int, list[int]] = {}
        for j, t in enumerate(tokens):
            if t.head != j:
                children.setdefault(t.head, []).append(j)
        governed, todo = {head}, [head]
        while todo:
            for j in children.get(todo.pop(), []):
                if j != i and j not in governed and tokens[j].dep not in _CLAUSE_DEPS:
                    governed.add(j)
                    todo.append(j)
        return governed
    out: set[int] = set()
    count = 0
    for j in range(i + 1, len(tokens)):
        t = tokens[j]
        if t.text in _BOUNDARY or not (any(ch.isalnum() for ch in t.text) or t.text in {"-", "'"}):
            break
        out.add(j)
        if j in stops:
            break
        count += bool(t.stem)
        if count == 4:
            break
    return out
