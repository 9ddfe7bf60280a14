"""The learned topic classifier's weights: which catalogue topic a clause is on, from its words.

A clause's words become TF-IDF features (lower-cased word unigrams and bigrams, sublinear term
frequency, L2-normalised: scikit-learn's ``TfidfVectorizer`` with ``ngram_range=(1, 2)``,
``sublinear_tf=True``), and a multinomial logistic regression gives p(topic) for each catalogue
topic and for ``other`` (no topic). Prediction is plain numpy here, equal to scikit-learn's
(``tests/resources/test_topicmodel.py``); training is in :mod:`workbench.evaluate.train_topics`.

``workbench train topics`` writes the weights as ``topic_model.npz`` (arrays only, read without
pickle) beside ``topic_model.yml``, which says what it was trained on, its options, its threshold
and the sha256 of the ``.npz``, checked on loading. No classifier ships yet: left out one gold set
at a time it has not improved cell accuracy (docs/method/stances.md#the-learned-topic-classifier),
so it is used only when ``$WORKBENCH_TOPIC_CLASSIFIER`` names a ``topic_model.yml``.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.resources.datafiles import DataFileError, read_data

ENV_CLASSIFIER = "WORKBENCH_TOPIC_CLASSIFIER"  # a topic_model.yml, or unset / "off"
OTHER = "other"  # the class of a clause on no topic
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern


@dataclass
class TopicClassifier:
    vocabulary: dict[str, int]  # term -> column
    idf: np.ndarray  # (terms,)
    coef: np.ndarray  # (classes, terms)
    intercept: np.ndarray  # (classes,)
    classes: tuple[str, ...]
    threshold: float = 0.5  # a clause is on its likeliest topic when p reaches this
    fingerprint: str = ""
    notes: dict = field(default_factory=dict)

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of the clause's L2-normalised TF-IDF vector."""
        words = _TOKEN.findall(text.lower())
        counts: dict[int, int] = {}
        for term in (*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))):
            j = self.vocabulary.get(term)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
        values = np.array([1.0 + math.log(c) for c in counts.values()]) * self.idf[cols]
        norm = math.sqrt(float(values @ values)) if len(values) else 0.0
        return cols, values / norm if norm else values

    def probabilities(self, text: str) -> np.ndarray:
        """p(class) for the clause, in the order of :attr:`classes`."""
        cols, values = self.features(text)
        z = self.intercept + self.coef[:, cols] @ values
        e = np.exp(z - z.max())
        return e / e.sum()

    def predict(self, text: str) -> tuple[str, float]:
        """The likeliest topic other than ``other``, and its probability."""
        p = self.probabilities(text)
        best = max((j for j, c in enumerate(self.classes) if c != OTHER), key=lambda j: p[j])
        return self.classes[best], float(p[best])


def load_topic_classifier(choice: str | os.PathLike | None = None) -> TopicClassifier | None:
    """The classifier to use: ``"off"`` -> None, else the ``topic_model.yml`` at ``choice``.
    ``None`` reads ``$WORKBENCH_TOPIC_CLASSIFIER``, else ``"off"``."""
    choice = choice if choice is not None else os.environ.get(ENV_CLASSIFIER) or "off"
    if str(choice) == "off":
        return None
    path = Path(choice)
    notes, _ = read_data(path, "topic_model")
    weights = path.with_name(str(notes["weights"]))
    try:
        raw = weights.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{weights}: cannot read ({exc.strerror or exc})") from exc
    digest = hashlib.sha256(raw).hexdigest()
    if digest != notes["sha256"]:
        raise DataFileError(f"{weights}: sha256 {digest[:12]}… is not {notes['sha256'][:12]}…")
    with np.load(weights, allow_pickle=False) as arrays:
        terms = [str(t) for t in arrays["terms"]]
        classifier = TopicClassifier(
            vocabulary={t: j for j, t in enumerate(terms)},
            idf=arrays["idf"].astype(np.float64),
            coef=arrays["coef"].astype(np.float64),
            intercept=arrays["intercept"].astype(np.float64),
            classes=tuple(str(c) for c in arrays["classes"]),
            threshold=float(notes["threshold"]),
            fingerprint=digest,
            notes=notes,
        )
    if OTHER not in classifier.classes or classifier.coef.shape != (
        len(classifier.classes),
        len(terms),
    ):
        raise DataFileError(f"{weights}: arrays do not fit together (classes, terms, coef)")
    return classifier
