"""SQL over the analysed tables with DuckDB, the embedded engine: ``workbench sql DATA_DIR
"SELECT …"`` and :func:`sql`.

The views ``articles``, ``entities``, ``quotes``, ``stances`` and ``blocks`` read the parquet
files in place (a table is a file, ``NAME.parquet``, or a partitioned dataset, the folder
``NAME/`` of parquet files): DuckDB reads the columns and row groups a query needs, so a query
over a corpus larger than memory runs in little of it. The views are checked to come from one
run, like :func:`workbench.store.tables.load`.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from workbench.schema import TABLES, frame
from workbench.store.publish import check_one_run, run_of, table_files, temp_beside

VIEWS = ("articles", "entities", "quotes", "stances", "blocks")


class QueryError(ValueError):
    """A query DuckDB refused: its message, in one line."""


def _literal(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def source(data_dir: str | os.PathLike, name: str) -> str:
    """The DuckDB table function reading table ``name`` in place (an empty partitioned table:
    no rows, the columns of the schema)."""
    files = table_files(data_dir, name)
    if not files:
        empty = frame([], TABLES[name])
        cols = ", ".join(f"CAST(NULL AS {_sql_type(empty[c].dtype)}) AS {c}" for c in empty)
        return f"(SELECT {cols} LIMIT 0)"
    listing = ", ".join(_literal(f) for f in files)
    return f"read_parquet([{listing}], union_by_name = true, hive_partitioning = false)"


def _sql_type(dtype) -> str:
    kind = str(dtype)
    return {"Int64": "BIGINT", "Float64": "DOUBLE"}.get(kind, "VARCHAR")


def connect(data_dir: str | os.PathLike, *, check: bool = True):
    """An in-memory DuckDB connection with the views of :data:`VIEWS` over ``data_dir``.
    ``check``: refuse tables from different runs
    (:class:`~workbench.store.publish.MixedTables`)."""
    import duckdb

    d = Path(data_dir)
    sources = {name: source(d, name) for name in VIEWS}
    if check:
        runs = {}
        for name in VIEWS:
            for f in table_files(d, name):
                runs[str(f.relative_to(d))] = run_of(f)
        rejected = d / "rejected.csv"
        check_one_run(d, runs, rejected.read_bytes() if rejected.is_file() else b"")
    con = duckdb.connect(":memory:")
    for name, src in sources.items():
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM {src}")
    return con


def relation(con, query: str):
    """The result of ``query`` on ``con`` as a DuckDB relation (None for a statement without
    rows). Raises :class:`QueryError` with DuckDB's message, its first line."""
    import duckdb

    try:
        return con.sql(query)
    except duckdb.Error as exc:
        raise QueryError(one_line(exc)) from None


def one_line(exc: BaseException) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def sql(data_dir: str | os.PathLike, query: str) -> pd.DataFrame:
    """The rows ``query`` returns over the tables of ``data_dir`` as a DataFrame (views: articles,
    entities, quotes, stances, blocks)."""
    import duckdb

    con = connect(data_dir)
    try:
        rel = relation(con, query)
        if rel is None:
            return pd.DataFrame()
        try:
            return rel.df()
        except duckdb.Error as exc:  # errors found while running, not parsing
            raise QueryError(one_line(exc)) from None
    finally:
        con.close()


def write_result(rel, out: str | os.PathLike) -> Path:
    """Write a query's rows to ``out`` (``.csv``, UTF-8 with a header, or ``.parquet``), through a
    temporary file renamed into place. Raises ValueError for another suffix."""
    import duckdb

    path = Path(out)
    kind = path.suffix.lower()
    if kind not in (".csv", ".parquet"):
        raise ValueError(f"{out}: expected FILE.csv or FILE.parquet")
    tmp = temp_beside(path)
    try:
        try:
            if kind == ".csv":
                rel.write_csv(tmp, header=True)
            else:
                rel.write_parquet(tmp)
        except duckdb.Error as exc:
            raise QueryError(one_line(exc)) from None
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path
