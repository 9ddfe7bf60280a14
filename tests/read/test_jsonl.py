from conftest import FIXTURES

from workbench.read import read_file
from workbench.read.inputs import assign_ids


def test_articles_with_metadata():
    articles, problems = read_file(FIXTURES / "formats" / "feed.jsonl")
    assert problems == []
    first, second = articles
    assert (first.id, first.title, first.date, first.source) == (
        "wire-001",
        "Nordic ministers back training mission",
        "2026-04-02",
        "Fictional Wire",
    )
    assert first.url == "https://example.org/wire-001"
    assert second.id is None and second.date == "2026-04-03" and second.line == 2
    assign_ids(articles)
    assert [a.article_id for a in articles] == ["wire-001", "feed-2"]


def test_each_bad_line_is_rejected_alone():
    articles, problems = read_file(FIXTURES / "bad" / "mixed.jsonl")
    assert [a.id for a in articles] == ["ok-1", "ok-2"]
    assert [(p.line, p.level) for p in problems] == [(2, "error"), (3, "error"), (4, "error")]
    assert "malformed JSON" in problems[0].reason
    assert "not a JSON object" in problems[1].reason
    assert "text" in problems[2].reason
