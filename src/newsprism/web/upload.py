"""Articles added from the browser: bounded in number and size, checked for type, written
under server-chosen names into a fresh folder of their own, ingested, then removed. The
request never names a path on the server."""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..store import IngestSummary, Store

ALLOWED = {".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".warc", ".gz"}
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class UploadLimits:
    max_files: int = 20
    max_bytes: int = 5_000_000  # per file
    max_text: int = 1_000_000  # pasted text, characters


@dataclass
class Upload:
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (name as sent, content)
    text: str = ""
    title: str = ""
    outlet: str = ""
    url: str = ""


class UploadRefused(ValueError):
    """The upload breaks a limit or is of a type the readers do not take; says which."""


def check(upload: Upload, limits: UploadLimits) -> None:
    if not upload.files and not upload.text.strip():
        raise UploadRefused("nothing to add: choose files or paste an article's text")
    if len(upload.files) > limits.max_files:
        raise UploadRefused(f"{len(upload.files)} files: at most {limits.max_files} at a time")
    for name, content in upload.files:
        suffix = Path(name).suffix.lower()
        if suffix not in ALLOWED:
            raise UploadRefused(f"{name}: not a type newsprism reads ({', '.join(sorted(ALLOWED))})")
        if len(content) > limits.max_bytes:
            raise UploadRefused(f"{name}: {len(content) / 1e6:.1f} MB, over the limit of {limits.max_bytes / 1e6:g} MB")
    if len(upload.text) > limits.max_text:
        raise UploadRefused(f"the pasted text has {len(upload.text):,} characters, over {limits.max_text:,}")
    if upload.url and not re.match(r"https?://", upload.url):
        raise UploadRefused("the URL must start with http:// or https://")


def ingest_upload(store: Store, upload: Upload, limits: UploadLimits, **ingest_options: object) -> IngestSummary:
    """Check ``upload``, then ingest it like files given to ``newsprism ingest``."""
    check(upload, limits)
    with tempfile.TemporaryDirectory(prefix="newsprism-upload-") as folder:
        paths = []
        for k, (name, content) in enumerate(upload.files, start=1):
            stem = _SAFE.sub("_", Path(name).name).strip("._") or "upload"
            path = Path(folder) / f"{k:02d}-{stem[-80:]}"
            if name.lower().endswith(".gz") and not path.name.lower().endswith(".gz"):
                path = path.with_name(path.name + ".gz")
            path.write_bytes(content)
            paths.append(path)
        if upload.text.strip():
            path = Path(folder) / "pasted.jsonl"
            record = {"title": upload.title or None, "outlet": upload.outlet or None, "url": upload.url or None,
                      "text": upload.text}
            path.write_text(json.dumps(record) + "\n", encoding="utf-8")
            paths.append(path)
        return store.ingest(paths, **ingest_options)  # type: ignore[arg-type]
