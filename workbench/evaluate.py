"""Score extracted quotes against annotated gold files (format: tests/fixtures/quotes/README.md).

A predicted quote matches a gold one when they overlap by at least 30% of each; matching is one to
one, best overlaps first. Reported figures:

- precision = matched / predicted, recall = matched / gold;
- speaker accuracy = matched quotes whose speaker is the gold speaker (both null counts) / matched;
- country accuracy, the same for the speaker's country;
- wrong-speaker rate = matched quotes that name a speaker other than the gold one / matched
  (a missing speaker is not a wrong one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .corpus import Article, assign_ids
from .gazetteer import normalise
from .pipeline import iter_results
from .readers import read_file

MIN_OVERLAP = 0.3


@dataclass
class Gold:
    article: int  # index into the loaded articles
    start: int
    end: int
    kind: str
    speakers: list[str | None]  # acceptable speakers
    country: str | None


@dataclass
class Score:
    n_gold: int = 0
    n_pred: int = 0
    n_matched: int = 0
    speaker_ok: int = 0
    country_ok: int = 0
    wrong_speaker: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 1.0

    def rate(self, n: int) -> float:
        return n / self.n_matched if self.n_matched else 0.0

    def summary(self) -> str:
        return (
            f"gold {self.n_gold}  predicted {self.n_pred}  matched {self.n_matched}\n"
            f"precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"speaker accuracy {self.rate(self.speaker_ok):.3f}  "
            f"country accuracy {self.rate(self.country_ok):.3f}  "
            f"wrong-speaker rate {self.rate(self.wrong_speaker):.3f}"
        )


def load_gold(path: str | os.PathLike) -> tuple[list[Article], list[Gold]]:
    """Articles named by a gold file and their annotated quotes. Raises ValueError when a gold
    text is not found in its article."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    articles: list[Article] = []
    golds: list[Gold] = []
    for item in data.get("articles") or []:
        article = _gold_article(path, item)
        articles.append(article)
        for q in item.get("quotes") or []:
            start = _find(article.text, q["text"], int(q.get("occurrence", 1)))
            if start < 0:
                raise ValueError(f"{path}: {item['file']}: gold text not found: {q['text'][:60]!r}")
            speakers = q.get("speaker")
            golds.append(Gold(len(articles) - 1, start, start + len(q["text"]), q.get("kind", ""),
                              speakers if isinstance(speakers, list) else [speakers],
                              q.get("country")))  # fmt: skip
    assign_ids(articles)
    return articles, golds


def _gold_article(gold: Path, item: dict) -> Article:
    """The article a gold file names (its path is relative to the gold file)."""
    found, problems = read_file(gold.parent / item["file"])
    if not found:
        reason = problems[0].reason if problems else "no article"
        raise ValueError(f"{gold}: cannot read {item['file']}: {reason}")
    return found[0]


def _find(text: str, needle: str, occurrence: int) -> int:
    pos = -1
    for _ in range(max(1, occurrence)):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The smaller of the two shares of overlap (0 when they do not overlap)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return min(inter / (a[1] - a[0]), inter / (b[1] - b[0]))


def score(articles: list[Article], golds: list[Gold], predicted: list[list[dict]]) -> Score:
    """Match predictions (one list of quote records per article) to the gold quotes."""
    result = Score(n_gold=len(golds), n_pred=sum(len(p) for p in predicted))
    for ai, article in enumerate(articles):
        gold = [g for g in golds if g.article == ai]
        preds = predicted[ai]
        pairs = sorted(
            ((overlap((g.start, g.end), (p["start_char"], p["end_char"])), gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(preds)),
            reverse=True,
        )  # fmt: skip
        used_g, used_p = set(), set()
        for ov, gi, pi in pairs:
            if ov < MIN_OVERLAP or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            _judge(result, article, gold[gi], preds[pi])
        for gi, g in enumerate(gold):
            if gi not in used_g:
                result.errors.append(
                    f"{article.path}: missed: {article.text[g.start : g.end][:80]!r}"
                )
        for pi, p in enumerate(preds):
            if pi not in used_p:
                result.errors.append(f"{article.path}: extra: {p['text'][:80]!r} ({p['speaker']})")
    return result


def _judge(result: Score, article: Article, g: Gold, p: dict) -> None:
    result.n_matched += 1
    wanted = {normalise(s) if s else None for s in g.speakers}
    got = normalise(p["speaker"]) if p["speaker"] else None
    if got in wanted:
        result.speaker_ok += 1
    else:
        if got is not None:
            result.wrong_speaker += 1
        result.errors.append(
            f"{article.path}: speaker {p['speaker']!r}, gold {g.speakers[0]!r}: {p['text'][:60]!r}"
        )
    if p["speaker_country"] == g.country:
        result.country_ok += 1
    elif got in wanted:
        result.errors.append(
            f"{article.path}: country {p['speaker_country']!r}, gold {g.country!r}: "
            f"{p['text'][:60]!r}"
        )


def evaluate_quotes(
    gold_files: list[str | os.PathLike], model: str | None = None, cache_dir: Path | None = None
) -> Score:
    """Analyse the articles of every gold file and score their quotes together."""
    articles: list[Article] = []
    golds: list[Gold] = []
    for path in gold_files:
        arts, gs = load_gold(path)
        for g in gs:
            g.article += len(articles)
        articles += arts
        golds += gs
    results = list(iter_results(articles, model=model, cache_dir=cache_dir))
    return score(articles, golds, [r["quotes"] for r in results])


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


def load_stance_gold(path: str | os.PathLike) -> tuple[list[Article], list[dict[tuple, str]]]:
    """Articles named by a stance gold file and, per article, (country, topic) -> label."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    articles, cells = [], []
    for item in data.get("articles") or []:
        articles.append(_gold_article(path, item))
        cells.append({(c["country"], c["topic"]): c["label"] for c in item.get("cells") or []})
    assign_ids(articles)
    return articles, cells


def article_cells(statements: list[dict]) -> dict[tuple, str]:
    """One article's (country, topic) -> label, confidence-weighted and snapped to the scale."""
    from .matrix import position
    from .stances import SCALE

    cells: dict[tuple, tuple[list[float], list[float]]] = {}
    for s in statements:
        if s.get("country_code"):
            stances, weights = cells.setdefault((s["country_code"], s["topic"]), ([], []))
            stances.append(s["stance"])
            weights.append(s["confidence"])
    return {k: SCALE[position(st, w)[0]] for k, (st, w) in cells.items()}


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
    results = list(iter_results(articles, model=model, cache_dir=cache_dir))
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
