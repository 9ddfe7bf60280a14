"""Training the stance scorer: deterministic, learns from small data, cross-validates by file."""

import pytest
from conftest import FIXTURES

from workbench.evaluate.train import (
    accuracies,
    candidates,
    cross_validate,
    fit,
    main,
    training_rows,
)
from workbench.resources.weights import load_scorer

GOLD_D = FIXTURES / "stances" / "gold_set_d.yml"
GOLD_E = FIXTURES / "stances" / "gold_set_e.yml"


def test_fit_is_deterministic_and_learns_a_separable_toy():
    rows = [["rule=oppose"], ["rule=oppose", "negation"], ["rule=support"], ["cue=none"]] * 5
    labels = ["oppose", "oppose", "support", "none"] * 5
    a, b = fit(rows, labels, l2=0.1), fit(rows, labels, l2=0.1)
    assert a.weights == b.weights and a.bias == b.bias
    for row, label in zip(rows[:4], labels[:4], strict=True):
        p = a.probabilities(row)
        assert a.classes[p.index(max(p))] == label


@pytest.fixture(scope="module")
def sets():
    return candidates([GOLD_D, GOLD_E])


def test_candidates_carry_features_and_the_rules_statements(sets):
    examples = sets["gold_set_d.yml"]
    assert len(examples) >= 10
    records = [r for ex in examples for r in ex.records]
    assert all(r["features"] and isinstance(r["by_rules"], bool) for r in records)
    assert any(r["label"] is None for r in records)  # cueless candidates for the scorer
    rows, labels = training_rows(examples)
    assert len(rows) == len(labels) and "none" in labels and "support" in labels


def test_rules_figure_is_the_evaluated_one(sets):
    """The rules alone, scored from the candidates, give the figure ``evaluate stances`` prints."""
    rules = accuracies(sets["gold_set_d.yml"] + sets["gold_set_e.yml"], None)
    assert sum(rules) / len(rules) >= 0.85


def test_cross_validation_reports_every_fold_and_the_pool(sets):
    rows = cross_validate(sets, l2=1.0)
    assert [r[0] for r in rows] == ["gold_set_d.yml", "gold_set_e.yml", "pooled"]
    assert rows[-1][1] == rows[0][1] + rows[1][1]
    assert all(0 <= r[2] <= 1 and 0 <= r[3] <= 1 for r in rows)


def test_command_writes_loadable_weights(tmp_path, capsys):
    out = tmp_path / "model.yml"
    assert main([str(GOLD_E), "--out", str(out)]) == 0
    first = out.read_text()
    assert load_scorer(out).weights
    main([str(GOLD_E), "--out", str(out)])
    assert out.read_text() == first  # deterministic
    with pytest.raises(SystemExit):
        main([str(GOLD_E), "--cv"])  # one file cannot be left out
    assert "two gold files" in capsys.readouterr().err


def test_candidates_read_the_title_and_source_as_the_run_does(tmp_path):
    """An official document's joint statement ("Both leaders …") needs its front-matter title:
    training candidates must see it, or they differ from what ``evaluate stances`` scores."""
    (tmp_path / "readout.md").write_text(
        '---\ntitle: "Readout of President Tom Aldren’s Call with President Ana Vel of Finland"\n'
        "source: The White House\n---\n\n"
        "President Tom Aldren spoke today with President Ana Vel of Finland. Both leaders "
        "reaffirmed their support for further sanctions on Russia.\n",
        encoding="utf-8",
    )
    gold = tmp_path / "gold.yml"
    gold.write_text(
        "articles:\n  - file: readout.md\n    cells:\n"
        "      - {country: FIN, topic: sanctions, label: support, evidence: further sanctions}\n",
        encoding="utf-8",
    )
    (example,) = candidates([gold])["gold.yml"]
    ruled = {(r["country_code"], r["topic"]) for r in example.records if r["by_rules"]}
    assert ("FIN", "sanctions") in ruled
