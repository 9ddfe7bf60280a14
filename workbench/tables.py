"""Build the pandas tables from records, write them atomically as parquet, and load them back."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable
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
    _atomic(path, lambda tmp: _write_csv(corpus.rejected, tmp))
    written.append(path)
    return written


def write_chunks(chunks: Iterable[Corpus], out_dir: str | os.PathLike) -> dict[str, int]:
    """Stream partial corpora (:func:`workbench.pipeline.analyse_chunks`) into the same files
    :func:`write_tables` writes, one parquet row group per chunk, so memory stays flat in corpus
    size. Files appear whole, at the end, or not at all. Returns the row count of each table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    temps = {name: _temp(out / f"{name}.parquet") for name in TABLES}
    writers, counts, rejected = {}, dict.fromkeys(TABLES, 0), []
    try:
        for corpus in chunks:
            for name, columns in TABLES.items():
                df = getattr(corpus, name)
                if name not in writers:
                    schema = pa.Schema.from_pandas(frame([], columns), preserve_index=False)
                    writers[name] = pq.ParquetWriter(temps[name], schema)
                table = pa.Table.from_pandas(df, schema=writers[name].schema, preserve_index=False)
                writers[name].write_table(table)
                counts[name] += len(df)
            rejected.append(corpus.rejected)
        for writer in writers.values():
            writer.close()
        writers = {}
        problems = (
            pd.concat(rejected, ignore_index=True) if rejected else frame([], REJECTED_COLUMNS)
        )
        _atomic(out / "rejected.csv", lambda tmp: _write_csv(problems, tmp))
        counts["rejected"] = len(problems)
        counts["errors"] = int((problems["level"] == "error").sum())
        for name, tmp in temps.items():
            os.replace(tmp, out / f"{name}.parquet")
    finally:
        for writer in writers.values():
            writer.close()
        for tmp in temps.values():
            Path(tmp).unlink(missing_ok=True)
    return counts


def _write_csv(df: pd.DataFrame, path: str) -> None:
    """Every text field quoted, so a carriage return or newline in a file name stays inside its
    field (unquoted, a lone carriage return splits the row when read back)."""
    df.to_csv(path, index=False, quoting=csv.QUOTE_NONNUMERIC)


def _temp(path: Path) -> str:
    """An empty temporary file beside ``path``, renamed onto it once written. mkstemp makes it
    private (0600); it gets the permissions of any new file (0666 less the umask), so that
    colleagues sharing a data folder can read the tables."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    return tmp


def _atomic(path: Path, write) -> None:
    tmp = _temp(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_TEXT = {"path": str, "level": str, "reason": str}


def load(data_dir: str | os.PathLike) -> Corpus:
    """Read the tables written by ``workbench analyse --out DIR`` back into a Corpus."""
    d = Path(data_dir)
    if not (d / "articles.parquet").is_file():
        raise FileNotFoundError(f"{d}: no articles.parquet (run `workbench analyse ... --out {d}`)")
    tables = {name: pd.read_parquet(d / f"{name}.parquet") for name in TABLES}
    rejected_path = d / "rejected.csv"
    rejected = (
        frame(pd.read_csv(rejected_path, dtype=_TEXT).to_dict("records"), REJECTED_COLUMNS)
        if rejected_path.is_file() and rejected_path.stat().st_size
        else frame([], REJECTED_COLUMNS)
    )
    return Corpus(**tables, rejected=rejected)
