"""The index page on a large corpus: the newest articles, saying how many there are."""

from conftest import hand_corpus

import workbench.report.index as index
from workbench.report.index import index_html


def test_the_index_lists_the_newest_articles_past_its_limit(monkeypatch):
    c = hand_corpus()
    monkeypatch.setattr(index, "ARTICLES_SHOWN", 1)
    html = index_html(c, ("stance_matrix",))
    newest = c.articles.dropna(subset=["date"]).sort_values("date").iloc[-1]
    assert "The 1 newest of 3 articles" in html and "workbench sql" in html
    assert html.count('<td class="wb-date">') == 1 and newest.date in html
    monkeypatch.setattr(index, "ARTICLES_SHOWN", 1000)
    assert index_html(c, ("stance_matrix",)).count('<td class="wb-date">') == 3
