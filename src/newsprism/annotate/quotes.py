"""Quotes in one article: direct quotations (found by ``quotemarks``), reported speech
("Putin noted that ...", "according to ..."), each with its speaker, cue and channel.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Span, Token

from ..lang.media import agency_names
from ..lang.words import reporting_verbs, verb_forms
from ..model import Article, Paragraph, Quote, Sentence
from .frames import (
    clause_words,
    dash_after,
    frame_after,
    frame_before,
    has_subject,
    other_speakers,
    said_before,
)
from .people import People
from .quotemarks import CLOSERS, quoted_spans, within
from .reported import reported_speech
from .speakers import (
    Attribution,
    attribution_of,
    channel_of,
    clause_of,
    colon_speaker,
    is_cue,
    sentence_of,
)

# A quoted stretch this short with no reporting verb in its sentence is a term or a scare
# quote ("liberated"), which framing looks at; a quote is what a source said.
_MIN_UNATTRIBUTED_WORDS = 4
# A cue farther than this from the quotation (in characters, about 60 words: longer than all
# but the rarest news sentence) is not its cue, whatever sentence the parser made: text without
# full stops is one "sentence" of thousands of words, and judging every verb in it against
# every quotation took minutes (found by the fuzzer: 20,000 characters, 70 s).
_CUE_REACH = 400
_MERGE_GAP = 80  # "“We will win,” he said, “and soon.”": the broken quote is one utterance
_NEARBY = 400  # a free-standing quote continues the speaker quoted this close before it


def find_quotes(article: Article, docs: list[Doc]) -> list[Quote]:
    """Direct and reported speech of one annotated article, ``docs`` one per paragraph."""
    text = article.text
    spans = quoted_spans(text, article.paragraphs)
    quoted = [part for span in spans for part in span]
    people = People.of(text, article.entities, quoted)
    offsets = [p.start for p in article.paragraphs]

    def doc_at(char: int) -> tuple[Doc, int] | None:  # the paragraph holding ``char``, by bisection
        k = bisect_right(offsets, char) - 1
        if k >= 0 and char < article.paragraphs[k].end:
            return docs[k], offsets[k]
        return None

    raw: list[tuple[list[tuple[int, int]], str, Attribution | None]] = []
    for span in spans:
        if not _names_a_work(text, span):
            raw.append((span, "direct", _direct_attribution(text, span, quoted, doc_at)))
    for doc, offset in zip(docs, offsets, strict=True):
        raw.extend(reported_speech(doc, offset, quoted))
    # a broken quotation is joined across its attribution, whatever reported clause lies between
    raw = _merge_broken(text, sorted(raw[: len(spans)], key=lambda item: item[0][0][0])) + raw[len(spans) :]
    raw.sort(key=lambda item: item[0][0][0])

    quotes: list[Quote] = []
    last: tuple[int, str | None] | None = None  # (end, speaker) of the last attributed quote
    recent_person: tuple[int, str] | None = None
    recent_group: tuple[int, str] | None = None
    for parts, kind, found in raw:
        start, end = parts[0][0], parts[-1][1]
        words = " ".join(text[a:b] for a, b in parts)
        speaker, how, described = None, None, False
        if found and found.speaker:
            located = doc_at(found.speaker[0])
            head = _head_token(located, found.speaker) if located else None
            recent = tuple(r[1] if r and found.speaker[0] - r[0] <= _NEARBY else None
                           for r in (recent_person, recent_group))
            speaker, how = people.resolve(text, found.speaker, head, article.entities, recent,  # type: ignore[arg-type]
                                          offset=located[1] if located else 0)
            if speaker:
                if people.is_person(speaker):
                    recent_person = (found.speaker[1], speaker)
                elif how != "description":
                    recent_group = (found.speaker[1], speaker)
            how = found.method if how == "named" else how
            described = bool(speaker and head is not None and head.pos_ == "NOUN" and not people.is_person(speaker))
        if found is None and kind == "direct":
            if len(words.split()) < _MIN_UNATTRIBUTED_WORDS or not _stands_alone(text, start, end, article):
                continue
            if last and start - last[0] <= _NEARBY:
                speaker, how = last[1], "nearby"
        elif found and not found.speaker:
            how = None
        context = _clause_context(text, parts, found, article, doc_at)
        if described and (named := _according_to(context)):
            speaker = named  # "the port's management rejected ..., according to the Port Authority"
        quote = Quote(
            id=f"{article.id}:q{len(quotes) + 1}", article_id=article.id, speaker=speaker,
            text=words, start=start, end=end, kind=kind,  # type: ignore[arg-type]
            channel=channel_of(context), parts=parts if len(parts) > 1 else [],
            speaker_start=found.speaker[0] if found and found.speaker else None,
            speaker_end=found.speaker[1] if found and found.speaker else None,
            cue_start=found.cue[0] if found and found.cue else None,
            cue_end=found.cue[1] if found and found.cue else None,
            attribution=how, partial=kind == "direct" and _is_partial(text, parts),
        )
        quotes.append(quote)
        if speaker and kind == "direct":
            last = (end, speaker)
    return quotes


def _direct_attribution(text, span, quoted, doc_at) -> Attribution | None:  # type: ignore[no-untyped-def]
    """The reporting verb nearest the quotation in its own sentence(s); when none names a
    speaker, an attribution beside the quotation (``_beside``) that does."""
    start, end = span[0][0], span[-1][1]
    short = sum(len(text[a:b].split()) for a, b in span) < _MIN_UNATTRIBUTED_WORDS
    candidates: list[tuple[tuple[bool, bool, int, int], Attribution]] = []
    for char in {start, end - 1}:
        located = doc_at(char)
        if not located:
            continue
        doc, offset = located
        sent = sentence_of(doc, char - offset)
        if sent is None:
            continue
        # a quotation closing mid-sentence may leave its cue in the next spaCy sentence
        sents = [sent] + ([doc[sent.end].sent] if sent.end < len(doc) and char == end - 1 else [])
        for s in sents:
            for token in _within_reach(s, start - offset, end - offset):
                at = token.idx + offset
                if not start - _CUE_REACH <= at <= end + _CUE_REACH:
                    continue
                if not is_cue(token) or within(at, quoted, pad=1):
                    continue
                # the verb whose clause holds the quotation ("remarked that “thousands” ...")
                # beats one that merely stands nearer; speech beats belief ("feeling")
                clause = clause_of(token)
                left, right = clause.left_edge.idx + offset, clause.right_edge.idx + offset
                governs = left <= start <= right
                if short and not governs:
                    continue
                distance = start - at if at < start else at - end
                speech = reporting_verbs().get(token.lemma_.lower(), True)
                # of clauses that hold it, the innermost: "X said on Facebook ..., while Y
                # decried the plan as “...”" is Y's
                size = right - left if governs else 0
                candidates.append(((not governs, not speech, size, distance), attribution_of(token, offset, quoted)))
    if candidates:
        candidates.sort(key=lambda c: (c[0], c[1].speaker is None))
        best = candidates[0][1]
        if best.speaker:
            return best
        beside = _beside(text, span, quoted, doc_at)
        return beside if beside is not None and beside.speaker else best
    return _beside(text, span, quoted, doc_at)


def _beside(text, span, quoted, doc_at) -> Attribution | None:  # type: ignore[no-untyped-def]
    """An attribution beside the quotation rather than around it: the frame after or before
    it, the sentence ending in the colon that introduces it, a dash line, the sentence before."""
    start, end = span[0][0], span[-1][1]
    if framed := frame_after(text, end, doc_at, quoted) or frame_before(text, start, doc_at, quoted):
        return framed
    colon = _colon_before(text, start)
    if colon is not None:
        located = doc_at(colon)
        if located:
            doc, offset = located
            sent = sentence_of(doc, colon - offset)
            if sent is not None:
                return colon_speaker(sent, offset, colon - offset)
    return dash_after(text, end, doc_at) or said_before(text, start, doc_at, quoted)


def _within_reach(sent: Span, start: int, end: int) -> Span:
    """The words of ``sent`` within ``_CUE_REACH`` characters of the quotation at ``start:end``
    (offsets in the sentence's doc), found without walking a sentence of thousands of words."""
    lo, hi = max(sent.start_char, start - _CUE_REACH), min(sent.end_char, end + _CUE_REACH)
    window = sent.doc.char_span(lo, hi, alignment_mode="expand") if lo < hi else None
    if window is None:
        return sent[0:0]
    return sent.doc[max(sent.start, window.start) : min(sent.end, window.end)]


def _colon_before(text: str, start: int) -> int | None:
    """The colon that introduces a quotation: "Putin stated:" or "He added: “...”"."""
    pos = start - 1
    while pos >= 0 and (text[pos].isspace() or text[pos] in CLOSERS):
        pos -= 1
    return pos if pos >= 0 and text[pos] == ":" else None


def _merge_broken(text: str, raw):  # type: ignore[no-untyped-def]
    """Join a quotation broken by its attribution into one utterance with several parts:
    "“A,” he said, “B.”", and across the sentence end, "“A,” said X, a senator from Ohio.
    “B.”", where B has no attribution of its own and so continues the speaker just named.
    Not a quotation set in the outlet's words: "“A,” X said after a brief “sorry” to Y"; such
    a fragment inside the attribution ("“A,” X said on “Meet the Press.” “B.”") leaves the
    quotation open to its next part."""
    merged: list = []
    open_at: int | None = None  # the quotation in ``merged`` a later part may continue
    for item in raw:
        if open_at is not None:
            parts, kind, found = merged[open_at]
            gap = text[parts[-1][1] : item[0][0][0]]
            between = found and found.cue and parts[-1][1] <= found.cue[0] < item[0][0][0]
            # the first part hands over to its attribution with a comma, or ends on ? or ! ("“Why
            # now?” she asked. “Nobody told us.”")
            handed = re.match(r"\W*,", gap) or text[parts[-1][1] - 1 : parts[-1][1]] in {"?", "!"}
            if kind == item[1] == "direct" and between and "\n" not in gap and handed:
                if _runs_on(text, *item[0][0]):
                    merged.append(item)
                    continue
                if ((item[2] is None or item[2].cue == found.cue)
                        and (len(gap) <= _MERGE_GAP or _one_sentence(text[found.cue[1] : item[0][0][0]]))):
                    merged[open_at] = (parts + item[0], kind, found)
                    continue
        merged.append(item)
        open_at = len(merged) - 1
    return merged


_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}|[A-Z](?:\.[A-Z])*|[a-z]{1,2})\.$")


def _one_sentence(rest: str) -> bool:
    """The attribution's sentence ends where the next quotation opens: nothing else between."""
    if len(rest) > _CUE_REACH:
        return False
    for end in re.finditer(r"[.!?]+[”\"’']*(?=\s)", rest):  # a full stop inside a title's marks too
        if not _ABBREVIATION.search(rest[: end.end()]):
            return not rest[end.end() :].strip(" \"“„«‹'`")
    return False


def _is_partial(text: str, parts: list[tuple[int, int]]) -> bool:
    """Quoted words that run on from or into the outlet's own words (he favours a “strongman
    approach”, the “suburbs of St. Petersburg” — a metaphor): a fragment, not a statement.
    A reporting verb or punctuation beside the marks ("said: “...”", "“...,” she said") is
    the attribution, not the outlet's sentence; "that" is not: a quotation after "said
    that" is the outlet's reported clause in the speaker's words (a mixed quotation). Only
    the quotation's own line counts: the paragraph before is another sentence.
    A quotation that opens in lower case is not a sentence of the speaker's either (style
    guides capitalise a quoted full sentence): "said, “we were floored.”" lends the
    outlet's sentence its end, whatever stands before the marks."""
    start, end = parts[0][0], parts[-1][1]
    first = re.search(r"[^\W\d_]", text[start:end])
    if (first and first[0].islower() and not _lower_case_name(text, start + first.start())
            and not re.search(r"…|\.\.", text[start : start + first.start()])):
        return True  # an ellipsis first is the outlet's cut inside the speaker's sentence
    return _runs_on(text, start, end)


def _runs_on(text: str, start: int, end: int) -> bool:
    """The quotation at ``start:end`` runs on from the outlet's words before it or into
    its words after it: "waited in an “extraordinary” line"."""
    line = text[max(text.rfind("\n", 0, start) + 1, start - 60) : start]
    left = line.rstrip("\"“„«‹‘'`").rstrip()
    before = re.search(r"(\w+)$", left)
    if before and before[1].lower() not in verb_forms() - {"that"}:
        return True
    after = re.match(r"[\"”»›’'\s]*([a-z]\w*)", text[end : end + 40])
    ends_clause = text[end - 1 : end] in ",.!?…:;—–-"
    return bool(after and not ends_clause and after.start(1) > 0 and after[1] not in verb_forms()
                and after[1] not in _PRONOUNS and not text[end : after.start(1)].strip(" \"”»›’'"))


_PRONOUNS = {"he", "she", "they", "it", "we", "i"}

# Nouns for works, and the participles that introduce their titles: "his 2002 book, “Make
# Your Kid a Millionaire”", "the MSNBC show “Morning Joe”", "an ad titled “Scam.”"
_WORKS = {"album", "article", "autobiography", "biography", "book", "column", "documentary", "drama",
          "editorial", "entitled", "episode", "essay", "exhibition", "film", "magazine", "memoir",
          "movie", "musical", "newsletter", "newspaper", "novel", "op-ed", "opera", "painting",
          "play", "podcast", "poem", "program", "programme", "series", "show", "sitcom", "song",
          "titled"}
_TITLE_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "nor", "of", "on",
                "or", "the", "to", "vs", "with"}


def _names_a_work(text: str, parts: list[tuple[int, int]]) -> bool:
    """A quotation in title case right after the noun of a work is the work's title (“The
    Apprentice”, a book's name), not words anyone said: no quote, no speaker."""
    left = text[max(0, parts[0][0] - 40) : parts[0][0]].rstrip(" \t\n,:\"“„«‹‘'`")
    if left.rpartition(" ")[2].lower() not in _WORKS:
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*|\d+", " ".join(text[a:b] for a, b in parts))
    return bool(words) and len(words) <= 12 and words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _TITLE_SMALL for w in words[1:])


def _lower_case_name(text: str, at: int) -> bool:
    """A word written in lower case with capitals inside it (iPhone, eBay): a name, which
    may open a full sentence."""
    word = re.match(r"\w+", text[at:])
    return bool(word and any(c.isupper() for c in word[0][1:]))


def _stands_alone(text: str, start: int, end: int, article: Article) -> bool:
    """A quotation that is (nearly) its whole sentence: a statement, not a phrase in passing."""
    for sent in article.sentences:
        if sent.start <= start < sent.end:
            outside = len(re.sub(r"\W", "", text[sent.start : start] + text[end : sent.end]))
            return outside <= 3 or end >= sent.end - 3
    return True


def _head_token(located: tuple[Doc, int], mention: tuple[int, int]) -> Token | None:
    doc, offset = located
    span = doc.char_span(mention[0] - offset, mention[1] - offset, alignment_mode="expand")
    return span.root if span is not None else None


def _clause_context(text, parts, found, article, doc_at) -> str:  # type: ignore[no-untyped-def]
    """The words that attribute the quote: the cue's own clause when its sentence names other
    speakers too (each with a channel of their own), else the sentence around the cue."""
    if found and found.cue and (located := doc_at(found.cue[0])):
        doc, offset = located
        span = doc.char_span(found.cue[0] - offset, found.cue[1] - offset, alignment_mode="expand")
        # a cue without a subject of its own ("..., adding that") speaks for the sentence's speaker
        clause = clause_of(span.root) if span is not None else None
        if clause is not None and has_subject(clause) and other_speakers(clause):
            quoted = [(a - offset, b - offset) for a, b in parts]
            words = clause_words(clause)
            return " ".join(t.text for t in words if not any(a <= t.idx < b for a, b in quoted))
    return _context(text, parts, found, article)


_ACCORDING = re.compile(r"\baccording to ((?:the )?[A-Z][\w’'.&-]*(?:\s+(?:of|the|for|[A-Z][\w’'.&-]*))*)")


def _according_to(context: str) -> str | None:
    """The named source of a statement whose speaker the outlet only describes, when not an
    agency or outlet passing it on."""
    found = _ACCORDING.search(context)
    if not found:
        return None
    name = re.sub(r"(?:\s+(?:of|the|for))+$", "", found.group(1))
    name = re.sub(r"^the\s+", "", name).rstrip(".")
    return None if channel_of(name) or name in agency_names() else name


def _context(text: str, parts: list[tuple[int, int]], found: Attribution | None, article: Article) -> str:
    """The attribution's own words: the sentence around the cue, minus the quotation, and
    no farther from them than a cue can be (a "sentence" without full stops runs for pages)."""
    anchor = found.cue[0] if found and found.cue else parts[0][0]
    for sent in article.sentences:
        if sent.start <= anchor < sent.end:
            lo = max(sent.start, min(anchor, parts[0][0]) - _CUE_REACH)
            hi = min(sent.end, max(anchor, parts[-1][1]) + _CUE_REACH)
            pieces, cursor = [], lo
            for a, b in parts:
                if a < hi and b > lo:  # cut the quotation out of the sentence
                    pieces.append(text[cursor:a] if a > cursor else "")
                    cursor = max(cursor, b)
            pieces.append(text[cursor:hi] if cursor < hi else "")
            return " ".join(pieces)
    return ""


_ODD_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a"}


def plain_text_article(text: str, annotator, article_id: str = "text", docs: list[Doc] | None = None,  # type: ignore[no-untyped-def]
                       ) -> tuple[Article, list[Doc]]:
    """A plain text as it is (one paragraph per line) made an article with the sentences and
    entities quotes need, and its paragraphs' parses (``docs``: parses made before, one per
    paragraph, so a benchmark can time the quote stage alone)."""
    from . import sentence_spans
    from .entities import repaired_entities

    text = text.translate(_ODD_SPACES)  # as cleaning leaves it; the same length, so offsets hold
    article = Article(id=article_id, source=None, text=text)  # type: ignore[arg-type]
    article.paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    if docs is None:
        docs = list(annotator.nlp.pipe([text[p.start : p.end] for p in article.paragraphs]))
    surnames: set[str] = set()
    for para, doc in zip(article.paragraphs, docs, strict=True):
        article.sentences.extend(
            Sentence(para.start + a, para.start + b, 0) for a, b in sentence_spans(doc.text, annotator.segmenter)
        )
        article.entities.extend(repaired_entities(doc, para.start, annotator.gazetteer, surnames))
    return article, docs


def quotes_in_text(text: str, annotator, article_id: str = "text") -> list[Quote]:  # type: ignore[no-untyped-def]
    """Quotes of a plain text as it is (one paragraph per line), for benchmarks and notebooks."""
    return find_quotes(*plain_text_article(text, annotator, article_id))


__all__ = ["find_quotes", "plain_text_article", "quoted_spans", "quotes_in_text"]
