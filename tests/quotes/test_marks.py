import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.quotes.marks import find_quoted
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues


def quoted(text):
    return [text[q.start : q.end] for q in find_quoted(text, parse_blocks(text))]


def test_curly_straight_mixed_and_typewriter_marks():
    assert quoted("Title\n“We are ready,” she said.") == ["We are ready,"]
    assert quoted('Title\n"We are ready," she said.') == ["We are ready,"]
    assert quoted('Title\n“We are ready," she said.') == ["We are ready,"]
    assert quoted("Title\n''We are ready,'' she said.") == ["We are ready,"]


def test_apostrophes_are_not_quotes():
    text = "Title\nUkraine’s allies don't agree, and the Europeans' plan isn't ready, she said."
    assert quoted(text) == []


def test_inch_mark_does_not_flip_the_pairing():
    text = 'Title\nThe 6\'3" sergeant said "We hold the line" and left. "Next," he said.'
    assert quoted(text) == ["We hold the line", "Next,"]


def test_missing_closing_mark_stays_in_its_paragraph():
    text = "Title\n“We will not go, he said.\nLater she added: “Nothing has changed.”\n"
    assert quoted(text) == ["We will not go, he said.", "Nothing has changed."]


def test_quote_spanning_paragraphs():
    text = "Title\n“First paragraph of the quote.\n“Second one, still quoted,” she said.\n"
    assert quoted(text) == ["First paragraph of the quote.\n“Second one, still quoted,"]


def test_titles_and_headings_are_skipped():
    assert quoted("“Quoted” Headline\nNo quotes here.") == []


@pytest.mark.parametrize(
    "text, inside",
    [
        (  # straight quotes inside curly ones
            'Title\n“Type <img src=x onerror=alert("quote")> into the old portal,” Ozols said.',
            'Type <img src=x onerror=alert("quote")> into the old portal,',
        ),
        (
            'Title\n“Our motto was "never again" and it still is,” said Dace Ozola.',
            'Our motto was "never again" and it still is,',
        ),
        (  # curly quotes inside straight ones
            'Title\n"Nobody calls it “the plan” any more," Ilze Liepa said.',
            "Nobody calls it “the plan” any more,",
        ),
        (  # straight quotes inside guillemets
            'Title\nIlze Liepa said: «The word "ceasefire" means nothing to them.»',
            'The word "ceasefire" means nothing to them.',
        ),
        (  # single quotes inside double ones
            "Title\n“We called the report ‘a fiction’ from the start,” Ozols told reporters.",
            "We called the report ‘a fiction’ from the start,",
        ),
        (  # typewriter quotes inside straight ones
            "Title\n\"They named the plan ''Northern Gate'' last spring,\" Liepa said.",
            "They named the plan ''Northern Gate'' last spring,",
        ),
    ],
)
def test_marks_of_another_family_nest_inside_the_quote(text, inside):
    assert quoted(text) == [inside]


def test_an_unclosed_nested_mark_does_not_swallow_the_outer_close():
    text = 'Title\n“Press "enter and wait,” Ozols said. “Then restart,” he added.'
    assert quoted(text) == ['Press "enter and wait,', "Then restart,"]


@pytest.mark.parametrize(
    "line, inside",
    [
        (
            '“Type <img src=x onerror=alert("quote")> into the old portal,” Ilze Liepa said.',
            'Type <img src=x onerror=alert("quote")> into the old portal,',
        ),
        (
            '"Nobody calls it “the plan” any more," Ilze Liepa said.',
            "Nobody calls it “the plan” any more,",
        ),
        (
            'Ilze Liepa said: “The word "ceasefire" means nothing to them.”',
            'The word "ceasefire" means nothing to them.',
        ),
    ],
)
def test_a_quote_with_nested_marks_is_extracted(nlp, gaz, line, inside):
    text = "Portal notes\nIlze Liepa runs the Latvian cyber unit.\n" + line + "\n"
    blocks = parse_blocks(text)
    doc = next(parse(nlp, [(text, blocks)]))
    found = extract_quotes(doc, blocks, link_entities(doc, blocks, gaz), load_cues(), gaz)
    assert [(q["kind"], q["text"], q["speaker"]) for q in found] == [
        ("direct", inside, "Ilze Liepa")
    ]


@pytest.mark.parametrize(
    "text, inside",
    [  # a stray mark opening a paragraph (scraped copy) never closes: the curly pair is the quote
        (
            'Title\n"In 1961 the envoys met “at a time of real danger,” Liepa wrote.',
            "at a time of real danger,",
        ),
        (
            'Title\n"Tomas Hrubo told the panel: “We will not sign this.” Then he left.',
            "We will not sign this.",
        ),
        (
            'Title\n“Afterwards the council voted "to keep the ferries running," a clerk said.',
            "to keep the ferries running,",
        ),
    ],
)
def test_a_stray_opening_mark_nests_nothing(text, inside):
    assert quoted(text) == [inside]
