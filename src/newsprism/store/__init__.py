"""The archive: articles and their stories kept in SQLite (one file, the default) or
PostgreSQL, added to by ingest, read by the commands and the web view."""

from .records import content_key
from .store import IngestSummary, SearchHit, Store, Version, store_url

__all__ = ["IngestSummary", "SearchHit", "Store", "content_key", "store_url", "Version"]
