"""newsprism: cross-examine news coverage, every finding cited to the characters.

>>> import newsprism
>>> report = newsprism.analyze(["articles/"])          # doctest: +SKIP
>>> newsprism.write_report(report, "out/")             # doctest: +SKIP

Story by story (the unit of analysis): ``read_articles`` (ingest, clean, annotate), then
``relate.group_stories``, ``pipeline.story_bundle`` and ``compare_story`` for each story.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import compare_story  # noqa: E402
from .config import Settings  # noqa: E402
from .errors import InputError, NewsprismError  # noqa: E402
from .model import Article, Report, Span, StoryBundle, StoryFindings  # noqa: E402
from .pipeline import analyze, read_articles  # noqa: E402
from .report import report_dict, write_report  # noqa: E402

__all__ = [
    "Article", "InputError", "NewsprismError", "Report", "Settings", "Span", "StoryBundle", "StoryFindings",
    "__version__", "analyze", "compare_story", "read_articles", "report_dict", "write_report",
]
