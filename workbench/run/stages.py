"""The analysis stages of one parsed article, chained in one place, and the data files they read."""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path

from spacy.tokens import Doc

from workbench.quotes.component import link_and_quote
from workbench.resources.cues import Cues, load_cues
from workbench.resources.gazetteer import Gazetteer, load_gazetteer
from workbench.resources.lexicon import Lexicon, load_lexicon
from workbench.resources.topics import Catalogue, load_topics
from workbench.schema import Block
from workbench.stances.extract import extract_stances


def analyse_doc(
    doc: Doc,
    blocks: list[Block],
    gaz: Gazetteer,
    cues: Cues,
    lexicon: Lexicon,
    topics: Catalogue,
    *,
    candidates: bool = False,
) -> dict:
    """Every record the analysis makes for one parsed article (what the cache stores): linking,
    quotes (:func:`~workbench.quotes.component.link_and_quote`, the spaCy component's stages),
    then stances. ``candidates`` keeps every candidate stance statement with its features, for
    training the scorer (:mod:`workbench.evaluate.train`); the run never sets it."""
    entities, quotes = link_and_quote(doc, blocks, gaz, cues)
    stances = extract_stances(doc, blocks, entities, quotes, lexicon, topics, candidates)
    return {"entities": entities, "quotes": quotes, "stances": stances}


def load_lexicons(
    actors=None, topics=None, extra_actors=None
) -> tuple[Gazetteer, Cues, Lexicon, Catalogue]:
    """Every data file the analysis reads (their fingerprints key the cache)."""
    return load_gazetteer(actors, extra_actors), load_cues(), load_lexicon(), load_topics(topics)


def model_version(name: str) -> str:
    """The installed version of the pipeline ``name`` (part of the cache key)."""
    if os.path.isdir(name):
        meta = Path(name) / "meta.json"
        return str(meta.stat().st_mtime_ns) if meta.exists() else "dir"
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return metadata.version(name.replace("_", "-"))
