"""Stance statements: who holds which position on which topic, with evidence and a readable rule.

Units are the quotes (voiced by their speaker) and the narrated sentences outside quotes (voiced by
the narrator). A unit is split into clauses at contrast words ("but", "however"); each clause is
scored with the stance lexicon (``data/stance.yml``) and put on topics (``stances/topics.py``).

The holder of a position is not always its voice: the subject that carries the stance ("russia,
which opposes …", "President trump is unlikely to provide …", "affirmations from London") holds
it; otherwise a quote's speaker does. ``attribution`` is ``self`` (the speaker's own position),
``reported`` (a speaker telling another actor's position) or ``narrated`` (the narrator's account).
Within one unit, the last clause after a contrast decides for a holder and topic.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from workbench.nlp.model import text_of
from workbench.quotes.voices import stance_voices
from workbench.read.interviews import question_before
from workbench.resources.lexicon import Lexicon, load_lexicon
from workbench.resources.topics import Catalogue
from workbench.resources.words import stance_words
from workbench.schema import LABELS, SCALE, Block
from workbench.stances import trace
from workbench.stances.clauses import clause_stance, split_clauses
from workbench.stances.holders import find_holders
from workbench.stances.scorer import apply_scorer
from workbench.stances.statements import (
    FROM_TITLE,
    INVERT,
    UnitState,
    codes_in,
    collect,
    record,
    score_reading,
)
from workbench.stances.topicreadings import addressed, topic_stance
from workbench.stances.topics import main_clause, topics_of
from workbench.stances.trace import NEGATED, Why
from workbench.stances.units import Unit, block_of, build_units, mark_answers, with_country

__all__ = ["SCALE", "Lexicon", "extract_stances", "load_lexicon"]

_ACTOR_KINDS = ("person", "country", "organisation")
TITLE = -2  # _block_topics(TITLE): the article title's topics
_TOPICAL_BLOCKS = ("paragraph", "blockquote", "list_item", "question", "answer")


def extract_stances(
    doc: Doc,
    blocks: list[Block],
    entities: list[dict],
    quotes: list[dict],
    lexicon: Lexicon,
    catalogue: Catalogue,
    candidates: bool = False,
) -> list[dict]:
    """Stance statements of one article (offsets index ``doc.text``; quote offsets name quotes),
    from the quotes as :func:`~workbench.quotes.voices.stance_voices` gives them.

    With the lexicon's learned scorer (``stances/scorer.py``), the candidate statements are judged
    by it; without one, the rules decide. ``candidates`` returns every candidate with its
    ``features`` and the rules' stance (None where no cue gave one), unjudged: what the scorer
    trains on."""
    ents = sorted((e for e in entities if e["kind"] in _ACTOR_KINDS), key=lambda e: e["start_char"])
    places = sorted((e for e in entities if e.get("country_code")), key=lambda e: e["start_char"])
    out: list[dict] = []
    block_topics = _block_topics(doc, blocks, ents, catalogue)
    quotes = [with_country(doc, q, blocks, ents) for q in stance_voices(doc, quotes, blocks)]
    judge = lexicon.scorer is not None and not candidates
    answered: list[dict] = []  # short interview answers: the rules decide, the scorer never saw any
    units = build_units(doc, blocks, quotes)
    mark_answers(doc, blocks, units, lexicon)
    for unit in units:
        try:
            if unit.question:
                answered += [] if candidates else _score_answer(doc, unit, ents, lexicon, catalogue)
                continue
            out += _score_unit(
                doc, unit, ents, lexicon, catalogue, block_topics, candidates or judge, places
            )
        except Exception:  # an odd parse costs this unit, never the article
            continue
    out = apply_scorer(out, lexicon.scorer) if judge else out
    return _answer_decides(out, answered, blocks) + answered


def _answer_decides(out: list[dict], answered: list[dict], blocks: list[Block]) -> list[dict]:
    """A short answer decides its holder and topic within its answer ("We will not. Our brigade
    is committed to NATO's eastern flank": the brigade is no offer to Ukraine)."""

    def key(r: dict, at: int) -> tuple:
        return r["country_code"] or r["actor"], r["topic"], block_of(blocks, at)

    decided = {key(r, r["end_char"] - 1) for r in answered}
    return [r for r in out if key(r, r["start_char"]) not in decided] if decided else out


def _score_answer(doc, unit: Unit, ents, lexicon: Lexicon, catalogue: Catalogue) -> list[dict]:
    """A short answer takes the question's position with the answer's polarity: "Will Latvia
    send soldiers?" "We will not." is Latvia refusing troops; "Does Ukraine still want foreign
    troops?" "More than ever." is Ukraine's support. A question with no stance cue asks whether
    the interviewee backs what it names ("Is training still a priority?"). Only topics the
    question names count; the evidence runs from the question to the answer."""
    premise = {
        d.i
        for t in unit.question
        for d in t.subtree
        if any(c.dep_ == "mark" and c.lower_ in stance_words().span_conditions for c in t.children)
    }
    question = [t for t in unit.question if t.i not in premise]  # not "if the Americans said no"
    codes = codes_in(question, ents) | _speaker_codes(unit)
    topics = [(t, trig) for t, trig in topics_of(question, catalogue, codes) if trig != "prototype"]
    if not topics:
        return []
    stance, why, cue = clause_stance(question, lexicon)
    value = 1.0 if stance is None else stance
    if unit.polarity < 0:
        value = INVERT.get(value, value)
    answer = text_of(doc)[unit.tokens[0].idx : unit.tokens[-1].idx + len(unit.tokens[-1])]
    out: dict[tuple, dict] = {}
    for holder, how, _ in find_holders(doc, question, cue, unit, ents, lexicon):
        for topic, trigger in topics:
            topic = catalogue.for_holder(topic, holder.get("country_code"))
            rule = (
                f"answer '{answer}' to the question ({why or 'no cue'}) · holder: {how} · "
                f"topic: {trigger}"
            )
            key = (holder.get("country_code") or holder["canonical"], topic.id)
            traced = {**trace.columns(cue, why, how, trigger), "cue_class": "answer"}
            out[key] = record(
                doc,
                unit.question + unit.tokens,
                unit,
                holder,
                how,
                topic.id,
                value,
                rule,
                True,
                traced,
            )
    return list(out.values())


def _block_topics(
    doc: Doc, blocks: list[Block], ents, catalogue: Catalogue
) -> Callable[[int], list]:
    """Topics of a paragraph, for clauses that take a position without naming its topic
    ("Canada said it was ready to contribute"): worked out when first asked for, per block. An
    interview answer that names none takes its question's ("Will Latvia send soldiers?" "We
    will not."). ``topics(TITLE)`` gives the title's topics ("Sanctions Relief and Frozen Billions":
    "Rome has kept its own counsel" is on sanctions)."""
    known: dict[int, list] = {}

    def topics(i: int) -> list:
        if i == TITLE and i not in known:  # the title's topics, else the lead paragraph's
            title = next((k for k, b in enumerate(blocks) if b.kind == "title"), -1)
            lead = next((k for k, b in enumerate(blocks) if b.kind == "paragraph"), -1)
            known[i] = (topics(title) if title >= 0 else []) or (topics(lead) if lead >= 0 else [])
        if i not in known:
            known[i] = []
            b = blocks[i] if 0 <= i < len(blocks) else None
            span = doc.char_span(b.start, b.end, alignment_mode="expand") if b else None
            if span is not None and b.kind in _TOPICAL_BLOCKS + ("title",):
                toks = main_clause(list(span))
                known[i] = topics_of(toks, catalogue, codes_in(toks, ents)) if toks else []
            if not known[i] and b is not None and b.kind == "answer":
                known[i] = topics(question_before(blocks, i))
        return known[i]

    return topics


def _score_unit(
    doc,
    unit: Unit,
    ents,
    lexicon: Lexicon,
    catalogue: Catalogue,
    block_topics: Callable[[int], list],
    candidates: bool = False,
    places: list[dict] | None = None,
) -> list[dict]:
    """The unit's statements by the rules; with ``candidates``, also the statements the learned
    scorer may keep (a topic named in a clause with a holder but no stance cue, or a cue whose
    holder only the clause's subject gives), each with its ``features``."""
    clauses = split_clauses(unit.tokens, lexicon)
    unit_codes = codes_in(unit.tokens, ents)
    codes = unit_codes | _speaker_codes(unit)  # not from an aside ("while talks were under way")
    unit_topics = topics_of(main_clause(unit.tokens), catalogue, codes) or topics_of(
        unit.tokens, catalogue, codes, learned=True
    )
    if not unit_topics:
        unit_topics = block_topics(unit.block) or [
            (t, f"{trig}{FROM_TITLE}") for t, trig in block_topics(TITLE)
        ]
    state = UnitState(
        doc, unit, ents, lexicon, catalogue, clauses, unit_codes, unit_topics, candidates
    )
    for k, clause in enumerate(clauses):
        for reading in _readings(clause, lexicon, catalogue, codes_in(clause, places or ents)):
            score_reading(state, k, reading)
    return collect(state)


def _readings(
    clause: list[Token], lexicon: Lexicon, catalogue: Catalogue, codes: set[str]
) -> list[tuple]:
    """(stance, rule, cue, topic phrase) readings of a clause. A topic's own stance phrase ("as
    soon as a ceasefire holds") decides that topic; a general cue in the same clause ("ready to
    deploy a company within days of a truce") still speaks for the other topics. A clause that
    names a topic's addressee with one of its words ("make Moscow reconsider") is on that topic:
    support, sceptical when the clause negates or doubts it ("doubted they would change the
    Kremlin's calculations")."""
    stance, why, cue = clause_stance(clause, lexicon)
    own = topic_stance(clause, catalogue)
    if own is None:
        hit = addressed(clause, catalogue, codes)
        if hit is None:
            return [(stance, why, cue, None)]
        topic, word, tok = hit
        value = -0.5 if stance is not None and stance < 0 else 1.0
        doubt = f" · {why}" if value < 0 else ""
        root = next((t for t in clause if t.head.i == t.i or t.head not in clause), tok)
        general = [(stance, why, cue, None)] if stance is not None else []  # the other topics
        return general + [
            (
                value,
                Why("addressed", f"addressed to {topic.addressee} '{word}'{doubt}"),
                root,
                (topic, SCALE[value], word, tok),
            )
        ]
    out = [(LABELS[own[1]], Why("topic phrase", f"{own[0].id} phrase '{own[2]}'"), own[3], own)]
    phrase = {t.i for t in own[3].subtree}
    general = why.cls in ("readiness cue", "refusal cue", "hedge", "undecided cue") or (
        why.cls in NEGATED and cue is not None and cue.lower_ not in stance_words().demand_modals
    )  # "will not send soldiers until a peace accord" is on troops; "should not begin before …" not
    if general and cue is not None and cue.i not in phrase:  # not "should not begin before …"
        out.append((stance, why, cue, (own[0], own[1], "")))  # the other topics
    return out


def _speaker_codes(unit: Unit) -> set[str]:
    code = unit.quote.get("speaker_country") if unit.quote else None
    return {code} if code else set()
