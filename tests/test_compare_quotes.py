"""Quote groups across outlets: fidelity, evidence for "altered", and the HTML view."""

from __future__ import annotations

import pytest

from newsprism.compare import quote_links, quotes
from newsprism.compare.quotes import canonical_speakers, group_quotes
from newsprism.lang.media import outlet_label
from newsprism.model import Article, ClaimMention, Entity, Quote, QuoteGroup, Report, Source, Story
from newsprism.report import render_html

from .conftest import kursk_article


def _member(report: Report, article_prefix: str, opening: str) -> tuple[QuoteGroup, str]:
    quotes = {q.id: q for q in report.quotes}
    for group in report.quote_groups:
        for member in group.members:
            quote: Quote = quotes[member.quote_id]
            words = report.article(quote.article_id).text[member.start : member.end]
            if quote.article_id.startswith(article_prefix) and words.startswith(opening):
                return group, member.fidelity
    raise AssertionError(f"no grouped quote from {article_prefix} starting {opening!r}")


def test_kursk_putin_guaranteed_vs_ensured_is_altered_with_evidence(kursk_report: Report) -> None:
    group, fidelity = _member(kursk_report, "004", "If they lay down their arms")
    assert fidelity == "altered" and group.speaker == "Vladimir Putin"
    # the evidence names the outlets that agree on the words (as a reader knows them: never a file id)
    assert group.evidence and "guaranteed" in group.evidence
    assert outlet_label(kursk_article(kursk_report, "000")) in group.evidence
    member = next(m for m in group.members if m.fidelity == "altered")
    assert {"op": "replace", "reference": "guaranteed", "member": "ensured"} in member.diff
    for prefix, opening in (("000", "If they lay down"), ("001", "If they lay down"), ("002", "In this regard, I")):
        assert _member(kursk_report, prefix, opening)[1] in {"verbatim", "trimmed"}


def test_kursk_trump_post_reworded_inside_quotes_is_altered(kursk_report: Report) -> None:
    group, fidelity = _member(kursk_report, "004", "We had very good and productive")
    assert fidelity == "altered" and group.speaker == "Donald Trump"
    reference = next(q for q in kursk_report.quotes if q.id == group.reference_quote_id)
    assert reference.article_id == kursk_article(kursk_report, "002").id and reference.channel == "Truth Social"
    assert group.evidence and "Truth Social" in group.evidence
    changed = {d["member"] for m in group.members for d in m.diff if d["op"] == "replace"}
    assert "strong possibility" in changed and "horrific" in changed


def test_kursk_one_changed_word_in_a_partial_quote_is_altered(kursk_report: Report) -> None:
    """001 quotes Trump's "thousands of Ukrainian soldiers"; the post (002) says "troops"."""
    group, fidelity = _member(kursk_report, "001", "thousands of Ukrainian")
    assert fidelity == "altered" and group.speaker == "Donald Trump"
    member = next(m for m in group.members if m.fidelity == "altered" and m.quote_id.startswith("001"))
    assert {"op": "replace", "reference": "TROOPS", "member": "soldiers"} in member.diff


def test_kursk_putin_translations_are_variants_not_alterations(kursk_report: Report) -> None:
    group, _ = _member(kursk_report, "001", "We have read the appeal")
    outlets = {m.quote_id[:3]: m.fidelity for m in group.members}
    assert set(outlets) >= {"001", "002", "003"}
    assert "altered" not in outlets.values()
    assert list(outlets.values()).count("variant") >= 2


def test_example_alteration_translation_and_paraphrase(example_report: Report) -> None:
    group, fidelity = _member(example_report, "004", "The fire is now contained")
    assert fidelity == "altered" and group.speaker == "Tomas Reyel"
    assert group.evidence and "controlled" in group.evidence
    assert _member(example_report, "003", "The fire is now controlled")[1] == "verbatim"
    group, fidelity = _member(example_report, "005", "Our government will accept")
    assert fidelity == "variant" and group.speaker == "Ilse Marken"
    assert any(m.fidelity == "paraphrase" for g in example_report.quote_groups for m in g.members)


def test_quote_view_marks_changed_words_and_links_sentences(kursk_report: Report) -> None:
    html = render_html(kursk_report)
    sid = kursk_report.stories[0].id
    assert f'id="{sid}-quotes"' in html
    assert '<mark class="ins" title="differs from the reference wording">ensured</mark>' in html
    assert "reference: <del>guaranteed</del>" in html
    group = next(g for g in kursk_report.quote_groups if g.evidence)
    assert f'id="{sid}-{group.id}"' in html
    article = kursk_article(kursk_report, "004")
    assert f'href="#{article.id}:' in html


# --- a large story: one quotation copied by many outlets ----------------------------------

_SAID = "If they lay down their arms and surrender, their lives will be guaranteed."
_CHANGED = "If they lay down their arms and surrender, their lives will be ensured."


def _copies(versions: list[str]) -> tuple[Story, list[Article]]:
    """One article per version, each quoting it once (speaker already canonical)."""
    articles = []
    for k, said in enumerate(versions):
        aid = f"a{k:03d}"
        text = f"Vladimir Putin said on Thursday: “{said}” The talks went on late into the night."
        start = text.index(said)
        quote = Quote(id=f"{aid}:q1", article_id=aid, speaker="Vladimir Putin", text=said, start=start,
                      end=start + len(said), kind="direct", attribution="colon")
        articles.append(Article(id=aid, source=Source(path=f"{aid}.txt"), text=text, outlet=f"Outlet {k:03d}",
                                quotes=[quote]))
    return Story("s1", "talks", [a.id for a in articles]), articles


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls = [0]
    original = getattr(module, name)

    def counting(*args: object) -> object:
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_one_quotation_copied_by_many_outlets_is_judged_once_per_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    judged = {}
    for n in (10, 60):
        links = _counted(monkeypatch, quote_links, "_linked")
        alignments = _counted(monkeypatch, quotes, "_aligned_codes")
        changes = _counted(monkeypatch, quotes, "_changes")
        # every fifth outlet changed one word; the rest copy the quotation as said
        story, articles = _copies([_CHANGED if k % 5 == 4 else _SAID for k in range(n)])
        (group,) = group_quotes(story, articles)
        monkeypatch.undo()
        assert len(group.members) == n and group.reference_quote_id == "a000:q1"
        fidelity = {m.quote_id[:4]: m.fidelity for m in group.members}
        assert fidelity["a004"] == "altered" and fidelity["a003"] == "verbatim"
        assert list(fidelity.values()).count("altered") == n // 5
        judged[n] = links[0] + alignments[0] + changes[0]
        # the evidence names a few outlets that agree on the reference's word, counts the rest
        assert group.evidence and "“guaranteed”" in group.evidence
        agreeing = n - n // 5
        if agreeing > quotes.MAX_OUTLETS:
            assert f"and {agreeing - quotes.MAX_OUTLETS} other outlets agree" in group.evidence
            assert "Outlet 000, Outlet 001" in group.evidence and "Outlet 020" not in group.evidence
    # comparisons follow the distinct wordings (two here), not the number of copies
    assert judged[60] == judged[10]


def test_a_group_lists_its_first_reasons_and_counts_the_rest() -> None:
    """Eight outlets each change another word: eight reasons, of which the group keeps the
    first few and counts the rest."""
    words = _SAID.split()
    changed = [" ".join([*words[:k], "truly", *words[k + 1 :]]) for k in (0, 1, 2, 3, 5, 7, 9, 12)]
    story, articles = _copies([_SAID] * 3 + changed)
    (group,) = group_quotes(story, articles)
    assert [m.fidelity for m in group.members].count("altered") == 8
    reasons = (group.evidence or "").split("; ")
    assert len(reasons) == quotes.MAX_EVIDENCE + 1 and reasons[-1] == "and 4 more"
    # the others' versions keep "If they" too: they back the reference there
    assert reasons[0].endswith("and 1 other outlet agree on the wording “If”")


def _spoken(article_id: str, text: str, speaker: str, people: list[str]) -> Article:
    article = Article(id=article_id, source=None, text=text)  # type: ignore[arg-type]
    article.entities = [Entity(text.index(p), text.index(p) + len(p), p, "PERSON") for p in people]
    article.quotes = [Quote(f"{article_id}:q1", article_id, speaker, "The port stays open", text.index("The port"),
                            text.index("The port") + 19, "direct")]
    article.claims = [ClaimMention(article_id=article_id, start=0, end=5, text="The port stays open", kind="event",
                                   source=speaker)]
    return article


def test_one_speaker_spelled_two_ways_across_a_story_but_not_two_with_similar_names() -> None:
    articles = [
        _spoken("a1", "Olena Zelenskyy spoke. “The port stays open,” Zelenskyy said.", "Olena Zelenskyy",
                ["Olena Zelenskyy", "Zelenskyy"]),
        _spoken("a2", "“The port stays open,” Zelensky said on Monday.", "Zelensky", ["Zelensky"]),
        _spoken("a3", "“The port stays open,” said Olena Zelenskiy.", "Olena Zelenskiy", ["Olena Zelenskiy"]),
    ]
    story = canonical_speakers(articles)
    assert [a.quotes[0].speaker for a in story] == ["Olena Zelenskyy"] * 3
    assert [a.claims[0].source for a in story] == ["Olena Zelenskyy"] * 3
    assert [a.quotes[0].speaker for a in articles] == ["Olena Zelenskyy", "Zelensky", "Olena Zelenskiy"]  # as annotated
    # similar names of two people stay apart (another story)
    others = [
        _spoken("a1", "“The port stays open,” said Mark Johnson.", "Mark Johnson", ["Mark Johnson"]),
        _spoken("a2", "“The port stays open,” Johnston said.", "Johnston", ["Johnston"]),
        _spoken("a3", "“The port stays open,” said Ann Hansen, and Hanson agreed.", "Ann Hansen",
                ["Ann Hansen", "Hanson"]),
        _spoken("a4", "“The port stays open,” Hanson said.", "Hanson", ["Hanson"]),
        _spoken("a5", "“The port stays open,” said Olena Zelenskyy.", "Olena Zelenskyy", ["Olena Zelenskyy"]),
        _spoken("a6", "“The port stays open,” said Ivan Zelensky.", "Ivan Zelensky", ["Ivan Zelensky"]),
    ]
    story = canonical_speakers(others)
    assert [a.quotes[0].speaker for a in story] == ["Mark Johnson", "Johnston", "Ann Hansen", "Hanson",
                                                    "Olena Zelenskyy", "Ivan Zelensky"]
