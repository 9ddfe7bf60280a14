"""``workbench export DATA_DIR --to FILE.xlsx|DIR/``: the analysed tables, filtered like the
reports, as an Excel workbook or CSV files (see :mod:`workbench.access.sheets` for the tables,
:mod:`workbench.access.files` for the files)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from workbench.access.files import write_csv, write_xlsx
from workbench.access.filters import check_filters
from workbench.access.sheets import export_frames, sheet_names
from workbench.resources.topics import topic_labels
from workbench.schema import ARTICLE_COLUMNS
from workbench.store.tables import load

# The tables each sheet is built from; entities, blocks and the article text are never read.
_NEEDS = {
    "matrix": {"articles", "stances"},
    "cells": {"articles", "stances"},
    "evidence": {"articles", "stances"},
    "quotes": {"articles", "quotes", "stances"},
    "stances": {"articles", "stances"},
    "articles": {"articles"},
}
_COLUMNS = {"articles": [c for c in ARTICLE_COLUMNS if c != "text"]}


def target_kind(to: str | os.PathLike) -> str:
    """``xlsx`` for a ``.xlsx`` file, ``csv`` for a folder (an existing one, a name ending in
    ``/``, or a name without suffix). Raises ValueError otherwise."""
    text = str(to)
    path = Path(text)
    if path.suffix.lower() == ".xlsx" and not path.is_dir():
        return "xlsx"
    if path.is_dir() or text.endswith(("/", os.sep)) or not path.suffix:
        return "csv"
    raise ValueError(f"{text}: expected FILE.xlsx or a folder for CSV files (DIR/)")


def export(
    data_dir: str | os.PathLike,
    to: str | os.PathLike,
    what: str | Iterable[str] | None = None,
    *,
    bom: bool = False,
    catalogue: str | os.PathLike | None = None,
    **filters,
) -> list[Path]:
    """Write the tables of ``data_dir`` (``workbench analyse --out DIR``) to ``to``: an Excel
    workbook (``FILE.xlsx``, one sheet per table) or a folder of UTF-8 CSV files (``bom``: with
    a byte order mark, for Excel). ``what`` picks the tables (default all: matrix, cells,
    evidence, quotes, stances, articles). ``filters`` are the stance matrix report's parameters
    (countries, topics, start, end, voices, overrides, half_life), checked by the same rules
    (:class:`workbench.report.params.ParameterError` when one is wrong). Topic labels come from
    ``catalogue`` (default: the shipped topic catalogue). Returns the files written."""
    kind = target_kind(to)
    names = sheet_names(what)
    checked = check_filters(filters)
    labels = topic_labels(catalogue)
    corpus = load(data_dir, _NEEDS[names[0]].union(*(_NEEDS[n] for n in names)), _COLUMNS)
    frames = export_frames(corpus, names, labels, **checked)
    if kind == "xlsx":
        return [write_xlsx(frames, to)]
    return write_csv(frames, to, bom=bom)
