"""The learned stance scorer: the shipped weights load, prediction, the fallback to the rules."""

import pytest

from workbench.resources.lexicon import load_lexicon
from workbench.resources.weights import (
    CLASSES,
    ENV_SCORER,
    Scorer,
    dump_scorer,
    load_scorer,
    model_path,
)
from workbench.stances.scorer import apply_scorer, judged


def test_shipped_weights_load_and_name_every_class():
    scorer = load_scorer("model")
    assert scorer is not None and scorer.classes == CLASSES
    assert len(scorer.weights) > 50 and scorer.fingerprint
    assert all(len(w) == len(CLASSES) for w in scorer.weights.values())
    assert "rule=support" in scorer.weights and 0 < scorer.threshold < 1
    assert model_path().name == "stance_model.yml"


def test_rules_are_the_fallback(monkeypatch):
    assert load_scorer("rules") is None
    monkeypatch.setenv(ENV_SCORER, "rules")
    assert load_lexicon().scorer is None
    monkeypatch.delenv(ENV_SCORER)
    assert load_lexicon().scorer is not None  # the learned scorer is the default
    assert load_lexicon(scorer="rules").fingerprint != load_lexicon().fingerprint  # cache key


def test_weights_round_trip(tmp_path):
    scorer = Scorer(weights={"rule=oppose": [0.0, 2.0, 0.0, 0.0, 0.0, -1.0]}, threshold=0.4)
    dump_scorer(scorer, tmp_path / "w.yml", {"trained_on": ["x.yml"]})
    back = load_scorer(tmp_path / "w.yml")
    assert back.weights == scorer.weights and back.threshold == 0.4 and back.bias == scorer.bias
    assert back.probabilities(["rule=oppose"]) == pytest.approx(
        scorer.probabilities(["rule=oppose"])
    )


def test_bad_classes_are_refused(tmp_path):
    path = tmp_path / "w.yml"
    path.write_text("classes: [support, none]\n")
    with pytest.raises(ValueError, match="classes"):
        load_scorer(path)


def _candidate(label, topic="sanctions", country="FRA", features=("rule=oppose",)):
    stance = {"oppose": -1.0, "support": 1.0, None: None}[label]
    return {
        "country_code": country,
        "topic": topic,
        "label": label,
        "stance": stance,
        "confidence": 0.8,
        "rule": "trace",
        "features": list(features),
        "by_rules": label is not None,
    }


def test_apply_keeps_labels_and_explains_them():
    scorer = Scorer(
        weights={
            "rule=oppose": [0.0, 3.0, 0.0, 0.0, 0.0, 0.0],
            "rule=none": [3.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        }
    )
    cueless = _candidate(None, "peace_talks", features=["rule=none"])
    kept = apply_scorer([_candidate("oppose"), cueless], scorer)
    assert [(k["label"], k["stance"]) for k in kept] == [("oppose", -1.0)]
    assert kept[0]["rule"].startswith("trace · model p=") and "features" not in kept[0]
    assert "by_rules" not in kept[0]


def test_cueless_candidates_only_fill_empty_cells():
    records = [_candidate("oppose"), _candidate(None), _candidate(None, "peace_talks")]
    assert judged(records) == [True, False, True]
