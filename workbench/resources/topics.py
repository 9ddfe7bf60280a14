"""The topic catalogue (``data/topics.yml``), with the learned topic classifier that backs its
triggers (:mod:`workbench.resources.topicmodel`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from workbench.resources.datafiles import default_data_path, phrases, read_data
from workbench.resources.topicmodel import TopicClassifier, load_topic_classifier


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    description: str
    proposition: str = ""
    triggers: tuple[tuple[str, ...], ...] = ()
    requires_country: str | None = None
    prototypes: tuple[frozenset[str], ...] = ()
    stance_phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (label, phrase)
    overrides: tuple[str, ...] = ()  # topic ids this topic replaces in the same clause
    absorbs: tuple[str, ...] = ()  # topic ids that count as this one for requires_country holders
    inverters: tuple[tuple[str, ...], ...] = ()  # words that turn a stance round ("lift sanctions")
    requires_topic: str | None = None  # its triggers count only next to this topic's triggers
    idioms: tuple[tuple[str, ...], ...] = ()  # phrases whose words are no trigger ("in force")
    plain_positions: str | None = None  # topic that a bare readiness or refusal counts for …
    plain_unless: tuple[tuple[str, ...], ...] = ()  # … unless the trigger is one of these
    addressee: str | None = None  # a clause naming this country with one of …
    addressee_words: tuple[tuple[str, ...], ...] = ()  # … these words is on this topic


@dataclass(frozen=True)
class Scope:
    """What a catalogue is about ("Russia's war on Ukraine") and the words that name it
    (``ukrain*``: a trailing ``*`` matches any ending)."""

    label: str
    terms: tuple[str, ...]

    @cached_property
    def sql_pattern(self) -> str:
        """The terms as one case-insensitive regular expression, as DuckDB reads it
        (aggregate/fit.py); with no terms, one that matches nothing."""
        if not self.terms:
            return r"[^\s\S]"  # RE2 has no "(?!)"
        words = (re.escape(t.rstrip("*")) + (r"\w*" if t.endswith("*") else "") for t in self.terms)
        return r"(?i)\b(?:" + "|".join(words) + r")\b"


@dataclass
class Catalogue:
    topics: list[Topic] = field(default_factory=list)
    fingerprint: str = ""
    classifier: TopicClassifier | None = None  # places clauses that name no trigger
    scope: Scope | None = None  # what the catalogue is about (the catalogue-fit check)

    @cached_property
    def stance_entries(self) -> list[tuple[Topic, str, tuple[str, ...]]]:
        """Every topic's stance phrases in catalogue order: (topic, label, phrase)."""
        return [(t, label, phrase) for t in self.topics for label, phrase in t.stance_phrases]

    @cached_property
    def stance_phrases(self) -> list[tuple[str, ...]]:
        """The phrases of :attr:`stance_entries`, in the same order (one list per catalogue, so
        that ``nlp.phrases`` indexes it once)."""
        return [phrase for _, _, phrase in self.stance_entries]

    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def by_id(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def for_holder(self, topic: Topic, country: str | None) -> Topic:
        """The topic a holder's statement counts for (``absorbs``)."""
        for t in self.topics:
            if topic.id in t.absorbs and country and t.requires_country == country:
                return t
        return topic


def load_topics(path: str | Path | None = None, classifier: str | None = None) -> Catalogue:
    """Load the topic catalogue (the shipped one unless ``path`` is given) and the topic
    classifier (:func:`~workbench.resources.topicmodel.load_topic_classifier`'s ``choice``; none
    unless ``$WORKBENCH_TOPIC_CLASSIFIER`` names one). It places clauses only on topics the
    catalogue has."""
    path = Path(path) if path else default_data_path("topics")
    data, fingerprint = read_data(path, "topics")  # checked against schemas.TopicsFile
    topics = []
    for item in data["topics"]:
        plain = item.get("plain_positions") or {}
        topics.append(
            Topic(
                id=str(item["id"]),
                label=str(item.get("label") or item["id"]),
                description=str(item.get("description") or ""),
                proposition=str(item.get("proposition") or ""),
                triggers=tuple(phrases(item.get("triggers") or [])),
                requires_country=item.get("requires_country"),
                prototypes=tuple(_content_words(p) for p in item.get("prototypes") or []),
                stance_phrases=tuple(
                    (label, phrase)
                    for label, words in (item.get("stance_phrases") or {}).items()
                    for phrase in phrases(words)
                ),
                overrides=tuple(item.get("overrides") or ()),
                absorbs=tuple(item.get("absorbs") or ()),
                inverters=tuple(phrases(item.get("inverters") or [])),
                requires_topic=item.get("requires_topic"),
                idioms=tuple(phrases(item.get("idioms") or [])),
                plain_positions=plain.get("topic"),
                plain_unless=tuple(phrases(plain.get("unless") or [])),
                addressee=(item.get("addressee") or {}).get("country"),
                addressee_words=tuple(phrases((item.get("addressee") or {}).get("words") or [])),
            )
        )
    learned = load_topic_classifier(classifier)
    scope = data.get("scope")
    return Catalogue(
        topics,
        f"{fingerprint}+{learned.fingerprint if learned else 'no classifier'}",
        learned,
        Scope(scope["label"], tuple(scope["terms"])) if scope else None,
    )


def _content_words(sentence: str) -> frozenset[str]:
    return frozenset(w.strip(".,;:").lower() for w in sentence.split() if len(w.strip(".,;:")) > 3)


def topic_labels(path: str | Path | None = None) -> dict[str, str]:
    """Topic id -> its readable label ("troop_deployment" -> "Troops to Ukraine"), from the
    catalogue (the shipped one unless ``path`` is given). Ids missing from it keep their id."""
    return {t.id: t.label for t in load_topics(path, classifier="off").topics}
