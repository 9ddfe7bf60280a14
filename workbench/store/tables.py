"""Build the pandas tables from records, write them atomically as parquet, and load them back."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from workbench.schema import REJECTED_COLUMNS, TABLES, Article, Corpus, Problem, frame
from workbench.store.identity import Identities
from workbench.store.publish import (
    RUN_KEY,
    WAIT,
    check_one_run,
    new_run_id,
    staging,
    table_files,
)


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
        }
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
        }
        for i, b in enumerate(article.blocks)
    ]


def problem_rows(problems: list[Problem]) -> list[dict]:
    return [
        {"path": p.path, "line": p.line, "level": p.level, "reason": p.reason} for p in problems
    ]


def write_tables(corpus: Corpus, out_dir: str | os.PathLike, *, wait: float = WAIT) -> list[Path]:
    """Write every table of ``corpus`` into ``out_dir`` as one set (see
    :mod:`workbench.store.publish`): the files appear together, or the old ones stay as they
    were. Returns the files written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id()
    with staging(out, wait) as stage:
        for name in TABLES:
            table = pa.Table.from_pandas(getattr(corpus, name), preserve_index=False)
            table = table.replace_schema_metadata(_stamp(table.schema, run_id))
            pq.write_table(table, stage.temp(f"{name}.parquet"))
        _write_csv(corpus.rejected, stage.temp("rejected.csv"))
        rows = {name: len(getattr(corpus, name)) for name in [*TABLES, "rejected"]}
        stage.publish(run_id, rows)
    return [*(out / f"{name}.parquet" for name in TABLES), out / "rejected.csv"]


PARTITIONS = (None, "month")
UNDATED = "undated"


def write_chunks(
    chunks: Iterable[Corpus],
    out_dir: str | os.PathLike,
    *,
    wait: float = WAIT,
    partition: str | None = None,
) -> dict[str, int]:
    """Stream partial corpora (:func:`workbench.run.pipeline.analyse_chunks`) into the same files
    :func:`write_tables` writes, one parquet row group per chunk, so memory stays flat in corpus
    size. The files appear together, at the end, or the old ones stay as they were; the folder
    is locked meanwhile (:mod:`workbench.store.publish`). The quotes get the person countries the
    whole corpus knows (:mod:`workbench.store.identity`) in a second pass over their row groups.

    ``partition="month"`` writes each table as a partitioned dataset instead: the folder
    ``NAME/`` with one file per month of the articles' dates, ``NAME/2026-03.parquet`` (rows of
    undated articles in ``NAME/undated.parquet``), which :func:`load` and the SQL views read
    alike. Returns the row count of each table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if partition not in PARTITIONS:
        raise ValueError(f"partition must be 'month' or None, not {partition!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id()
    with staging(out, wait) as stage:
        writers, counts, rejected = {}, dict.fromkeys(TABLES, 0), []
        folders = {name: stage.folder(name) for name in TABLES} if partition else {}

        schemas = {}
        for name in TABLES:
            schema = pa.Schema.from_pandas(frame([], TABLES[name]), preserve_index=False)
            schemas[name] = schema.with_metadata(_stamp(schema, run_id))

        def writer(name: str, part: str | None = None) -> pq.ParquetWriter:
            if (name, part) not in writers:
                path = (
                    str(folders[name] / f"{part}.parquet")
                    if part
                    else stage.temp(f"{name}.parquet")
                )
                writers[(name, part)] = pq.ParquetWriter(path, schemas[name])
            return writers[(name, part)]

        ids = Identities()
        try:
            for corpus in chunks:
                ids.add(corpus)
                months = _months(corpus.articles) if partition else None
                for name in TABLES:
                    df = getattr(corpus, name)
                    table = pa.Table.from_pandas(df, schema=schemas[name], preserve_index=False)
                    parts = [(None, table)] if months is None else _by_month(table, months)
                    for part, rows in parts:
                        writer(name, part).write_table(rows)
                    counts[name] += len(df)
                rejected.append(corpus.rejected)
            if not partition:
                for name in TABLES:
                    writer(name)  # an empty table is still a file
            for key in list(writers):
                writers[key].close()  # a file too big for the disk fails here
                del writers[key]
            _refill_quotes(stage, ids, folders.get("quotes"))
        finally:
            for sink in writers.values():
                _abandon(sink)
        problems = (
            pd.concat(rejected, ignore_index=True) if rejected else frame([], REJECTED_COLUMNS)
        )
        _write_csv(problems, stage.temp("rejected.csv"))
        counts["rejected"] = len(problems)
        stage.publish(run_id, dict(counts))
    counts["errors"] = int((problems["level"] == "error").sum())
    return counts


def _by_month(table, months: dict[str, str]):
    """The rows of an Arrow ``table`` split by their article's month (``undated`` when it has
    none), month by month; the split is done by Arrow, not by copying a pandas frame."""
    import pyarrow as pa
    import pyarrow.compute as pc

    key = pa.array([months.get(a, UNDATED) for a in table.column("article_id").to_pylist()])
    for month in sorted(pc.unique(key).to_pylist()):
        yield month, table.filter(pc.equal(key, month))


def _months(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> the month of its date (``2026-03``); undated articles are left out."""
    dates = articles.date.astype("string").str.slice(0, 7)
    ok = dates.str.fullmatch(r"\d{4}-\d{2}").fillna(False).astype(bool)
    return dict(zip(articles.article_id[ok], dates[ok], strict=True))


def _refill_quotes(stage, ids: Identities, folder: Path | None = None) -> None:
    """Rewrite the staged quotes (the file, or each file of the ``folder``) row group by row
    group with ``ids`` filled in."""
    if not ids.known:
        return
    if folder is None:
        first = stage.temps["quotes.parquet"]
        _refill_file(first, stage.temp("quotes.parquet"), ids)
        return
    for path in sorted(folder.glob("*.parquet")):
        tmp = path.with_name(f".{path.name}.refill")
        _refill_file(str(path), str(tmp), ids)
        os.replace(tmp, path)


def _refill_file(source_path: str, target: str, ids: Identities) -> None:
    """Copy ``source_path`` to ``target`` with ``ids`` filled in; ``source_path`` is removed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = pq.ParquetFile(source_path)
    sink = pq.ParquetWriter(target, source.schema_arrow)
    try:
        for i in range(source.num_row_groups):
            df = ids.fill(source.read_row_group(i).to_pandas())
            sink.write_table(pa.Table.from_pandas(df, schema=sink.schema, preserve_index=False))
        sink.close()
    except BaseException:
        _abandon(sink)
        raise
    finally:
        source.close()
        os.remove(source_path)


def _stamp(schema, run_id: str) -> dict[bytes, bytes]:
    """``schema``'s metadata with the run id added."""
    return {**(schema.metadata or {}), RUN_KEY: run_id.encode()}


def _write_csv(df: pd.DataFrame, path: str) -> None:
    """Every text field quoted, so a carriage return or newline in a file name stays inside its
    field (unquoted, a lone carriage return splits the row when read back)."""
    df.to_csv(path, index=False, quoting=csv.QUOTE_NONNUMERIC)


def _abandon(writer) -> None:
    """Close a writer whose file is thrown away. pyarrow retries a failed close when the writer
    is collected, and prints "Exception ignored" with a traceback; mark it closed instead."""
    try:
        writer.close()
    except OSError:
        pass
    finally:
        writer.is_open = False


_TEXT = {"path": str, "level": str, "reason": str}


def _present(columns: list[str], names: list[str], table: str) -> list[str] | None:
    """The ``columns`` the file has (None: all of them, when every column was asked for)."""
    if columns == TABLES[table]:
        return None
    return [c for c in columns if c in names]


def _whole(parts: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """One table from its files' frames, every column of the schema there (null if not read)."""
    if len(parts) == 1 and list(parts[0].columns) == TABLES[name]:
        return parts[0]
    empty = frame([], TABLES[name])
    df = pd.concat(parts, ignore_index=True) if parts else empty
    if list(df.columns) == TABLES[name]:
        return df
    return df.reindex(columns=TABLES[name]).astype(empty.dtypes.to_dict())


def load(
    data_dir: str | os.PathLike,
    tables: Iterable[str] | None = None,
    columns: Mapping[str, Iterable[str]] | None = None,
) -> Corpus:
    """Read the tables written by ``workbench analyse --out DIR`` back into a Corpus: each table
    a file (``NAME.parquet``) or a partitioned dataset (the folder ``NAME/``, its files in name
    order). ``tables`` reads only those (the others come back empty) and ``columns`` (table ->
    column names) only those columns (the others come back null), to keep a large corpus small
    in memory; every file is still checked. Raises
    :class:`~workbench.store.publish.MixedTables` when the files come from different runs."""
    import pyarrow.parquet as pq

    d = Path(data_dir)
    table_files(d, "articles")  # FileNotFoundError: not a folder of tables
    wanted = set(TABLES if tables is None else tables)
    out, runs = {}, {}
    for name in TABLES:
        parts = []
        cols = list((columns or {}).get(name, TABLES[name]))
        for path in table_files(d, name):
            with open(path, "rb") as f:  # one open file: metadata and rows agree
                schema = pq.read_schema(f)
                run = (schema.metadata or {}).get(RUN_KEY)
                runs[str(path.relative_to(d))] = run.decode() if run is not None else None
                if name in wanted:
                    f.seek(0)  # columns an older version did not write come back null
                    parts.append(pd.read_parquet(f, columns=_present(cols, schema.names, name)))
        out[name] = _whole(parts, name)
    rejected_path = d / "rejected.csv"
    raw = rejected_path.read_bytes() if rejected_path.is_file() else b""
    check_one_run(d, runs, raw)
    rejected = (
        frame(pd.read_csv(io.BytesIO(raw), dtype=_TEXT).to_dict("records"), REJECTED_COLUMNS)
        if raw
        else frame([], REJECTED_COLUMNS)
    )
    return Corpus(**out, rejected=rejected)
