"""How a stance statement was found, as categories: the structured columns of the stances table
(``cue``, ``cue_class``, ``holder_via``, ``topic_via``) beside the readable ``rule`` trace, the
class of a reading's cue (:class:`Why`) that the stance step's decisions read, and the learned
scorer's features (``stances/features.py``) from the same definitions.

Each function maps one part of the trace to a small fixed set of values an analyst can filter on
(``WHERE cue_class = 'hedge' AND topic_via = 'named'``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

# the cue classes of the lexicon's rules (their names in data/stance.yml, and "negated until"
# for a negation held back by "until"), as the learned scorer's features know them; the stance
# step's decisions test ``Why.cls`` against these names, never the text of the trace
CUE_CLASSES = (
    "undecided cue",
    "refusal cue",
    "negated until",
    "negated refusal",
    "negated reluctance",
    "negated",
    "hedge",
    "condition",
    "readiness cue",
    "weak cue",
    "speech noun",
)
NEGATED = ("negated", "negated until", "negated refusal")
# readings that are not a lexicon rule: a topic's own phrase, a clause addressed to a topic's
# addressee ("make Moscow reconsider"), a speech noun's own position, no cue at all
OTHER_CLASSES = ("topic phrase", "addressed", "speech noun", "none")


@dataclass(frozen=True)
class Why:
    """The cue part of a stance reading: its class (a rule name of ``data/stance.yml`` such as
    ``hedge``, or one of :data:`OTHER_CLASSES`), which the logic reads, and the readable text
    ("hedge 'premature'"), which only the ``rule`` trace shows."""

    cls: str = "none"
    text: str = ""

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


NO_CUE = Why()
HOLDER_VIA = ("speech noun", "clause subject", "subject", "antecedent", "speaker", "other")
TOPIC_VIA = ("named", "borrowed", "title", "prototype", "classifier")


def cue_class(why: Why) -> str:
    """The class of the rule that gave a stance, as the learned scorer's features name it (a
    clause addressed to a topic's addressee is "other")."""
    if why.cls in CUE_CLASSES or why.cls in ("topic phrase", "none"):
        return why.cls
    return "other"


def holder_via(how: str) -> str:
    """How the holder was found: subject, antecedent, speech noun, speaker, clause subject."""
    if how.startswith("'"):
        return "speech noun"
    for name in ("clause subject", "subject", "antecedent", "speaker"):
        if how.startswith(name):
            return name
    return "other"


def topic_via(trigger: str) -> str:
    """Where the topic came from: a trigger ``named`` in the clause (or a noun pointing back to
    one), ``borrowed`` from the sentence or paragraph, the article's ``title``, or a
    ``prototype`` (the clause's words close to a topic's description), or the learned topic
    ``classifier``."""
    if trigger in ("prototype", "classifier"):
        return trigger
    if trigger.endswith("(title)"):
        return "title"
    if trigger.endswith("(sentence)"):
        return "borrowed"
    return "named"


def columns(cue: Token | None, why: Why, how: str, trigger: str) -> dict[str, str | None]:
    """The structured trace of one statement: its cue word (the lemma, as the lexicons list
    it), cue class, holder and topic origins."""
    return {
        "cue": cue.lemma_.lower() if cue is not None else None,
        "cue_class": why.cls,
        "holder_via": holder_via(how),
        "topic_via": topic_via(trigger),
    }
