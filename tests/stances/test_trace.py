"""The structured trace of a stance statement: its cue class, holder and topic origins."""

import pytest

import workbench
from workbench.schema import STANCE_COLUMNS
from workbench.stances.trace import (
    CUE_CLASSES,
    HOLDER_VIA,
    NO_CUE,
    OTHER_CLASSES,
    TOPIC_VIA,
    Why,
    cue_class,
    holder_via,
    topic_via,
)


def test_the_scorer_reads_the_cue_class_not_the_text():
    assert cue_class(Why("hedge", "hedge 'premature'")) == "hedge"
    assert cue_class(Why("negated refusal", "negated refusal 'rule out'")) == "negated refusal"
    assert cue_class(Why("negated", "whatever the trace says")) == "negated"
    assert cue_class(Why("topic phrase", "ceasefire_timing phrase 'as soon as'")) == "topic phrase"
    assert cue_class(Why("speech noun", "speech noun (support)")) == "speech noun"
    assert cue_class(Why("addressed", "addressed to RUS 'Kremlin'")) == "other"
    assert cue_class(NO_CUE) == "none" and not NO_CUE and str(NO_CUE) == ""


def test_holder_origins():
    assert holder_via("subject 'Russia'") == "subject"
    assert holder_via("clause subject 'Bulgaria'") == "clause subject"
    assert holder_via("'affirmations from London'") == "speech noun"
    assert holder_via("antecedent of 'administration'") == "antecedent"
    assert holder_via("speaker") == "speaker"


def test_topic_origins():
    assert topic_via("troops") == "named"
    assert topic_via("package (= sanctions package)") == "named"  # a noun pointing back
    assert topic_via("troops (sentence)") == "borrowed"
    assert topic_via("sanctions (title)") == "title"
    assert topic_via("prototype") == "prototype"


TEXT = (
    "Talks in Warsaw\n"
    "Polish Defence Minister Jan Kowal said Poland was ready to send troops to Ukraine.\n"
    "Latvian Prime Minister Ilze Berzina said sending troops was premature.\n"
    "Estonia rejected new sanctions on Russia.\n"
)


@pytest.fixture(scope="module")
def stances(tmp_path_factory):
    folder = tmp_path_factory.mktemp("trace")
    (folder / "warsaw.txt").write_text(TEXT, encoding="utf-8")
    return workbench.analyse([folder], cache=False).stances


def test_the_stances_table_carries_the_trace_as_columns(stances):
    assert {"cue", "cue_class", "holder_via", "topic_via", "p"} <= set(STANCE_COLUMNS)
    assert set(stances.cue_class) <= {*CUE_CLASSES, *OTHER_CLASSES, "answer"}
    assert set(stances.holder_via) <= set(HOLDER_VIA)
    assert set(stances.topic_via) <= set(TOPIC_VIA)
    rows = {(r.country_code, r.topic): r for r in stances.itertuples()}
    pol = rows["POL", "troop_deployment"]
    assert (pol.label, pol.cue, pol.cue_class, pol.topic_via) == (
        "support",
        "ready",
        "readiness cue",
        "named",
    )
    lva = rows["LVA", "troop_deployment"]
    assert (lva.label, lva.cue, lva.cue_class) == ("sceptical", "premature", "hedge")
    est = rows["EST", "sanctions"]
    # a sentence whose subject is a government is its statement: the holder is the speaker
    assert (est.label, est.cue, est.cue_class, est.holder_via) == (
        "oppose",
        "reject",
        "refusal cue",
        "speaker",
    )
    for r in stances.itertuples():  # the readable trace says the same
        assert "topic: " in r.rule and (r.cue is None or r.cue in r.rule.lower())
        assert 0 < r.p <= 1 and f"model p={r.p:.2f}" in r.rule
