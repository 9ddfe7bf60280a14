"""Official documents: readouts, statements and remarks, read through the people they name.

A government document names its **principals** in its title ("Readout of President Vel's Call
with President Oran of Estmark") and first paragraph; each has a role ("president"), a country
(from "… of Estmark", the gazetteer, the organisation before the role "NATO Secretary General",
or, for the publisher's own officials, the publisher's country: ``official.publishers`` in
``data/cues.yml``) and a name (the gazetteer's, else the fullest the document gives).
:class:`Official` then:

- resolves a subject to a principal: a role reference ("the President", "the Vice President",
  "the National Security Advisor": the principal with that role, the publisher's own first), a
  surname, a pronoun whose antecedent is a principal;
- reads a **joint subject** ("The leaders discussed …", "Both sides agreed …", "the two
  presidents", "they", "X and Y condemned …") as one statement of a group: ``speaker`` the first
  principal (or the first conjunct), the others in ``co_speakers`` ("; "-joined), kind "group";
- gives the paragraphs a document quotes whole (:meth:`Official.paragraph_quotes`): in a
  **first-person document** ("Statement from President X …") every paragraph of the author's
  text is a direct quote of the author; in a **speaker-labelled transcript** ("THE PRESIDENT:",
  "PRESIDENT OREN:") every paragraph of a turn is a direct quote of the labelled person, up to
  the next label; "Q" turns and procedural lines are no one's quotes.

The title and publisher come from ``doc.user_data["workbench_meta"]`` (nlp/model.make_doc); a
document without them is no official document and nothing here changes its quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from workbench.nlp.model import text_of
from workbench.quotes.speakers import Speaker
from workbench.read.transcripts import Label, genre, is_procedural, spoken_start, turn_label
from workbench.resources.cues import Cues
from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import OfficialWords, official_words
from workbench.schema import Block

_WORD = re.compile(r"[^\W\d][\w.’'\-]*")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii"}
_PARAGRAPHS = ("paragraph", "list_item", "answer", "question")
_TURN_BLOCKS = (*_PARAGRAPHS, "blockquote")  # a turn's paragraph may look like a block quote
_MIN_WORDS = 6  # a first-person paragraph shorter than this with no end mark is a dateline, …


@dataclass(frozen=True)
class Principal:
    """A person (or organisation) a document is about: name, surname, role phrase, country."""

    name: str
    surname: str
    role: str | None
    country: str | None
    organisation: bool = False


@dataclass(frozen=True)
class GroupSpeaker(Speaker):
    """A joint subject: ``name`` is the first participant, ``co_speakers`` the others."""

    co_speakers: str | None = None


def surname_of(name: str) -> str:
    """The last word of a name, suffixes ("Jr.") and commas left out, lower-cased."""
    words = [w.strip(",").lower() for w in name.replace("’", "'").split()]
    words = [w for w in words if w and w not in _SUFFIXES]
    return words[-1] if words else ""


class Official:
    """The principals of one document and the rules that read its statements through them."""

    def __init__(self, doc: Doc, blocks: list[Block], entities: list[dict], gaz: Gazetteer):
        self.doc, self.blocks, self.entities, self.gaz = doc, blocks, entities, gaz
        self.text = text_of(doc)
        self.words: OfficialWords = official_words()
        meta = doc.user_data.get("workbench_meta") or {}
        self.title: str = meta.get("title") or ""
        source = normalise(meta.get("source") or "")
        self.home: str | None = self.words.publishers.get(source)
        self.genre = genre(self.title, self.words)
        self.principals: list[Principal] = []
        if self.genre is not None or self.home is not None:
            self.principals = self._principals()

    @property
    def active(self) -> bool:
        return bool(self.principals)

    def cues(self, cues: Cues) -> Cues:
        """``cues`` with the official documents' own cues ("agreed", "committed") when this is
        one."""
        if not self.active:
            return cues
        multi = {k: list(v) for k, v in cues.multiword.items()}
        for phrase in self.words.multiword:
            first, *rest = phrase.split()
            if tuple(rest) not in multi.setdefault(first, []):
                multi[first].append(tuple(rest))
        return replace(
            cues,
            speech=cues.speech | self.words.cues,
            object_content=cues.object_content | self.words.object_content,
            needs_completion=cues.needs_completion - self.words.completes,
            multiword=multi,
        )

    # -- principals ---------------------------------------------------------------------------
    def _principals(self) -> list[Principal]:
        found = self._from_title()
        first = next((b for b in self.blocks if b.kind == "paragraph"), None)
        if first is not None:
            self.principals = found
            for e in self.entities:
                if e["kind"] != "person" or not first.start <= e["start_char"] < first.end:
                    continue
                if not self._titled(e) or self._by_name(e["canonical"]) is not None:
                    continue
                found.append(
                    Principal(
                        e["canonical"],
                        surname_of(e["canonical"]),
                        (e.get("role") or None),
                        e.get("country_code"),
                    )
                )
        if not found:  # "Joint Statement on United States-Ukraine Meeting": the countries
            found = self._title_countries()
        if not found and first is not None:  # "representatives of the United States and X met"
            for e in self.entities:
                if e["kind"] == "country" and first.start <= e["start_char"] < first.end:
                    if e.get("country_code") and all(p.country != e["country_code"] for p in found):
                        surname = normalise(e["canonical"])
                        found.append(Principal(e["canonical"], surname, None, e["country_code"]))
        return found

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
                bare = re.sub(r"[’']s$", "", w)
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
            out.append(self._principal(" ".join(name), role, country, org))
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
            if len(last) > 2 and re.search(rf"\b{re.escape(last)}\b", self.text):
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
        General", "European Commission President"."""
        for n in (3, 2, 1):
            if i - n < 0:
                continue
            entry = self.gaz.lookup(" ".join(w for w, _ in words[i - n : i]))
            if entry is not None and entry.kind in ("organisation", "country"):
                return entry.kind == "organisation", entry.country_code
        return False, None

    def _principal(
        self, written: str, role: str, country: str | None, org: tuple[bool, str | None]
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

    # -- speakers -----------------------------------------------------------------------------
    def speaker(
        self, tok: Token, found: Speaker | None, cue: Token | None = None
    ) -> Speaker | None:
        """The speaker a subject token stands for in this document (``found``: what the
        general rules found; ``cue``: the cue verb, for "met with X to discuss …")."""
        if not self.active:
            return found
        group = self._joint(tok, found)
        if group is not None:
            return group
        others = self._met_with(cue) if cue is not None else []
        if others:
            p = self._by_name(found.name) if found is not None and found.name else None
            p = p or self._role_reference(tok)
            if p is not None:
                co = "; ".join(o for o in others if o != p.name) or None
                return GroupSpeaker(p.name, tok.idx, tok.idx + len(tok), p.country, "group", co)
        if found is not None and found.name:
            p = self._by_name(found.name)
            if p is not None:
                return Speaker(p.name, found.start, found.end, p.country, "person")
            return found
        p = self._role_reference(tok)
        if p is None and tok.pos_ == "PROPN":
            p = self._by_name(tok.text)
        if p is not None:
            return Speaker(p.name, tok.idx, tok.idx + len(tok), p.country, "person")
        return found

    def purpose_subject(self, cue: Token) -> Token | None:
        """The subject of "met … to underscore X" for the cue "underscore": the meeting verb's
        (None when ``cue`` is no purpose clause of one)."""
        if not self.active or cue.dep_ not in ("advcl", "xcomp", "acl"):
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
            return None
        head = cue.head
        if head.lemma_.lower() not in self.words.meeting_verbs:
            return None
        return next((c for c in head.children if c.dep_ == "nsubj"), None)

    def _met_with(self, cue: Token) -> list[str]:
        """The principals a purpose clause's meeting verb met "with" (for a joint cue)."""
        if cue.lemma_.lower() not in self.words.joint_cues or cue.dep_ not in ("advcl", "xcomp"):
            return []
        out = []
        for prep in cue.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    for tok in (obj, *(c for c in obj.children if c.dep_ == "conj")):
                        p = self._by_name(tok.text)
                        if p is not None and p.name not in out:
                            out.append(p.name)
        return out

    def _by_name(self, name: str) -> Principal | None:
        s = surname_of(name)
        entry = self.gaz.lookup(name) or self.gaz.lookup(name.split()[-1] if name.split() else "")
        for p in self.principals:
            if p.surname == s or normalise(p.name) == normalise(name):
                return p
            if entry is not None and entry.kind == "person" and entry.canonical == p.name:
                return p
        return None

    def _role_reference(self, tok: Token) -> Principal | None:
        """ "the President", "the Vice President", "the National Security Advisor"."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        lo = tok.i
        while lo > 0 and self.doc[lo - 1].dep_ == "compound" and self.doc[lo - 1].head.i == tok.i:
            lo -= 1
        if lo == 0 or self.doc[lo - 1].lower_ != "the":
            return None
        return self.by_role(normalise(self.doc[lo : tok.i + 1].text))

    def by_role(self, role: str) -> Principal | None:
        """The principal with role ``role``, the publisher's own first."""
        fits = [p for p in self.principals if p.role == role]
        fits = fits or [p for p in self.principals if p.role and p.role.startswith(role + " ")]
        home = [p for p in fits if self.home is not None and p.country == self.home]
        return (home or fits or [None])[0] or self._role_holder(role)

    def _joint(self, tok: Token, found: Speaker | None) -> GroupSpeaker | None:
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if conj and found is not None and found.name:
            others = []
            for c in conj:
                p = self._by_name(c.text) or self._role_reference(c)
                entry = self.gaz.lookup(c.text)
                if p is not None:
                    others.append(p.name)
                elif entry is not None and entry.kind in ("country", "organisation"):
                    others.append(entry.canonical)
            if others:
                first = self._by_name(found.name)
                name = first.name if first is not None else found.name
                country = first.country if first is not None else found.country
                return GroupSpeaker(
                    name, found.start, found.end, country, "group", "; ".join(others)
                )
        plural = tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() in self.words.joint_nouns
        pronoun = tok.pos_ == "PRON" and tok.lower_ in self.words.joint_pronouns
        if not (plural or pronoun) or (pronoun and found is not None):
            return None
        if plural and any(c.dep_ == "poss" for c in tok.children):
            return None  # "their leaders"
        first, rest = self.principals[0], self.principals[1:]
        return GroupSpeaker(
            first.name,
            tok.idx,
            tok.idx + len(tok),
            first.country,
            "group",
            "; ".join(p.name for p in rest) or None,
        )

    # -- whole paragraphs ---------------------------------------------------------------------
    def paragraph_quotes(self) -> list[tuple[int, int, int, Speaker | None]]:
        """(block, start, end, speaker) of every paragraph the document quotes whole: a
        first-person document's paragraphs, a transcript's turns (empty otherwise)."""
        if not self.active and self.genre not in ("first_person", "transcript"):
            return []
        turns = self._turns()
        if turns:
            return turns
        if self.genre == "first_person":
            return self._first_person(self.author())
        if self.genre == "transcript" and self.principals and not self._labels():
            return self._first_person(self.principals[0])  # a speech: "Remarks by X on …"
        return []

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
            phrase.append(re.sub(r"[’']s$", "", w))
        if not phrase:
            return None
        if phrase[0].lower() == "the":
            role = normalise(" ".join(phrase[1:]))  # the publisher's own: never a guest
            home = [p for p in self.principals if p.role == role and p.country == self.home]
            return home[0] if home else self._role_holder(role)
        last = surname_of(phrase[-1])
        named = next((p for p in self.principals if p.surname == last), None)
        if named is not None:
            return named
        name = phrase[-2:] if len(phrase) > 1 and phrase[-2][:1].isupper() else phrase[-1:]
        k = len(phrase) - len(name)
        if k > 0 and re.fullmatch(r"[A-Z]\.", phrase[k - 1]):  # "Donald J. Trump"
            name = phrase[max(0, k - 2) : k] + name
        if normalise(" ".join(name)) in self.gaz.roles:
            return None
        return self._principal(" ".join(name), None, None, (False, None))

    def _role_holder(self, role: str) -> Principal | None:
        """A person the text names with ``role`` who speaks for the publisher (or for no
        known country): "Statement of the President" with "President Vel" in its text."""
        for e in self.entities:
            if e["kind"] != "person" or e.get("role") is None or role not in normalise(e["role"]):
                continue
            if e.get("country_code") in (None, self.home):
                return self._principal(e["canonical"], role, e.get("country_code"), (False, None))
        return None

    def _first_person(self, author: Principal | None) -> list[tuple[int, int, int, Speaker | None]]:
        """Every paragraph that is a sentence, as ``author``'s."""
        out = []
        for bi, b in enumerate(self.blocks):
            if b.kind not in _PARAGRAPHS:
                continue
            line = self.text[b.start : b.end].strip()
            if is_procedural(line):
                continue
            short = len(line.split()) < _MIN_WORDS
            if short and (line[-1:] not in '.!?”"' or all(w[:1].isupper() for w in line.split())):
                continue  # a dateline, a place, a signature ("Washington, D.C.", "J. R. VEL")
            speaker = self._as_speaker(author, None, None) if author is not None else None
            out.append((bi, b.start, b.end, speaker))
        return out

    def _labels(self) -> dict[int, Label]:
        """Block index -> the turn label opening it."""
        labels = {}
        for bi, b in enumerate(self.blocks):
            if b.kind in _TURN_BLOCKS:
                label = turn_label(self.text, b, self.words.askers)
                if label is not None:
                    labels[bi] = label
        return labels

    def _turns(self) -> list[tuple[int, int, int, Speaker | None]]:
        labels = self._labels()
        named = {bi: self._label_speaker(lab.text) for bi, lab in labels.items() if not lab.asker}
        if sum(1 for p in named.values() if p is not None) < 2 and self.genre != "transcript":
            return []
        out = []
        current: Principal | None = None
        where: tuple[int, int] = (0, 0)  # the label of the current turn
        speaking = False
        for bi, b in enumerate(self.blocks):
            if b.kind in ("heading", "title"):
                speaking = False
                continue
            if b.kind not in _TURN_BLOCKS:
                continue
            start = b.start
            if bi in labels:
                lab = labels[bi]
                if lab.asker:
                    speaking = False
                    continue
                current = named.get(bi)
                speaking = current is not None
                where = (lab.start, lab.start + len(lab.text))
                start = lab.content
            line = self.text[start : b.end].strip()
            if not speaking or is_procedural(line):
                continue
            start = spoken_start(self.text, start, b.end)
            if start < b.end:
                out.append((bi, start, b.end, self._as_speaker(current, *where)))
        return out

    def _label_speaker(self, label: str) -> Principal | None:
        """Who a turn label names: "PRESIDENT BIDEN" (a surname), "THE PRESIDENT" (a role),
        "SECRETARY GENERAL STOLTENBERG"."""
        words = label.split()
        if words and words[0].lower() == "the":
            return self.by_role(normalise(" ".join(words[1:])))
        p = self._by_name(words[-1]) if words else None
        if p is not None:
            return p
        role = next(
            (
                normalise(" ".join(words[:n]))
                for n in range(len(words) - 1, 0, -1)
                if normalise(" ".join(words[:n])) in self.gaz.roles
            ),
            None,
        )
        if role is None:
            return None
        name = " ".join(w.capitalize() for w in words[len(role.split()) :])
        return self._principal(name, role, None, (False, None))

    def _as_speaker(self, p: Principal, start: int | None, end: int | None) -> Speaker:
        """``start``/``end``: the label naming the speaker (None: the title names them)."""
        return Speaker(p.name, start, end, p.country, "person")  # type: ignore[arg-type]
