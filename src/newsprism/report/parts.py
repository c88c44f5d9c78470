"""The report written story by story: each story's share of the three files is made as soon as
the story is compared (``story_part``, on the worker that compared it), kept on disk, and the
files are put together from those shares in report order (``PartsReport``). A run of a day's
news then never holds more than one story's findings, and its files are byte for byte the
ones a report held whole in memory gives (``report.json``'s lists are concatenations over the
stories; report.html and report.md are a head, an index and one section per story).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Article, InputFailure, Story, StoryFindings
from ..spill import TextSpill
from ..views.links import FileLinks
from ..views.listing import StoryItem
from ..views.render import (
    ReportHead,
    index_row,
    report_html,
    report_markdown,
    story_html,
    story_markdown,
    summary_line,
)
from ..views.story import story_page
from .serialize import RECORD_SEPARATOR, SECTIONS, json_document, record_text, report_header

__all__ = ["PartsReport", "StoryPart", "story_part"]

_ARTICLES = "articles"
_STORY_SECTIONS = [(name, plain) for name, plain in SECTIONS if name not in ("inputs_failed", _ARTICLES)]


@dataclass(slots=True)
class StoryPart:
    """One story's share of the report files, as text."""

    story: Story
    row: StoryItem
    records: dict[str, str] = field(default_factory=dict)  # report.json list -> its records (RECORD_SEPARATOR)
    articles: dict[str, str] = field(default_factory=dict)  # article id -> its record in report.json
    html: str = ""
    markdown: str = ""


def story_part(findings: StoryFindings, members: list[Article], *, several: bool) -> StoryPart:
    """A story's share of the files. ``members``: its articles in input order (the order the
    report lists them in); ``several``: the report holds other stories too."""
    from ..pipeline import assemble_report

    report = assemble_report(members, [], [findings])
    page = story_page(report, findings.story.id, FileLinks(), with_articles=True)
    records = {name: RECORD_SEPARATOR.join(record_text(plain, r) for r in getattr(report, name))
               for name, plain in _STORY_SECTIONS}
    plain_article = dict(SECTIONS)[_ARTICLES]
    return StoryPart(findings.story, index_row(page), {k: v for k, v in records.items() if v},
                     {a.id: record_text(plain_article, a) for a in report.articles},
                     story_html(page, several), story_markdown(page))


class PartsReport:
    """The report of a run whose stories' parts were spilled to ``folder`` as they came:
    ``add`` each part (in any order), set ``article_ids`` (the articles in input order) and
    ``inputs_failed``, then read the three files as pieces of text."""

    def __init__(self, folder: str, tool_version: str, generated_at: str, stories: int) -> None:
        self.tool_version, self.generated_at = tool_version, generated_at
        self.rows: list[StoryItem | None] = [None] * stories
        self.texts: TextSpill[tuple[str, str | int]] = TextSpill(folder, "report-parts")
        self.article_ids: list[str] = []
        self.inputs_failed: list[InputFailure] = []

    def add(self, position: int, part: StoryPart) -> None:
        """The part of the story at ``position`` in report order."""
        self.rows[position] = part.row
        for name, text in part.records.items():
            self.texts.put((name, position), text)
        for article_id, text in part.articles.items():
            self.texts.put((_ARTICLES, article_id), text)
        self.texts.put(("html", position), part.html)
        self.texts.put(("md", position), part.markdown)

    def _head(self) -> ReportHead:
        rows = self._rows()
        return ReportHead(self.tool_version, self.generated_at,
                          summary_line(len(self.article_ids), len(rows), len(self.inputs_failed)), self.inputs_failed)

    def _rows(self) -> list[StoryItem]:
        missing = [n for n, row in enumerate(self.rows) if row is None]
        if missing:
            raise RuntimeError(f"the report lacks the parts of {len(missing)} stories (first: number {missing[0]})")
        return self.rows  # type: ignore[return-value]

    def json(self) -> Iterator[str]:
        """report.json, a record (or a story's records) at a time."""
        stories = range(len(self._rows()))

        def texts(name: str) -> Iterator[str]:
            if name == "inputs_failed":
                yield from (record_text(dict(SECTIONS)[name], failure) for failure in self.inputs_failed)
            elif name == _ARTICLES:
                yield from (self.texts[_ARTICLES, i] for i in self.article_ids)
            else:
                yield from (self.texts[name, n] for n in stories if (name, n) in self.texts)

        return json_document(report_header(self.tool_version, self.generated_at),
                             ((name, texts(name)) for name, _ in SECTIONS))

    def html(self) -> Iterator[str]:
        return report_html(self._head(), self._rows(), (self.texts["html", n] for n in range(len(self.rows))))

    def markdown(self) -> Iterator[str]:
        return report_markdown(self._head(), self._rows(), (self.texts["md", n] for n in range(len(self.rows))))

    def close(self) -> None:
        self.texts.close()
