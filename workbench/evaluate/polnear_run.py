"""``workbench evaluate polnear PATH``: analyse a local PolNeAR copy and score its quotes, in sample
and out of fold.

:mod:`workbench.evaluate.polnear` reads the corpus and scores one article; this module runs the
analysis over a split (an article whose analysis fails is counted in ``failed``, its gold relations
as missed, and reported in one line), pools the scores, splits the articles into K folds and formats
what the command prints.

**Folds.** An article's fold is a stable hash of its name modulo K (the same on every machine and
run, and unchanged when other articles are added). For each fold, :func:`fit` is given the other
folds' articles with their predicted quotes and returns a filter; the filter is applied to the
held-out fold's quotes before scoring. The pooled held-out scores are the out-of-fold figures; the
in-sample figures come from one filter fitted on every article. The extractor has no learned
weights yet, so :func:`fit` returns :func:`identity` and both figures are the same: a learned
filter plugs in by replacing :func:`fit` (or passing ``fitter=`` to :func:`cross_validate`).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workbench.evaluate.polnear import PolnearArticle, PolnearScore, load_polnear, score_article
from workbench.nlp.model import ModelNotFound
from workbench.read.structure import parse_blocks
from workbench.run.options import RunOptions
from workbench.run.pipeline import iter_results
from workbench.schema import Article

HELD_OUT_SPLITS = ("dev", "test")  # for acceptance: never developed or tuned on
GIVE_UP = 3  # failures before any success: the analysis itself is broken, not one article

Quotes = list[dict]
Example = tuple[PolnearArticle, Quotes]  # an article and the quote records predicted for it
Filter = Callable[[Quotes], Quotes]


def identity(quotes: Quotes) -> Quotes:
    """The filter that keeps every quote: what :func:`fit` returns when nothing is learned."""
    return quotes


def fit(train: list[Example]) -> Filter:
    """Learn a filter of predicted quotes from ``train`` (articles with their predictions; their
    relations are the gold). The hook for a learned quote filter: the default learns nothing."""
    return identity


def fold_of(name: str, k: int) -> int:
    """The fold (0 … k-1) of the article ``name``: a stable hash, not Python's salted ``hash``."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % k


@dataclass
class Analysed:
    """A split's articles and, for each, its predicted quotes (None: the analysis failed)."""

    articles: list[PolnearArticle]
    predicted: list[Quotes | None]
    failures: list[str] = field(default_factory=list)  # one line per failed article


def to_article(article: PolnearArticle, split: str = "train") -> Article:
    """The workbench article of a PolNeAR text (the text exactly as in the file: offsets match)."""
    return Article(
        path=f"{split}/text/{article.name}.txt",
        text=article.text,
        blocks=parse_blocks(article.text),
    )


def analyse_polnear(
    articles: list[PolnearArticle],
    options: RunOptions,
    split: str = "train",
    on_failure: Callable[[str], None] | None = None,
) -> Analysed:
    """Run the analysis over ``articles``. An article whose analysis raises is isolated (run
    alone), counted as failed and reported through ``on_failure`` in one line; the rest go on."""
    inputs = [to_article(a, split) for a in articles]
    predicted: list[Quotes | None] = []
    failures: list[str] = []
    i = 0
    while i < len(inputs):
        try:
            for result in iter_results(inputs[i:], options):
                predicted.append(result["quotes"])
                i += 1
        except ModelNotFound:
            raise
        except Exception:  # one article's failure must not end the run
            one = _alone(inputs[i], options)
            if isinstance(one, str):
                line = f"{articles[i].name}: analysis failed: {one}"
                failures.append(line)
                if on_failure is not None:
                    on_failure(line)
                predicted.append(None)
                if len(failures) == len(predicted) >= GIVE_UP:
                    raise ValueError(f"the analysis fails on every article: {line}") from None
            else:
                predicted.append(one)
            i += 1
    return Analysed(articles, predicted, failures)


def _alone(article: Article, options: RunOptions) -> Quotes | str:
    """The article's quotes when it runs alone, else the error in one line."""
    try:
        return next(iter_results([article], options))["quotes"]
    except ModelNotFound:
        raise
    except Exception as exc:  # any error, in one line
        return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def score_examples(
    articles: Iterable[PolnearArticle],
    predicted: Iterable[Quotes | None],
    keep: Filter = identity,
) -> PolnearScore:
    """The pooled score of the articles, each with its predictions passed through ``keep``. A
    failed article (None) counts in ``failed`` and its gold relations are all missed."""
    total = PolnearScore()
    for article, quotes in zip(articles, predicted, strict=True):
        if quotes is None:
            s = score_article(article, [])
            s.failed = 1
        else:
            s = score_article(article, keep(quotes))
        total.add(s)
    return total


@dataclass
class CrossValidation:
    k: int
    folds: list[PolnearScore]  # the held-out score of each fold
    sizes: list[int]  # articles per fold
    pooled: PolnearScore  # out of fold: the held-out scores together
    in_sample: PolnearScore  # fitted on every article, scored on every article
    learned: bool  # False when every filter was the identity


def cross_validate(
    run: Analysed, k: int, fitter: Callable[[list[Example]], Filter] | None = None
) -> CrossValidation:
    """Fit on K-1 folds, score the held-out fold, for each fold; every article is scored out of
    fold exactly once. Failed articles are scored (as failed) but never trained on. ``fitter``
    defaults to this module's :func:`fit`."""
    fitter = fitter or fit
    if k < 2:
        raise ValueError(f"--folds needs at least 2 folds, got {k}")
    fold = [fold_of(a.name, k) for a in run.articles]
    pairs = list(zip(run.articles, run.predicted, strict=True))
    filters, folds, sizes = [], [], []
    pooled = PolnearScore()
    for f in range(k):
        train = [(a, q) for (a, q), g in zip(pairs, fold, strict=True) if g != f and q is not None]
        held = [(a, q) for (a, q), g in zip(pairs, fold, strict=True) if g == f]
        keep = fitter(train)
        filters.append(keep)
        s = score_examples([a for a, _ in held], [q for _, q in held], keep)
        folds.append(s)
        sizes.append(len(held))
        pooled.add(s)
    everything = fitter([(a, q) for a, q in pairs if q is not None])
    filters.append(everything)
    in_sample = score_examples(run.articles, run.predicted, everything)
    learned = any(keep is not identity for keep in filters)
    return CrossValidation(k, folds, sizes, pooled, in_sample, learned)


def load_split(path: str | os.PathLike, split: str = "train") -> list[PolnearArticle]:
    """The split's articles; a missing path or split raises ValueError (one line)."""
    if not os.path.exists(path):
        raise ValueError(f"{path}: no such file or directory")
    articles = load_polnear(path, split)
    if not articles:
        raise ValueError(f"{path}: the {split!r} split has no articles")
    return articles


def held_out_warning(split: str) -> str | None:
    """The one-line warning for a split kept for acceptance, else None."""
    if split in HELD_OUT_SPLITS:
        return f"the {split} split is held out for acceptance: score it once, never tune on it"
    return None


# --- what the command prints ---------------------------------------------------------------

_CAUSES = ("missed (reported)", "missed (direct)", "bounds (reported)", "bounds (direct)")


def format_errors(score: PolnearScore) -> str:
    """A count per cause, then every error line (article: cause: a few words), cause by cause."""
    counts = Counter(cause for _, cause, _ in score.errors)
    order = [c for c in (*_CAUSES, "extra", "speaker") if c in counts]
    order += sorted(c for c in counts if c not in order)
    width = max((len(c) for c in order), default=0)
    lines = ["errors by cause:"]
    lines += [f"  {c:<{width}}  {counts[c]}" for c in order]
    for cause in order:
        lines += [f"{cause}: {name}: {text}" for name, c, text in score.errors if c == cause]
    return "\n".join(lines)


def _row(label: str, s: PolnearScore, width: int) -> str:
    figures = "  ".join(f"{v:.3f}" for v in s.figures().values())
    return f"{label:<{width}}  {figures}"


def format_folds(cv: CrossValidation) -> str:
    """The out-of-fold and in-sample figures side by side, then each fold's F1."""
    width = len("out of fold")
    head = f"{'':<{width}}  " + "  ".join(f"{h:<5}" for h in ("F1", "P", "R", "dir.R", "spkr"))
    lines = [
        f"{cv.k} folds (by a stable hash of the article name)",
        head,
        _row("out of fold", cv.pooled, width),
        _row("in-sample", cv.in_sample, width),
    ]
    if not cv.learned:
        lines.append("no learned weights: out-of-fold equals in-sample")
    for i, (s, n) in enumerate(zip(cv.folds, cv.sizes, strict=True), 1):
        figure = f"F1 {s.f1:.3f}" if n else "empty"
        failed = f", {s.failed} failed" if s.failed else ""
        lines.append(f"fold {i}: articles {n}{failed}, gold {s.n_gold}: {figure}")
    return "\n".join(lines)


def evaluate_polnear(
    path: str | os.PathLike,
    *,
    split: str = "train",
    folds: int | None = None,
    errors: bool = False,
    options: RunOptions | None = None,
    out: Callable[[str], None] = print,
    warn: Callable[[str], None] | None = None,
) -> PolnearScore:
    """Read, analyse, score and print (through ``out``; warnings and failures through ``warn``).
    Returns the in-sample score. Raises ValueError for a missing corpus or split, or bad folds."""
    warn = warn or (lambda line: print(f"workbench: {line}", file=sys.stderr))
    if folds is not None and folds < 2:
        raise ValueError(f"--folds needs at least 2 folds, got {folds}")
    articles = load_split(path, split)
    if (warning := held_out_warning(split)) is not None:
        warn(f"warning: {warning}")
    run = analyse_polnear(articles, options or RunOptions(), split, on_failure=warn)
    if folds is None:
        score = score_examples(run.articles, run.predicted)
        if errors:
            out(format_errors(score))
        out(f"PolNeAR {split}: {score.summary()}")
        return score
    cv = cross_validate(run, folds)
    if errors:
        out("(errors out of fold)")
        out(format_errors(cv.pooled))
    out(f"PolNeAR {split}, in-sample: {cv.in_sample.summary()}")
    out(format_folds(cv))
    return cv.in_sample
