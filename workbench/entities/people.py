"""Person mentions -> one identity each: canonical name, country spoken for, role class.

All mentions of a person in an article share one answer. A surname-only mention ("Merezhko",
"merezhko") belongs to the closest full name before it with that surname (else the first after it).
An identity's country and role come from the titles around any of its mentions (see titles.py);
the actors file adds the canonical spelling and fills what the text leaves open. A misspelt name
("Cyrus Starmer") resolves to a listed actor only by surname *and* an agreeing role or country.
"""

from __future__ import annotations

from spacy.tokens import Doc

from workbench.entities.mention import Mention
from workbench.entities.titles import titles_for
from workbench.nlp.model import text_of
from workbench.resources.gazetteer import Actor, Gazetteer, normalise
from workbench.resources.words import official_words


def resolve_people(
    doc: Doc, mentions: list[Mention], described: dict[int, dict], gaz: Gazetteer
) -> dict[int, dict]:
    """Map ``id(mention)`` of each person mention to its canonical, kind, country_code, role_class
    and role (the role phrase, used to resolve "the minister"; not a column of the table).

    ``described`` holds the records of the other mentions (countries named in a title)."""
    persons = [m for m in mentions if m.name]
    identity = _identities(persons)
    written: dict[tuple, str] = {}
    for m in persons:
        written.setdefault(identity[id(m)], text_of(doc)[m.start : m.end])

    roles, codes, refs = _title_facts(doc, mentions, persons, identity, described, gaz)
    ends = official_words().portfolio_ends

    result: dict[tuple, dict] = {}
    for key in dict.fromkeys(identity.values()):
        found = roles.get(key) or [(None, None)]
        role, role_class = next(((r, c) for r, c in found if c), found[0])
        code = (codes.get(key) or [None])[0]
        via = "title" if code else None
        actor = _match_actor(key, role, code, gaz)
        if code is None and role in gaz.role_countries:
            code, via = gaz.role_countries[role], "title"
        if actor is not None:
            code, via = code or actor.country, via or ("actors" if actor.country else None)
            role_class = role_class or (
                gaz.roles.get(normalise(actor.role)) if actor.role else None
            )
        name = actor.name if actor else without_portfolio(_display(written[key]), ends)
        role = role or (actor.role if actor else None)
        result[key] = {
            "canonical": name,
            "kind": "person",
            "country_code": code,
            "role_class": role_class,
            "role": role,
            "country_via": via,  # title | actors | lede | reference (not a column of the table)
        }
    for key, first in _first_mentions(persons, identity).items():  # "Estonia went furthest.
        if result[key]["country_code"] is None and result[key]["role_class"]:  # Minister X said"
            result[key]["country_code"] = _lede_country(doc, first, described, mentions)
            result[key]["country_via"] = "lede" if result[key]["country_code"] else None
    for key, targets in refs.items():  # "a special representative of Donald Trump"
        if result[key]["country_code"] is None:
            found = [result[t]["country_code"] for t in targets if t in result and t != key]
            result[key]["country_code"] = next((c for c in found if c), None)
            result[key]["country_via"] = "reference" if result[key]["country_code"] else None
    return {id(m): result[identity[id(m)]] for m in persons}


def _title_facts(
    doc: Doc,
    mentions: list[Mention],
    persons: list[Mention],
    identity: dict[int, tuple],
    described: dict[int, dict],
    gaz: Gazetteer,
) -> tuple[dict[tuple, list[tuple[str, str]]], dict[tuple, list[str]], dict[tuple, list[tuple]]]:
    """What the titles around each identity's mentions say: its (role, role_class) pairs, the
    country codes of countries or organisations named in them, and the people named in them."""
    roles: dict[tuple, list[tuple[str, str]]] = {}
    codes: dict[tuple, list[str]] = {}
    refs: dict[tuple, list[tuple]] = {}
    for m in persons:
        key = identity[id(m)]
        for t in titles_for(doc, m.first, m.last + 1, gaz):
            if t.role or t.role_class:
                roles.setdefault(key, []).append((t.role, t.role_class))
            lo, hi = doc[t.start].idx, doc[t.end - 1].idx + len(doc[t.end - 1])
            for x in mentions:
                if x is m or x.start < lo or x.end > hi:
                    continue
                if x.name:
                    refs.setdefault(key, []).append(identity[id(x)])
                    continue
                d = described[id(x)]
                if x.first > 0 and doc[x.first - 1].lower_ == "to":
                    continue  # "Ambassador to Libya": a posting, not the country spoken for
                if d["country_code"] and d["kind"] in ("country", "organisation"):
                    codes.setdefault(key, []).append(d["country_code"])
    return roles, codes, refs


def _first_mentions(persons: list[Mention], identity: dict[int, tuple]) -> dict[tuple, Mention]:
    out: dict[tuple, Mention] = {}
    for m in persons:
        out.setdefault(identity[id(m)], m)
    return out


def _lede_country(doc: Doc, m: Mention, described: dict[int, dict], mentions: list[Mention]):
    """The country that is the subject of the sentence just before, in the same paragraph."""
    sent = doc[m.first].sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    if "\n" in text_of(doc)[prev.end_char : sent.start_char]:
        return None
    for x in mentions:
        if x.name or not (prev.start_char <= x.start < prev.end_char):
            continue
        d = described.get(id(x), {})
        if d.get("kind") == "country" and doc[x.last].dep_ in ("nsubj", "nsubjpass"):
            return d["country_code"]
    return None


def _identities(persons: list[Mention]) -> dict[int, tuple]:
    fulls: dict[str, list[tuple[int, tuple]]] = {}
    for m in persons:
        if len(m.name) > 1:
            fulls.setdefault(m.name[-1], []).append((m.start, m.name))
    out = {}
    for m in persons:
        if len(m.name) > 1:  # "van Rossum" after "Pieter van Rossum" is the same person
            longer = [
                n
                for _, n in fulls[m.name[-1]]
                if len(n) > len(m.name) and n[-len(m.name) :] == m.name
            ]
            out[id(m)] = longer[0] if longer else m.name
            continue
        options = fulls.get(m.name[0], [])
        before = [name for pos, name in options if pos <= m.start]
        out[id(m)] = before[-1] if before else (options[0][1] if options else m.name)
    return out


def _match_actor(key: tuple, role: str | None, code: str | None, gaz: Gazetteer) -> Actor | None:
    by_name = {normalise(a.name): a for a in gaz.actors}
    entry = gaz.lookup(" ".join(key))
    if entry is not None and entry.kind == "person":
        return by_name.get(normalise(entry.canonical))
    if len(key) == 1:
        return None
    for a in gaz.actors:  # a misspelt first name: surname plus an agreeing role or country
        if normalise(a.surname) != key[-1]:
            continue
        if (code and code == a.country) or (role and a.role and normalise(a.role) == role):
            return a
    return None


def without_portfolio(name: str, ends: frozenset[str]) -> str:
    """A name without the end of a portfolio spaCy read into it ("Human Rights Uzra Zeya" after
    "Under Secretary for … Democracy, and", "Affairs Kin Moy" after "… for … Pacific"); ``ends``
    are the portfolios' last words (cues.yml ``portfolio_ends``). Two words always stay."""
    words = name.split()
    cut = [k for k, w in enumerate(words[:-2]) if w.lower() in ends]
    return " ".join(words[cut[-1] + 1 :]) if cut else name


def _display(text: str) -> str:
    name = " ".join(text.replace("’s", "").split())
    return name if any(c.isupper() for c in name) else name.title()
