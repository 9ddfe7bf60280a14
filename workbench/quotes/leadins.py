"""Colon lead-ins: the words before a colon that introduce a quote.

- a lead-in paragraph with a verb ("Merezhko commented on …:") gives the cue and speaker of the
  block quote or quote paragraph after it (``lead_in``);
- a verbless lead-in ("The EU's High Representative, Ilse Vandermeulen, on her way in: “…”", a live
  blog's entry) names only the speaker (``colon_speaker``);
- a sentence that is a lead-in is not itself reported speech (``is_lead_in``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from workbench.quotes.marks import Quoted
from workbench.quotes.reported import Cue, quote_cue, subject_of
from workbench.quotes.speakers import Speaker, SpeakerFinder
from workbench.resources.cues import Cues
from workbench.schema import Block


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The tokens covering the characters ``start:end`` (``(0, 0)`` if none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def plain_cue(tok: Token, width: int = 1) -> Cue:
    """A cue of ``width`` tokens from ``tok`` that is not in the cue list."""
    last = tok.doc[tok.i + width - 1]
    return Cue(tok, tok.idx, last.idx + len(last), last.i)


def lead_in(
    doc: Doc, text: str, block: Block, cues: Cues, finder: SpeakerFinder
) -> tuple[Cue | None, Speaker | None]:
    """Cue and speaker of a paragraph ending in a colon ("Merezhko commented on …:")."""
    if not text[block.start : block.end].rstrip().endswith(":"):
        return None, None
    lo, hi = token_range(doc, block.start, block.end)
    sent = list(doc[lo:hi].sents)[-1]
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("ROOT", "conj"):
            subj = subject_of(tok)
            if subj is not None:
                cue = quote_cue(tok, cues) or plain_cue(tok)
                return cue, finder.from_token(subj)
    return None, None


def colon_speaker(doc: Doc, start: int, open_at: int, finder: SpeakerFinder) -> Speaker | None:
    """The speaker a verbless lead-in from ``start`` to a colon before the opening mark at
    ``open_at`` names: "The EU's High Representative, Ilse Vandermeulen, on her way in: “…”"."""
    lo, hi = token_range(doc, start, open_at)
    frame = [t for t in doc[lo:hi] if not t.is_space]
    if not frame or frame[-1].text != ":":
        return None
    for k in range(len(frame) - 2, -1, -1):  # from the previous sentence end or quote
        if frame[k].text in (".", "!", "?", ";", ":", "”", '"', "''") or frame[k].is_sent_start:
            frame = frame[k + (0 if frame[k].is_sent_start and frame[k].is_alpha else 1) :]
            break
    if len(frame) < 2 or any(t.pos_ in ("VERB", "AUX") for t in frame):
        return None
    return finder.from_span(frame[0].i, frame[-1].i)


def is_lead_in(blocks: list[Block], quoted: list[Quoted], bi: int, sent: Span) -> bool:
    """``sent`` of block ``bi`` ends in a colon and a block quote or quote paragraph follows."""
    if not sent.text.rstrip().endswith(":") or bi + 1 >= len(blocks):
        return False
    nxt = blocks[bi + 1]
    return nxt.kind == "blockquote" or any(q.first_block == bi + 1 for q in quoted)
