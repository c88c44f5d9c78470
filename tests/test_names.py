"""One person, two spellings (issue 16): surnames a story's outlets transliterate differently
are merged only where nothing says they are two people; similar names of different people stay
apart. Names here are invented or generic, written for these tests."""

from __future__ import annotations

import pytest

from newsprism.lang.names import is_spelling_variant, same_first_name, spelling_variants
from newsprism.model import Article, Entity
from newsprism.relate import people_named_in_story


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelensky", "Zelenskyy"), ("Zelensky", "Zelenskiy"), ("Zelenskyy", "Zelenskiy"),
     ("Gaddafi", "Qaddafi"), ("Gadhafi", "Gaddafi"), ("Erdogan", "Erdoğan"), ("Kovalenko", "Kowalenko")],
)
def test_spelling_variants(a: str, b: str) -> None:
    assert is_spelling_variant(a, b) and is_spelling_variant(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Johnson", "Johnston"), ("Clinton", "Clayton"), ("Thomson", "Thompson"), ("Morales", "Miralles"),
     ("Lee", "Lea"), ("Smith", "Smyth"), ("Reyes", "Reyez")],  # a consonant apart, or too short to tell
)
def test_different_names_are_not_variants(a: str, b: str) -> None:
    assert not is_spelling_variant(a, b)


def test_first_names_agree() -> None:
    assert same_first_name("Volodymyr", "Wolodymyr") and same_first_name("V.", "Volodymyr")
    assert not same_first_name("Jon", "Jan") and not same_first_name("Ann", "Anne")


def test_one_person_spelled_three_ways_across_a_story() -> None:
    story = [["Olena Zelenskyy", "Zelenskyy"], ["Zelensky", "Zelensky", "Zelensky"], ["Olena Zelenskiy"]]
    assert spelling_variants(story) == {"zelensky": "zelenskyy", "zelenskiy": "zelenskyy"}


def test_the_most_mentioned_spelling_wins_between_full_names() -> None:
    story = [["Omar Gaddafi"], ["Omar Qaddafi", "Qaddafi"]]
    assert spelling_variants(story) == {"gaddafi": "qaddafi"}


@pytest.mark.parametrize(
    "story",
    [
        [["Ann Hansen", "Hanson"]],  # both in one article: the outlet writes two people
        [["Ann Hansen"], ["Kate Hanson"]],  # first names disagree
        [["Gaddafi"], ["Qaddafi"]],  # another first letter, and no first names to back it
        [["Mark Johnson"], ["Johnston"]],  # not a spelling of one name
        [["Ann Lee"], ["Ann Lea"]],  # too short for a letter to be a spelling
    ],
)
def test_different_people_are_not_merged(story: list[list[str]]) -> None:
    assert spelling_variants(story) == {}


def test_a_surname_tagged_org_in_another_spelling_is_the_person() -> None:
    def article(article_id: str, text: str, name: str, label: str) -> Article:
        record = Article(id=article_id, source=None, text=text)  # type: ignore[arg-type]
        record.entities = [Entity(text.index(name), text.index(name) + len(name), name, label)]
        return record

    story = people_named_in_story([
        article("a1", "Olena Zelenskyy spoke on Monday.", "Olena Zelenskyy", "PERSON"),
        article("a2", "Zelenskiy spoke on Monday.", "Zelenskiy", "ORG"),
        article("a3", "Johnston spoke on Monday.", "Johnston", "ORG"),  # no spelling of a person's name
    ])
    assert [a.entities[0].label for a in story] == ["PERSON", "PERSON", "ORG"]
