"""The learned topic classifier's weights: trained, written, checked and read back, and its numpy
prediction equal to scikit-learn's (on fictional sentences)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from workbench.evaluate import train_topics
from workbench.resources.datafiles import DataFileError
from workbench.resources.topicmodel import OTHER, load_topic_classifier

EXAMPLES = [
    ("Norlund will send a battalion of soldiers to the mission", "troop_deployment"),
    ("The brigade could deploy troops to Ukraine within weeks", "troop_deployment"),
    ("Ministers refused to put boots on the ground", "troop_deployment"),
    ("The government backs a new package of sanctions on Russian banks", "sanctions"),
    ("Further restrictive measures against Moscow are needed", "sanctions"),
    ("It will not lift the sanctions on oil until the war ends", "sanctions"),
    ("Talks with Moscow should begin without preconditions", "peace_talks"),
    ("The foreign minister offered to host negotiations between the parties", "peace_talks"),
    ("A negotiated peace is the only way out", "peace_talks"),
    ("The weather in the capital was mild on Tuesday", OTHER),
    ("The minister thanked the host for the dinner", OTHER),
    ("Delegates arrived late after a train strike", OTHER),
    ("The summit ended with a group photograph", OTHER),
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("topics") / "topic_model.yml"
    fitted = train_topics.fit(EXAMPLES, c=3.0, min_df=1)
    train_topics.dump(fitted, out, {"trained_on": ["fictional"]}, threshold=0.3)
    return out


def test_prediction_equals_scikit_learn(trained):
    classifier = load_topic_classifier(trained)
    texts = [t for t, _ in EXAMPLES]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(texts)
    model = LogisticRegression(C=3.0, max_iter=5000).fit(
        vectorizer.transform(texts), [label for _, label in EXAMPLES]
    )
    unseen = [
        "Norlund's soldiers will not deploy before a ceasefire",
        "sanctions, sanctions and more sanctions",
        "An entirely unrelated sentence about gardening",
        "",
    ]
    expected = model.predict_proba(vectorizer.transform(unseen))
    got = np.vstack([classifier.probabilities(t) for t in unseen])
    assert list(classifier.classes) == list(model.classes_)
    np.testing.assert_allclose(got, expected, atol=1e-5)  # the weights are stored as float32


def test_predict_gives_the_likeliest_topic_never_other(trained):
    classifier = load_topic_classifier(trained)
    assert classifier.threshold == 0.3
    assert classifier.predict("They will send troops and soldiers to the mission")[0] == (
        "troop_deployment"
    )
    assert classifier.predict("more sanctions on Russian banks")[0] == "sanctions"
    assert classifier.predict("a mild Tuesday with a group photograph")[0] != OTHER


def test_training_is_reproducible(trained, tmp_path):
    again = tmp_path / "topic_model.yml"
    fitted = train_topics.fit(EXAMPLES, c=3.0, min_df=1)
    train_topics.dump(fitted, again, {"trained_on": ["fictional"]}, threshold=0.3)
    assert again.with_suffix(".npz").read_bytes() == trained.with_suffix(".npz").read_bytes()
    assert again.read_text(encoding="utf-8") == trained.read_text(encoding="utf-8")


def test_a_changed_weights_file_is_refused_in_one_line(trained, tmp_path):
    copy = tmp_path / "topic_model.yml"
    copy.write_text(trained.read_text(encoding="utf-8"), encoding="utf-8")
    raw = bytearray(trained.with_suffix(".npz").read_bytes())
    raw[-20] ^= 0xFF
    copy.with_suffix(".npz").write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match=r"topic_model\.npz: sha256 .* is not ") as err:
        load_topic_classifier(copy)
    assert "\n" not in str(err.value)


def test_off_and_the_environment_choose(monkeypatch, trained):
    assert load_topic_classifier("off") is None
    monkeypatch.setenv("WORKBENCH_TOPIC_CLASSIFIER", "off")
    assert load_topic_classifier() is None
    monkeypatch.setenv("WORKBENCH_TOPIC_CLASSIFIER", str(trained))
    assert load_topic_classifier().notes["trained_on"] == ["fictional"]


def test_no_classifier_unless_one_is_named(monkeypatch):
    from workbench.resources.topics import load_topics

    monkeypatch.delenv("WORKBENCH_TOPIC_CLASSIFIER", raising=False)
    assert load_topic_classifier() is None and load_topics().classifier is None
