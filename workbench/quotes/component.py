"""The spaCy component ``workbench_quotes``: ``nlp.add_pipe("workbench_quotes")`` sets
``doc._.quotes`` (registered when :mod:`workbench.quotes` is imported), and the stages it runs,
linking then quotes (:func:`link_and_quote`, also the start of
:func:`workbench.run.stages.analyse_doc`)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from workbench.entities.linking import link_entities
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import Cues, load_cues
from workbench.resources.gazetteer import Gazetteer, load_gazetteer
from workbench.schema import Block

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def link_and_quote(
    doc: Doc, blocks: list[Block], gaz: Gazetteer, cues: Cues
) -> tuple[list[dict], list[dict]]:
    """The entities and the quotes of one parsed article: the first two stages of its analysis."""
    entities = link_entities(doc, blocks, gaz)
    return entities, extract_quotes(doc, blocks, entities, cues, gaz)


class QuoteComponent:
    """Sets ``doc._.quotes``; blocks come from ``doc.user_data["workbench_blocks"]`` or the text."""

    def __init__(self, gaz: Gazetteer, cues: Cues):
        self.gaz, self.cues = gaz, cues

    def __call__(self, doc: Doc) -> Doc:
        raw = doc.user_data.get("workbench_blocks")
        blocks = [Block(*b) for b in raw] if raw else parse_blocks(doc.text)
        doc._.quotes = link_and_quote(doc, blocks, self.gaz, self.cues)[1]
        return doc


@Language.factory("workbench_quotes", default_config={"actors": None, "cues": None})
def make_quote_component(nlp: Language, name: str, actors: str | None, cues: str | None):
    return QuoteComponent(load_gazetteer(actors), load_cues(cues))
