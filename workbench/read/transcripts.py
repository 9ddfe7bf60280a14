"""The structure of official documents: the genre a title names, and a transcript's turns.

``genre(title, words)`` reads the genre from the start of the title ("Statement from President X
on …" is a first-person statement, "Remarks by …" a transcript, "Readout of …" a readout; the
openings are ``official`` in ``data/cues.yml``). ``turn_label(text, block)`` finds the speaker
label that opens a transcript paragraph ("PRESIDENT BIDEN:", "THE VICE PRESIDENT:", "Q  Mr.
President, …"), and ``is_procedural`` the lines that are no one's words ("END", "(Cross-talk.)",
"[Applause]", "2:17 P.M. EST"). Who a label names is for quotes/official.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.resources.words import OfficialWords
from workbench.schema import Block

_LABEL = re.compile(  # capitals only: a label is the speaker's title and name in upper case
    r"(?P<label>(?:[A-Z][A-Z.’'\-]*\s){0,4}[A-Z][A-Z.’'\-]+)(?:\s\([^)\n]{1,60}\))?:\s+"
)
_ASKER = re.compile(r"(?P<label>Q)(?::\s*|\s+)(?=\S)")
_INTERPRETED = re.compile(
    r"\((?:as interpreted|through an interpreter|via interpreter)\.?\)\s*", re.I
)
_PROCEDURAL = re.compile(
    r"^(?:\(.*\)|\[.*\]|END|(?:END\s+)?\d{1,2}:\d{2}\s*[AP]\.?M\.?(?:\s+[A-Z]{2,4})?)\.?$", re.S
)


@dataclass(frozen=True)
class Label:
    """A turn label: its words as written ("PRESIDENT BIDEN"), whether it is a question ("Q"),
    and where the spoken words start."""

    text: str
    asker: bool
    start: int  # where the label starts
    content: int


def genre(title: str | None, words: OfficialWords) -> str | None:
    """ "first_person", "transcript", "readout" or None, from the title's opening words."""
    if not title:
        return None
    low = " ".join(title.lower().replace("’", "'").split())
    for name, openings in (
        ("first_person", words.first_person),
        ("transcript", words.transcript),
        ("readout", words.readout),
    ):
        if any(low.startswith(o) for o in openings):
            return name
    return None


def turn_label(text: str, block: Block, askers: frozenset[str]) -> Label | None:
    """The label opening ``block`` (looked for from the start of its line), if any."""
    line = text.rfind("\n", 0, block.start) + 1
    if text[line : block.start].strip(" *>-") and line != block.start:
        line = block.start
    m = _ASKER.match(text, line, block.end)
    if m is not None:
        return Label("Q", True, m.start(), m.end())
    m = _LABEL.match(text, line, block.end)
    if m is None:
        return None
    label = " ".join(m.group("label").split())
    return Label(label, label.lower() in askers, m.start(), m.end())


def spoken_start(text: str, start: int, end: int) -> int:
    """``start`` past a leading "(As interpreted.)"."""
    m = _INTERPRETED.match(text, start, end)
    return m.end() if m is not None else start


def is_procedural(line: str) -> bool:
    """A line that is no one's words: "END", "(Cross-talk.)", "[Applause]", "2:17 P.M. EST", an
    end mark with no letter in it ("###", "* * *")."""
    line = " ".join(line.split())
    return _PROCEDURAL.match(line) is not None or not any(c.isalnum() for c in line)
