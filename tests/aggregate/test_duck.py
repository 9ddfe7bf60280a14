"""The DuckDB report views give the frames the pandas path gives on the same selection."""

import pandas as pd
import pytest
from conftest import hand_corpus

import workbench
from workbench.aggregate import duck, views
from workbench.aggregate.matrix import cells
from workbench.store.sql import connect

FILTERS = [
    {},
    {"countries": ["DEU"]},
    {"topics": ["troop_deployment"]},
    {"start": "2026-04-01"},
    {"end": "2026-05-01", "countries": "DEU,FRA"},
    {"countries": ["ITA"]},
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    data = tmp_path_factory.mktemp("duck") / "data"
    workbench.write_tables(hand_corpus(), data)
    connection = connect(data)
    yield connection
    connection.close()


def _plain(df: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False)]


@pytest.mark.parametrize("filters", FILTERS)
def test_selected_is_select_without_the_text(con, filters):
    want = views.select(hand_corpus(), **filters)
    got = duck.selected(con, **filters)
    assert _plain(got.articles[duck.META]) == _plain(want.articles[duck.META])
    assert got.articles.text.isna().all()
    assert _plain(got.stances) == _plain(want.stances)
    pd.testing.assert_frame_equal(
        cells(got).drop(columns="evidence"), cells(want).drop(columns="evidence")
    )


@pytest.mark.parametrize("filters", FILTERS)
def test_history_as_in_pandas(con, filters):
    want = views.history(views.select(hand_corpus(), **filters))
    got = duck.history(con, **filters)
    assert list(got.columns) == list(want.columns)
    assert _plain(got) == _plain(want)


def test_quote_counts_by_country_and_month(con):
    got = duck.quote_counts(con)
    assert _plain(got) == [("DEU", "2026-03", 1), ("DEU", "2026-06", 1), ("FRA", "2026-06", 1)]
    assert _plain(duck.quote_counts(con, countries=["FRA"], start="2026-06-01")) == [
        ("FRA", "2026-06", 1)
    ]
