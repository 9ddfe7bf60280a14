"""What a report notebook reads from the analysed tables: the selection it covers, read by
DuckDB so that a corpus larger than memory is never loaded whole.

The reports need the articles' dates, sources, titles and URLs (never their text), the stance
statements and the quotes of the selection, with the columns the quote views use
(:data:`~workbench.aggregate.duck.QUOTE_NEEDS`). DuckDB reads only those columns and filters the
countries and topics while it reads (:mod:`workbench.aggregate.duck`); entities and blocks are
not read at all. The result is the :class:`~workbench.schema.Corpus` that
``views.select(workbench.load(data_dir), …)`` gives, less what no report shows (the article text,
the quotes' cue and speaker offsets, entities and blocks), so every figure and table is the same
(``tests/report/test_source.py``). The reports that list quotes (the timeline, the dashboard) get
their quote view from DuckDB too (:func:`report_quotes`), and read no quote table beside it:
without the quotes' text and their articles' titles and sources, which :func:`text_of` fetches
for the rows a chart or table shows (at most 3,000 points and 5,000 rows), and filtered by
DuckDB. The matrix reports read the speaker kinds of the quotes their evidence cites only
(:func:`evidence_quotes`).

This is the reports' only path, whatever the corpus size: on the demo corpus it is as fast as
loading the tables with pandas, and on the tables of 100,000 articles it reads about a third of
what ``load`` holds (``benchmarks/access.py``, figures in ``benchmarks/README.md``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pandas as pd

from workbench.aggregate import duck
from workbench.aggregate.fit import CatalogueFit, catalogue_fit_sql
from workbench.schema import Corpus
from workbench.store.sql import connect as connect_tables

# DuckDB's own memory while it joins and sorts for a report (past it, it spills to a temporary
# folder): the quote view of 795,400 quotes peaked at 1,428 MB without a limit, 874 MB with
# 400 MB; without its text 966 MB with 400 MB, 691 MB with this one (150 MB fails: a block that
# cannot spill; benchmarks/README.md); the frames it returns are outside the limit
MEMORY_LIMIT = "250MB"

# the quote columns the evidence table reads (blocks.evidence_table's speaker kinds)
EVIDENCE_QUOTES = ("article_id", "quote_id", "speaker_kind", "co_speakers")


@contextmanager
def connect(data_dir: str | os.PathLike) -> Iterator:
    """A DuckDB connection over the tables (:func:`workbench.store.sql.connect`) held to
    :data:`MEMORY_LIMIT`, spilling to a temporary folder removed afterwards."""
    con = connect_tables(data_dir)
    with tempfile.TemporaryDirectory(prefix="workbench-duckdb-") as spill:
        try:
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute("SET temp_directory = ?", [spill])
            yield con
        finally:
            con.close()


def report_corpus(
    data_dir: str | os.PathLike,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    quote_columns: Iterable[str] | None = duck.QUOTE_NEEDS,
    stances: bool = True,
) -> Corpus:
    """The part of the tables in ``data_dir`` a report covers (filters as
    :func:`workbench.aggregate.views.select`): articles without their text, stances, quotes;
    entities and blocks empty. ``quote_columns``: the quotes' columns to read (the stance matrix
    needs only ``EVIDENCE_QUOTES``, the speaker kinds of its evidence; None: no quotes, the
    reports that list quotes read them with :func:`report_quotes`). ``stances=False``: no
    statements (the timeline shows none: its articles alone). Raises FileNotFoundError
    without tables and :class:`~workbench.store.publish.MixedTables` for tables of different
    runs."""
    with connect(data_dir) as con:
        chosen = duck.selected(con, countries, topics, start, end, stances)
        if quote_columns is not None:
            quotes = duck.selected_quotes(con, countries, start, end, quote_columns)
            chosen = replace(chosen, quotes=quotes)
    return chosen


def report_fit(data_dir: str | os.PathLike) -> CatalogueFit | None:
    """The catalogue fit of the whole tables (the report header's warning), worked out by
    DuckDB: the texts and blocks stay on disk."""
    with connect(data_dir) as con:
        return catalogue_fit_sql(con)


def report_matrix(
    data_dir: str | os.PathLike,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    *,
    voices: str = "all",
    overrides=None,
    half_life: float = 14.0,
) -> pd.DataFrame:
    """``stance_matrix(report_corpus(...), voices=…, overrides=…, half_life=…)``, the same
    matrix, worked out one topic at a time: a cell and a wire copy belong to one topic, so only
    one topic's statements are held at once (on the 100,000-article benchmark, 552,400
    statements over every topic)."""
    from workbench.aggregate import matrix

    matrix.check_voices(voices)  # also when no statement is read
    with connect(data_dir) as con:
        articles = duck.selected(con, countries, topics, start, end, stances=False).articles
        kept = articles.article_id if start or end else None
        parts = []
        for topic in duck.stance_topics(con, countries, topics):
            stances = duck.selected_stances(con, countries, [topic], kept)
            part = Corpus(articles=articles, stances=stances)
            parts.append(matrix.cells(part, voices=voices, half_life=half_life))
            del part, stances
    parts = [p for p in parts if not p.empty]
    long = (
        pd.concat(parts, ignore_index=True).sort_values(["key", "topic"], kind="stable")
        if parts
        else pd.DataFrame(columns=matrix.CELL_COLUMNS)
    )
    return matrix.matrix_of(long.reset_index(drop=True), "country", overrides)


def evidence_quotes(data_dir: str | os.PathLike, matrix: pd.DataFrame) -> pd.DataFrame:
    """Of the quotes, the columns the evidence table reads (:data:`EVIDENCE_QUOTES`, the speaker
    kinds) for the quotes the evidence of ``matrix``'s cells cites, not for every quote: the
    evidence table and its hover are the same as with ``report_corpus(...,
    quote_columns=EVIDENCE_QUOTES).quotes``."""
    ids = {
        ev.get("quote_id")
        for cell in matrix.to_numpy().ravel()
        if cell is not None
        for ev in cell.evidence
        if isinstance(ev.get("quote_id"), str)
    }
    with connect(data_dir) as con:
        return duck.quotes_by_id(con, sorted(ids), EVIDENCE_QUOTES)


def report_quotes(
    data_dir: str | os.PathLike,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    view_topics: str | Iterable[str] | None = None,
    text: bool = True,
    *,
    country: str | None = None,
    speaker_kinds: str | Iterable[str] | None = None,
    min_words: int = 0,
) -> pd.DataFrame:
    """The quote view of the selection, as
    ``views.quote_view(views.select(load(data_dir), countries, topics, start, end), view_topics)``
    gives it, computed by DuckDB (:func:`workbench.aggregate.duck.quote_view_table`): the quotes are
    read once, as the view, never as a table beside it. ``text=False``: without the quotes' text
    (a column ``words`` instead), which :func:`text_of` fetches for the rows a report shows.
    ``country``, ``speaker_kinds``, ``min_words``: only the rows ``views.filter_quotes`` keeps
    with them, filtered by DuckDB."""
    with connect(data_dir) as con:
        table = duck.quote_view_table(
            con,
            countries,
            topics,
            start,
            end,
            view_topics,
            text=text,
            country=country,
            speaker_kinds=speaker_kinds,
            min_words=min_words,
        )
    # the frame built once the connection is closed: DuckDB's memory (about 260 MB for the
    # 773,500 quotes of the 100,000-article benchmark) is freed first
    return duck.view_frame(table)


def text_of(data_dir: str | os.PathLike) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """A function giving rows of a quote view read without the text
    (``report_quotes(..., text=False)``) their quotes' text and their articles' titles and
    sources, read from the tables in
    ``data_dir`` for those rows alone: the reports pass it to the chart and the tables
    (``with_text``), which call it on the at most 3,000 points and 5,000 rows they show. The
    text of the 795,400 quotes of the 100,000-article benchmark is never held at once."""

    def with_text(view: pd.DataFrame) -> pd.DataFrame:
        texts = pd.Series(dtype="string")
        meta = pd.DataFrame({"title": texts, "source": texts})
        if not view.empty:
            with connect(data_dir) as con:
                texts = duck.quote_texts(con, view.quote_id.dropna())
                meta = duck.article_titles(con, view.article_id.dropna())
        return view.assign(
            title=view.article_id.map(meta.title).astype("string"),
            source=view.article_id.map(meta.source).astype("string"),
            text=view.quote_id.map(texts).astype("string"),
        )

    return with_text


def report_history(
    data_dir: str | os.PathLike,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """``views.history`` of the selection (a position per country, topic and day), summed by
    DuckDB (:func:`workbench.aggregate.duck.history`) instead of a merge of every statement."""
    with connect(data_dir) as con:
        return duck.history(con, "country", countries, topics, start, end)
