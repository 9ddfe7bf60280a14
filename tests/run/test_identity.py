"""One identity per person across the corpus: a country known in one article fills a quote of the
same person in another (store/identity.py), in memory and in the streamed run."""

import pandas as pd
import pytest

import workbench
from workbench.run.options import RunOptions
from workbench.run.pipeline import analyse_chunks, read_inputs
from workbench.schema import ENTITY_COLUMNS, QUOTE_COLUMNS, Corpus, frame
from workbench.store.identity import Identities, fill_countries
from workbench.store.tables import load, write_chunks

TITLED = (
    "Talks in the north\nNorwegian Prime Minister Ingrid Solvang said the talks would resume.\n"
)


def _write(folder, texts):
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i}_note.txt").write_text(text, encoding="utf-8")
    return folder


def _countries(quotes: pd.DataFrame, name: str) -> set:
    rows = quotes[quotes.speaker == name]
    assert len(rows), f"no quote of {name}"
    return {
        (None if pd.isna(c) else c, None if pd.isna(v) else v)
        for c, v in zip(rows.speaker_country, rows.country_via, strict=True)
    }


@pytest.mark.parametrize(
    "untitled",
    [
        "Ferry talks\n“We will keep the ferries running,” Ingrid Solvang said on Monday.\n",
        "Ferry talks\nIngrid Solvang told reporters the ferries would keep running.\n",
        "Ferry talks\nAccording to Ingrid Solvang, the ferries will keep running all winter.\n",
    ],
)
def test_a_country_known_in_one_article_fills_another(tmp_path, untitled):
    folder = _write(tmp_path / "in", [TITLED, untitled])
    corpus = workbench.analyse([folder], cache_dir=tmp_path / "c")
    first, second = corpus.articles.article_id
    quotes = corpus.quotes
    assert _countries(quotes[quotes.article_id == first], "Ingrid Solvang") == {("NOR", "title")}
    assert _countries(quotes[quotes.article_id == second], "Ingrid Solvang") == {
        ("NOR", f"corpus: {first}")
    }

    articles, problems = read_inputs([folder])  # the streamed run fills the same way
    chunks = analyse_chunks(articles, problems, RunOptions(cache_dir=tmp_path / "c"), chunk=1)
    write_chunks(chunks, tmp_path / "out")
    pd.testing.assert_frame_equal(load(tmp_path / "out").quotes, corpus.quotes)


def _corpus(people: list[tuple], quotes: list[tuple]) -> Corpus:
    ents = [
        {"article_id": a, "canonical": n, "kind": "person", "country_code": c, "start_char": 0}
        for a, n, c in people
    ]
    rows = [
        {
            "article_id": a,
            "quote_id": f"{a}:{i}",
            "speaker": n,
            "speaker_country": c,
            "country_via": v,
            "origin": o,
        }
        for i, (a, n, c, v, o) in enumerate(quotes)
    ]
    return Corpus(entities=frame(ents, ENTITY_COLUMNS), quotes=frame(rows, QUOTE_COLUMNS))


@pytest.mark.parametrize(
    "people, quote, expected",
    [
        # one country, from person entities of two other articles
        ([("a", "Ilze Liepa", "LVA"), ("c", "Ilze Liepa", "LVA")], ("b", "Ilze Liepa"), "LVA"),
        # one article's mention alone might be a misread title: none
        ([("a", "Ilze Liepa", "LVA"), ("b", "Ilze Liepa", None)], ("b", "Ilze Liepa"), None),
        # two countries for the name: none
        ([("a", "Jon Berg", "NOR"), ("c", "Jon Berg", "SWE")], ("b", "Jon Berg"), None),
        # a single-word name might be anyone: none
        ([("a", "Kallio", "FIN")], ("b", "Kallio"), None),
        # a name the corpus gives no country: none
        ([("a", "Tomas Hrubo", None)], ("b", "Tomas Hrubo"), None),
    ],
)
def test_only_one_known_country_for_a_full_name_is_filled(people, quote, expected):
    corpus = fill_countries(_corpus(people, [(*quote, None, None, "model")]))
    row = corpus.quotes.iloc[0]
    assert (None if pd.isna(row.speaker_country) else row.speaker_country) == expected
    assert (None if pd.isna(row.country_via) else row.country_via) == (
        "corpus: a" if expected else None
    )


def test_a_quote_country_from_its_own_sentence_is_known_to_the_corpus():
    corpus = _corpus(
        [("a", "Rasa Jonaitis", None), ("b", "Rasa Jonaitis", None)],
        [
            ("a", "Rasa Jonaitis", "LTU", "lead-in", "model"),
            ("b", "Rasa Jonaitis", None, None, "model"),
            ("b", "Rasa Jonaitis", None, None, "analyst"),  # an override keeps its own
        ],
    )
    out = fill_countries(corpus).quotes
    assert list(out.speaker_country.fillna("-")) == ["LTU", "LTU", "-"]
    assert list(out.country_via.fillna("-")) == ["lead-in", "corpus: a", "-"]


def test_a_context_country_is_not_spread():
    ids = Identities()
    ids.add(
        _corpus(
            [("a", "Aino Kallio", None)],
            [("a", "Aino Kallio", "FIN", "context", "model")],
        )
    )
    assert ids.known == {}
