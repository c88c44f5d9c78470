"""Reported (indirect) speech, one test per pattern of reported speech found missing on
PolNeAR (issue 16, "all attributions"), on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsprism.annotate import Annotator
from newsprism.annotate.quotes import quotes_in_text
from newsprism.model import Quote


def _indirect(text: str, annotator: Annotator) -> list[Quote]:
    return [q for q in quotes_in_text(text, annotator) if q.kind == "indirect"]


def _pieces(text: str, quote: Quote) -> list[str]:
    return [text[a:b] for a, b in quote.parts or [(quote.start, quote.end)]]


@pytest.mark.parametrize(
    ("text", "pieces", "speaker"),
    [
        # the reporting clause set off inside the clause it reports
        ("The new ferry terminal, Tom Reyes said, had been delayed for three years.\n",
         ["The new ferry terminal", "had been delayed for three years"], "Tom Reyes"),
        ("In the end, Marta Olsen said, most residents will stay in the old town.\n",
         ["In the end", "most residents will stay in the old town"], "Marta Olsen"),
        # "as X noted," before the clause
        ("As Marta Olsen noted, the harbour wall is older than the town hall.\n",
         ["the harbour wall is older than the town hall"], "Marta Olsen"),
    ],
)
def test_parenthetical_reporting_clause(annotator: Annotator, text: str, pieces: list[str], speaker: str) -> None:
    found = _indirect(text, annotator)
    assert [_pieces(text, q) for q in found] == [pieces]
    assert found[0].speaker == speaker


def test_parenthetical_belief_or_object_is_no_report(annotator: Annotator) -> None:
    """A belief verb set off ("I think") and "as" with an object ("as she said goodbye") are
    no report of speech."""
    for text in ("The new ferry terminal, I think, is far too small for the island.\n",
                 "As Marta Olsen said goodbye, the crowd on the quay cheered loudly.\n"):
        assert _indirect(text, annotator) == []


def test_clause_before_its_verb_only_across_a_comma(annotator: Annotator) -> None:
    """"The plan failed, X said": the clause before the verb is its content; across a
    semicolon or a dash it is the outlet's own sentence, and the clause after the verb is."""
    text = "The council will vote on the harbour budget next week, the mayor said.\n"
    assert [_pieces(text, q) for q in _indirect(text, annotator)] == [
        ["The council will vote on the harbour budget next week"]]
    text = ("The fire spread quickly across the pier; the harbour master says it started in a shed behind the "
            "fish market.\n")
    assert [_pieces(text, q) for q in _indirect(text, annotator)] == [
        ["it started in a shed behind the fish market"]]


def test_second_report_coordinated_inside_the_first(annotator: Annotator) -> None:
    """"X said A, and urged B": the parser may hang "urged" inside A; A stops before it, and B
    is X's, not A's subject's."""
    text = ("Spokesman Tom Reyes on Friday said the island council was not to blame, and urged that the ferries "
            "keep running and stay on schedule.\n")
    found = _indirect(text, annotator)
    assert [(_pieces(text, q), q.speaker) for q in found] == [
        (["the island council was not to blame"], "Tom Reyes"),
        (["that the ferries keep running and stay on schedule"], "Tom Reyes")]


def test_direct_quote_around_a_parenthetical_stays_direct(annotator: Annotator) -> None:
    text = "“We will rebuild the pier,” Tom Reyes said, “and we will do it before the summer.”\n"
    quotes = quotes_in_text(text, annotator)
    assert [q.kind for q in quotes] == ["direct"] and quotes[0].speaker == "Tom Reyes"


def test_reported_clause_inside_the_attribution_does_not_break_a_quotation(annotator: Annotator) -> None:
    """"“A,” X said, adding that B. “C.”": the quotation broken by its attribution is still one
    utterance (as without the reported clause), and the clause is reported beside it."""
    text = ("“We will rebuild the pier,” Tom Reyes said, adding that the insurers had agreed to pay for it. "
            "“And we will do it before the summer.”\n")
    quotes = quotes_in_text(text, annotator)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [len(q.parts) for q in direct] == [2] and direct[0].speaker == "Tom Reyes"
    assert [q.text for q in quotes if q.kind == "indirect"] == ["that the insurers had agreed to pay for it"]


def test_as_clause_reports_only_as_a_comment(annotator: Annotator) -> None:
    """"But as X noted, ..." reports the clause; "as he spoke in the lobby" and "..., as the
    mayor replied" say when something happened, not whose words the clause is."""
    text = "But as Marta Olsen noted, the harbour wall is older than the town hall.\n"
    assert [(_pieces(text, q), q.speaker) for q in _indirect(text, annotator)] == [
        (["the harbour wall is older than the town hall"], "Marta Olsen")]
    for text in ("As he spoke in the lobby of the town hall, there were no protesters outside.\n",
                 "The harbour will reopen next spring, as the mayor replied.\n"):
        assert _indirect(text, annotator) == []


def test_that_clause_hung_on_the_setting_of_the_words(annotator: Annotator) -> None:
    """"said in a statement that ...": the parser may hang the clause on "statement"; it is
    still what was said. A noun's own that-clause ("over allegations that ...") is not."""
    text = ("Tom Reyes, a harbour spokesman, said in a statement that the island's security team would work "
            "with the coast guard to keep residents safe.\n")
    assert [(_pieces(text, q), q.speaker) for q in _indirect(text, annotator)] == [
        (["that the island's security team would work with the coast guard to keep residents safe"], "Tom Reyes")]
    text = "The ferry company settled the case over allegations that the firm had hidden safety reports.\n"
    assert _indirect(text, annotator) == []


def test_speaker_taken_for_a_clause_before_the_verb(annotator: Annotator) -> None:
    """"Name, a ... helping to run ..., said X": the parser reads the speaker's phrase as a
    clause before "said"; what was said is the clause after it."""
    text = ("Ines Varga, a Parnu, Estonia, fisherman helping to run the harbour market, said he and other traders "
            "were worried about the new quay.\n")
    assert [_pieces(text, q) for q in _indirect(text, annotator)] == [
        ["he and other traders were worried about the new quay"]]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Mayor Ines Varga urged the island council to close the old quay before winter.\n",
         "the island council to close the old quay before winter", "Ines Varga"),
        ("The harbour union called on the mayor to resign over the fire.\n",
         "the mayor to resign over the fire", "harbour union"),
        ("Tom Reyes asked the fishermen to stay away from the pier.\n",
         "the fishermen to stay away from the pier", "Tom Reyes"),
    ],
)
def test_reported_request_with_addressee_and_infinitive(
    annotator: Annotator, text: str, content: str, speaker: str
) -> None:
    """"urged X to ...", "asked X to ...", "called on X to ...": a request reported with its
    addressee is reported speech."""
    found = _indirect(text, annotator)
    assert [(q.text, q.speaker) for q in found] == [(content, speaker)]


def test_call_without_on_is_a_label_not_a_request(annotator: Annotator) -> None:
    """"called the plan a failure" reports the label the council gave, not a request."""
    found = _indirect("The council called the plan a failure and moved on to the budget.\n", annotator)
    assert [(q.text, q.speaker) for q in found] == [("the plan a failure", "council")]


def test_inverted_frame_gives_no_reported_clause(annotator: Annotator) -> None:
    """"“...,” said Name, a ... who heads ...": the parser may read the speaker's phrase as a
    clause after "said"; the quotation before it is what was said, and only it is reported."""
    text = ("“The harbour is finished for this year,” said Ines Varga, a fisherman who heads the traders’ union "
            "Fair Catch.\n")
    quotes = quotes_in_text(text, annotator)
    assert [q.kind for q in quotes] == ["direct"] and quotes[0].speaker == "Ines Varga"


def test_headline_name_colon_claim(annotator: Annotator) -> None:
    """A line opening with a name and a colon reports that person's claim in the outlet's
    words; "Poll:" or "Q:" name nobody."""
    text = "Marta Olsen: The Harbour Must Close Before Winter.\nThe council met on Monday.\n"
    assert [(q.text, q.speaker) for q in _indirect(text, annotator)] == [
        ("The Harbour Must Close Before Winter", "Marta Olsen")]
    for text in ("Poll: Most Islanders Back The New Quay.\n", "Q: Did the ferry company tell you about the reports?\n"):
        assert _indirect(text, annotator) == []


def test_reporting_clause_after_its_content_parsed_as_adverbial(annotator: Annotator) -> None:
    """"A, sooner than expected, the office reported on Tuesday -- B": the parser hangs the
    reporting clause on the clause it reports; that clause is the content, in text order."""
    text = ("A four-year run of falling ferry fares will end this spring, sooner than expected, the island's "
            "transport office reported on Tuesday -- a change that raises new questions for the mayor.\n")
    found = _indirect(text, annotator)
    assert [_pieces(text, q)[0] for q in found] == ["A four-year run of falling ferry fares will end this spring"]
    assert found[0].speaker == "island's transport office"


def test_according_to_with_a_quoted_fragment(annotator: Annotator) -> None:
    """A quoted fragment in the sentence does not make "according to" the quotation's: the
    sentence is what the source says."""
    text = "The mayor later compared the repairs to a “slow funeral,” according to a council memo.\n"
    found = _indirect(text, annotator)
    assert [q.speaker for q in found] == ["council memo"]
    assert found[0].text.startswith("The mayor later compared the repairs")


def test_according_to_inside_a_reported_clause_keeps_the_report(annotator: Annotator) -> None:
    """"X said that according to its count, ...": X's report stays; the "according to" inside
    it is reported too, but does not replace it."""
    text = "Reyes said that according to its own count, the union has signed up 82 percent of the dockers.\n"
    assert sorted(q.speaker or "" for q in _indirect(text, annotator)) == ["Reyes", "its own count"]


def test_a_request_inside_a_report_keeps_the_report(annotator: Annotator) -> None:
    """The request is part of what the speaker said, never all of it: "X said A, adding that
    she urged Y to B" reports A too (the request alone had taken A's place)."""
    text = ("In a statement, Governor Ana Ruiz said that hundreds of residents were trapped by the flood, "
            "adding that she urged the army to send boats.\n")
    found = _indirect(text, annotator)
    assert any("Ana Ruiz" in (q.speaker or "") and "hundreds of residents were trapped" in q.text for q in found)


def test_a_request_under_a_modal_is_no_request(annotator: Annotator) -> None:
    """"should tell them to ..." says what someone ought to do, not that anyone asked: the
    clause stays the reporter's, and the command is no speaker."""
    text = "The admiral said that the rebel command should tell its fighters to withdraw.\n"
    found = _indirect(text, annotator)
    assert [(q.speaker, q.text) for q in found] == [
        ("admiral", "that the rebel command should tell its fighters to withdraw")]


def test_called_on_a_day_is_not_the_addressee(annotator: Annotator) -> None:
    text = "The minister on Tuesday called on the union to end the strike before the holidays.\n"
    assert [q.text for q in _indirect(text, annotator)] == ["the union to end the strike before the holidays"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # an infinitive: a promise, a plan, a wish
        ("The harbour master vowed to rebuild the north pier before the summer.\n",
         "to rebuild the north pier before the summer", "harbour master"),
        # a noun phrase or gerund as the message
        ("Marta Olsen announced a new ferry timetable for the island.\n", "a new ferry timetable for the island",
         "Marta Olsen"),
        ("Tom Reyes proposed closing the old quay to all traffic.\n", "closing the old quay to all traffic",
         "Tom Reyes"),
        # what was said of the object, after it
        ("The union accused the council of hiding the cost of the repairs.\n",
         "the council of hiding the cost of the repairs", "union"),
        ("Marta Olsen described the new terminal as a waste of public money.\n",
         "the new terminal as a waste of public money", "Marta Olsen"),
        # a topic introduced by the verb's preposition
        ("Tom Reyes called for an inquiry into the fire at the fish market.\n",
         "an inquiry into the fire at the fish market", "Tom Reyes"),
        ("The coast guard warned of strong winds along the northern shore.\n",
         "strong winds along the northern shore", "coast guard"),
    ],
)
def test_report_without_a_clause(annotator: Annotator, text: str, content: str, speaker: str) -> None:
    """A reporting verb that takes an infinitive, an object or a topic instead of a clause still
    attributes what it names (PolNeAR's attributions: about a third of the ones missed)."""
    found = _indirect(text, annotator)
    assert [q.text for q in found] == [content]
    assert found[0].speaker is not None and found[0].speaker.endswith(speaker)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor did not disclose the terms of the agreement with the port.\n",  # nothing was said
        "Tom Reyes is expected to win the vote on the harbour budget.\n",  # passive: no source
        "Marta Olsen denied it on Friday evening.\n",  # a pronoun names nothing to check
        "Marta Olsen told reporters on the quay.\n",  # the hearer, not the message
        "The crews struggled to maintain control of the fire on the pier.\n",  # another sense of the verb
        "Police found the stolen car near the harbour on Sunday.\n",  # an evidence verb's object
        "The fishermen who found themselves trapped on the pier were rescued.\n",  # a state, not a finding
    ],
)
def test_no_report_without_a_message(annotator: Annotator, text: str) -> None:
    assert _indirect(text, annotator) == []


def test_two_reports_coordinated_under_one_object(annotator: Annotator) -> None:
    """"denying encirclement and asserting control" is two reports, not one object."""
    text = "The general staff posted a statement, denying encirclement and asserting control of the town.\n"
    assert [q.text for q in _indirect(text, annotator)] == ["encirclement", "control of the town"]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("A new survey shows that most islanders oppose the new ferry terminal.\n",
         "that most islanders oppose the new ferry terminal", "survey"),
        ("The inquiry found that the harbour master had ignored three warnings.\n",
         "that the harbour master had ignored three warnings", "inquiry"),
    ],
)
def test_a_study_or_poll_as_the_source(annotator: Annotator, text: str, content: str, speaker: str) -> None:
    """Evidence verbs with a clause attribute it to the study, poll or inquiry."""
    found = _indirect(text, annotator)
    assert [q.text for q in found] == [content]
    assert found[0].speaker is not None and found[0].speaker.endswith(speaker)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Marta Olsen’s claim that the ferry had been sold was denied by the council.\n",
         "that the ferry had been sold", "Marta Olsen"),
        ("The council answered Tom Reyes's appeal to close the old quay, promising a vote in May.\n",
         "to close the old quay", "Tom Reyes"),
        ("One sticking point is a demand by the fishermen's union that the harbour fees be cut.\n",
         "that the harbour fees be cut", "union"),
        # a possessive pronoun takes the person named before it
        ("Mayor Tom Reyes spoke on the quay on Friday. His insistence that the pier will reopen in May was met "
         "with doubt.\n", "that the pier will reopen in May", "Tom Reyes"),
    ],
)
def test_a_reporting_noun_with_its_owner(annotator: Annotator, text: str, content: str, speaker: str) -> None:
    """"X's claim that ...", "X's appeal to ...", "a demand by X that ...": the owner of a
    reporting noun is the source of its clause; a participle after a comma is not the clause's."""
    found = _indirect(text, annotator)
    assert found[0].text == content and found[0].speaker is not None and found[0].speaker.endswith(speaker)
    assert all(q.speaker != found[0].speaker for q in found[1:])  # "promising a vote" is the council's


def test_a_reporting_noun_without_an_owner_names_no_source(annotator: Annotator) -> None:
    """"the claim that he made" is a relative clause; "the claim that ..." has no owner."""
    for text in ("The claim that he made on Friday about the ferry was false.\n",
                 "The claim that the ferry had been sold spread quickly on the island.\n"):
        assert _indirect(text, annotator) == []
