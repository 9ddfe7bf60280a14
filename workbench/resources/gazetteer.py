"""Load the gazetteers (YAML data files + pycountry) into one lookup of names to entries."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from workbench.resources.datafiles import default_data_path, read_data

DATA_FILES = ("countries", "organisations", "roles", "actors", "linking")


@dataclass(frozen=True)
class Entry:
    """What a name in the text refers to."""

    canonical: str
    kind: str  # person | country | organisation | place | other
    type: str  # country | demonym | capital | seat | organisation | region | actor
    country_code: str | None = None
    label: str = ""  # the spaCy-style label used when NER did not find the mention
    role: str | None = None  # actors: their role phrase


@dataclass(frozen=True)
class Actor:
    name: str
    country: str | None
    role: str | None
    surname: str
    first: str


@dataclass
class Gazetteer:
    """Names (lower-cased) to entries, plus the rules that go with them."""

    names: dict[str, Entry] = field(default_factory=dict)
    exact_case: dict[str, set[str]] = field(default_factory=dict)  # acronyms: key -> as written
    any_case: set[str] = field(default_factory=set)  # keys with a non-acronym spelling
    capitalised: set[str] = field(default_factory=set)  # names matched only when capitalised
    roles: dict[str, str] = field(default_factory=dict)  # role phrase -> role_class
    role_countries: dict[str, str] = field(default_factory=dict)
    actors: list[Actor] = field(default_factory=list)
    speech_nouns: set[str] = field(default_factory=set)
    ner_labels: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)  # "Mr", "Dr": not part of a name
    country_names: dict[str, str] = field(default_factory=dict)  # alpha-3 -> shown name
    fingerprint: str = ""  # hash of every data file in effect (for the cache)
    max_len: int = 1  # longest name, in tokens (for matching)
    first_words: set[str] = field(default_factory=set)  # first word of every name
    role_pattern: re.Pattern | None = None  # every role phrase, longest first
    role_words: set[str] = field(default_factory=set)  # every word of a role phrase
    home_capitals: dict[str, str] = field(default_factory=dict)  # seat that is a capital -> code

    def lookup(self, text: str, written: str | None = None) -> Entry | None:
        """The entry for ``text`` under the case rules; ``written`` is the text as it stands."""
        key = normalise(text)
        entry = self.names.get(key)
        if entry is None:
            return None
        written = text if written is None else written
        if key in self.exact_case and written.replace("’", "'") not in self.exact_case[key]:
            return None
        if key in self.capitalised and not written[:1].isupper():
            return None
        return entry


@lru_cache(maxsize=65536)  # called for every token of every article: the same words recur
def normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").split()).lower()


_UNACCENTED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})


def unaccented(text: str) -> str:
    """``text`` without accents ("Lipavský" -> "Lipavsky", "Sørlie" -> "Sorlie")."""
    bare = unicodedata.normalize("NFKD", text.translate(_UNACCENTED))
    return "".join(c for c in bare if not unicodedata.combining(c))


def load_gazetteer(
    actors: str | Path | None = None, extra_actors: list[dict] | None = None
) -> Gazetteer:
    """Load the shipped data files; ``actors`` replaces the actors file; ``extra_actors`` (analyst
    aliases, same fields as the actors file) are added to it."""
    paths = {name: default_data_path(name) for name in DATA_FILES}
    if actors is not None:
        paths["actors"] = Path(actors)
    raw, digest = {}, hashlib.sha256(pycountry.__name__.encode())
    for name in DATA_FILES:
        raw[name], fingerprint = read_data(paths[name], name)
        digest.update(f"{name}={fingerprint}".encode())
    if extra_actors:
        raw["actors"] = {"actors": [*(raw["actors"].get("actors") or []), *extra_actors]}
        digest.update(repr(extra_actors).encode())
    gaz = Gazetteer(fingerprint=digest.hexdigest())
    _load_countries(gaz, raw["countries"])
    _load_organisations(gaz, raw["organisations"])
    _load_roles(gaz, raw["roles"])
    _load_linking(gaz, raw["linking"])
    _load_actors(gaz, raw["actors"])
    gaz.max_len = max(len(k.split()) for k in gaz.names)
    gaz.first_words = {k.split()[0] for k in gaz.names}
    gaz.role_words = {w for phrase in gaz.roles for w in phrase.split()} - {
        "of",
        "the",
        "for",
        "in",
    }
    phrases = sorted(gaz.roles, key=len, reverse=True)
    alternation = "|".join(re.escape(p) for p in phrases) or "(?!)"
    gaz.role_pattern = re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])")
    return gaz


def _add(gaz: Gazetteer, name: str, entry: Entry, overwrite: bool = True) -> None:
    key = normalise(name)
    if not key or (not overwrite and key in gaz.names):
        return
    gaz.names[key] = entry
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 5:
        if key not in gaz.any_case:  # acronyms: "US" is not "us" (unless "Nato" is listed too)
            gaz.exact_case.setdefault(key, set()).add(name.replace("’", "'"))
    else:
        gaz.any_case.add(key)
        gaz.exact_case.pop(key, None)


def _load_countries(gaz: Gazetteer, data: dict) -> None:
    for c in pycountry.countries:
        code = c.alpha_3
        shown = getattr(c, "common_name", None) or c.name
        gaz.country_names[code] = shown
        entry = Entry(shown, "country", "country", code, "GPE")
        for name in {c.name, shown, getattr(c, "official_name", None)} - {None}:
            _add(gaz, name, entry, overwrite=False)
    for code, info in (data.get("countries") or {}).items():
        info = info or {}
        shown = info.get("name") or gaz.country_names.get(code, code)
        gaz.country_names[code] = shown
        entry = Entry(shown, "country", "country", code, "GPE")
        for name in [shown, *(info.get("aliases") or [])]:
            _add(gaz, name, entry)
        for name in info.get("demonyms") or []:
            _add(gaz, name, Entry(shown, "country", "demonym", code, "NORP"))
        if info.get("capital"):
            _add(gaz, info["capital"], Entry(info["capital"], "place", "capital", code, "GPE"))
        for seat in info.get("seats") or []:
            _add(gaz, seat, Entry(seat, "organisation", "seat", code, "ORG"))
    gaz.capitalised |= {normalise(n) for n in data.get("case_sensitive") or []}


def _load_organisations(gaz: Gazetteer, data: dict) -> None:
    for name, info in (data.get("organisations") or {}).items():
        info = info or {}
        code = info.get("country_code")
        entry = Entry(name, "organisation", "organisation", code, "ORG")
        for alias in [name, *(info.get("aliases") or [])]:
            _add(gaz, alias, entry)
        for seat in info.get("seats") or []:
            home = gaz.names.get(normalise(seat))
            if home is not None and home.type == "capital" and home.country_code:
                gaz.home_capitals[normalise(seat)] = home.country_code  # Brussels: BEL too
            _add(gaz, seat, Entry(name, "organisation", "seat", code, "GPE"))
        if code and code not in gaz.country_names:
            gaz.country_names[code] = name


def _load_roles(gaz: Gazetteer, data: dict) -> None:
    for role_class, phrases in (data.get("roles") or {}).items():
        for phrase in phrases or []:  # class "none": the word is a title, its class unknown
            gaz.roles[normalise(phrase)] = None if role_class == "none" else role_class
    gaz.role_countries = {normalise(k): v for k, v in (data.get("role_countries") or {}).items()}


def _load_linking(gaz: Gazetteer, data: dict) -> None:
    gaz.speech_nouns = {normalise(w) for w in data.get("speech_nouns") or []}
    gaz.ner_labels = set(data.get("ner_labels") or [])
    gaz.honorifics = {str(w).lower() for w in data.get("honorifics") or []}
    for region in data.get("regions") or []:
        kind = region.get("kind", "place")
        entry = Entry(region["name"], kind, "region", None, "LOC" if kind == "place" else "NORP")
        for alias in region.get("aliases") or []:
            _add(gaz, alias, entry)


def _load_actors(gaz: Gazetteer, data: dict) -> None:
    for item in data.get("actors") or []:
        name = item["name"]
        parts = name.split()
        actor = Actor(name, item.get("country"), item.get("role"), parts[-1], parts[0])
        gaz.actors.append(actor)
        entry = Entry(name, "person", "actor", actor.country, "PERSON", actor.role)
        for alias in [name, *(item.get("aliases") or [])]:
            _add(gaz, alias, entry)
