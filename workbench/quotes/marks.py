"""Pair quotation marks into quoted spans, block by block.

Double marks only: curly “ ” (and „ “, « »), straight ", and the typewriter '' used by some
outlets. Single marks are left alone: they are apostrophes far more often than quotes.

Marks of another family inside an open quote are nested, not a close: straight quotes inside
curly ones (“Type alert("x") here,” she said), curly inside straight, guillemets inside either. The
outer pair is the quote; the inner marks are part of its text. A nested mark that cannot open (a
straight mark before a space, as in “We are ready," she said) still closes the outer quote. When
the outer quote never closes in its paragraph (a stray mark opening a paragraph: "In 1960 … “at
this time,” he said), nothing is nested there: the inner pair is the quote.

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
_FAMILY = {"“": "curly", "”": "curly", "„": "curly", "‟": "curly", "«": "angle", "»": "angle"}
_FAMILY |= {'"': "straight", "''": "typewriter", "``": "typewriter"}
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


def _closes(text: str, i: int, mark: str, opener: str) -> bool:
    """Whether ``mark`` at ``i`` closes a quote opened by ``opener``."""
    return (
        mark in _CLOSERS
        or (mark in _TOGGLES and _can_close(text, i))
        or (mark == "“" and opener == "„")
    )


_Open = tuple[int, int, int, str]  # (open_at, start, first_block, mark) of an open quote


def _pair(
    text: str, marks: list[re.Match], open_: _Open | None, bi: int, nest: bool
) -> tuple[list[Quoted], _Open | None, bool]:
    """The quotes closed in one block's ``marks``, the quote still open at its end, and whether
    that open quote holds a nested pair (a stray opening mark before “…” is not an outer quote)."""
    out: list[Quoted] = []
    inner: str | None = None  # the opening mark of a pair nested in the open quote
    nested = False
    for m in marks:
        mark, i = m.group(), m.start()
        if mark in _TOGGLES and _is_inch(text, i):
            continue
        if open_ is None:
            if mark in _OPENERS or (mark in _TOGGLES and _can_open(text, i, len(mark))):
                open_, nested = (i, m.end(), bi, mark), False
            continue
        outer = _FAMILY[open_[3]]
        if inner is not None:  # inside a nested pair: its close, or the outer close
            if _FAMILY[mark] == _FAMILY[inner] and _closes(text, i, mark, inner):
                inner = None
                continue
            if _FAMILY[mark] != outer or not _closes(text, i, mark, open_[3]):
                continue
            inner = None
        elif (
            nest
            and _FAMILY[mark] != outer
            and (mark in _OPENERS or mark in _TOGGLES)
            and _can_open(text, i, len(mark))
        ):
            inner, nested = mark, True  # “Type alert("x") here,”: the inner pair is quoted text
            continue
        if _closes(text, i, mark, open_[3]):
            out.append(Quoted(open_[1], i, open_[0], i, m.end(), open_[2], bi))
            open_ = None
        elif mark in _OPENERS or mark in _TOGGLES:
            open_, nested = (i, m.end(), bi, mark), False  # an unclosed quote before: restart
    return out, open_, nested and open_ is not None


def find_quoted(text: str, blocks: list[Block]) -> list[Quoted]:
    """Quoted spans in the quotable blocks of ``text`` (titles and headings are skipped)."""
    out: list[Quoted] = []
    carry: tuple[int, int, int] | None = None  # (open_at, start, first_block) continuing a quote
    for bi, block in enumerate(blocks):
        if block.kind not in _QUOTABLE:
            carry = None
            continue
        open_: _Open | None = None
        marks = list(_MARK.finditer(text, block.start, block.end))
        if carry is not None:
            lead = text[block.start : marks[0].start()] if marks else "x"
            if marks and not lead.strip() and marks[0].group() in _OPENERS | _TOGGLES:
                open_ = (carry[0], carry[1], carry[2], marks[0].group())
                marks = marks[1:]  # the reopening mark continues the quote
            carry = None
        found, last, nested = _pair(text, marks, open_, bi, nest=True)
        if last is not None and nested:  # the outer quote never closes: no nesting after all
            found, last, _ = _pair(text, marks, open_, bi, nest=False)
        out += found
        open_ = last
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


_MINOR = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to"}
_MINOR |= {"vs.", "with", "is", "&"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w'’.-]*")


def is_title(text: str) -> bool:
    """Quoted words in title case are a name or a title, not a quote: “Morning Joe”, “The Big
    Short”, “Guardians of the Galaxy” (two to seven words, every word but the minor ones
    capitalised; shouting in capitals and questions are quotes)."""
    words = _WORD.findall(text)
    if not 2 <= len(words) <= 7 or text.rstrip().endswith(("?", "!")):
        return False
    if any(w.isupper() and len(w) > 1 and not w.endswith(".") for w in words):
        return False  # “MAKE MEXICO GREAT AGAIN”
    return words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words
    )
