"""Report records to the JSON contract ``newsprism/report@1`` and back to disk."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import SCHEMA_ID, Article, Quote, Report, Reuse
from .files import replacing

TOOL_NAME = "newsprism"


def report_dict(report: Report) -> dict[str, Any]:
    """Plain data in contract order; the only run-dependent field is ``generated_at``."""
    return {**_header(report), **{name: [plain(item) for item in getattr(report, name)] for name, plain in SECTIONS}}


def report_header(tool_version: str, generated_at: str) -> dict[str, Any]:
    """report.json's fields before its lists."""
    return {"schema": SCHEMA_ID, "tool": {"name": TOOL_NAME, "version": tool_version}, "generated_at": generated_at}


def _header(report: Report) -> dict[str, Any]:
    return report_header(report.tool_version, report.generated_at)


def _quote(quote: Quote) -> dict[str, Any]:
    return {**asdict(quote), "parts": [list(p) for p in quote.parts]}


def _reuse(reuse: Reuse) -> dict[str, Any]:
    return {"from": reuse.source, "to": reuse.target, "kind": reuse.kind, "score": reuse.score,
            "shared_source": reuse.shared_source, "evidence": [asdict(p) for p in reuse.evidence]}


def _article(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data.pop("quotes")  # listed once, at top level
    data.pop("claims")  # each sentence appears in its claim's mentions
    data.pop("flags")  # the framing findings list them, with the other outlets beside them
    source = {k: v for k, v in data.pop("source").items() if v is not None}
    return {"id": data.pop("id"), "source": source, **data}


# report.json's lists in contract order: each is the Report field of that name, and how one
# of its records becomes plain data.
SECTIONS: tuple[tuple[str, Callable[[Any], dict[str, Any]]], ...] = (
    ("inputs_failed", asdict), ("articles", _article), ("stories", asdict), ("quotes", _quote),
    ("quote_groups", asdict), ("claims", asdict), ("disputes", asdict), ("framing", asdict),
    ("timeline", asdict), ("reuse", _reuse), ("brief", asdict), ("chains", asdict), ("profiles", asdict),
)


def to_json(report: Report) -> str:
    """report.json as one string (``json_chunks`` gives the same text a record at a time)."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2) + "\n"


def json_chunks(report: Report) -> Iterator[str]:
    """report.json a record at a time, the text ``to_json`` gives: a writer holds one record
    as plain data and text at a time, never the whole report twice more (as dicts, then as
    one string; 1,000 articles made both several hundred MB)."""
    sections = ((name, (record_text(plain, record) for record in getattr(report, name))) for name, plain in SECTIONS)
    return json_document(_header(report), sections)


def record_text(plain: Callable[[Any], dict[str, Any]], record: Any) -> str:
    """One record of a report.json list, as the file holds it (indented as a list item)."""
    return _dumps(plain(record), 4)


RECORD_SEPARATOR = ",\n    "  # between two records of a list, as ``json_document`` writes them


def json_document(header: dict[str, Any], sections: Iterable[tuple[str, Iterable[str]]]) -> Iterator[str]:
    """report.json's text from its header and, per list in contract order, its records' texts
    (``record_text``; a text may also be several records joined by ``RECORD_SEPARATOR``): what
    both a report in memory and a run that kept its stories' records on disk write."""
    yield "{"
    for n, (key, value) in enumerate(header.items()):
        yield f"{',' if n else ''}\n  {_dumps(key)}: {_dumps(value, 2)}"
    for name, texts in sections:
        yield f",\n  {_dumps(name)}: ["
        empty = True
        for text in texts:
            yield f"{'' if empty else ','}\n    {text}"
            empty = False
        yield "]" if empty else "\n  ]"
    yield "\n}\n"


def _dumps(value: Any, depth: int = 0) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``depth`` spaces in (a JSON string
    holds no raw line break, so indenting every line is safe)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.replace("\n", "\n" + " " * depth) if depth else text


def write_json(report: Report, path: Path) -> Path:
    """report.json alone, replaced whole (never truncated in place, never through a link);
    ``write_report`` writes it with the HTML and Markdown as one set."""
    with replacing(path) as stream:
        for chunk in json_chunks(report):
            stream.write(chunk.encode("utf-8"))
    return path


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema of report@1, shipped in the package."""
    text = resources.files("newsprism.report").joinpath("schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def validate(data: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, report_schema())
