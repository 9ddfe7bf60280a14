"""Report views: the corpus a report covers, quotes joined to dates and stances, filters."""

import pandas as pd
import pytest
from conftest import hand_corpus, kinds_corpus

import workbench
from workbench.aggregate.views import (
    as_list,
    country_label,
    country_name,
    date_range,
    filter_quotes,
    history,
    named_speakers,
    quote_view,
    select,
    topic_label,
    topic_labels,
)
from workbench.schema import Corpus


def test_country_names_are_readable():
    assert country_name("DEU") == "Germany"
    assert country_name("EUU") == "European Union"
    assert country_name(None) == "unknown"


def test_parameters_accept_lists_strings_and_none():
    assert as_list(None) == []
    assert as_list("FRA, DEU") == ["FRA", "DEU"]
    assert as_list(["FRA", " "]) == ["FRA"]


def test_select_by_date_leaves_out_undated_articles():
    c = select(hand_corpus(), start="2026-05-01")
    assert list(c.articles.article_id) == ["b"]
    assert set(c.quotes.article_id) == {"b"}
    assert set(c.stances.article_id) == {"b"}


def test_select_without_filters_keeps_everything():
    c = hand_corpus()
    assert len(select(c).quotes) == len(c.quotes)


def test_select_by_country_and_topic():
    c = select(hand_corpus(), countries=["DEU"], topics="troop_deployment")
    assert set(c.stances.country_code) == {"DEU"}
    assert set(c.stances.topic) == {"troop_deployment"}
    assert set(c.quotes.speaker_country) == {"DEU"}


def test_quote_view_joins_date_source_and_strongest_stance():
    v = quote_view(hand_corpus())
    row = v[v.quote_id == "b:1"].iloc[0]
    assert row.date == "2026-06-01" and row.source == "Ledger"
    assert row.topics == "troop_deployment, us_backstop"
    assert row.label == "conditional"  # the more confident statement
    assert row.country_name == "Germany"
    # dated quotes first in date order, undated last; order is the place in the article
    assert list(v.quote_id) == ["a:1", "b:2", "b:1", "c:1"]
    assert v.set_index("quote_id").order.to_dict() == {"a:1": 1, "b:2": 1, "b:1": 2, "c:1": 1}


def test_quote_view_by_topic_keeps_quotes_with_a_stance_on_it():
    v = quote_view(hand_corpus(), topics=["us_backstop"])
    assert list(v.quote_id) == ["b:1"]


def test_filter_quotes_by_each_control():
    v = quote_view(hand_corpus())
    assert set(filter_quotes(v, country="FRA").quote_id) == {"b:2"}
    assert set(filter_quotes(v, speaker="Jonas Albrecht").quote_id) == {"a:1", "b:1"}
    assert set(filter_quotes(v, topic="us_backstop").quote_id) == {"b:1"}
    assert set(filter_quotes(v, text="READY").quote_id) == {"b:2"}
    assert set(filter_quotes(v, text="Albrecht", topic="troop_deployment").quote_id) == {
        "a:1",
        "b:1",
    }
    assert filter_quotes(v, text="[(regex?").empty  # plain text, not a pattern
    assert len(filter_quotes(v)) == len(v)


@pytest.mark.parametrize(
    "min_words, kept",
    [(0, {"a:1", "b:2", "b:1", "c:1"}), (3, {"b:2", "b:1"}), (4, {"b:1"}), (5, set())],
)
def test_short_fragments_are_left_out(min_words, kept):
    # "too early" and "no comment" are two words, "we are ready" three, "only with a backstop" four
    v = quote_view(hand_corpus())
    assert set(filter_quotes(v, min_words=min_words).quote_id) == kept


def test_history_gives_a_position_per_dated_day():
    h = history(hand_corpus())
    deu = h[(h.key == "DEU") & (h.topic == "troop_deployment")]
    assert list(zip(deu.date, deu.label, strict=True)) == [
        ("2026-03-01", "sceptical"),
        ("2026-06-01", "conditional"),
    ]


def test_date_range():
    assert date_range(hand_corpus()) == ("2026-03-01", "2026-06-01")
    assert date_range(Corpus()) == (None, None)


def test_views_on_the_seed(seed_corpus):
    v = quote_view(seed_corpus)
    assert len(v) == len(seed_corpus.quotes)
    assert v.date.isna().all()  # the seed is undated
    assert isinstance(workbench.stance_matrix(select(seed_corpus, countries="GBR")), pd.DataFrame)


def test_quote_view_carries_the_speaker_kind_and_co_speakers():
    v = quote_view(kinds_corpus()).set_index("quote_id")
    assert v.speaker_kind.to_dict()["k:6"] == "anonymous"
    assert v.co_speakers.to_dict()["k:4"] == "Ivo Marek; Lena Sorel"
    assert pd.isna(v.speaker_kind["k:9"])  # no speaker, no kind


@pytest.mark.parametrize(
    ("kinds", "kept"),
    [
        (["anonymous"], {"k:6"}),
        ("document, unresolved", {"k:7", "k:8"}),  # the parameter as comma-separated text
        (("person", "government", "organisation"), {"k:1", "k:2", "k:3"}),  # a widget's tuple
        (["group"], {"k:4", "k:5"}),
        (None, {f"k:{i}" for i in range(1, 10)}),  # default: every quote, unattributed too
        ([], {f"k:{i}" for i in range(1, 10)}),
    ],
)
def test_filter_quotes_by_speaker_kind(kinds, kept):
    v = quote_view(kinds_corpus())
    assert set(filter_quotes(v, speaker_kinds=kinds).quote_id) == kept


def test_filter_quotes_by_speaker_kind_combines_with_the_other_controls():
    v = quote_view(kinds_corpus())
    assert set(filter_quotes(v, speaker_kinds=["group"], text="officials").quote_id) == {"k:5"}
    assert filter_quotes(v, speaker="Ana Testa", speaker_kinds="anonymous").empty


def test_named_speakers_are_persons_governments_organisations_and_joint_statements():
    v = quote_view(kinds_corpus())
    named = set(v[named_speakers(v)].quote_id)
    assert named == {"k:1", "k:2", "k:3", "k:4"}  # not "officials", "sources", "the mayor"


def test_topics_read_as_the_catalogues_labels_and_unknown_ids_stay_ids():
    from workbench.resources.topics import load_topics

    for topic in load_topics().topics:  # every shipped topic has a label of its own
        assert topic_label(topic.id) == topic.label and topic.label != topic.id
    assert topic_label("troop_deployment") == "Troops to Ukraine"
    assert topic_label("my_own_topic") == "my_own_topic"  # an analyst's catalogue
    assert topic_label(None) == "" and topic_label(float("nan")) == ""
    assert topic_labels("sanctions, peace_talks") == "Sanctions on Russia, Peace talks"
    assert topic_labels(None) == ""


def test_country_labels_carry_the_code():
    assert country_label("FRA") == "France (FRA)"
    assert country_label("EUU") == "European Union (EUU)"
    assert country_label("XXX") == "XXX"  # no name: the code once
    assert country_label(None) == "unknown"
