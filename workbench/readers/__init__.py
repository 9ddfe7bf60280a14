"""Readers turn one input file into Articles and Problems; they know nothing of spaCy."""

from __future__ import annotations

from pathlib import Path

from ..corpus import SUFFIXES, Article, Problem
from . import html, jsonl, text

_READERS = {"text": text.read, "html": html.read, "jsonl": jsonl.read}


def read_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """Read one file. Never raises for bad content: problems come back as values."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(str(path), f"cannot read file ({exc.strerror or exc})")]
    reader = _READERS[SUFFIXES[path.suffix.lower()]]
    try:
        return reader(str(path), data)
    except Exception as exc:  # a reader bug must not cost the other inputs
        return [], [Problem(str(path), f"could not be read ({type(exc).__name__}: {exc})")]
