"""Report records to the JSON contract ``newsprism/report@1`` and back to disk."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import SCHEMA_ID, Article, Report
from .files import replace_file

TOOL_NAME = "newsprism"


def report_dict(report: Report) -> dict[str, Any]:
    """Plain data in contract order; the only run-dependent field is ``generated_at``."""
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "generated_at": report.generated_at,
        "inputs_failed": [asdict(f) for f in report.inputs_failed],
        "articles": [_article(a) for a in report.articles],
        "stories": [asdict(s) for s in report.stories],
        "quotes": [{**asdict(q), "parts": [list(p) for p in q.parts]} for q in report.quotes],
        "quote_groups": [asdict(g) for g in report.quote_groups],
        "claims": [asdict(c) for c in report.claims],
        "disputes": [asdict(d) for d in report.disputes],
        "framing": [asdict(f) for f in report.framing],
        "timeline": [asdict(t) for t in report.timeline],
        "reuse": [
            {
                "from": r.source, "to": r.target, "kind": r.kind, "score": r.score,
                "shared_source": r.shared_source, "evidence": [asdict(p) for p in r.evidence],
            }
            for r in report.reuse
        ],
        "brief": [asdict(b) for b in report.brief],
        "chains": [asdict(c) for c in report.chains],
        "profiles": [asdict(p) for p in report.profiles],
    }


def _article(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data.pop("quotes")  # listed once, at top level
    data.pop("claims")  # each sentence appears in its claim's mentions
    data.pop("flags")  # the framing findings list them, with the other outlets beside them
    source = {k: v for k, v in data.pop("source").items() if v is not None}
    return {"id": data.pop("id"), "source": source, **data}


def to_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def write_json(report: Report, path: Path) -> Path:
    """report.json alone, replaced whole (never truncated in place, never through a link);
    ``write_report`` writes it with the HTML and Markdown as one set."""
    return replace_file(path, to_json(report).encode("utf-8"))


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema of report@1, shipped in the package."""
    text = resources.files("newsprism.report").joinpath("schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, report_schema())
