"""Escaping every string taken from an article or a data file before it reaches a report.

Two targets, two functions: :func:`html_text` for the HTML of the report pages, and
:func:`plot_text` for plotly figure strings (plotly reads a subset of HTML in labels and hover
text; white space is collapsed there and long text wrapped with ``<br>``).
"""

from __future__ import annotations

import html
import textwrap

import pandas as pd


def html_text(value: object) -> str:
    """Text for an HTML page (report tables, headers): any value HTML-escaped, quotes included,
    so that it is safe in an attribute too (None and NA become an empty string)."""
    if value is None or (not isinstance(value, (str, list, dict)) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def plot_text(value: object, width: int | None = None) -> str:
    """Text for a plotly figure (labels, ticks, hover text), where plotly reads markup: white space
    collapsed, HTML-escaped (quotes kept), optionally wrapped at ``width`` characters per line
    (joined with ``<br>``) and cut to four lines."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    if width is None:
        return html.escape(text, quote=False)
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > 4:
        lines = lines[:4]
        lines[-1] += " …"
    return "<br>".join(html.escape(line, quote=False) for line in lines)
