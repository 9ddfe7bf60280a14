"""Score extracted quotes against annotated gold files (format: tests/fixtures/quotes/README.md).

A predicted quote matches a gold one when they overlap by at least 30% of each; matching is one to
one, best overlaps first. Reported figures:

- precision = matched / predicted, recall = matched / gold;
- speaker accuracy = matched quotes whose speaker is the gold speaker (both null counts) / matched;
  a gold speaker may list several acceptable names ("Joe Biden", "Biden"), and a predicted full
  name is right when its surname is one of them ("Joseph R. Biden", "Volodymyr Zelensky": the
  gazetteer's spelling of the same person), spelt with or without accents ("Lipavský");
- country accuracy, the same for the speaker's country (a gold list, a joint subject's
  countries: any one of them);
- wrong-speaker rate = matched quotes that name a speaker other than the gold one / matched
  (a missing speaker is not a wrong one).

The fixtures name speakers only: a predicted speaker of an unnamed kind ("officials", "the
complaint": ``speaker_kind`` anonymous, document, unresolved; a group unless it is a joint
subject's first principal, as the gold names it) counts as no speaker, and
reported speech of such a speaker, which the fixtures do not annotate, is left out of precision
unless it matches a gold quote (PolNeAR, which annotates every attribution, scores them all).
A gold partial quote (the marked words inside reported speech) matches the predicted reported
clause that contains it (:func:`_overlap`), several partial quotes the same clause.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.evaluate.gold import Gold, load_gold
from workbench.quotes.kinds import NAMED
from workbench.resources.gazetteer import normalise, unaccented
from workbench.run.options import RunOptions
from workbench.run.pipeline import iter_results
from workbench.schema import Article

MIN_OVERLAP = 0.3


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


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The smaller of the two shares of overlap (0 when they do not overlap)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return min(inter / (a[1] - a[0]), inter / (b[1] - b[0]))


def _overlap(g: Gold, p: dict) -> float:
    """Overlap, with one convention bridged: the gold annotates a partial quote inside reported
    speech as its marked words, the extractor gives the whole reported clause (PolNeAR's way), so
    a gold partial quote inside a predicted clause that keeps its marks counts as matched."""
    span = (p["start_char"], p["end_char"])
    if g.kind == "direct" and p["kind"] == "indirect" and span[0] <= g.start and g.end <= span[1]:
        return 1.0
    return overlap((g.start, g.end), span)


def score(articles: list[Article], golds: list[Gold], predicted: list[list[dict]]) -> Score:
    """Match predictions (one list of quote records per article) to the gold quotes."""
    result = Score(n_gold=len(golds), n_pred=sum(len(p) for p in predicted))
    for ai, article in enumerate(articles):
        gold = [g for g in golds if g.article == ai]
        preds = predicted[ai]
        pairs = sorted(
            ((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(preds)),
            reverse=True,
        )
        used_g, used_p = set(), set()
        for ov, gi, pi in pairs:
            if ov < MIN_OVERLAP or gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            _judge(result, article, gold[gi], preds[pi])
        for gi, g in enumerate(gold):  # more partial quotes in one matched reported clause
            pi = next((pi for pi in used_p if _overlap(g, preds[pi]) == 1.0), None)
            if gi not in used_g and pi is not None and preds[pi]["kind"] == "indirect":
                used_g.add(gi)
                _judge(result, article, g, preds[pi])
        for gi, g in enumerate(gold):
            if gi not in used_g:
                result.errors.append(
                    f"{article.path}: missed: {article.text[g.start : g.end][:80]!r}"
                )
        for pi, p in enumerate(preds):
            if pi in used_p:
                continue
            if p["kind"] == "indirect" and p.get("speaker_kind") not in NAMED:
                result.n_pred -= 1  # not annotated here: reported speech of no named speaker
                continue
            result.errors.append(f"{article.path}: extra: {p['text'][:80]!r} ({p['speaker']})")
    return result


def _fold(name: str) -> str:
    """``name`` normalised and without accents."""
    return unaccented(normalise(name))


def _judge(result: Score, article: Article, g: Gold, p: dict) -> None:
    result.n_matched += 1
    wanted = {_fold(s) if s else None for s in g.speakers}
    kind = p.get("speaker_kind", "person")
    got = _fold(p["speaker"]) if p["speaker"] and kind in (*NAMED, "group") else None
    if got is not None and got not in wanted and len(got.split()) > 1:
        surname = _surname(got)  # "Antony J. Blinken" for gold "Antony Blinken, Blinken"
        if surname in {w for w in wanted if w and len(w.split()) == 1}:
            got = surname
    if kind == "group" and got not in wanted:
        got = None  # "Republicans": no name; a joint subject's first principal: a name
    if got in wanted:
        result.speaker_ok += 1
    else:
        if got is not None:
            result.wrong_speaker += 1
        result.errors.append(
            f"{article.path}: speaker {p['speaker']!r}, gold {g.speakers[0]!r}: {p['text'][:60]!r}"
        )
    countries = g.country if isinstance(g.country, list) else [g.country]
    if p["speaker_country"] in countries:  # a joint subject: any participant's country
        result.country_ok += 1
    elif got in wanted:
        result.errors.append(
            f"{article.path}: country {p['speaker_country']!r}, gold {g.country!r}: "
            f"{p['text'][:60]!r}"
        )


def _surname(name: str) -> str:
    words = [w.strip(",") for w in name.split()]
    words = [w for w in words if w and w not in ("jr", "jr.", "sr", "sr.", "ii", "iii")]
    return words[-1] if words else name


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
    options = RunOptions(model=model, cache=cache_dir is not None, cache_dir=cache_dir)
    results = list(iter_results(articles, options))
    return score(articles, golds, [r["quotes"] for r in results])
