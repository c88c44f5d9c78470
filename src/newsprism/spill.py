"""Records kept on disk for the length of a run, read back by key.

A large run cannot hold every annotated article and every story's findings until the report
is written: memory would grow with the day's news. So the run spills them, each record once,
into one append-only file in a temporary folder, and keeps only where each one is. Reading a
record back is one ``pread``; nothing is ever rewritten, so a record is read as it was put.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .errors import WorkFolderError

__all__ = ["Records", "Spill", "Spilled", "TextSpill"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Spill(Mapping[K, V], Generic[K, V]):
    """A file of records under ``folder``: ``put(key, value)`` appends one, ``spill[key]``
    reads it back (a copy: pickled by default). ``close()`` (or the end of a ``with``
    block) deletes the file."""

    def __init__(self, folder: str | Path, name: str, dumps: Callable[[Any], bytes] | None = None,
                 loads: Callable[[bytes], Any] | None = None) -> None:
        self.path = Path(folder) / name
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        except OSError as err:
            raise WorkFolderError(str(self.path), f"cannot make the file: {err.strerror}") from err
        self._end = 0
        self._where: dict[K, tuple[int, int]] = {}
        self._dumps = dumps or (lambda value: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self._loads = loads or pickle.loads

    def put(self, key: K, value: V) -> None:
        """Keep ``value`` under ``key`` (a key put again reads the later value)."""
        data = memoryview(self._dumps(value))
        at = self._end
        try:
            while data:
                written = os.pwrite(self._fd, data, self._end)
                self._end += written
                data = data[written:]
        except OSError as err:  # a full disk: the record is not kept, and the caller is told where
            self._end = at
            raise WorkFolderError(str(self.path), f"cannot write a record: {err.strerror}") from err
        self._where[key] = (at, self._end - at)

    def __getitem__(self, key: K) -> V:
        at, size = self._where[key]
        data = os.pread(self._fd, size, at)
        if len(data) != size:
            raise OSError(f"{self.path}: record {key!r} cut short ({len(data)} of {size} bytes)")
        return self._loads(data)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[K]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def records(self, keys: Iterable[K]) -> Records:
        """The records under ``keys``, to be read where this file can be opened (a worker
        process on this machine): what a task carries instead of the records themselves."""
        if self._loads is not pickle.loads:
            raise TypeError("only a pickled spill's records can be read elsewhere")
        return Records(str(self.path), tuple(self._where[key] for key in keys))

    def sequence(self, keys: Sequence[K]) -> Spilled[V]:
        """The records under ``keys``, in that order, as a sequence read on demand."""
        return Spilled(self, keys)

    @property
    def size(self) -> int:
        """Bytes on disk."""
        return self._end

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Spill[K, V]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Records:
    """Records of a spill's file by place, read back (in order) when called: a few bytes to
    send to another process, where the records themselves would be megabytes, unpickled and
    pickled again on the way (and kept by Dask's scheduler for as long as the run lasts)."""

    path: str
    places: tuple[tuple[int, int], ...]  # (offset, size) of each record

    def __call__(self) -> list[Any]:
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            return [pickle.loads(os.pread(fd, size, at)) for at, size in self.places]
        finally:
            os.close(fd)


class Spilled(Sequence[V]):
    """Records of a spill in a given order, each read when it is asked for: what a stage can
    be given in place of a list that would hold them all (the day's inputs)."""

    def __init__(self, spill: Spill[Any, V], keys: Sequence[Any]) -> None:
        self.spill, self.keys = spill, keys

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, at: int | slice) -> Any:  # V, or a list of V for a slice
        if isinstance(at, slice):
            return [self.spill[key] for key in self.keys[at]]
        return self.spill[self.keys[at]]

    def __iter__(self) -> Iterator[V]:
        return (self.spill[key] for key in self.keys)

    def records(self, start: int, stop: int) -> Records:
        """Records ``start`` to ``stop``, to be read by another process on this machine."""
        return self.spill.records(self.keys[start:stop])


class TextSpill(Spill[K, str]):
    """A spill of texts, kept as UTF-8 (no pickling: read back as written)."""

    def __init__(self, folder: str | Path, name: str) -> None:
        super().__init__(folder, name, dumps=lambda text: text.encode("utf-8"), loads=lambda data: data.decode("utf-8"))
