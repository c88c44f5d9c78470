"""Stance of a text towards a claim: agree, disagree (denies or contradicts), discuss, unrelated.

No NLI model runs offline, and embeddings score a denial as close to its claim as a paraphrase,
so similarity only decides *relatedness* and which sentences of the text speak to the claim;
the stance comes from structure in those sentences: refuting cues ("denied", "hoax"), negation
of the claim's own words, conflicting numbers, hedging ("reportedly", "claims") against
confirmation. Works for a sentence against a sentence and for a headline against a body.
API: ``stance(claim, text, embedder, nlp)``; for many pairs ``parse_many`` each distinct text
once and ``judge(claim, text)``; ``features`` and ``scores`` show what the decision saw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

import numpy as np

from ..data import word_list
from ..embed import Encoder
from ..lang.numbers import QUALIFIERS, parse_value
from ..lang.words import STOP_WORDS

Label = Literal["agree", "disagree", "discuss", "unrelated"]
CUE_KINDS = ("refuting", "hedging", "supporting", "negation")


@dataclass(frozen=True)
class Stance:
    label: Label
    score: float  # confidence 0..1
    evidence: str  # why, for a reader: the deciding sentence and cue
    start: int | None  # the span of the text that decided it (character offsets), or None
    end: int | None


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
    target: str  # stem of the noun the cue modifies as an adjective ("fake *passports*"), else ""


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
    scope = {j for i, _, kind in found if kind == "negation" for j in _scope(tokens, i, stops)}
    cues = []
    for i, n, kind in found:
        t = tokens[i]
        modifies = n == 1 and t.dep == "amod" and i < t.head < len(tokens)
        cues.append(Cue(kind, " ".join(forms[i : i + n]), t.start, tokens[i + n - 1].end,
                        kind != "negation" and i in scope, tokens[t.head].stem if modifies else ""))
    numbers = []
    for i, t in enumerate(tokens):
        if _NUMBER.match(t.text) and (value := parse_value(t.text)) is not None:
            noun = next((u.stem for u in tokens[i + 1 : i + 4] if u.stem and not _NUMBER.match(u.text)), "")
            before = [" ".join(forms[max(0, i - k) : i]) for k in (2, 1)]
            bound = next((QUALIFIERS[b] for b in before if b in QUALIFIERS), None)
            if noun and not (1900 <= value <= 2100 and "," not in t.text):  # a year is a date, not a count
                numbers.append((value, noun, bound))
    root = next((i for i, t in enumerate(tokens) if t.dep == "ROOT"), -1)
    return Sentence(tokens[0].start, tokens[-1].end, tuple(tokens), tuple(sorted(cues, key=lambda c: c.start)),
                    frozenset(k for j in scope for k in (tokens[j].stem, tokens[j].alt) if k),
                    root in scope, tuple(numbers))


def _scope(tokens: Sequence[Token], i: int, stops: set[int]) -> set[int]:
    """Tokens a negation cue governs: the next few content words up to a clause boundary or a
    cue word, and its syntactic head ("did not *deny*", "no threat of *encirclement*"; in "could
    not confirm that X resigned" only "confirm" is negated, not X)."""
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
    if 0 <= tokens[i].head < len(tokens) and tokens[i].head != i:
        out.add(tokens[i].head)
    return out


# --- judging --------------------------------------------------------------------------------
# Few and hand-set, on the aggregate distributions of FNC-1 and Emergent (benchmarks/): no
# fitted model, since neither dataset's licence allows shipping one trained on it.
RELATED = 0.25  # relatedness below which a text is unrelated: mean of claim-word coverage,
#                 the best sentence's relevance and the whole text's cosine with the claim
REFUTE = 0.2  # refutation score at or above which the text refutes (see ``scores``)
HEDGE = 0.3  # hedging score at or above which the text only discusses the claim
TOPICAL = 5  # at most this many sentences count as speaking to the claim
LEAD = 3  # the opening sentences, where a text takes its own position


# Nouns for the report itself: "hoax *video*", "fake *story*" refute the claim they carry,
# while "fake *passports*" says nothing about it unless passports are what the claim is about.
REPORT_NOUNS = frozenset(stem(w) for w in (
    "story", "report", "news", "video", "footage", "photo", "picture", "image", "claim", "rumor", "rumour",
    "post", "tweet", "article", "headline", "account", "site", "website", "quote", "letter", "document"))


@dataclass(frozen=True)
class Features:
    """What the decision looks at, kept so benchmarks and callers can see why."""

    coverage: float  # weighted share of the claim's content words found anywhere in the text
    relevance: tuple[float, ...]  # per sentence: mean of word coverage and cosine with the claim
    topical: tuple[int, ...]  # the sentences that speak to the claim, best first
    cues: tuple[tuple[int, Cue], ...]  # cues of the text that bear on the claim, with their sentence
    contradiction: tuple[int, str] | None  # a topical sentence that negates or renumbers the claim
    claim_cues: tuple[Cue, ...]
    claim_negated: bool  # the claim's main clause is negated ("X did not adopt Y")
    similarity: float | None  # cosine of the claim with the whole text (mean of sentence vectors)

    @property
    def best(self) -> int:
        return self.topical[0] if self.topical else max(range(len(self.relevance)), key=self.relevance.__getitem__)

    @property
    def related(self) -> float:
        if not self.relevance:
            return 0.0
        parts = (self.coverage, self.relevance[self.best], *([] if self.similarity is None else [self.similarity]))
        return sum(parts) / len(parts)

    @property
    def claim_refutes(self) -> bool:
        """The claim itself calls something false ("Hoax: ...", "X denies Y", "No, X did not")."""
        return self.claim_negated or any(c.kind == "refuting" for c in self.claim_cues)

    def count(self, kind: str, sentences: range | tuple[int, ...] | None = None) -> int:
        return sum(c.kind == kind and (sentences is None or i in sentences) for i, c in self.cues)


def _bearing(cue: Cue) -> Cue:
    """A negated confirmation ("could not confirm", "not verified") leaves the claim open: a hedge."""
    if cue.kind == "supporting" and cue.negated:
        return replace(cue, kind="hedging", text=f"not {cue.text}", negated=False)
    return cue


def _weights(claim: Parsed) -> dict[str, tuple[float, frozenset[str]]]:
    """Claim stem -> (weight, the keys a sentence may match it by); names and digits count double."""
    weights: dict[str, tuple[float, frozenset[str]]] = {}
    for s in claim.sentences:
        for t in s.tokens:
            if t.stem:
                weight = max(weights.get(t.stem, (0.0, None))[0], 2.0 if t.name or t.text.isdigit() else 1.0)
                weights[t.stem] = (weight, frozenset({t.stem, t.alt}))
    return weights


def features(claim: Parsed, text: Parsed) -> Features:
    weights = _weights(claim)
    total = sum(w for w, _ in weights.values()) or 1.0
    stems = [s.stems for s in text.sentences]
    lexical = [sum(w for w, keys in weights.values() if keys & ss) / total for ss in stems]
    if claim.vectors is not None and text.vectors is not None and len(claim.vectors):
        centre = claim.vectors.mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        cosine = [max(0.0, float(c)) for c in text.vectors @ centre]
        relevance = tuple(0.5 * a + 0.5 * b for a, b in zip(lexical, cosine, strict=True))
        whole = text.vectors.mean(axis=0)
        similarity: float | None = max(0.0, float(whole @ centre) / (float(np.linalg.norm(whole)) or 1.0))
    else:
        relevance, similarity = tuple(lexical), None
    everywhere = frozenset().union(*stems) if stems else frozenset()
    order = sorted(range(len(relevance)), key=lambda i: -relevance[i])
    floor = max(0.35, 0.75 * relevance[order[0]]) if order else 1.0
    topical = tuple(i for n, i in enumerate(order[:TOPICAL]) if n == 0 or relevance[i] >= floor)
    claim_keys = frozenset(k for _, keys in weights.values() for k in keys)
    return Features(
        coverage=sum(w for w, keys in weights.values() if keys & everywhere) / total,
        relevance=relevance, topical=topical,
        cues=tuple((i, c) for i, s in enumerate(text.sentences) for c in map(_bearing, s.cues)
                   if not c.negated and (c.kind != "refuting" or c.target in claim_keys | REPORT_NOUNS | {""})),
        contradiction=next(((i, why) for i in topical if (why := _contradicts(claim, text.sentences[i], weights))),
                           None),
        claim_cues=tuple(c for s in claim.sentences for c in s.cues if not c.negated),
        claim_negated=any(s.root_negated for s in claim.sentences), similarity=similarity,
    )


def _contradicts(claim: Parsed, sentence: Sentence, weights: dict[str, tuple[float, frozenset[str]]]) -> str | None:
    """Negation of the claim's own words on one side only, or another number for the same thing."""
    claim_negated = frozenset().union(*(s.negated for s in claim.sentences))
    shared = {k: keys for k, (_, keys) in weights.items() if keys & sentence.stems}
    flipped = sorted(k for k, keys in shared.items() if keys & sentence.negated and not keys & claim_negated)
    if flipped:
        return f"negation of {', '.join(flipped)}"
    for value, noun, bound in (n for s in claim.sentences for n in s.numbers):
        for other, noun2, bound2 in sentence.numbers:
            low, high = _interval(value, bound)
            low2, high2 = _interval(other, bound2)
            if noun == noun2 and (high < low2 or high2 < low):
                return f"number {other:g} {noun} against {value:g}"
    return None


def _interval(value: float, bound: str | None) -> tuple[float, float]:
    """The values a stated number allows: "under 10" is consistent with 1, "about 100" with 90."""
    spread = {"approx": 0.2, "vague": float("inf")}.get(bound or "", 0.05)
    low, high = value * (1 - spread), value * (1 + spread)
    return (0.0, value) if bound == "upper" else (value, float("inf")) if bound == "lower" else (low, high)


def scores(f: Features) -> dict[str, float]:
    """Cue densities: per sentence of the whole text and of its lead, averaged, so one cue
    decides a sentence and a long article needs a pattern. A contradiction counts as one
    refuting cue; a claim that hedges itself ("X reportedly ...") tilts towards discuss."""
    n = max(1, len(f.relevance))
    lead = range(min(LEAD, n))
    refute = 0.5 * f.count("refuting") / n + 0.5 * f.count("refuting", lead) / len(lead)
    refute += (f.contradiction is not None) / n
    hedge = 0.5 * f.count("hedging") / n + 0.5 * f.count("hedging", lead) / len(lead)
    hedge += 0.5 * any(c.kind == "hedging" for c in f.claim_cues)
    return {"related": f.related, "refute": refute, "hedge": hedge}


def judge(claim: Parsed, text: Parsed, known_related: bool = False) -> Stance:
    """``known_related``: the caller already paired the two (same claim, aligned sentences),
    so a weak word overlap must not make them unrelated."""
    f = features(claim, text)
    s = scores(f)
    if not text.sentences or (s["related"] < RELATED and not known_related):
        return Stance("unrelated", _confidence(RELATED - s["related"], RELATED, 1.0),
                      f"shares little with the claim (relatedness {s['related']:.2f} < {RELATED})", None, None)
    if s["refute"] >= REFUTE:  # the claim's opposite, or agreement with a claim that itself debunks
        label: Label = "agree" if f.claim_refutes else "disagree"
        return _decided(label, s["refute"] - REFUTE, f, text, "refuting")
    if s["hedge"] >= HEDGE:
        return _decided("discuss", s["hedge"] - HEDGE, f, text, "hedging")
    # Stated plainly: the claim holds, or, when the claim calls it false, the text contradicts it.
    return _decided("disagree" if f.claim_refutes else "agree", HEDGE - s["hedge"], f, text, "supporting")


def _decided(label: Label, margin: float, f: Features, text: Parsed, kind: str) -> Stance:
    """The stance with the sentence that carries it: for a refutation the contradiction or the
    refuting cue in the most relevant sentence, for discuss the hedge likewise, otherwise the
    sentence that states the claim best."""
    ranked = sorted(f.cues, key=lambda ic: (-f.relevance[ic[0]], ic[1].start))
    cue = next(((i, c) for i, c in ranked if c.kind == kind and (kind != "supporting" or i in f.topical)), None)
    contra = f.contradiction if kind == "refuting" else None
    if contra and (cue is None or f.relevance[contra[0]] >= f.relevance[cue[0]]):
        i, why = contra[0], contra[1]
    elif cue is not None:
        i, why = cue[0], f"{kind} cue '{cue[1].text}'"
    else:
        i, why = f.best, "states it without hedging or refuting cues"
    if f.claim_refutes:
        why += "; the claim itself calls something false"
    sentence = text.sentences[i]
    quoted = text.text[sentence.start : sentence.end]
    quoted = quoted if len(quoted) <= 120 else quoted[:117] + "..."
    evidence = f"{label}: '{quoted}' ~ claim (relevance {f.relevance[i]:.2f}); {why}"
    return Stance(label, _confidence(margin, 0.3, f.relevance[i]), evidence, sentence.start, sentence.end)


def _confidence(margin: float, scale: float, relevance: float) -> float:
    """Distance from the threshold, discounted when the deciding sentence barely matches the claim."""
    return round(0.5 + 0.5 * min(1.0, abs(margin) / scale) * min(1.0, relevance / 0.6), 3)


def stance(claim: str, text: str, embedder: Encoder | None = None, nlp: Any = None) -> Stance:
    """Stance of ``text`` (a sentence or a whole article) towards ``claim`` (a statement or
    headline). For many pairs, ``parse_many`` each distinct text once and call ``judge``."""
    parsed = parse_many([claim, text], nlp, embedder)
    return judge(parsed[0], parsed[1])
