"""The learned stance scorer: a multinomial logistic regression over the rules' own categories.

The stance step (``stances/extract.py``) proposes candidate statements: every statement the rules
make, plus clauses that name a topic and have a plausible holder but no stance cue, each with
category features (``stances/features.py``). The scorer gives each candidate a probability for
``none`` (no position) and for each label of the scale; a candidate is kept when ``none`` is less
likely than ``threshold``, with the likeliest label. The weights are a readable YAML file
(``resources/data/stance_model.yml``: feature -> weight per class, loaded by
``resources/weights.py``), trained by ``python -m workbench.evaluate.train`` on the development
gold sets. Prediction is plain Python; training uses numpy.
"""

from __future__ import annotations

from workbench.resources.weights import VALUES, Scorer
from workbench.stances.cells import article_cells


def cell_features(records: list[dict]) -> list[list[str]]:
    """Each candidate's features plus what the article says about its cell: how many candidates
    it has and the label the rules alone give the cell."""
    rules = article_cells([r for r in records if r.get("by_rules")])
    count: dict[tuple, int] = {}
    for r in records:
        key = (r.get("country_code"), r["topic"])
        count[key] = count.get(key, 0) + 1
    out = []
    for r in records:
        key = (r.get("country_code"), r["topic"])
        extra = [f"cell_n={min(count[key], 3)}", f"cell_rules={rules.get(key, 'none')}"]
        if r.get("label") is not None:
            extra.append(f"rule={r['label']}|cell_rules={rules.get(key, 'none')}")
        out.append([*r["features"], *extra])
    return out


def judged(records: list[dict]) -> list[bool]:
    """Which candidates the scorer judges: a candidate without a stance cue only fills a cell that
    no candidate with a cue speaks for (it adds a position, never a polarity)."""
    cued = {(r.get("country_code"), r["topic"]) for r in records if r.get("label") is not None}
    return [
        r.get("label") is not None or (r.get("country_code"), r["topic"]) not in cued
        for r in records
    ]


def apply_scorer(records: list[dict], scorer: Scorer) -> list[dict]:
    """The candidates the scorer keeps, with its label; the rule trace says how sure it was."""
    out = []
    for rec, features, ok in zip(records, cell_features(records), judged(records), strict=True):
        if not ok:
            continue
        p = scorer.probabilities(features)
        if p[0] >= scorer.threshold:
            continue
        best = max(range(1, len(p)), key=lambda i: (p[i], -i))
        label = scorer.classes[best]
        weight = {"rule": rec["confidence"], "p": p[best], "rule*p": rec["confidence"] * p[best]}
        kept = {k: v for k, v in rec.items() if k not in ("features", "by_rules")}
        kept.update(
            stance=VALUES[label],
            label=label,
            confidence=round(max(weight.get(scorer.confidence, rec["confidence"]), 0.01), 2),
            rule=f"{rec['rule']} · model p={p[best]:.2f}",
            p=round(p[best], 2),  # the scorer's probability of that label
        )
        out.append(kept)
    return out
