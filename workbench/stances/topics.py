"""The topic catalogue (``data/topics.yml``) and finding the topics of a clause.

A clause is on a topic when it holds one of the topic's trigger words or phrases (a word matches a
token's lower-case form or its lemma). Topics with ``requires_country`` also need that country
named in the sentence or as the holder (``us_backstop`` is about the United States). A clause with
no trigger is compared with the topic's prototype sentences by lemma overlap. When the catalogue has
a learned topic classifier (``resources/topicmodel.py``; none ships yet), a cue's clause or a unit
that matches no prototype either goes to it, and is put on its likeliest topic when that topic's
probability reaches the classifier's threshold.
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc, Span, Token

from workbench.nlp.phrases import WordIndex, find_phrases, word_index
from workbench.resources.topics import Catalogue, Topic
from workbench.resources.words import stance_words

PROTOTYPE_MIN = 0.5  # share of a prototype's content lemmas a clause must contain
CLASSIFIER = "classifier"  # the trigger of a topic the learned classifier chose


def inverted(clause: list[Token], topic: Topic, arcs: int = 3) -> bool:
    """The clause speaks of undoing the topic ("ready to lift sanctions", "no appetite for easing
    the measures"): an inverter word within a few arcs of one of the topic's triggers."""
    if not topic.inverters:
        return False
    undo = [clause[i] for i, _, _ in find_phrases(clause, topic.inverters)]
    if not undo:
        return False
    where = [clause[i].i for i, _, _ in trigger_hits(clause, topic)]
    return any(within(u, where, arcs) for u in undo)


def trigger_hits(
    tokens: list[Token], topic: Topic, index: WordIndex | None = None
) -> list[tuple[int, int, str]]:
    """The topic's trigger matches, less those inside one of its idioms ("the measures already in
    force" names no force, "a European summit" no peace talks)."""
    index = index if index is not None else word_index(tokens)
    hits = find_phrases(tokens, topic.triggers, index)
    if not topic.idioms or not hits:
        return hits
    idioms = find_phrases(tokens, topic.idioms, index)
    taken = {i for lo, hi, _ in idioms for i in range(lo, hi)}
    return [h for h in hits if not any(i in taken for i in range(h[0], h[1]))]


def topics_of(
    clause: Span | list[Token],
    catalogue: Catalogue,
    countries: set[str],
    with_positions=False,
    learned=False,
) -> list[tuple]:
    """Topics of a clause with the trigger (or "prototype", or with ``learned`` "classifier")
    that put it there, and with ``with_positions`` the token indices (``Token.i``) of the trigger
    matches.

    ``countries`` are the codes named in the clause's sentence plus the holder's."""
    tokens = list(clause)
    out = []
    lemmas: set[str] | None = None  # for the prototypes, when a topic has no trigger here
    index = word_index(tokens)
    pointers = anaphors(tokens[0].doc, catalogue) if tokens else {}
    pointed: dict[str, list[tuple[int, str]]] = {}  # topic id -> its pointing nouns here
    for t in tokens if pointers else ():
        if t.i in pointers:
            pointed.setdefault(pointers[t.i][0], []).append((t.i, pointers[t.i][1]))
    for topic in catalogue.topics:
        need = catalogue.by_id(topic.requires_topic) if topic.requires_topic else None
        if need is not None and not trigger_hits(tokens, need, index):
            continue  # "a reward for a lasting ceasefire" says nothing on when troops deploy
        if topic.requires_country and topic.requires_country not in countries:
            continue
        hits = trigger_hits(tokens, topic, index)
        if hits:
            out.append((topic, hits[0][2], [tokens[i].i for i, _, _ in hits]))
            continue
        back = pointed.get(topic.id)
        if back:  # "the package", after "the sanctions package"
            out.append((topic, back[0][1], [i for i, _ in back]))
            continue
        if topic.prototypes and lemmas is None:
            lemmas = set(index[1])  # every form of every token
        for proto in topic.prototypes:
            if proto and len(proto & lemmas) / len(proto) >= PROTOTYPE_MIN:
                out.append((topic, "prototype", []))
                break
    if learned and not out and tokens and catalogue.classifier is not None:
        placed = classified(tokens, catalogue, countries)
        if placed is not None:
            out.append((placed, CLASSIFIER, []))
    if not with_positions:  # without positions, overriding topics always win
        replaced = {r for t, _, _ in out for r in t.overrides}
        return [(t, trig) for t, trig, _ in out if t.id not in replaced]
    return out


def classified(tokens: list[Token], catalogue: Catalogue, countries: set[str]) -> Topic | None:
    """The topic the learned classifier puts the clause on (its text from the first token to the
    last), when its probability reaches the threshold and the catalogue has it (and, for a topic
    with ``requires_country``, that country is named or holds it). Worked out once per clause."""
    doc = tokens[0].doc
    key = (tokens[0].i, tokens[-1].i)
    cache = doc.user_data.setdefault(f"workbench_topic_classifier:{catalogue.fingerprint}", {})
    if key not in cache:
        text = doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        cache[key] = catalogue.classifier.predict(text)
    topic_id, p = cache[key]
    topic = catalogue.by_id(topic_id) if p >= catalogue.classifier.threshold else None
    if topic is None or (topic.requires_country and topic.requires_country not in countries):
        return None
    return topic


def anaphors(doc: Doc, catalogue: Catalogue) -> dict[int, tuple[str, str]]:
    """Nouns that point back to a topic named in full earlier in the article: "the package" or
    "every European package" after "the sanctions package", "the rules" after "rules of
    engagement". The head of a multi-word trigger, when it is not a trigger itself, takes that
    trigger's topic where it comes back with a determiner or owner (and no description of its
    own). Token index -> (topic id, "package (= sanctions package)"); worked out once per Doc."""
    key = f"workbench_anaphors:{catalogue.fingerprint}:{id(catalogue)}"
    known = doc.user_data.get(key)
    if known is not None:
        return known
    tokens = list(doc)
    index = word_index(tokens)
    single = {e[0] for t in catalogue.topics for e in t.triggers if len(e) == 1}
    first: dict[str, tuple[int, str, str]] = {}  # head lemma -> (where named, topic, phrase)
    inside: set[int] = set()
    for topic in catalogue.topics:
        if topic.requires_country or topic.requires_topic:
            continue  # "air cover" names the backstop only with the United States in the sentence
        for lo, hi, phrase in trigger_hits(tokens, topic, index):
            inside.update(range(lo, hi))
            if hi - lo < 2:
                continue
            head = next(t for t in tokens[lo:hi] if not lo <= t.head.i < hi or t.head.i == t.i)
            lemma = head.lemma_.lower()
            if head.pos_ == "NOUN" and lemma not in single and lemma not in first:
                first[lemma] = (hi, topic.id, phrase)
    known = {}
    for tok in tokens:
        named = first.get(tok.lemma_.lower())
        if named and tok.i >= named[0] and tok.i not in inside and _points_back(tok):
            known[tok.i] = (named[1], f"{tok.lower_} (= {named[2]})")
    doc.user_data[key] = known
    return known


def _points_back(noun: Token) -> bool:
    """ "the package", "its package", "every European package", "the next package"; not "a
    package", "package deals" nor "the package of reforms" (a description of its own)."""
    if noun.pos_ != "NOUN" or noun.dep_ == "compound":
        return False
    if not any(
        c.dep_ in ("det", "poss") and c.lower_ != "a" and c.lower_ != "an" for c in noun.children
    ):
        return False
    for c in noun.children:
        if c.dep_ in ("prep", "relcl", "acl", "compound", "nummod"):
            return False
        if c.dep_ == "amod" and not (
            c.lower_ in stance_words().same_thing_adjectives or c.text[:1].isupper()
        ):
            return False
    return True


def main_clause(tokens: list[Token]) -> list[Token]:
    """Tokens outside relative and adverbial clauses that have a subject of their own ("Canada,
    whose defence minister was in Washington for talks, said …"): topics are borrowed from these."""
    if not tokens:
        return []
    aside = _asides(tokens[0].doc)
    return [t for t in tokens if not aside[t.i]]


def _asides(doc: Doc) -> list[bool]:
    """Per token of ``doc``: does it sit in a relative or adverbial clause with a subject of its
    own? Worked out once per Doc from its head and label arrays (kept in ``doc.user_data``)."""
    known = doc.user_data.get("workbench_asides")
    if known is not None:
        return known
    strings = doc.vocab.strings
    rows = doc.to_array([HEAD, DEP])  # uint64; HEAD is an offset from the token
    head = [i + h for i, h in enumerate(rows[:, 0].astype("int64").tolist())]
    dep = [strings[d] for d in rows[:, 1].tolist()]
    has_subject = [False] * len(doc)
    for i, d in enumerate(dep):
        if d in ("nsubj", "nsubjpass", "poss") and head[i] != i:
            has_subject[head[i]] = True
    out: list[bool | None] = [None] * len(doc)
    for i in range(len(doc)):  # aside: it, or one of its ancestors, opens such a clause
        path = []
        while out[i] is None:  # walk up until a token whose answer is known or decided here
            if dep[i] in ("relcl", "advcl", "acl") and has_subject[i]:
                out[i] = True
            elif head[i] == i:
                out[i] = False
            else:
                path.append(i)
                i = head[i]
        for j in path:  # every token on the way shares the answer
            out[j] = out[i]
    doc.user_data["workbench_asides"] = out
    return out  # type: ignore[return-value]


def nearest_topics(found: list, cue: Token | None, slack: int = 3) -> list:
    """Topics whose trigger is nearest the stance cue ("France backs the draft mandate … limit the
    force" is about the mandate); all of them when there is no cue."""
    if cue is None or not found:
        return [(t, trig) for t, trig, _ in found]
    doc = cue.doc
    found = [
        (t, trig, [i for i in where if same_clause(cue, doc[i])] if where else None)
        for t, trig, where in found
    ]
    found = [x for x in found if x[2] is None or x[2]]  # None: a prototype, no trigger position
    if not found:
        return []
    dist = [
        min(tree_distance(cue, doc[i]) for i in where) if where else 99 for _, _, where in found
    ]
    best = min(dist)
    kept = [(t, trig, d) for (t, trig, _), d in zip(found, dist, strict=True) if d <= best + slack]
    # a specific topic at least as near the cue replaces the general one it overrides
    replaced = {
        r for t, _, d in kept for r in t.overrides for u, _, e in kept if u.id == r and d <= e
    }
    return [(t, trig) for t, trig, _ in kept if t.id not in replaced]


def same_clause(cue: Token, tok: Token) -> bool:
    """False when ``tok`` sits in another clause with a subject of its own below the point where it
    meets the cue ("…, as European governments argued over when a force should follow")."""
    above_cue = {t.i for t in [cue, *cue.ancestors]}
    for t in [tok, *tok.ancestors]:
        if t.i in above_cue:
            return not _own_clause_between(cue, t)
        question = any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children)
        wanted = (  # a small clause: "wants the sanctions wound down", "wants the measures gone"
            t.dep_ == "ccomp"
            and t.head.lemma_ in stance_words().small_clause_verbs
            and tok.head.i == t.i
            and tok.dep_ == "nsubj"
        )
        if (
            t.dep_ in ("advcl", "relcl", "ccomp", "conj")
            and not question
            and not wanted
            and any(c.dep_ == "nsubj" for c in t.children)
        ):  # "declined to say whether Athens would send troops" is about troops
            return False
    return True


def _own_clause_between(cue: Token, top: Token) -> bool:
    """The cue sits in a coordinate clause with a subject of its own below ``top`` ("the text gave
    the force a mandate and that Paris would put it to a vote": the vote is not about the force)."""
    for t in [cue, *cue.ancestors]:
        if t.i == top.i:
            return False
        if (
            t.dep_ == "conj"
            and t.pos_ in ("VERB", "AUX")
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
        ):
            return True
    return False


def within(cue: Token, where: list[int], arcs: int) -> bool:
    return any(tree_distance(cue, cue.doc[i]) <= arcs for i in where)


def tree_distance(a: Token, b: Token) -> int:
    """Arcs between two tokens in the dependency tree (the subject head "support" is nearer
    "depend" than "mission" inside its modifier)."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    for k, t in enumerate(up_b):
        if t.i in index:
            return index[t.i] + k
    return len(up_a) + len(up_b)
