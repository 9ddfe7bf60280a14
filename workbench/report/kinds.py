"""What a quote's ``speaker_kind`` means, in the words the report tables and method notes use.

One place for the text, so the HTML quote tables, the dashboard's plotly tables, the timeline's
hover text and the live panels describe the kinds alike (docs/tables.md#quotesparquet defines
them)."""

from __future__ import annotations

NO_SPEAKER = "none"
SPEAKER_KINDS_NOTE = (
    "Speaker kind: person, government and organisation name who spoke; group is a collective "
    "(“officials”, “Republicans”) or a joint statement (“with” its other speakers); anonymous an "
    "unnamed source (“sources said”); document a text (“the complaint says”); unresolved a role "
    "or pronoun no name resolves; none: no speaker."
)


def speaker_kind_text(kind: object, co_speakers: object = None) -> str:
    """A quote's speaker kind as a table shows it: the kind, ``none`` when the quote has no
    speaker, and a joint statement's other speakers ("group, with Ana Testa; Ivo Marek")."""
    if not isinstance(kind, str) or not kind:
        return NO_SPEAKER
    if kind == "group" and isinstance(co_speakers, str) and co_speakers.strip():
        return f"group, with {co_speakers.strip()}"
    return kind
