"""A principal of an official document (quotes/principals.py) and the key its names match by."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.resources.gazetteer import unaccented

WORD = re.compile(r"[^\W\d][\w.’'\-]*")  # a word of a title
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii"}


@dataclass(frozen=True)
class Principal:
    """A person (or a country) a document is about: name, surname, role phrase, country."""

    name: str
    surname: str
    role: str | None
    country: str | None


def surname_of(name: str) -> str:
    """The last word of a name, suffixes ("Jr.") and commas left out, lower-cased, without
    accents ("LIPAVSKY" in a transcript's label is "Lipavský")."""
    words = [w.strip(",").lower() for w in unaccented(name).replace("’", "'").split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else ""
