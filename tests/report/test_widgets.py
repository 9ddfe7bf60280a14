"""Live panels: changing a control changes the selection (the callbacks, without a browser)."""

from conftest import hand_corpus, kinds_corpus

import workbench
from workbench.report.widgets import country_panel, explorer
from workbench.schema import SPEAKER_KINDS


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


def test_explorer_filters_by_speaker_kind():
    c = kinds_corpus()
    panel = explorer(c, workbench.stance_matrix(c))
    assert panel.kinds.value == () and len(panel.quotes) == 9  # none selected: all
    assert list(panel.kinds.options) == list(SPEAKER_KINDS)
    panel.kinds.value = ("anonymous", "document")
    assert set(panel.quotes.quote_id) == {"k:6", "k:7"} and panel.count.value == "2 of 9 quotes"
    panel.text.value = "complaint"
    assert set(panel.quotes.quote_id) == {"k:7"}
    panel.text.value = ""
    panel.kinds.value = ()
    assert len(panel.quotes) == 9


def test_live_panels_start_from_the_speaker_kinds_parameter():
    c = kinds_corpus()
    panel = explorer(c, workbench.stance_matrix(c), ["group"])
    assert panel.kinds.value == ("group",) and set(panel.quotes.quote_id) == {"k:4", "k:5"}
    country = country_panel(c, workbench.stance_matrix(c), "DEU", ["person", "government"])
    assert set(country.quotes.quote_id) == {"k:1", "k:2"}
    country.kinds.value = ("unresolved",)
    assert set(country.quotes.quote_id) == {"k:8"}
    country.kinds.value = ()
    assert len(country.quotes) == 8  # every quote of Germany (the unattributed one has none)
