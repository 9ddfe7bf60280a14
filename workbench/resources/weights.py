"""The learned stance scorer's weights: the readable YAML file ``data/stance_model.yml``
(feature -> weight per class), loaded, chosen (``$WORKBENCH_STANCE_SCORER``: the shipped weights,
the rules alone, or another file) and written back by training. How the scorer uses them is in
:mod:`workbench.stances.scorer`."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workbench.resources.datafiles import default_data_path, read_data
from workbench.schema import LABELS

# "none" (no position), then the labels of the scale from opposition to support
CLASSES = ("none", *sorted(LABELS, key=LABELS.get))


VALUES = LABELS  # label -> value


ENV_SCORER = "WORKBENCH_STANCE_SCORER"  # "rules", "model", or a weights file


DEFAULT = "model"  # what an unset choice means: the shipped weights


@dataclass
class Scorer:
    classes: tuple[str, ...] = CLASSES
    bias: list[float] = field(default_factory=lambda: [0.0] * len(CLASSES))
    weights: dict[str, list[float]] = field(default_factory=dict)  # feature -> weight per class
    threshold: float = 0.5  # keep a candidate when p(none) is below this
    confidence: str = "rule"  # a kept statement's weight: "rule" confidence, "p", or "rule*p"
    fingerprint: str = ""

    def probabilities(self, features: Sequence[str]) -> list[float]:
        """p(class) for a candidate with these features."""
        z = list(self.bias)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                z = [a + b for a, b in zip(z, w, strict=True)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]


def model_path() -> Path:
    """The shipped weights file."""
    return default_data_path("stance_model")


def load_scorer(choice: str | os.PathLike | None = None) -> Scorer | None:
    """The scorer to use: ``"rules"`` -> None (the rules decide), ``"model"`` -> the shipped
    weights, else a weights file. ``None`` reads ``$WORKBENCH_STANCE_SCORER``, else ``DEFAULT``."""
    choice = choice if choice is not None else os.environ.get(ENV_SCORER) or DEFAULT
    if str(choice) == "rules":
        return None
    data, fingerprint = read_data(
        model_path() if str(choice) == "model" else choice, "stance_model"
    )
    return scorer_from(data, fingerprint)


def scorer_from(data: dict, fingerprint: str = "") -> Scorer:
    """A scorer from the mapping of a weights file."""
    classes = tuple(data.get("classes") or CLASSES)
    if classes[0] != "none" or any(c not in VALUES for c in classes[1:]):
        raise ValueError(f"stance model: classes must be 'none' then labels, not {classes}")
    bias = data.get("bias") or {}
    weights = {
        str(f): [float((w or {}).get(c, 0.0)) for c in classes]
        for f, w in (data.get("weights") or {}).items()
    }
    return Scorer(
        classes,
        [float(bias.get(c, 0.0)) for c in classes],
        weights,
        float(data.get("threshold", 0.5)),
        str(data.get("confidence", "rule")),
        fingerprint,
    )


def dump_scorer(scorer: Scorer, path: str | os.PathLike, notes: dict | None = None) -> None:
    """Write the weights as YAML: feature -> {class: weight}, rounded, in a fixed order."""
    data = {
        **(notes or {}),
        "classes": list(scorer.classes),
        "threshold": scorer.threshold,
        "confidence": scorer.confidence,
        "bias": {c: round(b, 4) for c, b in zip(scorer.classes, scorer.bias, strict=True)},
        "weights": {
            f: {c: round(v, 4) for c, v in zip(scorer.classes, w, strict=True)}
            for f, w in sorted(scorer.weights.items())
        },
    }
    header = (
        "# Learned stance scorer: weights per feature and class (workbench/resources/weights.py).\n"
        "# Retrain with: python -m workbench.evaluate.train GOLD... \\\n"
        "#   --out workbench/resources/data/stance_model.yml\n"
    )
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=200, default_flow_style=None
    )
    Path(path).write_text(header + text, encoding="utf-8")
