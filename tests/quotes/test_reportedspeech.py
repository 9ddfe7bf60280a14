"""The reported-speech part of the quote extractor: what counts as inside quote marks (a bisect
over merged intervals), checked against the plain definition; its sentences are tested in
test_quotes.py and test_real_news.py."""

import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import _Extractor
from workbench.quotes.reportedspeech import _merged
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues


def test_intervals_are_sorted_and_overlapping_or_touching_ones_merged():
    assert _merged([(10, 20), (0, 5), (15, 30), (30, 31), (40, 40)]) == [(0, 5), (10, 31)]
    assert _merged([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "Talks\nPolish minister Jan Kowal said “we are ready” and “we will stay,” he added.\n",
        "Talks\n“Type “quote” into the portal,” Ozols said. Kowal said it was “not “fine”.\n",
        "Talks\nKowal called the plan “a dangerous escalation and said “no” twice\n",
        "Talks\nNo quote marks at all in this sentence, Kowal said.\n",
    ],
)
def test_inside_quote_is_any_quoted_span_holding_the_character(nlp, gaz, text):
    blocks = parse_blocks(text)
    doc = next(parse(nlp, [(text, blocks)]))
    ex = _Extractor(doc, blocks, link_entities(doc, blocks, gaz), load_cues(), gaz)
    for char in range(len(text) + 1):
        plain = any(q.open_at <= char < (q.close_at or q.end) + 1 for q in ex.quoted)
        assert ex._inside_quote(char) == plain, (text, char)
    assert ex.quoted or "No quote" in text  # not vacuous
