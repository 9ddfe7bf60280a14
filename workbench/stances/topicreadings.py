"""Topic-specific readings of a clause, beyond its triggers (``stances/topics.py``).

``topic_stance``: a topic's own stance phrase ("as soon as a ceasefire holds") gives the clause
that topic with that stance. ``addressed``: a clause that names a topic's addressee with one of
its words ("make Moscow reconsider") is on that topic.
"""

from __future__ import annotations

from spacy.tokens import Token

from workbench.nlp.phrases import entries_to_try, find_phrases, first_match, word_index
from workbench.resources.topics import Catalogue, Topic


def topic_stance(clause: list[Token], catalogue: Catalogue) -> tuple[Topic, str, str, Token] | None:
    """A topic-specific stance phrase in the clause: (topic, label, phrase, first token): the
    first of the catalogue's phrases, in its order, that matches. Only the phrases whose first
    word is in the clause are tried."""
    index = word_index(clause)
    for k in entries_to_try(catalogue.stance_phrases, index[1]):
        topic, label, phrase = catalogue.stance_entries[k]
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
