"""The declared schema of every YAML data file (pydantic models), and one-line messages for what
breaks them.

Every model forbids unknown keys (a typo such as ``actorz:`` or ``speaker:`` is an error, never
silently dropped) and is strict: a string must be a string (``aliases: [5]`` and ``no`` read as
false by YAML are errors), a list a list (``aliases: Smith`` is not five letters). Names and
phrases are non-empty; country codes are ISO 3166-1 alpha-3 (``EUU`` for the European Union).
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from workbench.schema import LABELS, SCALE

Name = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strict=True)]
Code = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{3}$")]
Label = Literal[tuple(SCALE.values())]  # the labels of the stance scale (schema.Stance)
ScorerClass = Literal[("none", *sorted(LABELS, key=LABELS.get))]  # weights.CLASSES


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- gazetteers -----------------------------------------------------------------------------


class Actor(Strict):
    name: Name
    aliases: list[Name] = []
    country: Code | None = None
    role: Name | None = None
    historical: bool = False


class ActorsFile(Strict):
    actors: list[Actor]


class Country(Strict):
    name: Name | None = None
    aliases: list[Name] = []
    demonyms: list[Name] = []
    capital: Name | None = None
    seats: list[Name] = []


class CountriesFile(Strict):
    case_sensitive: list[Name] = []
    own_position: list[Name] = []
    countries: dict[Code, Country]


class Organisation(Strict):
    aliases: list[Name] = []
    country_code: Code | None = None
    demonyms: list[Name] = []
    seats: list[Name] = []


class OrganisationsFile(Strict):
    organisations: dict[Name, Organisation]


class RolesFile(Strict):
    roles: dict[Literal["government", "legislature", "other", "none"], list[Name]]
    role_countries: dict[Name, Code] = {}


class Region(Strict):
    name: Name
    kind: Literal["place", "other"] = "place"
    aliases: list[Name] = []


class LinkingFile(Strict):
    speech_nouns: list[Name] = []
    regions: list[Region] = []
    ner_labels: list[Name] = []
    honorifics: list[Name] = []


# --- lexicons -------------------------------------------------------------------------------


class OfficialWords(Strict):
    first_person: list[Name] = []
    transcript: list[Name] = []
    readout: list[Name] = []
    cues: list[Name] = []
    object_content: list[Name] = []
    completes: list[Name] = []
    multiword: list[Name] = []
    publishers: dict[Name, Code] = {}
    title_stops: list[Name] = []
    author_ends: list[Name] = []
    joint_nouns: list[Name] = []
    joint_pronouns: list[Name] = []
    definite_joint_nouns: list[Name] = []
    joint_collectives: list[Name] = []
    participants: list[Name] = []
    meeting_verbs: list[Name] = []
    joint_cues: list[Name] = []
    purpose_nouns: list[Name] = []
    askers: list[Name] = []
    label_honorifics: list[Name] = []
    name_particles: list[Name] = []
    joint_statements: list[Name] = []
    counterpart_roles: dict[Code, list[Name]] = {}
    portfolio_ends: list[Name] = []


class CuesFile(Strict):
    speech: list[Name] = []
    multiword: list[Name] = []
    needs_completion: list[Name] = []
    object_content: list[Name] = []
    person_object: list[Name] = []
    topic_only: list[Name] = []
    clause_only: list[Name] = []
    generic_speakers: list[Name] = []
    organisations: dict[Name, Name] = {}  # generic noun -> gazetteer name
    person_pronouns: list[Name] = []
    group_pronouns: list[Name] = []
    naming_words: list[Name] = []
    demand_reporting: list[Name] = []
    plain_cues: list[Name] = []
    title_stops: list[Name] = []
    speaker_nouns: list[Name] = []
    anonymous_speakers: list[Name] = []
    document_speakers: list[Name] = []
    official: OfficialWords = OfficialWords()


class Answers(Strict):
    affirmative: list[Name] = []
    negative: list[Name] = []


# the cue categories of data/stance.yml a clause rule may name (and `ignore`, which names none)
CUE_CATEGORIES = (
    "support",
    "support_weak",
    "oppose",
    "sceptical",
    "conditional",
    "undecided",
    "reluctance",
    "procedure",
)


class Rule(Strict):
    cue: Literal[CUE_CATEGORIES]
    negated: bool | None  # the cue must be negated (true), not negated (false), or either (null)
    stance: float
    name: Name


class Modals(Strict):
    demand: list[Name] = []
    hypothetical: list[Name] = []
    future: list[Name] = []
    actor_only: list[Name] = []


class ConditionWords(Strict):
    span: list[Name] = []
    holder: list[Name] = []
    feature: list[Name] = []
    bare: list[Name] = []
    until: list[Name] = []
    real: list[Name] = []


class HolderNouns(Strict):
    holders: list[Name] = []
    coreferent: list[Name] = []
    countries: list[Name] = []


class StanceFile(Strict):
    rules: Annotated[list[Rule], Field(min_length=1)]  # the order the clause rules apply in
    support: list[Name] = []
    support_weak: list[Name] = []
    oppose: list[Name] = []
    sceptical: list[Name] = []
    conditional: list[Name] = []
    undecided: list[Name] = []
    reluctance: list[Name] = []
    procedure: list[Name] = []
    ignore: list[Name] = []
    negation: list[Name] = []
    contrast: list[Name] = []
    speech_nouns: dict[Literal["support", "oppose", "sceptical"], list[Name]] = {}
    answers: Answers = Answers()
    modals: Modals = Modals()
    condition_words: ConditionWords = ConditionWords()
    negation_feature: list[Name] = []
    circumstance_words: list[Name] = []
    small_clause_verbs: list[Name] = []
    same_thing_adjectives: list[Name] = []
    holder_nouns: HolderNouns = HolderNouns()


class StanceModelFile(Strict):
    trained_on: list[Name] = []
    l2: float | None = None
    prior: float | None = None
    classes: list[ScorerClass] = list(typing.get_args(ScorerClass))
    threshold: float = 0.5
    confidence: Literal["rule", "p", "rule*p"] = "rule"
    bias: dict[ScorerClass, float] = {}
    weights: dict[Name, dict[ScorerClass, float]] = {}


class TopicModelFile(Strict):
    """``topic_model.yml``: the learned topic classifier's description (its arrays are the
    ``weights`` file beside it, whose sha256 must match)."""

    weights: Name
    sha256: Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
    threshold: float = Field(ge=0.0, le=1.0)
    classes: list[Name]
    terms: int = Field(ge=0)
    trained_on: list[Name] = []
    options: dict[Name, float | int | str] = {}
    sentences: dict[Name, int] = {}


# --- topics ---------------------------------------------------------------------------------


class PlainPositions(Strict):
    topic: Name
    unless: list[Name] = []


class Addressee(Strict):
    country: Code
    words: list[Name]


class Topic(Strict):
    id: Name
    label: Name | None = None
    description: Text = ""
    proposition: Text = ""
    triggers: list[Name] = []
    requires_country: Code | None = None
    prototypes: list[Name] = []
    stance_phrases: dict[Label, list[Name]] = {}
    overrides: list[Name] = []
    absorbs: list[Name] = []
    inverters: list[Name] = []
    requires_topic: Name | None = None
    idioms: list[Name] = []
    plain_positions: PlainPositions | None = None
    addressee: Addressee | None = None


class Scope(Strict):
    """What the whole catalogue is about: a label and the words that name it."""

    label: Name
    terms: list[Name]


class TopicsFile(Strict):
    scope: Scope | None = None
    topics: list[Topic]

    @model_validator(mode="after")
    def _ids_known(self) -> TopicsFile:
        """Topic ids are unique, and every reference to a topic names one of them."""
        seen: set[str] = set()
        for i, t in enumerate(self.topics):
            if t.id in seen:
                raise ValueError(f"topics[{i}].id: duplicate topic id {t.id!r}")
            seen.add(t.id)
        for i, t in enumerate(self.topics):
            refs = [(f"overrides[{j}]", x) for j, x in enumerate(t.overrides)]
            refs += [(f"absorbs[{j}]", x) for j, x in enumerate(t.absorbs)]
            refs += [("requires_topic", t.requires_topic)]
            refs += [("plain_positions.topic", t.plain_positions and t.plain_positions.topic)]
            for where, ref in refs:
                if ref is not None and ref not in seen:
                    raise ValueError(f"topics[{i}].{where}: unknown topic id {ref!r}")
        return self


# --- analyst overrides ----------------------------------------------------------------------


class Cell(Strict):
    country: Code | None = None
    actor: Name | None = None
    key: Name | None = None
    topic: Name
    label: Name  # a label off the scale is a warning when the matrix is built
    note: Text | None = None

    @model_validator(mode="after")
    def _has_key(self) -> Cell:
        if self.country is None and self.actor is None and self.key is None:
            raise ValueError("a cell needs country, actor or key")
        return self


class Alias(Strict):
    alias: Name
    name: Name
    country: Code | None = None
    role: Name | None = None


class Speaker(Strict):
    quote_id: Name
    speaker: Name
    country: Code | None = None


class OverridesFile(Strict):
    cells: list[Cell] = []
    aliases: list[Alias] = []
    speakers: list[Speaker] = []


SCHEMAS: dict[str, type[Strict]] = {
    "actors": ActorsFile,
    "countries": CountriesFile,
    "organisations": OrganisationsFile,
    "roles": RolesFile,
    "linking": LinkingFile,
    "cues": CuesFile,
    "stance": StanceFile,
    "stance_model": StanceModelFile,
    "topic_model": TopicModelFile,
    "topics": TopicsFile,
    "overrides": OverridesFile,
}

# --- messages -------------------------------------------------------------------------------

SHOWN_ERRORS = 3  # errors shown on the one line; the rest are counted
_EXPECTED = {
    "string_type": "expected a string",
    "string_too_short": "expected a non-empty string",
    "string_pattern_mismatch": "expected an alpha-3 country code such as FRA (EUU for the EU)",
    "list_type": "expected a list",
    "dict_type": "expected a mapping",
    "model_type": "expected a mapping",
    "model_attributes_type": "expected a mapping",
    "float_type": "expected a number",
    "int_type": "expected a whole number",
    "bool_type": "expected true or false",
    "missing": "required key missing",
}


def describe(exc: ValidationError, schema: type[BaseModel]) -> str:
    """The errors of ``exc`` as ``key.path[2].name: expected …, got …`` on one line."""
    errors = exc.errors(include_url=False)  # a typo first: "actorz: unknown key" explains the rest
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    shown = "; ".join(_one(e, schema) for e in errors[:SHOWN_ERRORS])
    more = len(errors) - SHOWN_ERRORS
    return shown + (f" (and {more} more)" if more > 0 else "")


def _one(error: dict, schema: type[BaseModel]) -> str:
    loc, kind = tuple(error["loc"]), error["type"]
    if kind == "value_error":  # a model check: its message carries its own key path
        message, prefix = str(error["ctx"]["error"]), key_path(loc)
        if ": " not in message:
            return f"{prefix or '(top)'}: {message}"
        return f"{prefix}.{message}" if prefix else message
    if kind == "extra_forbidden":
        allowed = ", ".join(_fields_at(schema, loc[:-1]))
        return f"{key_path(loc)}: unknown key (expected: {allowed})"
    if kind == "literal_error":
        what = f"expected {error['ctx']['expected']}"
    else:
        what = _EXPECTED.get(kind) or error["msg"][:1].lower() + error["msg"][1:]
    if kind != "missing":
        what += f", got {_short(error['input'])}"
    return f"{key_path(loc) or '(top)'}: {what}"


def key_path(loc: tuple) -> str:
    """``('actors', 0, 'aliases', 1)`` -> ``actors[0].aliases[1]``; a bad mapping key is named
    as the key itself (pydantic adds ``[key]``)."""
    out = ""
    for part in loc:
        if part == "[key]":
            continue
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fields_at(schema: object, loc: tuple) -> list[str]:
    """The keys the model at ``loc`` (inside ``schema``) declares."""
    for part in loc:
        schema = _unwrap(schema)
        if isinstance(schema, type) and issubclass(schema, BaseModel):
            schema = schema.model_fields[part].annotation
        else:
            args = typing.get_args(schema)
            schema = args[-1] if args else schema  # list[X] -> X, dict[K, V] -> V
    schema = _unwrap(schema)
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        return list(schema.model_fields)
    return []


def _unwrap(annotation: object) -> object:
    """``X | None`` and ``Annotated[X, ...]`` -> ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation
