"""One name per speaking body across an article and a story (issue 16): the shorter names of a
body are forms of its fullest name when they say nothing it does not; the claims' holders
follow, so a dispute lists each holder once."""

from __future__ import annotations

from newsprism.annotate import Annotator
from newsprism.annotate.quotes import quotes_in_text
from newsprism.compare.quotes import canonical_speakers
from newsprism.lang.bodies import canonical_bodies, is_form_of
from newsprism.model import Article, ClaimMention, Entity

FULL = "Defence Council of the Estonian Armed Forces"


def test_forms_of_one_body() -> None:
    assert is_form_of("Defence Council", FULL)
    assert is_form_of("Estonian Defence Council", FULL)
    assert is_form_of("Estonia’s Defence Council", FULL)  # country ~ nationality
    assert not is_form_of("Latvian Defence Council", FULL)  # a word the full name lacks
    assert not is_form_of("Chairman of the Defence Council", FULL)  # another head: a person
    assert not is_form_of("the council", FULL)  # a description, left to the role-noun rules
    names = canonical_bodies(["Defence Council", "Estonian Defence Council", FULL, "Harbour Authority"])
    assert names["Defence Council"] == names["Estonian Defence Council"] == FULL
    assert names["Harbour Authority"] == "Harbour Authority"


def test_a_name_that_fits_two_bodies_is_left_alone() -> None:
    names = canonical_bodies(["Defence Council", FULL, "Latvian Defence Council"])
    assert names["Defence Council"] == "Defence Council"
    assert names["Latvian Defence Council"] == "Latvian Defence Council"


def _article(annotator: Annotator, article_id: str, text: str, denier: str) -> Article:
    article = Article(id=article_id, source=None, text=text)  # type: ignore[arg-type]
    article.quotes = quotes_in_text(text, annotator, article_id)
    article.entities = [Entity(text.index(FULL), text.index(FULL) + len(FULL), FULL, "ORG")] if FULL in text else []
    start = text.index("denied")
    article.claims = [ClaimMention(article_id=article_id, start=start, end=start + 6, text="denied", kind="event",
                                   denial=True, denier=denier)]
    return article


def test_one_holder_across_a_story(annotator: Annotator) -> None:
    first = _article(annotator, "a1", (
        f"The {FULL} on Friday denied reports that the port of Paldiski had been mined.\n"
        "“Reports of mines in the harbour are false and dangerous,” the Defence Council said in a statement.\n"),
        f"The {FULL}")
    second = _article(annotator, "a2", (
        "Estonia’s military leadership denied the reports, saying online that “the harbour is open to all "
        "shipping,” according to the Estonian Defence Council.\n"), "Estonia’s military leadership")
    story = canonical_speakers([first, second])
    speakers = {q.speaker for a in story for q in a.quotes if q.kind == "direct"}
    assert speakers == {FULL}
    assert {c.denier for a in story for c in a.claims} == {FULL}
    # the annotated records are left as they were
    assert {q.speaker for q in second.quotes if q.kind == "direct"} == {"Estonian Defence Council"}
