"""Plain text and Markdown, with optional YAML front matter."""

from __future__ import annotations

import re

import yaml

from workbench.read.dates import normalise_date
from workbench.read.decode import decode_file
from workbench.read.structure import opens_with_title, parse_blocks
from workbench.schema import Article, Problem

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
META_KEYS = ("title", "date", "source", "url", "id")


def read(path: str, data: bytes) -> tuple[list[Article], list[Problem]]:
    raw, problems = decode_file(path, data)
    if raw is None:
        return [], problems
    body, meta, meta_problems = split_front_matter(raw, path)
    problems += meta_problems
    if not body.strip():
        return [], problems + [Problem(path, "no text after the front matter")]
    title = meta.get("title")
    blocks = parse_blocks(body, first_line_is_title=opens_with_title(body, title))
    if not title and blocks and blocks[0].kind == "title":
        title = body[blocks[0].start : blocks[0].end]
    article = Article(path=path, text=body, blocks=blocks, title=title, **_rest(meta))
    return [article], problems


def split_front_matter(raw: str, path: str) -> tuple[str, dict, list[Problem]]:
    """Return ``(body, metadata, problems)``; unreadable front matter gives empty metadata."""
    m = _FRONT.match(raw)
    if not m:
        return raw, {}, []
    body = raw[m.end() :]
    try:
        meta = yaml.safe_load(m.group(1))
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for 2026-02-30
        reason = str(exc).splitlines()[0]
        return (
            body,
            {},
            [Problem(path, f"unreadable front matter ignored ({reason})", level="warning")],
        )
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return body, {}, [Problem(path, "front matter is not a mapping; ignored", level="warning")]
    problems: list[Problem] = []
    cleaned = clean_meta(meta, path, problems)
    return body, cleaned, problems


def clean_meta(meta: dict, path: str, problems: list[Problem], line: int | None = None) -> dict:
    """Keep the known keys as strings; dates normalised (a bad date is a warning)."""
    out: dict = {}
    for key in META_KEYS:
        value = meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "date":
            try:
                out["date"] = normalise_date(value)
            except ValueError as exc:
                problems.append(Problem(path, f"{exc}; date left empty", line, "warning"))
            continue
        out[key] = str(value).strip()
    return out


def _rest(meta: dict) -> dict:
    return {k: meta.get(k) for k in ("date", "source", "url", "id")}
