"""JSON Lines: one article per line with ``text`` and optional id, title, date, source, url."""

from __future__ import annotations

import json

from workbench.read.decode import decode_file
from workbench.read.structure import opens_with_title, parse_blocks
from workbench.read.text import clean_meta
from workbench.schema import Article, Problem


def read(path: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    raw, problems = decode_file(path, data)
    if raw is None:
        return [], problems
    articles: list[Article] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(path, f"malformed JSON ({exc.msg} at column {exc.colno})", lineno)
            )
            continue
        if not isinstance(record, dict):
            problems.append(Problem(path, "line is not a JSON object", lineno))
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(Problem(path, "no 'text' field with content", lineno))
            continue
        meta = clean_meta(record, path, problems, lineno)
        title = meta.get("title")
        blocks = parse_blocks(text, first_line_is_title=opens_with_title(text, title))
        if not title and blocks and blocks[0].kind == "title":
            title = text[blocks[0].start : blocks[0].end]
        articles.append(
            Article(
                path=path,
                text=text,
                blocks=blocks,
                title=title,
                date=meta.get("date"),
                source=meta.get("source"),
                url=meta.get("url"),
                id=meta.get("id"),
                line=lineno,
            )
        )
    return articles, problems
