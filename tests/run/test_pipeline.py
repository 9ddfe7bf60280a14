"""The analysis run: Python API, cache reuse and invalidation, several processes."""

import shutil

import pandas as pd
import pytest
from conftest import FIXTURES, SEED

import workbench
from workbench.run import pipeline
from workbench.schema import ARTICLE_COLUMNS, ENTITY_COLUMNS


def test_api_returns_the_tables(seed_corpus):
    assert list(seed_corpus.articles.columns) == ARTICLE_COLUMNS
    assert list(seed_corpus.entities.columns) == ENTITY_COLUMNS
    art = seed_corpus.articles.iloc[0]
    assert art.article_id == "000_9e8ae43d946c058c"
    assert pd.isna(art.date)
    assert art.text == SEED.read_text(encoding="utf-8")
    for e in seed_corpus.entities.itertuples():  # offsets index articles.text
        assert art.text[e.start_char : e.end_char] == e.text


def _no_model(*args, **kwargs):
    raise AssertionError("the model was loaded although every article was cached")


def test_cached_rerun_does_not_parse_and_edits_invalidate(tmp_path, monkeypatch):
    corpus_dir = tmp_path / "in"
    shutil.copytree(FIXTURES / "linking", corpus_dir)
    actors = tmp_path / "actors.yml"
    shutil.copy(FIXTURES / "actors_trump_putin.yml", actors)
    cache = tmp_path / "cache"
    first = workbench.analyse([corpus_dir], cache_dir=cache, actors=actors)

    monkeypatch.setattr(pipeline, "load_model", _no_model)
    again = workbench.analyse([corpus_dir], cache_dir=cache, actors=actors)
    pd.testing.assert_frame_equal(first.entities, again.entities)

    # an edited alias must not be served stale
    actors.write_text(
        actors.read_text() + "  - {name: Ines Vidal-Garcia, aliases: [Ines Vidal], country: ESP}\n"
    )
    with pytest.raises(AssertionError, match="model was loaded"):
        workbench.analyse([corpus_dir], cache_dir=cache, actors=actors)
    monkeypatch.undo()
    edited = workbench.analyse([corpus_dir], cache_dir=cache, actors=actors)
    assert "Ines Vidal-Garcia" in set(edited.entities.canonical)

    # so must an edited article
    (corpus_dir / "minimal_titles.txt").write_text("Changed\nA new text about Rome said nothing.\n")
    monkeypatch.setattr(pipeline, "load_model", _no_model)
    with pytest.raises(AssertionError):
        workbench.analyse([corpus_dir], cache_dir=cache, actors=actors)


def test_no_cache_parses_again(tmp_path, monkeypatch):
    workbench.analyse([FIXTURES / "linking"], cache_dir=tmp_path)
    monkeypatch.setattr(pipeline, "load_model", _no_model)
    with pytest.raises(AssertionError):
        workbench.analyse([FIXTURES / "linking"], cache=False)


def test_two_processes_give_the_same_tables(tmp_path):
    paths = [FIXTURES / "linking", FIXTURES / "formats", SEED]
    one = workbench.analyse(paths, cache=False)
    two = workbench.analyse(paths, cache=False, jobs=2)
    for name in ("articles", "entities", "blocks", "quotes", "stances", "rejected"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert len(one.articles) == 8


def test_streamed_tables_equal_the_in_memory_corpus(tmp_path):
    """`workbench analyse --out` writes chunk by chunk (flat memory); the files hold exactly the
    corpus analyse() returns, whatever the chunk size, overrides included."""
    from conftest import REPORT_CORPUS

    from workbench.run.options import RunOptions
    from workbench.run.pipeline import analyse_chunks, read_inputs
    from workbench.store.tables import load, write_chunks

    overrides = tmp_path / "o.yml"
    overrides.write_text(
        "speakers:\n  - quote_id: nope:1-2\n    speaker: X\naliases:\n"
        "  - alias: Nowhere Minister\n    name: Nobody\n"
    )
    whole = workbench.analyse([REPORT_CORPUS], cache_dir=tmp_path / "c", overrides=overrides)
    articles, problems = read_inputs([REPORT_CORPUS])
    options = RunOptions(cache_dir=tmp_path / "c", overrides=overrides)
    chunks = analyse_chunks(articles, problems, options, chunk=3)
    counts = write_chunks(chunks, tmp_path / "out")
    back = load(tmp_path / "out")
    assert counts["articles"] == len(whole.articles) == 17
    for name in ("articles", "entities", "blocks", "quotes", "stances", "rejected"):
        pd.testing.assert_frame_equal(getattr(back, name), getattr(whole, name), obj=name)
    assert len(whole.rejected) == 2  # both overrides matched nothing, warned once each


def test_one_options_object_or_its_fields_as_keywords(tmp_path):
    """analyse() takes the run's options as one RunOptions, or its fields as keywords (which
    replace the object's fields); either way they reach the stages (here max_chars, reading)."""
    import dataclasses

    from workbench.run.options import RunOptions

    options = RunOptions(cache_dir=tmp_path / "c", max_chars=200)
    by_object = workbench.analyse([FIXTURES / "formats"], options)
    by_keywords = workbench.analyse([FIXTURES / "formats"], cache_dir=tmp_path / "c", max_chars=200)
    assert len(by_object.rejected) > 0  # the short limit got through to reading
    for name in ("articles", "entities", "quotes", "stances", "rejected"):
        pd.testing.assert_frame_equal(getattr(by_object, name), getattr(by_keywords, name))
    relaxed = workbench.analyse([FIXTURES / "formats"], options, max_chars=1_000_000)
    assert len(relaxed.rejected) < len(by_object.rejected)
    assert len(relaxed.articles) > len(by_object.articles)
    with pytest.raises(TypeError, match="jobz"):
        workbench.analyse([FIXTURES / "formats"], jobz=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 2  # type: ignore[misc]
