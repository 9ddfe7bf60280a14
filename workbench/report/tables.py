"""Interactive tables for the reports: DataTables through ``itables`` in its offline mode.

Each table is searchable, sortable and paginated, with a "CSV" button that downloads the rows the
search leaves (DataTables' ``csvHtml5`` exports the filtered rows, without markup). The DataTables
bundle shipped inside the itables package is inlined once per page (the first table after
:func:`reset` carries it), so a shared HTML file needs no network. Cells are HTML built here with
every string escaped (:func:`~workbench.report.escape.html_text`); long texts wrap, text is
left-aligned and dates stay on one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import itables
import pandas as pd
from IPython.display import HTML
from itables import to_html_datatable
from itables.javascript import _itables_underscore_version, generate_init_offline_itables_html

DT_BUNDLE = Path(itables.__file__).parent / "html" / "dt_bundle.js"
PAGE_LENGTH = 10
CSS = """<style>
.wb-table { width: 100%; }
.wb-table td, .wb-table th { text-align: left !important; vertical-align: top; }
.wb-table td.wb-nowrap { white-space: nowrap; }
.wb-table td { white-space: normal; }
.wb-table td.wb-text { min-width: 18em; }
</style>"""
_state = {"loaded": False}


def reset() -> None:
    """Start a page: the next table inlines the DataTables bundle again."""
    _state["loaded"] = False


def interactive(
    frame: pd.DataFrame,
    table_id: str,
    nowrap: tuple[str, ...] = ("date",),
    text: tuple[str, ...] = (),
    order: list | None = None,
    caption: str | None = None,
    page_length: int = PAGE_LENGTH,
) -> HTML:
    """``frame`` (cells already escaped HTML) as a DataTable with id ``table_id``: search, sort,
    pages, CSV download of the filtered rows. Columns in ``nowrap`` stay on one line; those in
    ``text`` get room to wrap."""
    cols = list(frame.columns)
    defs = [{"className": "dt-left", "targets": "_all"}]
    if keep := [cols.index(c) for c in nowrap if c in cols]:
        # ISO dates sort as text, and "undated" after every date
        defs.insert(0, {"className": "dt-left wb-nowrap", "type": "string", "targets": keep})
    if wide := [cols.index(c) for c in text if c in cols]:
        defs.insert(0, {"className": "dt-left wb-text", "targets": wide})
    table = to_html_datatable(
        frame,
        caption=caption,
        table_id=table_id,
        connected=False,
        allow_html=True,
        showIndex=False,
        classes="display compact wb-table",
        style="width:100%;table-layout:auto;caption-side:top",
        columnDefs=defs,
        order=order or [],
        pageLength=page_length,
        lengthMenu=[10, 25, 50, 100, 500],
        buttons=[{"extend": "csvHtml5", "text": "Download CSV (filtered rows)", "title": table_id}],
        layout={
            "topStart": "pageLength",
            "topEnd": "search",
            "bottomStart": "info",
            "bottomEnd": "paging",
            "top2Start": "buttons",
        },
        display_logo_when_loading=False,
        text_in_header_can_be_selected=False,  # a click on a header sorts
        maxBytes=0,  # every row: a shared table must not be downsampled
    )
    head = ""
    if not _state["loaded"]:
        head = generate_init_offline_itables_html(DT_BUNDLE) + CSS
        _state["loaded"] = True
    return HTML(head + table)


FOLLOW_JS = Path(__file__).parent / "templates" / "scripts" / "follow_country.js"


def follow_country_menu(
    table_ids: list[str],
    column: str = "country",
    figure: int = 0,
    first: str = "",
    all_label: str = "All countries",
) -> HTML:
    """Make the tables ``table_ids`` follow the country dropdown of the page's ``figure``-th plotly
    figure: choosing a country keeps that country's rows (an exact match on ``column``), "All
    countries" shows every row again; ``first`` is the country chosen when the page opens."""
    values = {
        "tables": json.dumps(table_ids),
        "column": json.dumps(column),
        "first": json.dumps(first),
        "version": json.dumps(_itables_underscore_version()),
        "figure": int(figure),
        "all": json.dumps(all_label),
    }
    return HTML(f"<script>{FOLLOW_JS.read_text(encoding='utf-8') % values}</script>")
