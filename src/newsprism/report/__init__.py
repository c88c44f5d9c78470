"""Stage 6, write: the report as JSON (the contract), HTML (one file) and Markdown."""

from __future__ import annotations

from pathlib import Path

from ..model import Report
from ..views import VersionView
from ..views import render_report_html as render_html
from ..views import render_report_markdown as render_markdown
from .serialize import report_dict, report_schema, to_json, validate, write_json

__all__ = [
    "report_dict", "report_schema", "render_html", "render_markdown", "to_json", "validate",
    "write_report",
]


def write_report(report: Report, out_dir: str | Path,
                 versions: dict[str, list[VersionView]] | None = None) -> dict[str, Path]:
    """Write report.json, report.html and report.md into ``out_dir`` (created if missing);
    ``versions`` (from the store): per article, its stored versions, shown with what changed."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path = write_json(report, out / "report.json")
    html_path, md_path = out / "report.html", out / "report.md"
    html_path.write_text(render_html(report, versions), encoding="utf-8")
    md_path.write_text(render_markdown(report, versions), encoding="utf-8")
    return {"json": json_path, "html": html_path, "md": md_path}
