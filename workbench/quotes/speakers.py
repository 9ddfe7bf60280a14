"""Who is speaking: a subject token or noun phrase -> a canonical speaker and their country.

A speaker is found, in order, as:

- a person named in the phrase ("Kai Kallas", "the EU's High Representative …, Kai Kallas");
- an organisation, seat or country in it ("the Kremlin", "a White House spokesperson", "Paris",
  "NATO officials");
- a pronoun ("he", "she") -> the last named person who was the subject of a main clause or a
  speaker before it (people named inside quotes or in subordinate clauses are not candidates);
  "it"/"they" -> the last organisation or government that was such a subject;
- a role ("the minister") -> the last person whose title holds that word;
- a relative "who" -> the noun it hangs on ("Keith Kellogg, a special representative of Donald
  Trump, who suggested …" -> Kellogg, not Trump);
- a generic source ("officials", "a spokesperson"): a speaker with no name.

Anything else ("current indications") is not a speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from workbench.nlp.model import text_of
from workbench.nlp.syntax import is_dateline, undated
from workbench.resources.cues import Cues
from workbench.resources.gazetteer import Gazetteer

_MAIN = {"ROOT", "conj", "parataxis"}  # "…, Devaux said, …" names a speaker
_CUT = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"}
_AGENT_SUFFIXES = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "ee",
    "ic",
    "ive",
    "crat",
    "man",
    "woman",
)
_RELATIVE = {"who", "which", "that", "whom"}
_GENDER = {
    "he": "m",
    "his": "m",
    "him": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    start: int
    end: int
    country: str | None
    kind: str  # person | organisation | country | generic | unresolved
    head: str = ""  # an unnamed speaker's head word (lemma): "officials" -> "official"
    plural: bool = False  # the head is plural ("officials", "Republicans", "they")


class SpeakerFinder:
    """Resolves speakers in one article. ``quoted`` are (start, end) spans of quoted text."""

    def __init__(
        self,
        doc: Doc,
        entities: list[dict],
        quoted: list[tuple[int, int]],
        attributions: list[tuple[int, int]],
        cues: Cues,
        gaz: Gazetteer,
    ):
        self.doc, self.cues, self.gaz = doc, cues, gaz
        self.entities = sorted(entities, key=lambda r: r["start_char"])
        self._starts = [r["start_char"] for r in self.entities]
        self.quoted = quoted
        self.role_words = gaz.role_words
        self.salient: list[tuple[int, dict]] = []  # (position, entity) main-clause subjects
        self.by_head: dict[str, Speaker] = {}  # "a White House spokesperson" -> "the spokesperson"
        for r in self.entities:
            if r["kind"] not in ("person", "organisation", "country") or self._in_quote(r):
                continue
            in_attr = any(s <= r["start_char"] < e for s, e in attributions)
            if in_attr or self._is_main_subject(r):
                self.salient.append((r["start_char"], r))
        self.gender = self._genders()

    # -- public -------------------------------------------------------------------------------
    def from_token(self, tok: Token) -> Speaker | None:
        """The speaker a subject (or "according to" object) token stands for."""
        if is_dateline(tok):  # "MOSCOW — The Kremlin said": the Kremlin; "LONDON — Leaders …": none
            tok = undated(tok)
            if tok is None:
                return None
        low = tok.lower_
        if low in _RELATIVE and tok.dep_.startswith("nsubj"):
            found = self._relative(tok)  # its words are the relative ("…, who said"): its span
            return None if found is None else replace(found, start=tok.idx, end=tok.idx + len(tok))
        if low in self.cues.person_pronouns and tok.pos_ == "PRON":
            return self._antecedent(tok, ("person",))
        if low in self.cues.group_pronouns and tok.pos_ == "PRON":
            return self._antecedent(tok, ("organisation", "country"))
        lo, hi = self._phrase(tok)
        return self.from_span(lo, hi, tok)

    def from_span(self, lo: int, hi: int, head: Token | None = None) -> Speaker | None:
        """The speaker named by tokens ``lo:hi`` (a noun phrase)."""
        doc = self.doc
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        inside = self._entities_between(start, end)
        people = [r for r in inside if r["kind"] == "person"]
        owners = [
            r
            for r in people
            if text_of(self.doc)[r["end_char"] : r["end_char"] + 2] in ("’s", "'s")
        ]
        if len(owners) < len(people):  # "Bereczky's counterpart, Femke Jorritsma": not Bereczky
            people = [r for r in people if r not in owners]
        if people:
            r = min(people, key=lambda r: abs(r["start_char"] - (head.idx if head else start)))
            return self._from_entity(r)
        groups = [
            r for r in inside if r["kind"] in ("organisation", "country") and r["country_code"]
        ]
        groups += [
            r
            for r in inside
            if r["kind"] == "organisation"
            and not r["country_code"]
            and self.gaz.lookup(r["canonical"]) is not None
        ]  # NATO, not "Montreux Convention"
        word = (head or doc[hi - 1]).lemma_.lower()
        text = (head or doc[hi - 1]).lower_
        owner = self._owner(head or doc[hi - 1], word)
        if not groups and owner is not None:  # "Its ambassador told us": Hungary's
            return Speaker(owner.name, start, end, owner.country, owner.kind)
        if groups:
            r = groups[0]
            found = Speaker(r["canonical"], start, end, r["country_code"], r["kind"])
            if word in self.cues.generic_speakers or word in self.role_words:
                self.by_head[word] = found
            return found
        if word in self.cues.organisations or text in self.cues.organisations:
            name = self.cues.organisations.get(word) or self.cues.organisations[text]
            entry = self.gaz.lookup(name)
            return Speaker(name, start, end, entry.country_code if entry else None, "organisation")
        single = not _plural(head or doc[hi - 1])  # "the ministers agreed" names no one minister
        if (word in self.role_words or text in self.role_words) and single:
            person = self._by_role(start, word, _modifiers(head or doc[hi - 1]))
            if person is not None:
                return Speaker(person["canonical"], start, end, person["country_code"], "person")
        if word in self.by_head and doc[lo].lower_ == "the":  # "the spokesperson said"
            known = self.by_head[word]
            return Speaker(known.name, start, end, known.country, known.kind)
        generic = self.cues.generic_speakers
        if (
            word in generic or text in generic or word in self.role_words
        ):  # "officials", "the envoy"
            return Speaker(None, start, end, None, "generic", word, _plural(head or doc[hi - 1]))
        return None

    def phrase(self, tok: Token) -> Speaker | None:
        """The speaker ``tok`` stands for, else the phrase as written with no name ("the judge",
        "Republicans", "the complaint", an unresolved "they"); None for a dateline alone."""
        found = self.from_token(tok)
        if found is not None:
            return found
        if is_dateline(tok) and undated(tok) is None:
            return None
        tok = undated(tok) or tok
        if not self._can_speak(tok):
            return None  # "current indications suggest", "according to his body mass index"
        lo, hi = self._phrase(tok) if tok.pos_ != "PRON" else (tok.i, tok.i + 1)
        start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
        return Speaker(None, start, end, None, "unresolved", tok.lemma_.lower(), _plural(tok))

    def _can_speak(self, tok: Token) -> bool:
        """A phrase that can be a speaker: anything but a common noun ("many", "Brafman", "they"),
        or a common noun for a person ("the judge", "voters", "a historian": agent suffixes and
        ``cues.yml`` ``speaker_nouns``), a role, an unnamed source or a document of ``cues.yml``;
        not "current indications", "his body mass index"."""
        if tok.dep_ == "expl":  # "it is said that"
            return False
        if tok.pos_ == "PRON" and tok.lower_ in ("that", "this", "these", "those", "what", "which"):
            return False  # "whether that ruled out …": a thing, not a speaker
        if tok.pos_ != "NOUN":  # names, pronouns, "many", "both", "58 percent"
            return True
        part = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in part.children if c.dep_ == "pobj"), None) if part else None
        if whole is not None and whole.pos_ != "PRON" and self._can_speak(whole):
            return True  # "a wide array of economists", "a majority of voters"
        word = tok.lemma_.lower()
        lists = (
            self.cues.speaker_nouns,
            self.cues.generic_speakers,
            self.cues.anonymous_speakers,
            self.cues.document_speakers,
            self.role_words,
        )
        return any(word in words for words in lists) or word.endswith(_AGENT_SUFFIXES)

    def _owner(self, tok: Token, word: str) -> Speaker | None:
        """The government behind "its ambassador", "its foreign ministry", "their envoy": the
        country or organisation a possessive "its"/"their" stands for."""
        poss = next(
            (c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None
        )
        speaks = word in self.role_words or word in self.cues.generic_speakers
        speaks = speaks or word in self.cues.organisations
        if poss is None or not speaks:
            return None
        found = self._antecedent(poss, ("organisation", "country"))
        return found if found is not None and found.name and found.country else None

    def note_speaker(self, speaker: Speaker, at: int) -> None:
        """Remember a resolved speaker, so later pronouns can refer to it."""
        if speaker.name is None:
            return
        rec = {
            "canonical": speaker.name,
            "kind": speaker.kind,
            "country_code": speaker.country,
            "start_char": speaker.start,
            "role": None,
        }
        if speaker.kind == "person":
            rec["role"] = self._role_of(speaker.name)
        self.salient.append((at, rec))
        self.salient.sort(key=lambda x: x[0])

    # -- helpers ------------------------------------------------------------------------------
    def _in_quote(self, r: dict) -> bool:
        return any(s <= r["start_char"] < e for s, e in self.quoted)

    def _is_main_subject(self, r: dict) -> bool:
        tok = self._token_at(r["end_char"] - 1)
        while tok.dep_ in ("compound", "appos", "poss", "amod", "flat") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):  # a verbless sentence is
            return True  # about whom it names ("Kyiv's envoy, Ana Roth, by video link.")
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ in _MAIN

    def _token_at(self, char: int) -> Token:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else self.doc[0]

    def _entities_between(self, start: int, end: int) -> list[dict]:
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.entities) and self.entities[i]["start_char"] < end:
            r = self.entities[i]
            if r["end_char"] <= end:
                out.append(r)
            i += 1
        return out

    def _from_entity(self, r: dict) -> Speaker:
        return Speaker(r["canonical"], r["start_char"], r["end_char"], r["country_code"], r["kind"])

    def _phrase(self, tok: Token) -> tuple[int, int]:
        """Token range of the noun phrase headed by ``tok``, relative clauses left out."""
        keep = [tok.i]
        stack = [tok]
        while stack:
            t = stack.pop()
            for child in t.children:
                if child.dep_ in _CUT or child.dep_ == "punct" and child.i > tok.i + 1:
                    continue
                keep.append(child.i)
                stack.append(child)
        return min(keep), max(keep) + 1

    def _genders(self) -> dict[str, str]:
        """Gender the text itself shows: an honorific, or the first he/his/she/her after a person
        mentioned as a subject, with no other person named in between."""
        votes: dict[str, str | None] = {}
        people = [r for r in self.entities if r["kind"] == "person"]
        for k, r in enumerate(people):
            start = self.doc.char_span(r["start_char"], r["end_char"], alignment_mode="expand")
            if start is None:
                continue
            found = None
            if start.start > 0 and self.doc[start.start - 1].lower_ in _GENDER:
                found = _GENDER[self.doc[start.start - 1].lower_]
            elif self._is_main_subject(r) and not self._in_quote(r):
                limit = (
                    people[k + 1]["start_char"] if k + 1 < len(people) else len(text_of(self.doc))
                )
                for tok in self.doc[start.end : start.sent.end]:
                    if tok.idx >= limit:
                        break
                    if tok.lower_ in _GENDER and tok.pos_ == "PRON":
                        found = _GENDER[tok.lower_]
                        break
            if found:
                name = r["canonical"]
                votes[name] = found if votes.get(name, found) == found else None
        return {k: v for k, v in votes.items() if v}

    def _antecedent(self, tok: Token, kinds: tuple[str, ...]) -> Speaker | None:
        want = _GENDER.get(tok.lower_) if kinds == ("person",) else None

        def fits(r: dict) -> bool:
            return r["kind"] in kinds and not (
                want and self.gender.get(r["canonical"], want) != want
            )

        before = [r for pos, r in self.salient if pos < tok.idx and fits(r)]
        if want and (not before or self.gender.get(before[-1]["canonical"]) is None):
            # a person named outside a subject ("joined by … Owen Pritchard") who fits better
            named = [
                r
                for r in self.entities
                if r["start_char"] < tok.idx
                and fits(r)
                and not self._in_quote(r)
                and self.gender.get(r["canonical"]) == want
            ]
            if named and (not before or named[-1]["start_char"] > before[-1]["start_char"]):
                before.append(named[-1])
        if not before:
            return None
        r = before[-1]
        if want and r["kind"] == "person":  # "she said" tells us Echevarría's gender from now on
            self.gender.setdefault(r["canonical"], want)
        if kinds != ("person",) and self._paragraph_gap(r["start_char"], tok.idx) > 1:
            return None
        return Speaker(r["canonical"], tok.idx, tok.idx + len(tok), r["country_code"], r["kind"])

    def _paragraph_gap(self, a: int, b: int) -> int:
        return text_of(self.doc).count("\n", a, b)

    def _by_role(self, at: int, word: str, mods: tuple[str, ...] = ()) -> dict | None:
        """The last person before ``at`` whose role has ``word`` and the words modifying it ("the
        defence minister" is not the foreign minister)."""

        def holds(r: dict) -> bool:
            role = (r.get("role") or "").lower().split()
            return word in role and all(m in role for m in mods)

        for pos, r in reversed(self.salient):
            if pos < at and r["kind"] == "person" and holds(r):
                return r
        people = [r for r in self.entities if r["kind"] == "person" and r["start_char"] < at]
        for r in reversed(people):
            if holds(r) and not self._in_quote(r):
                return r
        return None

    def _role_of(self, name: str) -> str | None:
        for r in self.entities:
            if r["canonical"] == name and r.get("role"):
                return r["role"]
        return None

    def _relative(self, tok: Token) -> Speaker | None:
        verb = tok.head
        ant = verb.head if verb.dep_ == "relcl" else None
        if ant is None:
            return None
        # "Kellogg, a special representative of Donald Trump, who ..." hangs on the apposition
        if ant.dep_ == "pobj" and ant.head.dep_ == "prep" and ant.head.head.dep_ == "appos":
            ant = ant.head.head.head
        elif ant.dep_ == "appos":
            ant = ant.head
        lo, hi = self._phrase(ant)
        return self.from_span(ant.i, ant.i + 1, ant) or self.from_span(lo, hi, ant)


def _plural(tok: Token) -> bool:
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in ("they", "we", "them")


def _modifiers(tok: Token) -> tuple[str, ...]:
    """The words that narrow a role noun ("defence" in "the defence minister")."""
    return tuple(
        c.lower_
        for c in tok.children
        if c.dep_ in ("compound", "amod") and c.i < tok.i and c.is_alpha
    )
