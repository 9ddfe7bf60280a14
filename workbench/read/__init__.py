"""Readers turn one input file into Articles and Problems; they know nothing of spaCy."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.read import html, jsonl, text
from workbench.read.inputs import SUFFIXES, not_regular
from workbench.schema import Article, Problem, path_name

_READERS = {"text": text.read, "html": html.read, "jsonl": jsonl.read}
MAX_CHARS = 1_000_000  # characters an article may have (``--max-chars``); spaCy's own default
BYTES_PER_CHAR = 4  # UTF-8 spends at most 4 bytes on a character


def read_file(path: Path, max_chars: int = MAX_CHARS) -> tuple[list[Article], list[Problem]]:
    """Read one file. Never raises for bad content: problems come back as values.

    An article longer than ``max_chars`` characters is rejected (a JSON line: that line). A .txt,
    .md or .html file larger than ``BYTES_PER_CHAR * max_chars`` bytes cannot hold a shorter
    article and is rejected from its size on disk, unread. Only regular files are opened.
    """
    kind, name = SUFFIXES[path.suffix.lower()], path_name(path)
    try:
        data = _read_bytes(path, None if kind == "jsonl" else BYTES_PER_CHAR * max_chars)
    except _Unreadable as exc:
        return [], [Problem(name, str(exc))]
    except OSError as exc:
        return [], [Problem(name, f"cannot read file ({exc.strerror or exc})")]
    try:
        articles, problems = _READERS[kind](name, data)
    except Exception as exc:  # a reader bug must not cost the other inputs
        return [], [Problem(name, f"could not be read ({type(exc).__name__}: {exc})")]
    kept = []
    for a in articles:
        if len(a.text) <= max_chars:
            kept.append(a)
        else:
            reason = f"article is {len(a.text):,} characters, over the limit of {max_chars:,}"
            problems.append(Problem(a.path, f"{reason} (--max-chars)", a.line))
    return kept, problems


class _Unreadable(Exception):
    """A file not read at all; the message is the reason."""


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    """The file's bytes, if it is a regular file no larger than ``max_bytes``; a named pipe is
    never opened (it would block), and the file's type is checked again once open."""
    if not path.is_file():
        raise _Unreadable(not_regular(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(not_regular(path))
        if max_bytes is None:
            return f.read()
        if info.st_size <= max_bytes:
            data = f.read(max_bytes + 1)  # no more, should the file grow meanwhile
            if len(data) <= max_bytes:
                return data
        raise _Unreadable(
            f"file is {max(info.st_size, max_bytes + 1):,} bytes, too large to hold an article "
            f"of at most {max_bytes // BYTES_PER_CHAR:,} characters (--max-chars)"
        )
