"""Gzip input, member by member, saying where it ends early or is damaged.

Python's gzip module and warcio both stop quietly, or print to stderr, when a member is
cut off or damaged: the data read so far looks like the whole input. ``GzipMembers``
decompresses every member in turn with zlib and keeps the verdict in ``problem``, so a
reader can refuse a cut article instead of analysing the part it got, and name a WARC
record that was lost. Output is produced in bounded pieces: a small member that inflates
to gigabytes (a "zip bomb") never sits in memory whole.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
_BLOCK = 1 << 16
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # a gzip header and trailer around a deflate stream

CUT = "truncated: the file ends inside a gzip member"


class GzipMembers(io.RawIOBase):
    """The decompressed bytes of ``handle``: each gzip member in turn, or the bytes as they
    are when the data does not start with the gzip magic number.

    After the stream is read to its end, ``problem`` is None when every member ended with
    its trailer (its checksum and length verified by zlib), else the reason: the file
    ended inside a member (``CUT``) or the data is not valid gzip from some point on (then
    the stream stops there, since nothing after damaged deflate data can be trusted).
    """

    def __init__(self, handle: BinaryIO, block: int = _BLOCK) -> None:
        super().__init__()
        self._handle = handle
        self._block = block
        self._input = handle.read(block)
        self.compressed = self._input.startswith(GZIP_MAGIC)
        self._decomp = zlib.decompressobj(_GZIP_WBITS) if self.compressed else None
        self._started = False  # input fed to the current member, and it has not ended
        self.members = 0  # members read whole
        self.produced = 0  # decompressed bytes handed out
        self.tail = b""  # the last bytes handed out
        self.problem: str | None = None
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._produce(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return self.readall()
        return self._produce(size) if size else b""

    def readall(self) -> bytes:
        parts = []
        while data := self._produce(self._block):
            parts.append(data)
        return b"".join(parts)

    def tell(self) -> int:
        return self.produced

    def _produce(self, limit: int) -> bytes:
        """Up to ``limit`` bytes of output; b"" only at the end of the data (or at a problem)."""
        while not self.ended:
            data = self._input or self._handle.read(self._block)
            self._input = b""
            if self._decomp is None:  # not gzip: the bytes as they are
                if not data:
                    self.ended = True
                    return b""
                self._input, data = data[limit:], data[:limit]
                return self._out(data)
            if not data:
                self.ended = True
                tail = self._decomp.flush() if self._started else b""
                if self._started:
                    self.problem = CUT
                return self._out(tail)
            try:
                out = self._decomp.decompress(data, limit)
            except zlib.error as err:
                self.ended = True
                self.problem = _damaged(err)
                return b""
            self._started = True
            if self._decomp.eof:  # the member's trailer is read and its checksum verified
                self.members += 1
                self._input = self._decomp.unused_data
                self._decomp = zlib.decompressobj(_GZIP_WBITS)
                self._started = False
            else:
                self._input = self._decomp.unconsumed_tail
            if out:
                return self._out(out)
        return b""

    def _out(self, data: bytes) -> bytes:
        self.produced += len(data)
        self.tail = (self.tail + data[-8:])[-8:]
        return data


# zlib's words for what it found, in a reader's words
_ZLIB_MEANING = {
    "incorrect header check": "data that is not gzip where a member should start",
    "incorrect data check": "a member whose checksum does not match its data",
    "incorrect length check": "a member whose length does not match its data",
}


def _damaged(err: zlib.error) -> str:
    detail = str(err).removeprefix("Error -3 while decompressing data: ")
    return f"damaged: {_ZLIB_MEANING.get(detail, f'invalid gzip data ({detail})')}"


def gunzip(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """Decompress every member of ``data``, reading at most ``limit + 1`` bytes of output
    (so a caller can tell "over the limit"); returns the output and the problem, if any."""
    stream = GzipMembers(io.BytesIO(data))
    parts: list[bytes] = []
    size = 0
    while size <= limit and (piece := stream.read(min(_BLOCK, limit + 1 - size))):
        parts.append(piece)
        size += len(piece)
    return b"".join(parts), stream.problem
