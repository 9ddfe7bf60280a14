"""The country dashboard: one set of traces per country, switched by a plotly dropdown."""

import json

from conftest import hand_corpus, kinds_corpus

import workbench
from workbench.aggregate.views import filter_quotes, history, quote_view
from workbench.report.blocks import quote_frame
from workbench.report.dashboard import country_dashboard, speakers_frame, speakers_table


def _dashboard(country=None):
    c = hand_corpus()
    return country_dashboard(workbench.stance_matrix(c), history(c), quote_view(c), country)


def test_one_country_is_shown_and_the_menu_switches_between_all():
    fig = _dashboard("DEU")
    menu = fig.layout.updatemenus[0]
    assert [b.label for b in menu.buttons] == ["Germany", "France"] or [
        b.label for b in menu.buttons
    ] == ["France", "Germany"]
    assert fig.layout.title.text == "Country: Germany"
    labels = [b.label for b in menu.buttons]
    assert menu.active == labels.index("Germany")
    for button in menu.buttons:
        visible = button.args[0]["visible"]
        assert len(visible) == len(fig.data) and any(visible)
        assert button.args[1]["title.text"] == f"Country: {button.label}"
    # what is visible at first is exactly what the Germany button shows
    germany = menu.buttons[labels.index("Germany")].args[0]["visible"]
    assert [bool(t.visible) for t in fig.data] == germany


def _of(frame, country="Germany"):
    """The rows of one country in a table frame (its country cell is the name, code on hover)."""
    return frame[frame.country.str.contains(f">{country}<", regex=False)]


def test_germany_shows_positions_history_speakers_and_quotes():
    fig = _dashboard("DEU")
    shown = [t for t in fig.data if t.visible]
    assert {t.type for t in shown} == {"scatter"}  # the tables are below the figure
    points = next(t for t in shown if t.type == "scatter" and t.mode == "markers+text")
    assert dict(zip(points.x, points.y, strict=True)) == {
        "Troops to Ukraine": 0.5,
        "US backstop": 0.5,
    }
    lines = {t.name: list(t.y) for t in shown if t.type == "scatter" and t.mode == "lines+markers"}
    assert lines["Troops to Ukraine"] == [-0.5, 0.5]  # the change over time
    view = quote_view(hand_corpus())
    speakers = _of(speakers_frame(view))
    assert list(speakers.speaker) == ["Jonas Albrecht"]
    assert list(speakers.kind) == ["person"]  # the speaker's kind
    assert list(speakers.quotes) == [2]
    quotes = quote_frame(view[view.country == "DEU"])
    assert list(quotes["speaker kind"]) == ["person", "person"]
    assert "too early" in " ".join(quotes.quote)


def test_unknown_country_falls_back_to_the_first():
    fig = _dashboard("XXX")
    assert fig.layout.title.text.startswith("Country: ")


def test_without_a_choice_the_country_with_most_statements_comes_first():
    assert _dashboard().layout.title.text == "Country: Germany"  # 3 statements, France 1


def test_speaker_table_keeps_the_most_quoted_and_says_how_many():
    view = quote_view(hand_corpus())
    assert _of(speakers_frame(view, 0)).empty
    assert "at most 0 per country" in speakers_table(view, 0).data
    speakers = _of(speakers_frame(view))
    assert list(speakers.topics) == ["Troops to Ukraine, US backstop"]  # labels, not ids


def test_position_over_time_says_why_it_is_empty():
    c = hand_corpus()
    undated = c.articles.assign(date=None)
    c = workbench.Corpus(articles=undated, quotes=c.quotes, stances=c.stances)
    fig = country_dashboard(workbench.stance_matrix(c), history(c), quote_view(c), "DEU")
    note = [a for a in fig.layout.annotations if "No dated statement" in (a.text or "")]
    assert len(note) == 1
    # in the right-hand panel, in page coordinates (an empty panel has no axes to refer to)
    assert note[0].xref == "paper" and note[0].x > fig.layout.xaxis.domain[1]
    k = list(fig.layout.annotations).index(note[0])
    for button in fig.layout.updatemenus[0].buttons:
        assert "No dated statement" in button.args[1][f"annotations[{k}].text"]
    # dated: the note is empty, and the menu keeps it empty for Germany
    fig = _dashboard("DEU")
    texts = [a.text for a in fig.layout.annotations]
    assert not any("No dated statement" in (t or "") for t in texts)


def test_analyst_topic_ids_are_escaped_on_the_axes_and_legend():
    link = 'troops <a href="https://example.org/x">'
    c = hand_corpus()
    c.stances.loc[c.stances.topic == "troop_deployment", "topic"] = link
    c.stances.loc[c.stances.country_code == "FRA", "country_code"] = "<b>X</b>"
    fig = country_dashboard(workbench.stance_matrix(c), history(c), quote_view(c), "DEU")
    text = json.dumps(fig.to_plotly_json(), ensure_ascii=False)
    assert "<a href" not in text and "<b>X" not in text
    positions = fig.data[0]
    assert 'troops &lt;a href="https://example.org/x"&gt;' in positions.x


def _kinds_dashboard(view=None):
    c = kinds_corpus()
    v = quote_view(c) if view is None else view
    return country_dashboard(workbench.stance_matrix(c), history(c), v, "DEU")


def test_who_speaks_for_it_counts_only_named_speakers():
    view = quote_view(kinds_corpus())
    speakers = _of(speakers_frame(view))
    # persons, governments, organisations and a joint statement's principal; not "officials",
    # "sources", "the complaint" or "the mayor"
    assert list(speakers.speaker) == ["Ana Testa", "Germany", "Northern Alliance"]
    assert list(speakers.quotes) == [2, 1, 1]  # Ana Testa alone and in a joint statement
    # the quotes table still lists every quote of the country, each with its speaker kind
    quotes = quote_frame(view[view.country == "DEU"])
    assert set(quotes["speaker kind"]) == {
        "person",
        "government",
        "organisation",
        "group, with Ivo Marek; Lena Sorel",
        "group",
        "anonymous",
        "document",
        "unresolved",
    }


def test_a_country_with_only_unnamed_speakers_has_nobody_speaking_for_it():
    v = quote_view(kinds_corpus())
    unnamed = v[v.speaker_kind.isin(["anonymous", "document", "unresolved"])]
    assert _of(speakers_frame(unnamed)).empty
    assert len(quote_frame(unnamed[unnamed.country == "DEU"])) == 3


def test_the_dashboard_shows_the_speaker_kinds_it_is_given():
    v = filter_quotes(quote_view(kinds_corpus()), speaker_kinds=["person", "anonymous"])
    quotes = quote_frame(v[v.country == "DEU"])
    assert sorted(quotes["speaker kind"]) == ["anonymous", "person"]
