"""A speaker's country from where they speak, when their own title or name gives none.

``assign_countries(doc, blocks, entities, quotes, gaz)`` fills ``speaker_country`` of a person
speaker whose title names no country ("Prime Minister Marit Haugen said"), or whose country came
only from the context of their first mention (the subject of the sentence before, or a person named
in their title), and records the evidence in ``country_via``. The evidence, strongest first:

- ``sentence``: the subject of the reported clause is a country stating its own position ("Norway
  stands ready to help, Prime Minister Marit Haugen said"; "… will …"), not negated;
- ``lead-in``: the speaker's sentence, or the first sentence of their paragraph, opens with
  "In <capital>," ("In Bratislava, Prime Minister Tomas Hrubo dismissed …");
- ``dateline``: the speaker is named in the sentence of the article's dateline ("OSLO — Prime
  Minister Marit Haugen said …"). Later paragraphs are not covered: a dateline is often where a
  meeting of many countries was held. A dateline fills a missing country, never corrects one.

Location evidence (lead-in, dateline) counts only for a speaker with a role: a minister in Oslo
speaks for Norway, a passer-by does not. Only quotes whose speaker phrase writes the name count
("…, Prime Minister Marit Haugen said"; not "she said" or "the minister said", whose resolution
may be wrong). Capitals that seat an organisation (Brussels) are no
evidence. All quotes of one speaker share one country: the strongest kind of evidence found for
them, when it names one country; two countries at that level give none (a wrong country is worse
than none).

A speaker the text does not name ("a senior official in Oslo said", "officials in Warsaw",
``speaker_kind`` anonymous, group or unresolved) takes the country its own phrase places it in:
``phrase``, when the phrase names one country or one national capital (not a seat of an
organisation) and nothing that makes the place only where they stand ("a Western diplomat in Kyiv":
any other named group or place gives none).

Every record gets ``country_via``: ``title`` (the speaker's title, role or name), ``actors`` (the
actors file), ``context`` (the sentence before their first mention, or a person in their title),
one of the three above, ``phrase``, or None when no country is known.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from workbench.nlp.model import text_of
from workbench.nlp.syntax import is_dateline
from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import country_words, stance_words
from workbench.schema import Block

_LEVELS = ("sentence", "lead-in", "dateline")
UNNAMED = ("anonymous", "group", "unresolved")  # speaker kinds whose phrase may place them
_OWN = {"title": "title", "actors": "actors", "lede": "context", "reference": "context"}
_LEAD_IN_TOKENS = 6  # "In Bratislava on Monday," at most this many tokens before the comma


def assign_countries(
    doc: Doc, blocks: list[Block], entities: list[dict], quotes: list[dict], gaz: Gazetteer
) -> list[dict]:
    """The quote records with ``speaker_country`` filled or corrected and ``country_via`` set."""
    people = {e["canonical"]: e for e in entities if e["kind"] == "person"}
    found: dict[str, dict[str, set[str]]] = {}  # speaker -> level -> country codes
    for q in quotes:
        person = people.get(q.get("speaker") or "")
        if person is None or _OWN.get(person.get("country_via") or "") in ("title", "actors"):
            continue
        if not _named(doc, q, person):  # "he said", "the defence minister said": no evidence
            continue
        levels = found.setdefault(q["speaker"], {})
        for level, code in _evidence(doc, blocks, entities, q, person, gaz):
            levels.setdefault(level, set()).add(code)
    chosen = {name: _choose(levels) for name, levels in found.items()}
    out = []
    for q in quotes:
        q = dict(q)
        pick = chosen.get(q.get("speaker") or "")
        if pick is not None:
            q["speaker_country"], q["country_via"] = pick[1], pick[0]
        else:
            q["country_via"] = _via(q, people) if q.get("speaker_country") else None
        if q.get("speaker_country") is None and q.get("speaker_kind") in UNNAMED:
            code = _phrase_country(entities, q, gaz)
            if code is not None:
                q["speaker_country"], q["country_via"] = code, "phrase"
        out.append(q)
    return out


def _phrase_country(entities: list[dict], q: dict, gaz: Gazetteer) -> str | None:
    """The one country an unnamed speaker's phrase places them in: a country or a national
    capital ("a senior official in Oslo", "officials in Warsaw"); None when the phrase names
    anything else as well ("a Western diplomat in Kyiv", "a diplomat from Paris in Kyiv")."""
    lo, hi = q.get("speaker_start"), q.get("speaker_end")
    if lo is None or hi is None:
        return None
    codes = set()
    for e in entities:
        if not (lo <= e["start_char"] and e["end_char"] <= hi):
            continue
        code = e.get("country_code") if e["kind"] == "country" else _capital(e, gaz)
        if code is None:
            return None  # "a Western diplomat in Kyiv": a place is not a side
        codes.add(code)
    return next(iter(codes)) if len(codes) == 1 else None


def _named(doc: Doc, q: dict, person: dict) -> bool:
    """Whether the quote's speaker phrase writes the person's name (its last word)."""
    if q.get("speaker_start") is None or q.get("speaker_end") is None:
        return False
    phrase = text_of(doc)[q["speaker_start"] : q["speaker_end"]].lower()
    return person["canonical"].split()[-1].lower() in phrase


def _choose(levels: dict[str, set[str]]) -> tuple[str, str] | None:
    for level in _LEVELS:
        codes = levels.get(level)
        if codes:
            return (level, next(iter(codes))) if len(codes) == 1 else None
    return None


def _via(q: dict, people: dict[str, dict]) -> str:
    person = people.get(q.get("speaker") or "")
    if person is None or person.get("country_code") != q["speaker_country"]:
        return "title"  # an organisation or government speaks under its own name
    return _OWN.get(person.get("country_via") or "", "title")


def _evidence(
    doc: Doc, blocks: list[Block], entities: list[dict], q: dict, person: dict, gaz: Gazetteer
) -> list[tuple[str, str]]:
    out = []
    code = _clause_subject_country(doc, entities, q["start_char"], q["end_char"])
    if code:
        out.append(("sentence", code))
    if not (person.get("role") or person.get("role_class")):
        return out
    at = q["speaker_start"] if q.get("speaker_start") is not None else q["start_char"]
    sent = _token_at(doc, at).sent
    para = next((b for b in blocks if b.start <= at < b.end), None)
    firsts = [sent]
    if para is not None:
        firsts.append(_token_at(doc, para.start).sent)
    for s in firsts:
        code = _lead_in_capital(doc, entities, s, gaz)
        if code:
            out.append(("lead-in", code))
    dateline = _dateline(doc, blocks, entities, gaz)
    if dateline is not None and sent.start in dateline[0] and not person.get("country_code"):
        out.append(("dateline", dateline[1]))
    return out


def _clause_subject_country(doc: Doc, entities: list[dict], start: int, end: int) -> str | None:
    """The country that is the subject of the reported clause at ``start:end``, when the clause
    states that country's own position ("Norway stands ready", "Estonia will send")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    verb = next((t for t in roots if t.pos_ in ("VERB", "AUX", "ADJ")), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    modals = stance_words().actor_modals | stance_words().future_modals
    own = country_words().own_position
    states_own = any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)
    states_own = states_own or verb.lemma_.lower() in own
    states_own = states_own or any(
        c.dep_ in ("acomp", "oprd", "xcomp") and c.lemma_.lower() in own for c in verb.children
    )
    if not states_own:
        return None
    country = _entity_at(entities, subj.idx)
    if country is None or country["kind"] != "country" or not country.get("country_code"):
        return None
    return country["country_code"]


def _lead_in_capital(doc: Doc, entities: list[dict], sent: Span, gaz: Gazetteer) -> str | None:
    """The country of "In <capital>," opening ``sent`` (after a dateline, if any)."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) > 2 and is_dateline(toks[0]):
        toks = toks[2:]
    if len(toks) < 3 or toks[0].lower_ != "in":
        return None
    place = _entity_at(entities, toks[1].idx)
    code = _capital(place, gaz)
    if code is None:
        return None
    for t in toks[1 : 1 + _LEAD_IN_TOKENS]:
        if t.text == ",":
            return code
        if t.pos_ in ("VERB", "AUX"):
            return None
    return None


def _dateline(
    doc: Doc, blocks: list[Block], entities: list[dict], gaz: Gazetteer
) -> tuple[set[int], str] | None:
    """The first tokens of the dateline's sentence (and of the next when the parser split the
    dateline off: "RIGA, March 3" | "— Foreign Minister …"), and the country of its capital."""
    first = next((b for b in blocks if b.kind == "paragraph"), None)
    if first is None:
        return None
    tok = _token_at(doc, first.start)
    while tok.is_space and tok.i + 1 < len(doc):
        tok = doc[tok.i + 1]
    if not is_dateline(tok):
        return None
    code = _capital(_entity_at(entities, tok.idx), gaz)
    if code is None:
        return None
    sent = tok.sent
    starts = {sent.start}
    if len(sent) <= _LEAD_IN_TOKENS and sent.end < len(doc) and sent.end_char < first.end:
        starts.add(doc[sent.end].sent.start)
    return starts, code


def _capital(entity: dict | None, gaz: Gazetteer) -> str | None:
    if entity is None or not entity.get("country_code"):
        return None
    entry = gaz.lookup(entity.get("text") or entity["canonical"])  # "TALLINN" may stand for Estonia
    if entry is None or entry.type != "capital" or normalise(entry.canonical) in gaz.home_capitals:
        return None
    return entity["country_code"]


def _entity_at(entities: list[dict], char: int) -> dict | None:
    return next((e for e in entities if e["start_char"] <= char < e["end_char"]), None)


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is not None and len(span):
        return span[0]
    return next((t for t in doc if t.idx >= char), doc[len(doc) - 1])
