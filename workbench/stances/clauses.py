"""Reading a clause's position: contrast splits, stance cues, negation, hedges and conditions.

Pure functions over spaCy tokens. ``split_clauses`` cuts a unit at contrast words;
``clause_stance`` finds the strongest cue of a clause in the lexicon (``data/stance.yml``) and
reads it against negation, conditions and the cue's other senses; ``condition_span`` and
``refers_back`` tell the caller which words name a condition and whether a cue points back.
"""

from __future__ import annotations

from spacy.tokens import Token

from workbench.nlp.phrases import find_phrases, word_index
from workbench.nlp.syntax import in_question
from workbench.resources.lexicon import Lexicon
from workbench.resources.words import stance_words
from workbench.stances.trace import NO_CUE, Why

_NOT_CUE_POS = {"ADP", "PART", "DET"}
_DIRECTIONS = {"back", "forward", "ahead", "up", "off", "out"}
_NOT_ACTOR_PRONOUNS = {"that", "which", "this", "what", "who", "there", "everything", "nothing"}
_NONE_WORDS = {"no", "neither"}
_OBJECT_PREPS = {"against", "for", "about", "over", "of"}  # not "by contrast", "on Monday"
_ANAPHORIC = {"the", "that", "this", "these", "those", "it", "its", "their", "them"}


def split_clauses(tokens: list[Token], lexicon: Lexicon) -> list[list[Token]]:
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


def clause_stance(clause: list[Token], lexicon: Lexicon) -> tuple[float | None, Why, Token | None]:
    """Stance of a clause, the rule that gave it and the cue token (None, NO_CUE, None without
    one)."""
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

    rules = list(lexicon.rules)  # in the order `rules` declares them in data/stance.yml
    real = stance_words().real_conditions
    if any(
        p.startswith(real) or (i > 0 and clause[i - 1].lower_ == "only")
        for i, _, p in hits["conditional"]
    ):
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
                    return 0.5, Why("negated until", f"negated until '{phrase}'"), cue
                if cat == "conditional":  # "Stockholm would commit … only if the US agreed …"
                    cue = _conditioned(cue)
                return stance, Why(name, f"{name} '{phrase}'"), cue
    return None, NO_CUE, None


def condition_span(clause: list[Token], cue: Token | None, why: Why) -> set[int]:
    """Token indices of the condition in a conditional clause: the phrase under "only under"
    ("contribute ships only under a mandate"), or the words from the condition marker ("if",
    "provided", "without", "until") to the next comma or the clause's end."""
    if cue is None or why.cls not in ("condition", "negated until"):
        return set()
    marker = cue.head if cue.dep_ == "advmod" else cue  # "only" -> "under"
    if why.cls == "condition" and marker.dep_ == "prep":
        return {t.i for t in marker.subtree}
    out: set[int] = set()
    for k, tok in enumerate(clause):
        if tok.lower_ in stance_words().span_conditions:
            for t in clause[k:]:
                if t.text in (",", ";", ":") or (t.text in ("—", "–") and t.i > tok.i + 1):
                    break
                out.add(t.i)
            break
    return out


def refers_back(cue: Token | None) -> bool:
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
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and refers_back(c):
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
    if marker.lower_ not in stance_words().bare_conditions or (
        i > 0 and clause[i - 1].lower_ == "only"
    ):
        return False
    premise = {t.i for t in marker.head.subtree} if marker.dep_ == "mark" else {marker.i}
    offers = [clause[j] for cat in ("support", "support_weak") for j, _, _ in hits[cat]]
    return not any(t.i not in premise for t in offers)


def _longest_hits(clause: list[Token], lexicon: Lexicon) -> dict[str, list[tuple[int, int, str]]]:
    """Cue matches per category; where matches of different categories overlap, the longest
    wins ("refused to rule out" is no refusal, "declined to say whether" no decline), and the
    `ignore` phrases only take words away."""
    index = word_index(clause)
    found = [
        (lo, hi, phrase, cat)
        for cat, entries in lexicon.categories.items()
        for lo, hi, phrase in find_phrases(clause, entries, index)
    ]
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
    if cat == "support_weak" and tok.lower_ in stance_words().actor_modals:
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
        if tok.lower_ == "as":  # "would regard any deployment as a threat" is a judgement
            return False
        if tok.lower_ in stance_words().circumstance_words or (
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
    until = stance_words().until_words
    for tok in (verb, cue):
        for c in tok.children:
            if c.lower_ in until and c.dep_ in ("prep", "mark"):
                return True
            if c.dep_ == "advcl" and any(m.lower_ in until for m in c.children if m.dep_ == "mark"):
                return True
    return False


def _actor_subject(verb: Token) -> bool:
    """The verb's subject (or, for a second verb sharing it, its first verb's) is a name, a
    personal pronoun, or a noun owned or modified by a name or demonym ("its brigades", "British
    troops")."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and verb.dep_ == "conj" and verb.head.i != verb.i:  # "saw … and would not let"
        return _actor_subject(verb.head)
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
            and (not c.is_sent_start or c.ent_type_ in ("NORP", "GPE"))  # "Austrian soldiers …"
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
