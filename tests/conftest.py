"""Shared fixtures: the real spaCy model and gazetteer are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench
from workbench.entities.linking import link_entities
from workbench.nlp.model import load_model, parse
from workbench.quotes.extract import extract_quotes
from workbench.quotes.official import Official
from workbench.read import read_file
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.gazetteer import load_gazetteer
from workbench.schema import (
    ARTICLE_COLUMNS,
    BLOCK_COLUMNS,
    QUOTE_COLUMNS,
    STANCE_COLUMNS,
    Corpus,
    frame,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "seeds" / "000_9e8ae43d946c058c.txt"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Never touch the user's cache from tests."""
    monkeypatch.setenv("WORKBENCH_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def nlp():
    return load_model()


@pytest.fixture(scope="session")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="session")
def link(nlp):
    """link(path, actors=None) -> entity records of the file's (first) article."""
    gazetteers = {}

    def run(path: Path, actors: Path | None = None) -> list[dict]:
        if actors not in gazetteers:
            gazetteers[actors] = load_gazetteer(actors)
        article = read_file(Path(path))[0][0]
        doc = next(parse(nlp, [(article.text, article.blocks)]))
        return link_entities(doc, article.blocks, gazetteers[actors])

    return run


@pytest.fixture(scope="session")
def official_doc(nlp, gaz):
    """official_doc(text, title, source) -> (quotes, the :class:`Official` reading) of a text
    with a title and a publisher (tests/quotes: official documents and their principals)."""
    cues = load_cues()

    def run(text: str, title: str | None, source: str | None = "The White House"):
        blocks = parse_blocks(text, first_line_is_title=False)
        meta = {"title": title, "source": source}
        doc = next(parse(nlp, [(text, blocks, meta)]))
        entities = link_entities(doc, blocks, gaz)
        found = extract_quotes(doc, blocks, entities, cues, gaz)
        for q in found:
            assert text[q["start_char"] : q["end_char"]] == q["text"]
        return found, Official(doc, blocks, entities, gaz)

    return run


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory):
    cache = tmp_path_factory.mktemp("seed-cache")
    return workbench.analyse([SEED], cache_dir=cache)  # the seed article alone


def people(records: list[dict]) -> dict[str, set]:
    """canonical name -> set of (country_code, role_class) over its mentions."""
    out: dict[str, set] = {}
    for r in records:
        if r["kind"] == "person":
            out.setdefault(r["canonical"], set()).add((r["country_code"], r["role_class"]))
    return out


def positions_corpus(paragraphs: list[str], origin: str = "model") -> Corpus:
    """One article whose every paragraph holds one position (tests of the catalogue fit)."""
    text, blocks, stances = "", [], []
    for i, p in enumerate(paragraphs):
        start = len(text)
        text += p + "\n\n"
        blocks.append(
            {
                "article_id": "a",
                "block": i,
                "kind": "paragraph",
                "start_char": start,
                "end_char": start + len(p),
            }
        )
        stances.append(
            {
                "article_id": "a",
                "actor": "Finland",
                "topic": "troop_deployment",
                "start_char": start + 8,
                "end_char": start + len(p),
                "origin": origin,
            }
        )
    articles = frame([{"article_id": "a", "title": "T", "text": text}], ARTICLE_COLUMNS)
    return Corpus(
        articles=articles,
        blocks=frame(blocks, BLOCK_COLUMNS),
        stances=frame(stances, STANCE_COLUMNS),
    )


def hand_corpus() -> Corpus:
    """Three articles (two dated, one undated), quotes and stances by hand."""
    articles = frame(
        [
            {"article_id": "a", "title": "A", "date": "2026-03-01", "source": "Wire", "text": "x"},
            {
                "article_id": "b",
                "title": "B",
                "date": "2026-06-01",
                "source": "Ledger",
                "text": "y",
            },
            {"article_id": "c", "title": "C", "date": None, "source": None, "text": "z"},
        ],
        ARTICLE_COLUMNS,
    )
    quotes = frame(
        [
            {
                "article_id": "a",
                "quote_id": "a:1",
                "text": "too early",
                "start_char": 10,
                "speaker": "Jonas Albrecht",
                "speaker_kind": "person",
                "speaker_country": "DEU",
            },
            {
                "article_id": "b",
                "quote_id": "b:1",
                "text": "only with a backstop",
                "start_char": 30,
                "speaker": "Jonas Albrecht",
                "speaker_kind": "person",
                "speaker_country": "DEU",
            },
            {
                "article_id": "b",
                "quote_id": "b:2",
                "text": "we are ready",
                "start_char": 5,
                "speaker": "Claire Morel",
                "speaker_kind": "person",
                "speaker_country": "FRA",
            },
            {
                "article_id": "c",
                "quote_id": "c:1",
                "text": "no comment",
                "start_char": 0,
                "speaker": None,
                "speaker_country": None,
            },
        ],
        QUOTE_COLUMNS,
    )
    stances = frame(
        [
            {
                "article_id": "a",
                "actor": "Jonas Albrecht",
                "country_code": "DEU",
                "topic": "troop_deployment",
                "stance": -0.5,
                "label": "sceptical",
                "confidence": 0.9,
                "quote_id": "a:1",
                "evidence": "too early",
                "attribution": "self",
                "role_class": "government",
            },
            {
                "article_id": "b",
                "actor": "Jonas Albrecht",
                "country_code": "DEU",
                "topic": "troop_deployment",
                "stance": 0.5,
                "label": "conditional",
                "confidence": 0.9,
                "quote_id": "b:1",
                "evidence": "only with a backstop",
                "attribution": "self",
                "role_class": "government",
            },
            {
                "article_id": "b",
                "actor": "Jonas Albrecht",
                "country_code": "DEU",
                "topic": "us_backstop",
                "stance": 0.5,
                "label": "conditional",
                "confidence": 0.5,
                "quote_id": "b:1",
                "evidence": "only with a backstop",
                "attribution": "self",
                "role_class": "government",
            },
            {
                "article_id": "b",
                "actor": "Claire Morel",
                "country_code": "FRA",
                "topic": "troop_deployment",
                "stance": 1.0,
                "label": "support",
                "confidence": 0.95,
                "quote_id": "b:2",
                "evidence": "we are ready",
                "attribution": "self",
                "role_class": "government",
            },
        ],
        STANCE_COLUMNS,
    )
    return Corpus(articles=articles, quotes=quotes, stances=stances)


def kinds_corpus() -> Corpus:
    """One dated article whose quotes have every speaker kind (fictional speakers, of Germany,
    no stance), and one unattributed quote."""
    articles = frame(
        [{"article_id": "k", "title": "K", "date": "2026-04-02", "source": "Wire", "text": "x"}],
        ARTICLE_COLUMNS,
    )
    rows = [
        ("Ana Testa", "person", None),
        ("Germany", "government", None),
        ("Northern Alliance", "organisation", None),
        ("Ana Testa", "group", "Ivo Marek; Lena Sorel"),  # "The leaders agreed ..."
        ("officials", "group", None),
        ("sources", "anonymous", None),
        ("the complaint", "document", None),
        ("the mayor", "unresolved", None),
        (None, None, None),
    ]
    quotes = frame(
        [
            {
                "article_id": "k",
                "quote_id": f"k:{i}",
                "text": f"statement {i}",
                "start_char": 10 * i,
                "speaker": speaker,
                "speaker_kind": kind,
                "co_speakers": co,
                "speaker_country": "DEU" if speaker else None,
            }
            for i, (speaker, kind, co) in enumerate(rows, 1)
        ],
        QUOTE_COLUMNS,
    )
    return Corpus(articles=articles, quotes=quotes)


REPORT_CORPUS = FIXTURES / "reports" / "corpus"


def render(tmp_path_factory, source: Path, name: str) -> Path:
    """``workbench render SOURCE --out <a fresh temp folder>`` with the session's cache."""
    from workbench.cli import main

    out = tmp_path_factory.mktemp(name)
    cache = tmp_path_factory.getbasetemp() / "cache"
    assert main(["render", str(source), "--out", str(out), "--cache-dir", str(cache)]) == 0
    return out


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> Path:
    """The report fixture corpus rendered once per session by ``workbench render``: the folder
    holding data/, the executed notebooks and the three HTML reports."""
    return render(tmp_path_factory, REPORT_CORPUS, "rendered")


@pytest.fixture(scope="session")
def rendered_seed(tmp_path_factory) -> Path:
    """The shipped seeds/ rendered as `make report` does (the acceptance corpus)."""
    return render(tmp_path_factory, ROOT / "seeds", "rendered-seed")


def one_line_error(load, path: Path) -> str:
    """The message of the ValueError ``load(path)`` raises, checked to be one line."""
    with pytest.raises(ValueError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message, message
    return message


def datatable(html: str, table_id: str | None = None) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of cell HTML) of the (first, or ``table_id``'s) interactive table in a
    report's HTML: the arguments itables passes to DataTables, read back."""
    import json
    import re

    start = html.index(f'id="{table_id}"') if table_id else 0
    found = re.search(r"let dt_args = (\{.*?\});\n", html[start:], re.S)
    assert found, "no interactive table"
    args = json.loads(found.group(1))
    columns = re.findall(r"<th>(.*?)</th>", args["table_html"])
    return columns, json.loads(args["data_json"])
