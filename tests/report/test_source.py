"""The reports read their selection through DuckDB (report.source): the same figures and tables
as the pandas path (load every table, then views.select) on a small corpus."""

import json

import pandas as pd
import plotly.io as pio
import pytest
from conftest import hand_corpus, kinds_corpus, positions_corpus

import workbench
from workbench.aggregate import views
from workbench.aggregate.fit import catalogue_fit
from workbench.report import blocks as report
from workbench.report.dashboard import country_dashboard, first_country, speakers_frame
from workbench.report.figures import quote_timeline, stance_heatmap
from workbench.report.source import (
    EVIDENCE_QUOTES,
    evidence_quotes,
    report_corpus,
    report_fit,
    report_matrix,
    report_quotes,
    text_of,
)
from workbench.report.widgets import country_panel
from workbench.schema import Corpus
from workbench.store.tables import write_tables

FILTERS = [
    {},
    {"countries": ["DEU"]},
    {"topics": ["troop_deployment"]},
    {"start": "2026-04-01"},
    {"end": "2026-05-01", "countries": "DEU,FRA"},
]


def _both() -> Corpus:
    """The hand corpus and the speaker-kinds corpus as one (dated, undated, every kind)."""
    a, b = hand_corpus(), kinds_corpus()
    tables = {
        name: pd.concat([getattr(a, name), getattr(b, name)], ignore_index=True)
        for name in ("articles", "entities", "blocks", "quotes", "stances")
    }
    return Corpus(**tables)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("source") / "data"
    workbench.write_tables(_both(), folder)
    return folder


def _fig(fig) -> dict:
    return json.loads(pio.to_json(fig))


def _pages(
    corpus: Corpus,
    view,
    narrow: Corpus | None = None,
    with_text=None,
    filtered=None,
    quotes_of=None,
) -> dict:
    """What the three reports show of ``corpus`` and its quote ``view``: figures as JSON, tables
    as frames and HTML, the header. ``narrow``: the corpus with the evidence's quote columns
    only. ``with_text``: the view has no quote text, this function fetches it for what is shown;
    ``filtered``: the view of the quotes of 4 words or more (default: filter_quotes); and
    ``quotes_of``: one country's view, for the live panel (the report notebooks' way)."""
    matrix = workbench.stance_matrix(corpus)
    evidence = narrow if narrow is not None else corpus
    shown = report.newest(view, report.QUOTE_TABLE_LIMIT)
    if filtered is None:
        filtered = views.filter_quotes(view, min_words=4)  # the notebooks' default
    fetch = with_text or (lambda v: v)
    panel = country_panel(corpus, matrix, None, None, quotes_of or view, with_text)
    return {
        "view": view if with_text is None else with_text(view).drop(columns=views.QUOTE_WORDS),
        "header": report.header(corpus, "t", {}).data,
        "heatmap": _fig(stance_heatmap(matrix, corpus.articles)),
        "evidence": report.evidence_frame(matrix, corpus.articles, quotes=evidence.quotes),
        "timeline": _fig(quote_timeline(view, with_text=with_text)),
        "timeline, 4 words or more": _fig(quote_timeline(filtered, with_text=with_text)),
        "timeline sampled": _fig(quote_timeline(view, max_points=3, with_text=with_text)),
        "quotes": report.quote_frame(fetch(shown)),
        "quote table": report.quote_table(view, with_text=with_text).data,
        "quote table, 4 words or more": report.quote_table(filtered, with_text=with_text).data,
        "quote table, the newest 3": report.quote_table(view, limit=3, with_text=with_text).data,
        "dashboard": _fig(
            country_dashboard(
                matrix, views.history(corpus), view, first_country(matrix, view, None)
            )
        ),
        "speakers": speakers_frame(view),
        "speakers, 4 words or more": speakers_frame(filtered),
        "panel quotes": report.quote_frame(fetch(panel.quotes)),
        "panel quote table": _panel_table(panel),
    }


def _panel_table(panel) -> str:
    """The HTML the live country panel shows for its first country."""
    from ipywidgets import Output

    assert isinstance(panel.out, Output)
    return report.quote_table(panel.quotes, with_text=panel.with_text).data


@pytest.mark.parametrize("filters", FILTERS)
def test_the_reports_show_the_same_through_duckdb_and_pandas(data, filters, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    chosen = views.select(workbench.load(data), **filters)
    want = _pages(chosen, views.quote_view(chosen))
    got = _pages(
        report_corpus(data, **filters, quote_columns=None),
        report_quotes(data, **filters),
        report_corpus(data, **filters, quote_columns=EVIDENCE_QUOTES),
    )
    lean = _pages(
        report_corpus(data, **filters, quote_columns=None),
        report_quotes(data, **filters, text=False),
        report_corpus(data, **filters, quote_columns=EVIDENCE_QUOTES),
        with_text=text_of(data),
        filtered=report_quotes(data, **filters, text=False, min_words=4),
        quotes_of=lambda code: report_quotes(data, **filters, text=False, country=code),
    )
    assert len(want["evidence"]) > 0 and len(want["view"]) > 0 or filters  # not vacuous
    assert want["view"].text.notna().any() or filters  # quotes with their text
    for pages in (got, lean):
        for part, value in want.items():
            if hasattr(value, "equals"):
                assert pages[part].equals(value), part
            else:
                assert pages[part] == value, part


def _cells(matrix) -> list:
    """A matrix as comparable rows: every field of every cell, in the long form's order (as
    text, so a missing score compares equal)."""
    return [
        repr((row.key, row.topic, matrix.loc[row.key, row.topic].__dict__))
        for row in matrix.attrs["cells"].itertuples()
    ]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize(
    ("voices", "half_life"), [("all", 14.0), ("self", 3.0), ("government", 60)]
)
def test_the_matrix_worked_out_topic_by_topic_is_the_same(data, filters, voices, half_life):
    whole = workbench.stance_matrix(
        views.select(workbench.load(data), **filters), voices=voices, half_life=half_life
    )
    parts = report_matrix(data, **filters, voices=voices, half_life=half_life)
    assert len(_cells(whole)) > 0 or filters or voices != "all"  # not vacuous
    assert _cells(parts) == _cells(whole)
    assert parts.map(str).equals(whole.map(str))


def test_the_matrix_topic_by_topic_takes_overrides_and_checks_its_voices(data, tmp_path):
    ov = tmp_path / "cells.yml"
    ov.write_text(
        "cells:\n  - {country: ITA, topic: sanctions, label: oppose, note: briefing}\n",
        encoding="utf-8",
    )
    parts = report_matrix(data, overrides=ov)
    whole = workbench.stance_matrix(workbench.load(data), overrides=ov)
    assert parts.loc["ITA", "sanctions"].origin == "analyst"
    assert _cells(parts) == _cells(whole)
    with pytest.raises(ValueError, match="voices must be one of"):
        report_matrix(data, voices="mine")
    assert report_matrix(data, topics=["no_such_topic"]).empty


@pytest.mark.parametrize("filters", FILTERS[:3])
def test_the_timeline_quote_view_narrowed_by_topic_is_the_same(data, filters):
    topics = ["troop_deployment"]
    want = views.quote_view(views.select(workbench.load(data), **filters), topics)
    got = report_quotes(data, **filters, view_topics=topics)
    assert len(want) > 0
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("filters", FILTERS[:3])
def test_the_quote_view_without_text_counts_the_words_and_fetches_the_text(data, filters):
    """report_quotes(text=False): the same rows and columns, the text, title and source null and
    the text's number of words beside them; min_words keeps the same quotes; text_of gives the
    text, title and source back."""
    full = report_quotes(data, **filters)
    lean = report_quotes(data, **filters, text=False)
    fetched = ["text", "title", "source"]
    assert len(full) > 0 and lean[fetched].isna().all().all()
    assert full.title.notna().any() and full.source.notna().any()
    words = full.text.fillna("").str.split().str.len()
    assert list(lean[views.QUOTE_WORDS]) == list(words)
    pd.testing.assert_frame_equal(
        lean.drop(columns=[*fetched, views.QUOTE_WORDS]), full.drop(columns=fetched)
    )
    for n in (0, 4, 8):
        assert list(views.filter_quotes(lean, min_words=n).quote_id) == list(
            views.filter_quotes(full, min_words=n).quote_id
        )
    back = text_of(data)(lean.iloc[::-1])
    pd.testing.assert_frame_equal(back[fetched], full[fetched].iloc[::-1])
    assert text_of(data)(lean.iloc[0:0]).empty
    with pytest.raises(ValueError, match="without the quotes' text"):
        views.filter_quotes(lean, text="troops")


@pytest.mark.parametrize(
    "shown",
    [
        {"min_words": 3},
        {"min_words": 3, "speaker_kinds": ["person", "government"]},
        {"speaker_kinds": "group"},
        {"speaker_kinds": ["group", "anonymous"]},  # no speaker of these has a country
        {"country": "DEU"},
        {"country": "FRA", "min_words": 3},
        {"country": "XXX"},
    ],
)
@pytest.mark.parametrize("text", [True, False])
def test_duckdb_keeps_the_quotes_filter_quotes_keeps(data, shown, text):
    """report_quotes(country=, speaker_kinds=, min_words=): the rows of the whole view that
    views.filter_quotes keeps, with the same stance and order."""
    for filters in ({}, {"topics": ["troop_deployment"]}, {"countries": "DEU,FRA"}):
        whole = report_quotes(data, **filters, text=text)
        want = views.filter_quotes(whole, **shown).reset_index(drop=True)
        got = report_quotes(data, **filters, text=text, **shown)
        assert len(want) > 0 or shown.get("country") == "XXX" or filters
        pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("filters", FILTERS)
def test_the_evidence_reads_the_speaker_kinds_of_the_quotes_it_cites_only(data, filters):
    """evidence_quotes: the quotes the matrix's evidence cites, and the evidence table and the
    heatmap the same as with every quote's speaker kind."""
    c = report_corpus(data, **filters, quote_columns=EVIDENCE_QUOTES)
    matrix = workbench.stance_matrix(c)
    cited = evidence_quotes(data, matrix)
    assert len(cited) > 0 or filters
    assert set(cited.quote_id) < set(c.quotes.quote_id) or filters
    assert cited.text.isna().all() and list(cited.columns) == list(c.quotes.columns)
    want = report.evidence_frame(matrix, c.articles, quotes=c.quotes)
    assert report.evidence_frame(matrix, c.articles, quotes=cited).equals(want)
    same = c.quotes[c.quotes.quote_id.isin(set(cited.quote_id))]
    pd.testing.assert_frame_equal(
        cited.sort_values("quote_id", ignore_index=True),
        same.sort_values("quote_id", ignore_index=True),
    )


def test_duckdb_counts_words_as_python_splits_them():
    import duckdb

    from workbench.aggregate.duck import words_sql

    said = [
        "We will  send troops.",
        "  \tno\u00a0break\u2009thin\u3000wide\u2028line\x1cfile\x85next  ",
        "one\u200bword",  # a zero-width space is not whitespace
        "",
        None,
        "\u2014 a dash \u2014",
    ]
    con = duckdb.connect()
    got = [con.execute(f"SELECT {words_sql('?')}", [t]).fetchone()[0] for t in said]
    assert got == [len((t or "").split()) for t in said] == [4, 7, 1, 0, 0, 4]


def test_the_report_selection_leaves_out_what_no_report_shows(data):
    c = report_corpus(data)
    assert c.articles.text.isna().all() and c.entities.empty and c.blocks.empty
    assert c.quotes.cue.isna().all() and c.quotes.text.notna().any()
    narrow = report_corpus(data, quote_columns=EVIDENCE_QUOTES)
    assert narrow.quotes.text.isna().all()
    assert list(narrow.quotes.speaker_kind) == list(c.quotes.speaker_kind)
    matrix = workbench.stance_matrix(c)
    assert report.evidence_frame(matrix, c.articles, quotes=narrow.quotes).equals(
        report.evidence_frame(matrix, c.articles, quotes=c.quotes)
    )


def test_a_long_quote_table_shows_the_newest_and_says_where_the_rest_are(data):
    view = views.quote_view(report_corpus(data))
    html = report.quote_table(view, limit=3).data
    assert f"Showing the 3 newest of {len(view)} quotes" in html
    assert "workbench export DATA_DIR --what quotes" in html and "workbench sql" in html
    shown = report.newest(view, 3)
    assert list(shown.index) == list(view[view.date.notna()].index[-3:])
    assert report.newest(view, len(view)) is view


def test_tables_of_an_older_version_read_as_load_reads_them(data, tmp_path):
    """Quotes written before speaker_kind, co_speakers and origin: those columns come back null
    through DuckDB, as workbench.load gives them, not as a binder error."""
    import shutil

    import pyarrow.parquet as pq

    old = tmp_path / "old"
    shutil.copytree(data, old)
    quotes = pq.read_table(old / "quotes.parquet")
    pq.write_table(
        quotes.drop_columns(["speaker_kind", "co_speakers", "origin"]), old / "quotes.parquet"
    )
    chosen = views.select(workbench.load(old))
    assert chosen.quotes.speaker_kind.isna().all()
    pd.testing.assert_frame_equal(report_quotes(old), views.quote_view(chosen))
    narrow = report_corpus(old, quote_columns=EVIDENCE_QUOTES)
    assert narrow.quotes.speaker_kind.isna().all() and len(narrow.quotes) == len(chosen.quotes)


@pytest.mark.parametrize("on, off", [(0, 25), (5, 20), (15, 15)])
def test_the_catalogue_fit_through_duckdb_is_the_tables_fit(tmp_path, on, off):
    """The reports read no text nor blocks: DuckDB works the fit out on the tables and finds
    what catalogue_fit finds on the frames (the header's warning line)."""
    on_topic = "Finland said it was ready to send troops to Ukraine after a ceasefire."
    elsewhere = "Finland said it was ready to send troops to the mission in Estmark."
    corpus = positions_corpus([on_topic] * on + [elsewhere] * off)
    write_tables(corpus, tmp_path)
    fit = report_fit(tmp_path)
    assert fit == catalogue_fit(corpus) and (fit.positions, fit.in_scope) == (on + off, on)
    assert (fit.warning() is None) is (on == 15)
    html = report.header(report_corpus(tmp_path, stances=False), "T", {}, fit=fit).data
    assert ("may not fit" in html) is (on < 15)
