"""Topic-specific readings of a clause, beyond its triggers (``stances/topics.py``).

``topic_stance``: a topic's own stance phrase ("as soon as a ceasefire holds") gives the clause
that topic with that stance. ``addressed``: a clause that names a topic's addressee with one of
its words ("make Moscow reconsider") is on that topic.
"""

from __future__ import annotations

from spacy.tokens import Token

from workbench.nlp.phrases import find_phrases, first_match, word_index
from workbench.resources.topics import Catalogue, Topic

# id(catalogue) -> (catalogue, its stance phrases in order, their positions by first word, those
# starting with "*"): built once per catalogue
_PHRASES: dict[int, tuple] = {}


def _stance_phrases(catalogue: Catalogue) -> tuple[list, dict[str, list[int]], list[int]]:
    known = _PHRASES.get(id(catalogue))
    if known is not None and known[0] is catalogue:
        return known[1:]
    entries = [(t, label, phrase) for t in catalogue.topics for label, phrase in t.stance_phrases]
    firsts: dict[str, list[int]] = {}
    wild = []
    for k, (_, _, phrase) in enumerate(entries):
        if phrase and phrase[0] != "*":
            firsts.setdefault(phrase[0], []).append(k)
        else:
            wild.append(k)
    if len(_PHRASES) > 64:
        _PHRASES.clear()
    _PHRASES[id(catalogue)] = (catalogue, entries, firsts, wild)
    return entries, firsts, wild


def topic_stance(clause: list[Token], catalogue: Catalogue) -> tuple[Topic, str, str, Token] | None:
    """A topic-specific stance phrase in the clause: (topic, label, phrase, first token): the
    first of the catalogue's phrases, in its order, that matches. Only the phrases whose first
    word is in the clause are tried."""
    index = word_index(clause)
    entries, firsts, wild = _stance_phrases(catalogue)
    tried = sorted([k for w in index[1] if w in firsts for k in firsts[w]] + wild)
    for k in tried:
        topic, label, phrase = entries[k]
        at = first_match(phrase, index)
        if at is not None:
            words = clause[at : at + len(phrase)]
            inside = {t.i for t in words}
            head = next((t for t in words if t.head.i not in inside or t.head.i == t.i), words[0])
            return topic, label, " ".join(phrase), head
    return None


def addressed(
    clause: list[Token], catalogue: Catalogue, countries: set[str]
) -> tuple[Topic, str, Token] | None:
    """A clause that names a topic's addressee with one of its words ("what it would make Moscow
    reconsider", "the Kremlin's calculations"): (topic, the word, its first token). ``countries``
    are the codes named in the clause."""
    for topic in catalogue.topics:
        if topic.addressee and topic.addressee in countries:
            hits = find_phrases(clause, topic.addressee_words)
            if hits:
                return topic, hits[0][2], clause[hits[0][0]]
    return None
