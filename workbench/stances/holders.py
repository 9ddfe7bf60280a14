"""Who holds a position: the subject governing its cue, a speech noun's holders, or the speaker
(with a joint statement's co-speakers: "The leaders discussed …" is every leader's position).

The holder is not always the voice. "russia, which opposes the deployment" is Russia's position;
"President trump is unlikely to provide such assurances" is Trump's (USA); "it is unlikely that he
will agree", inside a Ukrainian MP's quote, is Trump's, reported; "strong affirmations from London
and Paris" give both capitals' governments a position. A demand ("the EU should …") belongs to
whoever voices it; the subject of a condition ("only if Kyiv accepts") is not the holder.
"""

from __future__ import annotations

from spacy.tokens import Token

from workbench.nlp.syntax import entity_root, in_question, is_dateline, is_subject, subject, undated
from workbench.resources.lexicon import Lexicon
from workbench.resources.words import cue_words, stance_words
from workbench.schema import LABELS
from workbench.stances.units import Unit

_SELF_WORDS = {"i", "we", "my", "our", "us", "me"}
_RELATIVE = {"which", "who", "that"}
_COREF_WINDOW = 400  # characters back to look for the antecedent
_QUANTIFIERS = {"none", "all", "some", "each", "both", "most", "many", "few"}  # "… and none will"


def find_holders(doc, clause: list[Token], cue: Token | None, unit: Unit, ents, lexicon: Lexicon):
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
        forced = LABELS[cat]  # a speech noun's category is a label
        for t in [tok, *[c for c in tok.subtree if c.dep_ == "conj"]]:
            ent = _entity_at(t, ents)
            if ent is not None and ent.get("country_code"):
                out.append((ent, f"'{noun.text} from {t.text}'", forced))
    if out:
        return out
    subj = _cue_subject(cue, ids) if cue is not None else None
    if subj is not None and _in_condition(subj):
        subj = None  # "only if Kyiv accepts …": Kyiv is the condition, not the holder
    if cue is not None and _deontic(cue):
        if unit.quote is not None:
            subj = None  # "The United States must be part of it", said by a Pole: Poland's demand
        else:  # "Strautmane said the EU should tighten sanctions": Strautmane's demand
            subj = _reporter(cue, ids) or subj
    holder = _subject_entity(subj, unit, ents) if subj is not None else None
    if holder is None and cue is not None and unit.quote is None:
        subj = _opinion_holder(cue, ids)  # "Madrid considers the debate premature"
        holder = _subject_entity(subj, unit, ents) if subj is not None else None
    if holder is not None:  # the subject of the words that carry the stance
        more = [_subject_entity(c, unit, ents) for c in subj.conjuncts]  # "Paris and London"
        return [(h, f"subject '{subj.text}'", None) for h in [holder, *more] if h is not None]
    if subj is not None and subj.lower_ in stance_words().coref_nouns:
        found = _antecedents(subj, ents)
        if found:
            return [(h, f"antecedent of '{subj.text}'", None) for h in found]
    if unit.quote is not None and unit.quote.get("speaker"):
        q = unit.quote
        speaker = {
            "canonical": q["speaker"],
            "country_code": q["speaker_country"],
            "kind": "person",
            "role_class": _speaker_role(q, ents),
        }
        return [(speaker, "speaker", None), *_co_speakers(q, ents)]
    return []


def _co_speakers(quote: dict, ents) -> list[tuple[dict, str, None]]:
    """The other speakers of a joint statement ("The leaders discussed …": ``co_speakers``), each
    with the country the article gives them; one per country, none for the speaker's own."""
    seen = {quote.get("speaker_country")}
    out = []
    for name in (quote.get("co_speakers") or "").split("; "):
        ent = next((e for e in ents if e["canonical"] == name and e["kind"] == "person"), None)
        code = ent.get("country_code") if ent is not None else None
        if code and code not in seen:
            seen.add(code)
            holder = {"canonical": name, "country_code": code, "kind": "person"}
            holder["role_class"] = ent.get("role_class")
            out.append((holder, "speaker", None))
    return out


def _deontic(cue: Token) -> bool:
    """A demand: the cue is "should"/"must", or governed by one ("the EU should be ready to lift
    sanctions" is the demand of whoever voices it, not the EU's position)."""
    demand = stance_words().demand_modals
    if cue.lower_ in demand:
        return True
    verb = cue.head if cue.dep_ in ("acomp", "xcomp", "amod") else cue
    return any(c.dep_ == "aux" and c.lower_ in demand for c in verb.children)


def _in_condition(tok: Token) -> bool:
    """Inside an if/unless/provided clause."""
    for t in [tok, *tok.ancestors]:
        if any(
            c.dep_ == "mark" and c.lower_ in stance_words().holder_conditions for c in t.children
        ):
            return True
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


def _reporter(cue: Token, ids: set[int]) -> Token | None:
    """The subject of a reporting verb above the cue, if any."""
    for tok in cue.ancestors:
        if tok.i not in ids:
            return None
        if tok.lemma_.lower() in cue_words().demand_reporting:
            return next((c for c in tok.children if c.dep_ == "nsubj" and c.i in ids), None)
    return None


def _cue_subject(cue: Token, ids: set[int]) -> Token | None:
    """The subject governing the stance cue ("russia, which opposes", "trump is unlikely to");
    for "it is unlikely that he will agree", the subject of the that-clause."""
    tok, steps = cue, 0
    while steps < 6:
        subj = subject(tok)
        if subj is not None and subj.i in ids:
            if subj.lower_ == "it" and tok.dep_ == "relcl":
                return subj  # "the sappers it trains": resolved by _subject_entity
            if subj.lower_ == "it":
                inner = next((c for c in tok.children if c.dep_ == "ccomp"), None)
                inner_subj = inner and next((c for c in inner.children if c.dep_ == "nsubj"), None)
                return inner_subj if inner_subj is not None and inner_subj.i in ids else None
            return subj
        if tok.head.i == tok.i or tok.head.i not in ids:
            return None
        tok, steps = tok.head, steps + 1
    return None


def _subject_entity(tok: Token, unit: Unit, ents) -> dict | None:
    low = tok.lower_
    if is_dateline(tok):
        return None  # "LONDON — Leaders … ended a summit": the place it was filed from
    if low in _SELF_WORDS and unit.quote is not None:
        return None  # the speaker: handled by the caller's fallback
    if low in _RELATIVE and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "russia, which opposes …"
    if (
        low in ("he", "she") and unit.quote is not None
    ):  # inside a quote: the last person named in it
        before = [
            e
            for e in ents
            if e["kind"] == "person" and unit.quote["start_char"] <= e["start_char"] < tok.idx
        ]
        return before[-1] if before else None
    if low == "it" and tok.head.dep_ == "relcl":  # "the sappers it trains"
        owner = next(
            (
                c
                for a in tok.head.ancestors
                for c in a.children
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i
            ),
            None,
        )
        return _subject_entity(owner, unit, ents) if owner is not None else None
    if low in stance_words().country_nouns:
        return _country_noun(tok, ents)
    if low in _QUANTIFIERS and tok.head.dep_ == "conj":  # "Its soldiers are for its own border,
        first = tok.head.head  # and none will be sent": the soldiers of the first verb
        subj = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return _subject_entity(subj, unit, ents) if subj is not None and subj.i < tok.i else None
    ent = _entity_at(tok, ents)
    if ent is not None and not ent.get("country_code") and ent["kind"] == "organisation":
        ent = None  # "Russia's defence ministry": an uncoded ministry takes its phrase's country
    if (
        ent is None
        and unit.quote is None
        and low in stance_words().holder_nouns
        and any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children)
    ):  # narrated "Its soldiers …": the country named last before (not "its job", "its sanctions")
        ent = _owner(tok, ents)
    if ent is None:  # "Hungary's foreign minister, Gábor Szentesi, …": the person named beside
        named = (_entity_at(c, ents) for c in tok.children if c.dep_ == "appos")
        ent = next((e for e in named if e is not None and e["kind"] == "person"), None)
    if ent is None:
        lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        inside = [
            e
            for e in ents
            if lo <= e["start_char"]
            and e["end_char"] <= hi
            and (e.get("country_code") or e["kind"] == "person")
        ]
        ent = inside[0] if len(inside) == 1 and _heads_phrase(tok, inside[0]) else None
    if ent is None or not (ent.get("country_code") or ent["kind"] == "person"):
        return None
    return ent


def _owner(tok: Token, ents) -> dict | None:
    """The country or organisation an "its" stands for: among those named before it within a
    short window (none that describes a thing, as "Russian tankers"), the last one that is a
    subject ("The Netherlands will fly instructors to Romania, its defence ministry said"), else
    the last one."""
    named = [e for e in _named_before(tok, ents) if not _describes_thing(tok.doc, e)]
    return next((e for e in named if is_subject(tok.doc, e)), named[0] if named else None)


def _named_before(tok: Token, ents):
    """The country-coded countries and organisations named before ``tok`` within
    ``_COREF_WINDOW`` characters, nearest first (``ents`` is in text order)."""
    for e in reversed(ents):
        if e["start_char"] >= tok.idx:
            continue
        if e["start_char"] < tok.idx - _COREF_WINDOW:
            return
        if e.get("country_code") and e["kind"] in ("country", "organisation"):
            yield e


def _country_noun(tok: Token, ents) -> dict | None:
    """ "The Baltic state", "the Nordic country", "the country": the country named last before it,
    within a short window. Not "a neutral state", nor "member states"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    return next((e for e in _named_before(tok, ents) if e["kind"] == "country"), None)


def _antecedents(tok: Token, ents) -> list[dict]:
    """The government a bare "the administration" or "both governments" stands for: the nearest
    country-coded actor before it (the two nearest for "both"/"two"), within a short window."""
    if any(c.lower_ in ("his", "her", "its", "their") or c.dep_ == "poss" for c in tok.children):
        return []  # "his government" is the speaker's: the caller's fallback
    if any(c.dep_ in ("amod", "compound") for c in tok.children):
        return []  # "European governments" are not the last one named
    want = 2 if any(c.lower_ in ("both", "two") for c in tok.children) else 1
    out: list[dict] = []
    for e in _named_before(tok, ents):
        if _describes_thing(tok.doc, e):  # "Russian tankers" are no government
            continue
        if all(o["country_code"] != e["country_code"] for o in out):
            out.append(e)
        if len(out) == want:
            return out
    return []


def _describes_thing(doc, ent: dict) -> bool:
    """A demonym or name modifying a noun that is no actor ("Russian tankers", "Ukrainian soil")."""
    root = entity_root(doc, ent)
    return (
        root is not None
        and root.dep_ in ("amod", "compound")
        and (root.head.lower_ not in stance_words().holder_nouns)
    )


def _heads_phrase(tok: Token, ent: dict) -> bool:
    """A country that modifies the subject holds its position ("British officials", "any US
    support would depend on …"); "the absence of U.S. support" is not the U.S.'s position."""
    return tok.lower_ in stance_words().holder_nouns and ent["start_char"] < tok.idx


def _entity_at(tok: Token, ents) -> dict | None:
    for e in ents:
        if e["start_char"] <= tok.idx < e["end_char"]:
            return e
        if e["start_char"] > tok.idx:
            return None
    return None


def _speaker_role(quote: dict, ents) -> str | None:
    people = [e for e in ents if e["canonical"] == quote["speaker"] and e["kind"] == "person"]
    if people:
        return next((e["role_class"] for e in people if e.get("role_class")), None)
    return "government" if quote.get("speaker") else None  # an organisation, seat or government


def clause_subject_holders(clause: list[Token], unit: Unit, ents) -> list[tuple[dict, str, None]]:
    """Candidate holders of a clause without a stance cue, for the learned scorer: the actor that
    is the subject of one of the clause's main verbs ("Bulgaria keeps its frigates in port"), or
    the government a bare "the ministry" stands for; inside a quote, the caller uses the speaker."""
    ids = {t.i for t in clause}
    out: list[tuple[dict, str, None]] = []
    for root in (t for t in clause if t.head.i not in ids or t.head.i == t.i):
        subjects = (undated(c) for c in root.children if c.dep_ in ("nsubj", "nsubjpass"))
        for subj in (c for c in subjects if c is not None and c.i in ids):
            if _in_condition(subj) or in_question(subj):
                continue
            found = [_subject_entity(s, unit, ents) for s in [subj, *subj.conjuncts]]
            out += [(h, f"clause subject '{subj.text}'", None) for h in found if h is not None]
            if not found[0] and subj.lower_ in stance_words().coref_nouns:
                out += [(h, f"antecedent of '{subj.text}'", None) for h in _antecedents(subj, ents)]
    seen: set[str] = set()
    return [x for x in out if not (x[0]["canonical"] in seen or seen.add(x[0]["canonical"]))]
