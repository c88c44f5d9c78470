"""Stage 1, ingest: read files, folders, globs, stdin, JSON Lines and WARC into raw documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..model import InputFailure, RawDocument
from .readers import read_ref
from .sources import SUPPORTED, expand

__all__ = ["read_inputs", "unique_ids", "SUPPORTED"]


def read_inputs(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> Iterator[RawDocument | InputFailure]:
    """Yield every article (or the reason it could not be read), in a deterministic order."""
    settings = settings or Settings()
    docs = (item for ref in expand(paths) for item in read_ref(ref, settings))
    return unique_ids(docs)


def unique_ids(items: Iterable[RawDocument | InputFailure]) -> Iterator[RawDocument | InputFailure]:
    """Ids are file stems; a collision gets a numeric suffix so ids stay stable across runs."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, RawDocument):
            base, n = item.id, 1
            while item.id in seen:
                n += 1
                item.id = f"{base}-{n}"
            seen.add(item.id)
        yield item
