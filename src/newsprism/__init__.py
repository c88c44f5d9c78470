"""newsprism: cross-examine news coverage, every finding cited to the characters.

>>> import newsprism
>>> report = newsprism.analyze(["articles/"])          # doctest: +SKIP
>>> newsprism.write_report(report, "out/")             # doctest: +SKIP

A day of news, holding no more than a story in memory (what ``newsprism analyze`` runs):

>>> from newsprism.engine import LocalEngine
>>> with newsprism.analyze_streamed(["day/"], newsprism.Settings(), LocalEngine()) as report:  # doctest: +SKIP
...     newsprism.write_parts(report, "out/")

Story by story (the unit of analysis): ``read_articles`` (ingest, clean, annotate), then
``relate.group_stories``, ``pipeline.story_bundle`` and ``compare_story`` for each story.

The names below are imported on first use (PEP 562), so that ``import newsprism`` and
``newsprism --help`` do not load spaCy, trafilatura and SQLAlchemy before they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_HOME = {
    "compare_story": ".compare", "Settings": ".config", "InputError": ".errors", "NewsprismError": ".errors",
    "Article": ".model", "Report": ".model", "Span": ".model", "StoryBundle": ".model", "StoryFindings": ".model",
    "analyze": ".pipeline", "read_articles": ".pipeline", "report_dict": ".report", "write_report": ".report",
    "analyze_streamed": ".stream", "write_parts": ".report",
}
__all__ = [
    "Article", "InputError", "NewsprismError", "Report", "Settings", "Span", "StoryBundle", "StoryFindings",
    "__version__", "analyze", "analyze_streamed", "compare_story", "read_articles", "report_dict", "write_parts",
    "write_report",
]

if TYPE_CHECKING:
    from .compare import compare_story
    from .config import Settings
    from .errors import InputError, NewsprismError
    from .model import Article, Report, Span, StoryBundle, StoryFindings
    from .pipeline import analyze, read_articles
    from .report import report_dict, write_parts, write_report
    from .stream import analyze_streamed


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'newsprism' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name], __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
