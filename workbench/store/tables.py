"""Build the pandas tables from records, write them atomically as parquet, and load them back."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from workbench.schema import REJECTED_COLUMNS, TABLES, Article, Corpus, Problem, frame
from workbench.store.identity import Identities
from workbench.store.publish import RUN_KEY, WAIT, check_one_run, new_run_id, staging


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


def write_chunks(
    chunks: Iterable[Corpus], out_dir: str | os.PathLike, *, wait: float = WAIT
) -> dict[str, int]:
    """Stream partial corpora (:func:`workbench.run.pipeline.analyse_chunks`) into the same files
    :func:`write_tables` writes, one parquet row group per chunk, so memory stays flat in corpus
    size. The files appear together, at the end, or the old ones stay as they were; the folder
    is locked meanwhile (:mod:`workbench.store.publish`). The quotes get the person countries the
    whole corpus knows (:mod:`workbench.store.identity`) in a second pass over their row groups.
    Returns the row count of each table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run_id = new_run_id()
    with staging(out, wait) as stage:
        writers, counts, rejected = {}, dict.fromkeys(TABLES, 0), []

        def writer(name: str) -> pq.ParquetWriter:
            if name not in writers:
                schema = pa.Schema.from_pandas(frame([], TABLES[name]), preserve_index=False)
                schema = schema.with_metadata(_stamp(schema, run_id))
                writers[name] = pq.ParquetWriter(stage.temp(f"{name}.parquet"), schema)
            return writers[name]

        ids = Identities()
        try:
            for corpus in chunks:
                ids.add(corpus)
                for name in TABLES:
                    df, sink = getattr(corpus, name), writer(name)
                    sink.write_table(
                        pa.Table.from_pandas(df, schema=sink.schema, preserve_index=False)
                    )
                    counts[name] += len(df)
                rejected.append(corpus.rejected)
            for name in TABLES:
                writer(name).close()  # a file too big for the disk fails here
                del writers[name]
            _refill_quotes(stage, ids)
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


def _refill_quotes(stage, ids: Identities) -> None:
    """Rewrite the staged quotes file row group by row group with ``ids`` filled in."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not ids.known:
        return
    first = stage.temps["quotes.parquet"]
    source = pq.ParquetFile(first)
    sink = pq.ParquetWriter(stage.temp("quotes.parquet"), source.schema_arrow)
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
        os.remove(first)


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


def load(data_dir: str | os.PathLike) -> Corpus:
    """Read the tables written by ``workbench analyse --out DIR`` back into a Corpus. Raises
    :class:`~workbench.store.publish.MixedTables` when the files come from different runs."""
    import pyarrow.parquet as pq

    d = Path(data_dir)
    if not (d / "articles.parquet").is_file():
        raise FileNotFoundError(f"{d}: no articles.parquet (run `workbench analyse ... --out {d}`)")
    tables, runs = {}, {}
    for name in TABLES:
        with open(d / f"{name}.parquet", "rb") as f:  # one open file: metadata and rows agree
            run = (pq.read_schema(f).metadata or {}).get(RUN_KEY)
            runs[f"{name}.parquet"] = run.decode() if run is not None else None
            f.seek(0)
            tables[name] = pd.read_parquet(f)
    rejected_path = d / "rejected.csv"
    raw = rejected_path.read_bytes() if rejected_path.is_file() else b""
    check_one_run(d, runs, raw)
    rejected = (
        frame(pd.read_csv(io.BytesIO(raw), dtype=_TEXT).to_dict("records"), REJECTED_COLUMNS)
        if raw
        else frame([], REJECTED_COLUMNS)
    )
    return Corpus(**tables, rejected=rejected)
