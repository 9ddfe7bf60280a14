"""What kind of speaker a quote has (the ``speaker_kind`` column), from the resolved speaker:

- ``person``, ``government`` (a country, or a seat or office that speaks for one: "the Kremlin",
  "US officials"), ``organisation`` (NATO, a party, a company);
- for a speaker the text does not name: ``document`` ("the complaint says", "the poll found"),
  ``anonymous`` ("sources said", "a person familiar with the talks"), ``group`` ("Republicans
  said", "they"), else ``unresolved`` (a role or pronoun with no antecedent, a name the linker
  does not know).

The word lists are data (``cues.yml``: ``document_speakers``, ``anonymous_speakers``).
"""

from __future__ import annotations

from workbench.quotes.speakers import Speaker
from workbench.resources.cues import Cues
from workbench.schema import NAMED_SPEAKERS

NAMED = NAMED_SPEAKERS  # the kinds that name a speaker


def speaker_kind(speaker: Speaker | None, cues: Cues) -> str | None:
    """The kind of ``speaker`` (None when a quote has no speaker at all)."""
    if speaker is None:
        return None
    if speaker.name is not None:
        if speaker.kind == "group":  # a joint subject: the first principal, co_speakers the rest
            return "group"
        if speaker.kind == "person":
            return "person"
        if speaker.kind == "country" or speaker.country:
            return "government"
        return "organisation"
    if speaker.head in cues.document_speakers:
        return "document"
    if speaker.head in cues.anonymous_speakers:
        return "anonymous"
    if speaker.plural:
        return "group"
    return "unresolved"
