"""Tables written as an Excel workbook (one sheet per table) or as UTF-8 CSV files.

Excel: written with openpyxl in write-only mode (rows streamed, not held as cell objects), the
header row frozen, columns sized to their contents (at most :data:`MAX_WIDTH` characters), dates
as Excel dates (``yyyy-mm-dd``), text that starts like a formula (``=``) kept as text, and
characters XML cannot hold (control characters) dropped. A text longer than Excel's cell limit
(32,767 characters) is cut there. CSV: one ``NAME.csv`` per table, UTF-8, with a byte order mark
when asked (Excel then reads the file as UTF-8). Each file is written beside its final name and
renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from workbench.access.sheets import DATE_COLUMNS
from workbench.store.publish import temp_beside

MAX_WIDTH, MIN_WIDTH = 60, 8
EXCEL_CELL = 32_767
SAMPLE = 2_000  # rows read to size a column


def write_xlsx(frames: Mapping[str, pd.DataFrame], path: str | os.PathLike) -> Path:
    """One sheet per table, in the order given. Returns the file written."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    book = Workbook(write_only=True)
    for name, df in frames.items():
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        for i, column in enumerate(df.columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = _width(df[column])
        sheet.append([str(c) for c in df.columns])
        dates = [c in DATE_COLUMNS for c in df.columns]
        for row in df.itertuples(index=False, name=None):
            sheet.append([_cell(sheet, v, d) for v, d in zip(row, dates, strict=True)])
    tmp = temp_beside(path)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return path


def write_csv(
    frames: Mapping[str, pd.DataFrame], folder: str | os.PathLike, *, bom: bool = False
) -> list[Path]:
    """``folder/NAME.csv`` per table (UTF-8, with a byte order mark when ``bom``). Returns the
    files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        path = folder / f"{name}.csv"
        tmp = temp_beside(path)
        try:
            df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom else "utf-8")
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
        written.append(path)
    return written


def _width(column: pd.Series) -> float:
    sample = column.head(SAMPLE).dropna().astype(str)
    longest = max([len(str(column.name)), *(len(v) for v in sample)], default=0)
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _cell(sheet, value, is_date: bool):
    """A value as openpyxl writes it: null as an empty cell, dates as dates, text as text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if is_date and isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
        cell = WriteOnlyCell(sheet, day)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_CELL]
        if not text.startswith("="):
            return text
        cell = WriteOnlyCell(sheet, text)
        cell.data_type = "s"  # never a formula
        return cell
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
