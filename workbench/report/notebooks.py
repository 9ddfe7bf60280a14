"""The report notebooks: their names and the folder they are read from."""

from __future__ import annotations

import os
from pathlib import Path

REPORTS = ("stance_matrix", "quote_timeline", "country_dashboard")


class RenderError(Exception):
    """A report notebook could not be found, executed or exported (one line, says which)."""


def notebooks_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Where the report notebooks are: ``explicit``, ``$WORKBENCH_NOTEBOOKS``, or the source
    tree's ``notebooks/`` folder."""
    chosen = explicit or os.environ.get("WORKBENCH_NOTEBOOKS")
    path = Path(chosen) if chosen else Path(__file__).resolve().parents[2] / "notebooks"
    if not (path / f"{REPORTS[0]}.ipynb").is_file():
        raise RenderError(
            f"no report notebooks in {path} (give --notebooks DIR or set WORKBENCH_NOTEBOOKS)"
        )
    return path
