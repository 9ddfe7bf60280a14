"""The cue lexicon (``data/cues.yml``): reporting verbs and the words around speakers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workbench.resources.datafiles import default_data_path, read_data


@dataclass
class Cues:
    speech: set[str] = field(default_factory=set)
    multiword: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # lemma -> rests
    needs_completion: set[str] = field(default_factory=set)
    object_content: set[str] = field(default_factory=set)
    person_object: set[str] = field(default_factory=set)
    topic_only: set[str] = field(default_factory=set)
    clause_only: set[str] = field(default_factory=set)
    generic_speakers: set[str] = field(default_factory=set)
    organisations: dict[str, str] = field(default_factory=dict)
    person_pronouns: set[str] = field(default_factory=set)
    group_pronouns: set[str] = field(default_factory=set)
    naming_words: set[str] = field(default_factory=set)
    speaker_nouns: set[str] = field(default_factory=set)
    anonymous_speakers: set[str] = field(default_factory=set)
    document_speakers: set[str] = field(default_factory=set)
    fingerprint: str = ""


def load_cues(path: str | Path | None = None) -> Cues:
    """Load the cue lexicon (the shipped one unless ``path`` is given)."""
    data, fingerprint = read_data(path or default_data_path("cues"), "cues")
    words = {
        k: {str(w).lower() for w in data.get(k) or []}
        for k in (
            "speech",
            "needs_completion",
            "object_content",
            "person_object",
            "topic_only",
            "clause_only",
            "generic_speakers",
            "person_pronouns",
            "group_pronouns",
            "naming_words",
            "speaker_nouns",
            "anonymous_speakers",
            "document_speakers",
        )
    }
    multi: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data.get("multiword") or []:
        first, *rest = str(phrase).lower().split()
        multi.setdefault(first, []).append(tuple(rest))
    return Cues(
        multiword=multi,
        organisations={str(k).lower(): v for k, v in (data.get("organisations") or {}).items()},
        fingerprint=fingerprint,
        **words,
    )
