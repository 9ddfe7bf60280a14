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

from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from .datafiles import default_data_path, read_data
from .structure import Block
from .topics import Catalogue, find_phrases, phrases, topic_stance, topics_of

SCALE = {1.0: "support", 0.5: "conditional", 0.0: "neutral", -0.5: "sceptical", -1.0: "oppose"}
_ACTOR_KINDS = ("person", "country", "organisation")
_SELF_WORDS = {"i", "we", "my", "our", "us", "me"}
_RELATIVE = {"which", "who", "that"}
_WEAK_ARCS = 4
_NOT_CUE_POS = {"ADP", "PART", "DET"}
_CONDITION_MARKS = {"if", "unless", "provided", "providing", "once", "until"}
_DIRECTIONS = {"back", "forward", "ahead", "up", "off", "out"}
_DEONTIC = {"should", "must", "need", "needs", "ought"}
_PLAIN_CUES = {"said", "says", "say", "told", "tells", "added", "adds", "stated", "according to"}


@dataclass
class Lexicon:
    categories: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    negation: set[str] = field(default_factory=set)
    reporting: set[str] = field(default_factory=set)  # verbs whose subject owns a "should" below
    contrast: set[str] = field(default_factory=set)
    speech_nouns: dict[str, str] = field(default_factory=dict)  # noun -> category
    fingerprint: str = ""


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load the stance lexicon (the shipped one unless ``path`` is given)."""
    data, fingerprint = read_data(path or default_data_path("stance"))
    names = ("support", "support_weak", "oppose", "sceptical", "conditional", "undecided", "ignore")
    cats = {k: phrases(data.get(k) or []) for k in names}
    nouns = {" ".join(p): cat for cat, words in (data.get("speech_nouns") or {}).items()
             for p in phrases(words)}  # fmt: skip
    return Lexicon(cats, {str(w).lower() for w in data.get("negation") or []},
                   {str(w).lower() for w in data.get("reporting_verbs") or []},
                   {str(w).lower() for w in data.get("contrast") or []}, nouns,
                   fingerprint)  # fmt: skip


@dataclass
class _Unit:
    tokens: list[Token]
    quote: dict | None  # the quote record, or None for narration
    block: int = -1  # the paragraph the unit starts in


def extract_stances(doc: Doc, blocks: list[Block], entities: list[dict], quotes: list[dict],
                    lexicon: Lexicon, catalogue: Catalogue) -> list[dict]:  # fmt: skip
    """Stance statements of one article (offsets index ``doc.text``; quote offsets name quotes)."""
    ents = sorted((e for e in entities if e["kind"] in _ACTOR_KINDS), key=lambda e: e["start_char"])
    out: list[dict] = []
    block_topics = _block_topics(doc, blocks, ents, catalogue)
    for unit in _units(doc, blocks, quotes):
        try:
            out += _score_unit(doc, unit, ents, lexicon, catalogue, block_topics)
        except Exception:  # an odd parse costs this unit, never the article
            continue
    return out


def _units(doc: Doc, blocks: list[Block], quotes: list[dict]) -> list[_Unit]:
    units = []
    covered: list[tuple[int, int]] = []
    for q in quotes:
        covered.append((q["start_char"], q["end_char"]))
        span = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
        if span is None:
            continue
        lead = _cue_tokens(doc, q) or _before_attribution(doc, q)
        for k, sent in enumerate(span.sents):
            toks = [t for t in sent if q["start_char"] <= t.idx < q["end_char"]]
            if toks:
                units.append(
                    _Unit((lead if k == 0 else []) + toks, q, _block_of(blocks, toks[0].idx))
                )
    skip = [(b.start, b.end) for b in blocks if b.kind in ("title", "heading", "attribution",
                                                            "blockquote")]  # fmt: skip
    for sent in doc.sents:
        if any(s <= sent.start_char < e for s, e in skip):
            continue
        toks = [t for t in sent if not any(s <= t.idx < e for s, e in covered)]
        if any(t.is_alpha for t in toks):
            units.append(_Unit(toks, None, _block_of(blocks, toks[0].idx)))
    return units


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


def _clauses(tokens: list[Token], lexicon: Lexicon) -> list[list[Token]]:
    out: list[list[Token]] = [[]]
    for t in tokens:
        after_punct = bool(out[-1]) and out[-1][-1].is_punct
        splits = t.pos_ in ("CCONJ", "SCONJ") or after_punct  # not "not yet convinced"
        if t.lower_ in lexicon.contrast and out[-1] and splits:
            out.append([])
        out[-1].append(t)
    return [c for c in out if c]


def _block_topics(doc: Doc, blocks: list[Block], ents, catalogue: Catalogue) -> dict[int, list]:
    """Topics of each paragraph, for clauses that take a position without naming its topic
    ("Canada said it was ready to contribute")."""
    out = {}
    for i, b in enumerate(blocks):
        span = doc.char_span(b.start, b.end, alignment_mode="expand")
        if span is not None and b.kind in ("paragraph", "blockquote", "list_item"):
            toks = _main(list(span))
            out[i] = topics_of(toks, catalogue, _codes_in(toks, ents)) if toks else []
    return out


def _score_unit(doc, unit: _Unit, ents, lexicon: Lexicon, catalogue: Catalogue,
                block_topics: dict[int, list]) -> list[dict]:  # fmt: skip
    clauses = _clauses(unit.tokens, lexicon)
    unit_codes = _codes_in(unit.tokens, ents)
    unit_topics = topics_of(unit.tokens, catalogue, unit_codes | _speaker_codes(unit))
    if not unit_topics:
        unit_topics = block_topics.get(unit.block, [])
    found: dict[tuple, dict] = {}
    labels = {label: value for value, label in SCALE.items()}
    for k, clause in enumerate(clauses):
        stance_, why_, cue = _stance(clause, lexicon)
        own = topic_stance(clause, catalogue)  # "as soon as a ceasefire holds" is about timing
        if own is not None:
            stance_, why_, cue = labels[own[1]], f"{own[0].id} phrase '{own[2]}'", own[3]
        for holder, how, forced in _holders(doc, clause, cue, unit, ents, lexicon):
            stance, why = (
                (forced, f"speech noun ({SCALE[forced]})")
                if forced is not None
                else (stance_, why_)
            )
            if stance is None:
                continue
            codes = unit_codes | ({holder["country_code"]} if holder.get("country_code") else set())
            if own is not None:
                topics = [(own[0], own[2])]
            else:
                found_topics = topics_of(clause, catalogue, codes, with_positions=True)
                if why.startswith("weak cue"):  # "who joined the meeting" is no position
                    found_topics = [x for x in found_topics if _within(cue, x[2], _WEAK_ARCS)]
                    topics = _nearest(found_topics, cue)
                else:
                    before = [t for c in clauses[: k + 1] for t in c]  # never from a later clause
                    borrowed = (
                        topics_of(_main(before), catalogue, codes) if k < len(clauses) - 1 else []
                    )
                    borrowed = borrowed or (unit_topics if k == len(clauses) - 1 else [])
                    topics = _nearest(found_topics, cue) or [
                        (t, f"{trig} (sentence)") for t, trig in borrowed
                    ]
            for topic, trigger in topics:
                topic = catalogue.for_holder(topic, holder.get("country_code"))
                key = (holder.get("country_code") or holder["canonical"], topic.id)
                contrast = " after contrast" if k > 0 and key in found else ""
                named = trigger != "prototype" and not trigger.endswith("(sentence)")
                if stance == 0.5 and k > 0:  # "could join the force, but only under a mandate"
                    _qualify(found, key[0], why)
                found[key] = _record(doc, clause, unit, holder, how, topic.id, stance,
                                     f"{why}{contrast} · holder: {how} · topic: {trigger}",
                                     named)  # fmt: skip
    return list(found.values())


def _main(tokens: list[Token]) -> list[Token]:
    """Tokens outside relative and adverbial clauses that have a subject of their own ("Canada,
    whose defence minister was in Washington for talks, said …"): topics are borrowed from these."""

    def aside(t: Token) -> bool:
        for a in [t, *t.ancestors]:
            if a.dep_ in ("relcl", "advcl", "acl") and any(
                c.dep_ in ("nsubj", "nsubjpass", "poss") for c in a.children
            ):
                return True
        return False

    return [t for t in tokens if not aside(t)]


def _qualify(found: dict, holder: str, why: str) -> None:
    """A condition after a contrast qualifies the holder's support in the clauses before it."""
    for (h, _), rec in found.items():
        if h == holder and rec["stance"] == 1.0:
            rec.update(stance=0.5, label=SCALE[0.5], rule=f"{rec['rule']} · qualified by {why}")


def _nearest(found: list, cue: Token | None, slack: int = 3) -> list:
    """Topics whose trigger is nearest the stance cue ("France backs the draft mandate … limit the
    force" is about the mandate); all of them when there is no cue."""
    if cue is None or not found:
        return [(t, trig) for t, trig, _ in found]
    doc = cue.doc
    found = [
        (t, trig, [i for i in where if _same_clause(cue, doc[i])] if where else None)
        for t, trig, where in found
    ]
    found = [x for x in found if x[2] is None or x[2]]  # None: a prototype, no trigger position
    if not found:
        return []
    dist = [
        min(_tree_distance(cue, doc[i]) for i in where) if where else 99 for _, _, where in found
    ]
    best = min(dist)
    kept = [(t, trig, d) for (t, trig, _), d in zip(found, dist, strict=True) if d <= best + slack]
    # a specific topic at least as near the cue replaces the general one it overrides
    replaced = {
        r for t, _, d in kept for r in t.overrides for u, _, e in kept if u.id == r and d <= e
    }
    return [(t, trig) for t, trig, _ in kept if t.id not in replaced]


def _same_clause(cue: Token, tok: Token) -> bool:
    """False when ``tok`` sits in another clause with a subject of its own below the point where it
    meets the cue ("…, as European governments argued over when a force should follow")."""
    above_cue = {t.i for t in [cue, *cue.ancestors]}
    for t in [tok, *tok.ancestors]:
        if t.i in above_cue:
            return True
        if t.dep_ in ("advcl", "relcl", "ccomp", "conj") and any(
            c.dep_ == "nsubj" for c in t.children
        ):
            return False
    return True


def _within(cue: Token, where: list[int], arcs: int) -> bool:
    return any(_tree_distance(cue, cue.doc[i]) <= arcs for i in where)


def _tree_distance(a: Token, b: Token) -> int:
    """Arcs between two tokens in the dependency tree (the subject head "support" is nearer
    "depend" than "mission" inside its modifier)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate(up_b):
        if t.i in index:
            return index[t.i] + k
    return len(up_a) + len(up_b)


def _stance(clause: list[Token], lexicon: Lexicon) -> tuple[float | None, str, Token | None]:
    """Stance of a clause, the rule that gave it and the cue token (None, "", None without one)."""
    hits = {cat: find_phrases(clause, entries) for cat, entries in lexicon.categories.items()}

    def negated(i: int) -> bool:
        tok = clause[i]
        window = clause[max(0, i - 3) : i]
        return any(c.dep_ == "neg" for c in tok.head.children) or any(
            t.lower_ in lexicon.negation for t in window
        )

    ignored = {i for lo, hi, _ in hits.pop("ignore", []) for i in range(lo, hi)}
    hits = {cat: [h for h in found if (h[1] - h[0] > 1 or not _other_sense(clause[h[0]]))
                  and h[0] not in ignored] for cat, found in hits.items()}  # fmt: skip
    rules = [("undecided", None, 0.0, "undecided cue"), ("oppose", False, -1.0, "refusal cue"),
             ("support", True, -1.0, "negated"), ("support_weak", True, -1.0, "negated"),
             ("sceptical", None, -0.5, "hedge"), ("conditional", None, 0.5, "condition"),
             ("support", False, 1.0, "readiness cue"), ("support_weak", False, 1.0, "weak cue"),
             ("oppose", True, 0.5, "negated refusal")]  # fmt: skip
    for cat, neg, stance, name in rules:
        for i, _, phrase in hits[cat]:
            if _in_question(clause[i]):
                continue
            if neg is None or negated(i) == neg:
                cue = clause[i]
                if cat == "conditional":  # "Stockholm would commit … only if the US agreed …"
                    cue = _conditioned(cue)
                return stance, f"{name} '{phrase}'", cue
    return None, "", None


def _other_sense(tok: Token) -> bool:
    """A one-word cue used as a preposition or particle, or "back" as in "back from Washington"."""
    return tok.pos_ in _NOT_CUE_POS or (tok.pos_ == "ADV" and tok.lower_ in _DIRECTIONS)


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


def _holders(doc, clause: list[Token], cue: Token | None, unit: _Unit, ents, lexicon: Lexicon):
    """(holder entity, how it was found, forced stance or None) for a clause."""
    out = []
    ids = {t.i for t in clause}
    for tok in clause:  # "strong affirmations from London and Paris"
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("from", "by"):
            continue
        noun = tok.head.head
        cat = lexicon.speech_nouns.get(noun.lower_) or lexicon.speech_nouns.get(noun.lemma_.lower())
        if cat is None:
            continue
        forced = {"support": 1.0, "oppose": -1.0, "sceptical": -0.5}[cat]
        for t in [tok, *[c for c in tok.subtree if c.dep_ == "conj"]]:
            ent = _entity_at(t, ents)
            if ent is not None and ent.get("country_code"):
                out.append((ent, f"'{noun.text} from {t.text}'", forced))
    if out:
        return out
    subj = _cue_subject(cue, ids) if cue is not None else None
    if subj is not None and _in_condition(subj):
        subj = None  # "only if Kyiv accepts …": Kyiv is the condition, not the holder
    if cue is not None and cue.lower_ in _DEONTIC:
        if unit.quote is not None:
            subj = None  # "The United States must be part of it", said by a Pole: Poland's demand
        else:  # "Strautmane said the EU should tighten sanctions": Strautmane's demand
            subj = _reporter(cue, ids, lexicon) or subj
    holder = _subject_entity(subj, unit, ents) if subj is not None else None
    if holder is None and cue is not None and unit.quote is None:
        subj = _opinion_holder(cue, ids)  # "Madrid considers the debate premature"
        holder = _subject_entity(subj, unit, ents) if subj is not None else None
    if holder is not None:  # the subject of the words that carry the stance
        return [(holder, f"subject '{subj.text}'", None)]
    if unit.quote is not None and unit.quote.get("speaker"):
        q = unit.quote
        speaker = {"canonical": q["speaker"], "country_code": q["speaker_country"],
                   "kind": "person", "role_class": _speaker_role(q, ents)}  # fmt: skip
        return [(speaker, "speaker", None)]
    return []


def _in_condition(tok: Token) -> bool:
    """Inside an if/unless/provided clause."""
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in t.children):
            return True
    return False


def _in_question(tok: Token) -> bool:
    """Under "whether" ("asked whether Polish soldiers would join"): a question, not a position."""
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return False  # the clause has a subject of its own: not inside the question
    return False


def _opinion_holder(cue: Token, ids: set[int]) -> Token | None:
    """The subject of a verb whose complement holds the cue ("Madrid considers [the debate
    premature]"), climbing only through complements."""
    tok = cue
    for _ in range(4):
        if tok.dep_ not in ("ccomp", "xcomp", "oprd", "acomp", "advcl") or tok.head.i not in ids:
            return None
        tok = tok.head
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i in ids), None)
        if subj is not None:
            return subj
    return None


def _reporter(cue: Token, ids: set[int], lexicon: Lexicon) -> Token | None:
    """The subject of a reporting verb above the cue, if any."""
    for tok in cue.ancestors:
        if tok.i not in ids:
            return None
        if tok.lemma_.lower() in lexicon.reporting:
            return next((c for c in tok.children if c.dep_ == "nsubj" and c.i in ids), None)
    return None


def _cue_subject(cue: Token, ids: set[int]) -> Token | None:
    """The subject governing the stance cue ("russia, which opposes", "trump is unlikely to");
    for "it is unlikely that he will agree", the subject of the that-clause."""
    tok, steps = cue, 0
    while steps < 6:
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i in ids:
            if subj.lower_ == "it":
                inner = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                inner_subj = inner and next((c for c in inner.children if c.dep_ == "nsubj"), None)
                return inner_subj if inner_subj is not None and inner_subj.i in ids else None
            return subj
        if tok.head.i == tok.i or tok.head.i not in ids:
            return None
        tok, steps = tok.head, steps + 1
    return None


def _subject_entity(tok: Token, unit: _Unit, ents) -> dict | None:
    low = tok.lower_
    if low in _SELF_WORDS and unit.quote is not None:
        return None  # the speaker: handled by the caller's fallback
    if low in _RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "russia, which opposes …"
    if (
        low in ("he", "she") and unit.quote is not None
    ):  # inside a quote: the last person named in it
        before = [e for e in ents if e["kind"] == "person"
                  and unit.quote["start_char"] <= e["start_char"] < tok.idx]  # fmt: skip
        return before[-1] if before else None
    ent = _entity_at(tok, ents)
    if ent is None:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        inside = [e for e in ents if lo <= e["start_char"] and e["end_char"] <= hi]
        ent = inside[0] if len(inside) == 1 and _heads_phrase(tok, inside[0]) else None
    if ent is None or not (ent.get("country_code") or ent["kind"] == "person"):
        return None
    return ent


_HOLDER_NOUNS = {"official", "officials", "government", "leaders", "leader", "ministers",
                 "diplomats", "spokesperson", "spokesman", "spokeswoman", "officers", "support",
                 "backing", "contribution", "participation", "involvement", "commitment",
                 "position", "decision", "role", "troops", "soldiers", "forces", "envoy",
                 "delegation", "negotiators", "authorities", "administration",
                 "parliament"}  # fmt: skip


def _heads_phrase(tok: Token, ent: dict) -> bool:
    """A country that modifies the subject holds its position ("British officials", "any US
    support would depend on …"); "the absence of U.S. support" is not the U.S.'s position."""
    return tok.lower_ in _HOLDER_NOUNS and ent["start_char"] < tok.idx


def _entity_at(tok: Token, ents) -> dict | None:
    for e in ents:
        if e["start_char"] <= tok.idx < e["end_char"]:
            return e
        if e["start_char"] > tok.idx:
            return None
    return None


def _codes_in(tokens: list[Token], ents) -> set[str]:
    lo, hi = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return {e["country_code"] for e in ents if lo <= e["start_char"] < hi and e.get("country_code")}


def _speaker_codes(unit: _Unit) -> set[str]:
    code = unit.quote.get("speaker_country") if unit.quote else None
    return {code} if code else set()


def _speaker_role(quote: dict, ents) -> str | None:
    people = [e for e in ents if e["canonical"] == quote["speaker"] and e["kind"] == "person"]
    if people:
        return next((e["role_class"] for e in people if e.get("role_class")), None)
    return "government" if quote.get("speaker") else None  # an organisation, seat or government


def _record(doc, clause, unit: _Unit, holder: dict, how: str, topic: str, stance: float, rule: str,
            by_trigger: bool) -> dict:  # fmt: skip
    start, end = clause[0].idx, clause[-1].idx + len(clause[-1])
    while end > start and not doc.text[end - 1].isalnum():
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
        "role_class": role, "topic": topic, "stance": stance, "label": SCALE[stance],
        "confidence": round(min(confidence, 0.95), 2), "voiced_by": voice,
        "attribution": attribution, "evidence": doc.text[start:end], "start_char": start,
        "end_char": end, "quote_start": quote["start_char"] if quote else None,
        "quote_end": quote["end_char"] if quote else None, "rule": rule, "origin": "model",
    }  # fmt: skip
