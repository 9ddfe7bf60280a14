"""A joint statement's own text: the paragraphs its signatories speak together.

"Joint Statement on Belarus" opens with a lead-in that names who issues it ("The text of the
following statement was released by the Governments of the United States of America, Canada and
the United Kingdom, and the European External Action Service."), often a "Begin text:" line, and
then speaks in the first person plural ("We are united in our deep concern …"). Each paragraph
of that text is one direct statement of all the signatories: the people the lead-in names, else
its countries and organisations, in its order (else the document's principals).

The text is the paragraphs between "Begin text:" and "End text." when the document has such a
line and they speak in the first person plural somewhere; else the paragraphs in the first
person plural. A title names the genre when it contains
one of ``official.joint_statements`` (``data/cues.yml``); a joint statement that only narrates
("Both sides agreed …") has no such text and is read as a readout.
"""

from __future__ import annotations

import re

from workbench.read.structure import is_attribution
from workbench.schema import Block

_BEGIN = re.compile(r"(?i)\s*begin(?: the)? text\s*:?\s*")
_END = re.compile(r"(?i)\s*end(?: of)?(?: the)? text\s*\.?\s*")
_WE = re.compile(r"(?i)\bwe\b")  # the subject: "our two countries" also narrates
_KINDS = ("paragraph", "list_item")


def is_joint_statement(title: str, names: tuple[str, ...]) -> bool:
    low = " ".join(title.lower().replace("’", "'").split())
    return any(n in low for n in names)


def joint_text(text: str, blocks: list[Block]) -> tuple[list[int], list[int]]:
    """(the lead-in's blocks, the statement's own blocks), as block indexes; both empty when the
    document has no first-person plural text."""
    paragraphs = [bi for bi, b in enumerate(blocks) if b.kind in _KINDS]
    line = {bi: text[blocks[bi].start : blocks[bi].end] for bi in paragraphs}
    begin = next((bi for bi in paragraphs if _BEGIN.fullmatch(line[bi])), None)
    if begin is not None:
        end = next((bi for bi in paragraphs if bi > begin and _END.fullmatch(line[bi])), None)
        own = [bi for bi in paragraphs if bi > begin and (end is None or bi < end)]
        if not any(_WE.search(line[bi]) for bi in own):
            return [], []  # a text that narrates ("They discussed …") is read as a readout
        return [bi for bi in paragraphs if bi < begin], own
    own = [bi for bi in paragraphs if _WE.search(line[bi])]
    if not own:
        return [], []
    return [bi for bi in paragraphs if bi < own[0]], own


def signatories(
    text: str, blocks: list[Block], lead_in: list[int], entities: list[dict]
) -> list[tuple[str, str | None]]:
    """(name, country code) of each person the lead-in names ("a joint statement by Secretary of
    State Antony J. Blinken, EU High Representative Josep Borrell, and …"), else of each country
    and organisation, in its order; a byline ("Office of the Spokesperson") names no one."""
    spans = [
        (blocks[bi].start, blocks[bi].end)
        for bi in lead_in
        if not is_attribution(" ".join(text[blocks[bi].start : blocks[bi].end].split()))
    ]
    named = [
        e
        for e in sorted(entities, key=lambda e: e["start_char"])
        if any(a <= e["start_char"] < b for a, b in spans)
    ]
    people = [e for e in named if e["kind"] == "person"]
    out: list[tuple[str, str | None]] = []
    for e in people or [e for e in named if e["kind"] in ("country", "organisation")]:
        if all(e["canonical"] != name for name, _ in out):
            out.append((e["canonical"], e.get("country_code")))
    return out
