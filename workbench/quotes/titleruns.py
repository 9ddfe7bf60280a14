"""Runs of title words next to a name, and whether a role phrase heads one (quotes/principals.py).

A document introduces a person with the words of their office: "Deputy Secretary of State Wendy
Sherman", "German State Secretary Miguel Berger", "Bjoern Seibert, Chief of Staff for European
Commission President …". :func:`run_before` and :func:`run_after` read those runs (lower-cased);
:func:`heads` tells whether a later reference ("the Deputy Secretary", "the State Secretary",
"Chief of Staff") is the head of one, so the reference resolves to that person even when
``roles.yml`` does not know the title.
"""

from __future__ import annotations

import re
from collections.abc import Collection

LINKS = frozenset({"of", "for", "the"})  # inside a title run: "Counselor of the Department"
_POSSESSIVE = re.compile(r"[’']s$")


def unpossessive(word: str) -> str:
    """The word without a trailing possessive ("Chollet’s" -> "Chollet")."""
    return _POSSESSIVE.sub("", word)


def _titlecase(word: str) -> bool:
    return word[:1].isupper() or word.lower() in LINKS


def run_before(text: str, start: int, given: set[str], stops: Collection[str]) -> list[str]:
    """The title words right before the name at ``start`` ("Deputy Secretary of State" before
    "Wendy Sherman"), lower-cased, the person's own ``given`` names left out; a Title Case
    headline's ``stops`` ("With", "And") end the run."""
    run: list[str] = []
    for w in reversed(text[max(0, start - 120) : start].split()):
        bare = unpossessive(w)
        if bare[-1:] in ",;:." and not re.fullmatch(r"(?:[A-Z]\.)+", bare):
            break
        if not _titlecase(bare) or (bare.lower() in stops and bare.lower() not in LINKS):
            break
        run.insert(0, bare.lower())
    while run and run[-1] in given:
        run.pop()
    while run and run[0] in LINKS:
        run.pop(0)
    return run


def run_after(text: str, start: int) -> list[str]:
    """An appositive title after "Name, " ("Chief of Staff for European Commission …")."""
    run: list[str] = []
    for w in text[start : start + 120].split():
        bare = w.rstrip(",;:.")
        if not _titlecase(bare):
            break
        run.append(bare.lower())
        if bare != w:
            break
    while run and run[-1] in LINKS:
        run.pop()
    return run


def heads(want: list[str], run: list[str], role_words: Collection[str]) -> bool:
    """``want`` is the head of a title ``run``: it ends the run or comes before "of"/"for", and no
    role word stands before it ("Deputy Secretary" is not "Secretary", "the Department" is not
    "Counselor of the Department")."""
    n = len(want)
    for i in range(len(run) - n + 1):
        if run[i : i + n] != want or (i + n < len(run) and run[i + n] not in ("of", "for")):
            continue
        if i == 0 or (run[i - 1] not in LINKS and run[i - 1] not in role_words):
            return True
    return False
