"""What an official document's title and first paragraph say about its principals (a part of
:class:`~workbench.quotes.principals.Principals`): the names a Title Case headline gives after a
role and where each ends, the countries a run of title words names (a demonym or "… of
<country>" in the run, not a portfolio after "for" nor a posting after "to"; an organisation's
role has none), the countries a title names when it names no person, and the country of a
counterpart the text names without one (the one other country the title and first paragraph
name)."""

from __future__ import annotations

import re

from workbench.quotes.principal import WORD, Principal, surname_of
from workbench.quotes.titleruns import LINKS, unpossessive
from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import OfficialWords
from workbench.schema import Block


class TitleReading:
    """Title and first-paragraph reading, mixed into ``Principals`` (which sets these and
    provides ``principal``)."""

    title: str
    text: str
    home: str | None
    entities: list[dict]
    gaz: Gazetteer
    words: OfficialWords

    def principal(
        self, written: str, role: str | None, country: str | None, org: tuple[bool, str | None]
    ) -> Principal:
        raise NotImplementedError  # Principals.principal

    def _named_in_title(self) -> list[dict]:
        """The people of the text whose surname is a word of the title ("Counselor Chollet’s Trip
        to Ukraine" names Derek Chollet, whatever his title), in the title's order; not a name
        the text also writes in lower case, a common word spaCy took for a name."""
        words = [
            surname_of(unpossessive(w))
            for w in WORD.findall(self.title)
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
        words = [(m.group(), m.start()) for m in WORD.finditer(self.title)]
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

    def _from_title(self) -> list[Principal]:
        words = [(m.group(), m.start()) for m in WORD.finditer(self.title)]
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
