"""Find an article's structure: title, headings, paragraphs, list items, block quotes, attributions.

Pure functions over text. Every block is a ``(kind, start, end)`` span of the article text, markers
("# ", "- ", "> ") and surrounding white space excluded, so offsets index ``articles.text`` exactly.

Plain text (like the seed) marks structure only by lines, so the rules here are about lines:

- the first non-empty line is the title (a Markdown ``#`` stripped);
- Markdown markers are honoured (``#`` headings, ``>`` quotes, ``-``/``*``/``1.`` list items);
- a short, title-cased line without closing punctuation, followed by more text, is a heading;
- a short "Name Surname, Title" line (or "— Name, Title") right after a paragraph is an attribution
  line, and the paragraphs it closes (back to a colon lead-in) are block quotes;
- a line starting in lower case after a line with no closing punctuation continues that paragraph
  (hard-wrapped text); with blank-line separated paragraphs, lines of one chunk are one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.read.interviews import mark_turns
from workbench.schema import Block

_MD_HEADING = re.compile(r"#{1,6}[ \t]+")
_MD_QUOTE = re.compile(r">[ \t]?")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•▪●◦]|\d{1,3}[.)])[ \t]+")
_DASH_LEAD = re.compile(r"(?:—|–|--|―)[ \t]*")
_TERMINAL = tuple(".!?;:,\"”’'»)…")
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'.\-]*$")
_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "di",
    "van",
    "von",
    "der",
    "den",
    "al",
    "el",
    "bin",
    "le",
    "la",
}
_SMALL_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "as",
    "vs",
    "via",
    "into",
    "over",
    "after",
    "before",
    "amid",
    "among",
    "its",
    "is",
    "are",
    "not",
}


@dataclass
class _Line:
    start: int  # content start (after any marker and leading blanks)
    end: int  # content end (trailing blanks and \r excluded)
    kind: str  # "text", "heading", "quote", "item", "blank"
    chunk: int  # index of the blank-line separated chunk


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    chunk = 0
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start = pos
        pos += len(raw)
        stripped = body.strip()
        if not stripped:
            if out and out[-1].kind != "blank":
                chunk += 1
            out.append(_Line(start, start, "blank", chunk))
            continue
        lead = len(body) - len(body.lstrip())
        kind = "text"
        m = _MD_HEADING.match(body, lead)
        if m is None:
            m = _MD_QUOTE.match(body, lead)
            if m is not None:
                kind = "quote"
            else:
                m = _LIST_ITEM.match(body)
                kind = "item" if m is not None else "text"
        else:
            kind = "heading"
        content_start = start + (m.end() if m else lead)
        content_end = start + len(body.rstrip())
        if content_end <= content_start:  # a bare marker such as ">" or "#"
            out.append(_Line(start, start, "blank", chunk))
            continue
        out.append(_Line(content_start, content_end, kind, chunk))
    return out


def _words(s: str) -> list[str]:
    return re.findall(r"[^\s]+", s)


def is_heading_like(line: str) -> bool:
    """A short, title-cased line that does not end a sentence ("Mission Scenarios and ...")."""
    s = line.strip()
    words = _words(s)
    if not words or len(words) > 12 or len(s) > 100:
        return False
    if (s.endswith(_TERMINAL) and not s.endswith("?")) or not s[0].isupper():
        return False
    content = [w.strip("“”\"'’:()") for w in words]
    content = [w for w in content if w and w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capped = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capped / len(content) >= 0.6


def is_attribution(line: str) -> bool:
    """An attribution line: "Alexander Merezhko, People's Deputy of Ukraine", "— Jane Doe, Minister"
    or "— Jane Doe"."""
    s = line.strip()
    dashed = _DASH_LEAD.match(s)
    if dashed:
        s = s[dashed.end() :]
    if not s or len(_words(s)) > 18 or s.endswith((".", ":", "?", "!", ";")):
        return False
    name, sep, title = s.partition(",")
    name_words = _words(name)
    if not 1 <= len(name_words) <= 4:
        return False
    if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in name_words):
        return False
    if not any(_NAME_WORD.match(w) for w in name_words):
        return False
    if sep:
        return bool(title.strip()) and len(name_words) >= 2
    return bool(dashed) and len(name_words) >= 2


def opens_with_title(text: str, title: str | None) -> bool:
    """Whether the first non-empty line of ``text`` is its title: always without a title from the
    metadata; with one, only when the line is a Markdown heading, repeats the title or reads as a
    heading. A body that starts with its first paragraph ("BRUSSELS - For all the staff talks …")
    under a front-matter title must not lose that paragraph to the title."""
    if not title:
        return True
    line = next((ln for ln in text.splitlines() if ln.strip()), "").strip()
    if _MD_HEADING.match(line):
        return True
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold() or (
        is_heading_like(line) and not is_attribution(line)
    )


def _merge_text_lines(lines: list[_Line], text: str, blank_mode: bool) -> list[list[_Line]]:
    """Group consecutive text lines into paragraphs."""
    groups: list[list[_Line]] = []
    prev: _Line | None = None
    for ln in lines:
        if ln.kind == "blank":
            prev = None
            continue
        if ln.kind != "text":
            groups.append([ln])
            prev = ln if ln.kind == "quote" else None
            continue
        join = False
        if prev is not None and prev.kind == "text" and groups:
            prev_s = text[prev.start : prev.end]
            cur_s = text[ln.start : ln.end]
            if blank_mode and prev.chunk == ln.chunk:
                first_of_group = len(groups[-1]) == 1
                join = not (first_of_group and is_heading_like(prev_s)) and not is_attribution(
                    cur_s
                )
            else:
                join = (
                    not prev_s.endswith(_TERMINAL)
                    and cur_s[:1].islower()
                    and not is_heading_like(prev_s)
                )
        if join:
            groups[-1].append(ln)
        else:
            groups.append([ln])
        prev = ln
    return groups


def parse_blocks(text: str, first_line_is_title: bool = True) -> list[Block]:
    """Split ``text`` into blocks with exact offsets. The title is the first non-empty line."""
    lines = _lines(text)
    texty = [ln for ln in lines if ln.kind == "text"]
    # Blank-line mode: paragraphs are separated by blank lines and may be hard-wrapped inside.
    chunks: dict[int, int] = {}
    for ln in texty:
        chunks[ln.chunk] = chunks.get(ln.chunk, 0) + 1
    blank_mode = any(n > 1 for n in chunks.values()) and len(chunks) > 2

    groups = _merge_text_lines(lines, text, blank_mode)
    # Consecutive Markdown quote lines form one block quote (blank ">" lines split it).
    merged: list[list[_Line]] = []
    for g in groups:
        if merged and g[0].kind == "quote" and merged[-1][0].kind == "quote":
            last = merged[-1][-1]
            between = text[last.end : g[0].start]
            if between.count("\n") <= 1:
                merged[-1].extend(g)
                continue
        merged.append(g)

    blocks: list[Block] = []
    n = len(merged)
    for i, g in enumerate(merged):
        start, end, kind = g[0].start, g[-1].end, g[0].kind
        content = text[start:end]
        if i == 0 and first_line_is_title:
            # A title is one line; the rest of its group (if any) is a paragraph.
            blocks.append(Block("title", g[0].start, g[0].end))
            if len(g) > 1:
                blocks.append(Block("paragraph", g[1].start, end))
            continue
        if kind == "heading":
            blocks.append(Block("heading", start, end))
        elif kind == "quote":
            blocks.append(Block("blockquote", start, end))
        elif kind == "item":
            blocks.append(Block("list_item", start, end))
        elif len(g) == 1 and i + 1 < n and is_heading_like(content) and not is_attribution(content):
            blocks.append(Block("heading", start, end))
        else:
            blocks.append(Block("paragraph", start, end))
    return mark_speech(blocks, text)


def mark_speech(blocks: list[Block], text: str) -> list[Block]:
    """The blocks with their speech marked, whatever reader found them: attribution lines and the
    block quotes they close (:func:`mark_quotes`), then an interview's turns (``mark_turns``)."""
    return mark_turns(mark_quotes(blocks, text), text)


def mark_quotes(blocks: list[Block], text: str) -> list[Block]:
    """Mark attribution lines and the block quotes they close.

    An attribution line follows a paragraph or block quote. The paragraphs it closes are block
    quotes: the one right before it, and further back up to a paragraph ending in a colon
    (the lead-in, "Merezhko commented on the proposed deployment:"), at most four.
    """
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind not in ("paragraph", "attribution") or i == 0:
            continue
        line = text[b.start : b.end]
        if "\n" in line or not is_attribution(line):
            continue
        prev = out[i - 1]
        if prev.kind not in ("paragraph", "blockquote"):
            continue
        if prev.kind == "paragraph" and text[prev.start : prev.end].rstrip().endswith(":"):
            continue  # "X said:" followed by a name line is not a closed quote
        out[i] = Block("attribution", b.start, b.end)
        span = [i - 1]
        j = i - 2
        while j >= 0 and len(span) < 4 and out[j].kind in ("paragraph", "blockquote"):
            if text[out[j].start : out[j].end].rstrip().endswith(":"):
                break
            span.append(j)
            j -= 1
        lead_in = j >= 0 and text[out[j].start : out[j].end].rstrip().endswith(":")
        if not lead_in:
            span = [i - 1]  # without a lead-in, only the paragraph right before is the quote
        for k in span:
            out[k] = Block("blockquote", out[k].start, out[k].end)
    return out
