"""The shapes every stage shares: the stance scale, blocks, articles, input problems, the table
columns and the Corpus of tables. Plain Python and pandas: no stage below, no spaCy."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum

import pandas as pd


class Stance(float, Enum):
    """The stance scale, from support to opposition: each point's value and label."""

    SUPPORT = 1.0
    CONDITIONAL = 0.5
    NEUTRAL = 0.0
    SCEPTICAL = -0.5
    OPPOSE = -1.0

    @property
    def label(self) -> str:
        return self.name.lower()


SCALE: dict[float, str] = {float(s.value): s.label for s in Stance}  # value -> label
LABELS: dict[str, float] = {label: value for value, label in SCALE.items()}  # label -> value


@dataclass(frozen=True)
class Block:
    """One structural unit of an article: ``text[start:end]`` is its content."""

    kind: str
    start: int
    end: int


ARTICLE_COLUMNS = ["article_id", "path", "title", "date", "source", "url", "text", "n_words"]
ENTITY_COLUMNS = [
    "article_id",
    "start_char",
    "end_char",
    "text",
    "label",
    "canonical",
    "kind",
    "country_code",
    "role_class",
]
BLOCK_COLUMNS = ["article_id", "block", "kind", "start_char", "end_char", "text"]
QUOTE_COLUMNS = [
    "article_id",
    "quote_id",
    "kind",
    "text",
    "start_char",
    "end_char",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_country",
    "cue",
    "cue_start",
    "cue_end",
    "paragraph",
    "origin",
    "speaker_kind",
    "co_speakers",
    "country_via",
]
# quotes.speaker_kind: the first three name the speaker (docs/tables.md#quotes)
SPEAKER_KINDS = (
    "person",
    "government",
    "organisation",
    "group",
    "anonymous",
    "document",
    "unresolved",
)
NAMED_SPEAKERS = SPEAKER_KINDS[:3]
REJECTED_COLUMNS = ["path", "line", "level", "reason"]
STANCE_COLUMNS = [
    "article_id",
    "actor",
    "country_code",
    "role_class",
    "topic",
    "stance",
    "label",
    "confidence",
    "voiced_by",
    "attribution",
    "evidence",
    "start_char",
    "end_char",
    "quote_id",
    "rule",
    "cue",
    "cue_class",
    "holder_via",
    "topic_via",
    "p",
    "origin",
]
TABLES = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "blocks": BLOCK_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "stances": STANCE_COLUMNS,
}
_FLOAT_COLUMNS = {"stance", "confidence", "p"}
_INT_COLUMNS = {
    "start_char",
    "end_char",
    "block",
    "n_words",
    "line",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "paragraph",
}


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns``: integers as Int64, everything else as strings."""
    df = pd.DataFrame(rows, columns=columns)
    for col in columns:
        kind = "Int64" if col in _INT_COLUMNS else "Float64" if col in _FLOAT_COLUMNS else "string"
        df[col] = df[col].astype(kind)
    return df


@dataclass
class Article:
    """One article as read from disk; offsets in every table index ``text``."""

    path: str
    text: str
    blocks: list[Block]
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    id: str | None = None  # from metadata, if any
    line: int | None = None  # line number inside a .jsonl file
    article_id: str = ""  # assigned by assign_ids()


@dataclass(frozen=True)
class Problem:
    """A rejected input (level "error") or a warning about one that was still read."""

    path: str
    reason: str
    line: int | None = None
    level: str = "error"

    def __str__(self) -> str:
        path = quote_path(self.path)
        where = f"{path}:{self.line}" if self.line else path
        word = "rejected" if self.level == "error" else "warning"
        return f"workbench: {word}: {where}: {_escape(self.reason)}"


def quote_path(path: str | os.PathLike) -> str:
    """A path safe to print on one line: as it is, or, when it holds a control character (a
    newline could forge a message line), as a Python string literal with the character escaped."""
    text = os.fspath(path)
    return repr(text) if _escape(text) != text else text


def path_name(path: str | os.PathLike) -> str:
    """``path`` as text for messages and tables: a byte of a name that is not UTF-8 (kept by
    Python as a lone surrogate, which no table can store) is written ``\\xNN``."""
    return os.fspath(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _escape(text: str) -> str:
    """``text`` with control characters (and lone surrogates from undecodable names) escaped."""
    if text.isprintable() and text.isascii():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass
class Corpus:
    """The analysed tables. Every offset indexes ``articles.text`` of the same ``article_id``."""

    articles: pd.DataFrame = field(default_factory=lambda: frame([], ARTICLE_COLUMNS))
    entities: pd.DataFrame = field(default_factory=lambda: frame([], ENTITY_COLUMNS))
    blocks: pd.DataFrame = field(default_factory=lambda: frame([], BLOCK_COLUMNS))
    quotes: pd.DataFrame = field(default_factory=lambda: frame([], QUOTE_COLUMNS))
    stances: pd.DataFrame = field(default_factory=lambda: frame([], STANCE_COLUMNS))
    rejected: pd.DataFrame = field(default_factory=lambda: frame([], REJECTED_COLUMNS))

    def __repr__(self) -> str:
        return (
            f"Corpus({len(self.articles)} articles, {len(self.entities)} entities, "
            f"{len(self.quotes)} quotes, {len(self.stances)} stances, "
            f"{len(self.rejected)} problems)"
        )


def snap(score: float) -> float:
    """The nearest point of the scale (ties go towards neutral). The score is rounded first, so
    that an exact tie (-0.25) is not decided by float noise in the summation order."""
    score = round(score, 9)
    return min(sorted(SCALE, key=abs), key=lambda p: abs(p - score))


def position(stances: list[float], weights: list[float]) -> tuple[float, float]:
    """(snapped position, weighted mean) of statements. Support qualified by a condition is
    conditional support: when every statement is positive and one is conditional, the position
    is 0.5."""
    score = sum(w * s for w, s in zip(weights, stances, strict=True)) / sum(weights)
    return point(score, all(s > 0 for s in stances), 0.5 in stances), score


def point(score: float, all_positive: bool, any_conditional: bool) -> float:
    """The scale point of a weighted mean ``score``: support qualified by a condition stays
    conditional (every statement positive, one conditional -> 0.5); otherwise the snapped score."""
    return 0.5 if all_positive and any_conditional else snap(score)
