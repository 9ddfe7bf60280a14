from workbench.quotes.marks import find_quoted
from workbench.read.structure import parse_blocks


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
