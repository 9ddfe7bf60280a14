"""The report views computed by DuckDB over the tables on disk, for corpora too large to load.

The reports today load every table (:func:`workbench.store.tables.load`) and narrow it with
:func:`workbench.aggregate.views.select`. What they need from a large corpus is much smaller:

- the stance matrix: the stance statements and their articles' dates, sources, titles and URLs,
  never the article text, entities or blocks (:func:`selected`, then
  :func:`workbench.aggregate.matrix.stance_matrix` as before);
- the timeline and the dashboard: quote counts per country and month (:func:`quote_counts`) and
  the positions per day (:func:`history`), plus at most ``max_points`` quotes to draw.

Each function takes a DuckDB connection whose views ``articles``, ``stances``, ``quotes`` read the
parquet files (:func:`workbench.store.sql.connect`) and the report filters (countries, topics,
start, end), and returns the frames the pandas path returns on the same selection. This module
imports no store code (the layers keep ``aggregate`` and ``store`` side by side): the caller
brings the connection.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache

import pandas as pd

from workbench.aggregate.views import as_list
from workbench.schema import (
    ARTICLE_COLUMNS,
    QUOTE_COLUMNS,
    SCALE,
    STANCE_COLUMNS,
    TABLES,
    Corpus,
    frame,
    point,
)

META = [c for c in ARTICLE_COLUMNS if c != "text"]  # what a report shows of an article
# what the quote views of the reports read (views.quote_view, the speaker kinds of the evidence);
# the cue and the character offsets of the speaker are left null
QUOTE_NEEDS = [
    "article_id",
    "quote_id",
    "kind",
    "text",
    "start_char",
    "end_char",
    "speaker",
    "speaker_country",
    "origin",
    "speaker_kind",
    "co_speakers",
]


@cache
def word_pattern() -> str:
    """A word as Python's ``str.split()`` finds it, as a regular expression for DuckDB: a run of
    characters that are not whitespace (every code point for which ``str.isspace()`` holds)."""
    space = "".join(f"\\x{{{c:x}}}" for c in range(sys.maxunicode + 1) if chr(c).isspace())
    return f"[^{space}]+"


def words_sql(column: str) -> str:
    """SQL counting the words of ``column`` as ``len(text.split())`` does (null: 0): what
    :func:`workbench.aggregate.views.filter_quotes`'s ``min_words`` counts."""
    return f"coalesce(length(regexp_extract_all({column}, '{word_pattern()}')), 0)"


def _articles_where(start: str | None, end: str | None) -> tuple[str, list]:
    """The articles a report covers, as select() keeps them (undated left out once a date
    limit is given)."""
    clauses, params = ["TRUE"], []
    if start:
        clauses.append("date IS NOT NULL AND date >= ?")
        params.append(str(start))
    if end:
        clauses.append("date IS NOT NULL AND date <= ?")
        params.append(str(end))
    return " AND ".join(clauses), params


def _full(con, name: str) -> str:
    """Table ``name`` with every column of the schema: a column that tables written by an older
    version lack (``quotes.speaker_kind``) is null, as :func:`workbench.store.tables.load` gives
    it. DuckDB still reads only the columns a query uses."""
    have = {row[0] for row in con.execute(f"DESCRIBE {name}").fetchall()}
    dtypes = frame([], TABLES[name]).dtypes
    sql_type = {"Int64": "BIGINT", "Float64": "DOUBLE"}
    cols = [
        c if c in have else f"CAST(NULL AS {sql_type.get(str(dtypes[c]), 'VARCHAR')}) AS {c}"
        for c in TABLES[name]
    ]
    return f"(SELECT {', '.join(cols)} FROM {name})"


def _in(column: str, values: list[str]) -> tuple[str, list]:
    return (f"list_contains(?, {column})", [values]) if values else ("TRUE", [])


def selected(
    con,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    stances: bool = True,
) -> Corpus:
    """The articles (without their text) and the stance statements that
    :func:`workbench.aggregate.views.select` keeps, in the same order; the other tables empty
    (``stances=False``: the statements too)."""
    where, params = _articles_where(start, end)
    articles = _typed(
        _rows(con, f"SELECT {', '.join(META)} FROM {_full(con, 'articles')} WHERE {where}", params),
        ARTICLE_COLUMNS,
    )
    if not stances:
        return Corpus(articles=articles)
    kept = articles.article_id if start or end else None
    return Corpus(articles=articles, stances=selected_stances(con, countries, topics, kept))


def selected_stances(
    con,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    article_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The stance statements of ``countries`` on ``topics`` (empty: all), of the articles
    ``article_ids`` (None: all), in the files' order."""
    codes, wanted = _in("country_code", as_list(countries)), _in("topic", as_list(topics))
    stances = _rows(
        con,
        f"SELECT * FROM {_full(con, 'stances')} WHERE {codes[0]} AND {wanted[0]}",
        [*codes[1], *wanted[1]],
    )
    if article_ids is not None:  # a filter keeps the files' order
        stances = stances[stances.article_id.isin(set(article_ids))]
    return _typed(stances, STANCE_COLUMNS)


def stance_topics(
    con,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
) -> list[str]:
    """The topics the statements of ``countries`` cover, of ``topics`` (empty: all), sorted."""
    codes, wanted = _in("country_code", as_list(countries)), _in("topic", as_list(topics))
    rows = con.execute(
        f"SELECT DISTINCT topic FROM {_full(con, 'stances')} "
        f"WHERE topic IS NOT NULL AND {codes[0]} AND {wanted[0]} ORDER BY topic",
        [*codes[1], *wanted[1]],
    ).fetchall()
    return [r[0] for r in rows]


def selected_quotes(
    con,
    countries: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    columns: Iterable[str] = QUOTE_NEEDS,
) -> pd.DataFrame:
    """The quotes :func:`workbench.aggregate.views.select` keeps (speakers of ``countries``, in
    the articles dated from ``start`` to ``end``), in the same order, with ``columns`` only (the
    others null, as the quotes table's dtypes)."""
    codes = _in("speaker_country", as_list(countries))
    cols = ", ".join(c for c in QUOTE_COLUMNS if c in set(columns))
    quotes = _rows(con, f"SELECT {cols} FROM {_full(con, 'quotes')} WHERE {codes[0]}", codes[1])
    if start or end:
        where, params = _articles_where(start, end)
        ids = _rows(con, f"SELECT article_id FROM articles WHERE {where}", params)
        quotes = quotes[quotes.article_id.isin(set(ids.article_id))]
    return _typed(quotes, QUOTE_COLUMNS)


def _rows(con, query: str, params: list) -> pd.DataFrame:
    """The rows of ``query`` as a DataFrame, through Arrow (``con.sql``): the peak memory of
    DuckDB's own ``execute(...).df()`` is about twice as high on the 552,400 stances of the
    100,000-article benchmark (1,219 MB against 503 MB; benchmarks/README.md)."""
    return _frame(con.sql(query, params=params or None).to_arrow_table())


def _frame(table) -> pd.DataFrame:
    """An Arrow table as a DataFrame with the tables' nullable dtypes, the table consumed."""
    import pyarrow as pa

    def dtype(t):
        if pa.types.is_integer(t):
            return pd.Int64Dtype()
        if pa.types.is_floating(t):
            return pd.Float64Dtype()
        if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
            return pd.StringDtype()
        return None

    # each column freed as soon as it is converted: the Arrow table and the frame are not held
    # whole at once
    return table.to_pandas(types_mapper=dtype, self_destruct=True, split_blocks=True)


def _typed(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``df`` with the columns and dtypes of the tables (``frame``), missing columns null."""
    dtypes = frame([], columns).dtypes.to_dict()
    return df.reindex(columns=columns).astype(dtypes).reset_index(drop=True)


def quote_counts(
    con,
    countries: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """Quotes per speaker country and month of their article (``YYYY-MM``; undated articles
    are left out): columns country, month, quotes, sorted by month then country."""
    where, params = _articles_where(start, end)
    codes = _in("q.speaker_country", as_list(countries))
    df = con.execute(
        f"""
        SELECT q.speaker_country AS country, substr(a.date, 1, 7) AS month, count(*) AS quotes
        FROM {_full(con, "quotes")} q
        JOIN (SELECT article_id, date FROM {_full(con, "articles")} WHERE {where}) a
          USING (article_id)
        WHERE a.date IS NOT NULL AND {codes[0]}
        GROUP BY ALL ORDER BY month, country NULLS LAST
        """,
        [*params, *codes[1]],
    ).df()
    return df.astype({"country": "string", "month": "string", "quotes": "Int64"})


def history(
    con,
    by: str = "country",
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """:func:`workbench.aggregate.views.history` of the selection, the sums done by DuckDB:
    a position per (country or actor, topic, date). Columns: key, topic, date, stance, label,
    n_statements."""
    key = {"country": "country_code", "actor": "actor"}[by]
    where, params = _articles_where(start, end)
    codes, wanted = _in("s.country_code", as_list(countries)), _in("s.topic", as_list(topics))
    days = con.execute(
        f"""
        SELECT s.{key} AS key, s.topic, a.date,
               sum(s.stance * s.confidence) AS ws, sum(s.confidence) AS w,
               bool_or(s.stance = 0.5) AS half, bool_and(s.stance > 0) AS pos,
               count(*) AS n_statements
        FROM {_full(con, "stances")} s
        JOIN (SELECT article_id, date FROM {_full(con, "articles")} WHERE {where}) a
          USING (article_id)
        WHERE s.{key} IS NOT NULL AND a.date IS NOT NULL AND {codes[0]} AND {wanted[0]}
        GROUP BY ALL ORDER BY key, topic, date
        """,
        [*params, *codes[1], *wanted[1]],
    ).df()
    columns = ["key", "topic", "date", "stance", "label", "n_statements"]
    if days.empty:
        return pd.DataFrame(columns=columns)
    points = [
        point(ws / w, bool(pos), bool(half))
        for ws, w, half, pos in zip(days.ws, days.w, days.half, days.pos, strict=True)
    ]
    out = days.assign(stance=points, label=[SCALE[p] for p in points])
    return out[columns].astype({"n_statements": "int64"}).reset_index(drop=True)


def quote_view_table(
    con,
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
):
    """:func:`workbench.aggregate.views.quote_view` of the selection (``countries``, ``topics``,
    ``start``, ``end`` as :func:`selected`; ``view_topics`` as ``quote_view``'s ``topics``) as an
    Arrow table, whose frame :func:`view_frame` builds (close the connection in between: that
    frees DuckDB's memory before the frame is built). The
    joins, the most confident stance of each quote and the order in its article done by DuckDB:
    the quotes are read once, as the view, and the stance statements not at all.

    ``country``, ``speaker_kinds``, ``min_words``: only the rows that
    ``views.filter_quotes(view, country=…, speaker_kinds=…, min_words=…)`` keeps, filtered by
    DuckDB (the view is computed on the whole selection first, so each quote's stance and order
    are the same): the frame of every quote and its filtered copy are never held together.

    ``text=False``: the view without the quotes' text and their articles' titles and sources
    (null), with a column ``words`` instead (the words of the text, which
    ``views.filter_quotes``'s ``min_words`` reads): what a report shows of them is the few
    thousand rows of its chart and tables, fetched for those alone (:func:`quote_texts`,
    :func:`article_titles`), not for every quote of a large corpus."""
    from workbench.aggregate.views import QUOTE_WORDS

    where, params = _articles_where(start, end)
    if country:  # only the articles quoting the country: each of their quotes' stance and order
        # depend on their own article alone, so the rows of the country are the same
        where += f" AND article_id IN (SELECT article_id FROM {_full(con, 'quotes')} q"
        where += " WHERE q.speaker_country = ?)"
        params = [*params, str(country)]
    codes, wanted = _in("q.speaker_country", as_list(countries)), _in("topic", as_list(topics))
    holders = _in("country_code", as_list(countries))
    only = _in("topic", as_list(view_topics))
    keep = "TRUE" if not as_list(view_topics) else "s.quote_id IS NOT NULL"
    said = "q.text" if text else "CAST(NULL AS VARCHAR) AS text"
    # the articles' titles and sources, like the text, only for the rows shown (text=False)
    meta = (
        "title, source"
        if text
        else "CAST(NULL AS VARCHAR) AS title, CAST(NULL AS VARCHAR) AS source"
    )
    words = words_sql("q.text") if not text or min_words > 0 else "0"
    kinds = _in("speaker_kind", as_list(speaker_kinds))
    shown, shown_params = [kinds[0]], list(kinds[1])
    if min_words > 0:
        shown.append("_words >= ?")
        shown_params.append(int(min_words))
    if country:
        shown.append("country = ?")
        shown_params.append(str(country))
    return con.sql(
        f"""
        WITH a AS (
            SELECT article_id, date, {meta} FROM {_full(con, "articles")} WHERE {where}
        ),
        st AS (
            SELECT quote_id, topic, stance, label, confidence, row_number() OVER () AS _row
            FROM {_full(con, "stances")}
            WHERE quote_id IS NOT NULL AND {holders[0]} AND {wanted[0]} AND {only[0]}
              AND article_id IN (SELECT article_id FROM a)
        ),
        s AS (
            SELECT quote_id,
                   array_to_string(list_sort(list_distinct(list(topic))), ', ') AS topics,
                   first(stance ORDER BY confidence DESC NULLS LAST, topic NULLS LAST, _row)
                     AS stance,
                   first(label ORDER BY confidence DESC NULLS LAST, topic NULLS LAST, _row)
                     AS label
            FROM st GROUP BY quote_id
        ),
        q AS (
            SELECT q.* EXCLUDE (text), {said}, {words} AS _words,
                   row_number() OVER () AS _row
            FROM {_full(con, "quotes")} q
            WHERE {codes[0]} AND q.article_id IN (SELECT article_id FROM a)
        ),
        v AS (
            SELECT q.article_id, q.quote_id, a.date, a.title, a.source, q.speaker,
                   q.speaker_kind, q.co_speakers, q.speaker_country AS country,
                   CAST(NULL AS VARCHAR) AS country_name, q.text, q.kind, s.topics, s.stance,
                   s.label,
                   CASE WHEN q.start_char IS NOT NULL THEN row_number() OVER (
                       PARTITION BY q.article_id, q.start_char IS NULL
                       ORDER BY q.start_char, q._row
                   ) END AS "order",
                   q.start_char, q.end_char, q.origin, q._words, q._row
            FROM q JOIN a USING (article_id) LEFT JOIN s USING (quote_id)
            WHERE {keep}
        )
        SELECT * EXCLUDE (_words, _row){"" if text else f", _words AS {QUOTE_WORDS}"}
        FROM v WHERE {" AND ".join(shown)}
        ORDER BY date NULLS LAST, article_id NULLS LAST, start_char NULLS LAST, _row
        """,
        params=[*params, *holders[1], *wanted[1], *only[1], *codes[1], *shown_params],
    ).to_arrow_table()


def view_frame(table) -> pd.DataFrame:
    """The quote view's frame from :func:`quote_view_table`'s Arrow table (consumed), with the
    speakers' country names."""
    from workbench.aggregate.views import country_name

    view = _frame(table)
    # the country names set in place: no copy of the other columns
    names = {c: country_name(c) for c in view.country.dropna().unique()}
    # (a list, not Series.map: a view whose countries are all null, as of the speaker kinds
    # without a country, would map to a float column)
    named = [names[c] if isinstance(c, str) else "unknown" for c in view.country]
    view["country_name"] = pd.Series(named, index=view.index, dtype="string")
    return view


def quote_texts(con, quote_ids: Iterable[str]) -> pd.Series:
    """The text of the quotes ``quote_ids`` (a Series indexed by quote id; ids not in the table
    are left out). A quote id names one span of one article (``ARTICLE:START-END``), so one
    text."""
    return quotes_by_id(con, quote_ids, ["quote_id", "text"]).set_index("quote_id").text


def quotes_by_id(con, quote_ids: Iterable[str], columns: Iterable[str]) -> pd.DataFrame:
    """The quotes ``quote_ids`` (one row per id found, in no particular order) with ``columns``
    (the others null, as the quotes table's dtypes)."""
    wanted = [c for c in QUOTE_COLUMNS if c in set(columns) and c != "quote_id"]
    return _typed(_by_id(con, "quotes", "quote_id", quote_ids, wanted), QUOTE_COLUMNS)


def article_titles(con, article_ids: Iterable[str]) -> pd.DataFrame:
    """The title and source of the articles ``article_ids`` (a frame indexed by article id;
    ids not in the table are left out)."""
    return _by_id(con, "articles", "article_id", article_ids, ["title", "source"]).set_index(
        "article_id"
    )


def _by_id(con, table: str, key: str, ids: Iterable[str], columns: list[str]) -> pd.DataFrame:
    """The rows of ``table`` whose ``key`` is one of ``ids`` (one row per id found) with
    ``columns``. The ids are joined as a table, not a list searched for each row."""
    import pyarrow as pa

    name = f"_wanted_{table}"
    con.register(name, pa.table({key: pa.array(list(dict.fromkeys(ids)), pa.string())}))
    cols = "".join(f", any_value({c}) AS {c}" for c in columns)
    try:
        return _rows(
            con,
            f"""SELECT {key}{cols} FROM {_full(con, table)}
            WHERE {key} IN (SELECT {key} FROM {name}) GROUP BY {key}""",
            [],
        )
    finally:
        con.unregister(name)
