"""Units of an article that may hold a position: each quote's sentences (voiced by the speaker)
and each narrated sentence outside quotes (voiced by the narrator).

A reported quote keeps its cue ("ruled out" + "a deployment of troops") and a condition after its
attribution; speech reported inside another quote is its own speaker's unit; interview questions
are skipped, and a short answer ("We will not.") is marked with the question it answers.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from workbench.nlp.syntax import is_subject
from workbench.resources.lexicon import Lexicon
from workbench.resources.words import cue_words, stance_words
from workbench.schema import Block

_SHORT_ANSWER = 5  # words


@dataclass
class Unit:
    tokens: list[Token]
    quote: dict | None  # the quote record, or None for narration
    block: int = -1  # the paragraph the unit starts in
    question: list[Token] = field(default_factory=list)  # the question a short answer answers
    polarity: float = 0.0  # 1 yes, -1 no (short answers only)


def build_units(doc: Doc, blocks: list[Block], quotes: list[dict]) -> list[Unit]:
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
            toks = [
                t
                for t in sent
                if q["start_char"] <= t.idx < q["end_char"]
                and not any(s <= t.idx < e for s, e in nested)
            ]
            if k == len(sents) - 1:
                toks += tails[id(q)]
            if toks:
                units.append(
                    Unit((lead if k == 0 else []) + toks, q, block_of(blocks, toks[0].idx))
                )
    skip = [
        (b.start, b.end)
        for b in blocks
        if b.kind in ("title", "heading", "attribution", "blockquote")
    ]
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
            units.append(Unit(toks, None, block_of(blocks, toks[0].idx)))
    return units


def mark_answers(doc: Doc, blocks: list[Block], units: list[Unit], lexicon: Lexicon) -> None:
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
    if not any(t.lower_ in stance_words().span_conditions for t in words):
        return []
    return rest


def _nested(q: dict, quotes: list[dict], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the other quotes (and scored cues) inside quote ``q``: "Warsaw has been honest
    with us. They told us they will do logistics", in an interview answer, is Warsaw's word."""
    lo, hi = q["start_char"], q["end_char"]
    inner = [
        (r["start_char"], r["end_char"])
        for r in quotes
        if r is not q
        and lo <= r["start_char"]
        and r["end_char"] <= hi
        and (r["end_char"] - r["start_char"]) < hi - lo
    ]
    cues = [(s, e) for s, e in covered if lo <= s and e <= hi and (s, e) != (lo, hi)]
    return inner + cues if inner else []


def _before_attribution(doc: Doc, q: dict) -> list[Token]:
    """ "Germany, he added, has still not made up its mind": the words before a mid-sentence
    attribution are the reported clause's subject."""
    if q.get("kind") != "indirect" or q.get("cue_start") is None:
        return []
    attribution = min(
        q["cue_start"], q["speaker_start"] if q.get("speaker_start") is not None else q["cue_start"]
    )
    if attribution >= q["start_char"]:
        return []
    sent = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
    if sent is None:
        return []
    sent = sent[0].sent
    prefix = [t for t in sent if t.idx < attribution and not (t.is_punct or t.is_space)]
    owns = any(t.dep_ == "nsubj" and q["start_char"] <= t.head.idx < q["end_char"] for t in prefix)
    return prefix if owns else []


def _cue_tokens(doc: Doc, q: dict) -> list[Token]:
    """A reported quote's cue, scored with its content ("ruled out" + "a deployment of troops"),
    with the negation and auxiliaries before it ("did not rule out")."""
    if q.get("kind") != "indirect" or q.get("cue_start") is None or q["cue_end"] > q["start_char"]:
        return []
    if q["cue"].lower() in cue_words().plain_cues:  # "said" adds nothing to the evidence
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


def block_of(blocks: list[Block], char: int) -> int:
    return next((i for i, b in enumerate(blocks) if b.start <= char < b.end), -1)


def with_country(doc: Doc, q: dict, blocks: list[Block], ents) -> dict:
    """A speaker whose title names no country ("Defence Minister Kaarel Ilves", after "Estonia
    will put a company …" in the same paragraph) speaks for the country named last before the
    speaker in the paragraph, a subject first ("The Commission … tabled a loan for Ukraine, and
    its chief spokesman, Rafael Montoya, said" is the Commission's spokesman). Only the stance
    holder uses this; the quote record is unchanged."""
    if not q.get("speaker") or q.get("speaker_country"):
        return q
    at = q["speaker_start"] if q.get("speaker_start") is not None else q["start_char"]
    block = block_of(blocks, at)
    if block < 0:
        return q
    lo = blocks[block].start
    named = [
        e
        for e in ents
        if lo <= e["start_char"] < at
        and e.get("country_code")
        and e["kind"] in ("country", "organisation")
    ]
    subjects = [e for e in named if is_subject(doc, e)]
    named = subjects or named
    return {**q, "speaker_country": named[-1]["country_code"]} if named else q
