"""How a stance statement was found, as categories: the structured columns of the stances table
(``cue``, ``cue_class``, ``holder_via``, ``topic_via``) beside the readable ``rule`` trace, and the
learned scorer's features (``stances/features.py``) from the same definitions.

Each function maps one part of the trace to a small fixed set of values an analyst can filter on
(``WHERE cue_class = 'hedge' AND topic_via = 'named'``).
"""

from __future__ import annotations

from spacy.tokens import Token

# the cue classes of a rule trace, most specific first (``clauses.clause_stance``,
# ``extract._readings``); "topic phrase" is a topic's own stance phrase, "answer" a short answer
# to a question, "none" no cue (the topic alone, support by default)
CUE_CLASSES = (
    "undecided cue",
    "refusal cue",
    "negated until",
    "negated refusal",
    "negated",
    "hedge",
    "condition",
    "readiness cue",
    "weak cue",
    "speech noun",
)
HOLDER_VIA = ("speech noun", "clause subject", "subject", "antecedent", "speaker", "other")
TOPIC_VIA = ("named", "borrowed", "title", "prototype")


def cue_class(why: str) -> str:
    """The class of the rule that gave a stance ("hedge 'premature'" -> "hedge")."""
    if not why:
        return "none"
    if " phrase '" in why.split("·")[0]:
        return "topic phrase"
    return next((c for c in CUE_CLASSES if why.startswith(c)), "other")


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
    ``prototype`` (the clause's words close to a topic's description)."""
    if trigger == "prototype":
        return "prototype"
    if trigger.endswith("(title)"):
        return "title"
    if trigger.endswith("(sentence)"):
        return "borrowed"
    return "named"


def columns(cue: Token | None, why: str, how: str, trigger: str) -> dict[str, str | None]:
    """The structured trace of one statement: its cue word (the lemma, as the lexicons list
    it), cue class, holder and topic origins."""
    return {
        "cue": cue.lemma_.lower() if cue is not None else None,
        "cue_class": cue_class(why),
        "holder_via": holder_via(how),
        "topic_via": topic_via(trigger),
    }
