"""A candidate entity mention."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.resources.gazetteer import Entry

_SOURCES = {"person": 0, "gazetteer": 1, "ner": 2}


@dataclass
class Mention:
    """A candidate mention: characters ``start:end``; tokens ``first:last+1``."""

    start: int
    end: int
    first: int
    last: int
    label: str
    source: str
    entry: Entry | None = None
    name: tuple[str, ...] = ()  # person mentions: the name as lower-case words

    @property
    def key(self) -> tuple[int, int, int]:
        return (_SOURCES[self.source], -(self.end - self.start), self.start)
