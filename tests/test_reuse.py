"""The reuse graph: copies, rewrites and shared wires found, independent reports left alone,
and sources counted as fact-checkers count them. Synthetic texts are invented here."""

from __future__ import annotations

from itertools import combinations

import pytest

from newsprism import analyze
from newsprism.annotate import Annotator
from newsprism.config import ReuseSettings
from newsprism.embed import Embedder
from newsprism.model import Article, Report, Reuse, Source
from newsprism.relate import (
    article_credit,
    count_independent_sources,
    find_reuse,
    independent_sources,
    pair_scores,
    source_label,
)

from .conftest import check_report


def _unwrap(text: str) -> str:
    """Paragraphs are wrapped here for line length; an article has one line per paragraph."""
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n"))


WIRE = _unwrap("""\
Published: 08:10, May 4, 2026

Storm closes Brenner Bridge for two days

By Nordic Wire Service

KESTREL HARBOUR, May 4 - Gale-force winds closed the Brenner Bridge between Kestrel Harbour and the island of
Oddny on Sunday, stranding about 300 commuters, the regional roads office said.

Gusts of up to 140 kilometres per hour were measured on the span shortly after noon, and police stopped all
traffic at 12:45. The roads office said the bridge would stay closed until Tuesday morning while engineers
inspect the cables.

"We will not reopen the bridge until every cable has been checked," chief engineer Maren Tollefsen told
reporters.

A ferry service between the two shores will run every hour in the meantime, the ferry operator said. Schools
on Oddny will remain closed on Monday, the island council announced.

The Brenner Bridge, opened in 1998, carries about 18,000 vehicles a day. It was last closed for a full day in
2019, when a lorry overturned on the approach road.

Forecasters expect the wind to ease on Monday evening.
""")

# The wire under another headline, later the same day, with one sentence of its own.
COPY = _unwrap("""\
Published: 14:30, May 4, 2026

Oddny cut off as wind shuts bridge

Gale-force winds closed the Brenner Bridge between Kestrel Harbour and the island of Oddny on Sunday,
stranding about 300 commuters, the Nordic Wire Service reported.

Gusts of up to 140 kilometres per hour were measured on the span shortly after noon, and police stopped all
traffic at 12:45. The roads office said the bridge would stay closed until Tuesday morning while engineers
inspect the cables.

"We will not reopen the bridge until every cable has been checked," chief engineer Maren Tollefsen told
reporters.

Shops on Oddny reported a rush on bread and milk as islanders prepared for two days without the bridge.

A ferry service between the two shores will run every hour in the meantime, the ferry operator said. Schools
on Oddny will remain closed on Monday, the island council announced.

The Brenner Bridge, opened in 1998, carries about 18,000 vehicles a day. It was last closed for a full day in
2019, when a lorry overturned on the approach road.
""")

# The wire retold sentence by sentence in other words.
REWRITE = _unwrap("""\
Published: 16:00, May 4, 2026

Kestrel Harbour bridge shut by storm

Storm winds shut the bridge linking Kestrel Harbour with Oddny island on Sunday, leaving roughly 300 commuters
stuck, according to the regional roads authority.

Wind speeds reached 140 km/h on the bridge just after midday, prompting police to halt traffic at a quarter to
one. Engineers will examine the bridge's cables, and it will not reopen before Tuesday morning, the authority
said.

"Until each cable is checked, the bridge stays closed," chief engineer Maren Tollefsen said.

Until then, ferries will cross between the two shores once an hour, according to the operator. The island
council said Oddny's schools would stay shut on Monday.

Around 18,000 vehicles a day use the bridge, which opened in 1998. Its last full-day closure came in 2019
after a lorry tipped over on the access road.

The wind is forecast to die down by Monday evening.
""")

# The same event reported independently: own witnesses, own angle, some shared facts.
INDEPENDENT = _unwrap("""\
Published: 15:10, May 4, 2026

Long queues for ferries as Oddny loses its road link

Commuters on Oddny faced a long wait for ferries on Sunday after the storm shut the island's only road link to
Kestrel Harbour.

"I have been standing here for two hours and nobody tells us anything," said Pia Lund, a nurse who works at
the hospital in Kestrel Harbour.

The ferry company added two extra boats in the afternoon, but queues still stretched the length of the quay.
Police said they stopped traffic on the Brenner Bridge shortly before one o'clock as the wind grew stronger.

Island politicians have argued for a second crossing for more than a decade. Council member Jonas Wik said the
closure showed that Oddny could not rely on a single bridge, and he would raise the matter at Thursday's
council meeting.

Engineers are expected to inspect the bridge cables before it reopens.
""")

# A long feature of its own that pastes the first half of the wire in the middle.
FEATURE = _unwrap("""\
Published: 18:00, May 4, 2026

A day on the water with the Oddny ferry crews

Captain Ingrid Sol has crossed the sound to Oddny more than ten thousand times, but rarely with a queue like
the one that waited for her at the quay on Sunday afternoon.

Her crew of four loaded prams, bicycles and a wheelchair before the first car was allowed on board, and the
deckhands handed out blankets to passengers who had been waiting in the rain.

{wire}

For the crews the closure means double shifts. The company has called in two retired skippers and borrowed a
small boat from the fisheries inspectorate to keep up with demand.

Sol says the sound is at its most dangerous when the wind turns to the north-west, and that she has twice in
her career turned back halfway across. Most passengers, she adds, do not notice how hard the crossing can be.

By evening the queue had shrunk, and the crews were preparing for what they expect to be the busiest Monday
morning of the year.
""")

UNRELATED = _unwrap("""\
Published: 09:00, May 2, 2026

Granite Street library reopens after renovation

The city library on Granite Street reopened on Saturday after a renovation that took two years and cost 4.2
million crowns.

Readers queued from early morning to see the new reading room, which has a glass roof and space for 120
people.

Head librarian Sofie Brandt said the children's section had doubled in size and would host story hours every
weekday.

The building, designed in 1911, had been closed since the spring of 2024 because of damp in the basement
archive.
""")


def _by_prefix(report: Report, prefix: str) -> Article:
    return next(a for a in report.articles if a.id.startswith(prefix))


def _edge(report: Report, a: str, b: str) -> Reuse | None:
    ids = {_by_prefix(report, a).id, _by_prefix(report, b).id}
    return next((r for r in report.reuse if {r.source, r.target} == ids), None)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator, embedder: Embedder) -> Report:
    folder = tmp_path_factory.mktemp("reuse")
    texts = {"a_wire": WIRE, "b_copy": COPY, "c_rewrite": REWRITE, "d_independent": INDEPENDENT,
             "e_unrelated": UNRELATED}
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    body = WIRE.split("\n\n")[3:]  # after date, headline and byline
    partial = "\n\n".join(body[:3])  # the wire's first half inside a long feature
    (folder / "f_feature.txt").write_text(FEATURE.format(wire=partial), "utf-8")
    report = analyze([folder], annotator=annotator, embedder=embedder)
    check_report(report)
    return report


def test_copy_with_new_headline_and_added_sentence(synthetic: Report) -> None:
    edge = _edge(synthetic, "a_wire", "b_copy")
    assert edge is not None and edge.kind == "copy" and edge.score >= 0.8
    assert (edge.source, edge.target) == ("a_wire", "b_copy")  # published first is the original
    assert edge.shared_source == "Nordic Wire Service"
    wire, copy = synthetic.article("a_wire"), synthetic.article("b_copy")
    quote = "every cable has been checked"
    assert any(quote in wire.text[p.from_start : p.from_end] and quote in copy.text[p.to_start : p.to_end]
               for p in edge.evidence)
    added = copy.text.index("Shops on Oddny")
    assert not any(p.to_start <= added < p.to_end for p in edge.evidence)  # the added sentence is its own


def test_partial_copy_found_by_containment(synthetic: Report) -> None:
    wire, feature = synthetic.article("a_wire"), synthetic.article("f_feature")
    scores = pair_scores(wire, feature)
    assert scores["jaccard"] < 0.3 < scores["containment"]  # Jaccard alone would miss it
    edge = _edge(synthetic, "a_wire", "f_feature")
    assert edge is not None and edge.kind == "copy" and edge.source == "a_wire"


def test_rewrite_in_other_words(synthetic: Report) -> None:
    edge = _edge(synthetic, "a_wire", "c_rewrite")
    assert edge is not None and edge.kind == "rewrite" and edge.score >= 0.5
    assert edge.source == "a_wire" and edge.shared_source == "Nordic Wire Service"
    assert pair_scores(synthetic.article("a_wire"), synthetic.article("c_rewrite"))["containment"] < 0.1
    assert edge.evidence and all(p.similarity >= 0.7 for p in edge.evidence)


def test_independent_and_unrelated_articles_are_not_linked(synthetic: Report) -> None:
    for other in ("a_wire", "b_copy", "c_rewrite"):
        assert _edge(synthetic, "d_independent", other) is None
    assert not any("e_unrelated" in (r.source, r.target) for r in synthetic.reuse)


def test_copies_and_rewrites_of_one_wire_count_once(synthetic: Report) -> None:
    ids = [a.id for a in synthetic.articles]
    groups = independent_sources(ids, synthetic.reuse)
    assert {"a_wire", "b_copy", "c_rewrite", "f_feature"} in groups
    assert {"d_independent"} in groups and {"e_unrelated"} in groups
    # two reusers of the wire are one source even when the wire itself is not among the ids
    assert count_independent_sources(["b_copy", "c_rewrite"], synthetic.reuse) == 1
    assert count_independent_sources(["b_copy", "d_independent"], synthetic.reuse) == 2
    group = next(g for g in groups if "a_wire" in g)
    assert source_label(group, synthetic.articles, synthetic.reuse) == "Nordic Wire Service"


def test_harbor_fire_copy_of_the_wire(example_report: Report) -> None:
    assert [(r.source, r.target, r.kind) for r in example_report.reuse] == [
        ("002_estria_wire", "003_coastline_daily", "copy")
    ]
    edge = example_report.reuse[0]
    assert edge.score > 0.6 and edge.shared_source == "Estrian Press Agency"
    wire, copy = example_report.article("002_estria_wire"), example_report.article("003_coastline_daily")
    quote = "The fire is now controlled, and no one was seriously injured."
    assert any(quote in wire.text[p.from_start : p.from_end] and quote in copy.text[p.to_start : p.to_end]
               for p in edge.evidence)
    for p in edge.evidence:
        assert 0 <= p.from_start < p.from_end <= len(wire.text) and 0 <= p.to_start < p.to_end <= len(copy.text)
    ids = [a.id for a in example_report.articles]
    assert count_independent_sources(ids, example_report.reuse) == 4


def test_kursk_articles_are_independent(kursk_report: Report, embedder: Embedder) -> None:
    """Five outlets, one event, no reuse: shared quotes and stock phrases are not copying."""
    assert kursk_report.reuse == []
    for a, b in combinations(kursk_report.articles, 2):
        scores = pair_scores(a, b, embedder)
        assert scores["containment"] < 0.1 and scores["rewrite"] < 0.35, (a.id, b.id, scores)


def _article(id_: str, text: str, credit: str | None = None, published: str | None = None) -> Article:
    return Article(id=id_, source=Source(path=f"{id_}.txt"), text=text, credit=credit, published=published)


def test_shared_source_by_credit_and_by_attributed_passage() -> None:
    one = _article("x1", "The harbour master resigned on Monday after a dispute over pilot fees. "
                         "He had held the post since 2015.", credit="Reuters")
    two = _article("x2", "Pilots at the harbour ended their strike on Tuesday. The agreement raises fees "
                         "by four percent.", credit="Reuters")
    edges = find_reuse([one, two])
    assert [(e.kind, e.score, e.shared_source) for e in edges] == [("shared_source", 1.0, "Reuters")]
    line = "Officials said the northern pier would be rebuilt with steel piles before winter, TASS reported."
    three = _article("x3", "Divers inspected the pier on Monday. " + line + " Fishing boats moored elsewhere.")
    four = _article("x4", "A new ferry timetable starts in June. " + line + " Fares will not change.")
    (edge,) = find_reuse([three, four])
    assert edge.kind == "shared_source" and edge.shared_source == "TASS"


def test_direction_and_credit_rules() -> None:
    text = "Winds closed the bridge on Sunday and police stopped all traffic at noon, officials said today."
    early = _article("b", text, published="2026-05-03")
    late = _article("a", text + " Ferries will run hourly.", published="2026-05-04T10:00:00")
    (edge,) = find_reuse([late, early])
    assert (edge.source, edge.target) == ("b", "a")  # the earlier date wins over the id
    wire = _article("z", "LONDON (Reuters) - " + text)
    (edge,) = find_reuse([_article("m", text), wire])
    assert (edge.source, edge.target) == ("z", "m")  # same day unknown: the one crediting a wire
    assert article_credit(wire) == "Reuters"
    assert article_credit(_article("k", "By Xinhua\n" + text)) == "Xinhua"
    assert article_credit(_article("l", text + "\n(Reporting by Jane Roe; editing by Tom Poe)")) is None
    assert article_credit(_article("n", text, credit="The Associated Press")) == "AP"


def test_source_groups_follow_the_whole_graph() -> None:
    edges = [Reuse("w", "a", "copy", 0.9), Reuse("w", "b", "rewrite", 0.6), Reuse("c", "d", "shared_source", 1.0)]
    assert independent_sources(["a", "b", "c", "d", "e"], edges) == [{"a", "b"}, {"c", "d"}, {"e"}]
    assert independent_sources(["c", "d"], edges, kinds=("copy", "rewrite")) == [{"c"}, {"d"}]


def test_empty_and_tiny_inputs() -> None:
    assert find_reuse([]) == []
    assert find_reuse([_article("s", "Short.")]) == []
    assert find_reuse([_article("s", "Short."), _article("t", "Short.")]) == []


def test_many_copies_of_one_wire_keep_each_copys_strongest_sources() -> None:
    """Twelve copies of one wire make 66 copy pairs that all say the same: each copy keeps
    its strongest few sources (with their passages), and the copies still count as one."""
    body = "\n\n".join(WIRE.split("\n\n")[3:])
    extras = ["Shops on Oddny reported a rush on bread and milk as islanders prepared to wait.",
              "The mayor of Kestrel Harbour asked commuters to work from home where they could.",
              "Bus companies added extra departures to the ferry terminal during the evening."]
    # a growing share of each copy is its own, so the copies differ in how much they took
    articles = [_article(f"c{k:02d}", body + "\n\n" + " ".join(extras[: k % 4]) + f" Copy number {k} ends here.")
                for k in range(12)]
    everything = find_reuse(articles, settings=ReuseSettings(max_sources=100))
    assert len(everything) == 66 and {e.kind for e in everything} == {"copy"}
    kept = find_reuse(articles, settings=ReuseSettings(max_sources=3))
    assert len(kept) < 3 * 12 and all(e.evidence for e in kept)
    by_pair = {_key(e): e for e in everything}
    assert all(by_pair[_key(e)] == e for e in kept)  # the same edges, passages and all
    for target in {e.target for e in everything}:
        ranked = sorted((e for e in everything if e.target == target), key=lambda e: (-e.score, e.source))
        assert {_key(e) for e in ranked[:3]} <= {_key(e) for e in kept if e.target == target}
    ids = [a.id for a in articles]
    assert independent_sources(ids, kept) == independent_sources(ids, everything) == [set(ids)]


def _key(edge: Reuse) -> tuple[str, str]:
    return edge.source, edge.target


def test_many_articles_crediting_one_agency_are_one_source_without_every_pair() -> None:
    articles = [_article(f"r{k:02d}", f"Item {k}: the harbour office reported a delay of {k} minutes on route {k}.",
                         credit="Reuters") for k in range(30)]
    edges = find_reuse(articles, settings=ReuseSettings(max_sources=3))
    assert {e.kind for e in edges} == {"shared_source"} and all(e.shared_source == "Reuters" for e in edges)
    assert len(edges) <= 4 * 30  # not the 435 pairs
    assert independent_sources([a.id for a in articles], edges) == [{a.id for a in articles}]
    assert len(find_reuse(articles[:4], settings=ReuseSettings(max_sources=3))) == 6  # a small group: every pair
