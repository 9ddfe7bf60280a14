"""Stance statements: who holds which position on which topic, with evidence and a readable rule.

Units are the quotes (voiced by their speaker) and the narrated sentences outside quotes (voiced by
the narrator). A unit is split into clauses at contrast words ("but", "however"); each clause is
scored with the stance lexicon (``data/stance.yml``) and put on topics (``topics.py``).

The holder of a position is not always its voice: the subject that carries the stance ("russia,
which opposes …", "President trump is unlikely to provide …", "affirmations from London") holds
it; otherwise a quote's speaker does. ``attribution`` is ``self`` (the speaker's own position),
``reported`` (a speaker telling another actor's position) or ``narrated`` (the narrator's account).
Within one unit, the last clause after a contrast decides for a holder and topic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from .datafiles import default_data_path, read_data
from .holders import clause_subject_holders, entity_root, find_holders, in_question
from .interviews import question_before
from .nlp import text_of
from .scorer import Scorer, apply_scorer, load_scorer
from .stancefeatures import Context, statement_features
from .structure import Block
from .topics import (
    Catalogue,
    find_phrases,
    inverted,
    main_clause,
    nearest_topics,
    phrases,
    topic_stance,
    topics_of,
    within,
    word_index,
)

SCALE = {1.0: "support", 0.5: "conditional", 0.0: "neutral", -0.5: "sceptical", -1.0: "oppose"}
_ACTOR_KINDS = ("person", "country", "organisation")
_NOT_CUE_POS = {"ADP", "PART", "DET"}
_DIRECTIONS = {"back", "forward", "ahead", "up", "off", "out"}
_WEAK_ARCS = 4
_STRICT = ("only", "provided", "on condition", "subject to", "contingent")  # real conditions
_DEMANDS = {"should", "must", "need", "needs", "ought"}
_INVERT = {1.0: -1.0, -1.0: 1.0, -0.5: 0.5}
_UNTIL = {"until", "without", "unless", "before"}
_ASIDE = {"despite", "regardless", "without", "amid", "notwithstanding", "spite"}
# bare readiness or refusal: on a topic named only by a trigger, it is about the thing proposed
_PLAIN_POSITIONS = ("readiness cue", "refusal cue", "negated '", "weak cue", "speech noun")
_CONDITION_WORDS = {"if", "unless", "provided", "providing", "without", "until"}
_MODALS = {"will", "would", "'ll"}  # weak cues only with an actor as subject
_NOT_ACTOR_PRONOUNS = {"that", "which", "this", "what", "who", "there", "everything", "nothing"}
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
_SHORT_ANSWER = 5  # words
_BARE_CONDITIONS = {"if", "unless"}
_NONE_WORDS = {"no", "neither"}
_OBJECT_PREPS = {"against", "for", "about", "over", "of"}  # not "by contrast", "on Monday"
_ANAPHORIC = {"the", "that", "this", "these", "those", "it", "its", "their", "them"}
_TOPICAL_BLOCKS = ("paragraph", "blockquote", "list_item", "question", "answer")
_PLAIN_CUES = {"said", "says", "say", "told", "tells", "added", "adds", "stated", "according to"}


@dataclass
class Lexicon:
    categories: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    negation: set[str] = field(default_factory=set)
    reporting: set[str] = field(default_factory=set)  # verbs whose subject owns a "should" below
    contrast: set[str] = field(default_factory=set)
    speech_nouns: dict[str, str] = field(default_factory=dict)  # noun -> category
    # "we will not" -> -1, longest first ("we will not" before "we will")
    answers: dict[tuple[str, ...], float] = field(default_factory=dict)
    fingerprint: str = ""
    scorer: Scorer | None = None  # the learned scorer, or None: the rules decide


def load_lexicon(path: str | Path | None = None, scorer: str | Path | None = None) -> Lexicon:
    """Load the stance lexicon (the shipped one unless ``path`` is given) and the stance scorer
    (``scorer.load_scorer``: "rules", "model", a weights file, or None for the default)."""
    judge = load_scorer(scorer)
    data, fingerprint = read_data(path or default_data_path("stance"))
    names = ("support", "support_weak", "oppose", "sceptical", "conditional", "undecided", "ignore")
    cats = {k: phrases(data.get(k) or []) for k in names}
    nouns = {" ".join(p): cat for cat, words in (data.get("speech_nouns") or {}).items()
             for p in phrases(words)}  # fmt: skip
    polar = data.get("answers") or {}
    answers = {tuple(str(w).lower().split()): sign
               for key, sign in (("affirmative", 1.0), ("negative", -1.0))
               for w in polar.get(key) or []}  # fmt: skip
    answers = dict(sorted(answers.items(), key=lambda kv: -len(kv[0])))  # longest first
    return Lexicon(cats, {str(w).lower() for w in data.get("negation") or []},
                   {str(w).lower() for w in data.get("reporting_verbs") or []},
                   {str(w).lower() for w in data.get("contrast") or []}, nouns, answers,
                   f"{fingerprint}+{judge.fingerprint if judge else 'rules'}", judge)  # fmt: skip


@dataclass
class _Unit:
    tokens: list[Token]
    quote: dict | None  # the quote record, or None for narration
    block: int = -1  # the paragraph the unit starts in
    question: list[Token] = field(default_factory=list)  # the question a short answer answers
    polarity: float = 0.0  # 1 yes, -1 no (short answers only)


def extract_stances(doc: Doc, blocks: list[Block], entities: list[dict], quotes: list[dict],
                    lexicon: Lexicon, catalogue: Catalogue,
                    candidates: bool = False) -> list[dict]:  # fmt: skip
    """Stance statements of one article (offsets index ``doc.text``; quote offsets name quotes).

    With the lexicon's learned scorer (``scorer.py``), the candidate statements are judged by it;
    without one, the rules decide. ``candidates`` returns every candidate with its ``features``
    and the rules' stance (None where no cue gave one), unjudged: what the scorer trains on."""
    ents = sorted((e for e in entities if e["kind"] in _ACTOR_KINDS), key=lambda e: e["start_char"])
    out: list[dict] = []
    block_topics = _block_topics(doc, blocks, ents, catalogue)
    quotes = [_with_country(doc, q, blocks, ents) for q in quotes]
    judge = lexicon.scorer is not None and not candidates
    answered: list[dict] = []  # short interview answers: the rules decide, the scorer never saw any
    units = _units(doc, blocks, quotes)
    _answering(doc, blocks, units, lexicon)
    for unit in units:
        try:
            if unit.question:
                answered += [] if candidates else _score_answer(doc, unit, ents, lexicon, catalogue)
                continue
            out += _score_unit(doc, unit, ents, lexicon, catalogue, block_topics,
                               candidates or judge)  # fmt: skip
        except Exception:  # an odd parse costs this unit, never the article
            continue
    out = apply_scorer(out, lexicon.scorer) if judge else out
    return _answer_decides(out, answered, blocks) + answered


def _answer_decides(out: list[dict], answered: list[dict], blocks: list[Block]) -> list[dict]:
    """A short answer decides its holder and topic within its answer ("We will not. Our brigade
    is committed to NATO's eastern flank": the brigade is no offer to Ukraine)."""

    def key(r: dict, at: int) -> tuple:
        return r["country_code"] or r["actor"], r["topic"], _block_of(blocks, at)

    decided = {key(r, r["end_char"] - 1) for r in answered}
    return [r for r in out if key(r, r["start_char"]) not in decided] if decided else out


def _units(doc: Doc, blocks: list[Block], quotes: list[dict]) -> list[_Unit]:
    units = []
    covered: list[tuple[int, int]] = []
    tails = {id(q): _condition_after(doc, q) for q in quotes}
    for q in quotes:
        covered.append((q["start_char"], q["end_char"]))
        if _cue_tokens(doc, q):  # "Greece welcomed [the talks]": the cue is scored with its content
            covered.append((q["cue_start"], q["cue_end"]))
        if tails[id(q)]:
            tail = tails[id(q)]
            covered.append((tail[0].idx, tail[-1].idx + len(tail[-1])))
    for q in quotes:
        span = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
        if span is None:
            continue
        lead = _cue_tokens(doc, q) or _before_attribution(doc, q)
        nested = _nested(q, quotes, covered)  # speech an interviewee reports is its speaker's unit
        sents = list(span.sents)
        for k, sent in enumerate(sents):
            toks = [t for t in sent if q["start_char"] <= t.idx < q["end_char"]
                    and not any(s <= t.idx < e for s, e in nested)]  # fmt: skip
            if k == len(sents) - 1:
                toks += tails[id(q)]
            if toks:
                units.append(
                    _Unit((lead if k == 0 else []) + toks, q, _block_of(blocks, toks[0].idx))
                )
    skip = [(b.start, b.end) for b in blocks if b.kind in ("title", "heading", "attribution",
                                                            "blockquote")]  # fmt: skip
    asked = [(b.start, b.end) for b in blocks if b.kind == "question"]  # an interviewer's turn
    starts = [t.idx for t in doc]
    inside = set()  # tokens that start within a quote or its cue
    for s, e in covered:
        inside.update(range(bisect_left(starts, s), bisect_left(starts, e)))
    for sent in doc.sents:
        if any(s <= sent.start_char < e for s, e in skip):
            continue
        if any(sent.start_char < e and s < sent.end_char for s, e in asked):
            continue
        toks = [t for t in sent if t.i not in inside]
        if any(t.is_alpha for t in toks):
            units.append(_Unit(toks, None, _block_of(blocks, toks[0].idx)))
    return units


def _answering(doc: Doc, blocks: list[Block], units: list[_Unit], lexicon: Lexicon) -> None:
    """Mark the short answers ("We will not.", "More than ever.") that open an interview answer
    right after its question, with that question's last sentence and the answer's polarity."""
    for unit in units:
        b = unit.block
        if unit.quote is None or b < 1 or blocks[b].kind != "answer":
            continue
        if blocks[b - 1].kind != "question" or unit.tokens[0].idx != blocks[b].start:
            continue
        words = tuple(t.lower_ for t in unit.tokens if not (t.is_punct or t.is_space))
        if len(words) > _SHORT_ANSWER:
            continue
        sign = next((v for k, v in lexicon.answers.items() if words[: len(k)] == k), 0.0)
        span = doc.char_span(blocks[b - 1].start, blocks[b - 1].end, alignment_mode="expand")
        if not sign or span is None:
            continue
        asked = [s for s in span.sents if s.text.strip().rstrip("*_").endswith("?")]
        if asked:
            unit.question = [
                t for t in asked[-1] if blocks[b - 1].start <= t.idx < blocks[b - 1].end
            ]
            unit.polarity = sign


def _condition_after(doc: Doc, q: dict) -> list[Token]:
    """The condition that ends a reported sentence after its attribution ("Lisbon is prepared to
    host marines, a Portuguese official said, provided the Peace Facility covers the cost"):
    part of what the speaker said."""
    if q.get("kind") != "indirect" or q.get("cue_start") is None:
        return []
    after = max(q["cue_end"], q["speaker_end"] if q.get("speaker_end") is not None else 0)
    if q["cue_start"] < q["end_char"] or after <= q["end_char"]:
        return []
    span = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
    if span is None:
        return []
    rest = [t for t in span[-1].sent if t.idx >= after and not t.is_space]
    words = [t for t in rest if not t.is_punct][:2]
    if not any(t.lower_ in _CONDITION_WORDS for t in words):
        return []
    return rest


def _nested(q: dict, quotes: list[dict], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the other quotes (and scored cues) inside quote ``q``: "Warsaw has been honest
    with us. They told us they will do logistics", in an interview answer, is Warsaw's word."""
    lo, hi = q["start_char"], q["end_char"]
    inner = [(r["start_char"], r["end_char"]) for r in quotes
             if r is not q and lo <= r["start_char"] and r["end_char"] <= hi
             and (r["end_char"] - r["start_char"]) < hi - lo]  # fmt: skip
    cues = [(s, e) for s, e in covered if lo <= s and e <= hi and (s, e) != (lo, hi)]
    return inner + cues if inner else []


def _with_country(doc: Doc, q: dict, blocks: list[Block], ents) -> dict:
    """A speaker whose title names no country ("Defence Minister Kaarel Ilves", after "Estonia
    will put a company …" in the same paragraph) speaks for the country named last before the
    speaker in the paragraph, a subject first ("The Commission … tabled a loan for Ukraine, and
    its chief spokesman, Rafael Montoya, said" is the Commission's spokesman). Only the stance
    holder uses this; the quote record is unchanged."""
    if not q.get("speaker") or q.get("speaker_country"):
        return q
    at = q["speaker_start"] if q.get("speaker_start") is not None else q["start_char"]
    block = _block_of(blocks, at)
    if block < 0:
        return q
    lo = blocks[block].start
    named = [e for e in ents if lo <= e["start_char"] < at and e.get("country_code")
             and e["kind"] in ("country", "organisation")]  # fmt: skip
    subjects = [e for e in named if _is_subject(doc, e)]
    named = subjects or named
    return {**q, "speaker_country": named[-1]["country_code"]} if named else q


def _is_subject(doc: Doc, ent: dict) -> bool:
    root = entity_root(doc, ent)
    return root is not None and root.dep_ in ("nsubj", "nsubjpass")


def _before_attribution(doc: Doc, q: dict) -> list[Token]:
    """ "Germany, he added, has still not made up its mind": the words before a mid-sentence
    attribution are the reported clause's subject."""
    if q.get("kind") != "indirect" or q.get("cue_start") is None:
        return []
    attribution = min(q["cue_start"], q["speaker_start"] if q.get("speaker_start") is not None
                      else q["cue_start"])  # fmt: skip
    if attribution >= q["start_char"]:
        return []
    sent = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
    if sent is None:
        return []
    sent = sent[0].sent
    prefix = [t for t in sent if t.idx < attribution and not (t.is_punct or t.is_space)]
    owns = any(t.dep_ == "nsubj" and q["start_char"] <= t.head.idx < q["end_char"] for t in prefix)
    return prefix if owns else []


def _block_of(blocks: list[Block], char: int) -> int:
    return next((i for i, b in enumerate(blocks) if b.start <= char < b.end), -1)


def _cue_tokens(doc: Doc, q: dict) -> list[Token]:
    """A reported quote's cue, scored with its content ("ruled out" + "a deployment of troops"),
    with the negation and auxiliaries before it ("did not rule out")."""
    if q.get("kind") != "indirect" or q.get("cue_start") is None or q["cue_end"] > q["start_char"]:
        return []
    if q["cue"].lower() in _PLAIN_CUES:  # "said" adds nothing to the evidence
        return []
    span = doc.char_span(q["cue_start"], q["start_char"], alignment_mode="expand")
    if span is None:
        return []
    lo = span.start
    while (
        lo > 0 and doc[lo - 1].dep_ in ("neg", "aux", "advmod") and doc[lo - 1].head.i == span.start
    ):
        lo -= 1
    return [t for t in doc[lo : span.end] if not t.is_space]


def _score_answer(doc, unit: _Unit, ents, lexicon: Lexicon, catalogue: Catalogue) -> list[dict]:
    """A short answer takes the question's position with the answer's polarity: "Will Latvia
    send soldiers?" "We will not." is Latvia refusing troops; "Does Ukraine still want foreign
    troops?" "More than ever." is Ukraine's support. A question with no stance cue asks whether
    the interviewee backs what it names ("Is training still a priority?"). Only topics the
    question names count; the evidence runs from the question to the answer."""
    premise = {
        d.i
        for t in unit.question
        for d in t.subtree
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_WORDS for c in t.children)
    }
    question = [t for t in unit.question if t.i not in premise]  # not "if the Americans said no"
    codes = _codes_in(question, ents) | _speaker_codes(unit)
    topics = [(t, trig) for t, trig in topics_of(question, catalogue, codes) if trig != "prototype"]
    if not topics:
        return []
    stance, why, cue = _stance(question, lexicon)
    value = 1.0 if stance is None else stance
    if unit.polarity < 0:
        value = _INVERT.get(value, value)
    answer = text_of(doc)[unit.tokens[0].idx : unit.tokens[-1].idx + len(unit.tokens[-1])]
    out: dict[tuple, dict] = {}
    for holder, how, _ in find_holders(doc, question, cue, unit, ents, lexicon):
        for topic, trigger in topics:
            topic = catalogue.for_holder(topic, holder.get("country_code"))
            rule = (f"answer '{answer}' to the question ({why or 'no cue'}) · holder: {how} · "
                    f"topic: {trigger}")  # fmt: skip
            key = (holder.get("country_code") or holder["canonical"], topic.id)
            out[key] = _record(doc, unit.question + unit.tokens, unit, holder, how, topic.id,
                               value, rule, True)  # fmt: skip
    return list(out.values())


def _clauses(tokens: list[Token], lexicon: Lexicon) -> list[list[Token]]:
    """Split at contrast words ("X, but Y"); a clause opened by a subordinate contrast ("while X,
    Y") ends at its first comma, so that the main clause after it decides."""
    out: list[list[Token]] = [[]]
    for t in tokens:
        after_punct = bool(out[-1]) and out[-1][-1].is_punct
        splits = t.pos_ in ("CCONJ", "SCONJ") or after_punct  # not "not yet convinced"
        concession = t.dep_ == "mark" and t.head.i > t.i  # "ruled it out, though it would …"
        if t.lower_ in lexicon.contrast and out[-1] and splits and not concession:
            out.append([])
        elif after_punct and out[-1][-1].text == "," and _subordinate(out[-1], lexicon):
            out.append([])
        out[-1].append(t)
    return [c for c in out if c]


def _subordinate(clause: list[Token], lexicon: Lexicon) -> bool:
    """A clause opened by a subordinating contrast word ("while Croatia backs sanctions,")."""
    first = clause[0]
    return first.lower_ in lexicon.contrast and first.pos_ == "SCONJ" and first.dep_ == "mark"


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


def _score_unit(doc, unit: _Unit, ents, lexicon: Lexicon, catalogue: Catalogue,
                block_topics: Callable[[int], list],
                candidates: bool = False) -> list[dict]:  # fmt: skip
    """The unit's statements by the rules; with ``candidates``, also the statements the learned
    scorer may keep (a topic named in a clause with a holder but no stance cue, or a cue whose
    holder only the clause's subject gives), each with its ``features``."""
    clauses = _clauses(unit.tokens, lexicon)
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
        for stance_, why_, cue, own in _readings(clause, lexicon, catalogue):
            holders = find_holders(doc, clause, cue, unit, ents, lexicon)
            fallback = candidates and not holders
            if fallback:  # the clause's subject, for the scorer to judge
                holders = clause_subject_holders(clause, unit, ents)
            for holder, how, forced in holders:
                stance, why = (
                    (forced, f"speech noun ({SCALE[forced]})")
                    if forced is not None
                    else (stance_, why_)
                )
                if stance is None and not candidates:
                    continue
                into = found if stance is not None and not fallback else extra
                codes = unit_codes | ({holder["country_code"]} if holder.get("country_code")
                                      else set())  # fmt: skip
                if into is extra and not holder.get("country_code"):
                    continue
                if own is not None and own[2]:
                    topics = [(own[0], own[2])]
                elif stance is None:  # no cue: only topics the clause names
                    topics = [(t, trig) for t, trig in topics_of(clause, catalogue, codes)
                              if trig != "prototype"]  # fmt: skip
                else:
                    skip = own[0].id if own is not None else None
                    topics = _clause_topics(
                        clauses, k, cue, why, codes, catalogue, unit_topics, skip
                    )
                plain_holder = how.startswith("subject") or (
                    how == "speaker" and (unit.quote or {}).get("kind") == "indirect"
                )  # "Warsaw backs that line"; "The White House welcomed the offer" (reported)
                if not (plain_holder and why.startswith(_TITLE_CUES) and _refers_back(cue)):
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
                    rec = into[key] = _record(doc, clause, unit, holder, how, topic.id, value,
                                              f"{rule}{contrast} · holder: {how} · topic: "
                                              f"{trigger}", named)  # fmt: skip
                    if candidates:
                        contexts[id(rec)] = Context(clause, k, len(clauses), cue, why, how,
                                                    trigger, topic, len(topics), unit_codes,
                                                    unit.quote, holder.get("kind"))  # fmt: skip
    out = list(found.values())
    out += [rec for key, rec in extra.items() if key not in found]
    if candidates:
        ruled = {id(rec) for rec in found.values()}
        for rec in out:
            rec["features"] = statement_features(rec, contexts[id(rec)])
            rec["by_rules"] = id(rec) in ruled
    return out


def _readings(clause: list[Token], lexicon: Lexicon, catalogue: Catalogue) -> list[tuple]:
    """(stance, rule, cue, topic phrase) readings of a clause. A topic's own stance phrase ("as
    soon as a ceasefire holds") decides that topic; a general cue in the same clause ("ready to
    deploy a company within days of a truce") still speaks for the other topics."""
    stance, why, cue = _stance(clause, lexicon)
    own = topic_stance(clause, catalogue)
    if own is None:
        return [(stance, why, cue, None)]
    labels = {label: value for value, label in SCALE.items()}
    out = [(labels[own[1]], f"{own[0].id} phrase '{own[2]}'", own[3], own)]
    phrase = {t.i for t in own[3].subtree}
    general = why.startswith(("readiness cue", "refusal cue", "hedge", "undecided cue")) or (
        why.startswith("negated") and cue is not None and cue.lower_ not in _DEMANDS
    )  # "will not send soldiers until a peace accord" is on troops; "should not begin before …" not
    if general and cue is not None and cue.i not in phrase:  # not "should not begin before …"
        out.append((stance, why, cue, (own[0], own[1], "")))  # the other topics
    return out


def _clause_topics(clauses: list[list[Token]], k: int, cue: Token | None, why: str,
                   codes: set[str], catalogue: Catalogue, unit_topics: list,
                   skip: str | None) -> list[tuple]:  # fmt: skip
    """Topics of clause ``k``: its triggers nearest the cue, else borrowed from the clauses before
    it or (for the last clause) from the unit or paragraph; never the topic ``skip``."""
    clause = clauses[k]
    found_topics = [x for x in topics_of(clause, catalogue, codes, with_positions=True)
                    if x[0].id != skip]  # fmt: skip
    condition = _condition_span(clause, cue, why)
    rest = [t for c in clauses for t in c if t.i not in condition]
    outside = topics_of(rest, catalogue, codes) if condition else []
    if outside:  # "contribute ships only under a mandate", "send medics provided the mandate …":
        # the condition names the price asked, not the position offered (unless nothing else does)
        found_topics = [(t, trig, [i for i in where if i not in condition])
                        for t, trig, where in found_topics]  # fmt: skip
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


def _condition_span(clause: list[Token], cue: Token | None, why: str) -> set[int]:
    """Token indices of the condition in a conditional clause: the phrase under "only under"
    ("contribute ships only under a mandate"), or the words from the condition marker ("if",
    "provided", "without", "until") to the next comma or the clause's end."""
    if cue is None or not why.startswith(("condition", "negated until")):
        return set()
    marker = cue.head if cue.dep_ == "advmod" else cue  # "only" -> "under"
    if why.startswith("condition") and marker.dep_ == "prep":
        return {t.i for t in marker.subtree}
    out: set[int] = set()
    for k, tok in enumerate(clause):
        if tok.lower_ in _CONDITION_WORDS:
            for t in clause[k:]:
                if t.text in (",", ";", ":") or (t.text in ("—", "–") and t.i > tok.i + 1):
                    break
                out.add(t.i)
            break
    return out


def _qualify(found: dict, holder: str, why: str) -> None:
    """A condition after a contrast qualifies the holder's support in the clauses before it."""
    for (h, _), rec in found.items():
        if h == holder and rec["stance"] == 1.0:
            rec.update(stance=0.5, label=SCALE[0.5], rule=f"{rec['rule']} · qualified by {why}")


def _stance(clause: list[Token], lexicon: Lexicon) -> tuple[float | None, str, Token | None]:
    """Stance of a clause, the rule that gave it and the cue token (None, "", None without one)."""
    hits = _longest_hits(clause, lexicon)
    inside = {t.i for t in clause}

    def negated(i: int) -> bool:
        tok = clause[i]
        window = clause[max(0, i - 3) : i]
        head = tok.head if tok.head.i in inside else tok  # "while X supported …, it was not …"
        if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass"):  # "an offer Ottawa has not
            head = tok  # yet announced" is still an offer; "no offer was made" is none
        return (
            any(c.dep_ == "neg" for c in head.children)
            or any(t.lower_ in lexicon.negation for t in window)
            or _none_of(tok)
        )

    rules = [("undecided", None, 0.0, "undecided cue"), ("oppose", False, -1.0, "refusal cue"),
             ("support", True, -1.0, "negated"), ("support_weak", True, -1.0, "negated"),
             ("sceptical", None, -0.5, "hedge"), ("conditional", None, 0.5, "condition"),
             ("support", False, 1.0, "readiness cue"), ("support_weak", False, 1.0, "weak cue"),
             ("oppose", True, 0.5, "negated refusal")]  # fmt: skip
    if any(p.startswith(_STRICT) or (i > 0 and clause[i - 1].lower_ == "only")
           for i, _, p in hits["conditional"]):  # fmt: skip
        # "would consider it only if …" is a condition; "if asked, would consider it" is not
        rules = rules[1:] + rules[:1]
    for cat, neg, stance, name in rules:
        for i, _, phrase in hits[cat]:
            if in_question(clause[i]):
                continue
            if cat == "conditional" and _idle_premise(clause, i, hits):
                continue
            if neg is None or negated(i) == neg:
                cue = clause[i]
                if name == "negated" and _held_back(cue):  # "will not send troops until …"
                    return 0.5, f"negated until '{phrase}'", cue
                if cat == "conditional":  # "Stockholm would commit … only if the US agreed …"
                    cue = _conditioned(cue)
                return stance, f"{name} '{phrase}'", cue
    return None, "", None


def _refers_back(cue: Token | None) -> bool:
    """A verb or adjective cue whose objects, if any, point back ("backs that line", "welcomed
    the offer", "has kept its own counsel"), not at something else ("offered his insights", "has
    not decided what his strategy will be"): only then may a clause take the title's topic. A bare
    infinitive counts as pointing back ("declined to contribute")."""
    if cue is None:
        return False
    verb = cue.head if cue.dep_ in ("aux", "auxpass", "neg") else cue  # "has not decided"
    if verb.pos_ in ("NOUN", "PROPN"):
        return False
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and _refers_back(c):
            continue  # "declined to contribute", "is ready to help"
        if c.dep_ in ("ccomp", "xcomp"):
            return False
        objects = [c] if c.dep_ in ("dobj", "attr", "oprd") else []
        if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS:  # "cautioned against the potential …"
            objects = [o for o in c.children if o.dep_ == "pobj"]
        if not all(_anaphor(o) for o in objects):
            return False
    return True


def _anaphor(noun: Token) -> bool:
    """ "it", "that line", "the offer": a short phrase pointing back, not a description of its own
    ("something different", "his insights", "the potential for a partnership")."""
    if noun.lower_ in _ANAPHORIC:
        return True
    if noun.pos_ == "PRON" or any(c.dep_ in ("prep", "relcl", "acl") for c in noun.children):
        return False
    return bool({d.lower_ for d in noun.children if d.dep_ in ("det", "poss")} & _ANAPHORIC)


def _none_of(tok: Token) -> bool:
    """The cue's subject or object is "no …" ("no personnel would be sent", "would supply no
    weapons")."""
    verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
    return any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj")
        and any(d.dep_ == "det" and d.lower_ in _NONE_WORDS for d in c.children)
        for c in verb.children
    )


def _idle_premise(clause: list[Token], i: int, hits: dict) -> bool:
    """A bare "if" or "unless" whose clause offers nothing on its condition ("If the force
    arrives a year later, it arrives to an empty room"): a hypothetical, not a conditional
    position. The offer may be a readiness cue outside the premise or one it hangs on."""
    marker = clause[i]
    if marker.lower_ not in _BARE_CONDITIONS or (i > 0 and clause[i - 1].lower_ == "only"):
        return False
    premise = {t.i for t in marker.head.subtree} if marker.dep_ == "mark" else {marker.i}
    offers = [clause[j] for cat in ("support", "support_weak") for j, _, _ in hits[cat]]
    return not any(t.i not in premise for t in offers)


def _longest_hits(clause: list[Token], lexicon: Lexicon) -> dict[str, list[tuple[int, int, str]]]:
    """Cue matches per category; where matches of different categories overlap, the longest
    wins ("refused to rule out" is no refusal, "declined to say whether" no decline), and the
    `ignore` phrases only take words away."""
    index = word_index(clause)
    found = [(lo, hi, phrase, cat) for cat, entries in lexicon.categories.items()
             for lo, hi, phrase in find_phrases(clause, entries, index)]  # fmt: skip
    hits: dict[str, list[tuple[int, int, str]]] = {cat: [] for cat in lexicon.categories}
    for lo, hi, phrase, cat in found:
        longer = any(h - lo_ > hi - lo and lo_ < hi and lo < h for lo_, h, _, _ in found)
        if longer or (hi - lo == 1 and _other_sense(clause[lo], cat)):
            continue
        hits[cat].append((lo, hi, phrase))
    hits.pop("ignore", None)
    return {cat: sorted(h) for cat, h in hits.items()}


def _other_sense(tok: Token, cat: str = "") -> bool:
    """A one-word cue used as a preposition or particle, or "back" as in "back from Washington";
    an undecided verb with a judgement as complement ("considers the debate premature"); a bare
    modal ("will", "would") whose verb has no actor as subject ("soldiers scattered across
    Ukraine will not frighten the Kremlin" is no refusal; "Norwegian frigates would patrol" and
    "Estonia will put a company at the force's disposal" are commitments); a participle describing
    a noun ("the proposed force"); a noun that is a circumstance ("regardless of the threat of a
    veto")."""
    if cat == "undecided" and any(c.dep_ in ("ccomp", "oprd") for c in tok.children):
        return True
    if cat == "support_weak" and tok.lower_ in _MODALS:
        return not _actor_subject(tok.head)
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):  # "the proposed force" is no proposal
        return True
    if tok.pos_ == "NOUN" and _aside(tok):
        return True
    return tok.pos_ in _NOT_CUE_POS or (tok.pos_ == "ADV" and tok.lower_ in _DIRECTIONS)


def _aside(noun: Token) -> bool:
    """A noun under "despite", "regardless of", "without" or "amid" ("put it to a vote regardless of
    the threat of a veto", "without that American commitment, the answer remains no"), or the
    object of a verb's preposition ("stopped short of a veto", "gave no answer to the condition"),
    is a circumstance, not a position its clause's subject takes."""
    tok = noun
    for _ in range(4):
        if tok.dep_ not in ("pobj", "prep", "advmod", "pcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lower_ in _ASIDE or (
            noun.dep_ == "pobj" and tok.i == noun.head.i and tok.head.pos_ in ("VERB", "AUX")
        ):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _held_back(cue: Token) -> bool:
    """A refusal that lasts only until something happens ("will not send soldiers until a peace
    accord is signed", "will not put soldiers under its command without a UN resolution")."""
    verb = cue.head if cue.dep_ in ("aux", "xcomp") and cue.head.i != cue.i else cue
    for tok in (verb, cue):
        for c in tok.children:
            if c.lower_ in _UNTIL and c.dep_ in ("prep", "mark"):
                return True
            if c.dep_ == "advcl" and any(
                m.lower_ in _UNTIL for m in c.children if m.dep_ == "mark"
            ):
                return True
    return False


def _actor_subject(verb: Token) -> bool:
    """The verb's subject is a name, a personal pronoun, or a noun owned or modified by a name or
    demonym ("its brigades", "British troops")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.pos_ in ("PROPN", "PRON"):
        return subj.lower_ not in _NOT_ACTOR_PRONOUNS
    return any(
        c.dep_ == "poss"
        or (
            c.dep_ in ("amod", "compound")
            and c.pos_ in ("PROPN", "ADJ")
            and c.text[:1].isupper()
            and not c.is_sent_start
        )
        for c in subj.children
    )


def _conditioned(marker: Token) -> Token:
    """The verb a condition ("if", "only if", "unless") attaches to: its holder holds the stance."""
    tok = marker
    for _ in range(4):
        if tok.dep_ == "advcl":
            return tok.head
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return marker


def _codes_in(tokens: list[Token], ents) -> set[str]:
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {e["country_code"] for e in ents if lo <= e["start_char"] < hi and e.get("country_code")}


def _speaker_codes(unit: _Unit) -> set[str]:
    code = unit.quote.get("speaker_country") if unit.quote else None
    return {code} if code else set()


def _record(doc, clause, unit: _Unit, holder: dict, how: str, topic: str, stance: float, rule: str,
            by_trigger: bool) -> dict:  # fmt: skip
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
        "actor": holder["canonical"], "country_code": holder.get("country_code"),
        "role_class": role, "topic": topic, "stance": stance, "label": SCALE.get(stance),
        "confidence": round(min(confidence, 0.95), 2), "voiced_by": voice,
        "attribution": attribution, "evidence": text[start:end], "start_char": start,
        "end_char": end, "quote_start": quote["start_char"] if quote else None,
        "quote_end": quote["end_char"] if quote else None, "rule": rule, "origin": "model",
    }  # fmt: skip
