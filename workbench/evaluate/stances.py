"""Score the stance cells against stance gold files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.evaluate.gold import load_stance_gold
from workbench.read.inputs import assign_ids
from workbench.run.options import RunOptions
from workbench.run.pipeline import iter_results
from workbench.schema import Article
from workbench.stances.cells import article_cells


@dataclass
class StanceScore:
    """Per-article cell accuracy: cells whose label matches / union of gold and predicted cells."""

    accuracies: list[float] = field(default_factory=list)
    n_gold: int = 0
    n_pred: int = 0
    n_correct: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(self.accuracies) / len(self.accuracies) if self.accuracies else 1.0

    def summary(self) -> str:
        return (
            f"articles {len(self.accuracies)}  gold cells {self.n_gold}  predicted cells "
            f"{self.n_pred}  correct {self.n_correct}\n"
            f"per-article cell accuracy {self.accuracy:.3f}"
        )


def cell_accuracy(gold: dict[tuple, str], pred: dict[tuple, str]) -> tuple[float, set[tuple]]:
    """An article's cell accuracy, counted over the union of gold and predicted cells, and the
    cells it got right (an article with neither counts as 1.0)."""
    union = set(gold) | set(pred)
    correct = {k for k in union if gold.get(k) is not None and gold.get(k) == pred.get(k)}
    return (len(correct) / len(union) if union else 1.0), correct


def evaluate_stances(
    gold_files: list[str | os.PathLike], model: str | None = None, cache_dir: Path | None = None
) -> StanceScore:
    """Analyse the articles of every stance gold file and score their cells."""
    articles: list[Article] = []
    golds: list[dict[tuple, str]] = []
    for path in gold_files:
        arts, cells = load_stance_gold(path)
        articles += arts
        golds += cells
    assign_ids(articles)
    options = RunOptions(model=model, cache=cache_dir is not None, cache_dir=cache_dir)
    results = list(iter_results(articles, options))
    result = StanceScore()
    for article, gold, res in zip(articles, golds, results, strict=True):
        pred = article_cells(res["stances"])
        accuracy, correct = cell_accuracy(gold, pred)
        result.accuracies.append(accuracy)
        result.n_gold += len(gold)
        result.n_pred += len(pred)
        result.n_correct += len(correct)
        for k in sorted((set(gold) | set(pred)) - correct):
            result.errors.append(
                f"{article.path}: {k[0]} {k[1]}: gold {gold.get(k)}, got {pred.get(k)}"
            )
    return result
