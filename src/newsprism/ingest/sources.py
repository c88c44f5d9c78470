"""Turn what the user typed (files, folders, globs, "-") into an ordered list of inputs."""

from __future__ import annotations

import glob
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
# A text, HTML or JSON Lines file compressed with gzip is read decompressed.
GZIP_SUFFIXES = {suffix + ".gz" for suffix in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES}
SUPPORTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | GZIP_SUFFIXES)

STDIN = "-"


@dataclass(frozen=True)
class InputRef:
    """One thing to read; ``problem`` is set when it cannot even be opened."""

    location: str  # a file path, or "-" for standard input
    problem: str | None = None


def suffix_of(path: str) -> str:
    name = Path(path.lower()).name
    if name.endswith(".gz"):
        inner = Path(name[:-3]).suffix
        if inner + ".gz" in WARC_SUFFIXES | GZIP_SUFFIXES:
            return inner + ".gz"
    return Path(name).suffix


def uncompressed_suffix(suffix: str) -> str:
    """The suffix of what a gzip file holds: ".txt" for ".txt.gz", "" for a bare ".gz"."""
    return suffix.removesuffix(".gz") if suffix.endswith(".gz") else suffix


def stem_of(path: Path) -> str:
    """The file name without its suffix, both parts of one like ".txt.gz": an article's id."""
    suffix = suffix_of(path.name)
    return path.name[: -len(suffix)] if suffix.endswith(".gz") else path.stem


def expand(paths: Iterable[str | Path]) -> list[InputRef]:
    """Expand arguments in the order given; folders and globs in sorted order (determinism)."""
    refs: list[InputRef] = []
    seen: set[str] = set()

    def add(ref: InputRef) -> None:
        if ref.location not in seen or ref.problem:
            seen.add(ref.location)
            refs.append(ref)

    for raw in paths:
        arg = str(raw)
        if arg == STDIN:
            add(InputRef(STDIN))
            continue
        path = Path(arg)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                add(InputRef(arg, "folder holds no files"))
            for file in found:
                add(_file_ref(file, from_folder=True))
        elif path.is_file():
            add(_file_ref(path, from_folder=False))
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                add(InputRef(arg, "no file matches this pattern"))
            for match in matches:
                if Path(match).is_file():
                    add(_file_ref(Path(match), from_folder=True))
        else:
            add(InputRef(arg, "no such file or folder"))
    return refs


def _file_ref(path: Path, *, from_folder: bool) -> InputRef:
    if from_folder and suffix_of(path.name) not in SUPPORTED:
        return InputRef(
            str(path),
            f"unsupported file type {suffix_of(path.name) or '(no extension)'!s}; "
            f"newsprism reads {', '.join(SUPPORTED)}",
        )
    return InputRef(str(path))
