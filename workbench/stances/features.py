"""Features of a candidate stance statement, for the learned scorer (``stances/scorer.py``).

Every feature is a category taken from the rules, the lexicons or the parse, never a word of an
article: the rule's stance and the class of its cue (refusal, hedge, condition, readiness …), how
the holder was found, whether the topic was named in the clause or borrowed, negation, modals and
condition markers in the clause, the clause's place around a contrast, quote or narration, and the
tree distance from the cue to the topic's trigger. A feature is a name; its value is 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from workbench.resources.topics import Topic
from workbench.resources.words import stance_words
from workbench.stances.topics import tree_distance, trigger_hits
from workbench.stances.trace import Why, cue_class, holder_via, topic_via


@dataclass
class Context:
    """What the stance step knew when it made a candidate statement."""

    clause: list[Token]
    k: int  # the clause's index in its unit
    n_clauses: int
    cue: Token | None
    why: Why  # the reading's cue class and text ("hedge 'premature'"), NO_CUE without a cue
    how: str  # how the holder was found
    trigger: str  # a trigger, "… (sentence)"/"… (title)" if borrowed, "prototype", "classifier"
    topic: Topic
    n_topics: int  # topics the clause's reading landed on
    unit_codes: set[str]  # countries named in the unit
    quote: dict | None
    holder_kind: str | None = None


def statement_features(rec: dict, ctx: Context) -> list[str]:
    """Feature names of one candidate statement (``rec`` is its record, its stance the rule's)."""
    label = rec["label"] or "none"
    cue = cue_class(ctx.why)
    attribution = rec["attribution"]
    found = topic_via(ctx.trigger)
    words = {t.lower_ for t in ctx.clause}
    out = [
        f"rule={label}",
        f"cue={cue}",
        f"holder={holder_via(ctx.how)}",
        f"attribution={attribution}",
        f"topic_found={found}",
        f"topic={ctx.topic.id}",
        f"voice={'quote' if ctx.quote else 'narration'}",
        f"holder_kind={ctx.holder_kind or 'none'}",
        f"role={rec.get('role_class') or 'none'}",
        f"clause={_position(ctx.k, ctx.n_clauses)}",
        f"topics={min(ctx.n_topics, 3)}",
        f"countries={min(len(ctx.unit_codes), 3)}",
        f"distance={_distance(ctx)}",
        f"rule={label}|attribution={attribution}",
        f"rule={label}|topic_found={found}",
        f"cue={cue}|holder={holder_via(ctx.how)}",
    ]
    if ctx.cue is not None:
        out.append(f"cue_pos={ctx.cue.pos_}")
    grammar = stance_words()
    if words & grammar.hypothetical_modals:
        out.append("modal=hypothetical")
    if words & grammar.future_modals:
        out.append("modal=future")
    if words & grammar.demand_modals:
        out.append("modal=deontic")
    if words & grammar.feature_conditions:
        out.append("condition_word")
    if words & grammar.negation_feature or any(t.dep_ == "neg" for t in ctx.clause):
        out.append("negation")
    if "whether" in words:
        out.append("question")
    if "· inverted" in rec["rule"]:
        out.append("inverted")
    if "qualified by" in rec["rule"]:
        out.append("qualified")
    if "after contrast" in rec["rule"]:
        out.append("after_contrast")
    if ctx.quote is not None and ctx.quote.get("kind"):
        out.append(f"quote_kind={ctx.quote['kind']}")
    if rec.get("country_code") in ctx.unit_codes:
        out.append("holder_named_in_unit")
    return out


def _position(k: int, n: int) -> str:
    if n == 1:
        return "only"
    return "first" if k == 0 else "last" if k == n - 1 else "middle"


def _distance(ctx: Context) -> str:
    """Arcs from the cue to the nearest trigger of the topic in the clause, bucketed."""
    if ctx.cue is None:
        return "no cue"
    where = [ctx.clause[i] for i, _, _ in trigger_hits(ctx.clause, ctx.topic)]
    if not where:
        return "no trigger"
    d = min(tree_distance(ctx.cue, t) for t in where)
    return "0-1" if d <= 1 else "2-3" if d <= 3 else "4-5" if d <= 5 else "6+"
