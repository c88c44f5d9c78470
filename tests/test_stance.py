"""Stance of a text towards a claim, on hand-written sentences (no dataset text)."""

from __future__ import annotations

from importlib import resources

import pytest

from newsprism.annotate import Annotator
from newsprism.compare.stance import CUE_KINDS, Stance, judge, lexicon, parse, parse_many, stance, stem
from newsprism.embed import Embedder

CLAIM = "Russian troops have encircled the Ukrainian forces in the region"


@pytest.fixture(scope="module")
def models(annotator: Annotator, embedder: Embedder) -> dict:
    return {"nlp": annotator.nlp, "embedder": embedder}


def check_span(result: Stance, text: str, fragment: str) -> None:
    assert result.start is not None and result.end is not None
    assert fragment in text[result.start : result.end]


def test_lexicons_load_and_say_where_they_come_from() -> None:
    for kind in CUE_KINDS:
        raw = resources.files("newsprism.data").joinpath(f"stance_{kind}.txt").read_text("utf-8")
        assert raw.startswith("#") and "Source" in raw.split("\n\n")[0]
        cues = lexicon(kind)
        assert cues and all(c == tuple(w.lower() for w in c) for c in cues)
    assert ("denied",) in lexicon("refuting") and ("reportedly",) in lexicon("hedging")
    assert ("not", "true") in lexicon("refuting")


def test_stems_join_word_forms() -> None:
    assert stem("encircled") == stem("encircle") == stem("encircles")
    assert stem("encirclement")[:6] == stem("encircled")[:6]
    assert stem("evacuated") == stem("evacuate")


def test_negated_claim_words_disagree(models: dict) -> None:
    text = "The General Staff said there was no threat of encirclement of Ukrainian units"
    result = stance(CLAIM, text, **models)
    assert result.label == "disagree"
    assert "negation" in result.evidence and "encircl" in result.evidence
    check_span(result, text, "no threat of encirclement")


def test_paraphrase_agrees(models: dict) -> None:
    result = stance(CLAIM, "Thousands of Ukrainian troops were surrounded by the Russian army", **models)
    assert result.label == "agree"
    assert 0.5 <= result.score <= 1.0


def test_a_one_sentence_attribution_reports_without_vouching(models: dict) -> None:
    # "..., officials say" as the main verb of a headline: the writer passes the claim on.
    said = stance(CLAIM, "Russian troops encircled the Ukrainian forces in the region, officials say", **models)
    assert said.label == "discuss" and "say" in said.evidence
    # Unless the claim is about what that speaker said: then the sentence states the claim.
    claim = "A bishop said that card games are sinful"
    assert stance(claim, "Bishop says card games are sinful", **models).label == "agree"
    # The headline form of the reporting frame "is said to": the writer does not vouch for it.
    framed = stance("The carmaker bought the harbour warehouses", "Carmaker said to buy harbour warehouses", **models)
    assert framed.label == "discuss" and "cue 'said to'" in framed.evidence
    told = stance(CLAIM, "Russian troops encircled Ukrainian forces in the region, he said to reporters", **models)
    assert "cue 'said to'" not in told.evidence  # "said to reporters" is no reporting frame ("said" alone attributes)
    # In a body nearly every statement is attributed: one "said" is no hedge there.
    body = ("Russian troops encircled the Ukrainian forces in the region, officials said on Monday.\n\n"
            "The encirclement closed the last supply road. Units in the pocket lost contact with command.")
    assert stance(CLAIM, body, **models).label == "agree"


def test_questions_hedge_only_when_they_raise_the_claim(models: dict) -> None:
    claim = "The harbour master resigned on Friday"
    # A polar question about the claim raises it without asserting it.
    assert stance(claim, "Harbour master resigned on Friday?", **models).label == "discuss"
    # A wh-question presupposes the claim and asks about something else.
    assert stance(claim, "Why did the harbour master resign on Friday?", **models).label == "agree"
    # A teaser question in another sentence does not hedge the sentence that states the claim.
    teaser = "Another twist at the port? The harbour master resigned on Friday"
    assert stance(claim, teaser, **models).label == "agree"


def test_negation_reaches_its_own_clause_only(models: dict) -> None:
    # "no idea" negates "idea", not the main clause's "gave birth".
    claim = "A cook gave birth to twins on a ferry"
    text = "Cook who had no idea she was expecting gave birth to twins on a ferry"
    assert stance(claim, text, **models).label == "agree"
    # "No, X did not - it is a hoax": the refutation after the dash is not negated by "not".
    text = "Mayor bans bicycles from the bridge? No, he did not - it is a hoax"
    assert stance("The mayor banned bicycles from the bridge", text, **models).label == "disagree"


def test_number_mismatch_disagrees_unless_the_hedge_allows_it(models: dict) -> None:
    claim = "120 people were evacuated"
    result = stance(claim, "40 people were evacuated", **models)
    assert result.label == "disagree" and "number 40" in result.evidence
    assert stance(claim, "More than 100 people were evacuated from the town", **models).label == "agree"
    assert stance(claim, "About 115 people were evacuated overnight", **models).label == "agree"


def test_denial_and_negation_of_the_claim(models: dict) -> None:
    claim = "The harbour master resigned on Friday"
    denial = "The port authority denied reports that the harbour master had resigned"
    result = stance(claim, denial, **models)
    assert result.label == "disagree" and "denied" in result.evidence
    assert stance(claim, "The harbour master did not resign, his office said", **models).label == "disagree"
    assert stance(claim, "The harbour master resigned on Friday after a week of pressure", **models).label == "agree"


def test_a_negated_refutation_is_no_refutation(models: dict) -> None:
    claim = "The harbour master resigned on Friday"
    result = stance(claim, "The harbour master resigned on Friday and did not deny the leaked memo", **models)
    assert result.label == "agree"


def test_hedged_and_unconfirmed_reports_discuss(models: dict) -> None:
    hedged = stance(CLAIM, "Russian troops have reportedly encircled Ukrainian forces, according to bloggers", **models)
    assert hedged.label == "discuss" and "reportedly" in hedged.evidence
    open_question = stance("The harbour master resigned", "Did the harbour master resign on Friday?", **models)
    assert open_question.label == "discuss"
    unconfirmed = stance("The harbour master resigned", "The city could not confirm that the harbour master resigned",
                         **models)
    assert unconfirmed.label == "discuss" and "not confirm" in unconfirmed.evidence


def test_debunking_claim_agrees_with_a_debunking_text(models: dict) -> None:
    # Both call the video false: the text agrees with the claim, it does not dispute it.
    assert stance("The video of the flooded mall is a hoax", "Experts said the mall video was fake",
                  **models).label == "agree"
    # The claim says it did not happen, the text reports it plainly: the text disagrees.
    assert stance("No, the mayor did not ban bicycles from the bridge",
                  "The mayor banned bicycles from the bridge on Monday", **models).label == "disagree"


def test_refuting_adjective_about_something_else_does_not_refute(models: dict) -> None:
    claim = "The smuggler crossed the border at night"
    text = "The smuggler, who carried fake passports, crossed the border at night"
    assert stance(claim, text, **models).label == "agree"


def test_unrelated_unless_the_caller_paired_them(models: dict) -> None:
    claim = parse(CLAIM, **models)
    weather = parse("The weather in Lisbon was sunny and warm on Sunday", **models)
    assert judge(claim, weather).label == "unrelated"
    assert judge(claim, weather).start is None
    assert judge(claim, weather, known_related=True).label == "agree"
    assert stance(CLAIM, "", **models).label == "unrelated"


ARTICLE = """Bridge closure: what we know

The river bridge in Westford has not been closed, the city transport office said on Tuesday.

Posts shared widely online had claimed that engineers found cracks and shut the bridge.
The transport office called the posts false and said traffic was running normally.

Engineers inspect the bridge twice a year; the last inspection was in March."""


def test_article_body_refutes_with_the_deciding_sentence(models: dict) -> None:
    result = stance("Westford river bridge closed after engineers find cracks", ARTICLE, **models)
    assert result.label == "disagree"
    assert result.start is not None and result.end is not None
    assert ARTICLE[result.start : result.end] in ARTICLE.split("\n")


def test_article_body_hedging_discusses_and_plain_report_agrees(models: dict) -> None:
    hedged = ("Westford's river bridge was reportedly closed on Tuesday.\n\nAccording to unverified posts, "
              "engineers may have found cracks. The city has not commented.\n\nThe bridge carries 20,000 cars a day.")
    plain = ("Westford closed its river bridge on Tuesday after engineers found cracks in two supports.\n\n"
             "The bridge carries 20,000 cars a day. Buses will use the ring road until repairs end in June.")
    claim = "Westford river bridge closed after engineers find cracks"
    assert stance(claim, hedged, **models).label == "discuss"
    assert stance(claim, plain, **models).label == "agree"


def test_a_body_discusses_only_when_most_of_what_speaks_to_the_claim_is_hedged(models: dict) -> None:
    # One hedged aside among plain statements of the claim: the body still states it.
    claim = "Westford river bridge closed after engineers find cracks"
    body = ("Westford closed its river bridge on Tuesday after engineers found cracks in two supports.\n\n"
            "Engineers found the cracks in the bridge supports during Monday's inspection, and the city closed it. "
            "The closed bridge may stay shut for months, a contractor suggested.\n\n"
            "Buses will use the ring road until repairs end in June.")
    result = judge(*parse_many([claim, body], **models))
    assert result.label == "agree"


def test_parse_offsets_are_exact(models: dict) -> None:
    texts = [ARTICLE, "  Short one.  Another sentence here!\n"]
    for text, parsed in zip(texts, parse_many(texts, **models), strict=True):
        assert parsed.vectors is not None and len(parsed.vectors) == len(parsed.sentences)
        for sentence in parsed.sentences:
            assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
            for token in sentence.tokens:
                assert text[token.start : token.end].lower() == token.text
            for cue in sentence.cues:
                assert text[cue.start : cue.end].lower().replace("’", "'") == cue.text


def test_works_without_models() -> None:
    """The regex tokenizer and word overlap stand in when no spaCy pipeline or embedder is given."""
    parsed = parse("He didn't resign. Officials denied it!")
    assert [s.tokens[0].text for s in parsed.sentences] == ["he", "officials"]
    assert any(t.text == "n't" for t in parsed.sentences[0].tokens)
    assert parsed.vectors is None
    assert stance("The harbour master resigned on Friday", "The harbour master did not resign on Friday").label \
        == "disagree"
    assert stance("The harbour master resigned on Friday", "The harbour master reportedly resigned on Friday").label \
        == "discuss"
