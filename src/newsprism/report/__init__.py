"""Stage 6, write: the report as JSON (the contract), HTML (one file) and Markdown, written
as one set (files.py: a reader sees one run's three files, whole, or the run before's)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Report
from ..views import VersionView
from ..views import render_report_html as render_html
from ..views import render_report_markdown as render_markdown
from .files import Content, check_folder, write_files
from .serialize import json_chunks, report_dict, report_schema, to_json, validate, write_json

if TYPE_CHECKING:
    from .parts import PartsReport

__all__ = [
    "REPORT_FILES", "check_out_dir", "encoded", "json_chunks", "render_files", "report_dict", "report_schema",
    "render_html", "render_markdown", "to_json", "validate", "write_files", "write_json", "write_parts",
    "write_report",
]

REPORT_FILES = {"json": "report.json", "html": "report.html", "md": "report.md"}


def render_files(report: Report, versions: dict[str, list[VersionView]] | None = None) -> dict[str, bytes]:
    """The three report files in memory: file name -> UTF-8 bytes."""
    return {"report.json": to_json(report).encode("utf-8"),
            "report.html": render_html(report, versions).encode("utf-8"),
            "report.md": render_markdown(report, versions).encode("utf-8")}


def encoded(texts: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """``texts`` as UTF-8, in pieces of about ``size`` characters: small records gathered into
    one write, a long text sliced (never encoded whole: that is a second copy of it)."""
    pending: list[str] = []
    count = 0
    for text in texts:
        for at in range(0, len(text), size):
            piece = text[at : at + size]
            pending.append(piece)
            count += len(piece)
            if count >= size:
                yield "".join(pending).encode("utf-8")
                pending, count = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


def _streamed(report: Report, versions: dict[str, list[VersionView]] | None) -> dict[str, Content]:
    """The three report files, each made only as it is written: report.json a record at a time,
    the HTML and Markdown rendered when their turn comes (one held at a time)."""
    return {"report.json": encoded(json_chunks(report)),
            "report.html": encoded(_later(lambda: render_html(report, versions))),
            "report.md": encoded(_later(lambda: render_markdown(report, versions)))}


def _later(render: Callable[[], str]) -> Iterator[str]:
    """``render()``'s text, made when first asked for."""
    yield render()


def write_parts(parts: PartsReport, out_dir: str | Path) -> dict[str, Path]:
    """``write_report`` for a report kept story by story on disk (``report.parts``): the same
    three files, made piece by piece as they are written."""
    written = write_files(out_dir, {"report.json": encoded(parts.json()), "report.html": encoded(parts.html()),
                                    "report.md": encoded(parts.markdown())})
    return {kind: written[name] for kind, name in REPORT_FILES.items()}


def check_out_dir(out_dir: str | Path) -> Path:
    """Fail early, before any analysis, when ``out_dir`` cannot take the report files: an
    OutputError names the path and what is wrong. A missing folder is not created yet."""
    return check_folder(out_dir, REPORT_FILES.values())


def write_report(report: Report, out_dir: str | Path,
                 versions: dict[str, list[VersionView]] | None = None) -> dict[str, Path]:
    """Write report.json, report.html and report.md into ``out_dir`` (created if missing) as
    one set: all three written (each made as it is written), then switched in at once, so a reader (or a run killed
    half-way, or another run writing the same folder) never sees a partial file or a mix of
    two runs. Each name is a link into ``out_dir/.newsprism-report/`` (see files.py); a link
    found at a report name is replaced, never followed. ``versions`` (from the store): per
    article, its stored versions, shown with what changed."""
    written = write_files(out_dir, _streamed(report, versions))
    return {kind: written[name] for kind, name in REPORT_FILES.items()}
