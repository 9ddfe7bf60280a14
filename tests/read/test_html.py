import pytest
from conftest import FIXTURES

from workbench.read import read_file


def _article():
    (article,), problems = read_file(FIXTURES / "formats" / "page.html")
    assert problems == []
    return article


def test_main_text_only():
    text = _article().text
    assert "Military planners from a dozen countries met in London" in text
    for junk in (
        "NAVIGATION-WORLD",
        "MENU-BANNER",
        "SCRIPT-TEXT",
        "SCRIPT-BODY",
        "ASIDE-RELATED",
        "FOOTER-COPYRIGHT",
        "color: red",
    ):
        assert junk not in text


def test_title_date_and_source_from_the_page():
    a = _article()
    assert a.title == "Coalition planners meet in London"
    assert a.date == "2026-06-03"
    assert a.source == "Example News"


def test_structure_from_the_markup_with_exact_offsets():
    a = _article()
    blocks = [(b.kind, a.text[b.start : b.end]) for b in a.blocks]
    assert blocks[0] == ("title", "Coalition planners meet in London")
    assert ("heading", "Questions of mandate") in blocks
    assert ("list_item", "The number of troops involved.") in blocks
    i = blocks.index(
        (
            "blockquote",
            "We are ready to lead, but we will not go alone and we will not go without guarantees.",
        )
    )
    assert blocks[i + 1] == (
        "attribution",
        "— Oliver Grant, Defence Secretary of the United Kingdom",
    )


def test_broken_html_recovers_what_text_there_is():
    (article,), problems = read_file(FIXTURES / "bad" / "broken.html")
    assert all(p.level == "warning" for p in problems)
    assert "summit in Vienna" in article.text
    assert "Second paragraph that never closes" in article.text


def test_html_without_text_is_rejected(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><script>var a = 1;</script></head><body><nav></nav></body></html>")
    articles, problems = read_file(p)
    assert articles == []
    assert problems[0].level == "error" and "no text" in problems[0].reason


def _nested(path, depth):
    para = "The envoy of Freedonia, Rufus Tarn, said the talks would resume on Monday."
    body = "<div>" * depth + f"<p>{para}</p>" + "</div>" * depth
    path.write_text(f"<html><head><title>Talks resume</title></head><body>{body}</body></html>")
    return para


@pytest.mark.parametrize("depth", [256, 600])
def test_deeply_nested_divs_keep_their_paragraph(tmp_path, depth):
    para = _nested(tmp_path / "deep.html", depth)
    (article,), problems = read_file(tmp_path / "deep.html")
    assert problems == []
    assert para in article.text


def test_nesting_past_the_parser_limit_is_rejected_with_that_reason(tmp_path):
    _nested(tmp_path / "deeper.html", 2050)
    articles, problems = read_file(tmp_path / "deeper.html")
    assert articles == []
    assert "nested deeper than 2048" in problems[0].reason
