"""newsprism: cross-examine news coverage, every finding cited to the characters.

>>> import newsprism
>>> report = newsprism.analyze(["articles/"])          # doctest: +SKIP
>>> newsprism.write_report(report, "out/")             # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Settings  # noqa: E402
from .errors import InputError, NewsprismError  # noqa: E402
from .model import Article, Report, Span  # noqa: E402
from .pipeline import analyze  # noqa: E402
from .report import report_dict, write_report  # noqa: E402

__all__ = [
    "Article", "InputError", "NewsprismError", "Report", "Settings", "Span", "__version__",
    "analyze", "report_dict", "write_report",
]
