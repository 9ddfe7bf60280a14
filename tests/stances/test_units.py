"""The units that may hold a position (``units.py``): quote sentences and narration."""

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.lexicon import load_lexicon
from workbench.stances.units import build_units, mark_answers

TEXT = """Minister Interview

In an interview, Latvian Defence Minister Dace Ozolina, a fictional minister, spoke about the force.

Q: Will Latvia send soldiers to Ukraine?

A: We will not. Our brigade is committed to the eastern flank.

Q: And the American backstop?

A: Washington has to decide that for itself.

Tallinn ruled out a deployment of troops, a spokesman said.
"""


def test_units_skip_questions_and_mark_short_answers(nlp, gaz):
    blocks = parse_blocks(TEXT)
    assert [b.kind for b in blocks].count("question") == 2
    doc = next(parse(nlp, [(TEXT, blocks)]))
    entities = link_entities(doc, blocks, gaz)
    quotes = extract_quotes(doc, blocks, entities, load_cues(), gaz)
    units = build_units(doc, blocks, quotes)
    texts = [" ".join(t.text for t in u.tokens) for u in units]
    assert not any("Will Latvia" in t for t in texts)  # the interviewer's turn is no unit
    mark_answers(doc, blocks, units, load_lexicon(scorer="rules"))
    short = [u for u in units if u.question]
    assert len(short) == 1
    assert short[0].polarity == -1.0
    assert " ".join(t.text for t in short[0].tokens).startswith("We will not")
    assert any(t.lower_ == "soldiers" for t in short[0].question)
    narrated = [t for u, t in zip(units, texts, strict=True) if u.quote is None]
    assert not any("Ozolina" in t and "We will not" in t for t in narrated)
