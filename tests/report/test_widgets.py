"""Live panels: changing a control changes the selection (the callbacks, without a browser)."""

from conftest import hand_corpus

import workbench
from workbench.report.widgets import country_panel, explorer


def test_explorer_filters_quotes_from_its_controls():
    c = hand_corpus()
    panel = explorer(c, workbench.stance_matrix(c))
    assert len(panel.quotes) == 4 and panel.count.value == "4 of 4 quotes"
    panel.country.value = "DEU"
    assert set(panel.quotes.quote_id) == {"a:1", "b:1"}
    panel.topic.value = "us_backstop"
    assert set(panel.quotes.quote_id) == {"b:1"}
    panel.topic.value = ""
    panel.text.value = "too early"
    assert set(panel.quotes.quote_id) == {"a:1"} and panel.count.value == "1 of 4 quotes"
    panel.country.value = ""
    panel.text.value = ""
    panel.speaker.value = "Claire Morel"
    assert set(panel.quotes.quote_id) == {"b:2"}


def test_explorer_offers_every_matrix_cell():
    c = hand_corpus()
    panel = explorer(c, workbench.stance_matrix(c))
    values = [v for _, v in panel.cell.options if v]
    assert ("DEU", "troop_deployment") in values and len(values) == 3
    panel.cell.value = ("DEU", "troop_deployment")  # the callback runs without error


def test_country_panel_follows_its_dropdown():
    c = hand_corpus()
    panel = country_panel(c, workbench.stance_matrix(c), "FRA")
    assert set(panel.quotes.quote_id) == {"b:2"}
    panel.choice.value = "DEU"
    assert set(panel.quotes.quote_id) == {"a:1", "b:1"}
