"""Reported speech and statements, the part of the quote extractor that reads sentences rather
than quote marks: "X said (that) …", "according to X, …", "it was reported that …", a cue's
content up to the end of its clause, the list items after "outlined four objectives:", and
partial quotes inside a reported clause ("said he had “big plans” for …": one statement).

:class:`ReportedSpeech` is a mixin of ``extract._Extractor``: it reads the extractor's state
(``doc``, ``text``, ``blocks``, ``quoted``, ``cues``, ``official``, ``finder``, ``out``,
``used_cues``, ``lead_cues``, ``cue_words``, ``reported_spans``) and emits through its ``_emit``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Span, Token

from workbench.quotes.leadins import is_lead_in, plain_cue, token_range
from workbench.quotes.reported import (
    Cue,
    according_to,
    content_span,
    governing_subject,
    is_passive,
    match_cue,
    passive_report,
    skippable,
    subject_of,
    withheld,
)
from workbench.quotes.speakers import Speaker
from workbench.schema import Block


class ReportedSpeech:
    """The reported-speech methods of the quote extractor (see the module's docstring)."""

    def index_marks(self) -> None:
        """The characters inside quote marks (``quoted``), as merged intervals for a bisect."""
        self._marked = _merged((q.open_at, (q.close_at or q.end) + 1) for q in self.quoted)
        self._marked_starts = [a for a, _ in self._marked]

    def _reported(self, bi: int, block: Block) -> None:
        lo, hi = self._tokens(block.start, block.end)
        for sent in self.doc[lo:hi].sents:
            if is_lead_in(self.blocks, self.quoted, bi, sent):
                continue
            self.reported_spans = []
            for tok in sent:
                if tok.i in self.used_cues and tok.i not in self.lead_cues:
                    continue
                if self._inside_quote(tok.idx) or tok.i in self.cue_words:
                    continue
                if any(a <= tok.i < b for a, b in self.reported_spans):
                    continue  # "said Moscow would respond to …": respond is content
                hit = according_to(tok, sent)
                if hit is not None:
                    speaker = self.official.speaker(hit[0], self.finder.phrase(hit[0]))
                    if speaker is not None and (speaker.name or not self._reports(hit[1])):
                        cue = match_cue(tok, self.cues) or plain_cue(tok, 2)
                        self._statement(hit[1], speaker, cue, bi)
                    continue
                purpose = self.official.noun_purpose(tok)  # "met with X for discussions on Y"
                if purpose is not None:
                    subj, span, last = purpose
                    speaker = self.official.speaker(subj, self.finder.phrase(subj), tok)
                    end = self.doc[last].idx + len(self.doc[last])
                    if speaker is not None:
                        self._statement(span, speaker, Cue(tok, tok.idx, end, last), bi)
                    continue
                cue = match_cue(tok, self.cues)
                if cue is None or withheld(tok):
                    continue
                if is_passive(tok):
                    self._passive(cue, bi)
                    continue
                subj = subject_of(tok, self.cues)
                if subj is None and tok.dep_ == "ROOT":  # "Nuland:" then "Announced X."
                    subj = self._listed_subject(bi, sent)
                if subj is None and skippable(tok):  # "met … to underscore", ", saying …"
                    subj = self.official.purpose_subject(tok) or governing_subject(tok)
                elif subj is None and tok.dep_ == "conj":  # "met … to thank X and discuss Y"
                    subj = self.official.purpose_subject(tok)
                elif skippable(tok):
                    continue
                if subj is None or self._inside_quote(subj.idx):
                    continue
                speaker = self.official.speaker(subj, self.finder.phrase(subj), tok)
                if speaker is None:
                    continue
                span = content_span(cue, sent, self.cues)
                stop = self.official.interlocutors(tok)[0]  # "to discuss X with Minister Y"
                if span is not None and stop is not None and span[0] < stop < span[1]:
                    span = (span[0], stop)
                if span is not None:
                    span = self._with_list(bi, sent, span)
                    self._statement(span, speaker, cue, bi)

    def _passive(self, cue, bi: int) -> None:
        """ "It was reported that …" (no speaker), "… was first reported by the Times"."""
        found = passive_report(cue.token)
        if found is None:
            return
        agent, span = found
        speaker = self.finder.phrase(agent) if agent is not None else None
        if agent is None or speaker is not None:
            self._statement(span, speaker, cue, bi)

    def _reports(self, span: tuple[int, int]) -> bool:
        """The span holds its own attribution ("according to diplomats, he told them …")."""
        return any(
            match_cue(t, self.cues) is not None and subject_of(t, self.cues) is not None
            for t in self.doc[span[0] : span[1]]
        )

    def _statement(self, span: tuple[int, int], speaker: Speaker, cue, bi: int) -> None:
        lo, hi = span
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        if cue is None or cue.token.i not in self.lead_cues:  # speech reported inside a clause
            self.reported_spans.append(span)  # with quoted words is still its own statement
        if cue is not None:
            self.cue_words.update(range(cue.token.i, cue.last + 1))
        if any(q.start <= start and end <= q.end for q in self.quoted):
            return  # the words are quoted already (the second piece of a split quote)
        inner = [q for q in self.quoted if start <= q.start < end]
        if any(q.end > end + 1 for q in inner):
            return  # a quote that runs on past the clause stands for itself
        if inner:  # said he had “big plans” for …: one statement, the partial quotes inside it
            marked = [(q.open_at, q.close_end or q.end) for q in inner]
            outside = "".join(
                c
                for k, c in enumerate(self.text[start:end], start)
                if not any(a <= k < b for a, b in marked)
            )
            if sum(w.isalpha() for w in outside.split()) < 2:
                return  # said: “We are ready.”: the direct quote stands for itself
            self.out = [r for r in self.out if not (start <= r["start_char"] < end)]
        self._emit("indirect", start, end, speaker, cue, bi)

    def _listed_subject(self, bi: int, sent: Span) -> Token | None:
        """ "During her trip, Under Secretary Nuland:" and paragraphs that each open with a
        verb ("Announced X.", "In Panama, reaffirmed Y."): in an official document, the subject
        before the colon is theirs."""
        if not self.official.active or sent.start != self._tokens(*self._span(bi))[0]:
            return None
        for k in range(bi - 1, max(bi - 16, -1), -1):
            lo, hi = self._tokens(*self._span(k))
            if hi <= lo:
                return None
            line = self.doc[lo:hi]
            if line.text.rstrip().endswith(":"):
                before = [t for t in line if t.pos_ in ("PROPN", "NOUN") and t.i < hi - 1]
                return before[-1] if before and before[-1].i == hi - 2 else None
            if not any(
                t.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                for t in next(iter(line.sents))
            ):
                return None  # a paragraph with its own subject ends the list
        return None

    def _span(self, k: int) -> tuple[int, int]:
        return self.blocks[k].start, self.blocks[k].end

    def _with_list(self, bi: int, sent: Span, span: tuple[int, int]) -> tuple[int, int]:
        """ "outlined four primary objectives:" + the list items that follow."""
        if not sent.text.rstrip().endswith(":"):
            return span
        j = bi + 1
        while j < len(self.blocks) and self.blocks[j].kind == "list_item":
            j += 1
        if j == bi + 1:
            return span
        end_tok = self._tokens(self.blocks[j - 1].start, self.blocks[j - 1].end)[1]
        return span[0], end_tok

    # -- utilities ----------------------------------------------------------------------------
    def _inside_quote(self, char: int) -> bool:
        i = bisect_right(self._marked_starts, char) - 1
        return i >= 0 and char < self._marked[i][1]

    def _tokens(self, start: int, end: int) -> tuple[int, int]:
        return token_range(self.doc, start, end)


def _merged(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open intervals, sorted, the overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        elif start < end:
            out.append((start, end))
    return out
