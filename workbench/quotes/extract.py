"""Direct and reported quotes with their speakers.

``extract_quotes(doc, blocks, entities, cues, gaz)`` returns one record per quote, in text order:

- **block quotes**: a block-quote paragraph, its speaker from the attribution line after it
  ("Alexander Merezhko, People's Deputy of Ukraine") or the colon lead-in before it (leadins.py);
- **inline quotes** (``marks.py`` finds the marks): attributed by a cue after the closing mark
  (“…,” she said / said X), a cue before the opening mark (X said: “…”), a lead-in paragraph, or
  the previous quote's speaker when the quote simply continues; a partial quote hangs on its cue
  (called the plan “a dangerous escalation”). Quoted words with no cue that are not a sentence
  ("coalition of those who wish", titles, so-called …) are not quotes;
- **reported speech** (reportedspeech.py; cues and content spans in reported.py): a cue verb
  with a speaker phrase as subject.

Pronouns and roles name the last fitting speaker (speakers.py). Nothing here raises on odd input:
a document the rules cannot read yields fewer quotes.

The registered spaCy component ``workbench_quotes`` sets ``Doc._.quotes``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from workbench.nlp.model import text_of
from workbench.quotes.country import assign_countries
from workbench.quotes.kinds import speaker_kind
from workbench.quotes.leadins import colon_speaker, lead_in
from workbench.quotes.marks import Quoted, find_quoted, is_title
from workbench.quotes.official import Official
from workbench.quotes.reported import (
    Cue,
    governing_subject,
    is_passive,
    match_cue,
    quote_cue,
    subject_of,
)
from workbench.quotes.reportedspeech import ReportedSpeech
from workbench.quotes.speakers import Speaker, SpeakerFinder
from workbench.read.interviews import answerer, interviewee
from workbench.read.structure import is_attribution
from workbench.resources.cues import Cues
from workbench.resources.gazetteer import Gazetteer
from workbench.schema import Block

_FRAME = 14  # tokens looked at after a closing mark
_STANDALONE_WORDS = 6  # an unattributed quote must be a sentence at least this long
_PARTIAL_DEPS = {
    "dobj",
    "oprd",
    "attr",
    "pobj",
    "prep",
    "xcomp",
    "ccomp",
    "acomp",
    "advcl",
    "npadvmod",
    "conj",
    "appos",
}


def extract_quotes(
    doc: Doc, blocks: list[Block], entities: list[dict], cues: Cues, gaz: Gazetteer
) -> list[dict]:
    """Quote records for one parsed article (offsets index ``doc.text``)."""
    found = _Extractor(doc, blocks, entities, cues, gaz).run()
    return assign_countries(doc, blocks, entities, found, gaz)  # country.py: where they speak


class _Extractor(ReportedSpeech):
    def __init__(
        self, doc: Doc, blocks: list[Block], entities: list[dict], cues: Cues, gaz: Gazetteer
    ):
        self.official = Official(doc, blocks, entities, gaz)  # readouts, statements, remarks
        self.doc, self.blocks, self.cues = doc, blocks, self.official.cues(cues)
        cues = self.cues
        self.text = text_of(doc)
        self.quoted = [
            q for q in find_quoted(self.text, blocks) if blocks[q.first_block].kind != "blockquote"
        ]
        self.index_marks()  # the characters inside quote marks (_inside_quote)
        spans = [(q.start, q.end) for q in self.quoted]
        spans += [(b.start, b.end) for b in blocks if b.kind == "blockquote"]
        attributions = [(b.start, b.end) for b in blocks if b.kind == "attribution"]
        self.finder = SpeakerFinder(doc, entities, spans, attributions, cues, gaz)
        self.entities = entities
        self.interviewee = interviewee(blocks, entities)  # who answers an interview, if any
        self.used_cues: set[int] = set()
        self.lead_cues: set[int] = set()  # cues before a quote ("said he had “big plans”")
        self.cue_words: set[int] = set()  # tokens of the cues already read ("went on to say")
        self.reported_spans: list[tuple[int, int]] = []  # token ranges reported in this sentence
        self.last_quote: tuple[int, Speaker | None] | None = None  # (block, speaker)
        self.out: list[dict] = []
        self.whole: set[int] = set()  # blocks quoted whole (official.py)

    def run(self) -> list[dict]:
        for bi, start, end, speaker in self.official.paragraph_quotes():
            self._emit("direct", start, end, speaker, None, bi)
            self.whole.add(bi)
        by_block: dict[int, list[Quoted]] = {}
        for q in self.quoted:
            by_block.setdefault(q.first_block, []).append(q)
        for bi, block in enumerate(self.blocks):
            if bi in self.whole:
                continue
            try:
                if block.kind == "blockquote":
                    if not is_attribution(" ".join(self.text[block.start : block.end].split())):
                        self._block_quote(bi, block)  # bylines stacked: "Name, Role" twice
                elif block.kind in ("title", "heading"):  # "Cruz Says Trump Should Win …"
                    self._reported(bi, block)
                elif block.kind in ("paragraph", "list_item", "question", "answer"):
                    if block.kind == "answer":
                        self._answer(bi, block)
                    for q in by_block.get(bi, []):
                        self._inline(q)
                    self._reported(bi, block)
            except Exception:  # a rule tripping over an odd parse must not lose the article
                continue
        return sorted(self.out, key=lambda r: r["start_char"])

    # -- records ------------------------------------------------------------------------------
    def _emit(self, kind: str, start: int, end: int, speaker: Speaker | None, cue, block: int):
        start, end = _trim(self.text, start, end)
        if end <= start:
            return
        rec = {
            "kind": kind,
            "text": self.text[start:end],
            "start_char": start,
            "end_char": end,
            "speaker": None,
            "speaker_start": None,
            "speaker_end": None,
            "speaker_country": None,
            "speaker_kind": None,
            "cue": None,
            "cue_start": None,
            "cue_end": None,
            "paragraph": block,
            "co_speakers": getattr(speaker, "co_speakers", None),
        }
        if speaker is not None:
            rec.update(
                speaker=speaker.name or self.text[speaker.start : speaker.end],
                speaker_start=speaker.start,
                speaker_end=speaker.end,
                speaker_country=speaker.country,
                speaker_kind=speaker_kind(speaker, self.cues),
            )
            self.finder.note_speaker(speaker, start)
        if cue is not None:
            rec.update(cue=cue.text, cue_start=cue.start, cue_end=cue.end)
            self.used_cues.add(cue.token.i)
        self.out.append(rec)

    # -- block quotes -------------------------------------------------------------------------
    def _block_quote(self, bi: int, block: Block) -> None:
        j = bi
        while j < len(self.blocks) and self.blocks[j].kind == "blockquote":
            j += 1
        speaker, cue = None, None
        if j < len(self.blocks) and self.blocks[j].kind == "attribution":
            attr = self.blocks[j]
            speaker = self.finder.from_span(*self._tokens(attr.start, attr.end))
        k = bi
        while k > 0 and self.blocks[k - 1].kind == "blockquote":
            k -= 1
        if k > 0:
            lead_cue, lead_speaker = self._lead_in(k - 1)
            cue = lead_cue
            speaker = speaker or lead_speaker
        self._emit("direct", *_unmark(self.text, block.start, block.end), speaker, cue, bi)
        self.last_quote = (bi, speaker)

    # -- interviews ---------------------------------------------------------------------------
    def _answer(self, bi: int, block: Block) -> None:
        """An interview answer is the interviewee's quote; the speech it reports ("They told us
        they will do logistics") is found inside it as in any paragraph."""
        person = answerer(self.blocks, self.entities, self.text, bi, self.interviewee)
        speaker = (
            None
            if person is None
            else Speaker(
                person["canonical"],
                person["start_char"],
                person["end_char"],
                person["country_code"],
                "person",
            )
        )
        self._emit("direct", block.start, block.end, speaker, None, bi)

    def _lead_in(self, bi: int) -> tuple[Cue | None, Speaker | None]:
        return lead_in(self.doc, self.text, self.blocks[bi], self.cues, self.finder)

    # -- inline quotes ------------------------------------------------------------------------
    def _inline(self, q: Quoted) -> None:
        speaker, cue = None, None
        after = self._after_frame(q) if q.close_at is not None else self._inner_frame(q)
        cue = next((c for c in map(self._cue, after) if c is not None), None)
        if cue is not None:
            speaker = self._speaker_for(cue, after)
        elif is_title(self.text[q.start : q.end]):
            return  # “Morning Joe”, “The Big Short”: a title (not “Never Again,” she said)
        else:
            cue = self._cue_before(q)
            if cue is not None:
                self.lead_cues.add(cue.token.i)
                subj = subject_of(cue.token, self.cues) or governing_subject(cue.token)
                speaker = self.finder.phrase(subj) if subj is not None else None
        if cue is None and self._starts_paragraph(q):
            cue, speaker = self._lead_in(q.first_block - 1) if q.first_block > 0 else (None, None)
        if cue is None and speaker is None:
            speaker = colon_speaker(
                self.doc, self.blocks[q.first_block].start, q.open_at, self.finder
            )
        if cue is None and speaker is None:
            if self._continues(q):
                speaker = self.last_quote[1]
            elif not self._standalone(q):
                return  # scare quotes, titles, names in quote marks
        if not self._continue_split(q, cue) and not self._continue_after(q, cue, speaker):
            self._emit("direct", q.start, q.end, speaker, cue, q.first_block)
        self.last_quote = (q.last_block, speaker)

    def _continue_split(self, q: Quoted, cue) -> bool:
        """“A,” she said, “B.”: one statement. The second piece extends the first quote, whose
        text then runs over the cue (docs/tables.md#quotesparquet)."""
        prev = self.out[-1] if self.out else None
        if cue is None or prev is None or prev["kind"] != "direct":
            return False
        if prev["cue_start"] != cue.start or not (prev["end_char"] <= cue.start < q.open_at):
            return False
        self._extend(prev, q)
        return True

    def _extend(self, prev: dict, q: Quoted) -> None:
        """The quote record ``prev`` runs on to the end of the quote ``q`` (one statement)."""
        end = _trim(self.text, q.start, q.end)[1]
        prev.update(end_char=end, text=self.text[prev["start_char"] : end])

    def _continue_after(self, q: Quoted, cue, speaker: Speaker | None) -> bool:
        """“A,” she said. “B.”, in one paragraph: the attribution sentence between two quotes of
        one speaker does not end the statement; the first quote extends over it."""
        prev = self.out[-1] if self.out else None
        if cue is not None or prev is None or prev["kind"] != "direct" or speaker is None:
            return False
        if prev["paragraph"] != q.first_block or prev["cue_start"] is None:
            return False
        if not (prev["end_char"] <= prev["cue_start"] < q.open_at):
            return False
        if any(prev["end_char"] < o.open_at < q.open_at for o in self.quoted):
            return False
        self._extend(prev, q)
        return True

    def _own_statement(self, sent: Span) -> bool:
        """The sentence reports something of its own ("He noted that …"), unlike a bare
        attribution ("Sanders said.")."""
        for tok in sent:
            cue = match_cue(tok, self.cues)
            if cue is not None:
                return any(
                    c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > cue.last for c in tok.children
                )
        return True

    def _after_frame(self, q: Quoted) -> list[Token]:
        if q.close_at is None:
            return []
        lo, hi = self._tokens(q.close_end, self.blocks[q.last_block].end)
        out = []
        ended = self.text[q.start : q.end].rstrip().endswith((".", "!", "?"))
        if ended and lo < hi and self.doc[lo].is_sent_start and self.doc[lo].is_title:
            if self._own_statement(self.doc[lo].sent):
                return []  # “… closing strong.” He noted that …: the next sentence is not its cue
        for tok in self.doc[lo:hi][:_FRAME]:
            if tok.text in ("“", "‘", '"', "''", "«", ".", "!", "?", ";") or tok.pos_ in (
                "CCONJ",
                "SCONJ",
            ):
                break  # “…” and said …: the cue belongs to the next clause
            out.append(tok)
        return out

    def _inner_frame(self, q: Quoted) -> list[Token]:
        """A missing closing mark: “We will not sign …, he told journalists (the cue is inside)."""
        lo, hi = self._tokens(q.start, q.end)
        toks = list(self.doc[lo:hi])
        for k, tok in enumerate(toks[:-1]):
            if tok.text != ",":
                continue
            frame = toks[k + 1 : k + 1 + _FRAME]
            for cand in frame[:4]:
                cue = quote_cue(cand, self.cues)
                if cue is not None and subject_of(cue.token, self.cues) in frame:
                    return frame
        return []

    def _cue(self, tok: Token):
        if tok.i in self.used_cues:
            return None
        return quote_cue(tok, self.cues)

    def _speaker_for(self, cue, frame: list[Token]) -> Speaker | None:
        subj = subject_of(cue.token, self.cues)
        if subj is not None and subj in frame:
            return self.finder.phrase(subj)
        after = [t for t in frame if t.i > cue.last and t.pos_ in ("PROPN", "NOUN", "PRON")]
        before = [t for t in frame if t.i < cue.token.i and t.pos_ in ("PROPN", "NOUN", "PRON")]
        for tok in after[:1] + before[-1:]:
            found = self.finder.from_token(tok)
            if found is not None:
                return found
        for tok in after[:1] + before[-1:]:  # no name resolves: the phrase as written ("Hannity")
            if tok.pos_ in ("PROPN", "PRON"):
                return self.finder.phrase(tok)
        return None

    def _cue_before(self, q: Quoted):
        lo, hi = self._tokens(self.blocks[q.first_block].start, q.open_at)
        frame = list(self.doc[lo:hi])
        if not frame:
            return None
        for k in range(len(frame) - 1, -1, -1):  # from the previous sentence end or quote
            if frame[k].text in (".", "!", "?", ";", "”", '"', "''"):
                frame = frame[k + 1 :]
                break
        if not frame or _naming(frame, self.cues):
            return None
        cues = [c for c in (quote_cue(t, self.cues) for t in frame) if c is not None]
        if not cues:
            return None
        cue = cues[-1]  # a used cue is fine: “We are ready,” she said, “to act.”
        if is_passive(cue.token) or (
            subject_of(cue.token, self.cues) is None and governing_subject(cue.token) is None
        ):
            return None
        lead = frame[-1].text
        if lead in (":", ",") or frame[-1].i == cue.last or frame[-1].lower_ == "that":
            return cue
        return cue if self._governed(q, cue) else None

    def _governed(self, q: Quoted, cue) -> bool:
        """A partial quote: the quoted words hang on the cue (called the plan “…”)."""
        lo, hi = self._tokens(q.start, q.end)
        heads = [t for t in self.doc[lo:hi] if not (lo <= t.head.i < hi) or t.head.i == t.i]
        for tok in heads[:1]:
            steps = 0
            while tok.i != cue.token.i and steps < 4 and tok.dep_ in _PARTIAL_DEPS:
                tok, steps = tok.head, steps + 1
            if tok.i == cue.token.i:
                return True
        return False

    def _starts_paragraph(self, q: Quoted) -> bool:
        return not self.text[self.blocks[q.first_block].start : q.open_at].strip()

    def _continues(self, q: Quoted) -> bool:
        """A quote that follows the previous attributed quote (same or previous paragraph)."""
        if self.last_quote is None or self.last_quote[1] is None:
            return False
        if q.first_block - self.last_quote[0] > 1:
            return False
        before = self.text[self.blocks[q.first_block].start : q.open_at].strip()
        return not before or before[-1] in '.!?”"'

    def _standalone(self, q: Quoted) -> bool:
        words = self.text[q.start : q.end].split()
        if len(words) < _STANDALONE_WORDS or not words[0][:1].isupper():
            return False
        lo, hi = self._tokens(q.start, q.end)
        if _naming(list(self.doc[max(0, lo - 3) : lo]), self.cues):
            return False
        return any(t.pos_ in ("VERB", "AUX") for t in self.doc[lo:hi])


def _naming(frame: list[Token], cues: Cues) -> bool:
    tail = " ".join(t.lower_ for t in frame[-3:])
    return any(tail.endswith(w) for w in cues.naming_words)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _unmark(text: str, start: int, end: int) -> tuple[int, int]:
    """A block quote's own quote marks are not part of its text."""
    start, end = _trim(text, start, end)
    if end - start > 2 and text[start] in '“"«„' and text[end - 1] in '”"»“':
        return start + 1, end - 1
    return start, end
