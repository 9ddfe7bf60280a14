"""Entity mentions linked to canonical actors and countries.

``link_entities(doc, blocks, gaz)`` takes a parsed Doc and the article's blocks and returns one
record per mention of a person, country, organisation or place. Mentions come from three sources,
in order of trust:

1. people named in the article (spaCy PERSON spans, attribution lines, the actors file), found again
   wherever their name or surname stands, in any case ("merezhko") and whatever NER says;
2. the gazetteers: countries, demonyms, capitals, seats, organisations, regions, actors;
3. spaCy's other NER spans (unlinked organisations and places).

Overlaps keep the most trusted, then the longest. In titles and headings only linked mentions are
kept (title case makes NER call "Mission Scenarios" an organisation).
"""

from __future__ import annotations

from spacy.tokens import Doc

from workbench.entities.mention import Mention
from workbench.entities.people import resolve_people
from workbench.entities.titles import titles_for
from workbench.nlp.model import text_of
from workbench.resources.gazetteer import Entry, Gazetteer, normalise
from workbench.schema import Block

_TRIM_LEAD = {"the", "a", "an"}
_TRIM_TAIL = {"’s", "'s", "’", "'"}
_NO_NAME_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "PART", "NUM"}


def block_index(doc: Doc, blocks: list[Block]) -> list[int]:
    """For each token, the index of the block that holds it (-1 between blocks)."""
    out = [-1] * len(doc)
    spans = sorted((b.start, b.end, i) for i, b in enumerate(blocks))
    j = 0
    for tok in doc:
        while j < len(spans) and spans[j][1] <= tok.idx:
            j += 1
        if j < len(spans) and spans[j][0] <= tok.idx < spans[j][1]:
            out[tok.i] = spans[j][2]
    return out


def link_entities(doc: Doc, blocks: list[Block], gaz: Gazetteer) -> list[dict]:
    """Entity records for one article: offsets, label, canonical, kind, country_code, role_class."""
    where = block_index(doc, blocks)
    ner = ner_candidates(doc, where, gaz)
    found = gazetteer_candidates(doc, where, gaz)
    names = learn_names(doc, blocks, ner + found, gaz)
    chosen = select(person_candidates(doc, where, names) + found + ner)
    heading = {i for i, b in enumerate(blocks) if b.kind in ("title", "heading")}
    chosen = [m for m in chosen if where[m.first] not in heading or m.entry or m.name]
    described = {id(m): describe(doc, m, gaz) for m in chosen if not m.name}
    described.update(resolve_people(doc, chosen, described, gaz))
    return [
        {
            "start_char": m.start,
            "end_char": m.end,
            "text": text_of(doc)[m.start : m.end],
            "label": m.label,
            **described[id(m)],
        }
        for m in chosen
    ]


def ner_candidates(doc: Doc, where: list[int], gaz: Gazetteer) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in gaz.ner_labels:
            continue
        first, last = ent.start, ent.end - 1
        while first <= last and (doc[first].is_space or doc[first].lower_ in _TRIM_LEAD):
            first += 1
        while last >= first and where[doc[last].i] != where[doc[first].i]:
            last -= 1  # never across a block boundary
        while last >= first and (
            doc[last].is_space or doc[last].text in _TRIM_TAIL or doc[last].is_punct
        ):
            last -= 1
        if last < first:
            continue
        span = doc[first : last + 1]
        entry = gaz.lookup(span.text)
        out.append(Mention(span.start_char, span.end_char, first, last, ent.label_, "ner", entry))
    return out


def gazetteer_candidates(doc: Doc, where: list[int], gaz: Gazetteer) -> list[Mention]:
    out: list[Mention] = []
    n = len(doc)
    text = text_of(doc)
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t) for t in doc]
    space = [t.is_space for t in doc]
    for i, tok in enumerate(doc):
        if space[i] or tok.is_punct:
            continue
        hit = None
        if normalise(tok.text) in gaz.first_words:
            for j in range(min(n, i + gaz.max_len), i, -1):
                if where[j - 1] != where[i] or space[j - 1]:
                    continue
                entry = gaz.lookup(text[starts[i] : ends[j - 1]])  # the span doc[i:j]
                if entry is not None and _plausible(tok, entry, j - i):
                    hit = Mention(starts[i], ends[j - 1], i, j - 1, entry.label, "gazetteer", entry)
                    break
        if hit is not None:
            out.append(hit)
        elif "-" in tok.text:  # "U.S.-Russia"
            pos = tok.idx
            for part in tok.text.split("-"):
                entry = gaz.lookup(part) if part else None
                if entry is not None and entry.kind != "person":
                    out.append(Mention(pos, pos + len(part), i, i, entry.label, "gazetteer", entry))
                pos += len(part) + 1
    return out


def _plausible(tok, entry: Entry, length: int) -> bool:
    """A lower-case one-word match must look like a name, not a function word."""
    if length > 1 or tok.text[:1].isupper():
        return True
    return tok.pos_ not in _NO_NAME_POS


def learn_names(
    doc: Doc, blocks: list[Block], mentions: list[Mention], gaz: Gazetteer
) -> dict[str, list[tuple[str, ...]]]:
    """Names of people in this article: surname -> full names (lower-case words), longest first.

    Words are white-space separated, so "Ana-Maria Ciobanu" is two words."""
    names: dict[str, list[tuple[str, ...]]] = {}

    def add(text: str) -> None:
        words = [w for w in normalise(text).split() if w not in _TRIM_TAIL]
        if words and words[-1].endswith("'s"):
            words[-1] = words[-1][:-2]
        while len(words) > 1 and (words[0] in gaz.role_words or words[0] in gaz.honorifics):
            words = words[1:]  # "President Trump" names Trump
        if not words or not all(any(c.isalpha() for c in w) for w in words):
            return
        entry = gaz.lookup(" ".join(words))
        if entry is not None and entry.kind != "person":
            return
        bucket = names.setdefault(words[-1], [])
        if tuple(words) not in bucket:
            bucket.append(tuple(words))

    headings = [(b.start, b.end) for b in blocks if b.kind in ("title", "heading")]
    for m in mentions:
        if any(s <= m.start < e for s, e in headings):
            continue  # title case makes NER see people in headings ("Timing Dilemma")
        if m.label == "PERSON" and (m.entry is None or m.entry.kind == "person"):
            first = m.first  # NER sometimes leaves out the first name ("Anders" of "Anders Mørk")
            while (
                first > 0 and _name_word(doc[first - 1], gaz) and doc[first - 1].dep_ == "compound"
            ):
                first -= 1
            add(text_of(doc)[doc[first].idx : m.end])
        elif m.entry is None and _titled_name(doc, m, gaz):  # NER said ORG, a title says person
            add(text_of(doc)[m.start : m.end])
    taken = {i for m in mentions if m.label != "PERSON" for i in range(m.first, m.last + 1)}
    for lo, hi in _name_runs(doc, taken, gaz):  # names NER missed, shown by a title
        if (lo > 0 and normalise(doc[lo - 1].text) in gaz.role_words) or any(
            t.role for t in titles_for(doc, lo, hi, gaz)
        ):
            add(doc[lo:hi].text)  # "Sergeant Tomas Kuusk", "Anders Mørk, Denmark's ambassador"
    for b in blocks:  # "Alexander Merezhko, People's Deputy of Ukraine"
        if b.kind == "attribution":
            add(text_of(doc)[b.start : b.end].lstrip("—–-― \t").split(",")[0])
    for bucket in names.values():
        bucket.sort(key=len, reverse=True)
    return names


def _name_word(tok, gaz: Gazetteer) -> bool:
    """A capitalised proper noun that is not a country, demonym or other gazetteer name."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not any(c.isalpha() for c in tok.text):
        return False
    return gaz.lookup(tok.text) is None and normalise(tok.text) not in gaz.role_words


def _name_runs(doc: Doc, taken: set[int], gaz: Gazetteer) -> list[tuple[int, int]]:
    """Runs of 2-4 capitalised proper nouns that no other mention covers."""
    runs, lo = [], None
    for tok in [*doc, None]:
        ok = tok is not None and tok.i not in taken and _name_word(tok, gaz)
        if ok and lo is None:
            lo = tok.i
        elif not ok and lo is not None:
            hi = tok.i if tok is not None else len(doc)
            if 2 <= hi - lo <= 4:
                runs.append((lo, hi))
            lo = None
    return runs


def _titled_name(doc: Doc, m: Mention, gaz: Gazetteer) -> bool:
    """2-4 capitalised words with a role title next to them ("the EU's ... chief, Ines Vidal,")."""
    words = doc[m.first : m.last + 1]
    if not 2 <= len(words) <= 4 or not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return False
    return any(t.role for t in titles_for(doc, m.first, m.last + 1, gaz))


def person_candidates(
    doc: Doc, where: list[int], names: dict[str, list[tuple[str, ...]]]
) -> list[Mention]:
    out = []
    for tok in doc:
        words = names.get(normalise(tok.text))
        if not words:
            continue
        if not tok.text[:1].isupper() and tok.pos_ in _NO_NAME_POS:
            continue
        name: tuple[str, ...] = (words[-1][-1],)
        first = tok.i
        for full in words:  # the longest full name written right before the surname
            wanted = " ".join(full)
            for lo in range(tok.i, max(-1, tok.i - 3 * len(full) - 1), -1):
                if where[lo] != where[tok.i]:
                    break
                written = normalise(doc[lo : tok.i + 1].text)
                if written == wanted:
                    name, first = full, lo
                    break
                if len(written) > len(wanted):
                    break
            if first != tok.i or len(full) == 1:
                break
        out.append(
            Mention(
                doc[first].idx,
                tok.idx + len(tok.text),
                first,
                tok.i,
                "PERSON",
                "person",
                None,
                name,
            )
        )
    return out


def select(candidates: list[Mention]) -> list[Mention]:
    """Most trusted, then longest, first; no two chosen mentions overlap. In text order."""
    taken: list[Mention] = []
    used: set[int] = set()
    for m in sorted(candidates, key=lambda m: m.key):
        chars = range(m.start, m.end)
        if any(c in used for c in chars):
            continue
        used.update(chars)
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _record(canonical: str, kind: str, code: str | None, role_class: str | None = None) -> dict:
    return {"canonical": canonical, "kind": kind, "country_code": code, "role_class": role_class}


def describe(doc: Doc, m: Mention, gaz: Gazetteer) -> dict:
    """canonical, kind, country_code and role_class of a mention that is not a person."""
    e = m.entry
    if e is None:
        kind = {"ORG": "organisation", "NORP": "other", "PERSON": "person"}.get(m.label, "place")
        code = _code_inside(doc, m, gaz) if kind == "organisation" else None
        return _record(" ".join(text_of(doc)[m.start : m.end].split()), kind, code)
    if e.type == "capital" and acting(doc, m.last, gaz):
        return _record(
            gaz.country_names.get(e.country_code, e.canonical), "country", e.country_code
        )
    home = (
        gaz.home_capitals.get(normalise(text_of(doc)[m.start : m.end]))
        if e.type == "seat"
        else None
    )
    if home and _about_home(doc, m, home, e.country_code, gaz):
        return _record(gaz.country_names.get(home, home), "country", home)
    if e.kind == "person":  # an actor alias that is not a person named in the article
        role_class = gaz.roles.get(normalise(e.role)) if e.role else None
        return _record(e.canonical, "person", e.country_code, role_class)
    return _record(e.canonical, e.kind, e.country_code)


def _about_home(doc: Doc, m: Mention, home: str, seat_of: str | None, gaz: Gazetteer) -> bool:
    """A seat that is also a capital ("Brussels") stands for its country when its sentence names
    that country ("Belgian taxpayers", "Belgium") and no other organisation of the seat's
    ("the Commission", "the EU")."""
    codes = set()
    for tok in doc[m.first].sent:
        if m.first <= tok.i <= m.last:
            continue
        e = gaz.lookup(tok.text)
        if e is not None and e.type in ("country", "demonym", "organisation"):
            codes.add(e.country_code)
    return home in codes and seat_of not in codes


def _code_inside(doc: Doc, m: Mention, gaz: Gazetteer) -> str | None:
    """An unlisted organisation named after a country: "the Ukrainian parliament" -> UKR."""
    for tok in doc[m.first : m.last + 1]:
        e = gaz.lookup(tok.text)
        if e is not None and e.type in ("country", "demonym"):
            return e.country_code
    return None


def acting(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """Does the capital at token ``i`` stand for its government here?

    Yes as the subject of a verb ("Washington said"), a possessor ("London's position"), or the
    object of from/by after a speech noun ("affirmations from London", "a response from Paris"), or
    the agent of a passive ("was rejected by Paris");
    a conjunct shares its first conjunct's reading ("from London and Paris").
    """
    tok = doc[i]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("’s", "'s"):
        return True
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "agent":  # "was rejected by Paris"
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("from", "by"):
        return head.head.lemma_.lower() in gaz.speech_nouns
    return False
