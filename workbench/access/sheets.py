"""The tables an export holds, built from the analysed tables (no re-analysis): the stance
matrix as the report shows it, its cells, the evidence behind each cell, the quotes, the stance
statements and the articles, each with country names beside the codes and topic labels beside
the ids.

Filters are the reports': :func:`workbench.aggregate.views.select` narrows the corpus
(countries, topics, start, end), ``voices`` picks the statements the matrix counts (as in the
stance matrix report), :func:`workbench.aggregate.views.quote_view` keeps the quotes on the
chosen topics (as in the quote timeline).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from workbench.aggregate.matrix import stance_matrix
from workbench.aggregate.views import country_name, quote_view, select
from workbench.schema import Corpus

SHEETS = ("matrix", "cells", "evidence", "quotes", "stances", "articles")
DATE_COLUMNS = {"date"}  # ISO text in the tables; written as dates to Excel

CELLS = [
    "country_code",
    "country",
    "topic",
    "topic_label",
    "position",
    "score",
    "n_statements",
    "changed",
    "change",
    "origin",
]
EVIDENCE = [
    "country_code",
    "country",
    "topic",
    "topic_label",
    "position",
    "statement",
    "label",
    "stance",
    "confidence",
    "actor",
    "voiced_by",
    "attribution",
    "date",
    "source",
    "title",
    "url",
    "article_id",
    "quote_id",
    "copies",
]
QUOTES = [
    "date",
    "source",
    "title",
    "url",
    "speaker",
    "speaker_kind",
    "country_code",
    "country",
    "kind",
    "text",
    "topics",
    "topic_labels",
    "label",
    "stance",
    "article_id",
    "quote_id",
    "start_char",
    "end_char",
    "origin",
]
STANCES = [
    "date",
    "source",
    "url",
    "actor",
    "country_code",
    "country",
    "role_class",
    "topic",
    "topic_label",
    "label",
    "stance",
    "confidence",
    "voiced_by",
    "attribution",
    "evidence",
    "article_id",
    "quote_id",
    "start_char",
    "end_char",
    "rule",
    "cue",
    "cue_class",
    "holder_via",
    "topic_via",
    "p",
    "origin",
]
ARTICLES = ["article_id", "date", "title", "source", "url", "path", "n_words"]


def sheet_names(what: str | Iterable[str] | None) -> list[str]:
    """The sheets asked for (``"matrix,quotes"`` or a list; None or empty: all), in the order
    of :data:`SHEETS`. Raises ValueError naming an unknown one."""
    names = [w.strip() for w in (what.split(",") if isinstance(what, str) else what or [])]
    names = [n for n in names if n]
    unknown = [n for n in names if n not in SHEETS]
    if unknown:
        raise ValueError(f"unknown table {unknown[0]!r}: expected some of {', '.join(SHEETS)}")
    return [s for s in SHEETS if s in names] if names else list(SHEETS)


def export_frames(
    corpus: Corpus,
    what: str | Iterable[str] | None = None,
    labels: Mapping[str, str] | None = None,
    *,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    voices: str = "all",
    overrides=None,
    half_life: float = 14.0,
) -> dict[str, pd.DataFrame]:
    """Sheet name -> table, for the sheets in ``what`` (see :func:`sheet_names`). ``labels``
    maps topic ids to labels (:func:`workbench.resources.topics.topic_labels`)."""
    names = sheet_names(what)
    labels = dict(labels or {})
    part = select(corpus, countries, topics, start or None, end or None)
    arts = part.articles
    out: dict[str, pd.DataFrame] = {}
    if {"matrix", "cells", "evidence"} & set(names):
        matrix = stance_matrix(
            part, voices=voices, overrides=overrides or None, half_life=half_life
        )
        long = matrix.attrs["cells"]
        if "matrix" in names:
            out["matrix"] = _matrix(matrix, labels)
        if "cells" in names:
            out["cells"] = _cells(long, labels)
        if "evidence" in names:
            out["evidence"] = _evidence(long, arts, labels)
    if "quotes" in names:
        out["quotes"] = _quotes(part, topics, labels)
    if "stances" in names:
        out["stances"] = _stances(part, labels)
    if "articles" in names:
        out["articles"] = arts.reindex(columns=ARTICLES).reset_index(drop=True)
    return {name: out[name] for name in names}


def _label(topic: object, labels: Mapping[str, str]) -> object:
    return labels.get(topic, topic) if isinstance(topic, str) else topic


def _countries(codes: pd.Series) -> pd.Series:
    """The country name of each code; null where the code is null."""
    return codes.map(lambda c: country_name(c) if isinstance(c, str) and c else None)


def _matrix(matrix: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """Countries × topic labels; each cell as the report shows it: position (statements), ↻
    when the position changed, (analyst) when an override set it."""
    heads = [_label(t, labels) for t in matrix.columns]
    ids = list(matrix.columns)
    heads = [h if heads.count(h) == 1 else f"{h} ({t})" for h, t in zip(heads, ids, strict=True)]
    body = matrix.apply(lambda col: col.map(lambda c: None if c is None else str(c)))
    body.columns = heads
    codes = pd.Series(matrix.index, dtype="string")
    front = pd.DataFrame({"country_code": codes, "country": _countries(codes)})
    return pd.concat([front, body.reset_index(drop=True)], axis=1)


def _cells(long: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    df = long.rename(columns={"key": "country_code", "label": "position"})
    df = df.assign(
        country=_countries(df.country_code),
        topic_label=df.topic.map(lambda t: _label(t, labels)),
    )
    return df.reindex(columns=CELLS).reset_index(drop=True)


def _evidence(long: pd.DataFrame, arts: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """One row per statement behind each cell, strongest first within the cell."""
    meta = arts.set_index("article_id")
    rows = []
    for cell in long.itertuples(index=False):
        for ev in cell.evidence or []:
            aid = ev.get("article_id")
            known = aid in meta.index
            rows.append(
                {
                    "country_code": cell.key,
                    "country": country_name(cell.key),
                    "topic": cell.topic,
                    "topic_label": _label(cell.topic, labels),
                    "position": cell.label,
                    "statement": ev.get("text"),
                    "label": ev.get("label"),
                    "stance": ev.get("stance"),
                    "confidence": ev.get("confidence"),
                    "actor": ev.get("actor"),
                    "voiced_by": ev.get("voiced_by"),
                    "attribution": ev.get("attribution"),
                    "date": ev.get("date"),
                    "source": meta.at[aid, "source"] if known else None,
                    "title": meta.at[aid, "title"] if known else None,
                    "url": meta.at[aid, "url"] if known else None,
                    "article_id": aid,
                    "quote_id": ev.get("quote_id"),
                    "copies": len(ev.get("sources") or []) or 1,
                }
            )
    df = pd.DataFrame(rows, columns=EVIDENCE)
    return _nulls(df.astype({"stance": "Float64", "confidence": "Float64", "copies": "Int64"}))


def _quotes(part: Corpus, topics, labels: Mapping[str, str]) -> pd.DataFrame:
    view = quote_view(part, topics)
    urls = part.articles.set_index("article_id").url
    view = view.rename(columns={"country": "country_code", "country_name": "country"})
    view = view.assign(
        country=_countries(view.country_code),
        url=view.article_id.map(urls),
        topic_labels=view.topics.map(
            lambda ts: (
                ", ".join(_label(t, labels) for t in ts.split(", "))
                if isinstance(ts, str)
                else None
            )
        ),
    )
    return view.reindex(columns=QUOTES).reset_index(drop=True)


def _stances(part: Corpus, labels: Mapping[str, str]) -> pd.DataFrame:
    arts = part.articles[["article_id", "date", "source", "url"]]
    st = part.stances.merge(arts, on="article_id", how="left")
    st = st.assign(
        country=_countries(st.country_code), topic_label=st.topic.map(lambda t: _label(t, labels))
    )
    return st.reindex(columns=STANCES).reset_index(drop=True)


def _nulls(df: pd.DataFrame) -> pd.DataFrame:
    """Text columns as nullable strings (as in the tables)."""
    text = [c for c in df.columns if df[c].dtype == object]
    return df.astype(dict.fromkeys(text, "string"))
