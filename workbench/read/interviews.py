"""Interview turns: the interviewer's questions and the interviewee's answers.

An interview marks its turns in one of three ways:

- Q/A markers at the start of a paragraph: ``Q:``, ``A:``, ``Question:``, ``Answer:`` (also in
  bold, ``**Q:**``);
- in Markdown, each question (or the interviewer's remark) as a paragraph entirely in bold
  (``**Will Latvia send soldiers?**``), the answer as the plain paragraphs after it;
- in a transcript, a speaker's name in capitals ("NOWICKI: Our delegation was in Washington …",
  "QUESTION (Polish television): …"): each named turn is that speaker's answer.

An article is read as an interview only with at least two questions, one of them ending in "?"
(or, for a transcript, two named turns), and with its title or introduction (the blocks before the
first question) saying it is one ("an interview with", "spoke to us", "excerpts", "transcript",
"press conference"): an explainer with bold question subheads ("**Why now?**") or an FAQ is
narration, not somebody's answers. The question paragraphs become ``question`` blocks and the
paragraphs after a question (or a named turn), up to the next question or heading, ``answer``
blocks; the markers, labels and bold marks are left out of the block, as "# " and "> " are.

``interviewee(blocks, entities)`` names who answers: the first person the title or the
introduction (the blocks before the first question) names; ``answerer`` names the speaker of one
answer: the person whose surname is its transcript label when it has one, else the interviewee.
"""

from __future__ import annotations

import re
from dataclasses import replace

from workbench.schema import Block

_MARKED = re.compile(
    r"(?:\*\*|__)?(?P<who>Q|A|Question|Answer)\s*(?:\*\*|__)?:(?:\*\*|__)?\s+", re.I
)
_LABEL = re.compile(  # letters of any script; capitals are checked in label_at
    r"(?:\*\*)?(?P<label>[^\W\d_][^\W\d_'’\-]+(?: [^\W\d_][^\W\d_'’\-]+){0,2})"
    r"(?: \([^)\n]{1,60}\))?(?:\*\*)?:(?:\*\*)?\s+"
)
_ASKERS = {"Q", "QUESTION", "INTERVIEWER", "MODERATOR", "REPORTER", "JOURNALIST", "HOST"}
_BOLD = re.compile(r"(\*\*|__)(?P<body>(?:(?!\1).)+?)\1\s*$", re.S)
_MIN_QUESTIONS = 2
_SAYS_INTERVIEW = re.compile(
    r"\binterview|\b(?:spoke|speaking|talked|talking) (?:to|with)\b|\bsat down with\b|\bexcerpts?\b"
    r"|\bedited for (?:length|clarity)\b|\bQ ?& ?A\b|\bin conversation with\b|\btranscript\b"
    r"|\bpress conference\b|\bnews conference\b",
    re.I,
)
_OPEN_KINDS = ("paragraph", "heading")  # blocks that can be a turn ("Q: And the Americans?")


def _marker(text: str, block: Block) -> tuple[str, int, bool] | None:
    """("question" | "answer", content start, named) for a paragraph opening with a Q/A marker or
    a transcript label ("NOWICKI:", "QUESTION (Polish television):"); ``named`` for a label."""
    m = _MARKED.match(text, block.start, block.end)
    if m is not None:
        who = m.group("who").lower()
        return ("question" if who.startswith("q") else "answer"), m.end(), False
    label = label_at(text, block.start, block.end)
    if label is None:
        return None
    return ("question" if label[0] in _ASKERS else "answer"), label[1], True


def label_at(text: str, start: int, end: int) -> tuple[str, int] | None:
    """(label, content start) for a transcript turn "NOWICKI: …" starting at ``start``."""
    m = _LABEL.match(text, start, end)
    if m is None or len(m.group("label")) < 2 or m.group("label") != m.group("label").upper():
        return None
    return m.group("label"), m.end()


def _bold(text: str, block: Block) -> tuple[int, int] | None:
    """The inside of a paragraph that is bold from end to end."""
    m = _BOLD.match(text, block.start, block.end)
    if m is None or m.end() != block.end:
        return None
    return m.start("body"), m.end("body")


def mark_turns(blocks: list[Block], text: str) -> list[Block]:
    """``blocks`` with an interview's question and answer paragraphs marked (unchanged when the
    article is not an interview)."""
    turns: dict[int, Block] = {}
    named = 0  # answers opened by a speaker's label
    for i, b in enumerate(blocks):
        if b.kind not in _OPEN_KINDS:
            continue
        marked = _marker(text, b)
        if marked is not None:
            turns[i] = replace(b, kind=marked[0], start=marked[1])
            if marked[0] == "answer" and marked[2]:
                named += 1
            continue
        inner = _bold(text, b) if b.kind == "paragraph" else None
        if inner is not None:
            turns[i] = replace(b, kind="question", start=inner[0], end=inner[1])
    questions = [t for t in turns.values() if t.kind == "question"]
    asked = any(text[t.start : t.end].rstrip(" *_").endswith("?") for t in questions)
    if (len(questions) < _MIN_QUESTIONS or not asked) and named < _MIN_QUESTIONS:
        return blocks
    first = min(turns)
    intro = [text[b.start : b.end] for b in blocks[:first]]
    if not any(_SAYS_INTERVIEW.search(t) for t in intro):
        return blocks
    out = list(blocks)
    open_turn = False  # inside an exchange: plain paragraphs answer the last question
    for i, b in enumerate(blocks):
        if i in turns:
            out[i] = turns[i]
            open_turn = True
        elif b.kind == "paragraph" and open_turn:
            out[i] = replace(b, kind="answer")
        elif b.kind in ("heading", "title"):
            open_turn = False
    return out


def answerer(
    blocks: list[Block], entities: list[dict], text: str, i: int, interviewed: dict | None
) -> dict | None:
    """The speaker of answer block ``i``: in a transcript, the person whose surname is the label
    of the turn it belongs to ("NOWICKI:" -> Marek Nowicki); otherwise ``interviewed`` (what
    :func:`interviewee` found)."""
    j = i
    while j > 0 and blocks[j].kind == "answer":
        line = text.rfind("\n", 0, blocks[j].start) + 1
        label = label_at(text, line, blocks[j].end)
        if label is not None and label[1] == blocks[j].start:
            word = label[0].casefold()
            people = [
                e
                for e in entities
                if e["kind"] == "person" and e["canonical"].split()[-1].casefold() == word
            ]
            return people[0] if people else None
        j -= 1
    return interviewed


def interviewee(blocks: list[Block], entities: list[dict]) -> dict | None:
    """The person who answers, as an entity record: the first person named before the first
    question (the title included), one with a title or country before one without ("By Jane
    Roe"). A person whose title names no country ("Deputy Defence Minister Serhiy Melnychuk
    oversees Ukraine's cooperation …") speaks for the first country named in the same block,
    else in the title. None when the article is no interview or names nobody before it."""
    first = next((b for b in blocks if b.kind == "question"), None)
    if first is None or not any(b.kind == "answer" for b in blocks):
        return None
    before = sorted(
        (e for e in entities if e["start_char"] < first.start), key=lambda e: e["start_char"]
    )
    people = [e for e in before if e["kind"] == "person"]
    if not people:
        return None
    person = next((e for e in people if e.get("role") or e.get("country_code")), people[0])
    if person.get("country_code"):
        return person
    block = next((b for b in blocks if b.start <= person["start_char"] < b.end), None)
    spans = [(block.start, block.end)] if block else []
    spans += [(b.start, b.end) for b in blocks if b.kind == "title"]
    for lo, hi in spans:
        code = next(
            (
                e["country_code"]
                for e in before
                if e["kind"] == "country" and lo <= e["start_char"] < hi and e.get("country_code")
            ),
            None,
        )
        if code:
            return {**person, "country_code": code}
    return person


def question_before(blocks: list[Block], i: int) -> int:
    """Index of the question an answer block ``i`` answers, or -1."""
    j = i
    while j > 0 and blocks[j].kind == "answer":
        j -= 1
    return j if j < i and blocks[j].kind == "question" else -1
