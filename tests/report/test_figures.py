"""Figures: heatmap cells, timeline panels and filters, escaping of article text."""

import json

import plotly.io as pio
from conftest import hand_corpus

import workbench
from workbench.aggregate.views import quote_view
from workbench.report.escape import plot_text
from workbench.report.figures import quote_timeline, stance_heatmap

PAYLOAD = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


def test_plot_text_makes_markup_literal_and_wraps():
    assert plot_text(PAYLOAD) == (
        "&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
    )
    assert plot_text(None) == "" and plot_text(float("nan")) == ""
    wrapped = plot_text("word " * 100, width=20)
    assert wrapped.count("<br>") == 3 and wrapped.endswith("…")


def test_heatmap_has_one_cell_per_country_and_topic_with_label_and_count():
    c = hand_corpus()
    fig = stance_heatmap(workbench.stance_matrix(c), c.articles)
    hm = fig.data[0]
    assert list(hm.y) == ["Germany", "France"] or list(hm.y) == ["France", "Germany"]
    assert list(hm.x) == ["Troops to Ukraine", "US backstop"]  # the catalogue's labels
    assert (hm.zmin, hm.zmax, hm.zmid) == (-1, 1, 0)
    row = list(hm.y).index("Germany")
    assert hm.text[row][0].startswith("conditional<br>(2)")
    assert "↻" in hm.text[row][0]  # sceptical in March, conditional in June
    assert "only with a backstop" in hm.hovertext[row][0]
    assert "Ledger" in hm.hovertext[row][0] and "2026-06-01" in hm.hovertext[row][0]
    assert "Germany (DEU) · Troops to Ukraine" in hm.hovertext[row][0]  # code on hover
    fra = list(hm.y).index("France")
    assert hm.z[fra][1] is None and "no statement" in hm.hovertext[fra][1]


def test_heatmap_hover_lists_each_strongest_statement_with_its_own_stance():
    c = hand_corpus()
    fig = stance_heatmap(workbench.stance_matrix(c), c.articles)
    hm = fig.data[0]
    hover = hm.hovertext[list(hm.y).index("Germany")][0]
    # two statements behind the cell: each with its own label, voice, source and date
    assert "<b>conditional</b>: “only with a backstop" in hover
    assert "<b>sceptical</b>: “" in hover
    assert hover.count("(self)") == 2 and "2026-03-01" in hover and "Wire" in hover


def every_figure(c) -> list:
    """The heatmap and the timeline (coloured by stance and by country) of corpus ``c``."""
    return [
        stance_heatmap(workbench.stance_matrix(c), c.articles),
        quote_timeline(quote_view(c)),
        quote_timeline(quote_view(c), color_by="country"),
    ]


def test_article_text_is_escaped_in_every_figure_string():
    c = hand_corpus()
    c.quotes.loc[0, "text"] = PAYLOAD
    c.quotes.loc[0, "speaker"] = "<b>Jonas</b>"
    c.stances.loc[0, "evidence"] = PAYLOAD
    c.articles.loc[0, "source"] = "Wire <i>x</i>"
    figs = every_figure(c)
    for fig in figs:
        text = json.dumps(fig.to_plotly_json(), ensure_ascii=False)
        assert "<img" not in text and "<script" not in text and "<i>" not in text
        assert "<b>Jonas</b>" not in text
    timeline = json.dumps(figs[1].to_plotly_json())
    assert "&lt;img src=x" in timeline and "&lt;b&gt;Jonas&lt;/b&gt;" in timeline


def test_timeline_puts_undated_quotes_in_their_own_panel_and_says_so():
    fig = quote_timeline(quote_view(hand_corpus()))
    assert "undated article" in fig.layout.title.text
    assert fig.layout.xaxis2.title.text == "order in article (undated)"
    undated = [t for t in fig.data if t.xaxis == "x2"]
    assert [list(t.x) for t in undated] == [[1]]


def test_timeline_of_an_undated_corpus_uses_order_in_article(seed_corpus):
    fig = quote_timeline(quote_view(seed_corpus))
    assert "No article is dated" in fig.layout.title.text
    points = sum(len(t.x) for t in fig.data if t.x != (None,))
    assert points == len(seed_corpus.quotes)


def test_timeline_country_menu_shows_one_country_and_keeps_the_legend():
    fig = quote_timeline(quote_view(hand_corpus()))
    menu = fig.layout.updatemenus[0]
    labels = [b.label for b in menu.buttons]
    assert labels[0] == "All countries" and "France" in labels and "Germany" in labels
    france = menu.buttons[labels.index("France")].args[0]["visible"]
    shown = [t for t, v in zip(fig.data, france, strict=True) if v]
    names = {t.name for t in shown}
    assert "France" in names and "Germany" not in names
    assert {"support", "no stance"} <= names  # the stance legend stays


def test_timeline_samples_past_its_limits_and_says_so():
    v = quote_view(hand_corpus())
    fig = quote_timeline(v, max_points=1, max_speakers=1)
    assert "Showing the 1 speakers" in fig.layout.title.text
    assert "sample of 1 of 2 quotes" in fig.layout.title.text
    assert sum(len(t.x) for t in fig.data if t.x != (None,)) == 1
    again = quote_timeline(v, max_points=1, max_speakers=1)
    assert pio.to_json(fig) == pio.to_json(again)  # deterministic sample


def test_timeline_rejects_an_unknown_colouring():
    try:
        quote_timeline(quote_view(hand_corpus()), color_by="mood")
    except ValueError as exc:
        assert "color_by" in str(exc)
    else:
        raise AssertionError("expected ValueError")


LINK = 'troops <a href="https://example.org/x">'


def analyst_corpus():
    """The hand corpus with analyst-supplied strings: a topic id from a --topics file and a
    country code from an --actors file that carry markup."""
    c = hand_corpus()
    c.stances.loc[c.stances.topic == "troop_deployment", "topic"] = LINK
    c.stances.loc[c.stances.country_code == "FRA", "country_code"] = "<b>X</b>"
    return c


def test_analyst_topic_ids_and_countries_are_escaped_on_every_axis():
    c = analyst_corpus()
    figs = every_figure(c)
    for fig in figs:
        text = json.dumps(fig.to_plotly_json(), ensure_ascii=False)
        assert "<a href" not in text and "<b>X" not in text
    heat = figs[0].data[0]
    assert plot_text(LINK) in heat.x and "&lt;b&gt;X&lt;/b&gt;" in heat.y
    html = pio.to_html(figs[0], include_plotlyjs=False, full_html=False)
    assert "<a href" not in html
