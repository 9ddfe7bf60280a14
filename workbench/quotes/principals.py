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
match with or without accents ("LIPAVSKY" is "Lipavský").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.entities.people import without_portfolio
from workbench.quotes.titleruns import LINKS, heads, run_after, run_before, unpossessive
from workbench.read.structure import is_attribution
from workbench.resources.gazetteer import Gazetteer, normalise, unaccented
from workbench.resources.words import OfficialWords
from workbench.schema import Block

_WORD = re.compile(r"[^\W\d][\w.’'\-]*")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii"}


@dataclass(frozen=True)
class Principal:
    """A person (or a country) a document is about: name, surname, role phrase, country."""

    name: str
    surname: str
    role: str | None
    country: str | None


def surname_of(name: str) -> str:
    """The last word of a name, suffixes ("Jr.") and commas left out, lower-cased, without
    accents ("LIPAVSKY" in a transcript's label is "Lipavský")."""
    words = [w.strip(",").lower() for w in unaccented(name).replace("’", "'").split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else ""


class Principals:
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
                name = without_portfolio(e["canonical"], self.words.portfolio_ends)
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

    def _named_in_title(self) -> list[dict]:
        """The people of the text whose surname is a word of the title ("Counselor Chollet’s Trip
        to Ukraine" names Derek Chollet, whatever his title), in the title's order; not a name
        the text also writes in lower case, a common word spaCy took for a name."""
        words = [
            surname_of(unpossessive(w))
            for w in _WORD.findall(self.title)
            if w[:1].isupper() and len(w) > 2 and w.lower() not in self.words.title_stops
        ]
        people = [e for e in self.entities if e["kind"] == "person"]
        surnames = {surname_of(e["canonical"]) for e in people}
        titles = {w for w, nxt in zip(words, words[1:], strict=False) if nxt in surnames}
        out: dict[str, tuple[int, dict]] = {}
        for e in people:
            parts = [surname_of(w) for w in e["canonical"].split()[1:] if len(w) > 2]
            named = [s for s in parts or [surname_of(e["canonical"])] if s in words]
            if not named or surname_of(e["canonical"]) in out or named[0] in titles:
                continue  # not "Counselor" (spaCy's person) before "Chollet’s"
            if re.search(rf"\b{re.escape(named[0])}\b", self.text):
                continue  # a word the text also writes in lower case: "Resourcing Conference"
            # "Chairperson Faki" names Moussa Faki Mahamat
            out[surname_of(e["canonical"])] = (words.index(named[0]), e)
        return [e for _, e in sorted(out.values(), key=lambda x: x[0])]

    def _title_position(self, name: str) -> tuple[list[tuple[str, int]], int]:
        """The title's words and the index of the first that is a word of ``name`` but its first
        (0: none)."""
        words = [(m.group(), m.start()) for m in _WORD.finditer(self.title)]
        parts = {surname_of(w) for w in name.split()[1:]} or {surname_of(name)}
        at = next(
            (k for k, (w, _) in enumerate(words) if surname_of(unpossessive(w)) in parts),
            0,
        )
        return words, at

    def _sole_other_country(self, first: Block) -> str | None:
        """The one country other than ``home`` that the title and the first paragraph name, if
        only one: "Foreign Minister Sirojiddin Muhriddin" in "U.S.-Tajikistan Consultations"
        speaks for Tajikistan."""
        codes = {p.country for p in self._title_countries()}
        codes |= {
            e.get("country_code")
            for e in self.entities
            if e["kind"] == "country" and first.start <= e["start_char"] < first.end
        }
        codes -= {None, self.home}
        return next(iter(codes)) if len(codes) == 1 else None

    def _counterpart(self, e: dict) -> bool:
        """A person whose title the publisher's own officials never hold ("Foreign Minister" in
        a U.S. document: ``counterpart_roles``), not an organisation's ("OAS Secretary General
        X")."""
        words = set((e.get("role") or "").lower().split())
        if not words & self.words.counterpart_roles.get(self.home or "", frozenset()):
            return False
        return not self._org_titled(e)

    def _org_titled(self, e: dict) -> bool:
        """An organisation's name runs into the person's title ("OAS Minister X")."""
        for o in self.entities:
            if o["kind"] == "organisation" and o["end_char"] <= e["start_char"]:
                between = self.text[o["end_char"] : e["start_char"]].split()
                if len(between) < 8 and all(w[:1].isupper() or w in LINKS for w in between):
                    return True
        return False

    def _lists_participants(self, block: Block) -> bool:
        """A paragraph that opens by listing the participants ("Participants in the call
        included …")."""
        opening = self.text[block.start : block.start + 40].lstrip().lower()
        return any(
            opening.startswith(p) and not opening[len(p) : len(p) + 1].isalpha()
            for p in self.words.participants
        )

    def _title_countries(self) -> list[Principal]:
        words = re.findall(r"[^\W\d][\w.’']*", self.title.replace("-", " "))
        out: list[Principal] = []
        i = 0
        while i < len(words):
            for n in (3, 2, 1):
                entry = self.gaz.lookup(" ".join(words[i : i + n])) if i + n <= len(words) else None
                if entry is not None and entry.kind == "country" and entry.country_code:
                    if all(p.country != entry.country_code for p in out):
                        name = self.gaz.country_names.get(entry.country_code, entry.canonical)
                        out.append(Principal(name, normalise(name), None, entry.country_code))
                    i += n
                    break
            else:
                i += 1
        return out

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

    def _from_title(self) -> list[Principal]:
        words = [(m.group(), m.start()) for m in _WORD.finditer(self.title)]
        out: list[Principal] = []
        i = 0
        while i < len(words):
            role, n = self._role_at(words, i)
            if role is None:
                i += 1
                continue
            j = i + n
            name: list[str] = []
            while j < len(words) and len(name) < 4:
                w = words[j][0]
                if name and "," in self.title[words[j - 1][1] : words[j][1]]:
                    break  # "… Secretary General Stoltenberg, OSCE Chair-in-Office …"
                bare = unpossessive(w)
                k = j  # "Mohammed bin Abdulrahman Al-Thani", "Jan van der Berg"
                while k < len(words) and words[k][0] in self.words.name_particles:
                    k += 1
                particle = name and k > j and k < len(words) and words[k][0][:1].isupper()
                if particle:
                    name.append(w)
                    j += 1
                    continue
                if not w[:1].isupper() or bare.lower() in self.words.title_stops:
                    break
                if normalise(bare) in self.gaz.roles:
                    break
                name.append(bare)
                j += 1
                if bare != w:  # "President Vel’s Call": the possessive ends the name
                    break
            if not name:
                i = j
                continue
            name = self._checked_name(name, role)
            if name is None:
                i = j
                continue
            country, j = self._of_country(words, j)
            org = self._organisation_before(words, i)
            out.append(self.principal(" ".join(name), role, country, org))
            i = j
        return out

    def _checked_name(self, name: list[str], role: str) -> list[str] | None:
        """The words of a Title Case headline that are the name ("President Donald J. Trump
        Secures Agreement": "Donald J. Trump"): the longest run the gazetteer or the text knows;
        a government title keeps up to two words (an initial more) when neither does; a
        title of another class ("Expert Groups") needs the text."""
        for k in range(len(name), 0, -1):
            last = name[k - 1]
            entry = self.gaz.lookup(" ".join(name[:k])) or self.gaz.lookup(last)
            if entry is not None and entry.kind == "person":
                return name[:k]
            if entry is not None:
                continue  # "Joey Hood Visits Tunisia": a country ends no name
            said = (last, last.upper())  # a transcript's labels are in capitals
            if len(last) > 2 and any(re.search(rf"\b{re.escape(w)}\b", self.text) for w in said):
                return name[:k]
        if self.gaz.roles.get(role) in (None, "other"):  # role classes: roles.yml
            return None
        keep = 3 if len(name) > 2 and re.fullmatch(r"[A-Z]\.", name[1]) else 2
        return name[:keep]

    def _role_at(self, words: list[tuple[str, int]], i: int) -> tuple[str | None, int]:
        for n in (4, 3, 2, 1):
            if i + n > len(words):
                continue
            phrase = normalise(" ".join(w for w, _ in words[i : i + n]))
            if phrase in self.gaz.roles and words[i][0][:1].isupper():
                return phrase, n
        return None, 0

    def _of_country(self, words: list[tuple[str, int]], j: int) -> tuple[str | None, int]:
        if j >= len(words) or words[j][0].lower() != "of":
            return None, j
        k = j + 1
        if k < len(words) and words[k][0].lower() == "the":
            k += 1
        for n in (3, 2, 1):
            if k + n > len(words):
                continue
            entry = self.gaz.lookup(" ".join(w for w, _ in words[k : k + n]))
            if entry is not None and entry.kind == "country" and entry.country_code:
                return entry.country_code, k + n
        return None, j

    def _organisation_before(self, words: list[tuple[str, int]], i: int) -> tuple[bool, str | None]:
        """(an organisation or country stands before the role, its country): "NATO Secretary
        General", "European Commission President", and further back in the same run of title
        words: "Kenyan Cabinet Secretary for Foreign Affairs Ambassador Raychelle Omamo"."""
        lo = i
        while lo > 0 and lo > i - 8:
            w = words[lo - 1][0]
            # "Colombian Vice President and Foreign Minister …", "Qatari Minister of Foreign
            # Affairs and Deputy Prime Minister …" are one title
            joined = (
                w.lower() == "and"
                and lo > 1
                and words[lo - 2][0][:1].isupper()
                and any(
                    words[k][0].lower() in self.gaz.role_words
                    for k in range(max(0, lo - 6), lo - 1)
                )
            )
            if not w[:1].isupper() and w.lower() not in LINKS and not joined:
                break
            if w.lower() in self.words.title_stops and w.lower() not in LINKS and not joined:
                break
            lo -= 1
        end = i
        while end > lo:
            for n in range(min(6, end - lo), 0, -1):  # the longest name ending here
                entry = self.gaz.lookup(" ".join(w for w, _ in words[end - n : end]))
                if entry is not None and entry.kind in ("organisation", "country"):
                    break
            else:
                end -= 1
                continue
            before = [w.lower() for w, _ in words[max(lo, end - n - 2) : end - n]]
            if end - n == lo and lo > 0 and words[lo - 1][0].lower() == "to":
                before.append("for")  # "Ambassador to Libya X": a posting, as a portfolio is
            if "for" not in before:
                return entry.kind == "organisation", entry.country_code
            end -= n  # a portfolio: "Special Representative for the DPRK Sung Kim"
        return False, None

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
        return Principal(without_portfolio(name, self.words.portfolio_ends), surname, role, country)

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
        words = [m.group() for m in _WORD.finditer(self.title[len(opening) :])]
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
            for m in _WORD.finditer(self.title)
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
