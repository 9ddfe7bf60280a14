"""Training the learned topic classifier (:mod:`workbench.resources.topicmodel`) on stance gold
files.

    workbench train topics GOLD... --out FILE.yml   # then WORKBENCH_TOPIC_CLASSIFIER=FILE.yml

The examples are sentences of the gold articles (spaCy's rule-based sentencizer): a sentence that
holds a gold cell's evidence is an example of that cell's topic; every other sentence is an example
of ``other``. The features are scikit-learn's TF-IDF of word unigrams and bigrams; the classifier
is its multinomial logistic regression (lbfgs, deterministic: the same files and options give the
same weights). The weights are written as arrays (``.npz``) beside a readable ``.yml`` that names
them, with their sha256.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import yaml

from workbench.evaluate.gold import load_stance_cells
from workbench.resources.topicmodel import OTHER

C = 3.0  # inverse regularisation strength (the design probe's, benchmarks/stance_text/)
MIN_DF = 2  # a term must occur in this many training sentences
THRESHOLD = 0.5  # a clause is placed on its likeliest topic when p reaches this


def gold_sentences(gold_files: Sequence[str | os.PathLike]) -> dict[str, list[tuple[str, str]]]:
    """gold file name -> its (sentence, topic or ``other``) examples."""
    import spacy

    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    out = {}
    for path in gold_files:
        articles, cells = load_stance_cells(path)
        examples = []
        for article, item in zip(articles, cells, strict=True):
            text = article.text
            spans = []
            for cell in item:
                at = text.find(cell.get("evidence") or "\0")
                if at >= 0:
                    spans.append((at, at + len(cell["evidence"]), cell["topic"]))
            for sent in splitter(text).sents:
                lo, hi = sent.start_char, sent.end_char
                topics = [t for a, b, t in spans if a < hi and lo < b]
                line = sent.text.strip()
                label = Counter(topics).most_common(1)[0][0] if topics else OTHER
                if line:
                    examples.append((line, label))
        out[Path(path).name] = examples
    return out


def fit(
    examples: list[tuple[str, str]], c: float = C, min_df: int = MIN_DF
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(terms, idf, coef, intercept, classes) of a classifier trained on the examples."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [t for t, _ in examples]
    labels = [label for _, label in examples]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=min_df, sublinear_tf=True)
    x = vectorizer.fit_transform(texts)
    model = LogisticRegression(C=c, max_iter=5000).fit(x, labels)
    terms = list(vectorizer.get_feature_names_out())
    classes = [str(c) for c in model.classes_]
    return terms, vectorizer.idf_, model.coef_, model.intercept_, classes


def dump(fitted: tuple, out: str | os.PathLike, notes: dict, threshold: float = THRESHOLD) -> Path:
    """Write the arrays (``<out stem>.npz``) and the description (``out``, YAML)."""
    terms, idf, coef, intercept, classes = fitted
    out = Path(out)
    weights = out.with_suffix(".npz")
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        terms=np.array(terms),
        idf=np.asarray(idf, dtype=np.float32),
        coef=np.asarray(coef, dtype=np.float32),
        intercept=np.asarray(intercept, dtype=np.float32),
        classes=np.array(classes),
    )
    raw = buffer.getvalue()
    weights.write_bytes(raw)
    description = {
        "weights": weights.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "threshold": threshold,
        "classes": [str(c) for c in classes],
        "terms": len(terms),
        **notes,
    }
    header = (
        "# Learned topic classifier (workbench/resources/topicmodel.py): TF-IDF of word\n"
        "# 1-2-grams, multinomial logistic regression; its arrays are the .npz named below.\n"
        "# Retrain: workbench train topics GOLD... --out FILE.yml\n"
    )
    text = yaml.safe_dump(description, sort_keys=False, allow_unicode=True, width=100)
    out.write_text(header + text, encoding="utf-8")
    return out


def train(
    gold_files: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    c: float = C,
    min_df: int = MIN_DF,
    threshold: float = THRESHOLD,
) -> Path:
    """Train on every sentence of the gold files and write the classifier to ``out``."""
    sets = gold_sentences(gold_files)
    examples = [e for name in sorted(sets) for e in sets[name]]
    counts = Counter(label for _, label in examples)
    notes = {
        "trained_on": sorted(sets),
        "options": {"C": c, "min_df": min_df, "ngram_range": "1-2", "sublinear_tf": "true"},
        "sentences": dict(sorted(counts.items())),
    }
    return dump(fit(examples, c, min_df), out, notes, threshold)
