"""Build the pandas tables from records, write them atomically as parquet, and load them back."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .corpus import REJECTED_COLUMNS, TABLES, Article, Corpus, Problem, frame


def article_rows(articles: list[Article]) -> list[dict]:
    return [
        {
            "article_id": a.article_id,
            "path": a.path,
            "title": a.title,
            "date": a.date,
            "source": a.source,
            "url": a.url,
            "text": a.text,
            "n_words": len(a.text.split()),
        }  # fmt: skip
        for a in articles
    ]


def block_rows(article: Article) -> list[dict]:
    return [
        {
            "article_id": article.article_id,
            "block": i,
            "kind": b.kind,
            "start_char": b.start,
            "end_char": b.end,
            "text": article.text[b.start : b.end],
        }  # fmt: skip
        for i, b in enumerate(article.blocks)
    ]


def problem_rows(problems: list[Problem]) -> list[dict]:
    return [
        {"path": p.path, "line": p.line, "level": p.level, "reason": p.reason} for p in problems
    ]


def write_tables(corpus: Corpus, out_dir: str | os.PathLike) -> list[Path]:
    """Write every table of ``corpus`` into ``out_dir``: each file appears whole or not at all."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLES:
        path = out / f"{name}.parquet"
        df = getattr(corpus, name)
        _atomic(path, lambda tmp, df=df: df.to_parquet(tmp, index=False))
        written.append(path)
    path = out / "rejected.csv"
    _atomic(path, lambda tmp: corpus.rejected.to_csv(tmp, index=False))
    written.append(path)
    return written


def _atomic(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(data_dir: str | os.PathLike) -> Corpus:
    """Read the tables written by ``workbench analyse --out DIR`` back into a Corpus."""
    d = Path(data_dir)
    if not (d / "articles.parquet").is_file():
        raise FileNotFoundError(f"{d}: no articles.parquet (run `workbench analyse ... --out {d}`)")
    tables = {name: pd.read_parquet(d / f"{name}.parquet") for name in TABLES}
    rejected_path = d / "rejected.csv"
    rejected = (
        frame(pd.read_csv(rejected_path).to_dict("records"), REJECTED_COLUMNS)
        if rejected_path.is_file() and rejected_path.stat().st_size
        else frame([], REJECTED_COLUMNS)
    )
    return Corpus(**tables, rejected=rejected)
