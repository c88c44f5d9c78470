"""Who said it, one test per error category found on PolNeAR (issue 16), on sentences written
for these tests in the style of news reports."""

from __future__ import annotations

import pytest

from newsprism.annotate import Annotator
from newsprism.annotate.quotes import quotes_in_text
from newsprism.model import Quote


def _quote(text: str, annotator: Annotator, opening: str) -> Quote:
    quotes = quotes_in_text(text, annotator)
    found = [q for q in quotes if q.text.startswith(opening)]
    assert found, [q.text for q in quotes]
    return found[0]


def _mention(text: str, quote: Quote) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return text[quote.speaker_start : quote.speaker_end]


@pytest.mark.parametrize(
    ("text", "opening", "speaker", "mention"),
    [
        # a subject inside the quotation is the quotation's, not the speaker
        ("“And while I am at it, I back Senator Ada Brook,” Tom Reyes said, “and I support her bid.”\n",
         "And while", "Tom Reyes", "Tom Reyes"),
        # the inverted frame: any verb right after “...,” with a subject and no object of its own
        ("Harbour master Ines Varga was not finished.\n“The cranes stay shut until the inspectors sign off,” she "
         "continued. “Nobody will rush this.”\n", "The cranes stay shut", "Ines Varga", "she"),
        ("“Why does the ferry take so long every single winter?” asked Ann Lee, a nurse from Parnu.\n",
         "Why does the ferry", "Ann Lee", "Ann Lee, a nurse from Parnu"),
        ("“The insurers have simply stopped answering our calls,” scoffed Mark Doyle, who runs a bakery.\n",
         "The insurers", "Mark Doyle", "Mark Doyle, who runs a bakery"),
        # a colon: only the words before it count; a name ending at the colon is the speaker
        ("Marta Olsen: ‘We Will Not Close The Port Before Spring.’\nThe council met on Monday.\n",
         "We Will Not Close", "Marta Olsen", "Marta Olsen"),
        ("The crowd cheers, and then Ruiz continues: “The port will open again [emphasis added] next week.”\n",
         "The port will open", "Ruiz", "Ruiz"),
        ("As the economist Paul Arden put it: “The budget is a promise, not a plan for the harbour.”\n",
         "The budget is a promise", "Paul Arden", "the economist Paul Arden"),
        # a dash line after the quotation names who said it
        ("“We will rebuild the harbour, and we will do it together with the fishermen.”\n― Ines Varga, port director\n",
         "We will rebuild", "Ines Varga", "Ines Varga"),
        # a participle on a noun speaks for that noun
        ("The video shows footage of Mayor Tom Reyes saying, “We are ready for the storm and for the cleanup.”\n",
         "We are ready", "Tom Reyes", "Mayor Tom Reyes"),
        # a non-breaking space before the attribution is a space
        ("The mayor spoke after the vote.\n“Like Tallinn. Or Riga,”\u00a0Tom Reyes said.\u00a0“The rents are worse.”\n",
         "Like Tallinn", "Tom Reyes", "Tom Reyes"),
        # a relative pronoun subject stands for its antecedent: the name, past an appositive;
        # the cue's own clause is not part of the mention
        ("The council met late, and the mayor, who joked, “We are ready for anything the winter brings,” left "
         "before the vote.\n", "We are ready", "mayor", "the mayor"),
        ("Tom Reyes, the harbour mayor, who joked, “We are ready for anything the winter brings,” left early.\n",
         "We are ready", "Tom Reyes", "Tom Reyes, the harbour mayor"),
        ("Reporters waited for Ines Varga, who told them that “the cranes will stay shut until the spring thaw.”\n",
         "the cranes will stay", "Ines Varga", "Ines Varga"),
        ("It was Ann Lee who told reporters that “the port will not reopen before the inspectors sign off.”\n",
         "the port will not", "Ann Lee", "Ann Lee"),
        ("The dockers' union, which condemned the plan as “a reckless gamble with our lives,” will strike.\n",
         "a reckless gamble", "dockers' union", "The dockers' union"),
        # condemning is saying
        ("Mayor Tom Reyes condemned the closure as “a reckless gamble with the town's money.”\n",
         "a reckless gamble", "Tom Reyes", "Mayor Tom Reyes"),
    ],
)
def test_speaker_categories(annotator: Annotator, text: str, opening: str, speaker: str, mention: str) -> None:
    quote = _quote(text, annotator, opening)
    assert quote.kind == "direct"
    assert quote.speaker == speaker, quote
    assert _mention(text, quote) == mention, quote


def test_broken_quote_with_nbsp_is_one_utterance(annotator: Annotator) -> None:
    text = "The mayor spoke.\n“Like Tallinn. Or Riga,”\u00a0Tom Reyes said.\u00a0“The rents are worse.”\n"
    quote = _quote(text, annotator, "Like Tallinn")
    assert len(quote.parts) == 2 and text[slice(*quote.parts[1])] == "The rents are worse."


def test_partial_quotes_after_that_and_free_standing_ones(annotator: Annotator) -> None:
    text = (
        "The minister said that “the port will reopen within days, whatever the insurers decide.”\n"
        "Photo: Ines Varga\n"
        "“The harbour is safe again and the cranes are working,” the mayor said.\n"
        "Officials said the plan was ''a reckless gamble with the town's money'' on Monday.\n"
    )
    quotes = {q.text.split()[0]: q for q in quotes_in_text(text, annotator) if q.kind == "direct"}
    assert quotes["the"].partial  # the outlet's "said that" clause in the minister's words
    assert not quotes["The"].partial  # the paragraph before it ends in a name: another sentence
    assert quotes["a"].partial  # two-character marks ('') are looked past too


def test_a_quotation_opening_in_lower_case_is_partial(annotator: Annotator) -> None:
    """A quoted full sentence opens with a capital: one in lower case finishes the outlet's
    sentence, even right after "said,"; a broken quotation's second half, a name written in
    lower case (eBay) and an ellipsis (the outlet's cut) do not make a quotation partial."""
    text = (
        "Asked about the bill, the harbour master said, “we were floored by the size of it.”\n"
        "“The cranes are safe,” said Ines Varga, “and nobody was hurt in the fire.”\n"
        "“eBay sellers lost their stock in the warehouse,” the mayor said.\n"
        "Tom Reyes said: “... and then the roof came down on the cranes.”\n"
    )
    quotes = {q.text.split()[0]: q for q in quotes_in_text(text, annotator) if q.kind == "direct"}
    assert quotes["we"].partial and quotes["we"].speaker
    assert not quotes["The"].partial and len(quotes["The"].parts) == 2
    assert not quotes["eBay"].partial
    assert not quotes["..."].partial  # an ellipsis first: the outlet cut the speaker's sentence


def test_channel_per_clause(annotator: Annotator) -> None:
    text = ("The port authority said on Facebook that the cranes were safe, while Mayor Tom Reyes, via X, "
            "decried the decision as “a reckless gamble with the lives of dock workers.”\n")
    quotes = quotes_in_text(text, annotator)
    reyes = next(q for q in quotes if q.text.startswith("a reckless gamble"))
    assert reyes.speaker == "Tom Reyes" and reyes.channel == "X"
    authority = next(q for q in quotes if q.kind == "indirect" and "cranes" in q.text)
    assert authority.channel == "Facebook"


def test_described_speaker_takes_the_body_the_sentence_names(annotator: Annotator) -> None:
    text = ("The harbour's management rejected the reports, saying on its website that “no crane has failed "
            "this year,” according to the Tallinn Port Authority.\n")
    quote = _quote(text, annotator, "no crane has failed")
    assert quote.speaker == "Tallinn Port Authority"
    assert _mention(text, quote) == "The harbour's management"


def test_question_broken_by_its_attribution_is_one_utterance(annotator: Annotator) -> None:
    text = "Ann Lee was angry.\n“Why does nobody answer our letters?” she asked. “We have waited since March.”\n"
    quote = _quote(text, annotator, "Why does nobody")
    assert len(quote.parts) == 2 and quote.speaker == "Ann Lee"
    assert text[slice(*quote.parts[1])] == "We have waited since March."


def test_what_is_not_a_speaker_or_another_clause(annotator: Annotator) -> None:
    text = (
        "Mayor Tom Reyes urged calm, stating that the engineers had held “useful” talks about a proposed "
        "repair plan.\n"
        "Ann Lee offered a more careful assessment, stating, “The harbour will need a year to recover.”\n"
        "In a post on Facebook, Ines Varga said that the cranes were safe, adding that the port would reopen.\n"
    )
    quotes = quotes_in_text(text, annotator)
    useful = next(q for q in quotes if q.text == "useful")
    assert useful.speaker == "Tom Reyes"  # "a proposed repair plan" describes a plan: no cue
    year = next(q for q in quotes if q.text.startswith("The harbour will need"))
    assert year.speaker == "Ann Lee"  # the participle hangs on "assessment", which says nothing
    added = next(q for q in quotes if q.text.startswith("that the port would reopen"))
    assert added.speaker == "Ines Varga" and added.channel == "Facebook"  # "adding" is the same speaker's


@pytest.mark.parametrize(
    ("text", "opening", "speaker"),
    [
        # the name owns the head of the mention: the spokesman spoke, not the person named
        ("The pier burned on Sunday. Marta Olsen's spokesman said that the fire started in a shed.\n",
         "that the fire", "Marta Olsen's spokesman"),
        # the name ends the mention: the owner of the appeal is its speaker
        ("The council answered Marta Olsen's appeal to close the old quay before the storm.\n",
         "to close the old quay", "Marta Olsen"),
    ],
)
def test_a_possessor_is_the_speaker_only_when_it_ends_the_mention(annotator: Annotator, text: str, opening: str,
                                                                   speaker: str) -> None:
    assert _quote(text, annotator, opening).speaker == speaker


@pytest.mark.parametrize(
    ("text", "opening", "speaker"),
    [
        # the person at the mention's head, not one named in the clause that describes it
        ("“I will not vote for the harbour plan,” said Senator Tom Reyes, a Democrat from Parnu, becoming the "
         "first senator to break with Mayor Ann Lee.\n", "I will not vote", "Tom Reyes"),
        ("“The port has lost its winter trade,” said Mark Doyle, a trader who supported Ann Lee in the spring.\n",
         "The port has lost", "Mark Doyle"),
        # a preposition's object is whom the speaker works for, not the speaker
        ("“The mayor will sign on Monday,” said a spokesman for Mayor Ann Lee.\n", "The mayor will sign",
         "spokesman for Mayor Ann Lee"),
        # a title written with a capital names the person after it
        ("Chief of the Harbour Authority Tom Reyes said that the cranes were safe.\n", "that the cranes",
         "Tom Reyes"),
        # an appositive names the head
        ("“We will reopen in May,” said the harbour master, Tom Reyes.\n", "We will reopen", "Tom Reyes"),
        # the parser hung the subject on the object before it ("the Harbour Gazette, her deputy")
        ("In a statement to the Harbour Gazette, her deputy, Tom Reyes, said: “The cranes will stay shut until "
         "May.”\n", "The cranes will stay", "Tom Reyes"),
        # the sentence before says who speaks and nothing else, on the quotation's line or the line before
        ("Tom Reyes, the harbour master, said in a statement. “The cranes will stay shut until May.”\n",
         "The cranes will stay", "Tom Reyes"),
        ("Tom Reyes, the harbour master, said in a statement.\n\n“The cranes will stay shut until May.”\n",
         "The cranes will stay", "Tom Reyes"),
        # a verb with a subject right before the comma that opens the quotation, whatever the verb
        ("Ann Lee spoke after the mayor. She continued, “I am proud to be a part of this town.”\n",
         "I am proud", "Ann Lee"),
        ("Tom Reyes chimed in, “We will rebuild the pier by May.”\n", "We will rebuild", "Tom Reyes"),
        # ... or the message that holds the quotation
        ("After the fire, Tom Reyes issued a statement, “We will rebuild the pier by May.”\n", "We will rebuild",
         "Tom Reyes"),
        # the inverted "Said X:" before a colon
        ("The plan would cost more. Said Reyes: “I do not see how the council can pay for it.”\n", "I do not see",
         "Reyes"),
        # the subject hung on a date before it ("on Dec. 2, Col. Tom Reyes, a spokesman in Parnu, said,")
        ("In a call with reporters on Dec. 2, Col. Tom Reyes, a port spokesman in Parnu, said, “A fire is a fire, "
         "and we will fight it.”\n", "A fire is a fire", "Tom Reyes"),
    ],
)
def test_a_speaker_mention_names_its_head_not_the_people_that_describe_it(
        annotator: Annotator, text: str, opening: str, speaker: str) -> None:
    assert _quote(text, annotator, opening).speaker == speaker


@pytest.mark.parametrize(
    ("text", "opening", "speaker"),
    [
        # a preposition that gives the source names it: a statement from X, advisers including X
        ("“The port is safe,” said a statement from Dr. Tom Reyes, the harbour physician.\n", "The port is safe",
         "Tom Reyes"),
        ("Harbour advisers, including spokeswoman Ann Lee, said that the port was safe.\n", "that the port",
         "Ann Lee"),
        # a name stands without the clause after it; a description of someone unnamed stays whole
        ("The Harbour Workers Union, which represents 300 dockers, said that the port was unsafe.\n",
         "that the port", "Harbour Workers Union"),
        ("People briefed on the inquiry said that the port was safe.\n", "that the port",
         "People briefed on the inquiry"),
        # the agent of a participle that describes the head is whose words they are
        ("The keynote speech - delivered by harbour master Tom Reyes - was defined by urging the council to "
         "act.\n", "the council to act", "Tom Reyes"),
        # a name the verb's clause merely mentions is not its subject
        ("Tom Reyes went on offense, using an interview with Harbour Radio coupled with a new ad to claim the "
         "port was safe.\n", "the port", "Tom Reyes"),
    ],
)
def test_what_a_mention_names_when_no_clause_describes_the_speaker(annotator: Annotator, text: str, opening: str,
                                                                   speaker: str) -> None:
    assert _quote(text, annotator, opening).speaker == speaker


def test_a_sentence_before_that_reports_something_of_its_own_names_no_speaker(annotator: Annotator) -> None:
    text = "The council met on Monday. Tom Reyes said nothing. “The cranes will stay shut until May.”\n"
    assert _quote(text, annotator, "The cranes will stay").speaker is None
    dated = "The plan would cost more. Said Monday: “I do not see how the council can pay for it.”\n"
    assert _quote(dated, annotator, "I do not see").speaker is None  # a day is no inverted speaker


def test_verbs_of_the_manner_of_speaking_attribute_a_quotation(annotator: Annotator) -> None:
    text = "The crowd booed. Ann Lee yelled “Stay there!” at the stage, and Tom Reyes barked, “Go home.”\n"
    assert _quote(text, annotator, "Stay there").speaker == "Ann Lee"
    assert _quote(text, annotator, "Go home").speaker == "Tom Reyes"


def test_a_broken_quotation_does_not_take_a_fragment_set_in_the_outlets_words(annotator: Annotator) -> None:
    text = "“Let me tell you the facts,” Tom Reyes said after a brief “I am sorry” to the council.\n"
    quote = _quote(text, annotator, "Let me tell")
    assert quote.text == "Let me tell you the facts" and not quote.parts and not quote.partial
    fragment = _quote(text, annotator, "I am sorry")
    assert fragment.partial


def test_the_title_of_a_work_is_no_quote(annotator: Annotator) -> None:
    text = ("In his 2019 book, “The Harbour We Lost,” Tom Reyes argued that the port had been neglected.\n"
            "He said on the radio show “Morning Tide” that “nobody listened to the dockers.”\n")
    quotes = quotes_in_text(text, annotator)
    assert not [q for q in quotes if q.text in {"The Harbour We Lost", "Morning Tide"}]
    assert any(q.text.startswith("nobody listened") for q in quotes)
