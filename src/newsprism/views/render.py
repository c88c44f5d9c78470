"""The view models rendered: the web UI's pages, the single-file report.html, report.md, and
JSON. Untrusted article text reaches HTML only through Jinja2's autoescape, and Markdown only
through ``md`` (which escapes its syntax); report.html loads nothing from the network and its
Content-Security-Policy admits only its own inline style and script, by hash."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import Report
from .article import VersionView
from .links import FileLinks, Links
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


def render_report_html(report: Report, versions: dict[str, list[VersionView]] | None = None) -> str:
    links = FileLinks()
    pages = report_pages(report, links, versions)
    css, js = static("newsprism.css"), static("newsprism.js")
    csp = ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"style-src '{_sha256(css)}'; script-src '{_sha256(js)}'")
    return HTML.get_template("report.html.j2").render(
        report=report, stories=pages, summary=_summary(report), css=css, js=js, csp=csp,
        section_ids={p.id: (lambda section, sid=p.id: links.section_id(sid, section)) for p in pages})


def render_report_markdown(report: Report, versions: dict[str, list[VersionView]] | None = None) -> str:
    pages = report_pages(report, versions=versions)
    return MARKDOWN.get_template("report.md.j2").render(report=report, stories=pages, summary=_summary(report), md=md)


def render_page(template: str, **context: Any) -> str:
    return HTML.get_template(template).render(**context)


def md(value: object) -> str:
    """Text safe inside Markdown: its syntax characters escaped, HTML's too, on one line."""
    text = "" if value is None else str(value)
    for ch in "\\`*_[]<>|#&":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())


def _summary(report: Report) -> str:
    parts = [f"{plural(len(report.articles), 'article')} in {plural(len(report.stories), 'story', 'stories')}"]
    if report.inputs_failed:
        n = len(report.inputs_failed)
        parts.append(f"{n} input{' was' if n == 1 else 's were'} not readable")
    return "; ".join(parts)


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
