"""Syntax helpers over spaCy tokens that the extractors share."""

from __future__ import annotations

from spacy.tokens import Token


def is_dateline(tok: Token) -> bool:
    """A capitalised place opening a sentence before a dash or comma ("LONDON —", "OSLO,"): where
    the story was filed, never a speaker or a holder."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return (
        tok.is_sent_start
        and tok.text.isupper()
        and len(tok.text) > 2
        and nxt is not None
        and nxt.text in ("—", "–", "-", ",", "(")
    )


def undated(subj: Token) -> Token | None:
    """A subject, or for a dateline parsed as one ("PARIS — France and Britain reaffirmed …") the
    name beside it; None for a dateline alone ("LONDON — Leaders … ended a summit")."""
    if not is_dateline(subj):
        return subj
    return next((c for c in subj.children if c.dep_ == "appos"), None)


def subject(verb: Token, deps: tuple[str, ...] = ("nsubj", "nsubjpass")) -> Token | None:
    """The verb's first subject, a dateline giving way to the name beside it (:func:`undated`)."""
    return next(
        (u for c in verb.children if c.dep_ in deps and (u := undated(c)) is not None), None
    )


def in_question(tok: Token) -> bool:
    """Under "whether" ("asked whether Polish soldiers would join"): a question, not a position."""
    for t in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return False  # the clause has a subject of its own: not inside the question
    return False


def entity_root(doc, ent: dict) -> Token | None:
    """The syntactic head token of an entity record's words."""
    span = doc.char_span(ent["start_char"], ent["end_char"], alignment_mode="expand")
    return span.root if span is not None else None


def is_subject(doc, ent: dict) -> bool:
    """The entity's words are the subject of their clause."""
    root = entity_root(doc, ent)
    return root is not None and root.dep_ in ("nsubj", "nsubjpass")
