"""Matching lexicon phrases against a clause's words (lower case or lemma), fast.

Phrases are tuples of lower-case words, ``*`` standing for any one word. A clause's forms are
worked out once per Doc; each phrase list is indexed once by its first word, so that matching many
lists against one clause only tries the entries whose first word occurs in it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

WordIndex = tuple[list[frozenset[str]], dict[str, list[int]]]
Entries = Sequence[tuple[str, ...]]
_FORMS: dict[tuple[int, int], frozenset[str]] = {}  # (lower, lemma) ids -> forms
_BY_FIRST: dict[int, tuple[Entries, dict[str, list[int]], list[int], frozenset]] = {}


def word_index(tokens: list[Token]) -> WordIndex:
    """Each token's forms (lower case and lemma) and, per word, where it occurs (ascending).
    Build it once per clause when matching many phrase lists against it."""
    if not tokens:
        return [], {}
    every = _doc_forms(tokens[0].doc)
    forms = [every[t.i] for t in tokens]
    starts: dict[str, list[int]] = {}
    for i, words in enumerate(forms):
        for w in words:
            starts.setdefault(w, []).append(i)
    return forms, starts


def _doc_forms(doc: Doc) -> list[frozenset[str]]:
    """Each token's forms (lower case and lemma), worked out once per Doc (in ``doc.user_data``):
    clauses are indexed many times, and spaCy looks token strings up on every access."""
    known = doc.user_data.get("workbench_forms")
    if known is None:
        strings = doc.vocab.strings
        known = []
        for lower, lemma in doc.to_array([LOWER, LEMMA]).tolist():
            forms = _FORMS.get((lower, lemma))
            if forms is None:
                if len(_FORMS) > 200_000:
                    _FORMS.clear()
                forms = _FORMS[(lower, lemma)] = frozenset(
                    (strings[lower].replace("’", "'"), strings[lemma].lower())
                )
            known.append(forms)
        doc.user_data["workbench_forms"] = known
    return known


def _matches(entry: tuple[str, ...], forms: list[frozenset[str]], starts: dict[str, list[int]]):
    """Positions (ascending) where ``entry`` matches a clause with these forms and first-word
    positions; a ``*`` stands for any one word."""
    n = len(entry)
    last = len(forms) - n
    at = range(last + 1) if not entry or entry[0] == "*" else starts.get(entry[0], ())
    for i in at:
        if i > last:
            break
        if all(entry[m] == "*" or entry[m] in forms[i + m] for m in range(n)):
            yield i


def first_match(phrase: tuple[str, ...], index: WordIndex) -> int | None:
    """Where ``phrase`` first matches (what ``find_phrases`` would list first), or None."""
    return next(_matches(phrase, *index), None)


def _by_first(entries: Entries) -> tuple[dict[str, list[int]], list[int], frozenset]:
    """The entries' positions by first word, those starting with ``*``, and the set of first
    words: built once per phrase list (lexicon and catalogue lists live as long as the program)."""
    known = _BY_FIRST.get(id(entries))
    if known is not None and known[0] is entries:
        return known[1], known[2], known[3]
    firsts: dict[str, list[int]] = {}
    wild: list[int] = []
    for k, entry in enumerate(entries):
        if not entry or entry[0] == "*":
            wild.append(k)
        else:
            firsts.setdefault(entry[0], []).append(k)
    if len(_BY_FIRST) > 4096:  # lists made on the fly: keep the cache bounded
        _BY_FIRST.clear()
    words = frozenset(firsts)
    _BY_FIRST[id(entries)] = (entries, firsts, wild, words)  # holds the list: its id stays its own
    return firsts, wild, words


def entries_to_try(entries: Entries, starts: dict[str, list[int]]) -> list[int]:
    """Positions (ascending) of the entries that can match a clause whose words start at
    ``starts`` (:func:`word_index`): those whose first word occurs in it, and those starting
    with ``*``. ``entries`` should be a list that lives as long as the program (its index is
    built once)."""
    firsts, wild, words = _by_first(entries)
    if not wild and words.isdisjoint(starts):
        return []
    if len(starts) < len(firsts):
        tried = [k for w in starts for k in firsts.get(w, ())]
    else:
        tried = [k for w, ks in firsts.items() if w in starts for k in ks]
    return sorted(tried + wild)


def find_phrases(
    tokens: list[Token], entries: Entries, index: WordIndex | None = None
) -> list[tuple[int, int, str]]:
    """Non-overlapping matches of ``entries`` in ``tokens``: (first, last + 1, phrase). A ``*``
    in an entry stands for any one word ("within * of a truce"). ``index`` is
    :func:`word_index` of ``tokens``, when the caller already has it. Entries are tried longest
    first (their order), and only those whose first word occurs in ``tokens``."""
    forms, starts = index if index is not None else word_index(tokens)
    tried = entries_to_try(entries, starts)
    if not tried:
        return []
    out, used = [], set()
    for k in tried:
        entry = entries[k]
        n = len(entry)
        for i in _matches(entry, forms, starts):
            if not any(j in used for j in range(i, i + n)):
                out.append((i, i + n, " ".join(entry)))
                used.update(range(i, i + n))
    return sorted(out)
