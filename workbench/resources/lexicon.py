"""The stance lexicon (``data/stance.yml``) and the scorer that judges candidate statements."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.resources.datafiles import default_data_path, phrases, read_data
from workbench.resources.schemas import CUE_CATEGORIES
from workbench.resources.weights import Scorer, load_scorer


@dataclass
class Lexicon:
    categories: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    negation: set[str] = field(default_factory=set)
    contrast: set[str] = field(default_factory=set)
    speech_nouns: dict[str, str] = field(default_factory=dict)  # noun -> category
    # "we will not" -> -1, longest first ("we will not" before "we will")
    answers: dict[tuple[str, ...], float] = field(default_factory=dict)
    fingerprint: str = ""
    scorer: Scorer | None = None  # the learned scorer, or None: the rules decide
    # the clause rules in the order they apply: (cue category, negated: True/False/None for
    # either, stance, name), from `rules` in the file
    rules: tuple[tuple[str, bool | None, float, str], ...] = ()


def load_lexicon(path: str | Path | None = None, scorer: str | Path | None = None) -> Lexicon:
    """Load the stance lexicon (the shipped one unless ``path`` is given) and the stance scorer
    (``scorer.load_scorer``: "rules", "model", a weights file, or None for the default)."""
    judge = load_scorer(scorer)
    data, fingerprint = read_data(path or default_data_path("stance"), "stance")
    names = (*CUE_CATEGORIES, "ignore")
    cats = {k: phrases(data.get(k) or []) for k in names}
    nouns = {
        " ".join(p): cat
        for cat, words in (data.get("speech_nouns") or {}).items()
        for p in phrases(words)
    }
    polar = data.get("answers") or {}
    answers = {
        tuple(str(w).lower().split()): sign
        for key, sign in (("affirmative", 1.0), ("negative", -1.0))
        for w in polar.get(key) or []
    }
    answers = dict(sorted(answers.items(), key=lambda kv: -len(kv[0])))  # longest first
    return Lexicon(
        cats,
        {str(w).lower() for w in data.get("negation") or []},
        {str(w).lower() for w in data.get("contrast") or []},
        nouns,
        answers,
        f"{fingerprint}+{judge.fingerprint if judge else 'rules'}",
        judge,
        tuple(
            (r["cue"], r["negated"], float(r["stance"]), r["name"]) for r in data.get("rules") or []
        ),
    )
