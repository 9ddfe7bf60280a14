"""The grammar words the rules read, declared in the data files beside the cues: modals,
condition words, holder nouns and adjectives in ``data/stance.yml``, reporting verbs in
``data/cues.yml``, a country's own-position predicates in ``data/countries.yml`` (honorifics are
in ``data/linking.yml``, read with the gazetteer). Read once
(cached); each list is used only where its name says."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from workbench.resources.datafiles import default_data_path, read_data


@dataclass(frozen=True)
class StanceWords:
    demand_modals: frozenset[str]  # "should", "must": a demand, not an own position
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    actor_modals: frozenset[str]  # weak cues only with an actor as subject
    span_conditions: frozenset[str]  # open a condition span
    holder_conditions: frozenset[str]  # mark a clause as a condition on its cue
    feature_conditions: frozenset[str]
    bare_conditions: frozenset[str]
    until_words: frozenset[str]  # a refusal only until something happens
    circumstance_words: frozenset[str]  # a noun under them is no position
    real_conditions: tuple[str, ...]  # prefixes of conditional cues that are real conditions
    negation_feature: frozenset[str]
    small_clause_verbs: frozenset[str]
    same_thing_adjectives: frozenset[str]  # "the new force" is the force
    holder_nouns: frozenset[str]
    coref_nouns: frozenset[str]
    country_nouns: frozenset[str]


@dataclass(frozen=True)
class CountryWords:
    own_position: frozenset[str]  # "Norway stands ready": the country states its own position


@dataclass(frozen=True)
class CueWords:
    demand_reporting: frozenset[str]  # lemmas whose subject owns a "should" below them
    plain_cues: frozenset[str]  # reporting verbs as written that add no evidence
    title_stops: frozenset[str]  # reporting verbs as written that end a title
    object_content: frozenset[str]  # lemmas whose object is the content ("rejected the plan")
    topic_only: frozenset[str]  # lemmas that report only a topic ("spoke about …")


@dataclass(frozen=True)
class OfficialWords:
    """The word lists of official documents (``official`` in ``data/cues.yml``)."""

    first_person: tuple[str, ...]  # title openings of a first-person statement
    transcript: tuple[str, ...]  # title openings of a transcript of remarks
    readout: tuple[str, ...]  # title openings of a readout, joint statement, fact sheet
    cues: frozenset[str]  # cue lemmas of official documents only ("agreed", "committed")
    object_content: frozenset[str]  # … whose object is the content
    completes: frozenset[str]  # verbs that need no completion there ("expressed")
    multiword: tuple[str, ...]  # multi-word cues there ("look forward to")
    publishers: dict[str, str]  # publisher (lower-cased) -> the country its officials speak for
    title_stops: frozenset[str]  # Title Case words that end a name in a headline
    author_ends: frozenset[str]  # title words that end a statement's author
    joint_nouns: frozenset[str]  # lemmas of a joint subject ("the leaders", "both sides")
    joint_pronouns: frozenset[str]
    definite_joint_nouns: frozenset[str]  # joint nouns only after "the" ("the officials")
    joint_collectives: frozenset[str]  # "The group discussed …" (two or more principals)
    participants: tuple[str, ...]  # openings of a paragraph listing the participants
    meeting_verbs: frozenset[str]  # "met … to underscore X": the cue's subject is theirs
    joint_cues: frozenset[str]  # "met … to discuss X": a joint statement
    purpose_nouns: frozenset[str]  # "met with X for discussions on Y": a joint statement
    askers: frozenset[str]  # transcript labels that are questions
    label_honorifics: frozenset[str]  # "MR PRICE:" names a person by surname
    name_particles: frozenset[str]  # "bin" in "Mohammed bin Abdulrahman Al-Thani"
    joint_statements: tuple[str, ...] = ()  # title words of a joint statement (quotes/jointtext)
    # home country -> role words its own officials never hold ("minister" for the USA)
    counterpart_roles: dict[str, frozenset[str]] = field(default_factory=dict)
    portfolio_ends: frozenset[str] = frozenset()  # "… for African Affairs" before a name


def _words(values: list | None) -> frozenset[str]:
    return frozenset(str(w).lower() for w in values or [])


@cache
def _shipped(name: str) -> dict:
    """The shipped data file ``data/NAME.yml``, read and checked once per process (cues.yml feeds
    both :func:`cue_words` and :func:`official_words`)."""
    return read_data(default_data_path(name), name)[0]


@cache
def stance_words() -> StanceWords:
    """The grammar word lists of the shipped ``data/stance.yml``."""
    data = _shipped("stance")
    modals = data.get("modals") or {}
    cond = data.get("condition_words") or {}
    holders = data.get("holder_nouns") or {}
    return StanceWords(
        demand_modals=_words(modals.get("demand")),
        hypothetical_modals=_words(modals.get("hypothetical")),
        future_modals=_words(modals.get("future")),
        actor_modals=_words(modals.get("actor_only")),
        span_conditions=_words(cond.get("span")),
        holder_conditions=_words(cond.get("holder")),
        feature_conditions=_words(cond.get("feature")),
        bare_conditions=_words(cond.get("bare")),
        until_words=_words(cond.get("until")),
        circumstance_words=_words(data.get("circumstance_words")),
        real_conditions=tuple(str(w).lower() for w in cond.get("real") or []),
        negation_feature=_words(data.get("negation_feature")),
        small_clause_verbs=_words(data.get("small_clause_verbs")),
        same_thing_adjectives=_words(data.get("same_thing_adjectives")),
        holder_nouns=_words(holders.get("holders")),
        coref_nouns=_words(holders.get("coreferent")),
        country_nouns=_words(holders.get("countries")),
    )


@cache
def cue_words() -> CueWords:
    """The reporting verbs as written of the shipped ``data/cues.yml``."""
    data = _shipped("cues")
    return CueWords(
        _words(data.get("demand_reporting")),
        _words(data.get("plain_cues")),
        _words(data.get("title_stops")),
        _words(data.get("object_content"))
        | _words((data.get("official") or {}).get("object_content")),
        _words(data.get("topic_only")),
    )


@cache
def official_words() -> OfficialWords:
    """The official-document word lists of the shipped ``data/cues.yml``."""
    data = _shipped("cues")
    off = data.get("official") or {}
    return OfficialWords(
        first_person=tuple(sorted(_words(off.get("first_person")), key=len, reverse=True)),
        transcript=tuple(sorted(_words(off.get("transcript")), key=len, reverse=True)),
        readout=tuple(sorted(_words(off.get("readout")), key=len, reverse=True)),
        cues=_words(off.get("cues")),
        object_content=_words(off.get("object_content")),
        completes=_words(off.get("completes")),
        multiword=tuple(sorted(_words(off.get("multiword")))),
        publishers={str(k).lower(): str(v) for k, v in (off.get("publishers") or {}).items()},
        title_stops=_words(off.get("title_stops")),
        author_ends=_words(off.get("author_ends")),
        joint_nouns=_words(off.get("joint_nouns")),
        joint_pronouns=_words(off.get("joint_pronouns")),
        definite_joint_nouns=_words(off.get("definite_joint_nouns")),
        joint_collectives=_words(off.get("joint_collectives")),
        participants=tuple(sorted(_words(off.get("participants")), key=len, reverse=True)),
        meeting_verbs=_words(off.get("meeting_verbs")),
        joint_cues=_words(off.get("joint_cues")),
        purpose_nouns=_words(off.get("purpose_nouns")),
        askers=_words(off.get("askers")),
        label_honorifics=_words(off.get("label_honorifics")),
        name_particles=_words(off.get("name_particles")),
        joint_statements=tuple(sorted(_words(off.get("joint_statements")))),
        portfolio_ends=_words(off.get("portfolio_ends")),
        counterpart_roles={
            str(k): _words(v) for k, v in (off.get("counterpart_roles") or {}).items()
        },
    )


@cache
def country_words() -> CountryWords:
    """The predicates of a country's own position, from the shipped ``data/countries.yml``."""
    data = _shipped("countries")
    return CountryWords(_words(data.get("own_position")))
