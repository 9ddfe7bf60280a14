"""Training and cross-validating the learned stance scorer (``stances/scorer.py``) on stance
gold files.

    # train, write the weights
    python -m workbench.evaluate.train GOLD... --out workbench/resources/data/stance_model.yml
    python -m workbench.evaluate.train GOLD... --cv  # leave one file out

A candidate statement's label is its article cell's gold label ((country, topic) in the gold
file), else ``none``. Candidates without a country count for no cell and are not trained on.
Training is deterministic: full-batch gradient descent (Nesterov) from zero weights, fixed steps.
Cross-validation trains on all gold files but one and scores the left-out file's articles; the
rules alone are scored on the same articles from the same candidates (their own statements).
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.evaluate.gold import load_stance_gold
from workbench.evaluate.stances import cell_accuracy
from workbench.resources.weights import CLASSES, Scorer, dump_scorer
from workbench.stances.cells import article_cells
from workbench.stances.scorer import apply_scorer, cell_features, judged


@dataclass
class Example:
    """One gold article: its candidate statements and gold cells."""

    path: str
    records: list[dict]
    gold: dict[tuple, str]


def candidates(gold_files: Sequence[str | os.PathLike], model: str | None = None) -> dict:
    """gold file name -> its articles as Examples (parsed here: candidates are not cached), from
    the run's own chain of stages (:func:`workbench.run.stages.analyse_doc`)."""
    from workbench.nlp.model import load_model, parse, resolve_model
    from workbench.resources.cues import load_cues
    from workbench.resources.gazetteer import load_gazetteer
    from workbench.resources.lexicon import load_lexicon
    from workbench.resources.topics import load_topics
    from workbench.run.pipeline import article_meta
    from workbench.run.stages import analyse_doc

    nlp = load_model(resolve_model(model))
    # candidates are the same whatever the scorer: the rules' lexicon, the shipped data files
    lexicons = (load_gazetteer(), load_cues(), load_lexicon(scorer="rules"), load_topics())
    out = {}
    for path in gold_files:
        articles, cells = load_stance_gold(path)
        # the title and source too, as the run reads them (official documents: quotes/official.py)
        docs = parse(nlp, [(a.text, a.blocks, article_meta(a)) for a in articles])
        examples = []
        for article, gold, doc in zip(articles, cells, docs, strict=True):
            recs = analyse_doc(doc, article.blocks, *lexicons, candidates=True)["stances"]
            examples.append(Example(str(article.path), recs, gold))
        out[Path(path).name] = examples
    return out


def training_rows(examples: list[Example]) -> tuple[list[list[str]], list[str]]:
    """(features, label) of every candidate with a country that the scorer judges."""
    rows, labels = [], []
    for ex in examples:
        both = zip(ex.records, cell_features(ex.records), judged(ex.records), strict=True)
        for rec, feats, ok in both:
            if ok and rec.get("country_code"):
                rows.append(feats)
                labels.append(ex.gold.get((rec["country_code"], rec["topic"]), "none"))
    return rows, labels


def fit(
    rows: list[list[str]],
    labels: list[str],
    l2: float = 1.0,
    steps: int = 3000,
    threshold: float = 0.5,
    confidence: str = "rule",
    prior: float = 0.01,
) -> Scorer:
    """Multinomial logistic regression, L2-penalised (``l2`` × ½‖W‖², bias free), from zero.
    The rule's own label (``rule=…``) is penalised ``prior`` times as much as other features."""
    if not rows:
        raise ValueError("no candidates to train on")
    vocab = sorted({f for r in rows for f in r})
    col = {f: j for j, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for i, r in enumerate(rows):
        x[i, [col[f] for f in set(r)]] = 1.0
    y = np.zeros((len(rows), len(CLASSES)))
    y[np.arange(len(rows)), [CLASSES.index(lab) for lab in labels]] = 1.0
    n = max(len(rows), 1)
    xa = np.hstack([x, np.ones((len(rows), 1))])  # the bias as a last, unpenalised column
    penalty = np.full((xa.shape[1], 1), l2 / n)
    penalty[[col[f] for f in vocab if f.startswith("rule=") and "|" not in f]] *= prior
    penalty[-1] = 0.0
    lipschitz = 0.5 * np.linalg.eigvalsh(xa.T @ xa / n).max() + penalty.max()
    step = 1.0 / lipschitz
    w = np.zeros((xa.shape[1], len(CLASSES)))
    ahead, t = w.copy(), 1.0
    for _ in range(steps):
        z = xa @ ahead
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = xa.T @ (p - y) / n + penalty * ahead
        new = ahead - step * grad
        t_next = (1 + (1 + 4 * t * t) ** 0.5) / 2
        ahead = new + (t - 1) / t_next * (new - w)
        w, t = new, t_next
    weights = {f: [float(v) for v in w[j]] for f, j in col.items()}
    return Scorer(CLASSES, [float(v) for v in w[-1]], weights, threshold, confidence)


def accuracies(examples: list[Example], scorer: Scorer | None) -> list[float]:
    """Per-article cell accuracy (as ``evaluate_stances``) of the scorer, or of the rules alone."""
    out = []
    for ex in examples:
        kept = (
            apply_scorer(ex.records, scorer)
            if scorer is not None
            else [r for r in ex.records if r["by_rules"]]
        )
        out.append(cell_accuracy(ex.gold, article_cells(kept))[0])
    return out


def cross_validate(
    sets: dict[str, list[Example]], **options
) -> list[tuple[str, int, float, float]]:
    """Leave one gold file out: (file, articles, rules accuracy, model accuracy) per fold, then
    ("pooled", all articles, …) over every article."""
    rows, pooled_rules, pooled_model = [], [], []
    for name, held in sets.items():
        train = [ex for other, exs in sets.items() if other != name for ex in exs]
        scorer = fit(*training_rows(train), **options)
        rules, model = accuracies(held, None), accuracies(held, scorer)
        pooled_rules += rules
        pooled_model += model
        rows.append((name, len(held), _mean(rules), _mean(model)))
    rows.append(("pooled", len(pooled_rules), _mean(pooled_rules), _mean(pooled_model)))
    return rows


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.evaluate.train", description=__doc__)
    parser.add_argument("gold", nargs="+", metavar="GOLD_FILE", help="stance gold YAML file(s)")
    parser.add_argument("--out", metavar="FILE", help="write the trained weights here")
    parser.add_argument("--cv", action="store_true", help="leave-one-file-out cross-validation")
    parser.add_argument("--grid", action="store_true", help="cross-validate a grid of options")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--prior", type=float, default=0.01, help="penalty share of rule=…")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--confidence", default="rule", choices=["rule", "p", "rule*p"])
    parser.add_argument("--model", metavar="NAME", help="installed spaCy pipeline")
    args = parser.parse_args(argv)
    if (args.cv or args.grid) and len(set(args.gold)) < 2:
        parser.error("cross-validation needs at least two gold files")
    sets = candidates(args.gold, args.model)
    options = {
        "l2": args.l2,
        "prior": args.prior,
        "threshold": args.threshold,
        "confidence": args.confidence,
    }
    if args.grid:
        grid = itertools.product((0.3, 1.0, 3.0, 10.0), (0.4, 0.5, 0.6), ("rule", "p", "rule*p"))
        for l2, threshold, confidence in grid:
            opts = {**options, "l2": l2, "threshold": threshold, "confidence": confidence}
            *_, (_, _, rules, model) = cross_validate(sets, **opts)
            print(
                f"l2 {l2:<5} threshold {threshold:<4} confidence {confidence:<7} "
                f"rules {rules:.3f}  model {model:.3f}"
            )
    if args.cv:
        print(f"{'left out':<20} {'articles':>8} {'rules':>7} {'model':>7}")
        for name, n, rules, model in cross_validate(sets, **options):
            print(f"{name:<20} {n:>8} {rules:>7.3f} {model:>7.3f}")
    if args.out:
        scorer = fit(*training_rows([ex for exs in sets.values() for ex in exs]), **options)
        notes = {"trained_on": sorted(sets), "l2": args.l2, "prior": args.prior}
        dump_scorer(scorer, args.out, notes)
        print(f"wrote {args.out}: {len(scorer.weights)} features", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
