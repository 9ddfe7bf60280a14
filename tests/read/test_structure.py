from conftest import SEED

from workbench.read.structure import is_attribution, is_heading_like, parse_blocks


def _blocks(text):
    return [(b.kind, text[b.start : b.end]) for b in parse_blocks(text)]


def test_seed_structure():
    text = SEED.read_text(encoding="utf-8")
    blocks = _blocks(text)
    kinds = [k for k, _ in blocks]
    assert blocks[0] == ("title", "Ukraine Coalition: A Mission in Limbo?")
    headings = [t for k, t in blocks if k == "heading"]
    assert headings == [
        "Mission Scenarios and Unresolved Questions",
        "Diverging Perspectives Among Key Players",
        "Ukrainian Perspective: A Cautious Optimism",
        "Geographic Considerations and Deterrence",
        "The U.S. Factor: A Missing Piece?",
        "Trump’s Strategy: Uncertainty and potential Risks",
        "Europe’s Resolve: A stand for Security",
    ]
    items = [t for k, t in blocks if k == "list_item"]
    assert items[0] == "The specific number of troops involved."
    assert items[3] == "Ensuring a secure air and sea habitat."
    assert len(items) == 6
    quotes = [i for i, k in enumerate(kinds) if k == "blockquote"]
    assert len(quotes) == 5
    for i in quotes:  # each quote is closed by its attribution line
        assert kinds[i + 1] == "attribution"
        assert blocks[i + 1][1].startswith("Alexander Merezhko, ")
    assert blocks[quotes[0]][1].startswith("First of all, it is indeed worth noting")
    assert blocks[quotes[-1]][1].endswith("the Munich conspiracy of the 38th year.")
    # a hard-wrapped line continues its paragraph
    crosetto = next(t for k, t in blocks if t.startswith("Italy’s Defense Minister"))
    assert crosetto.endswith("prerequisites for its realization.")
    # lead-ins stay paragraphs
    assert ("paragraph", "Merezhko commented on the proposed deployment:") in blocks


def test_offsets_index_the_text_and_never_overlap():
    text = SEED.read_text(encoding="utf-8")
    blocks = parse_blocks(text)
    for a, b in zip(blocks, blocks[1:], strict=False):
        assert a.end <= b.start
        assert "\n" not in text[a.start : a.end] or a.kind == "paragraph"
        assert text[a.start : a.end] == text[a.start : a.end].strip()


def test_markdown_markers_and_wrapped_paragraphs():
    text = (
        "# The Title\n\nFirst paragraph is wrapped\nacross two lines.\n\n## A Section\n\n"
        "- one item\n- two item\n\n> We will act,\n> and soon.\n\n"
        "— Jane Roe, Minister of Things\n\n"
        "Closing words.\n"
    )
    assert _blocks(text) == [
        ("title", "The Title"),
        ("paragraph", "First paragraph is wrapped\nacross two lines."),
        ("heading", "A Section"),
        ("list_item", "one item"),
        ("list_item", "two item"),
        ("blockquote", "We will act,\n> and soon."),
        ("attribution", "— Jane Roe, Minister of Things"),
        ("paragraph", "Closing words."),
    ]


def test_crlf_offsets_exclude_carriage_returns():
    text = "Title here\r\nA sentence.\r\nAnother one.\r\n"
    assert _blocks(text) == [
        ("title", "Title here"),
        ("paragraph", "A sentence."),
        ("paragraph", "Another one."),
    ]


def test_heading_and_attribution_rules():
    assert is_heading_like("Geographic Considerations and Deterrence")
    assert is_heading_like("The U.S. Factor: A Missing Piece?")
    assert not is_heading_like("He left the room.")
    assert not is_heading_like("Merezhko commented on the proposed deployment:")
    assert not is_heading_like("and suggesting a lack of immediate prerequisites")
    assert is_attribution("Alexander Merezhko, people’s Deputy of Ukraine")
    assert is_attribution("— Jane Roe, Minister of Things")
    assert is_attribution("— Jane Roe")
    assert not is_attribution("Jane Roe")
    assert not is_attribution("In general, Europeans saw that they could only rely on themselves.")
    assert not is_attribution("Merezhko concluded with a note of optimism:")


def test_name_line_after_a_lead_in_is_not_an_attribution():
    text = "Title\nThe minister said:\nJane Roe, Minister of Things\n"
    kinds = [k for k, _ in _blocks(text)]
    assert "attribution" not in kinds
