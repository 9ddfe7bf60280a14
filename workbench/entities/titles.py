"""Read a person's title from the words around their name: role, role class and country.

Three places carry a title in news text:

- pre-modifiers: "Italy's Defense Minister Guido Crosetto", "british Prime Minister Cyrus Starmer";
- an apposition after the name: "Alexander Merezhko, a People's Deputy of Ukraine and ...,";
  "Keith Kellogg, a special representative of Donald Trump, who ..."; the attribution line
  "Alexander Merezhko, People's Deputy of Ukraine";
- an apposition before the name: "the European Union's High Representative ..., Kai Kallas, said".

The country is the first country or organisation with a code named inside the title ("of Ukraine",
"Italy's", "British", "the European Union's"); failing that, the country of a person named in it
("of Donald Trump"); failing that, the role's default (the EU's "High Representative").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import cue_words

_PRE_POS = {"PROPN", "NOUN", "ADJ", "PART", "NUM"}
_MAX_APPOS = 25


@dataclass(frozen=True)
class Title:
    """Title words found around a mention: ``start``/``end`` are token indices."""

    start: int
    end: int
    role: str | None
    role_class: str | None
    adjacent: bool  # a pre-modifier: a country in it counts even without a role


def find_role(text: str, gaz: Gazetteer) -> str | None:
    """The longest role phrase in ``text`` (whole words), or None."""
    found = gaz.role_pattern.findall(normalise(text)) if gaz.role_pattern else []
    classed = [r for r in found if gaz.roles.get(r)]  # "colleague Senator": senator tells more
    return max(classed or found, key=len, default=None)


def titles_for(doc: Doc, start: int, end: int, gaz: Gazetteer) -> list[Title]:
    """Title candidates around the name at tokens ``start:end`` (same sentence only)."""
    sent = doc[start].sent
    out: list[Title] = []
    pre = _pre_modifier(doc, start, sent)
    if pre is not None:
        out.append(_title(pre, gaz, adjacent=True))
    post = _post_apposition(doc, end, sent)
    if post is not None:
        out.append(_title(post, gaz, adjacent=False))
    of = _of_phrase(doc, end, sent)  # "Sergeant Tomas Kuusk of the Estonian Defence Forces"
    if of is not None:
        out.append(_title(of, gaz, adjacent=True))
    anchor = (
        pre.start if pre is not None else start
    )  # "her British counterpart, Defence Secretary X"
    before = _pre_apposition(doc, anchor, end, sent)
    if before is not None:
        out.append(_title(before, gaz, adjacent=False))
    return [t for t in out if t.role or t.adjacent]


def _title(span: Span, gaz: Gazetteer, adjacent: bool) -> Title:
    role = find_role(span.text, gaz)
    return Title(span.start, span.end, role, gaz.roles.get(role) if role else None, adjacent)


def _pre_modifier(doc: Doc, start: int, sent: Span) -> Span | None:
    i = start - 1
    while i >= sent.start and start - i <= 8:
        tok = doc[i]
        if tok.is_space or (tok.is_punct and tok.text not in ("-", "’s", "'s")):
            break
        if tok.pos_ == "DET" or tok.lower_ in ("the", "a", "an"):
            break
        posting = tok.lower_ == "to" and i > sent.start and doc[i - 1].pos_ in ("NOUN", "PROPN")
        if tok.pos_ not in _PRE_POS and tok.lower_ not in ("of", "for", "’s", "'s") and not posting:
            break  # "Ambassador to Libya X" goes on over "to" (the country is the posting)
        i -= 1
    if i + 1 >= start:
        return None
    while i + 1 < start and doc[i + 1].lower_ in ("of", "for", "’s", "'s", "-"):
        i += 1  # a title does not start with a preposition
    return doc[i + 1 : start] if i + 1 < start else None


def _post_apposition(doc: Doc, end: int, sent: Span) -> Span | None:
    if end >= sent.end or doc[end].text != ",":
        return None
    j = end + 1
    if j < sent.end and doc[j].pos_ in ("VERB", "AUX"):
        return None  # "Doe, said ..." is not a title
    if j < sent.end and doc[j].lower_ in ("who", "whose", "whom", "which", "that"):
        return None  # "Harjuvaara, who argued that the border with Russia …": no title
    stops = cue_words().title_stops
    while j < sent.end and j - end <= _MAX_APPOS:
        tok = doc[j]
        if (
            tok.is_space
            or tok.text in (",", ";", ".", ")", "(", ":", "—", "–")
            or (tok.lower_ in stops)
        ):
            break
        j += 1
    span = doc[end + 1 : j] if j > end + 1 else None
    return None if span is None or _names_a_person(span) else span


def _names_a_person(span: Span) -> bool:
    """The span names someone else, not through a preposition: "Jens Stoltenberg, President
    Andrzej Duda of Poland, …" is a list of participants, not Stoltenberg's title ("X, an adviser
    to President Y" still is X's)."""
    for t in span:
        if t.pos_ == "ADP":
            return False
        if t.ent_type_ == "PERSON":
            return True
    return False


def _of_phrase(doc: Doc, end: int, sent: Span) -> Span | None:
    if end >= sent.end or doc[end].lower_ not in ("of", "from"):
        return None
    j = end + 1
    while j < sent.end and j - end <= 8 and not (doc[j].is_punct or doc[j].is_space):
        j += 1
    return doc[end:j] if j > end + 1 else None


def _pre_apposition(doc: Doc, start: int, end: int, sent: Span) -> Span | None:
    if start - 1 <= sent.start or doc[start - 1].text != ",":
        return None
    closed = end >= sent.end or doc[end].text in (",", ".", ";") or doc[end].is_space
    i = start - 2
    while i >= sent.start and start - i <= 16:
        tok = doc[i]
        if tok.is_space or tok.text in (",", ";", ":", "(", ")", "—", "–"):
            break
        i -= 1
    span = doc[i + 1 : start - 1]
    if not len(span):
        return None
    if not closed and span[0].pos_ != "DET":
        return None
    return span
