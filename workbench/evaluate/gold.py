"""Gold files: the annotated articles (formats: tests/fixtures/quotes/README.md,
tests/fixtures/stances/README.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from workbench.read import read_file
from workbench.read.inputs import assign_ids
from workbench.schema import Article


@dataclass
class Gold:
    article: int  # index into the loaded articles
    start: int
    end: int
    kind: str
    speakers: list[str | None]  # acceptable speakers
    country: str | list[str | None] | None  # a list: a joint subject, any one counts


def load_gold(path: str | os.PathLike) -> tuple[list[Article], list[Gold]]:
    """Articles named by a gold file and their annotated quotes. Raises ValueError when a gold
    text is not found in its article."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    articles: list[Article] = []
    golds: list[Gold] = []
    for item in data.get("articles") or []:
        article = _gold_article(path, item)
        articles.append(article)
        for q in item.get("quotes") or []:
            start = _find(article.text, q["text"], int(q.get("occurrence", 1)))
            if start < 0:
                raise ValueError(f"{path}: {item['file']}: gold text not found: {q['text'][:60]!r}")
            speakers = q.get("speaker")
            golds.append(
                Gold(
                    len(articles) - 1,
                    start,
                    start + len(q["text"]),
                    q.get("kind", ""),
                    speakers if isinstance(speakers, list) else [speakers],
                    q.get("country"),
                )
            )
    assign_ids(articles)
    return articles, golds


def _gold_article(gold: Path, item: dict) -> Article:
    """The article a gold file names (its path is relative to the gold file)."""
    found, problems = read_file(gold.parent / item["file"])
    if not found:
        reason = problems[0].reason if problems else "no article"
        raise ValueError(f"{gold}: cannot read {item['file']}: {reason}")
    return found[0]


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def load_stance_gold(path: str | os.PathLike) -> tuple[list[Article], list[dict[tuple, str]]]:
    """Articles named by a stance gold file and, per article, (country, topic) -> label."""
    articles, cells = load_stance_cells(path)
    return articles, [{(c["country"], c["topic"]): c["label"] for c in item} for item in cells]


def load_stance_cells(path: str | os.PathLike) -> tuple[list[Article], list[list[dict]]]:
    """Articles named by a stance gold file and, per article, its cells as written (country,
    topic, label and the optional evidence)."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    articles, cells = [], []
    for item in data.get("articles") or []:
        articles.append(_gold_article(path, item))
        cells.append(list(item.get("cells") or []))
    assign_ids(articles)
    return articles, cells
