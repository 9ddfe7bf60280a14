"""Aggregation into the stance matrix: change flags, wire copies, as_of, voices, evidence."""

import pytest

import workbench
from workbench.schema import snap

MAY = (
    "---\ntitle: Rome hesitates\ndate: 2026-05-02\n---\nRome hesitates\n"
    "Italian Defence Minister Paolo Ferretti said sending troops to Ukraine was premature.\n"
)
JUNE = (
    "---\ntitle: Rome shifts\ndate: 2026-06-10\n---\nRome shifts\n"
    "Italian Defence Minister Paolo Ferretti said Italy would send troops only if the United "
    "States provided air cover.\n"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("matrix")
    (d / "may.md").write_text(MAY, encoding="utf-8")
    (d / "june.md").write_text(JUNE, encoding="utf-8")
    (d / "june-wire.md").write_text(JUNE, encoding="utf-8")  # the same wire copy again
    return workbench.analyse([d], cache=False)


def test_snap_to_the_scale():
    assert [snap(x) for x in (0.9, 0.7, 0.2, -0.3, -0.8)] == [1.0, 0.5, 0.0, -0.5, -1.0]


def test_position_change_is_flagged_and_newer_weighs_more(corpus):
    cell = workbench.stance_matrix(corpus).loc["ITA", "troop_deployment"]
    assert cell.changed
    assert cell.change == "sceptical (2026-05-02) → conditional (2026-06-10)"
    assert cell.label == "conditional"


def test_wire_copies_count_once_with_every_source(corpus):
    cell = workbench.stance_matrix(corpus).loc["ITA", "troop_deployment"]
    assert cell.n_statements == 2
    june = [e for e in cell.evidence if e["date"] == "2026-06-10"]
    assert len(june) == 1 and june[0]["sources"] == ["june", "june-wire"]


def test_as_of(corpus):
    cell = workbench.stance_matrix(corpus, as_of="2026-05-31").loc["ITA", "troop_deployment"]
    assert (cell.label, cell.n_statements, cell.changed) == ("sceptical", 1, False)


def test_every_cell_traces_to_its_evidence(corpus):
    m = workbench.stance_matrix(corpus)
    texts = dict(zip(corpus.articles.article_id, corpus.articles.text, strict=True))
    for row in m.attrs["cells"].itertuples():
        assert row.evidence
        for e in row.evidence:
            assert texts[e["article_id"]][e["start_char"] : e["end_char"]] == e["text"]
            assert e["voiced_by"] and e["attribution"]


def test_voices_filter(corpus, seed_corpus):
    gov = workbench.stance_matrix(seed_corpus, voices="government")
    assert "UKR" not in gov.index  # the seed's Ukrainian voice is an MP
    own = workbench.stance_matrix(seed_corpus, voices="self")
    assert "RUS" not in own.index  # Russia's position is only narrated
    with pytest.raises(ValueError):
        workbench.stance_matrix(seed_corpus, voices="nobody")


def test_support_with_a_condition_is_conditional():
    from workbench.schema import position

    assert position([1.0, 0.5], [1.0, 1.0])[0] == 0.5
    assert position([1.0, 1.0], [1.0, 1.0])[0] == 1.0
    assert position([1.0, -1.0, 0.5], [1.0, 1.0, 1.0])[0] == 0.0


def test_an_exact_tie_goes_towards_neutral_whatever_the_summation_order():
    # -0.5 × 0.75 + -0.5 × 0.85 over 3.2 is exactly -0.25; float sums can land either side
    assert snap(-0.25000000000000006) == snap(-0.24999999999999997) == 0.0
    assert snap(0.7500000000000001) == 0.5
