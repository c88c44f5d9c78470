"""Quote extraction on texts written for these tests, and on the shared Kursk articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsprism.annotate import Annotator
from newsprism.annotate.quotemarks import within
from newsprism.annotate.quotes import quoted_spans, quotes_in_text
from newsprism.model import Paragraph, Report

from .conftest import kursk_article


def _paragraphs(text: str) -> list[Paragraph]:
    out, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(start, start + len(line)))
        start += len(line) + 1
    return out


def _spans(text: str) -> list[str]:
    return [" | ".join(text[a:b] for a, b in parts) for parts in quoted_spans(text, _paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She said “it is over” today.", ["it is over"]),
        ('He said "it is over," and left.', ["it is over"]),
        ("Il a dit «c'est fini» hier.", ["c'est fini"]),
        ("He said, ''We're done here,'' and left.", ["We're done here"]),
        ("Er sagte „es ist vorbei“ heute.", ["es ist vorbei"]),
        ("“The ‘plan’ is dead,” she said.", ["The ‘plan’ is dead"]),
        ("The residents’ committee said it won’t move.", []),
        ("He said “this never closes", ["this never closes"]),  # unbalanced: ends at paragraph
        ("“First part of it.\n“Second part.”\nNot quoted.", ["First part of it. | Second part."]),
        ("The minister stated:\n“One.\nTwo and three.”\nAfter.", ["One. | Two and three."]),
    ],
)
def test_quotation_marks_in_every_style(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


def test_unbalanced_marks_never_crash(annotator: Annotator) -> None:
    for text in ['"', "“”", 'He said "yes and "no', "”closing first“", "« »", "'quoted' \"\"\"\n\""]:
        quotes_in_text(text, annotator)


def test_speakers_cues_and_resolution(annotator: Annotator) -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov spoke to reporters on Monday.\n"
        "“We will respond,” he said, “and we will do it calmly.”\n"
        "The spokesman added that talks would continue next week.\n"
        "The ports are closed until further notice, according to the Harbour Authority.\n"
        "The union denied reports that its members had broken the rules.\n"
        "“This is a disgrace and a failure of leadership,” Senator Ada Brook wrote on X.\n"
    )
    quotes = quotes_in_text(text, annotator)
    by_text = {q.text: q for q in quotes}
    broken = by_text["We will respond and we will do it calmly."]
    assert broken.kind == "direct" and broken.speaker == "Dmitry Peskov" and len(broken.parts) == 2
    assert text[broken.speaker_start : broken.speaker_end] == "he" and broken.attribution == "pronoun"
    added = next(q for q in quotes if q.text.startswith("that talks"))
    assert added.kind == "indirect" and added.speaker == "Dmitry Peskov" and added.attribution == "description"
    according = next(q for q in quotes if q.text.startswith("The ports are closed"))
    assert according.speaker == "Harbour Authority" and according.attribution == "according_to"
    denial = next(q for q in quotes if "broken the rules" in q.text)
    assert denial.kind == "indirect" and denial.text.startswith("reports that") and denial.speaker == "union"
    post = next(q for q in quotes if q.text.startswith("This is a disgrace"))
    assert post.speaker == "Ada Brook" and post.channel == "X"
    for quote in quotes:
        for a, b in quote.parts or [(quote.start, quote.end)]:
            assert 0 <= a < b <= len(text)


def test_broken_across_sentences_and_partial_quotes(annotator: Annotator) -> None:
    text = (
        "“The harbour will reopen on Monday,” said Ines Varga, the port director in Tallin. “Nobody was hurt.”\n"
        "The mayor said she favoured a “slow and careful approach to the repairs” this winter.\n"
        "“We need answers,” the mayor said. Then the council met for an hour.\n"
        "“The budget is already spent and the insurers are silent.”\n"
        "Port engineer Lena Holtz-Brandt said: “The cranes are safe to use again.”\n"
    )
    quotes = {q.text: q for q in quotes_in_text(text, annotator) if q.kind == "direct"}
    broken = quotes["The harbour will reopen on Monday Nobody was hurt."]
    assert len(broken.parts) == 2 and broken.speaker == "Ines Varga" and not broken.partial
    fragment = quotes["slow and careful approach to the repairs"]
    assert fragment.partial and fragment.cue_start is not None
    # a free-standing quote after an unrelated sentence stays its own quote
    assert "We need answers" in quotes and not quotes["We need answers"].parts
    assert "The budget is already spent and the insurers are silent." in quotes
    cranes = quotes["The cranes are safe to use again."]
    assert text[cranes.speaker_start : cranes.speaker_end] == "Port engineer Lena Holtz-Brandt" and not cranes.partial


def test_scare_quotes_are_not_quotes(annotator: Annotator) -> None:
    text = "Troops “liberated” the village, and the so-called “experts” arrived later.\n"
    assert quotes_in_text(text, annotator) == []


def test_every_kursk_direct_quote_has_its_speaker(kursk_report: Report) -> None:
    direct = [q for q in kursk_report.quotes if q.kind == "direct" and len(q.text.split()) >= 4]
    assert len(direct) >= 25
    unknown = [q.text[:60] for q in direct if q.speaker is None]
    assert not unknown
    wanted = {  # (article, opening words) -> speaker, channel
        # "the General Staff" is the body the article named in full a sentence before
        ("000", "Reports of the alleged encirclement"): ("General Staff of the Ukrainian Armed Forces", "statement"),
        ("002", "We had very good"): ("Donald Trump", "Truth Social"),
        ("002", "We have read today"): ("Vladimir Putin", None),
        ("003", "The situation is very difficult"): ("Volodymyr Zelensky", "Strana"),
        ("004", "He is currently doing everything"): ("Volodymyr Zelensky", "X"),
        ("004", "there is no threat of our units"): (None, "social media"),
        ("004", "If they lay down their arms"): ("Vladimir Putin", None),
    }
    for (prefix, opening), (speaker, channel) in wanted.items():
        article = kursk_article(kursk_report, prefix)
        quote = next(q for q in direct if q.article_id == article.id and q.text.startswith(opening))
        assert speaker is None or quote.speaker == speaker, quote
        assert quote.channel == channel, quote
    # partial quotes: the pronoun after "Trump’s Truth Social post, where he claimed"; a cue
    # the parser took for an adjective ("Zelenskyy ... decried Putin’s response as a “trap”")
    fragments = {(q.article_id[:3], q.text): q.speaker for q in kursk_report.quotes if q.partial}
    assert fragments[("001", "thousands of Ukrainian soldiers")] == "Donald Trump"
    # 001 spells him Zelenskyy, the rest of the story (more often) Zelensky: one name in the story
    assert fragments[("001", "manipulative trap")] == "Volodymyr Zelensky"
    tweet = next(q for q in direct if q.text.startswith("Putin to Trump"))
    assert tweet.speaker == "@RT_com" and tweet.channel == "X"
    waltz = next(q for q in kursk_report.quotes if q.speaker == "Mike Waltz")
    assert waltz.channel == "Fox News interview"
    tass = [q for q in kursk_report.quotes if q.channel == "TASS"]
    assert tass and all(q.speaker == "Vladimir Putin" or q.speaker == "TASS" for q in tass)


def test_kursk_reported_speech_keeps_the_report_a_request_sits_in(kursk_report: Report) -> None:
    """000: "Trump said that thousands of Ukrainian troops were ... surrounded ..., adding that he
    urged Putin to spare their lives" is Trump's report of both; the request found inside it
    took its place. "Putin said that ..., Ukraine's leadership must order its troops to
    surrender" is Putin's, and no request of the leadership's."""
    article = kursk_article(kursk_report, "000")
    indirect = [q for q in kursk_report.quotes if q.article_id == article.id and q.kind == "indirect"]
    assert any(q.speaker == "Donald Trump" and "troops were currently surrounded" in q.text for q in indirect)
    assert any(q.speaker == "Vladimir Putin" and "must order its troops to surrender" in q.text for q in indirect)
    assert not any(q.speaker == "Ukraine's leadership" for q in indirect)


def test_a_quotation_weighs_only_the_cues_within_reach(annotator: Annotator, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text without full stops is one parser sentence of thousands of words: each quotation
    judged every reporting verb in it (found by the fuzzer: 20,000 characters took 70 s).
    A cue more than a long sentence away is not the quotation's, and is not weighed."""
    from newsprism.annotate import quotes as quote_module

    calls = 0
    judge = quote_module.attribution_of

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return judge(*args, **kwargs)

    monkeypatch.setattr(quote_module, "attribution_of", counted)
    piece = ("“we will rebuild the harbour” the mayor said and the council agreed and officials added and "
             "the engineers reported that the work went on ")
    found = quotes_in_text(piece * 60, annotator)
    assert len(found) >= 50
    assert calls <= 40 * len(found), calls  # the cues within reach; before, every cue of the text (~28,000)


@given(st.lists(st.integers(0, 40), max_size=30), st.integers(-5, 700), st.integers(0, 3))
def test_within_answers_as_a_scan_of_every_quotation_would(gaps: list[int], pos: int, pad: int) -> None:
    """``within`` bisects; the parts are sorted and disjoint, as quoted_spans finds them."""
    parts, cursor = [], 0
    for i, gap in enumerate(gaps):
        if i % 2:
            parts.append((cursor, cursor + gap + 1))
        cursor += gap + 1
    assert within(pos, parts, pad) == any(a - pad <= pos < b + pad for a, b in parts)


def test_a_quotes_channel_is_read_from_words_near_it(annotator: Annotator) -> None:
    """The channel is read from the words around the cue, not from a "sentence" of pages:
    text without full stops made every quotation search its whole paragraph for platforms
    and agencies (10 s of a fuzzed article's 27)."""
    far = "and the crews worked on through the night " * 30  # about 1,300 characters
    photo = "A photo on Facebook showed crews at the quay "
    text = f"{photo}{far}and “the harbour will reopen on Monday” the mayor said {far}"
    found = quotes_in_text(text, annotator)
    assert [q.channel for q in found if q.kind == "direct"] == [None]
    near = quotes_in_text(f"{far}the mayor said on Facebook “the harbour will reopen on Monday” {far}", annotator)
    assert [q.channel for q in near if q.kind == "direct"] == ["Facebook"]
