"""The view models rendered: the web UI's pages, the single-file report.html, report.md, and
JSON. Untrusted article text reaches HTML only through Jinja2's autoescape, and Markdown only
through ``md`` (which escapes its syntax); report.html loads nothing from the network and its
Content-Security-Policy admits only its own inline style and script, by hash."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..model import InputFailure, Report
from .article import VersionView
from .links import FileLinks, Links
from .listing import StoryItem
from .story import StoryPage, story_page
from .text import plural

_LOADER = PackageLoader("newsprism.views", "templates")
HTML = Environment(loader=_LOADER, autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
HTML.filters["part"] = lambda value: quote(str(value), safe="")  # one path segment, "/" and ".." included
MARKDOWN = Environment(loader=_LOADER, autoescape=False, trim_blocks=True, lstrip_blocks=True,  # noqa: S701 - md() escapes
                       keep_trailing_newline=True)


@cache
def static(name: str) -> str:
    """A file of the UI's own (newsprism.css, newsprism.js), as text."""
    return (files("newsprism.views") / "static" / name).read_text(encoding="utf-8")


def to_data(view: Any) -> Any:
    """A view model as plain JSON data (what the API returns)."""
    return dataclasses.asdict(view) if dataclasses.is_dataclass(view) and not isinstance(view, type) else view


@dataclass(frozen=True)
class ReportHead:
    """What the report files say before their stories: the run, and the inputs it could not read."""

    tool_version: str
    generated_at: str
    summary: str  # "10 articles in 2 stories; 1 input was not readable"
    inputs_failed: list[InputFailure]


def report_pages(report: Report, links: Links | None = None,
                 versions: dict[str, list[VersionView]] | None = None) -> list[StoryPage]:
    """Every story of the report with its articles; ``versions``: per article id, its stored
    versions (a report written from the store shows what changed)."""
    links = links or FileLinks()
    pages = [story_page(report, s.id, links, with_articles=True) for s in report.stories]
    for page in pages:
        for article in page.articles:
            article.versions = (versions or {}).get(article.id, [])
    return pages


def report_head(report: Report) -> ReportHead:
    return ReportHead(report.tool_version, report.generated_at,
                      summary_line(len(report.articles), len(report.stories), len(report.inputs_failed)),
                      report.inputs_failed)


def index_row(page: StoryPage) -> StoryItem:
    """A story's line in the index of a report of several stories: the story list's item."""
    return StoryItem(page.id, page.title, page.href, len(page.framing.outlets), page.outlets, page.first, page.last,
                     [a.id for a in page.articles])


def story_html(page: StoryPage, several: bool) -> str:
    """One story's section of report.html (``several``: the report holds other stories too)."""
    links = FileLinks()
    return HTML.get_template("_report_story.html.j2").render(
        page=page, several=several, section_id=lambda section: links.section_id(page.id, section))


def story_markdown(page: StoryPage) -> str:
    """One story's section of report.md."""
    return MARKDOWN.get_template("_report_story.md.j2").render(page=page, md=md)


def report_html(head: ReportHead, index: list[StoryItem], sections: Iterable[str]) -> Iterator[str]:
    """report.html in pieces: its head, the index, then each story's section (``story_html``)
    as ``sections`` gives it, so that a writer never holds more than one story's."""
    css, js = static("newsprism.css"), static("newsprism.js")
    csp = ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'")
    return HTML.get_template("report.html.j2").generate(  # type: ignore[no-any-return]
        head=head, index=index, summary=head.summary, sections=(Markup(s) for s in sections), css=css, js=js, csp=csp)


def report_markdown(head: ReportHead, index: list[StoryItem], sections: Iterable[str]) -> Iterator[str]:
    """report.md in pieces, as ``report_html``."""
    return MARKDOWN.get_template("report.md.j2").generate(  # type: ignore[no-any-return]
        head=head, index=index, summary=head.summary, sections=sections, md=md)


def render_report_html(report: Report, versions: dict[str, list[VersionView]] | None = None) -> str:
    pages = report_pages(report, versions=versions)
    several = len(pages) > 1
    return "".join(report_html(report_head(report), [index_row(p) for p in pages],
                               (story_html(p, several) for p in pages)))


def render_report_markdown(report: Report, versions: dict[str, list[VersionView]] | None = None) -> str:
    pages = report_pages(report, versions=versions)
    return "".join(report_markdown(report_head(report), [index_row(p) for p in pages],
                                   (story_markdown(p) for p in pages)))


def render_page(template: str, **context: Any) -> str:
    return HTML.get_template(template).render(**context)


def md(value: object) -> str:
    """Text safe inside Markdown: its syntax characters escaped, HTML's too, on one line."""
    text = "" if value is None else str(value)
    for ch in "\\`*_[]<>|#&":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def summary_line(articles: int, stories: int, failed: int) -> str:
    parts = [f"{plural(articles, 'article')} in {plural(stories, 'story', 'stories')}"]
    if failed:
        parts.append(f"{failed} input{' was' if failed == 1 else 's were'} not readable")
    return "; ".join(parts)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
