"""The principals of an official document: the people (or countries) its title, first paragraph
and any paragraph listing the participants name, with their roles and countries (see
quotes/official.py).

``Principals(title, home, text, blocks, entities, gaz)`` finds them: the people the title names
after a role ("Readout of President Vel's Call with President Oran of Estmark"; in a Title Case
headline the name ends at a word neither the gazetteer nor the text knows), then the people the
first paragraph, or a paragraph opening with ``participants`` in cues.yml ("Participants in the
call included …"), names with a title; a title that names no person gives its countries ("Joint
Statement on Estmark-Norland Meeting"). A principal's country is "… of <country>" in the title,
else the gazetteer's, else the organisation's before the role ("NATO Secretary General": none),
else ``home``, the publisher's country. ``by_name``, ``by_role`` and ``author`` find one of them;
``byline`` reads the "Name, Role" line above a press statement. The first paragraph is the first
that does not end in a colon ("The below is attributable to Spokesperson Ned Price:"). Surnames
match with or without accents ("LIPAVSKY" is "Lipavský"). How the title and first paragraph are
read (names in a headline, the countries of a run of title words) is quotes/titlereading.py.
"""

from __future__ import annotations

import re

from workbench.quotes.principal import WORD, Principal, surname_of
from workbench.quotes.titlereading import TitleReading
from workbench.quotes.titleruns import heads, run_after, run_before, unpossessive
from workbench.read.structure import is_attribution
from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import OfficialWords
from workbench.schema import Block

__all__ = ["Principal", "Principals", "surname_of"]


class Principals(TitleReading):
    """The principals of one document (``found``, in the order the document names them; none
    unless ``find``)."""

    def __init__(
        self,
        title: str,
        home: str | None,
        text: str,
        blocks: list[Block],
        entities: list[dict],
        gaz: Gazetteer,
        words: OfficialWords,
        *,
        find: bool = True,
    ):
        self.title, self.home, self.text, self.blocks = title, home, text, blocks
        self.entities, self.gaz, self.words = entities, gaz, words
        self.found: list[Principal] = []
        if find:  # an official document (a genre title or a known publisher)
            self.found = self._find()

    def _find(self) -> list[Principal]:
        found = self._from_title()
        for e in self._named_in_title():
            if all(p.surname != surname_of(e["canonical"]) for p in found):
                org = self._organisation_before(*self._title_position(e["canonical"]))
                country = e.get("country_code") or org[1]
                found.append(self.principal(e["canonical"], e.get("role"), country, org))
        paragraphs = [b for b in self.blocks if b.kind == "paragraph"]
        while (
            paragraphs and self.text[paragraphs[0].start : paragraphs[0].end].rstrip()[-1:] == ":"
        ):
            paragraphs = paragraphs[1:]  # "The below is attributable to Spokesperson Ned Price:"
        first = paragraphs[0] if paragraphs else None
        listed = [first, *(b for b in paragraphs[1:] if self._lists_participants(b))]
        if first is not None:
            self.found = found
            for e in self.entities:
                if e["kind"] != "person" or not any(
                    b.start <= e["start_char"] < b.end for b in listed
                ):
                    continue
                if not self._titled(e) or self.by_name(e["canonical"]) is not None:
                    continue
                country = e.get("country_code")
                if country is None and self._counterpart(e):
                    country = self._sole_other_country(first)
                name = e["canonical"]
                found.append(Principal(name, surname_of(name), (e.get("role") or None), country))
        if not found:  # "Joint Statement on United States-Ukraine Meeting": the countries
            found = self._title_countries()
        if not found and first is not None:  # "representatives of the United States and X met"
            for e in self.entities:
                if e["kind"] == "country" and first.start <= e["start_char"] < first.end:
                    if e.get("country_code") and all(p.country != e["country_code"] for p in found):
                        surname = normalise(e["canonical"])
                        found.append(Principal(e["canonical"], surname, None, e["country_code"]))
        return found

    def _lists_participants(self, block: Block) -> bool:
        """A paragraph that opens by listing the participants ("Participants in the call
        included …")."""
        opening = self.text[block.start : block.start + 40].lstrip().lower()
        return any(
            opening.startswith(p) and not opening[len(p) : len(p) + 1].isalpha()
            for p in self.words.participants
        )

    def _titled(self, e: dict) -> bool:
        """A person the gazetteer knows, or one named right after a title ("President X")."""
        entry = self.gaz.lookup(e["canonical"])
        if entry is not None and entry.kind == "person":
            return True
        before = self.text[max(0, e["start_char"] - 60) : e["start_char"]].split()
        return any(
            normalise(" ".join(before[-n:])) in self.gaz.roles and before[-n][:1].isupper()
            for n in (1, 2, 3, 4)
            if len(before) >= n
        )

    def principal(
        self, written: str, role: str | None, country: str | None, org: tuple[bool, str | None]
    ) -> Principal:
        surname = surname_of(written)
        name = written
        entry = self.gaz.lookup(written) or self.gaz.lookup(written.split()[-1])
        if entry is not None and entry.kind == "person":
            name, country = entry.canonical, country or entry.country_code
            surname = surname_of(name) if surname_of(written) == surname else surname
        else:
            people = [
                e
                for e in self.entities
                if e["kind"] == "person" and surname_of(e["canonical"]) == surname
            ]
            if people:
                best = max(people, key=lambda e: len(e["canonical"].split()))
                if len(best["canonical"].split()) > len(name.split()):
                    name = best["canonical"]
                country = country or best.get("country_code")
        if country is None:
            country = org[1] if org[0] or org[1] else self.home
        return Principal(name, surname, role, country)

    def by_name(self, name: str) -> Principal | None:
        s = surname_of(name)
        entry = self.gaz.lookup(name) or self.gaz.lookup(name.split()[-1] if name.split() else "")
        for p in self.found:
            if p.surname == s or normalise(p.name) == normalise(name):
                return p
            if entry is not None and entry.kind == "person" and entry.canonical == p.name:
                return p
        return None

    def by_role(self, role: str) -> Principal | None:
        """The principal with role ``role``, the publisher's own first."""
        fits = [p for p in self.found if p.role == role]
        fits = fits or [p for p in self.found if p.role and p.role.startswith(role + " ")]
        home = [p for p in fits if self.home is not None and p.country == self.home]
        return (home or fits or [None])[0] or self.role_holder(role)

    def author(self) -> Principal | None:
        """Who speaks a first-person statement: the person the title names after its opening
        ("Statement from National Security Advisor Kim Oro on …"); "the President" is the
        principal with that role (the publisher's own first)."""
        low = self.title.lower()
        opening = next((o for o in self.words.first_person if low.startswith(o)), None)
        if opening is None:
            return None
        words = [m.group() for m in WORD.finditer(self.title[len(opening) :])]
        phrase = []
        for w in words:
            if w.lower() in self.words.author_ends:
                break
            phrase.append(unpossessive(w))
        if not phrase:
            return None
        if phrase[0].lower() == "the":
            role = normalise(" ".join(phrase[1:]))  # the publisher's own: never a guest
            home = [p for p in self.found if p.role == role and p.country == self.home]
            return home[0] if home else self.role_holder(role)
        last = surname_of(phrase[-1])
        named = next((p for p in self.found if p.surname == last), None)
        if named is not None:
            return named
        name = phrase[-2:] if len(phrase) > 1 and phrase[-2][:1].isupper() else phrase[-1:]
        k = len(phrase) - len(name)
        if k > 0 and re.fullmatch(r"[A-Z]\.", phrase[k - 1]):  # "Donald J. Trump"
            name = phrase[max(0, k - 2) : k] + name
        if normalise(" ".join(name)) in self.gaz.roles:
            return None
        return self.principal(" ".join(name), None, None, (False, None))

    def byline(self) -> Principal | None:
        """The person a byline names: a first paragraph that is only "Name, Role" ("Antony J.
        Blinken, Secretary of State" above a press statement), the role one roles.yml knows."""
        first = next((b for b in self.blocks if b.kind == "paragraph"), None)
        if first is None:
            return None
        line = " ".join(self.text[first.start : first.end].split())
        if "," not in line or not is_attribution(line):
            return None
        written, _, rest = line.partition(",")
        if not rest.strip()[:1].isupper():
            return None  # "Mara Quill, who chairs the committee"
        role = normalise(rest.split(",")[0])
        words = role.split()
        known = next(
            (
                " ".join(words[i:j])
                for i in range(len(words))
                for j in range(len(words), i, -1)
                if " ".join(words[i:j]) in self.gaz.roles
            ),
            None,
        )
        if known is None:
            return None
        named = self.by_name(written)
        if named is not None:
            return named
        return self.principal(written.strip(), known, None, (False, None))

    def by_title(self, phrase: str) -> Principal | None:
        """The principal the text titles ``phrase`` ("the Deputy Secretary": "Deputy Secretary
        of State Wendy Sherman"; "Chief of Staff": "Bjoern Seibert, Chief of Staff for …"): the
        phrase heads a run of title words next to one of their mentions; the publisher's own
        first."""
        want = phrase.split()
        fits = [
            p
            for p in self.found
            if any(heads(want, t, self.gaz.role_words) for t in self._titles(p))
        ]
        home = [p for p in fits if self.home is not None and p.country == self.home]
        return (home or fits or [None])[0]

    def _titles(self, p: Principal) -> list[list[str]]:
        """The runs of title words around each mention of ``p`` in the title and the text."""
        given = {w.lower() for w in p.name.split()}
        stops = self.words.title_stops
        runs = [
            run_before(self.title, m.start(), given, stops)
            for m in WORD.finditer(self.title)
            if surname_of(unpossessive(m.group())) == p.surname
        ]
        for e in self.entities:
            if e["kind"] == "person" and surname_of(e["canonical"]) == p.surname:
                runs.append(run_before(self.text, e["start_char"], given, stops))
                if self.text[e["end_char"] : e["end_char"] + 2] == ", ":
                    runs.append(run_after(self.text, e["end_char"] + 2))
        return [r for r in runs if r]

    def role_holder(self, role: str) -> Principal | None:
        """A person the text names with ``role`` who speaks for the publisher (or for no
        known country): "Statement of the President" with "President Vel" in its text."""
        for e in self.entities:
            if e["kind"] != "person" or e.get("role") is None or role not in normalise(e["role"]):
                continue
            if e.get("country_code") in (None, self.home):
                return self.principal(e["canonical"], role, e.get("country_code"), (False, None))
        return None
