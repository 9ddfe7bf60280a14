"""PolNeAR (Political News Attribution Relations): read a local copy and score quotes on it.

The corpus (github.com/networkdynamics/PolNeAR) keeps each article as ``data/SPLIT/text/NAME.txt``
and its annotation, in brat standoff format, as ``data/SPLIT/attributions/NAME_ANNOTATOR.ann``:
text-bound spans (``T1 Source 110 112 we``; a discontinuous span is ``120 211;215 230``) and one
event per attribution relation (``E1 Attribution:T4 Content:T3 Cue:T2 Source:T1``). An article
annotated by several annotators is scored against the first annotation file in name order.

Scoring (the quotes issue's definition, so figures compare):

- **gold**: the relations whose cue contains a speech verb (:data:`SPEECH_VERBS`);
- **match**: a prediction matches a content when their character overlap is at least 30% of each
  (a discontinuous content counts its pieces only);
- **precision**: predictions that match any annotated relation (speech or not) / predictions;
- **recall**: gold relations matched by some prediction / gold relations;
- **direct-quote recall**: the same over gold contents that contain a quote mark;
- **speaker accuracy**: over matched gold relations with a source, the share whose best-matching
  prediction's ``speaker_start``/``speaker_end`` overlaps the source span.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MIN_OVERLAP = 0.3
QUOTE_MARKS = '"“”«»„'

# Lemmas of the speech cues that define gold. A cue counts when one of its words is a form of one.
SPEECH_VERBS = (
    "say tell according add argue claim call warn state declare announce note write insist explain "
    "report ask reply respond answer assert contend suggest acknowledge admit deny confirm "
    "predict promise vow pledge urge allege charge accuse complain criticize criticise praise "
    "describe recall reveal point boast testify tweet post quip joke muse remark comment observe "
    "emphasize emphasise stress maintain repeat reiterate concede recount disclose indicate "
    "mention counter retort propose recommend demand threaten caution announce proclaim "
    "question challenge dispute blame credit thank agree disagree estimate speak talk"
).split()
_IRREGULAR = {
    "say": ["said"],
    "tell": ["told"],
    "write": ["wrote", "written"],
    "speak": ["spoke", "spoken"],
}


def _forms(lemma: str) -> set[str]:
    forms = {lemma, *_IRREGULAR.get(lemma, [])}
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms |= {stem + "ed", stem + "ing", lemma + "d" if lemma.endswith("e") else lemma + "ed"}
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    else:
        forms.add(lemma + "s")
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma):  # admit -> admitted, quip -> quipped
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


_SPEECH_FORMS = {f for lemma in SPEECH_VERBS for f in _forms(lemma)}

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Relation:
    """One annotated attribution: content, cue and source spans (each possibly discontinuous)."""

    content: Spans
    cue: Spans
    source: Spans
    cue_text: str
    content_text: str

    @property
    def speech(self) -> bool:
        return any(w in _SPEECH_FORMS for w in re.findall(r"[a-z]+", self.cue_text.lower()))

    @property
    def direct(self) -> bool:
        return any(m in self.content_text for m in QUOTE_MARKS)


@dataclass
class PolnearArticle:
    name: str
    text: str
    relations: list[Relation]


def _spans(field_: str) -> Spans:
    out = []
    for piece in field_.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return tuple(out)


def read_ann(text: str, raw: str) -> list[Relation]:
    """The attribution relations of one brat ``.ann`` file (``raw``) over the article ``text``."""
    bound: dict[str, tuple[str, Spans]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in raw.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, where = parts[1].partition(" ")
            try:
                bound[parts[0]] = (kind, _spans(where))
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split() if ":" in arg])
    relations = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, tid in args:
            base = role.rstrip("0123456789")
            if base in roles and tid in bound:
                roles[base] += bound[tid][1]
        if not roles["Content"]:
            continue
        content, cue = tuple(sorted(roles["Content"])), tuple(sorted(roles["Cue"]))
        relations.append(
            Relation(
                content,
                cue,
                tuple(sorted(roles["Source"])),
                " ".join(text[a:b] for a, b in cue),
                " ".join(text[a:b] for a, b in content),
            )
        )
    return relations


def load_polnear(root: str | os.PathLike, split: str = "train") -> list[PolnearArticle]:
    """Every article of ``split`` with its relations. ``root`` is the repository or its ``data``."""
    root = Path(root)
    base = root / "data" / split if (root / "data").is_dir() else root / split
    texts, anns = base / "text", base / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise ValueError(
            f"{root}: no PolNeAR {split!r} split here (expected {base}/text and …/attributions)"
        )
    by_name: dict[str, list[Path]] = {}
    for ann in sorted(anns.glob("*.ann")):
        by_name.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    out = []
    for path in sorted(texts.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        files = by_name.get(path.stem, [])
        relations = read_ann(text, files[0].read_text(encoding="utf-8")) if files else []
        out.append(PolnearArticle(path.stem, text, relations))
    return out


def overlap(pred: tuple[int, int], spans: Spans) -> float:
    """The smaller share of overlap between a predicted span and a (discontinuous) gold span."""
    size = sum(b - a for a, b in spans)
    inter = sum(max(0, min(b, pred[1]) - max(a, pred[0])) for a, b in spans)
    if inter <= 0 or size <= 0 or pred[1] <= pred[0]:
        return 0.0
    return min(inter / size, inter / (pred[1] - pred[0]))


@dataclass
class PolnearScore:
    n_gold: int = 0
    n_direct: int = 0
    n_pred: int = 0
    pred_ok: int = 0
    gold_hit: int = 0
    direct_hit: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    n_articles: int = 0
    failed: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (article, cause, excerpt)

    def add(self, other: PolnearScore) -> None:
        for name in self.__dataclass_fields__:
            value = getattr(other, name)
            setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float:
        return self.pred_ok / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.gold_hit / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def direct_recall(self) -> float:
        return self.direct_hit / self.n_direct if self.n_direct else 0.0

    @property
    def speaker(self) -> float:
        return self.speaker_ok / self.with_source if self.with_source else 0.0

    def figures(self) -> dict[str, float]:
        return {
            "f1": self.f1,
            "precision": self.precision,
            "recall": self.recall,
            "direct_recall": self.direct_recall,
            "speaker": self.speaker,
        }

    def summary(self) -> str:
        return (
            f"articles {self.n_articles} (failed {self.failed})  gold {self.n_gold} "
            f"(direct {self.n_direct})  predicted {self.n_pred}\n"
            f"F1 {self.f1:.3f}  precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"direct-quote recall {self.direct_recall:.3f}  speaker {self.speaker:.3f}"
        )


def score_article(article: PolnearArticle, quotes: list[dict]) -> PolnearScore:
    """Score one article's predicted quote records against its relations."""
    s = PolnearScore(n_articles=1, n_pred=len(quotes))
    spans = [(q["start_char"], q["end_char"]) for q in quotes]
    for q, span in zip(quotes, spans, strict=True):
        if any(overlap(span, r.content) >= MIN_OVERLAP for r in article.relations):
            s.pred_ok += 1
        else:
            s.errors.append((article.name, "extra", _excerpt(q["text"])))
    for r in article.relations:
        if not r.speech:
            continue
        s.n_gold += 1
        s.n_direct += r.direct
        best = max(((overlap(sp, r.content), i) for i, sp in enumerate(spans)), default=(0.0, -1))
        if best[0] < MIN_OVERLAP:
            s.errors.append((article.name, _miss_cause(r, spans), _excerpt(r.content_text)))
            continue
        s.gold_hit += 1
        s.direct_hit += r.direct
        if r.source:
            s.with_source += 1
            q = quotes[best[1]]
            if _speaker_hits(q, r.source):
                s.speaker_ok += 1
            else:
                s.errors.append(
                    (article.name, "speaker", f"{q['speaker']!r} for {_excerpt(r.content_text)}")
                )
    return s


def _speaker_hits(q: dict, source: Spans) -> bool:
    a, b = q.get("speaker_start"), q.get("speaker_end")
    if a is None or b is None:
        return False
    return any(min(b, y) > max(a, x) for x, y in source)


def _miss_cause(r: Relation, spans: list[tuple[int, int]]) -> str:
    """Why a gold relation was missed: nothing near it, or a prediction with other bounds."""
    touching = [sp for sp in spans if overlap(sp, r.content) > 0]
    if touching:
        return "bounds (direct)" if r.direct else "bounds (reported)"
    return "missed (direct)" if r.direct else "missed (reported)"


def _excerpt(text: str, words: int = 8) -> str:
    """A few words only: the corpus is copyrighted news."""
    w = text.split()
    return " ".join(w[:words]) + (" …" if len(w) > words else "")
