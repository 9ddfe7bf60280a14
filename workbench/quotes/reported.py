"""Reported (indirect) speech: a cue verb with a speaker subject and the content it reports.

"X indicated that …", "X believes …", "X called for …", "…, the minister said.",
"The force, she said, would be ready", "according to X, …", and "X outlined four objectives:"
followed by a list. The content is what is reported: after the cue (and "that", and a person object
as in "told reporters that"), to the end of the sentence or to a second reporting verb of the same
subject ("acknowledged X but emphasized Y" gives two statements).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from workbench.nlp.model import text_of
from workbench.nlp.syntax import subject
from workbench.resources.cues import Cues

_WRITER_TURNS = {"according", "which"}
_CONTENT_PREPS = {"about", "of", "on", "for", "against", "over", "to", "with"}
_TOPIC_PREPS = {"about", "of"}  # "spoke about …", "talked of …" (cues.yml `topic_only`)
_ADDRESSEE_PREPS = {"to", "with", "on"}  # whom or where one speaks, unless its object is a topic
_NAMED = {"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "EVENT"}
_SKIP_DEPS = {"advcl", "xcomp", "acl", "amod", "pcomp", "csubj", "auxpass"}


@dataclass(frozen=True)
class Cue:
    """A cue: its head token and the character span of its words ("pointed out")."""

    token: Token
    start: int
    end: int
    last: int  # index of the cue's last token

    @property
    def text(self) -> str:
        return text_of(self.token.doc)[self.start : self.end]


def match_cue(tok: Token, cues: Cues) -> Cue | None:
    """The cue starting at ``tok`` ("said", "pointed out", "called for", "expressed hope")."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.lower_ == "according"):
        return None
    lemma = tok.lemma_.lower()
    doc = tok.doc
    for rest in sorted(cues.multiword.get(lemma, []), key=len, reverse=True):
        j, ok = tok.i + 1, True
        for word in rest:  # allow one adverb in between ("pointed firmly out" is rare; "also")
            if j < len(doc) and doc[j].pos_ == "ADV" and doc[j].lower_ != word:
                j += 1
            if j >= len(doc) or doc[j].lower_ != word:
                ok = False
                break
            j += 1
        if ok:
            last = doc[j - 1]
            return Cue(tok, tok.idx, last.idx + len(last), j - 1)
    if lemma in cues.speech and lemma not in cues.needs_completion:
        return Cue(tok, tok.idx, tok.idx + len(tok), tok.i)
    return None


def quote_cue(tok: Token, cues: Cues) -> Cue | None:
    """A cue of quoted words: not a verb that reports only a topic (``topic_only``: "“…,” he said,
    speaking to reporters" is the quote of "said")."""
    cue = match_cue(tok, cues)
    return None if cue is None or tok.lemma_.lower() in cues.topic_only else cue


def subject_of(verb: Token, cues: Cues | None = None) -> Token | None:
    """The verb's subject, inherited through coordination ("X acknowledged … but emphasized …").

    With ``cues``, a reporting verb coordinated into the content of another one ("X confirmed that
    Ottawa would send …, but cautioned that …") takes the outer reporting verb's subject."""
    own = subject(verb, ("nsubj",))  # not a dateline ("MOSCOW — The Kremlin said")
    if own is not None or verb.dep_ != "conj":
        return own
    head = verb.head
    if cues is not None and match_cue(head, cues) is None:
        outer = head
        while outer.dep_ in ("ccomp", "conj", "xcomp") and outer.head.i != outer.i:
            outer = outer.head
            if match_cue(outer, cues) is not None:
                return subject_of(outer, cues)
    return subject_of(head, cues)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def passive_report(verb: Token) -> tuple[Token | None, tuple[int, int]] | None:
    """A passive cue: (its agent, the content's token range). "Her move was first reported by the
    Times" reports "Her move", by "the Times"; "It was reported that X", by no one named, reports X.
    Other passives ("Clinton has been asked to …") report nothing."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if said is not None and (agent is not None or (subj is not None and subj.lower_ == "it")):
        start = said.left_edge.i + (said.left_edge.lower_ == "that")
        return agent, (start, said.right_edge.i + 1)
    if agent is not None and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
        return agent, (subj.left_edge.i, subj.right_edge.i + 1)
    return None


def content_span(cue: Cue, sent: Span, cues: Cues) -> tuple[int, int] | None:
    """Token range of what the cue reports, inside ``sent``; None when it reports nothing."""
    verb, doc = cue.token, cue.token.doc
    end = _sentence_end(sent)
    if verb.dep_ == "parataxis" or (verb.dep_ == "ROOT" and _content_before(verb)):
        return _around(cue, sent, end)
    if _as_clause(verb):  # "As the Post reported, the inspector issued subpoenas"
        return _outside(verb, sent, end)
    i = cue.last + 1
    lemma = verb.lemma_.lower()
    topic = lemma in cues.topic_only
    if lemma in cues.person_object:  # "told reporters that …"
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i >= i), None)
        opened = i + 1 if i < end and doc[i].is_quote else i  # told “Morning Brussels” that …
        if obj is not None and obj.left_edge.i in (i, opened):
            i = _object_stop(obj, i)
    while i < end and (doc[i].lower_ in ("that", ",", ":") or doc[i].dep_ == "prt"):
        i += 1
    for child in verb.children:  # stop before a second reporting verb of the same subject
        if child.dep_ == "conj" and child.i > i and match_cue(child, cues) is not None:
            cc = next((c for c in verb.children if c.dep_ == "cc" and i < c.i < child.i), None)
            end = min(end, cc.i if cc is not None else child.left_edge.i)
    for j in range(i + 1, end):  # ", Vassallini said: …": another attribution begins
        if doc[j].dep_ != "ROOT" and match_cue(doc[j], cues) and subject(doc[j], ("nsubj",)):
            if doc[j].head.i != verb.i and not _within(doc[j], verb):
                end = min(end, doc[j].left_edge.i)
                break
    for j in range(i + 1, end - 1):  # "… but insisted that …": a second statement
        nxt = doc[j + 1]
        if (
            doc[j].pos_ == "CCONJ"
            and match_cue(nxt, cues)
            and not any(c.dep_ == "nsubj" for c in nxt.children)
        ):
            end = j
            break
    end = min(end, _clause_end(verb, i, end))
    while end > i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= i:
        return None
    heads = [c for c in verb.children if c.i >= i and (c.dep_ != "prep" or _about(c, topic))]
    kinds = {c.dep_ for c in heads}
    if lemma in cues.clause_only and "ccomp" not in kinds:
        return None  # "continues to be popular", "adding to her lead"
    if topic:  # "spoke on Monday about the border" reports "about the border"; "spoke Hebrew" none
        prep = next((c for c in heads if c.dep_ == "prep"), None)
        return None if prep is None else (prep.i, min(end, prep.right_edge.i + 1))
    wordy = cue.last > verb.i  # "pointed to evidence", "called for talks": the object is content
    if (
        lemma not in cues.object_content
        and not wordy
        and not kinds & {"ccomp", "xcomp", "prep", "oprd"}
        and not _noun_object(verb, i)
    ):
        said_that = doc[i - 1].lower_ == "that" and i - 1 > cue.last  # "told X that …"
        if not said_that and not doc[cue.last + 1 : i].text.strip().lower().startswith("that"):
            return None  # "She said nothing", "He told reporters." report no content
    return i, end


def _object_stop(obj: Token, i: int) -> int:
    """Where a person object that starts at ``i`` ends ("told reporters that …"); a quoted name
    ends at its closing mark, however the parse runs it on ("told “Morning Brussels” that …",
    "told the “Riga Herald” that …")."""
    doc = obj.doc
    stop = obj.right_edge.i + 1
    if any(t.is_quote for t in doc[i : obj.i]):
        close = next((t.i for t in doc[obj.i + 1 : obj.sent.end] if t.is_quote), None)
        if close is not None:
            return close + 1
    return stop


def _noun_object(verb: Token, i: int) -> bool:
    """A noun-phrase object is what was said ("announced his resignation"), not a pronoun."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i >= i), None)
    return obj is not None and obj.pos_ in ("NOUN", "PROPN")


def _as_clause(verb: Token) -> bool:
    """ "As the Post reported, …", "…, as she noted": the sentence around is what was said."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    return (
        verb.dep_ == "advcl"
        and mark is not None
        and _opens_clause(mark)
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children)
    )


def _opens_clause(mark: Token) -> bool:
    """The "as" opens its sentence or follows a comma or "and", not a comparison ("as long as")."""
    before = mark.doc[mark.i - 1] if mark.i > mark.sent.start else None
    return before is None or before.is_punct or before.pos_ == "CCONJ"


def _outside(verb: Token, sent: Span, end: int) -> tuple[int, int] | None:
    """The longer stretch of ``sent`` before or after the clause of ``verb``."""
    return _longer(verb.doc, (sent.start, verb.left_edge.i), (verb.right_edge.i + 1, end))


def _longer(doc: Doc, *ranges: tuple[int, int]) -> tuple[int, int] | None:
    """The longest of the token ``ranges`` (in characters), each without its edge punctuation;
    None when all are empty."""
    pieces = []
    for lo, hi in ranges:
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        if hi > lo:
            pieces.append((lo, hi))
    return max(pieces, key=lambda p: doc[p[1] - 1].idx - doc[p[0]].idx) if pieces else None


def _within(tok: Token, verb: Token) -> bool:
    """``tok`` is inside the clause the cue ``verb`` reports (one of its descendants)."""
    return any(a.i == verb.i for a in tok.ancestors)


def _clause_end(verb: Token, i: int, end: int) -> int:
    """Where the reported clause ends: before a trailing ", according to …" or ", which …" that is
    the writer's, not the speaker's (", although …" is most often the speaker's own concession)."""
    doc = verb.doc
    for j in range(i + 1, end - 1):
        if doc[j].text in (",", "—", "–") and doc[j + 1].lower_ in _WRITER_TURNS:
            return j
    return end


def _about(prep: Token, topic_only: bool = False) -> bool:
    """A preposition that introduces what was said ("insisted on a vote", "spoke of betrayal"), not
    when, where or to whom ("said on Monday", "spoke to reporters", "on condition of anonymity")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.lower_ not in (_TOPIC_PREPS if topic_only else _CONTENT_PREPS) or obj is None:
        return False
    if prep.lower_ in _ADDRESSEE_PREPS and (
        obj.ent_type_ in _NAMED or obj.pos_ in ("PRON", "PROPN")
    ):
        return False  # "spoke to Ms Doe", "talked with her", "said on Radio Zet"
    return obj.ent_type_ not in ("DATE", "TIME") and obj.lemma_.lower() != "condition"


def _sentence_end(sent: Span) -> int:
    end = sent.end
    while end > sent.start and sent.doc[end - 1].is_space:
        end -= 1
    return end


def _content_before(verb: Token) -> bool:
    """ "The talks will resume in May, the minister said." """
    return any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) and not any(
        c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children
    )  # "…, the minister told lawmakers." keeps its person object


def _around(cue: Cue, sent: Span, end: int) -> tuple[int, int] | None:
    """Content around a trailing or mid-sentence attribution: the longer piece."""
    doc = cue.token.doc
    subj = subject_of(cue.token)
    first = min(cue.token.i, subj.left_edge.i if subj is not None else cue.token.i)
    left = (sent.start, first)
    after = subj.right_edge.i if subj is not None and subj.i > cue.last else cue.last
    right = (after + 1, end)  # "…, said Ann Doe, a professor who …": not the speaker's words
    return _longer(doc, left, right)


def according_to(tok: Token, sent: Span) -> tuple[Token, tuple[int, int]] | None:
    """ "according to X, …" / "…, according to X." -> (X's head token, content token range)."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    phrase_end = max(obj.right_edge.i, to.i) + 1
    end = _sentence_end(sent)
    if tok.i <= sent.start + 1:  # at the start: content after the comma
        lo, hi = phrase_end, end
    else:
        lo, hi = sent.start, tok.i
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ == "that"):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return (obj, (lo, hi)) if hi > lo else None


def governing_subject(verb: Token) -> Token | None:
    """The speaker of a participle or infinitive cue: the subject of the verb it hangs on
    ("Doe attacked the plan, saying …", "by arguing that …", "went on to accuse …"), or the noun a
    participle modifies ("a statement saying …")."""
    if verb.tag_ == "VBN":  # "Asked about the plan, she said …": the one asked, not the asker
        return None
    if verb.dep_ in ("acl",) and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    head = verb.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):  # "was quoted as saying": the one quoted said it
            own = subject(head, ("nsubj", "nsubjpass"))
            if own is not None:
                return own
            if head.dep_ in ("ROOT", "ccomp", "relcl"):
                return None
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def withheld(verb: Token) -> bool:
    """ "declined to say how many", "refused to comment on": nothing was said."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")


def skippable(verb: Token) -> bool:
    """Participles and modifiers ("…, noting that", "a proposed plan") are not statements; a
    subordinate clause with its own subject ("though he cautioned that …") is."""
    has_subject = any(c.dep_ == "nsubj" for c in verb.children)
    return (verb.dep_ in _SKIP_DEPS or verb.dep_ == "relcl") and not has_subject
