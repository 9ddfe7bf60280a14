"""HTML pages: main text only (trafilatura), title and publication date from the page.

The article text is rebuilt from trafilatura's XML body, one block per heading, paragraph,
list item or quoted paragraph, separated by blank lines, so block offsets are exact.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree

from ..corpus import Article, Problem
from ..structure import Block, mark_speech, parse_blocks
from .decode import decode_file

_WS = re.compile(r"\s+")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read(path: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    raw, problems = decode_file(path, data)
    if raw is None:
        return [], problems
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            raw,
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura on badly broken markup
        problems.append(Problem(path, f"HTML extraction failed ({exc}); using plain text", None,
                                "warning"))  # fmt: skip
    title = _clean(getattr(doc, "title", None) or "") or None
    date = getattr(doc, "date", None) or None
    parts = _parts(doc.body) if doc is not None and doc.body is not None else []
    if parts:
        text, blocks = _assemble(parts, title)
    else:
        fallback = trafilatura.html2txt(raw) or ""
        if not fallback.strip():
            return [], problems + [Problem(path, "no text could be recovered from the HTML")]
        problems.append(Problem(path, "no main text found; kept the page's plain text", None,
                                "warning"))  # fmt: skip
        text = fallback.strip()
        blocks = parse_blocks(text, first_line_is_title=not title)
    article = Article(
        path=path,
        text=text,
        blocks=blocks,
        title=title or (text[blocks[0].start : blocks[0].end] if blocks else None),
        date=date,
        source=_clean(getattr(doc, "sitename", None) or "") or None,
        url=getattr(doc, "url", None) or None,
    )
    return [article], problems


def _clean(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _parts(body: etree._Element) -> list[tuple[str, str]]:
    """(kind, text) for each block of trafilatura's XML body, in document order."""
    out: list[tuple[str, str]] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            out.append(("heading", _clean("".join(el.itertext()))))
        elif tag == "list":
            out += [("list_item", _clean("".join(i.itertext()))) for i in el.iter("item")]
        elif tag == "quote":
            paras = [p for p in el if p.tag in ("p", "list", "head")]
            if paras:
                out += [("blockquote", _clean("".join(p.itertext()))) for p in paras]
            else:
                out.append(("blockquote", _clean("".join(el.itertext()))))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_clean("".join(c.itertext())) for c in row]
                out.append(("paragraph", " | ".join(c for c in cells if c)))
        else:
            out.append(("paragraph", _clean("".join(el.itertext()))))
    return [(k, t) for k, t in out if t]


def _assemble(parts: list[tuple[str, str]], title: str | None) -> tuple[str, list[Block]]:
    if title and parts[0][0] == "heading" and parts[0][1] == title:
        parts = [("title", title)] + parts[1:]
    elif title:
        parts = [("title", title)] + parts
    pieces: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, t in parts:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        blocks.append(Block(kind, pos, pos + len(t)))
        pieces.append(t)
        pos += len(t)
    text = "".join(pieces)
    return text, mark_speech(blocks, text)
