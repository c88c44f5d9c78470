"""Cleaning and metadata: the shared Kursk articles come out clean and complete, the
bundled example's boilerplate is gone, and the rules hold on general news layouts."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newsprism.clean import clean
from newsprism.clean.metadata import split_byline
from newsprism.errors import InputError
from newsprism.model import RawDocument, Report, Source

from .conftest import KURSK, kursk_article


def raw(text: str, content_type: str = "text", **meta: str) -> RawDocument:
    return RawDocument(id="t", source=Source(path="t.txt"), content=text, content_type=content_type, **meta)  # type: ignore[arg-type]


def reasons(article) -> Counter:  # type: ignore[no-untyped-def]
    return Counter(r.reason for r in article.removed)


def test_nothing_is_lost_every_source_line_is_kept_or_removed_with_a_reason(kursk_report: Report) -> None:
    for article in kursk_report.articles:
        source = (KURSK / f"{article.id}.txt").read_text(encoding="utf-8")
        removed = " ".join(r.text for r in article.removed)
        for line in filter(None, (" ".join(line.split()) for line in source.splitlines())):
            assert line in article.text or line in removed, (article.id, line[:60])


def test_kursk_wire_story_metadata_and_junk(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "000_")
    assert a.title is not None and a.title.startswith("Putin: Ukraine soldiers in Kursk")
    assert (a.byline, a.credit) == (None, "Xinhua")  # "By Xinhua" is a credit, not an author
    assert a.published == "2025-03-15T10:15:00"
    assert a.dateline is not None and a.dateline.place == "Moscow/Kyiv/Washington/Paris"
    assert a.language == "en"
    assert reasons(a) == Counter({
        "related-article link (READ MORE)": 3, "photo caption or credit": 2,
        "publish date line (moved to metadata)": 1, "title (moved to metadata)": 1,
        "byline (moved to metadata)": 1,
    })
    for junk in ("READ MORE", "ALSO READ", "(PHOTO /", "By Xinhua"):
        assert junk not in a.text
    assert "Situation 'unchanged'" in a.text  # a subhead is news structure, not junk


def test_kursk_repeated_title_and_alt_text_removed_dateline_dated(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "001_")
    assert a.title is not None and a.title.startswith("Putin Responds to Trump")
    assert a.published is None  # the text states no publish date: unknown stays null
    assert a.dateline is not None and (a.dateline.place, a.dateline.date) == ("Moscow", "2025-03-14")
    assert a.text[a.dateline.start : a.dateline.end] == a.dateline.text
    assert reasons(a) == Counter({
        "title (moved to metadata)": 1, "repeated title line": 1, "image alt text under the headline": 1,
    })
    assert a.text.count("Putin Responds to Trump") == 0


def test_kursk_social_embed_removed_block_quote_kept(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "002_")
    assert a.title is None  # the file opens with body text: no headline is invented
    assert reasons(a) == Counter({
        "social media embed": 4, "embed label": 1, "related-article link (READ MORE)": 1,
    })
    assert "RussiaIsntEnemy" not in a.text and "WATCH:" not in a.text
    assert "read the full article" not in a.text
    assert a.text.rstrip().endswith("lay down their arms and surrender.”")
    assert a.text.count("We have read today’s appeal") == 1


def test_kursk_padding_forms_and_outlet_signature(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "003_")
    assert a.outlet == "Pravda.Ru"  # named only by its own "Subscribe to ..." line
    assert reasons(a) == Counter({
        "off-topic padding (encyclopedia biography)": 1, "subscribe or follow prompt": 1,
        "comment or error-report form": 3,
    })
    assert "born 7 October 1952" not in a.text and "Your comment" not in a.text
    assert a.text.rstrip().endswith("surrender or perish.")


def test_kursk_cookie_banner_caption_and_read_more(kursk_report: Report) -> None:
    a = kursk_article(kursk_report, "004_")
    assert a.title == "Putin Urges Ukrainian Troops in Kursk Region to Surrender"
    assert reasons(a) == Counter({
        "title (moved to metadata)": 1, "photo caption or credit": 1,
        "related-article link (READ MORE)": 1, "cookie banner": 1,
    })
    assert "cookies" not in a.text and "infographic" not in a.text
    assert a.text.rstrip().endswith("February 2022.")


def test_example_html_page_metadata(example_report: Report) -> None:
    a = example_report.article("001_valmora_herald")
    assert (a.outlet, a.byline, a.published, a.language) == ("The Valmora Herald", "Mara Lindqvist", "2026-10-16", "en")
    assert a.source.url and a.source.url.startswith("https://www.valmoraherald.example/")
    assert a.dateline is not None and a.dateline.date == "2026-10-16"
    assert "READ MORE" not in a.text and "cookies" not in a.text and "Most read" not in a.text
    assert "14 million crowns" in a.text
    assert any(r.reason == "page furniture outside the article body" and "Most read" in r.text for r in a.removed)


def test_example_plain_text_outlets(example_report: Report) -> None:
    wire = example_report.article("002_estria_wire")
    assert (wire.byline, wire.credit, wire.published) == (None, "Estrian Press Agency", "2026-10-16T09:05:00")
    assert wire.dateline is not None and (wire.dateline.place, wire.dateline.date) == ("Valmora", "2026-10-16")
    copy = example_report.article("003_coastline_daily")
    assert copy.outlet == "Coastline Daily" and "born 3 May 1969" not in copy.text
    tabloid = example_report.article("004_the_northern_courier")
    assert tabloid.byline == "Dex Harlow" and tabloid.published == "2026-10-16"
    assert "@harbourwatch" not in tabloid.text and "Harbour residents posted" in tabloid.text
    feed = example_report.article("005_outlets_feed-1")
    assert (feed.outlet, feed.published) == ("Ostmark Zeitung (English edition)", "2026-10-17")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("Xinhua", (None, "Xinhua")),
        ("Jane Doe and John Roe, Reuters", ("Jane Doe, John Roe", "Reuters")),
        ("Ana Ruiz, Chief Political Correspondent", ("Ana Ruiz", None)),
        ("Staff and agencies", (None, "Staff, agencies")),
        ("Amal Nour | Associated Press", ("Amal Nour", "Associated Press")),
    ],
)
def test_byline_names_are_split_from_agency_credits(who: str, expected: tuple) -> None:
    assert split_byline(who) == expected


@pytest.mark.parametrize(
    ("first_line", "place", "date"),
    [
        ("LAGOS, Nigeria, June 3, 2024 - Flooding closed roads.", "Lagos, Nigeria", "2024-06-03"),
        ("BERLIN (dpa) - The coalition agreed a budget.", "Berlin", None),
        ("Quito, Jan. 9 – Ecuador declared an emergency.", "Quito", "2024-01-09"),
    ],
)
def test_datelines(first_line: str, place: str, date: str | None) -> None:
    a = clean(raw(f"Published: 10 January 2024\nHeadline About Ecuador Today\n{first_line}"))
    assert a.dateline is not None and (a.dateline.place, a.dateline.date) == (place, date)


def test_no_dateline_is_invented_from_a_sentence_with_a_dash() -> None:
    a = clean(raw("The mayor - who took office in May - resigned on Monday."))
    assert a.dateline is None


def test_general_furniture_rules_on_invented_page_text() -> None:
    text = "\n".join([
        "Council approves new tram line",
        "By Lena Brandt",
        "The city council approved a new tram line on Tuesday, ending a decade of debate.",
        "Photo: Marek Wills / City Courier",
        "Related: Five things to know about the tram plan",
        "The line will cost 410 million euros. We use cookies to improve your experience on our site.",
        "The first trams will run on the new line in 2029, officials said.",
        "The first trams will run on the new line in 2029, officials said.",
        "Follow us on Facebook and Instagram for more local news!",
        "Leave a reply",
    ])
    a = clean(raw(text))
    assert (a.title, a.byline) == ("Council approves new tram line", "Lena Brandt")
    assert a.text == (
        "The city council approved a new tram line on Tuesday, ending a decade of debate.\n\n"
        "The line will cost 410 million euros.\n\n"
        "The first trams will run on the new line in 2029, officials said."
    )
    assert reasons(a) == Counter({
        "title (moved to metadata)": 1, "byline (moved to metadata)": 1, "photo caption or credit": 1,
        "related-article link (READ MORE)": 1, "cookie banner": 1,
        "sentence repeated within the article": 1, "subscribe or follow prompt": 1,
        "comment or error-report form": 1,
    })


def test_removed_spans_point_where_they_were_cut() -> None:
    a = clean(raw("Fuel prices fell again this week. You can opt-out of cookies at any time.\nMore news."))
    cookie = next(r for r in a.removed if r.reason == "cookie banner")
    assert a.text[: cookie.at] == "Fuel prices fell again this week."


def test_html_without_article_text_is_an_input_error() -> None:
    from newsprism.errors import InputError

    with pytest.raises(InputError, match="no article text"):
        clean(raw("<html><body><nav><a href='/'>Home</a></nav></body>", content_type="html"))


def test_truncated_html_keeps_the_text_it_has() -> None:
    page = (
        "<html><head><title>Flood warning</title></head><body><article>"
        "<p>Rivers in the north rose overnight and two towns were evacuated on Sunday.</p>"
        "<p>Officials said the water would peak on Monday, and schools were closed until"
    )
    a = clean(raw(page, content_type="html"))
    assert "two towns were evacuated" in a.text and a.title == "Flood warning"


def test_script_and_style_never_reach_the_text() -> None:
    page = (
        "<html><body><script>var tracking = 'x';</script><style>p{color:red}</style><article>"
        "<p>The port handled a record 3.2 million containers last year, its director said.</p>"
        "<p>Growth came mainly from transshipment traffic to neighbouring countries.</p></article></body></html>"
    )
    a = clean(raw(page, content_type="html"))
    assert "tracking" not in a.text and "color" not in a.text
    assert all("tracking" not in r.text for r in a.removed)


def test_text_too_long_for_one_article_is_refused() -> None:
    from newsprism.config import Settings
    from newsprism.errors import InputError

    with pytest.raises(InputError, match="over the 50 limit"):
        text = "Prices rose again in March, the statistics office said. " * 3
        clean(raw(text), Settings().updated("clean", max_article_chars=50))


@pytest.mark.parametrize(
    "line",
    [
        "What inspired you to start cooking for a living and not something else entirely?",
        "- Easy setup for all of your devices at home, at work and on the road",
    ],
)
def test_news_sentences_that_look_like_furniture_are_kept(line: str) -> None:
    text = f"The committee will publish its report in May, its chair said on Friday.\n{line}\n{line}"
    a = clean(raw(text))
    assert a.text.count(line) == 2


def test_news_that_mentions_signing_up_is_not_a_prompt() -> None:
    line = "The streaming service continued to sign up additional subscribers throughout the week."
    assert clean(raw(f"Shares rose 4% on Monday, the company said.\n{line}")).text.endswith(line)


def test_the_lead_in_to_an_embedded_post_is_kept() -> None:
    lead = "The senate shared the details of the session on its official account, @SenateNews."
    text = "\n".join([
        "The senate passed the water bill on Tuesday by a wide margin, officials said.",
        lead,
        "Bill 42 passed 71-12 today. Thanks to all members #waterbill",
        "— Senate Press Office (@SenateNews) May 2024",
    ])
    a = clean(raw(text))
    assert lead in a.text and "#waterbill" not in a.text


def test_update_line_is_not_taken_for_the_publish_date() -> None:
    text = "Published: 3 May 2024\nUpdated: 5 May 2024, 09:10\nThe dam was repaired in under a week, engineers said."
    a = clean(raw(text))
    assert a.published == "2024-05-03"
    assert [r.reason for r in a.removed] == ["publish date line (moved to metadata)", "update time line"]


@pytest.mark.parametrize(("line", "published"), [
    ("27 NOVEMBER, 2005", "2005-11-27"),
    ("21 July 2013 Last updated at 11:11 GMT", "2013-07-21"),
    ("Fri., May. 3, 2013 11:45 AM PDT", "2013-05-03T11:45:00-07:00"),
    ("December 15th, 2008, 7:35 am", "2008-12-15T07:35:00"),
    ("11/28/2005", "2005-11-28"),
    ("26 September 2013, 10:00 (GMT+05:00)", "2013-09-26T10:00:00+05:00"),
])
def test_a_page_date_line_is_the_publish_date(line: str, published: str) -> None:
    article = clean(raw(f"{line}\n\nThe council approved the budget on Tuesday after a long debate, the mayor said."))
    assert article.published == published and line not in article.text
    assert any(r.reason.startswith("publish date") and r.text == line for r in article.removed)


@pytest.mark.parametrize("line", [
    "March 2013",  # a month does not date a page to the day
    "04/05/2013",  # April 5 or 4 May: not ours to guess
    "In 2009, the plant closed",  # prose with a year
    "2013 11:45",
])
def test_lines_that_are_not_a_dated_page_line(line: str) -> None:
    article = clean(raw(f"{line}\n\nThe council approved the budget on Tuesday after a long debate, the mayor said."))
    assert article.published is None


NEWS = ("The harbour reopened on Monday after a week of repairs, the port authority said. "
        "Ferries will run to the islands again from Tuesday morning, officials added.")


@pytest.mark.parametrize("depth, tag", [(300, "div"), (100_000, "div"), (100_000, "b")])
def test_html_nested_deeper_than_the_parser_builds_keeps_its_text(depth: int, tag: str) -> None:
    """Issue 15, item 8: 100k nested elements came out as "no article text" (libxml2 drops
    what lies below depth 256 when it builds a tree)."""
    page = ("<html lang='en'><head><title>Harbour reopens</title><script>var x = 1;</script></head><body>"
            + f"<{tag}>" * depth + f"<p>{NEWS}</p><p>Second paragraph of the story, with more words.</p>"
            + f"</{tag}>" * depth + "</body></html>")
    article = clean(raw(page, "html"))
    assert NEWS in article.text and "Second paragraph" in article.text and "var x" not in article.text
    assert article.title == "Harbour reopens" and article.language == "en"
    [note] = article.notes
    nested = re.search(r"the page nests its elements ([\d,]+) deep, past the 256 levels the HTML extractor reads", note)
    assert nested and int(nested.group(1).replace(",", "")) > depth


def test_html_nested_deep_without_text_is_named_as_such() -> None:
    from newsprism.errors import InputError

    with pytest.raises(InputError, match=r"nest 100,002 deep, and hold no text"):
        clean(raw("<html><body>" + "<div>" * 100_000 + "</div>" * 100_000 + "</body></html>", "html"))


def test_html_of_ordinary_depth_goes_to_the_extractor() -> None:
    page = "<html><body>" + "<div>" * 200 + f"<p>{NEWS}</p>" + "</div>" * 200 + "</body></html>"
    article = clean(raw(page, "html"))
    assert NEWS in article.text and not article.notes


def test_html_with_control_characters_is_read_as_a_browser_reads_it() -> None:
    """Found by benchmarks/fuzz.py: a form feed inside a paragraph made lxml refuse the text
    that page_furniture put back into the tree (ValueError: not XML compatible)."""
    page = (f"<html><body><nav>Home\x0cWorld\x01</nav><article><p>{NEWS}</p>"
            f"<blockquote>q\x0c[\x02quoted words\x1b here]</blockquote></article></body></html>")
    article = clean(raw(page, "html"))
    assert NEWS in article.text
    assert not re.search("[\x00-\x08\x0b-\x0c\x0e-\x1f]", article.text + "".join(r.text for r in article.removed))


def test_a_url_that_does_not_parse_names_no_outlet() -> None:
    """Found by benchmarks/fuzz.py: urlparse raises ValueError on "http://[::1"."""
    doc = RawDocument(id="t", source=Source(path="t.jsonl", url="http://[::1/story", line=1), content=NEWS,
                      content_type="text")
    article = clean(doc)
    assert article.outlet is None and article.text == NEWS


def test_a_byline_with_a_long_run_of_spaces_is_split_in_linear_time() -> None:
    """Found by benchmarks/fuzz.py: a JSON Lines byline holding 50,000 spaces took 42 s in
    split_byline (the separator pattern's leading \\s* was retried from every space). The
    alarm only stops a relapse from hanging the suite; it measures nothing."""
    import signal

    def hung(*_: object) -> None:
        raise TimeoutError("split_byline is quadratic again")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        names, credit = split_byline("Jane" + " " * 200_000 + "Doe and John Roe, Reuters")
        assert credit == "Reuters" and names and names.startswith("Jane  ") and names.endswith("Doe, John Roe")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("reference", ["&#11;", "&#x1;", "&#12;", "&#xFFFE;", "&#x0B"])
def test_html_with_a_reference_to_a_control_character_keeps_its_text(reference: str) -> None:
    """Found by benchmarks/fuzz.py: "&#11;" became a character lxml takes from the parser but
    refuses when set (ValueError in page_furniture); "&#x1;" left trafilatura with no text."""
    page = (f"<html><body><nav>Home{reference}World</nav><article><p>{NEWS}{reference} More</p>"
            f"<div>{reference}</div><p>{NEWS}</p></article></body></html>")
    article = clean(raw(page, "html"))
    assert NEWS in article.text
    assert not re.search("[\x00-\x08\x0b\x0e-\x1f\ufffe]", article.text + "".join(r.text for r in article.removed))


@pytest.mark.parametrize("opening", ["<svg><text>", "<style>p {}</style>", "<p>Lead.</p>"])
def test_html_that_does_not_open_with_html_or_a_doctype_is_read_as_a_document(opening: str) -> None:
    """Found by benchmarks/fuzz.py: "<svg>" before "<!DOCTYPE html>" made lxml read the page as
    a fragment rooted at the <svg>, which htmldate then dropped (AssertionError)."""
    page = f"{opening}<!DOCTYPE html><html><head><title>Harbour</title></head><body><p>{NEWS}</p></body></html>"
    assert NEWS in clean(raw(page, "html")).text


def test_cutting_many_sentences_at_once_is_cutting_them_one_by_one() -> None:
    """Block.cut_all gives the pieces that Block.cut gives span by span from the last (for
    spans that start on a character, as sentences do)."""
    import copy
    import random

    from newsprism.clean.blocks import Block

    rng = random.Random(15)
    for _ in range(2000):
        block = Block.of("".join(rng.choice(["a", "bb", "ccc", " ", "  ", ". ", "x."]) for _ in range(30)))
        if rng.random() < 0.5:
            block.cut(1, 3, "earlier")
        kept = block.text
        points = sorted(rng.sample(range(len(kept) + 1), k=min(len(kept) + 1, 2 * rng.randint(0, 4))))
        spans = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)
                 if points[i] < points[i + 1] and not kept[points[i]].isspace()]
        one_by_one, at_once = copy.deepcopy(block), copy.deepcopy(block)
        for start, end in reversed(spans):
            one_by_one.cut(start, end, "repeat")
        at_once.cut_all(spans, "repeat")
        assert [(p.text, p.reason) for p in at_once.pieces] == [(p.text, p.reason) for p in one_by_one.pieces]


def test_a_paragraph_repeating_a_sentence_thousands_of_times_is_cleaned_in_linear_time() -> None:
    """Found by benchmarks/fuzz.py: 3,000 repeats of a sentence in one paragraph took 10 s (60,000: minutes),
    each cut rebuilding the paragraph's pieces. The alarm only stops a relapse from hanging
    the suite; it measures nothing."""
    import signal

    sentence = "Ferries were back at the quay by noon, with the first crossing to the islands fully booked."

    def hung(*_: object) -> None:
        raise TimeoutError("cutting repeated sentences is quadratic again")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        article = clean(raw(f"{NEWS}\n\n" + " ".join([sentence] * 60_000)))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert article.text == f"{NEWS}\n\n{sentence}"
    assert sum(r.reason == "sentence repeated within the article" for r in article.removed) == 59_999


def test_the_content_a_store_keys_on_is_cleans_title_and_text() -> None:
    # a store decides whether a document is new from its content alone, before annotating:
    # the same title and text as ``clean`` gives, HTML pages included, and the same refusals
    from newsprism.clean import cleaned_content
    from newsprism.config import Settings
    from newsprism.ingest import read_inputs

    from .conftest import EXAMPLE, SHARED

    settings = Settings()
    pages = sorted((SHARED / "datasets" / "article_extraction" / "html").glob("*.html.gz"))[:40]
    documents = [item for item in read_inputs([EXAMPLE, KURSK, *pages], settings) if isinstance(item, RawDocument)]
    assert len(documents) == 50 and sum(item.content_type == "html" for item in documents) == 41
    refused = 0
    for item in documents:
        try:
            article = clean(item, settings)
        except InputError as error:
            with pytest.raises(InputError, match=re.escape(error.reason)):
                cleaned_content(item, settings)
            refused += 1
            continue
        assert cleaned_content(item, settings) == (article.title, article.text)
    assert refused < 5
    with pytest.raises(InputError, match="no article text"):
        cleaned_content(raw("Too short."), settings)
