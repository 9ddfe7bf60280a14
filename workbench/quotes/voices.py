"""The quote records as the stance stage reads them: whose voice each stretch of text is.

The quotes table keeps every attribution; the stance stage takes a position as its speaker's only
where the speaker is named and the cue is a finite reporting verb. So, for the stance stage:

- reported speech of an unnamed speaker ("officials said …", ``speaker_kind`` not in
  :data:`~workbench.quotes.kinds.NAMED`, not a joint subject, and not placed in one country by
  its own phrase: "a senior official in Oslo" speaks for Norway) and participial attributions
  ("…, saying …") are left to narration, where the holder is found in the clause itself; a direct
  quote of an unnamed speaker is a quote with no speaker;
- a reported clause with quoted words inside ("said he had “big plans” for …") is voiced by its
  quoted words, as direct quotes of the speaker (of no speaker, when the clause is narration);
- what a cue's noun-phrase object names ("announced his resignation", "spoke about the harvest")
  is narration, unless the cue is one whose object is the content in ``cues.yml``
  (``object_content``: "rejected the plan", "called for talks");
- quotes in headlines are left out (the stance stage reads titles for their topics only);
- a split quote (“A,” she said, “B.”), one record whose text runs over its cue, is its two pieces.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from workbench.quotes.kinds import NAMED
from workbench.quotes.reported import skippable
from workbench.resources.words import cue_words
from workbench.schema import Block

_MARKED = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")  # the clause may end before the closing mark
_GAP = re.compile(r"[”\"][^“”\"]{1,300}?[“\"]")  # between two pieces: the attribution


def stance_voices(doc: Doc, quotes: list[dict], blocks: list[Block] | None = None) -> list[dict]:
    """The records the stance stage scores as voiced by their speaker (see the module doc)."""
    out = []
    heads = {i for i, b in enumerate(blocks or []) if b.kind in ("title", "heading")}
    for q in quotes:
        if q.get("paragraph") in heads:
            continue  # the stance stage reads headlines for their topics only
        if q["kind"] == "direct":
            out += _split_pieces(q if _named(q) else {**q, "speaker": None})
        elif _named(q) and not _participial(doc, q) and not _phrase(doc, q):
            out += _marked_parts(q) or [q]
        else:  # narration; its quoted words are quotes of no named speaker
            out += _marked_parts({**q, "speaker": None})
    return out


def _named(q: dict) -> bool:
    """The speaker is a name: a person, government or organisation, or a joint subject; or an
    unnamed speaker whose own phrase places them in one country ("a senior official in Oslo")."""
    return (
        q["speaker_kind"] in NAMED
        or bool(q["speaker_kind"] == "group" and q.get("co_speakers"))
        or q.get("country_via") == "phrase"
    )


def _participial(doc: Doc, q: dict) -> bool:
    if q["cue_start"] is None:
        return False
    cue = doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
    return cue is not None and skippable(cue[0])


def _phrase(doc: Doc, q: dict) -> bool:
    """The content is the noun phrase (or topic) a cue names, not a clause: "announced his
    resignation", "spoke about the harvest" (not "rejected the plan": ``object_content``)."""
    if q["cue_start"] is None:
        return False
    cue = doc.char_span(q["cue_start"], q["cue_end"], alignment_mode="expand")
    said = doc.char_span(q["start_char"], q["end_char"], alignment_mode="expand")
    if cue is None or said is None or not len(said):
        return False
    root, lemma, words = said.root, cue[0].lemma_.lower(), cue_words()
    if lemma in words.topic_only:
        return True
    return root.head.i == cue[0].i and root.dep_ == "dobj" and lemma not in words.object_content


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
    """A direct quote with its attribution inside (“A,” she said, “B.” or “A,” she said. “B.”),
    as its quoted pieces."""
    cue = q["cue_start"]
    if cue is None or not q["start_char"] < cue < q["end_char"]:
        return [q]
    pieces, at = [], 0
    for gap in [*_GAP.finditer(q["text"]), None]:
        stop = gap.start() if gap is not None else len(q["text"])
        text = q["text"][at:stop]
        core = text.lstrip(' ,;:.“”"\n').rstrip(' “”"\n')
        if core:
            start = q["start_char"] + at + text.index(core)
            pieces.append({**q, "text": core, "start_char": start, "end_char": start + len(core)})
        if gap is not None:
            at = gap.end()
    return pieces or [q]
