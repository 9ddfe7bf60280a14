"""Official documents: readouts, statements and remarks, read through the people they name.

A government document names its **principals** in its title and first paragraph
(quotes/principals.py: "Readout of President Vel's Call with President Oran of Estmark", each
with a role and a country; the publisher's own officials speak for the publisher's country:
``official.publishers`` in ``data/cues.yml``). :class:`Official` then:

- resolves a subject to a principal: a role reference ("the President", "the Vice President",
  "the National Security Advisor": the principal with that role, the publisher's own first), a
  surname, a pronoun whose antecedent is a principal;
- reads a **joint subject** ("The leaders discussed …", "Both sides agreed …", "the two
  presidents", "The two", "they", "X and Y condemned …", "the Secretary and her counterparts")
  as one statement of a group: ``speaker`` the first principal (or the first conjunct), the
  others in ``co_speakers`` ("; "-joined), kind "group"; "they" is the principals even where the
  general rules found a country for it, when the document has two or more;
- gives the paragraphs a document quotes whole (:meth:`Official.paragraph_quotes`): in a
  **first-person document** ("Statement from President X …", or a known publisher's statement
  under a byline, "Antony J. Blinken, Secretary of State") every paragraph of the author's
  text is a direct quote of the author; in a **speaker-labelled transcript** ("THE PRESIDENT:",
  "PRESIDENT OREN:") every paragraph of a turn is a direct quote of the labelled person, up to
  the next label; "Q" turns and procedural lines are no one's quotes.

The title and publisher come from ``doc.user_data["workbench_meta"]`` (nlp/model.make_doc); a
document without them is no official document and nothing here changes its quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from workbench.nlp.model import text_of
from workbench.quotes.jointtext import is_joint_statement, joint_text, signatories
from workbench.quotes.principals import Principal, Principals
from workbench.quotes.speakers import Speaker
from workbench.read.structure import is_attribution
from workbench.read.transcripts import Label, genre, is_procedural, spoken_start, turn_label
from workbench.resources.cues import Cues
from workbench.resources.gazetteer import Gazetteer, normalise
from workbench.resources.words import OfficialWords, official_words
from workbench.schema import Block

_PARAGRAPHS = ("paragraph", "list_item", "answer", "question")
_TURN_BLOCKS = (*_PARAGRAPHS, "blockquote")  # a turn's paragraph may look like a block quote
_MIN_WORDS = 6  # a first-person paragraph shorter than this with no end mark is a dateline, …


@dataclass(frozen=True)
class GroupSpeaker(Speaker):
    """A joint subject: ``name`` is the first participant, ``co_speakers`` the others."""

    co_speakers: str | None = None


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
        official = self.genre is not None or self.home is not None
        self.people = Principals(
            self.title, self.home, self.text, blocks, entities, gaz, self.words, find=official
        )
        self.principals = self.people.found
        self.author: Principal | None = None
        if self.genre == "first_person":
            self.author = self.people.author()
        elif self.genre is None and official:
            self.author = self.people.byline()  # a press statement under its author's byline
            if self.author is not None:
                self.genre = "first_person"
                if self.people.by_name(self.author.name) is None:
                    self.principals.append(self.author)

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
        others = (self._met_with(cue) or self.interlocutors(cue)[1]) if cue is not None else []
        if others:
            p = self.people.by_name(found.name) if found is not None and found.name else None
            p = p or self._role_reference(tok)
            if p is not None:
                co = "; ".join(o for o in others if o != p.name) or None
                return GroupSpeaker(
                    p.name, tok.idx, tok.idx + len(tok), p.country, "group", co_speakers=co
                )
        if found is not None and found.name:
            # a title spaCy took for a name resolves as a role: "The Counselor"
            p = self.people.by_name(found.name) or self._role_reference(tok)
            if p is not None:
                return Speaker(p.name, found.start, found.end, p.country, "person")
            return found
        p = self._role_reference(tok)
        if p is None and tok.pos_ == "PROPN":
            p = self.people.by_name(tok.text)
        if p is None and tok.lower_ in ("he", "she"):  # a pronoun the general rules left
            p = self._governing_principal(tok)
        if p is not None:
            return Speaker(p.name, tok.idx, tok.idx + len(tok), p.country, "person")
        return found

    def purpose_subject(self, cue: Token) -> Token | None:
        """The subject of "met … to underscore X" for the cue "underscore": the meeting verb's
        (None when ``cue`` is no purpose clause of one); "to thank X and discuss Y": the first
        purpose verb's."""
        while cue.dep_ == "conj" and cue.head.i != cue.i:
            cue = cue.head
        if not self.active or cue.dep_ not in ("advcl", "xcomp", "acl"):
            return None
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children):
            return None
        head = cue.head
        if head.lemma_.lower() not in self.words.meeting_verbs:
            return None
        return next((c for c in head.children if c.dep_ == "nsubj"), None)

    def noun_purpose(self, tok: Token) -> tuple[Token, tuple[int, int], int] | None:
        """ "X met with Y for discussions on Z": (the meeting's subject X, the token range of Z,
        the index of the cue's last token "on"); None for any other token."""
        if not self.active or tok.lemma_.lower() not in self.words.purpose_nouns:
            return None
        if tok.dep_ != "pobj" or tok.head.lower_ != "for":
            return None
        verb = tok.head.head
        if verb.lemma_.lower() not in self.words.meeting_verbs:
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:  # a long title spaCy parsed as a phrase: a principal named before it
            named = [t for t in verb.sent[: verb.i - verb.sent.start] if t.ent_type_ == "PERSON"]
            subj = next((t for t in named if self.people.by_name(t.text)), None)
        on = next((c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1), None)
        if on is None:  # "for discussions focused on Y"
            acl = next((c for c in tok.children if c.dep_ == "acl" and c.i == tok.i + 1), None)
            on = next((c for c in acl.children if c.i == tok.i + 2), None) if acl else None
        if subj is None or on is None or on.lower_ not in ("on", "about", "of", "regarding"):
            return None
        end = tok.sent.end  # the purpose runs to the end of the sentence
        while end > on.i + 1 and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        return (subj, (on.i + 1, end), on.i) if end > on.i + 1 else None

    def interlocutors(self, cue: Token) -> tuple[int | None, list[str]]:
        """ "to discuss X with Minister Y and Z": where the content stops (the index of "with")
        and the principals it names; (None, []) when the cue's object names none."""
        if not self.active or cue.lemma_.lower() not in self.words.joint_cues:
            return None, []
        for tok in cue.subtree:
            if tok.i > cue.i and tok.dep_ == "prep" and tok.lower_ == "with":
                names: list[str] = []
                for t in tok.subtree:
                    p = self.people.by_name(t.text) if t.pos_ == "PROPN" else None
                    if p is not None and p.name not in names:
                        names.append(p.name)
                if names:
                    return tok.i, names
        return None, []

    def _met_with(self, cue: Token) -> list[str]:
        """The principals a purpose clause's meeting verb met "with" (for a joint cue, or a
        purpose noun: "met with X for discussions on Y")."""
        if cue.lemma_.lower() in self.words.purpose_nouns and cue.dep_ == "pobj":
            verb = cue.head.head
        else:
            if cue.lemma_.lower() not in self.words.joint_cues:
                return []
            while cue.dep_ == "conj" and cue.head.i != cue.i:  # "to thank X and discuss Y"
                cue = cue.head
            if cue.dep_ not in ("advcl", "xcomp"):
                return []
            verb = cue.head
        out = []
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "with":
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    for tok in (obj, *(c for c in obj.children if c.dep_ == "conj")):
                        p = self.people.by_name(tok.text)
                        if p is not None and p.name not in out:
                            out.append(p.name)
        return out

    def _governing_principal(self, tok: Token) -> Principal | None:
        """The principal that is the subject of the clause governing ``tok``'s own ("Zeya
        visited Tunisia, where she underscored …": Zeya), else the document's only one."""
        verb = tok.head
        while verb.head.i != verb.i:
            verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return self.people.by_name(subj.text) or self._role_reference(subj)
        people = [p for p in self.principals if p.role]
        return people[0] if len(people) == 1 else None

    def _role_reference(self, tok: Token, the: bool = True) -> Principal | None:
        """ "the President", "the Vice President", "the National Security Advisor"; a title the
        text gives a principal ("the Deputy Secretary", "the State Secretary"). ``the=False``: a
        capitalised title without its article ("The Deputy Secretary and Chief of Staff")."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        lo = tok.i
        while lo > 0 and self.doc[lo - 1].dep_ == "compound" and self.doc[lo - 1].head.i == tok.i:
            lo -= 1
        if the and (lo == 0 or self.doc[lo - 1].lower_ != "the"):
            return None
        if not the and not self.doc[lo].text[:1].isupper():
            return None
        hi = tok.i + 1
        of = next((c for c in tok.children if c.dep_ == "prep" and c.i == hi), None)
        if of is not None and of.lower_ == "of":  # "Chief of Staff"
            obj = next((c for c in of.children if c.dep_ == "pobj" and c.i == hi + 1), None)
            if obj is not None and obj.text[:1].isupper():
                hi = obj.i + 1
        role = normalise(self.doc[lo : tok.i + 1].text)
        return self.people.by_role(role) or self.people.by_title(normalise(self.doc[lo:hi].text))

    def _joint(self, tok: Token, found: Speaker | None) -> GroupSpeaker | None:
        conj = [c for c in tok.children if c.dep_ == "conj"]
        lead = self._lead(tok, found) if conj else None
        if conj and (lead is not None or (found is not None and found.name)):
            others: list[str] = []
            for c in conj:
                p = self.people.by_name(c.text) or self._role_reference(c)
                p = p or self._role_reference(c, the=False)
                entry = self.gaz.lookup(c.text)
                if p is not None:
                    others.append(p.name)
                elif c.lemma_.lower() in self.words.joint_nouns:  # "… and her counterparts"
                    others += [q.name for q in self.principals if q is not lead]
                elif entry is not None and entry.kind in ("country", "organisation"):
                    others.append(entry.canonical)
            if others:
                name = lead.name if lead is not None else found.name
                country = lead.country if lead is not None else found.country
                where = (found.start, found.end) if found else (tok.idx, tok.idx + len(tok))
                return GroupSpeaker(
                    name,
                    *where,
                    country,
                    "group",
                    co_speakers="; ".join(o for o in others if o != name) or None,
                )
        plural = self._plural_noun(tok) and not any(c.dep_ == "poss" for c in tok.children)
        pronoun = tok.lower_ in self.words.joint_pronouns and tok.pos_ in ("PRON", "DET")
        pronoun = pronoun or (  # "The group discussed …"
            tok.lemma_.lower() in self.words.joint_collectives and _after_the(tok)
        )
        number = (  # "the two", "the three ministers" is a plural noun
            tok.tag_ == "CD" and tok.dep_.startswith("nsubj") and _after_the(tok)
        )
        if not (plural or pronoun or number) or (len(self.principals) < 2 and not plural):
            return None  # "their leaders"; "they" with one principal is someone else
        first, rest = self.principals[0], self.principals[1:]
        return GroupSpeaker(
            first.name,
            tok.idx,
            tok.idx + len(tok),
            first.country,
            "group",
            co_speakers="; ".join(p.name for p in rest) or None,
        )

    def _lead(self, tok: Token, found: Speaker | None) -> Principal | None:
        """The principal a joint subject's first conjunct names."""
        if found is not None and found.name:
            p = self.people.by_name(found.name)
            if p is not None:
                return p
        return self._role_reference(tok) or (
            self.people.by_name(tok.text) if tok.pos_ == "PROPN" else None
        )

    def _plural_noun(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        if lemma in self.words.definite_joint_nouns:  # "the officials", not "Officials noted"
            if not _after_the(tok):
                return False
        return tok.tag_ in ("NNS", "NNPS") and lemma in self.words.joint_nouns

    # -- whole paragraphs ---------------------------------------------------------------------
    def paragraph_quotes(self) -> list[tuple[int, int, int, Speaker | None]]:
        """(block, start, end, speaker) of every paragraph the document quotes whole: a
        first-person document's paragraphs, a transcript's turns, a joint statement's own text
        (empty otherwise)."""
        joint = self._joint_statement()
        if joint:
            return joint
        if not self.active and self.genre not in ("first_person", "transcript"):
            return []
        turns = self._turns()
        if turns:
            return turns
        if self.genre == "first_person":
            return self._first_person(self.author)
        if self.genre == "transcript" and self.principals and not self._labels():
            return self._first_person(self.principals[0])  # a speech: "Remarks by X on …"
        return []

    def _joint_statement(self) -> list[tuple[int, int, int, Speaker | None]]:
        """A joint statement's first-person plural paragraphs, each the signatories' statement."""
        if not is_joint_statement(self.title, self.words.joint_statements):
            return []
        lead_in, own = joint_text(self.text, self.blocks)
        names = signatories(self.text, self.blocks, lead_in, self.entities)
        names = [
            (p.name, p.country) if (p := self.people.by_name(n)) is not None else (n, c)
            for n, c in names
        ] or [(p.name, p.country) for p in self.principals]
        if not own or not names:
            return []
        (first, country), rest = names[0], names[1:]
        co = "; ".join(n for n, _ in rest) or None
        speaker = GroupSpeaker(first, None, None, country, "group", co_speakers=co)  # type: ignore[arg-type]
        out = []
        for bi in own:
            b = self.blocks[bi]
            line = self.text[b.start : b.end].strip()
            if not is_procedural(line) and len(line.split()) >= _MIN_WORDS:
                out.append((bi, b.start, b.end, speaker))
        return out

    def _first_person(self, author: Principal | None) -> list[tuple[int, int, int, Speaker | None]]:
        """Every paragraph that is a sentence, as ``author``'s."""
        out = []
        for bi, b in enumerate(self.blocks):
            if b.kind not in _PARAGRAPHS:
                continue
            line = self.text[b.start : b.end].strip()
            if is_procedural(line) or is_attribution(line):
                continue  # "END", a byline ("Antony J. Blinken, Secretary of State")
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
            return self.people.by_role(normalise(" ".join(words[1:])))
        p = self.people.by_name(words[-1]) if words else None
        if p is not None:
            return p
        if len(words) > 1 and words[0].lower().rstrip(".") in self.words.label_honorifics:
            name = " ".join(w.capitalize() for w in words[1:])  # "MR PRICE": Ned Price
            return self.people.principal(name, None, None, (False, None))
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
        return self.people.principal(name, role, None, (False, None))

    def _as_speaker(self, p: Principal, start: int | None, end: int | None) -> Speaker:
        """``start``/``end``: the label naming the speaker (None: the title names them)."""
        return Speaker(p.name, start, end, p.country, "person")  # type: ignore[arg-type]


def _after_the(tok: Token) -> bool:
    """``tok`` has the definite article: "the group", "the two", "the officials"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
