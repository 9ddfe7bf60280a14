"""The catalogue-fit check (aggregate/fit.py): positions in paragraphs that name what the topic
catalogue is about; fictional paragraphs, the real State Department development set."""

import pytest
from conftest import FIXTURES, positions_corpus

import workbench
from workbench.aggregate.fit import MIN_POSITIONS, CatalogueFit, catalogue_fit
from workbench.resources.topics import Scope, load_topics

ON = "Finland said it was ready to send troops to Ukraine after a ceasefire."
OFF = "Finland said it was ready to send troops to the mission in Estmark."  # a fictional land


def test_positions_about_the_catalogues_subject_fit():
    fit = catalogue_fit(positions_corpus([ON] * 15 + [OFF] * 15))
    assert (fit.positions, fit.in_scope, fit.fits, fit.warning()) == (30, 15, True, None)


@pytest.mark.parametrize("on, off", [(0, 30), (5, 25), (8, 22)])
def test_positions_mostly_about_something_else_warn(on, off):
    fit = catalogue_fit(positions_corpus([ON] * on + [OFF] * off))
    assert not fit.fits
    assert f"only {on} of {on + off} positions" in fit.warning()
    assert "Russia's war on Ukraine" in fit.warning() and "--topics" in fit.warning()


def test_few_positions_say_nothing_about_fit():
    assert catalogue_fit(positions_corpus([OFF] * (MIN_POSITIONS - 1))).fits
    assert CatalogueFit("x", 0, 0).warning() is None


def test_analysts_overrides_are_not_counted():
    assert catalogue_fit(positions_corpus([OFF] * 30, origin="analyst")).positions == 0


def _names(scope: Scope, text: str) -> bool:
    """Whether ``text`` names the scope, as the fit's query (DuckDB) matches it."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        return con.execute("SELECT regexp_matches(?, ?)", [text, scope.sql_pattern]).fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize(
    "text, found",
    [
        ("Ukrainian troops held the line.", True),
        ("the Russians withdrew", True),
        ("a Coalition of the Willing summit", True),
        ("Prussia's old borders", False),
        ("Kyivan cafés", False),
        ("troops to Estmark", False),
    ],
)
def test_scope_terms_are_whole_words_with_an_optional_ending(text, found):
    scope = Scope("x", ("ukrain*", "russia*", "kyiv", "coalition of the willing"))
    assert _names(scope, text) is found


def test_a_scope_without_terms_names_nothing():
    # as before the fit moved to DuckDB: no term, no position in scope
    scope = Scope("x", ())
    assert not _names(scope, "Ukrainian troops held the line.")
    assert catalogue_fit(positions_corpus([ON] * 30), scope).in_scope == 0


def test_the_shipped_catalogue_names_its_scope():
    scope = load_topics().scope
    assert scope is not None and _names(scope, "Kyiv") and _names(scope, "Zelenskyy")


def test_real_documents_on_the_war_fit_and_another_scope_does_not(tmp_path):
    corpus = workbench.analyse([FIXTURES / "statements" / "dev_c"], cache_dir=tmp_path)
    fit = catalogue_fit(corpus)
    assert fit.positions >= 50 and fit.share > 0.9 and fit.fits
    arctic = catalogue_fit(corpus, Scope("the Arctic", ("arctic*",)))
    assert arctic.in_scope == 0 and not arctic.fits
