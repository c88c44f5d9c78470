"""The timeline: dates resolved against the right anchor (own, story, previous event, the
statement's day), events grouped across outlets with their evidence, date conflicts flagged."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsprism import report_dict
from newsprism.annotate import Annotator, annotate
from newsprism.clean import clean
from newsprism.compare import align_claims
from newsprism.compare.timeline import build_timeline
from newsprism.embed import Embedder
from newsprism.lang.dates import chained, clock_part_of_day, iso_label, period, resolve, shift
from newsprism.model import Article, RawDocument, Report, Source, Story, TimelineEvent
from newsprism.report import validate

from .conftest import kursk_article

# --- helpers ---------------------------------------------------------------------------------


def make(article_id: str, text: str, annotator: Annotator, **meta: str) -> Article:
    raw = RawDocument(id=article_id, source=Source(path=f"{article_id}.txt"), content=text,  # type: ignore[arg-type]
                      content_type="text", **meta)
    return annotate(clean(raw), annotator)


def story_timeline(articles: list[Article], embedder: Embedder | None = None) -> list[TimelineEvent]:
    story = Story("s1", "test", [a.id for a in articles])
    claims = align_claims(story, articles, [], embedder) if embedder else []
    return build_timeline(story, articles, claims)


def sentence(report_or_articles: Report | list[Article], span) -> str:  # type: ignore[no-untyped-def]
    articles = report_or_articles.articles if isinstance(report_or_articles, Report) else report_or_articles
    article = next(a for a in articles if a.id == span.article_id)
    return article.text[span.start : span.end]


def find(events: list[TimelineEvent], articles, day: str, *words: str) -> TimelineEvent:  # type: ignore[no-untyped-def]
    """The event on ``day`` one of whose evidence sentences contains all ``words``."""
    for event in events:
        if event.date == day and any(all(w in sentence(articles, s) for w in words) for s in event.evidence):
            return event
    raise AssertionError(f"no event on {day} with {words}: {[(e.date, e.text) for e in events]}")


def anchor_of(event: TimelineEvent, article_prefix: str, expression: str | None = None) -> dict:
    return next(a for a in event.anchors if str(a["article_id"]).startswith(article_prefix)
                and (expression is None or a["expression"] == expression))


# --- the shared Kursk articles ------------------------------------------------------------------


@pytest.fixture(scope="module")
def kursk_timeline(kursk_report: Report) -> list[TimelineEvent]:
    (story,) = kursk_report.stories
    return build_timeline(story, kursk_report.articles, kursk_report.claims)


def test_kursk_events_land_on_the_right_days(kursk_report: Report, kursk_timeline: list[TimelineEvent]) -> None:
    events = kursk_timeline
    jeddah = find(events, kursk_report, "2025-03-11", "Jeddah")
    assert anchor_of(jeddah, "001_")["anchor"] == "dateline"
    visit = find(events, kursk_report, "2025-03-12", "command post", "Gerasimov")
    assert anchor_of(visit, "003_")["anchor"] == "story" and visit.confidence == "medium"
    envoy = find(events, kursk_report, "2025-03-13", "Witkoff", "Thursday night")
    assert anchor_of(envoy, "000_", "Thursday")["anchor"] == "published" and envoy.part_of_day == "night"
    # (001's "in Moscow since Thursday, reportedly briefed Putin" is another, hedged fact: not this claim)
    council = find(events, kursk_report, "2025-03-14", "Friday Security Council meeting")
    assert anchor_of(council, "001_")["anchor"] == "dateline"  # dateline Friday: "Friday" is that day
    denial = find(events, kursk_report, "2025-03-14", "General Staff", "denied")
    assert {"000_07031ad338868a73", "001_c76486a527ed5320"} <= set(denial.articles)
    conference = find(events, kursk_report, "2025-03-15", "would be held on Saturday")
    assert anchor_of(conference, "000_", "Saturday")["anchor"] == "published"


def test_a_day_later_counts_from_the_previous_event(kursk_report: Report, kursk_timeline: list[TimelineEvent]) -> None:
    later = find(kursk_timeline, kursk_report, "2025-03-13", "A day later")
    record = anchor_of(later, "003_", "A day later")
    assert (record["anchor"], record["base"], record["value"]) == ("previous_event", "2025-03-12", "2025-03-13")


def test_undated_articles_take_the_story_anchor(kursk_report: Report, kursk_timeline: list[TimelineEvent]) -> None:
    anchors = [a for e in kursk_timeline for a in e.anchors]
    own = {"000_": "published", "001_": "dateline"}
    for record in anchors:
        prefix = str(record["article_id"])[:4]
        if record["anchor"] in {"absolute", "previous_event", "speech"}:
            continue
        assert record["anchor"] == own.get(prefix, "story"), record
        if record["anchor"] == "story":  # the story's latest dated article, Saturday 15 March
            assert record["base"] == "2025-03-15" and record["confidence"] in {"medium", "low"}
    # 004 (undated) says "today" of the video conference and "yesterday" of Starmer's remark:
    # only the Saturday anchor agrees with the other outlets, so the choice is not a guess
    today = find(kursk_timeline, kursk_report, "2025-03-15", "video conference", "today")
    record = anchor_of(today, "004_", "today")
    assert (record["anchor"], record["confidence"]) == ("story", "medium")
    assert "000_07031ad338868a73" in today.articles  # the same conference as 000's "on Saturday"
    thursday = find(kursk_timeline, kursk_report, "2025-03-13", "agreed", "in principle")
    assert anchor_of(thursday, "002_")["anchor"] == "story"


def test_the_speakers_today_is_not_the_outlets(kursk_report: Report, kursk_timeline: list[TimelineEvent]) -> None:
    quoted = [a for e in kursk_timeline for a in e.anchors if a["expression"] in {"today", "Today"}]
    assert all(str(a["article_id"]).startswith("004_") for a in quoted)  # 002/003 quote Putin's "today"
    # "Trump said Friday that ... with Putin yesterday": the day before the statement
    talks = find(kursk_timeline, kursk_report, "2025-03-13", "said Friday", "yesterday")
    record = anchor_of(talks, "000_", "yesterday")
    assert (record["anchor"], record["base"]) == ("speech", "2025-03-14")
    assert not any(e.date == "2025-03-14" and any(a["expression"] == "yesterday" and str(a["article_id"])
                   .startswith("000_") for a in e.anchors) for e in kursk_timeline)


def test_kursk_timeline_is_ordered_cited_and_schema_valid(kursk_report: Report,
                                                           kursk_timeline: list[TimelineEvent]) -> None:
    starts = [period(e.date, e.granularity)[0] for e in kursk_timeline]
    assert starts == sorted(starts)
    by_id = {a.id: a for a in kursk_report.articles}
    for event in kursk_timeline:
        assert len(event.anchors) == len(event.evidence) and event.articles
        for span, record in zip(event.evidence, event.anchors, strict=True):
            text = by_id[span.article_id].text
            assert span.article_id == record["article_id"]
            assert span.start <= int(record["start"]) < int(record["end"]) <= span.end  # type: ignore[call-overload]
            assert text[int(record["start"]) : int(record["end"])] == record["expression"]  # type: ignore[call-overload]
        assert event.conflict is None  # the five outlets do not disagree about when things happened
    validate(report_dict(replace(kursk_report, timeline=kursk_timeline)))
    # a plain function: the articles' own date mentions stay as annotation left them
    assert all(d.value is None for d in kursk_article(kursk_report, "002_").dates)
    assert len({(e.date, e.text) for e in kursk_timeline}) == len(kursk_timeline)


# --- the fictional example ----------------------------------------------------------------------


def test_example_timeline(example_report: Report) -> None:
    (story,) = example_report.stories
    events = build_timeline(story, example_report.articles, example_report.claims)
    fire = find(events, example_report, "2026-10-15", "Thursday night", "destroyed")
    assert fire.part_of_day == "night" and len(fire.articles) >= 4
    assert fire.confidence == "high"
    wiring = find(events, example_report, "2026-10-15", "a day later")  # Wednesday's report + 1
    record = anchor_of(wiring, "002_", "a day later")
    assert (record["anchor"], record["base"]) == ("previous_event", "2026-10-14")
    control = find(events, example_report, "2026-10-16", "under control")
    assert len(control.articles) >= 3
    letter = find(events, example_report, "2026-W41", "Last week")  # 005, published Saturday 17 October
    assert letter.granularity == "week"
    inspection = find(events, example_report, "2026-W42", "earlier this week")
    assert len(inspection.articles) >= 2
    closed = find(events, example_report, "2026-10-19", "until at least Monday")  # "will" / "is to" remain
    assert {a["article_id"] for a in closed.anchors} >= {"002_estria_wire", "005_outlets_feed-1"}
    assert not any(e.conflict for e in events)
    validate(report_dict(replace(example_report, timeline=events)))


# --- sentences of our own -------------------------------------------------------------------------


def test_undated_article_takes_the_story_date_its_outlets_agree_on(annotator: Annotator) -> None:
    a = make("a", "Finance minister Lena Varga resigned on Monday after the budget vote failed.", annotator,
             published="2026-06-09")  # a Tuesday
    b = make("b", "Harbour workers in Dornbach went on strike on Thursday over night shifts.", annotator,
             published="2026-06-19")  # a Friday
    c = make("c", "Finance minister Lena Varga resigned yesterday after the budget vote failed in parliament.",
             annotator)
    events = story_timeline([a, b, c])
    resign = find(events, [a, b, c], "2026-06-08", "resigned yesterday")
    record = anchor_of(resign, "c")
    assert (record["anchor"], record["base"], record["confidence"]) == ("story", "2026-06-09", "medium")
    assert resign.articles == ["a", "c"]  # the same resignation, from both outlets


def test_a_tie_takes_the_latest_story_date_and_says_it_is_unsure(annotator: Annotator) -> None:
    a = make("a", "The Dornbach council approved the new tram line on Monday.", annotator, published="2026-06-10")
    b = make("b", "A storm damaged roofs across the Varn valley on Friday.", annotator, published="2026-06-20")
    c = make("c", "The regional museum reopened its east wing on Thursday after repairs.", annotator)
    events = story_timeline([a, b, c])
    record = anchor_of(find(events, [a, b, c], "2026-06-18", "museum"), "c")
    assert (record["anchor"], record["base"], record["confidence"]) == ("story", "2026-06-20", "low")


def test_chained_dates_follow_the_previous_event(annotator: Annotator) -> None:
    a = make("a", "Talks between the two unions began on March 3. Two days later, the negotiators signed a draft. "
             "The next day, the workers voted on it.", annotator, published="2026-03-20")
    events = story_timeline([a])
    assert [(e.date, anchor_of(e, "a")["anchor"]) for e in events] == [
        ("2026-03-03", "published"), ("2026-03-05", "previous_event"), ("2026-03-06", "previous_event")]


def test_quoted_relative_dates_use_the_statement_or_are_left_out(annotator: Annotator) -> None:
    a = make("a", 'The mayor said on Friday that the bridge had reopened yesterday. "We will inspect it again today," '
             "an engineer said.", annotator, published="2026-06-15")  # a Monday
    events = story_timeline([a])
    said = find(events, [a], "2026-06-12", "said on Friday")
    assert said.text.startswith("The mayor said on Friday")
    reopened = find(events, [a], "2026-06-11", "reopened yesterday")  # the day before Friday, not Sunday
    assert anchor_of(reopened, "a", "yesterday")["anchor"] == "speech"
    assert not any(r["expression"] == "today" for e in events for r in e.anchors)  # the engineer's day is unknown


def test_part_of_day_and_tense(annotator: Annotator) -> None:
    a = make("a", "A fire broke out in the Dornbach depot on Thursday night. Crews contained it shortly after 02:00 "
             "on Friday. The depot will reopen on Tuesday.", annotator, published="2026-06-13")  # a Saturday
    events = story_timeline([a])
    assert [(e.date, e.part_of_day) for e in events] == [
        ("2026-06-11", "night"), ("2026-06-12", "night"), ("2026-06-16", None)]


def test_same_day_events_group_by_claim_or_shared_words(annotator: Annotator, embedder: Embedder) -> None:
    a = make("a", "Engineers closed the Varn railway bridge at Ostdorf on Tuesday after finding cracks. "
             "The city library extended its opening hours on Tuesday.", annotator, published="2026-06-11")
    b = make("b", "The Varn railway bridge at Ostdorf was closed by engineers on Tuesday because of cracks.",
             annotator, published="2026-06-12")
    events = story_timeline([a, b], embedder)
    bridge = find(events, [a, b], "2026-06-09", "bridge")
    assert bridge.articles == ["a", "b"] and len(bridge.evidence) == 2
    library = find(events, [a, b], "2026-06-09", "library")
    assert library is not bridge and library.articles == ["a"]
    no_claims = story_timeline([a, b])  # without claims, shared names and words still group them
    assert find(no_claims, [a, b], "2026-06-09", "bridge").articles == ["a", "b"]


def test_outlets_dating_one_claim_differently_are_flagged(annotator: Annotator, embedder: Embedder) -> None:
    a = make("a", "Flooding closed the northern highway near Dornbach on Tuesday, police said. "
             "Schools in the valley stayed open.", annotator, published="2026-06-13")
    b = make("b", "Flooding closed the northern highway near Dornbach on Wednesday, police said. "
             "Farmers counted their losses.", annotator, published="2026-06-13")
    events = story_timeline([a, b], embedder)
    tuesday = find(events, [a, b], "2026-06-09", "highway")
    wednesday = find(events, [a, b], "2026-06-10", "highway")
    for event, other in ((tuesday, "b"), (wednesday, "a")):
        assert event.conflict and "2026-06-09" in event.conflict and "2026-06-10" in event.conflict
        assert [s.article_id for s in event.conflicting] == [other]
    # the same claim on the same day is agreement, not conflict
    c = make("c", "Flooding closed the northern highway near Dornbach on Tuesday, police said.", annotator,
             published="2026-06-13")
    agreed = story_timeline([a, c], embedder)
    assert find(agreed, [a, c], "2026-06-09", "highway").articles == ["a", "c"]
    assert not any(e.conflict for e in agreed)


# --- date expressions ---------------------------------------------------------------------------


def test_calendar_words_resolve_with_granularity() -> None:
    saturday = date(2025, 3, 15)
    assert resolve("earlier this week", saturday, False) == ("2025-03-10", "week")
    assert resolve("last week", saturday, False) == ("2025-03-03", "week")
    assert resolve("last month", saturday, False) == ("2025-02", "month")
    assert resolve("next year", saturday, True) == ("2026", "year")
    assert resolve("tonight", saturday, False) == ("2025-03-15", "day")
    assert resolve("last Friday", saturday, True) == ("2025-03-14", "day")  # "last" wins over tense
    assert resolve("next Friday", saturday, False) == ("2025-03-21", "day")
    assert resolve("Friday", date(2025, 3, 14), False) == ("2025-03-14", "day")  # a Friday dateline: same day
    assert resolve("at least Monday", saturday, True) == ("2025-03-17", "day")
    assert resolve("the beginning of Friday", saturday, False) == ("2025-03-14", "day")
    assert resolve("on March 12", saturday, False) == ("2025-03-12", "day")
    assert resolve("last August", saturday, False) == ("2024-08", "month")
    assert resolve("a day later", saturday, False) == (None, None)  # counts from the previous event
    assert resolve("02:00", saturday, False) == (None, None)  # a clock time names no day


def test_chained_expressions_and_shifts() -> None:
    assert chained("a day later") == (1, "day", None)
    assert chained("The next day") == (1, "day", None)
    assert chained("two days later") == (2, "day", None)
    assert chained("the following morning") == (1, "day", "morning")
    assert chained("three weeks earlier") == (-3, "week", None)
    assert chained("later that day") == (0, "day", None)
    assert chained("Friday") is None and chained("three days") is None
    assert shift("2025-03-12", "day", 1, "day") == ("2025-03-13", "day")
    assert shift("2025-03", "month", 2, "month") == ("2025-05", "month")
    assert shift("2025-12-31", "day", 1, "month") == ("2026-01", "month")
    assert shift("2024-08", "month", 1, "day") is None  # "in August ... a day later": too coarse


def test_clock_times_weeks_and_periods() -> None:
    assert clock_part_of_day("21:40") == "evening" and clock_part_of_day("02:00") == "night"
    assert clock_part_of_day("10 a.m.") == "morning" and clock_part_of_day("12") is None
    assert iso_label("2025-03-10", "week") == "2025-W11" and iso_label("2025-03", "month") == "2025-03"
    assert period("2025-W11", "week") == (date(2025, 3, 10), date(2025, 3, 16))
    assert period("2024-02", "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period("2025", "year") == (date(2025, 1, 1), date(2025, 12, 31))


def test_annotation_keeps_tense_and_leaves_chained_dates_to_the_timeline(annotator: Annotator) -> None:
    a = make("a", "The quay is to remain closed until Monday. Last week, inspectors visited the quay. "
             "Over the past week, repairs went on. Workers reported faults on Wednesday and a technician came "
             "a day later.", annotator, published="2026-10-17")  # a Saturday
    by_text = {d.text: d for d in a.dates}
    monday = next(d for t, d in by_text.items() if "Monday" in t)
    assert monday.future and monday.value == "2026-10-19"
    assert by_text["Last week"].value == "2026-10-05" and not by_text["Last week"].duration
    assert by_text["the past week"].duration
    later = by_text["a day later"]
    assert later.value is None and not later.duration  # not publish date + 1
    events = story_timeline([a])
    assert find(events, [a], "2026-10-15", "a day later").anchors[0]["anchor"] == "previous_event"


def _printed(article: Article, article_id: str) -> Article:
    """``article`` word for word under another outlet's name."""
    return replace(article, id=article_id, outlet=f"Outlet {article_id}",
                   claims=[replace(m, article_id=article_id) for m in article.claims],
                   quotes=[replace(q, article_id=article_id) for q in article.quotes])


def test_a_date_conflict_many_outlets_print_names_eight_pairs_and_counts_the_rest(annotator: Annotator,
                                                                                  embedder: Embedder) -> None:
    """Twelve outlets print one date and twelve another for the same claim: 144 conflicting
    pairs, each event names the first 8, counts the rest and lists every other outlet's sentence."""
    a = make("a", "Flooding closed the northern highway near Dornbach on Tuesday, police said.", annotator,
             published="2026-06-13")
    b = make("b", "Flooding closed the northern highway near Dornbach on Wednesday, police said.", annotator,
             published="2026-06-13")
    copies = [_printed(a, f"a{k:02d}") for k in range(12)] + [_printed(b, f"b{k:02d}") for k in range(12)]
    events = story_timeline(copies, embedder)
    for day, others in (("2026-06-09", "b"), ("2026-06-10", "a")):
        event = find(events, copies, day, "highway")
        assert event.conflict is not None and event.conflict.count("same claim") == 8
        assert event.conflict.endswith("; and 136 more such pairs of outlets")
        assert [s.article_id for s in event.conflicting] == [f"{others}{k:02d}" for k in range(12)]
