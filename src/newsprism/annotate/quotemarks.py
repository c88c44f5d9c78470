"""Quotation marks in any style: where each quotation opens and closes, including quotes
that run over several paragraphs and block quotes introduced by a colon.

The scanner never fails on unbalanced marks: an opening mark that is never closed ends at its
paragraph, unless a later paragraph closes it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from ..model import Paragraph

# opening mark -> the marks that close it
CLOSERS = {"“": "”\"", "\"": "\"”“", "«": "»", "„": "“”", "‹": "›", "‘": "’"}
_SPACE_BEFORE_OPEN = " \t\n([{—–-/'`"
# Every mark that opens or closes a quotation, the two-character typewriter marks first.
_MARKS = re.compile("''|``|[" + re.escape("".join(sorted(set("".join(CLOSERS) + "".join(CLOSERS.values()))))) + "]")
_CONTINUE_LOOKAHEAD = 8  # paragraphs a quote may run on before its closing mark


def within(pos: int, parts: list[tuple[int, int]], pad: int = 0) -> bool:
    """``pos`` falls in one of ``parts`` widened by ``pad`` on each side. The parts are sorted
    and do not overlap, as ``quoted_spans`` finds them, so one bisection answers: an article
    with a thousand quotations asks this of every word."""
    k = bisect_right(parts, (pos + pad, math.inf)) - 1
    return k >= 0 and pos < parts[k][1] + pad


def quoted_spans(text: str, paragraphs: list[Paragraph]) -> list[list[tuple[int, int]]]:
    """The stretches inside quotation marks, one list of per-paragraph parts per quotation."""
    found: list[list[tuple[int, int]]] = []
    parts: list[tuple[int, int]] | None = None
    closers = ""
    seg = 0
    for index, para in enumerate(paragraphs):
        pos = para.start
        if parts is not None:  # running on from the paragraph before
            pos = _skip_space(text, pos, para.end)
            if pos < para.end and text[pos] in CLOSERS and text[pos] != "‘":
                pos += 1  # the conventional re-opening mark of a continued quotation
            seg = pos
        for mark in _MARKS.finditer(text, pos, para.end):  # from mark to mark, not letter by letter
            pos, ch = mark.start(), mark.group()
            width = len(ch)
            if width == 2:
                ch = "\""  # typewriter style (``...'' and ''...''): one double mark
            if parts is None:
                if ch in CLOSERS and _opens(text, pos + width - 1, para.start):
                    parts, closers, seg = [], CLOSERS[ch], pos + width
            elif ch in closers and _closes(text, pos, ch):
                parts.append((seg, pos))
                found.append(parts)
                parts = None
        if parts is not None:
            parts.append((seg, para.end))
            if not _continues(text, paragraphs, index, closers):
                found.append(parts)
                parts = None
    if parts is not None:
        found.append(parts)
    return [trimmed for p in found if (trimmed := _trim(text, p))]


def _opens(text: str, pos: int, para_start: int) -> bool:
    before = text[pos - 1] if pos > para_start else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if after.isspace():
        return False
    if text[pos] in "\"‘":  # straight and single marks also close and apostrophise
        return before in _SPACE_BEFORE_OPEN or before in CLOSERS
    return True


def _closes(text: str, pos: int, mark: str) -> bool:
    if mark != "’":
        return True
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not after.isalpha()  # "don’t" is an apostrophe, "‘no’ " a closing mark


def _continues(text: str, paragraphs: list[Paragraph], index: int, closers: str) -> bool:
    """A quotation left open runs on if the next paragraph re-opens it (the convention for
    multi-paragraph quotes) or a following paragraph closes it before opening another."""
    following = paragraphs[index + 1 : index + 1 + _CONTINUE_LOOKAHEAD]
    if not following:
        return False
    first = text[following[0].start : following[0].end].lstrip()
    if first[:1] in CLOSERS and first[:1] != "‘":
        return True
    for para in following:
        for pos in range(para.start, para.end):
            ch = text[pos]
            if ch in closers and ch in "”»›\"" and (ch != "\"" or not _opens(text, pos, para.start)):
                return True
            if ch in CLOSERS and ch not in closers and _opens(text, pos, para.start):
                return False
    return False


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _trim(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop surrounding space and the trailing comma that belongs to the attribution."""
    out = []
    for start, end in parts:
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if end > start:
            out.append((start, end))
    return out


__all__ = ["CLOSERS", "quoted_spans"]
