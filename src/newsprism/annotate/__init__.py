"""Stage 3, annotate: paragraphs, sentences, entities (repaired), numbers and dates.

The spaCy pipeline and the gazetteer are loaded once into an ``Annotator`` and passed in;
each article's paragraphs go through ``nlp.pipe`` as one batch.

Everything here but sentences reads English only (spaCy's English model, English reporting
verbs and word lists): an article in another language gets its sentences and a note saying
what was not analysed, and nothing an English model would make of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

import pysbd
import spacy
from spacy.language import Language

from ..compare.lexicon import paragraph_flags
from ..config import Settings
from ..errors import ModelNotInstalledError
from ..lang.dates import article_anchor
from ..lang.identify import language_name, reads_english
from ..model import Article, Sentence
from .claims import find_claims
from .dates import DATE_LABELS, date_mention
from .entities import Gazetteer, load_gazetteer, repaired_entities
from .numbers import NUMBER_LABELS, number_mention
from .quotes import find_quotes

__all__ = ["Annotator", "annotate", "annotate_all"]


@dataclass
class Annotator:
    """The models annotation needs, loaded once per run."""

    nlp: Language
    gazetteer: Gazetteer
    segmenter: pysbd.Segmenter
    batch_size: int = 32

    @classmethod
    def load(cls, settings: Settings | None = None) -> Annotator:
        settings = settings or Settings()
        try:
            nlp = spacy.load(settings.annotate.spacy_model)
        except OSError:
            raise ModelNotInstalledError(settings.annotate.spacy_model) from None
        return cls(
            nlp=nlp, gazetteer=load_gazetteer(),
            segmenter=pysbd.Segmenter(language="en", clean=False),
            batch_size=settings.annotate.spacy_batch_size,
        )


def annotate(article: Article, annotator: Annotator) -> Article:
    return next(annotate_all([article], annotator))


def annotate_all(
    articles: Iterable[Article],
    annotator: Annotator,
    on_error: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Article]:
    """Annotate articles in order; a failing article goes to ``on_error`` and the rest go on."""
    for article in articles:
        try:
            yield _annotate_one(article, annotator)
        except Exception as err:  # noqa: BLE001 - one broken article must not end the run
            if on_error is None:
                raise
            on_error(article, err)


def _annotate_one(article: Article, annotator: Annotator) -> Article:
    """A new record: the cleaned article is left as cleaning made it."""
    article = replace(article, notes=list(article.notes))
    if not reads_english(article.language):
        return _sentences_only(article)
    anchor = article_anchor(article)
    surnames: set[str] = set()
    texts = [article.text[p.start : p.end] for p in article.paragraphs]
    article.sentences, article.entities, article.numbers, article.dates = [], [], [], []
    docs = list(annotator.nlp.pipe(map(tokenizable, texts), batch_size=annotator.batch_size))
    for index, (paragraph, doc) in enumerate(zip(article.paragraphs, docs, strict=True)):
        offset = paragraph.start
        article.sentences.extend(
            Sentence(start + offset, end + offset, index)
            for start, end in sentence_spans(doc.text, annotator.segmenter)
        )
        article.entities.extend(repaired_entities(doc, offset, annotator.gazetteer, surnames))
        for ent in doc.ents:
            if ent.label_ in NUMBER_LABELS:
                article.numbers.append(number_mention(ent, offset))
            elif ent.label_ in DATE_LABELS:
                article.dates.append(date_mention(ent, offset, anchor))
    # A surname first seen as a full name later in the text still deserves the repair
    # for earlier paragraphs; one more pass relabels those without re-running the model.
    for entity in article.entities:
        if entity.label != "PERSON" and entity.text in surnames and entity.label in {"ORG", "GPE", "PRODUCT", "NORP"}:
            entity.repaired_from, entity.label = entity.label, "PERSON"
    article.quotes = find_quotes(article, docs)
    article.claims = find_claims(article, docs)
    article.flags = paragraph_flags(article.text, [(p.start, d) for p, d in zip(article.paragraphs, docs, strict=True)])
    return article


def not_analysed_note(language: str) -> str:
    """What an article in ``language`` (not English) lacks, said on the article."""
    return (f"quotes, speakers, claims, names, numbers, dates and wording were not analysed: the article is in "
            f"{language_name(language)} ({language}); newsprism's annotators read English only")


def _sentences_only(article: Article) -> Article:
    """An article the English annotators cannot read: its sentences (pysbd's rules for its
    language where pysbd has them, else sentence-final punctuation), and the note."""
    language = article.language or ""
    article.sentences, article.entities, article.numbers, article.dates = [], [], [], []
    article.quotes, article.claims, article.flags = [], [], []
    segmenter = _segmenter(language)
    for index, paragraph in enumerate(article.paragraphs):
        text = article.text[paragraph.start : paragraph.end]
        spans = sentence_spans(text, segmenter) if segmenter else _punctuated_sentences(text)
        article.sentences.extend(Sentence(start + paragraph.start, end + paragraph.start, index)
                                 for start, end in spans)
    note = not_analysed_note(language)
    if note not in article.notes:
        article.notes.append(note)
    return article


# Chinese and Japanese sentences end in 。！？ (and the closing quotes after them), with no space
# after; pysbd splits Chinese before the closing quote. Other languages: . ! ? and a space.
_SENTENCE_END = re.compile(r"[。！？]+[”’」』）]*|[.!?…]+[\"'”’“‘»«)]*(?=\s|$)")
_OWN_RULES = {"zh", "ja"}


@cache
def _segmenter(language: str) -> pysbd.Segmenter | None:
    if language in _OWN_RULES or language not in pysbd.languages.LANGUAGE_CODES:
        return None
    return pysbd.Segmenter(language=language, clean=False)


def _punctuated_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


# pysbd's time grows with the square of the text it is given (it rewrites the whole text once
# per abbreviation it finds): a 10,000-character paragraph without full stops took a second.
# Longer paragraphs are read in windows of this many characters, each window's last sentence
# read again at the head of the next; few news paragraphs come near it. The sentences are
# pysbd's own, except that it keeps text between quotation marks in one sentence, and an
# unbalanced mark then joins fewer sentences (of 97 paragraphs made by joining 40 real ones
# each, 2 differ once the quotation marks are removed).
_SEGMENT_WINDOW = 3000


def sentence_spans(text: str, segmenter: pysbd.Segmenter) -> list[tuple[int, int]]:
    """pysbd's sentences of a paragraph, with exact offsets."""
    if len(text) <= _SEGMENT_WINDOW:
        return _segment(text, segmenter)
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= _SEGMENT_WINDOW else _window_end(text, start)
        found = _segment(text[start:end], segmenter)
        if end < len(text) and len(found) > 1:
            found.pop()  # it may run on past the window
        spans.extend((start + a, start + b) for a, b in found)
        start = start + found[-1][1] if found else end
    return spans


def _window_end(text: str, start: int) -> int:
    """Where a window from ``start`` ends: at a space, unless its second half has none."""
    end = start + _SEGMENT_WINDOW
    space = text.rfind(" ", start + _SEGMENT_WINDOW // 2, end)
    return space if space > 0 else end


def _segment(text: str, segmenter: pysbd.Segmenter) -> list[tuple[int, int]]:
    """pysbd's sentences located in the text by search, so offsets are exact. Its processor is
    called directly: ``Segmenter.segment`` would locate each sentence again with a regular
    expression built from it (one compiled per sentence: a fifth of pysbd's time), and drops a
    sentence it cannot find, as this does."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in segmenter.processor(text).process():
        piece = segment.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            continue
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    if not spans and text.strip():
        start = len(text) - len(text.lstrip())
        spans.append((start, len(text.rstrip())))
    return spans


# spaCy's tokenizer takes a run of full stops apart one stop at a time, in time that grows with
# the square of the run (20,000 stops: 0.8 s; the 600,000 of one fuzzed article: minutes). A
# run of one punctuation mark that long is a rule line, not words: spaCy is given spaces of
# the same length in its place, so every offset into the text holds.
_PUNCTUATION_RUN = re.compile(r"([^\w\s])\1{63,}")


def tokenizable(text: str) -> str:
    """``text`` as spaCy is given it: runs of 64 or more of one punctuation mark blanked."""
    return _PUNCTUATION_RUN.sub(lambda run: " " * len(run.group(0)), text)
