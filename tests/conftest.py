"""Shared fixtures: the real spaCy model and gazetteer are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import workbench
from workbench.gazetteer import load_gazetteer
from workbench.linking import link_entities
from workbench.nlp import load_model, parse
from workbench.readers import read_file

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
def seed_corpus(tmp_path_factory):
    cache = tmp_path_factory.mktemp("seed-cache")
    return workbench.analyse([ROOT / "seeds"], cache_dir=cache)


def people(records: list[dict]) -> dict[str, set]:
    """canonical name -> set of (country_code, role_class) over its mentions."""
    out: dict[str, set] = {}
    for r in records:
        if r["kind"] == "person":
            out.setdefault(r["canonical"], set()).add((r["country_code"], r["role_class"]))
    return out
