"""The stance matrix: statements aggregated into country (or actor) × topic cells.

Method (also in the README):

1. Statements are filtered by voice (``all``; ``self`` = positions stated by their holder;
   ``government`` = holders with a government role, governments and their seats) and by date
   (``as_of``: statements from articles dated on or before it; undated ones are then left out).
2. Wire copies count once: statements with the same holder, topic and evidence text are merged, and
   the merged evidence lists every article that carried it.
3. A cell's score is the mean of its statements' stances weighted by confidence × recency, where a
   statement loses half its weight for every ``half_life`` days it is older than the cell's newest
   statement (undated statements weigh as the newest).
4. The score is snapped to the nearest point of the scale (-1, -0.5, 0, 0.5, 1); support qualified
   by a condition stays conditional (all statements positive, one conditional → 0.5).
5. A cell is flagged ``changed`` when the position snapped from the statements of its earliest date
   differs from that of its latest date ("sceptical (2026-05-02) → conditional (2026-06-10)").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .corpus import Corpus
from .stances import SCALE

VOICES = ("all", "self", "government")
CELL_COLUMNS = ["key", "topic", "stance", "label", "score", "n_statements", "evidence", "changed",
                "change", "origin"]  # fmt: skip


@dataclass
class Cell:
    """One matrix cell; ``evidence`` lists the statements behind it, strongest first."""

    stance: float
    label: str
    score: float
    n_statements: int
    evidence: list[dict] = field(default_factory=list)
    changed: bool = False
    change: str | None = None
    origin: str = "model"

    def __str__(self) -> str:
        mark = " ↻" if self.changed else ""
        who = " (analyst)" if self.origin == "analyst" else ""
        return f"{self.label} ({self.n_statements}){mark}{who}"

    __repr__ = __str__


def snap(score: float) -> float:
    """The nearest point of the scale (ties go towards neutral)."""
    return min(sorted(SCALE, key=abs), key=lambda p: abs(p - score))


def position(stances: list[float], weights: list[float]) -> tuple[float, float]:
    """(snapped position, weighted mean) of statements. Support qualified by a condition is
    conditional support: when every statement is positive and one is conditional, the position
    is 0.5."""
    score = sum(w * s for w, s in zip(weights, stances, strict=True)) / sum(weights)
    if all(s > 0 for s in stances) and 0.5 in stances:
        return 0.5, score
    return snap(score), score


def statements(corpus: Corpus, voices: str = "all", as_of: str | None = None) -> pd.DataFrame:
    """The stance statements that count, with their article's date, wire copies merged."""
    if voices not in VOICES:
        raise ValueError(f"voices must be one of {VOICES}, not {voices!r}")
    st = corpus.stances.merge(corpus.articles[["article_id", "date"]], on="article_id", how="left")
    if voices == "self":
        st = st[st.attribution == "self"]
    elif voices == "government":
        st = st[st.role_class == "government"]
    if as_of is not None:
        st = st[st.date.notna() & (st.date <= str(as_of))]
    if st.empty:
        return st.assign(sources=[])
    st = st.assign(_text=st.evidence.str.lower().str.split().str.join(" "))
    rows = []
    for _, group in st.groupby(["actor", "topic", "_text"], dropna=False, sort=False):
        first = group.sort_values("date", na_position="last").iloc[0].to_dict()
        first["sources"] = sorted(set(group.article_id))
        rows.append(first)
    return pd.DataFrame(rows).drop(columns="_text")


def cells(corpus: Corpus, by: str = "country", as_of: str | None = None, voices: str = "all",
          half_life: float = 14.0) -> pd.DataFrame:  # fmt: skip
    """The matrix in long form: one row per (country or actor, topic) with a Cell's fields."""
    key = {"country": "country_code", "actor": "actor"}.get(by)
    if key is None:
        raise ValueError(f"by must be 'country' or 'actor', not {by!r}")
    st = statements(corpus, voices, as_of)
    if st.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    st = st[st[key].notna()]
    out = []
    for (k, topic), group in st.groupby([key, "topic"], sort=True):
        cell = _aggregate(group, half_life)
        out.append({"key": k, "topic": topic, **cell.__dict__})
    return pd.DataFrame(out, columns=CELL_COLUMNS)


def _aggregate(group: pd.DataFrame, half_life: float) -> Cell:
    dates = pd.to_datetime(group.date, errors="coerce")
    newest = dates.max()
    age = (
        (newest - dates).dt.days.fillna(0) if pd.notna(newest) else pd.Series(0, index=group.index)
    )
    weight = group.confidence.astype(float) * 0.5 ** (age.astype(float) / half_life)
    stance, score = position(list(group.stance.astype(float)), list(weight))
    evidence = [_evidence(row) for _, row in group.assign(_w=weight).sort_values(
        "_w", ascending=False).iterrows()]  # fmt: skip
    changed, change = _change(group, dates)
    return Cell(stance, SCALE[stance], round(score, 3), len(group), evidence, changed, change)


def _change(group: pd.DataFrame, dates: pd.Series) -> tuple[bool, str | None]:
    dated = group.assign(_d=dates)[dates.notna()]
    if dated._d.nunique() < 2:
        return False, None
    first_day, last_day = dated._d.min(), dated._d.max()
    before = _position(dated[dated._d == first_day])
    after = _position(dated[dated._d == last_day])
    if before == after:
        return False, None
    fmt = "%Y-%m-%d"
    return True, (f"{SCALE[before]} ({first_day.strftime(fmt)}) → "
                  f"{SCALE[after]} ({last_day.strftime(fmt)})")  # fmt: skip


def _position(rows: pd.DataFrame) -> float:
    return position(list(rows.stance.astype(float)), list(rows.confidence.astype(float)))[0]


def _evidence(row: pd.Series) -> dict:
    keep = ("evidence", "article_id", "sources", "quote_id", "actor", "voiced_by", "attribution",
            "label", "stance", "confidence", "date", "start_char", "end_char", "rule",
            "origin")  # fmt: skip
    out = {k: (None if _missing(row.get(k)) else row.get(k)) for k in keep}
    out["text"] = out.pop("evidence")
    return out


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def stance_matrix(
    corpus: Corpus,
    by: str = "country",
    as_of: str | None = None,
    voices: str = "all",
    overrides=None,
    half_life: float = 14.0,
) -> pd.DataFrame:
    """Country (or actor) × topic table of :class:`Cell` objects; empty cells are None.

    ``overrides`` (a path or :class:`workbench.overrides.Overrides`) sets or corrects cells; such
    cells carry ``origin == "analyst"``. The long form is in ``result.attrs["cells"]``."""
    long = cells(corpus, by, as_of, voices, half_life)
    if overrides is not None:
        from .overrides import apply_cell_overrides, as_overrides

        long = apply_cell_overrides(long, as_overrides(overrides), by)
    table: dict[str, dict[str, Cell]] = {}
    for row in long.itertuples(index=False):
        cell = Cell(row.stance, row.label, row.score, row.n_statements, row.evidence, row.changed,
                    row.change, row.origin)  # fmt: skip
        table.setdefault(row.topic, {})[row.key] = cell
    matrix = pd.DataFrame(table).sort_index(axis=0).sort_index(axis=1)
    matrix = matrix.astype(object).where(matrix.notna(), None)
    matrix.index.name = by
    matrix.attrs["cells"] = long
    return matrix
