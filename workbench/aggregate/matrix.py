"""The stance matrix: statements aggregated into country (or actor) × topic cells.

Method (also in docs/method/stances.md):

1. Statements are filtered by voice (``all``; ``self`` = positions stated by their holder;
   ``government`` = holders with a government role, governments and their seats) and by date
   (``as_of``: statements from articles dated on or before it; undated ones are then left out).
2. Wire copies count once: statements with the same holder, topic and evidence text are merged, and
   the merged evidence lists every article that carried it.
3. The headline is the cell's latest position: the statements of its latest window, those dated
   at most ``half_life`` days before the cell's newest statement (and the undated ones; a cell with
   no dates is one window). Its score is their mean stance weighted by confidence × recency, where
   a statement loses half its weight for every ``half_life`` days it is older than the newest.
4. The score is snapped to the nearest point of the scale (-1, -0.5, 0, 0.5, 1); support qualified
   by a condition stays conditional (all statements of the window positive, one conditional →
   0.5). A condition qualifies only the statements of its own window: a March condition does not
   make April's unconditional support conditional.
5. A cell is flagged ``changed`` when the position of its earliest date differs from the headline
   ("sceptical (2026-05-02) → conditional (2026-06-10)", the date of the newest statement), so
   the headline never contradicts its own history. Older statements stay in the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from workbench.aggregate.overrides import apply_cell_overrides, as_overrides
from workbench.schema import SCALE, Corpus, position

VOICES = ("all", "self", "government")
CELL_COLUMNS = [
    "key",
    "topic",
    "stance",
    "label",
    "score",
    "n_statements",
    "evidence",
    "changed",
    "change",
    "origin",
]


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


def check_voices(voices: str) -> None:
    """Raise ValueError unless ``voices`` is one of :data:`VOICES`."""
    if voices not in VOICES:
        raise ValueError(f"voices must be one of {VOICES}, not {voices!r}")


def statements(corpus: Corpus, voices: str = "all", as_of: str | None = None) -> pd.DataFrame:
    """The stance statements that count, with their article's date, wire copies merged: one row
    per (holder, topic, evidence text), the earliest copy, with ``sources`` listing every article
    that carried it."""
    check_voices(voices)
    # each statement's article date (a column added, the statements not copied as a merge would)
    dates = corpus.articles.drop_duplicates("article_id").set_index("article_id").date
    st = corpus.stances.assign(date=corpus.stances.article_id.map(dates))
    if voices == "self":
        st = st[st.attribution == "self"]
    elif voices == "government":
        st = st[st.role_class == "government"]
    if as_of is not None:
        st = st[st.date.notna() & (st.date <= str(as_of))]
    if st.empty:
        return st.assign(sources=[])
    st = st.reset_index(drop=True)
    # the evidence as compared: lower case, white space collapsed; worked out once per distinct
    # text (wire copies repeat it), not once per row
    unique = st.evidence.dropna().unique()
    text = st.evidence.map({t: " ".join(t.lower().split()) for t in unique})
    copy_of = pd.Series(
        st.groupby([st.actor, st.topic, text], dropna=False, sort=False).ngroup(), index=st.index
    )
    sources: dict[int, set] = {}
    for group, article in zip(copy_of, st.article_id, strict=True):
        sources.setdefault(group, set()).add(article)
    # the earliest copy of each statement (undated last), groups in order of first appearance
    keys = pd.DataFrame({"_g": copy_of, "date": st.date})
    first = keys.sort_values(["_g", "date"], na_position="last", kind="stable")
    first = first.drop_duplicates("_g")
    return (
        st.loc[first.index]
        .assign(sources=[sorted(sources[g]) for g in first._g])
        .reset_index(drop=True)
    )


def cells(
    corpus: Corpus,
    by: str = "country",
    as_of: str | None = None,
    voices: str = "all",
    half_life: float = 14.0,
) -> pd.DataFrame:
    """The matrix in long form: one row per (country or actor, topic) with a Cell's fields."""
    key = {"country": "country_code", "actor": "actor"}.get(by)
    if key is None:
        raise ValueError(f"by must be 'country' or 'actor', not {by!r}")
    st = statements(corpus, voices, as_of)
    st = st[st[key].notna()]
    if st.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    # weights for all statements at once: confidence × 0.5 ** (days older than the cell's newest
    # statement / half_life); undated statements weigh as the newest
    day = pd.to_datetime(st.date, errors="coerce")
    newest = day.groupby([st[key], st.topic]).transform("max")
    age = (newest - day).dt.days.fillna(0).astype(float)
    st = st.assign(_day=day, _w=st.confidence.astype(float) * 0.5 ** (age / half_life))
    st = st.sort_values([key, "topic", "_w"], ascending=[True, True, False], kind="stable")
    out = []
    for (k, topic), group in st.groupby([key, "topic"], sort=False):
        cell = _aggregate(group.to_dict("records"), half_life)
        out.append({"key": k, "topic": topic, **cell.__dict__})
    return pd.DataFrame(out, columns=CELL_COLUMNS)


def _aggregate(rows: list[dict], half_life: float = 14.0) -> Cell:
    """A cell from its statements (records with ``_w`` and ``_day``), strongest first."""
    window = latest_window(rows, half_life)
    stance, score = position([float(r["stance"]) for r in window], [r["_w"] for r in window])
    changed, change = _change(rows, stance)
    evidence = [_evidence(r) for r in rows]
    return Cell(stance, SCALE[stance], round(score, 3), len(rows), evidence, changed, change)


def latest_window(rows: list[dict], half_life: float) -> list[dict]:
    """The statements that make a cell's headline: those dated at most ``half_life`` days before
    the newest (``_day``), and the undated ones; all of them when none is dated."""
    days = [r["_day"] for r in rows if not pd.isna(r["_day"])]
    if not days:
        return rows
    since = max(days) - pd.Timedelta(days=half_life)
    return [r for r in rows if pd.isna(r["_day"]) or r["_day"] >= since]


def _change(rows: list[dict], headline: float) -> tuple[bool, str | None]:
    """Whether the earliest date's position differs from the headline, and how it read."""
    dated = [r for r in rows if not pd.isna(r["_day"])]
    days = {r["_day"] for r in dated}
    if len(days) < 2:
        return False, None
    first_day, last_day = min(days), max(days)
    before = _position([r for r in dated if r["_day"] == first_day])
    if before == headline:
        return False, None
    fmt = "%Y-%m-%d"
    return True, (
        f"{SCALE[before]} ({first_day.strftime(fmt)}) → {SCALE[headline]} "
        f"({last_day.strftime(fmt)})"
    )


def _position(rows: list[dict]) -> float:
    return position([float(r["stance"]) for r in rows], [float(r["confidence"]) for r in rows])[0]


_EVIDENCE_KEYS = (
    "evidence",
    "article_id",
    "sources",
    "quote_id",
    "actor",
    "voiced_by",
    "attribution",
    "label",
    "stance",
    "confidence",
    "date",
    "start_char",
    "end_char",
    "rule",
    "origin",
)


def _evidence(row: dict) -> dict:
    out = {k: (None if _missing(row.get(k)) else row.get(k)) for k in _EVIDENCE_KEYS}
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

    ``overrides`` (a path or :class:`workbench.aggregate.overrides.Overrides`) sets or corrects
    cells; such cells carry ``origin == "analyst"``. The long form is in
    ``result.attrs["cells"]``."""
    return matrix_of(cells(corpus, by, as_of, voices, half_life), by, overrides)


def matrix_of(long: pd.DataFrame, by: str = "country", overrides=None) -> pd.DataFrame:
    """The matrix of :func:`stance_matrix` from its long form (:func:`cells`, or cells worked
    out topic by topic and concatenated), ``overrides`` applied."""
    if overrides is not None:
        long = apply_cell_overrides(long, as_overrides(overrides), by)
    table: dict[str, dict[str, Cell]] = {}
    for row in long.itertuples(index=False):
        cell = Cell(
            row.stance,
            row.label,
            row.score,
            row.n_statements,
            row.evidence,
            row.changed,
            None if _missing(row.change) else row.change,
            row.origin,
        )
        table.setdefault(row.topic, {})[row.key] = cell
    matrix = pd.DataFrame(table).sort_index(axis=0).sort_index(axis=1)
    matrix = matrix.astype(object).where(matrix.notna(), None)
    matrix.index.name = by
    matrix.attrs["cells"] = long
    return matrix
