"""HTML pages: main text only (trafilatura), title and publication date from the page.

The article text is rebuilt from trafilatura's XML body, one block per heading, paragraph,
list item or quoted paragraph, separated by blank lines, so block offsets are exact.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.utils import repair_faulty_html

from workbench.read.decode import decode_file
from workbench.read.structure import mark_speech, parse_blocks
from workbench.schema import Article, Block, Problem

_WS = re.compile(r"\s+")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
MAX_DEPTH = 2048  # libxml2's nesting limit with its huge-tree option (256 without)


def read(path: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    raw, problems = decode_file(path, data)
    if raw is None:
        return [], problems
    page, too_deep = _parse(raw)
    if too_deep:
        lost = f"{_TOO_DEEP}; the text below that depth is lost"
        problems.append(Problem(path, lost, level="warning"))
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            page,
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            favor_recall=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura on badly broken markup
        problems.append(
            Problem(path, f"HTML extraction failed ({exc}); using plain text", None, "warning")
        )
    title = _clean(getattr(doc, "title", None) or "") or None
    date = getattr(doc, "date", None) or None
    parts = _parts(doc.body) if doc is not None and doc.body is not None else []
    if parts:
        text, blocks = _assemble(parts, title)
    else:
        fallback = trafilatura.html2txt(page) or ""
        if not fallback.strip():
            reason = _TOO_DEEP if too_deep else "no text could be recovered from the HTML"
            problems = [p for p in problems if not p.reason.startswith(_TOO_DEEP)]
            return [], problems + [Problem(path, reason)]
        problems.append(
            Problem(path, "no main text found; kept the page's plain text", None, "warning")
        )
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


_LIMIT = [etree.ErrorTypes.ERR_RESOURCE_LIMIT]
_TOO_DEEP = f"HTML nested deeper than {MAX_DEPTH} elements"


def _parse(raw: str) -> tuple[lxml.html.HtmlElement | str, bool]:
    """``(page, too_deep)``: the page parsed as trafilatura parses it, but with libxml2's huge-tree
    option, so nesting up to MAX_DEPTH deep is kept (by default libxml2 stops at 256 and the
    text below is lost). ``page`` is the raw text again when lxml finds no tree; ``too_deep``
    says the parse stopped at MAX_DEPTH."""
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    beginning = raw[:50].lower()
    try:
        tree = lxml.html.fromstring(
            repair_faulty_html(raw, beginning).encode("utf-8", "surrogatepass"), parser=parser
        )
    except (etree.ParserError, ValueError):
        return raw, False
    if len(tree) < (2 if "html" not in beginning else 1):  # trafilatura's own test of a page
        return raw, False
    too_deep = any("depth" in e.message for e in parser.error_log.filter_types(_LIMIT))
    return tree, too_deep


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
