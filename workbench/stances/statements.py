"""The statements of one unit's clauses: each reading of a clause, for each of its holders, put on
its topics as a record (``stances/extract.py`` finds the units, clauses and readings).

The clauses of a unit share what :class:`UnitState` holds: the statements found so far (a later
clause after a contrast replaces or qualifies an earlier one) and, for the learned scorer, the
candidates without a cue and the context each statement was made in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from workbench.nlp.model import text_of
from workbench.resources.lexicon import Lexicon
from workbench.resources.topics import Catalogue
from workbench.schema import SCALE
from workbench.stances import trace
from workbench.stances.clauses import condition_span, refers_back
from workbench.stances.features import Context, statement_features
from workbench.stances.holders import clause_subject_holders, find_holders
from workbench.stances.topics import (
    CLASSIFIER,
    inverted,
    main_clause,
    nearest_topics,
    topics_of,
    within,
)
from workbench.stances.trace import Why
from workbench.stances.units import Unit

_WEAK_ARCS = 4
INVERT = {1.0: -1.0, -1.0: 1.0, -0.5: 0.5}
# bare readiness or refusal: on a topic named only by a trigger, it is about the thing proposed
_PLAIN_POSITIONS = ("readiness cue", "refusal cue", "negated", "weak cue", "speech noun")
FROM_TITLE = " (title)"  # a topic borrowed from the title
_BORROWED = ("(sentence)", "(title)")
_UNPLACED = ("prototype", CLASSIFIER)  # topics without a trigger position
# only a named holder's plain position takes the title's topic ("Rome has kept its own counsel")
_TITLE_CUES = ("undecided cue", "readiness cue", "refusal cue", "hedge", "negated", "negated until")


@dataclass
class UnitState:
    """One unit's clauses and what scoring them builds up, shared by all its clauses."""

    doc: Doc
    unit: Unit
    ents: list[dict]
    lexicon: Lexicon
    catalogue: Catalogue
    clauses: list[list[Token]]
    unit_codes: set[str]  # countries named in the unit
    unit_topics: list  # the unit's (or its paragraph's, or the title's) topics
    candidates: bool  # also keep the statements only the learned scorer may judge
    found: dict[tuple, dict] = field(default_factory=dict)  # (holder, topic) -> by the rules
    extra: dict[tuple, dict] = field(default_factory=dict)  # candidates only
    contexts: dict[int, Context] = field(default_factory=dict)  # id(record) -> context


def score_reading(state: UnitState, k: int, reading: tuple) -> None:
    """Add the statements of one (stance, rule, cue, topic phrase) reading of clause ``k``."""
    stance_, why_, cue, own = reading
    clause = state.clauses[k]
    holders, fallback = _holders(state, clause, cue, own)
    for holder, how, forced in holders:
        stance, why = (
            (forced, Why("speech noun", f"speech noun ({SCALE[forced]})"))
            if forced is not None
            else (stance_, why_)
        )
        if stance is None and not state.candidates:
            continue
        into = state.found if stance is not None and not fallback else state.extra
        if into is state.extra and not holder.get("country_code"):
            continue
        codes = state.unit_codes | (
            {holder["country_code"]} if holder.get("country_code") else set()
        )
        topics = _reading_topics(state, k, stance, why, cue, own, codes, how)
        for topic, trigger in topics:
            _add(state, k, into, holder, how, cue, why, stance, topic, trigger, len(topics))


def collect(state: UnitState) -> list[dict]:
    """The unit's statements: the rules', then the candidates on keys the rules left, with their
    ``features`` when scoring candidates."""
    out = list(state.found.values())
    out += [rec for key, rec in state.extra.items() if key not in state.found]
    if state.candidates:
        ruled = {id(rec) for rec in state.found.values()}
        for rec in out:
            rec["features"] = statement_features(rec, state.contexts[id(rec)])
            rec["by_rules"] = id(rec) in ruled
    return out


def _holders(
    state: UnitState, clause: list[Token], cue: Token | None, own: tuple | None
) -> tuple[list, bool]:
    """The reading's holders, and whether they are the clause's subject only (a fallback for the
    scorer to judge)."""
    doc, unit, ents, lexicon = state.doc, state.unit, state.ents, state.lexicon
    holders = find_holders(doc, clause, cue, unit, ents, lexicon)
    fallback = state.candidates and not holders
    if fallback:  # the clause's subject, for the scorer to judge
        holders = clause_subject_holders(clause, unit, ents)
    if own is not None and own[2] and own[0].addressee:  # not Moscow's view on deterrence
        holders = [h for h in holders if h[0].get("country_code") != own[0].addressee]
        holders = holders or find_holders(doc, clause, None, unit, ents, lexicon)
    return holders, fallback


def _reading_topics(
    state: UnitState,
    k: int,
    stance: float | None,
    why: Why,
    cue: Token | None,
    own: tuple | None,
    codes: set[str],
    how: str,
) -> list[tuple]:
    """The (topic, trigger) pairs a holder's reading of clause ``k`` is on."""
    clause = state.clauses[k]
    if own is not None and own[2]:
        topics = [(own[0], own[2])]
    elif stance is None:  # no cue: only topics the clause names
        topics = [
            (t, trig)
            for t, trig in topics_of(clause, state.catalogue, codes)
            if trig != "prototype"
        ]
    else:
        skip = own[0].id if own is not None else None
        topics = clause_topics(
            state.clauses, k, cue, why, codes, state.catalogue, state.unit_topics, skip
        )
    plain_holder = trace.holder_via(how) == "subject" or (
        how == "speaker" and (state.unit.quote or {}).get("kind") == "indirect"
    )  # "Warsaw backs that line"; "The White House welcomed the offer" (reported)
    if not (plain_holder and why.cls in _TITLE_CUES and refers_back(cue)):
        topics = [x for x in topics if not x[1].endswith(FROM_TITLE)]
    return topics


def _add(
    state: UnitState,
    k: int,
    into: dict[tuple, dict],
    holder: dict,
    how: str,
    cue: Token | None,
    why: Why,
    stance: float | None,
    topic,
    trigger: str,
    n_topics: int,
) -> None:
    """Record the holder's reading of clause ``k`` on one topic ``into`` found or extra."""
    catalogue, clause = state.catalogue, state.clauses[k]
    if (
        topic.plain_positions
        and why.cls in _PLAIN_POSITIONS
        and tuple(trigger.removesuffix(" (sentence)").removesuffix(FROM_TITLE).split())
        not in topic.plain_unless
    ):
        # "dismissed a plan to station a force after a ceasefire": the force
        topic = catalogue.by_id(topic.plain_positions) or topic
    topic = catalogue.for_holder(topic, holder.get("country_code"))
    value, rule = stance, str(why) or "no cue"
    if value is not None and inverted(clause, topic):  # "ready to lift sanctions"
        value, rule = INVERT.get(value, value), f"{why} · inverted"
    key = (holder.get("country_code") or holder["canonical"], topic.id)
    contrast = " after contrast" if k > 0 and key in into else ""
    named = trigger not in _UNPLACED and not trigger.endswith(_BORROWED)
    if value == 0.5 and k > 0 and into is state.found:  # "could join the force, but
        _qualify(state.found, key[0], rule)  # only under a mandate"
    rule = f"{rule}{contrast} · holder: {how} · topic: {trigger}"
    rec = into[key] = record(
        state.doc,
        clause,
        state.unit,
        holder,
        how,
        topic.id,
        value,
        rule,
        named,
        trace.columns(cue, why, how, trigger),
    )
    if state.candidates:
        state.contexts[id(rec)] = Context(
            clause,
            k,
            len(state.clauses),
            cue,
            why,
            how,
            trigger,
            topic,
            n_topics,
            state.unit_codes,
            state.unit.quote,
            holder.get("kind"),
        )


def clause_topics(
    clauses: list[list[Token]],
    k: int,
    cue: Token | None,
    why: Why,
    codes: set[str],
    catalogue: Catalogue,
    unit_topics: list,
    skip: str | None,
) -> list[tuple]:
    """Topics of clause ``k``: its triggers nearest the cue, else borrowed from the clauses before
    it or (for the last clause) from the unit or paragraph; never the topic ``skip``."""
    clause = clauses[k]
    found_topics = [
        x
        for x in topics_of(clause, catalogue, codes, with_positions=True, learned=True)
        if x[0].id != skip
    ]
    condition = condition_span(clause, cue, why)
    rest = [t for c in clauses for t in c if t.i not in condition]
    outside = topics_of(rest, catalogue, codes) if condition else []
    if outside:  # "contribute ships only under a mandate", "send medics provided the mandate …":
        # the condition names the price asked, not the position offered (unless nothing else does)
        found_topics = [
            (t, trig, [i for i in where if i not in condition]) for t, trig, where in found_topics
        ]
        found_topics = [x for x in found_topics if x[2] or x[1] in _UNPLACED]
        unit_topics = outside
    else:
        condition = set()
    if why.cls == "weak cue":  # "who joined the meeting" is no position
        found_topics = [x for x in found_topics if within(cue, x[2], _WEAK_ARCS)]
        return nearest_topics(found_topics, cue)
    before = [t for c in clauses[: k + 1] for t in c if t.i not in condition]  # not a later clause
    borrowed = topics_of(main_clause(before), catalogue, codes) if k < len(clauses) - 1 else []
    borrowed = borrowed or (unit_topics if k == len(clauses) - 1 else [])
    return nearest_topics(found_topics, cue) or [
        (t, trig if trig.endswith(FROM_TITLE) else f"{trig} (sentence)")
        for t, trig in borrowed
        if t.id != skip
    ]


def _qualify(found: dict, holder: str, why: str) -> None:
    """A condition after a contrast qualifies the holder's support in the clauses before it."""
    for (h, _), rec in found.items():
        if h == holder and rec["stance"] == 1.0:
            rec.update(stance=0.5, label=SCALE[0.5], rule=f"{rec['rule']} · qualified by {why}")


def codes_in(tokens: list[Token], ents) -> set[str]:
    """Country codes of the entities within the tokens' span."""
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {e["country_code"] for e in ents if lo <= e["start_char"] < hi and e.get("country_code")}


def record(
    doc,
    clause,
    unit: Unit,
    holder: dict,
    how: str,
    topic: str,
    stance: float | None,
    rule: str,
    by_trigger: bool,
    traced: dict | None = None,
) -> dict:
    """One statement row: the holder's stance on the topic, with the clause as its evidence;
    ``traced``: its structured trace (:func:`workbench.stances.trace.columns`)."""
    start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
    text = text_of(doc)
    while start < end and text[start].isspace():  # a clause opening on a line break
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    quote = unit.quote
    voice = (quote.get("speaker") or "unknown") if quote else "narrator"
    if quote is None:
        attribution = "narrated"
    elif holder["canonical"] == quote.get("speaker"):
        attribution = "self"
    else:  # "Italy would send troops", said by Italy's defence minister, is Italy's own word
        own = holder.get("kind") in ("country", "organisation") and holder.get("country_code")
        same = own and holder["country_code"] == quote.get("speaker_country")
        attribution = "self" if same else "reported"
    role = holder.get("role_class")
    if role is None and holder.get("kind") in ("country", "organisation"):
        role = "government"
    confidence = 0.5 + (0.2 if by_trigger else 0.0) + (0.15 if attribution == "self" else 0.05)
    via = trace.holder_via(how)
    confidence += 0.1 if via in ("subject", "speech noun") or attribution == "self" else 0.0
    return {
        "actor": holder["canonical"],
        "country_code": holder.get("country_code"),
        "role_class": role,
        "topic": topic,
        "stance": stance,
        "label": SCALE.get(stance),
        "confidence": round(min(confidence, 0.95), 2),
        "voiced_by": voice,
        "attribution": attribution,
        "evidence": text[start:end],
        "start_char": start,
        "end_char": end,
        "quote_start": quote["start_char"] if quote else None,
        "quote_end": quote["end_char"] if quote else None,
        "rule": rule,
        **(traced or {}),
        "origin": "model",
    }
