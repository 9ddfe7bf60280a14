"""Plotly figures for the reports: pure functions from tables to ``go.Figure``.

Every string that comes from an article (quote, title, source, speaker) or from an analyst's file
(topic ids, actor names and countries, override notes) goes through
:func:`~workbench.report.escape.plot_text`, axis ticks and legends included: plotly draws ``&lt;``
as ``<``, so markup shows as literal text and never runs (plotly itself turns ``<a href>``,
``<b>`` and the like in any text into live markup).
Filters that must keep working in an exported HTML file are plotly ``updatemenus`` (no Python).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from workbench.aggregate.views import country_label, country_name, outlet, topic_label, topic_labels
from workbench.report.blocks import display_text
from workbench.report.escape import plot_text
from workbench.report.kinds import speaker_kind_text
from workbench.schema import SCALE

# Diverging, colour-blind safe (ColorBrewer RdBu, red = oppose, blue = support).
STANCE_COLORSCALE = [
    [0.0, "#b2182b"],
    [0.25, "#ef8a62"],
    [0.5, "#f7f7f7"],
    [0.75, "#67a9cf"],
    [1.0, "#2166ac"],
]
QUALITATIVE = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
    "#1f78b4",
    "#b15928",
    "#6a3d9a",
    "#33a02c",
]
STANCE_COLOURS = {1.0: "#2166ac", 0.5: "#67a9cf", 0.0: "#bdbdbd", -0.5: "#ef8a62", -1.0: "#b2182b"}
NO_STANCE = "#777777"
MAX_TIMELINE_POINTS = 3000
MAX_TIMELINE_SPEAKERS = 40


def _source(articles: pd.DataFrame, article_id: str | None) -> tuple[str, str]:
    """(source or title, date) of an article for hover text."""
    if article_id is None or articles.empty:
        return "", ""
    row = articles[articles.article_id == article_id]
    if row.empty:
        return article_id, ""
    r = row.iloc[0]
    name = outlet(r.source, r.title)
    date = r.date if isinstance(r.date, str) else "undated"
    return str(name), date


def stance_heatmap(matrix: pd.DataFrame, articles: pd.DataFrame) -> go.Figure:
    """Countries × topics on a diverging scale (-1 oppose … 1 support). Each cell shows its label
    and statement count (↻ changed over time, ✎ set by an analyst); hover shows the strongest
    evidence, who voiced it, its source and date."""
    rows, cols = list(matrix.index), list(matrix.columns)
    z, text, hover = [], [], []
    for key in rows:
        zr, tr, hr = [], [], []
        for topic in cols:
            cell = matrix.at[key, topic]
            if cell is None:
                zr.append(None)
                tr.append("")
                where = f"{plot_text(country_label(key))} · {plot_text(topic_label(topic))}"
                hr.append(f"{where}<br>no statement")
                continue
            mark = (" ↻" if cell.changed else "") + (" ✎" if cell.origin == "analyst" else "")
            zr.append(cell.stance)
            tr.append(f"{cell.label}<br>({cell.n_statements}){mark}")
            hr.append(_cell_hover(key, topic, cell, articles))
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[plot_text(topic_label(t)) for t in cols],  # ids may come from an analyst's file
            y=[plot_text(country_name(k)) for k in rows],
            text=text,
            texttemplate="%{text}",
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            zmin=-1,
            zmax=1,
            zmid=0,
            colorscale=STANCE_COLORSCALE,
            xgap=2,
            ygap=2,
            colorbar={
                "title": {"text": "stance"},
                "tickvals": list(SCALE),
                "ticktext": list(SCALE.values()),
            },
        )
    )
    fig.update_layout(
        height=max(320, 48 * len(rows) + 160),
        xaxis={"side": "top", "title": None},
        yaxis={"autorange": "reversed", "title": None},
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        template="plotly_white",
    )
    return fig


def _cell_hover(key: str, topic: str, cell, articles: pd.DataFrame, shown: int = 3) -> str:
    """The cell's label and count, then each of its strongest statements (up to ``shown``) with
    its own stance, who voiced it, its source and date."""
    where = f"{plot_text(country_label(key))} · {plot_text(topic_label(topic))}"
    head = f"<b>{where}</b>: {cell.label} ({cell.n_statements})"
    if cell.change:
        head += f"<br>changed: {plot_text(cell.change)}"
    if cell.origin == "analyst":
        head += "<br>set by an analyst"
    lines = [head]
    for ev in cell.evidence[:shown]:
        source, date = _source(articles, ev.get("article_id"))
        more = len(ev.get("sources") or []) - 1
        copies = f" (+{more} copies)" if more > 0 else ""
        said = plot_text(display_text(ev.get("text")), 70)
        lines.append(
            f"<b>{plot_text(ev.get('label'))}</b>: “{said}”"
            f"<br>   {plot_text(ev.get('voiced_by'))} ({plot_text(ev.get('attribution'))}), "
            f"{plot_text(source)}{copies}, {plot_text(date)}"
        )
    return "<br>".join(lines)


def quote_timeline(
    view: pd.DataFrame,
    color_by: str = "stance",
    max_points: int = MAX_TIMELINE_POINTS,
    max_speakers: int = MAX_TIMELINE_SPEAKERS,
    with_text: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> go.Figure:
    """Quotes by date (x), one row per speaker (y), coloured by ``stance`` or ``country``.

    Quotes from undated articles sit in a right-hand panel, placed by their order in the article,
    and the chart says so. A dropdown filters by country and keeps working in exported HTML.
    Past ``max_speakers`` rows or ``max_points`` quotes the chart keeps the busiest speakers and a
    deterministic sample, and its subtitle states what it left out. ``with_text``: for a view
    read without the quotes' text, the function that gives the points drawn their text
    (:func:`workbench.report.source.text_of`)."""
    if color_by not in ("stance", "country"):
        raise ValueError(f"color_by must be 'stance' or 'country', not {color_by!r}")
    view, notes = _limit(view, max_points, max_speakers)
    if with_text is not None:
        view = with_text(view)
    undated = view[view.date.isna()]
    both = not undated.empty and view.date.notna().any()
    fig = make_subplots(
        rows=1,
        cols=2 if both else 1,
        shared_yaxes=True,
        column_widths=[0.8, 0.2] if both else None,
        horizontal_spacing=0.02,
    )
    countries = sorted(view.country.fillna("").unique(), key=lambda c: country_name(c or None))
    owners = _add_quote_traces(fig, view, countries, color_by, both)
    if not view.date.notna().any() and not view.empty:
        notes.append("No article is dated: quotes are placed by their order in the article.")
    elif both:
        n = undated.article_id.nunique()
        notes.append(
            f"{len(undated)} quotes from {n} undated article(s) are placed by their order "
            "in the article (right-hand panel)."
        )
        # A fixed whole-number range: a country filter must not zoom to fractional positions.
        lo, hi = float(undated.order.min()), float(undated.order.max())
        fig.update_xaxes(
            title_text="order in article (undated)",
            row=1,
            col=2,
            tickmode="linear",
            tick0=0,
            dtick=max(1, round((hi - lo) / 6)),
            range=[lo - 0.5, hi + 0.5],
            autorange=False,
        )
    if color_by == "stance":  # a legend of the stance colours, visible whatever the filter
        for value, label in [*SCALE.items(), (None, "no stance")]:
            fig.add_trace(_legend_marker(label, STANCE_COLOURS.get(value, NO_STANCE), value))
            owners.append(None)
    # An explicit array: plotly.js 4.1 fails to hide traces on an axis sorted "category descending".
    rows = sorted({plot_text(s) or "unknown speaker" for s in view.speaker}, reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=rows, title=None)
    fig.update_layout(
        height=max(360, 26 * view.speaker.nunique() + 220),
        template="plotly_white",
        legend={"title": {"text": color_by}, "orientation": "h", "y": -0.08, "yanchor": "top"},
        title={"text": "<br>".join(["Quotes over time"] + [f"<sub>{n}</sub>" for n in notes])},
        margin={"l": 10, "r": 10, "t": 70 + 22 * len(notes), "b": 10},
        updatemenus=[_country_menu(owners, countries)],
    )
    return fig


def _add_quote_traces(
    fig: go.Figure, view: pd.DataFrame, countries: list[str], color_by: str, both: bool
) -> list[str | None]:
    """One trace per country and panel (dated left, undated right); returns each trace's
    country, in order, for the country menu."""
    colours = {c: QUALITATIVE[i % len(QUALITATIVE)] for i, c in enumerate(countries)}
    owners: list[str | None] = []
    for country in countries:
        seen = False
        rows = view[view.country.fillna("") == country]
        for panel, part in ((1, rows[rows.date.notna()]), (2, rows[rows.date.isna()])):
            if part.empty:
                continue
            col = panel if both else 1
            x = part.date if (panel == 1) else part.order
            trace = _quote_trace(part, x, country, color_by, colours[country], not seen)
            fig.add_trace(trace, row=1, col=col)
            owners.append(country)
            seen = True
    return owners


def _quote_trace(
    part: pd.DataFrame, x, country: str, color_by: str, colour: str, show_legend: bool
) -> go.Scatter:
    name = country_name(country or None)
    hover = [
        f"<b>{plot_text(r.speaker) or 'unknown speaker'}</b> "
        f"({plot_text(speaker_kind_text(r.speaker_kind, r.co_speakers))}, "
        f"{plot_text(country_label(r.country))})<br>"
        f"“{plot_text(display_text(r.text), 80)}”<br>{plot_text(outlet(r.source, r.title))}, "
        f"{plot_text(r.date if isinstance(r.date, str) else 'undated')}"
        + (
            f"<br>{plot_text(r.label)} on {plot_text(topic_labels(r.topics))}"
            if isinstance(r.label, str)
            else ""
        )
        for r in part.itertuples()
    ]
    if color_by == "stance":
        stances = [float(v) if pd.notna(v) else None for v in part.stance]
        marker = {
            "size": 11,
            "color": [STANCE_COLOURS.get(v, NO_STANCE) for v in stances],
            "symbol": ["circle" if v is not None else "circle-open" for v in stances],
            "line": {"width": 1, "color": "#555"},
        }
        show_legend = False
    else:
        marker = {"size": 11, "color": colour}
    return go.Scatter(
        x=list(x),
        y=[plot_text(s) or "unknown speaker" for s in part.speaker],
        mode="markers",
        name=plot_text(name),
        legendgroup=country,
        showlegend=show_legend,
        marker=marker,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _legend_marker(label: str, colour: str, value: float | None) -> go.Scatter:
    symbol = "circle" if value is not None else "circle-open"
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=label,
        hoverinfo="skip",
        marker={
            "size": 11,
            "color": colour,
            "symbol": symbol,
            "line": {"width": 1, "color": "#555"},
        },
    )


def _limit(view: pd.DataFrame, max_points: int, max_speakers: int) -> tuple[pd.DataFrame, list]:
    notes = []
    counts = view.speaker.fillna("").value_counts()
    if len(counts) > max_speakers:
        keep = set(counts.index[:max_speakers])
        notes.append(f"Showing the {max_speakers} speakers with most quotes of {len(counts)}.")
        view = view[view.speaker.fillna("").isin(keep)]
    if len(view) > max_points:
        notes.append(f"Showing a sample of {max_points} of {len(view)} quotes.")
        key = pd.util.hash_pandas_object(view.quote_id, index=False)
        view = view.loc[key.sort_values().index[:max_points]].sort_index()
    return view, notes


def _country_menu(owners: list[str | None], countries: list[str]) -> dict:
    """A dropdown showing all traces or only one country's (works in static HTML)."""
    buttons = [
        {"label": "All countries", "method": "restyle", "args": [{"visible": [True] * len(owners)}]}
    ]
    for c in countries:
        buttons.append(
            {
                "label": plot_text(country_name(c or None)),
                "method": "restyle",
                "args": [{"visible": [o is None or o == c for o in owners]}],
            }
        )
    return {
        "buttons": buttons,
        "direction": "down",
        "x": 1.0,
        "xanchor": "right",
        "y": 1.0,
        "yanchor": "bottom",
        "showactive": True,
        "pad": {"b": 4},
    }
