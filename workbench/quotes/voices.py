"""The quote records as the stance stage reads them: whose voice each stretch of text is.

The quotes table keeps every attribution; the stance stage takes a position as its speaker's only
where the speaker is named and the cue is a finite reporting verb. So, for the stance stage:

- reported speech of an unnamed speaker ("officials said …", ``speaker_kind`` not in
  :data:`~workbench.quotes.kinds.NAMED`, and not a joint subject) and participial attributions
  ("…, saying …") are left to narration, where the holder is found in the clause itself; a direct
  quote of an unnamed speaker is a quote with no speaker;
- a reported clause with quoted words inside ("said he had “big plans” for …") is voiced by its
  quoted words, as direct quotes of the speaker;
- a split quote (“A,” she said, “B.”), one record whose text runs over its cue, is its two pieces.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from workbench.quotes.kinds import NAMED
from workbench.quotes.reported import skippable

_MARKED = re.compile(r"[“\"]([^“”\"]+)[”\"]")


def stance_voices(doc: Doc, quotes: list[dict]) -> list[dict]:
    """The records the stance stage scores as voiced by their speaker (see the module doc)."""
    out = []
    for q in quotes:
        if q["kind"] == "direct":
            out += _split_pieces(q if _named(q) else {**q, "speaker": None})
        elif _named(q) and not _participial(doc, q):
            out += _marked_parts(q) or [q]
    return out


def _named(q: dict) -> bool:
    """The speaker is a name: a person, government or organisation, or a joint subject."""
    return q["speaker_kind"] in NAMED or bool(q["speaker_kind"] == "group" and q.get("co_speakers"))


def _participial(doc: Doc, q: dict) -> bool:
    if q["cue_start"] is None:
        return False
    cue = doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
    return cue is not None and skippable(cue[0])


def _marked_parts(q: dict) -> list[dict]:
    parts = []
    for m in _MARKED.finditer(q["text"]):
        start = q["start_char"] + m.start(1)
        parts.append(
            {
                **q,
                "kind": "direct",
                "text": m.group(1),
                "start_char": start,
                "end_char": start + len(m.group(1)),
            }
        )
    return parts


def _split_pieces(q: dict) -> list[dict]:
    """A direct quote with its cue inside, as the pieces before and after the attribution."""
    cue, spk = q["cue_start"], q["speaker_start"]
    if cue is None or not q["start_char"] < cue < q["end_char"]:
        return [q]
    lo = min(cue, spk if spk is not None else cue)
    hi = max(q["cue_end"], q["speaker_end"] if q["speaker_end"] is not None else 0)
    pieces = []
    for a, b in ((q["start_char"], lo), (hi, q["end_char"])):
        text = q["text"][a - q["start_char"] : b - q["start_char"]]
        core = text.strip(' ,;:“”"\n')
        if core:
            start = a + text.index(core)
            pieces.append({**q, "text": core, "start_char": start, "end_char": start + len(core)})
    return pieces or [q]
