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
from workbench.read.interviews import question_before
from workbench.resources.lexicon import Lexicon, load_lexicon
from workbench.resources.topics import Catalogue
from workbench.resources.words import stance_words
from workbench.schema import LABELS, SCALE, Block
from workbench.stances.clauses import clause_stance, condition_span, refers_back, split_clauses
from workbench.stances.features import Context, statement_features
from workbench.stances.holders import clause_subject_holders, find_holders
from workbench.stances.scorer import apply_scorer
from workbench.stances.topicreadings import addressed, topic_stance
from workbench.stances.topics import inverted, main_clause, nearest_topics, topics_of, within
from workbench.stances.units import Unit, block_of, build_units, mark_answers, with_country

__all__ = ["SCALE", "Lexicon", "extract_stances", "load_lexicon"]

_ACTOR_KINDS = ("person", "country", "organisation")
_WEAK_ARCS = 4
_INVERT = {1.0: -1.0, -1.0: 1.0, -0.5: 0.5}
# bare readiness or refusal: on a topic named only by a trigger, it is about the thing proposed
_PLAIN_POSITIONS = ("readiness cue", "refusal cue", "negated '", "weak cue", "speech noun")
TITLE = -2  # _block_topics(TITLE): the article title's topics
_FROM_TITLE = " (title)"  # a topic borrowed from the title
_BORROWED = ("(sentence)", "(title)")
# only a named holder's plain position takes the title's topic ("Rome has kept its own counsel")
_TITLE_CUES = (
    "undecided cue",
    "readiness cue",
    "refusal cue",
    "hedge",
    "negated '",
    "negated until",
)
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
    """Stance statements of one article (offsets index ``doc.text``; quote offsets name quotes).

    With the lexicon's learned scorer (``stances/scorer.py``), the candidate statements are judged
    by it; without one, the rules decide. ``candidates`` returns every candidate with its
    ``features`` and the rules' stance (None where no cue gave one), unjudged: what the scorer
    trains on."""
    ents = sorted((e for e in entities if e["kind"] in _ACTOR_KINDS), key=lambda e: e["start_char"])
    places = sorted((e for e in entities if e.get("country_code")), key=lambda e: e["start_char"])
    out: list[dict] = []
    block_topics = _block_topics(doc, blocks, ents, catalogue)
    quotes = [with_country(doc, q, blocks, ents) for q in quotes]
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
    codes = _codes_in(question, ents) | _speaker_codes(unit)
    topics = [(t, trig) for t, trig in topics_of(question, catalogue, codes) if trig != "prototype"]
    if not topics:
        return []
    stance, why, cue = clause_stance(question, lexicon)
    value = 1.0 if stance is None else stance
    if unit.polarity < 0:
        value = _INVERT.get(value, value)
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
            out[key] = _record(
                doc, unit.question + unit.tokens, unit, holder, how, topic.id, value, rule, True
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
                known[i] = topics_of(toks, catalogue, _codes_in(toks, ents)) if toks else []
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
    unit_codes = _codes_in(unit.tokens, ents)
    codes = unit_codes | _speaker_codes(unit)  # not from an aside ("while talks were under way")
    unit_topics = topics_of(main_clause(unit.tokens), catalogue, codes) or topics_of(
        unit.tokens, catalogue, codes
    )
    if not unit_topics:
        unit_topics = block_topics(unit.block) or [
            (t, f"{trig} (title)") for t, trig in block_topics(TITLE)
        ]
    found: dict[tuple, dict] = {}
    extra: dict[tuple, dict] = {}  # candidates only
    contexts: dict[int, Context] = {}  # id(record) -> context, candidates only
    for k, clause in enumerate(clauses):
        for stance_, why_, cue, own in _readings(
            clause, lexicon, catalogue, _codes_in(clause, places or ents)
        ):
            holders = find_holders(doc, clause, cue, unit, ents, lexicon)
            fallback = candidates and not holders
            if fallback:  # the clause's subject, for the scorer to judge
                holders = clause_subject_holders(clause, unit, ents)
            if own is not None and own[2] and own[0].addressee:  # not Moscow's view on deterrence
                holders = [h for h in holders if h[0].get("country_code") != own[0].addressee]
                holders = holders or find_holders(doc, clause, None, unit, ents, lexicon)
            for holder, how, forced in holders:
                stance, why = (
                    (forced, f"speech noun ({SCALE[forced]})")
                    if forced is not None
                    else (stance_, why_)
                )
                if stance is None and not candidates:
                    continue
                into = found if stance is not None and not fallback else extra
                codes = unit_codes | (
                    {holder["country_code"]} if holder.get("country_code") else set()
                )
                if into is extra and not holder.get("country_code"):
                    continue
                if own is not None and own[2]:
                    topics = [(own[0], own[2])]
                elif stance is None:  # no cue: only topics the clause names
                    topics = [
                        (t, trig)
                        for t, trig in topics_of(clause, catalogue, codes)
                        if trig != "prototype"
                    ]
                else:
                    skip = own[0].id if own is not None else None
                    topics = _clause_topics(
                        clauses, k, cue, why, codes, catalogue, unit_topics, skip
                    )
                plain_holder = how.startswith("subject") or (
                    how == "speaker" and (unit.quote or {}).get("kind") == "indirect"
                )  # "Warsaw backs that line"; "The White House welcomed the offer" (reported)
                if not (plain_holder and why.startswith(_TITLE_CUES) and refers_back(cue)):
                    topics = [x for x in topics if not x[1].endswith(_FROM_TITLE)]
                for topic, trigger in topics:
                    if (
                        topic.plain_positions
                        and why.startswith(_PLAIN_POSITIONS)
                        and tuple(
                            trigger.removesuffix(" (sentence)").removesuffix(_FROM_TITLE).split()
                        )
                        not in topic.plain_unless
                    ):
                        # "dismissed a plan to station a force after a ceasefire": the force
                        topic = catalogue.by_id(topic.plain_positions) or topic
                    topic = catalogue.for_holder(topic, holder.get("country_code"))
                    value, rule = stance, why or "no cue"
                    if value is not None and inverted(clause, topic):  # "ready to lift sanctions"
                        value, rule = _INVERT.get(value, value), f"{why} · inverted"
                    key = (holder.get("country_code") or holder["canonical"], topic.id)
                    contrast = " after contrast" if k > 0 and key in into else ""
                    named = trigger != "prototype" and not trigger.endswith(_BORROWED)
                    if value == 0.5 and k > 0 and into is found:  # "could join the force, but
                        _qualify(found, key[0], rule)  # only under a mandate"
                    rec = into[key] = _record(
                        doc,
                        clause,
                        unit,
                        holder,
                        how,
                        topic.id,
                        value,
                        f"{rule}{contrast} · holder: {how} · topic: {trigger}",
                        named,
                    )
                    if candidates:
                        contexts[id(rec)] = Context(
                            clause,
                            k,
                            len(clauses),
                            cue,
                            why,
                            how,
                            trigger,
                            topic,
                            len(topics),
                            unit_codes,
                            unit.quote,
                            holder.get("kind"),
                        )
    out = list(found.values())
    out += [rec for key, rec in extra.items() if key not in found]
    if candidates:
        ruled = {id(rec) for rec in found.values()}
        for rec in out:
            rec["features"] = statement_features(rec, contexts[id(rec)])
            rec["by_rules"] = id(rec) in ruled
    return out


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
                f"addressed to {topic.addressee} '{word}'{doubt}",
                root,
                (topic, SCALE[value], word, tok),
            )
        ]
    out = [(LABELS[own[1]], f"{own[0].id} phrase '{own[2]}'", own[3], own)]
    phrase = {t.i for t in own[3].subtree}
    general = why.startswith(("readiness cue", "refusal cue", "hedge", "undecided cue")) or (
        why.startswith("negated")
        and cue is not None
        and cue.lower_ not in stance_words().demand_modals
    )  # "will not send soldiers until a peace accord" is on troops; "should not begin before …" not
    if general and cue is not None and cue.i not in phrase:  # not "should not begin before …"
        out.append((stance, why, cue, (own[0], own[1], "")))  # the other topics
    return out


def _clause_topics(
    clauses: list[list[Token]],
    k: int,
    cue: Token | None,
    why: str,
    codes: set[str],
    catalogue: Catalogue,
    unit_topics: list,
    skip: str | None,
) -> list[tuple]:
    """Topics of clause ``k``: its triggers nearest the cue, else borrowed from the clauses before
    it or (for the last clause) from the unit or paragraph; never the topic ``skip``."""
    clause = clauses[k]
    found_topics = [
        x for x in topics_of(clause, catalogue, codes, with_positions=True) if x[0].id != skip
    ]
    condition = condition_span(clause, cue, why)
    rest = [t for c in clauses for t in c if t.i not in condition]
    outside = topics_of(rest, catalogue, codes) if condition else []
    if outside:  # "contribute ships only under a mandate", "send medics provided the mandate …":
        # the condition names the price asked, not the position offered (unless nothing else does)
        found_topics = [
            (t, trig, [i for i in where if i not in condition]) for t, trig, where in found_topics
        ]
        found_topics = [x for x in found_topics if x[2] or x[1] == "prototype"]
        unit_topics = outside
    else:
        condition = set()
    if why.startswith("weak cue"):  # "who joined the meeting" is no position
        found_topics = [x for x in found_topics if within(cue, x[2], _WEAK_ARCS)]
        return nearest_topics(found_topics, cue)
    before = [t for c in clauses[: k + 1] for t in c if t.i not in condition]  # not a later clause
    borrowed = topics_of(main_clause(before), catalogue, codes) if k < len(clauses) - 1 else []
    borrowed = borrowed or (unit_topics if k == len(clauses) - 1 else [])
    return nearest_topics(found_topics, cue) or [
        (t, trig if trig.endswith(_FROM_TITLE) else f"{trig} (sentence)")
        for t, trig in borrowed
        if t.id != skip
    ]


def _qualify(found: dict, holder: str, why: str) -> None:
    """A condition after a contrast qualifies the holder's support in the clauses before it."""
    for (h, _), rec in found.items():
        if h == holder and rec["stance"] == 1.0:
            rec.update(stance=0.5, label=SCALE[0.5], rule=f"{rec['rule']} · qualified by {why}")


def _codes_in(tokens: list[Token], ents) -> set[str]:
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {e["country_code"] for e in ents if lo <= e["start_char"] < hi and e.get("country_code")}


def _speaker_codes(unit: Unit) -> set[str]:
    code = unit.quote.get("speaker_country") if unit.quote else None
    return {code} if code else set()


def _record(
    doc,
    clause,
    unit: Unit,
    holder: dict,
    how: str,
    topic: str,
    stance: float,
    rule: str,
    by_trigger: bool,
) -> dict:
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
    confidence += 0.1 if how.startswith(("subject", "'")) or attribution == "self" else 0.0
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
        "origin": "model",
    }
