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


def _history(*statements: tuple[str, float, float]) -> "workbench.Corpus":
    """A corpus of one cell (FRA, troop_deployment): one article per (date, stance, confidence)."""
    from workbench.schema import ARTICLE_COLUMNS, SCALE, STANCE_COLUMNS, Corpus, frame

    articles, stances = [], []
    for i, (date, stance, confidence) in enumerate(statements):
        text = f"Statement {i}."
        articles.append({"article_id": f"a{i}", "path": f"a{i}.md", "date": date, "text": text})
        stances.append(
            {
                "article_id": f"a{i}",
                "actor": "France",
                "country_code": "FRA",
                "role_class": "government",
                "topic": "troop_deployment",
                "stance": stance,
                "label": SCALE[stance],
                "confidence": confidence,
                "voiced_by": "France",
                "attribution": "self",
                "evidence": text,
                "start_char": 0,
                "end_char": len(text),
                "origin": "model",
            }
        )
    return Corpus(articles=frame(articles, ARTICLE_COLUMNS), stances=frame(stances, STANCE_COLUMNS))


@pytest.mark.parametrize(
    "history, label, change",
    [
        # a March condition does not qualify April's unconditional support
        (
            [("2026-03-02", 0.5, 0.8), ("2026-04-20", 1.0, 0.8)],
            "support",
            "conditional (2026-03-02) → support (2026-04-20)",
        ),
        # three old refusals outweigh nothing once a newer window speaks
        (
            [("2026-01-05", -1.0, 0.9), ("2026-01-06", -1.0, 0.9), ("2026-02-20", 1.0, 0.6)],
            "support",
            "oppose (2026-01-05) → support (2026-02-20)",
        ),
        # a condition inside the latest window still qualifies it
        (
            [("2026-03-02", -0.5, 0.8), ("2026-04-10", 1.0, 0.8), ("2026-04-20", 0.5, 0.8)],
            "conditional",
            "sceptical (2026-03-02) → conditional (2026-04-20)",
        ),
    ],
)
def test_the_headline_is_the_latest_position_and_never_contradicts_its_history(
    history, label, change
):
    cell = workbench.stance_matrix(_history(*history)).loc["FRA", "troop_deployment"]
    assert (cell.label, cell.change, cell.changed) == (label, change, True)
    assert cell.n_statements == len(history)  # the older statements stay in the evidence
    # the headline is the "after" side of the change
    assert cell.change.split("→")[1].strip().startswith(cell.label)


def test_statements_within_one_window_are_one_position():
    cell = workbench.stance_matrix(
        _history(("2026-04-01", 1.0, 0.8), ("2026-04-08", 0.5, 0.8))
    ).loc["FRA", "troop_deployment"]
    assert (cell.label, cell.changed) == ("conditional", True)
    undated = workbench.stance_matrix(_history((None, 1.0, 0.8), (None, 0.5, 0.8)))
    assert (
        undated.loc["FRA", "troop_deployment"].label,
        undated.loc["FRA", "troop_deployment"].changed,
    ) == ("conditional", False)
