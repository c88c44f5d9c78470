"""Annotation of an article holding a run of punctuation hundreds of thousands long (found
by benchmarks/fuzz.py: spaCy's tokenizer took minutes over 600,000 full stops)."""

from __future__ import annotations

import signal

from newsprism.annotate import Annotator, annotate, tokenizable
from newsprism.clean import clean
from newsprism.model import RawDocument, Source

LEAD = "The harbour reopened on Monday after a week of repairs, the port authority said."


def test_a_long_run_of_full_stops_is_blanked_for_spacy_and_offsets_hold(annotator: Annotator) -> None:
    text = f"{LEAD} It was last hit by a serio{'.' * 200_000}us fire in 2009, officials said in Valmora."
    article = clean(RawDocument(id="t", source=Source(path="t.txt"), content=text, content_type="text"))

    def hung(*_: object) -> None:
        raise TimeoutError("spaCy is given the run of full stops again")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)  # not a measurement: a relapse (minutes) must not hang the suite
    try:
        annotated = annotate(article, annotator)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert annotated.text == article.text  # the text is the article's: only spaCy saw blanks
    assert any(annotated.text[d.start : d.end] == "2009" for d in annotated.dates)
    assert annotated.sentences[0].start == 0 and annotated.sentences[-1].end == len(annotated.text)


def test_only_long_runs_of_one_mark_are_blanked() -> None:
    assert tokenizable("Wait... what?!! ----- " + "=" * 63) == "Wait... what?!! ----- " + "=" * 63
    assert tokenizable("a" + "." * 64 + "b" + "—" * 70) == "a" + " " * 64 + "b" + " " * 70


def test_a_long_paragraph_is_segmented_in_windows_with_pysbds_sentences() -> None:
    """pysbd's time grows with the square of what it is given (a 10,000-character paragraph
    took a second): long paragraphs go to it in windows, and the sentences stay its own."""
    import pysbd

    from newsprism.annotate import _SEGMENT_WINDOW, _segment, sentence_spans

    seen: list[int] = []
    segmenter = pysbd.Segmenter(language="en", clean=False)
    processor = segmenter.processor

    def counted(text: str):  # type: ignore[no-untyped-def]
        seen.append(len(text))
        return processor(text)

    sentences = [
        "Mr. Lee of the U.S. Coast Guard said the harbour reopened at 6 a.m. on Monday.",
        "The port handled 4.5 million tonnes in 2024, up from 3.9 million.",
        "Dr. Reyes, who runs St. Mary's clinic, treated 12 people.",
        "Repairs cost about $2.3 million, officials said.",
    ]
    paragraph = " ".join(sentences[i % 4] for i in range(400))  # about 27,000 characters
    segmenter.processor = counted  # type: ignore[method-assign]
    windowed = sentence_spans(paragraph, segmenter)
    assert seen and max(seen) <= _SEGMENT_WINDOW
    segmenter.processor = processor  # type: ignore[method-assign]
    assert windowed == _segment(paragraph, segmenter)
    assert len(windowed) == 400
