"""Stage 6, write: the report as JSON (the contract), HTML (one file) and Markdown, written
as one set (files.py: a reader sees one run's three files, whole, or the run before's)."""

from __future__ import annotations

from pathlib import Path

from ..model import Report
from ..views import VersionView
from ..views import render_report_html as render_html
from ..views import render_report_markdown as render_markdown
from .files import check_folder, write_files
from .serialize import report_dict, report_schema, to_json, validate, write_json

__all__ = [
    "REPORT_FILES", "check_out_dir", "render_files", "report_dict", "report_schema", "render_html",
    "render_markdown", "to_json", "validate", "write_files", "write_json", "write_report",
]

REPORT_FILES = {"json": "report.json", "html": "report.html", "md": "report.md"}


def render_files(report: Report, versions: dict[str, list[VersionView]] | None = None) -> dict[str, bytes]:
    """The three report files in memory: file name -> UTF-8 bytes."""
    return {"report.json": to_json(report).encode("utf-8"),
            "report.html": render_html(report, versions).encode("utf-8"),
            "report.md": render_markdown(report, versions).encode("utf-8")}


def check_out_dir(out_dir: str | Path) -> Path:
    """Fail early, before any analysis, when ``out_dir`` cannot take the report files: an
    OutputError names the path and what is wrong. A missing folder is not created yet."""
    return check_folder(out_dir, REPORT_FILES.values())


def write_report(report: Report, out_dir: str | Path,
                 versions: dict[str, list[VersionView]] | None = None) -> dict[str, Path]:
    """Write report.json, report.html and report.md into ``out_dir`` (created if missing) as
    one set: all three rendered first, then switched in at once, so a reader (or a run killed
    half-way, or another run writing the same folder) never sees a partial file or a mix of
    two runs. Each name is a link into ``out_dir/.newsprism-report/`` (see files.py); a link
    found at a report name is replaced, never followed. ``versions`` (from the store): per
    article, its stored versions, shown with what changed."""
    written = write_files(out_dir, render_files(report, versions))
    return {kind: written[name] for kind, name in REPORT_FILES.items()}
