"""Pair quotation marks into quoted spans, block by block.

Double marks only: curly “ ” (and „ “, « »), straight ", and the typewriter '' used by some
outlets. Single marks are left alone: they are apostrophes far more often than quotes.

Pairing never leaks across blocks: an unbalanced mark (a missing closing mark, an inch mark as in
6'3") can only affect its own paragraph. A quote that spans paragraphs, reopening “ at each one and
closing only at the end, is followed across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.schema import Block

_MARK = re.compile(r"''|``|[“”„‟«»\"]")
_OPENERS = {"“", "„", "‟", "«", "``"}
_CLOSERS = {"”", "»"}
_TOGGLES = {'"', "''"}
_QUOTABLE = {"paragraph", "list_item", "blockquote", "attribution", "question", "answer"}


@dataclass(frozen=True)
class Quoted:
    """A quoted span: ``start:end`` is the text inside the marks."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark; None when it is missing
    close_end: int | None  # offset just after the closing mark
    first_block: int
    last_block: int


def _is_inch(text: str, i: int) -> bool:
    """A straight mark right after a digit is an inch or feet mark (6'3", a 12" gun)."""
    return i > 0 and text[i - 1].isdigit()


def _can_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:;,/") and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quoted(text: str, blocks: list[Block]) -> list[Quoted]:
    """Quoted spans in the quotable blocks of ``text`` (titles and headings are skipped)."""
    out: list[Quoted] = []
    carry: tuple[int, int, int] | None = None  # (open_at, start, first_block) continuing a quote
    for bi, block in enumerate(blocks):
        if block.kind not in _QUOTABLE:
            carry = None
            continue
        open_: tuple[int, int, int, str] | None = None  # (open_at, start, first_block, mark)
        marks = list(_MARK.finditer(text, block.start, block.end))
        if carry is not None:
            lead = text[block.start : marks[0].start()] if marks else "x"
            if marks and not lead.strip() and marks[0].group() in _OPENERS | _TOGGLES:
                open_ = (carry[0], carry[1], carry[2], marks[0].group())
                marks = marks[1:]  # the reopening mark continues the quote
            carry = None
        for m in marks:
            mark, i = m.group(), m.start()
            if mark in _TOGGLES and _is_inch(text, i):
                continue
            if open_ is None:
                if mark in _OPENERS or (mark in _TOGGLES and _can_open(text, i, len(mark))):
                    open_ = (i, m.end(), bi, mark)
                continue
            closes = (
                mark in _CLOSERS
                or (mark in _TOGGLES and _can_close(text, i))
                or (mark == "“" and open_[3] == "„")
            )
            if closes:
                out.append(Quoted(open_[1], i, open_[0], i, m.end(), open_[2], bi))
                open_ = None
            elif mark in _OPENERS or mark in _TOGGLES:
                open_ = (i, m.end(), bi, mark)  # an unclosed quote before: start again here
        if open_ is not None:
            nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
            reopens = nxt is not None and _MARK.match(text, _skip_space(text, nxt.start))
            lead = text[blocks[open_[2]].start : open_[0]].rstrip()
            opens_speech = not lead or lead.endswith((":", ","))  # not “a long winter.
            if reopens and nxt.kind in _QUOTABLE and opens_speech:
                carry = (open_[0], open_[1], open_[2])
            else:  # a missing closing mark: the quote runs to the end of its paragraph
                out.append(Quoted(open_[1], block.end, open_[0], None, None, open_[2], bi))
    return [q for q in out if text[q.start : q.end].strip()]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i
