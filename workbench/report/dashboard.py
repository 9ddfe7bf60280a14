"""The country dashboard figure: one country at a time, chosen from a plotly dropdown that keeps
working in exported HTML (no Python callback is needed)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from workbench.aggregate.views import country_name, named_speakers, outlet
from workbench.report.escape import plot_text
from workbench.report.figures import QUALITATIVE, STANCE_COLORSCALE
from workbench.report.kinds import speaker_kind_text
from workbench.schema import SCALE


def country_dashboard(
    matrix: pd.DataFrame,
    history: pd.DataFrame,
    view: pd.DataFrame,
    country: str | None = None,
    max_quotes: int = 30,
    max_speakers: int = 25,
) -> go.Figure:
    """One figure per country, chosen from a dropdown that keeps working in exported HTML: its
    position on each topic, how each position moved over time, who speaks for it (its named
    speakers: see :func:`~workbench.aggregate.views.named_speakers`), and its most recent quotes
    with their speaker kind. The tables keep the ``max_speakers`` most quoted speakers and the
    ``max_quotes`` latest quotes per country, and say so in their headers."""
    countries = [c for c in matrix.index if c] or sorted(view.country.dropna().unique())
    first = country if country in countries else _busiest(matrix, countries)
    fig = make_subplots(
        rows=3,
        cols=2,
        row_heights=[0.34, 0.22, 0.44],
        vertical_spacing=0.07,
        specs=[
            [{"type": "xy"}, {"type": "xy"}],
            [{"type": "table", "colspan": 2}, None],
            [{"type": "table", "colspan": 2}, None],
        ],
        subplot_titles=("Position by topic", "Position over time", "", ""),
    )
    owners: list[str] = []
    for c in countries:
        for trace, row, col in _country_traces(c, matrix, history, view, max_quotes, max_speakers):
            trace.visible = c == first
            fig.add_trace(trace, row=row, col=col)
            owners.append(c)
    # a note in the empty "Position over time" panel, switched with the country; placed in
    # page coordinates, since plotly.js draws no axes (and so no "x2 domain") for an empty panel
    dated = set(history.key)
    note = len(fig.layout.annotations)
    fig.add_annotation(
        text=_undated_note(first, dated),
        xref="paper",
        yref="paper",
        x=sum(fig.layout.xaxis2.domain) / 2,
        y=sum(fig.layout.yaxis2.domain) / 2,
        showarrow=False,
        font={"color": "#666"},
    )
    ticks = {"tickvals": list(SCALE), "ticktext": list(SCALE.values()), "range": [-1.3, 1.45]}
    fig.update_yaxes(**ticks, row=1, col=1)
    fig.update_yaxes(**ticks, row=1, col=2)
    fig.update_xaxes(type="date", row=1, col=2)
    fig.update_layout(
        height=1000,
        template="plotly_white",
        title={"text": _dashboard_title(first)},
        legend={"title": {"text": "topic"}, "y": 1.0},
        margin={"l": 10, "r": 10, "t": 110, "b": 10},
        updatemenus=[_country_menu(countries, first, owners, note, dated)] if countries else [],
    )
    return fig


def _country_menu(countries: list, first, owners: list[str], note: int, dated: set) -> dict:
    """The dropdown that shows one country's traces, title and note (``note``: the index of the
    "Position over time" annotation)."""
    return {
        "buttons": [
            {
                "label": plot_text(country_name(c)),
                "method": "update",
                "args": [
                    {"visible": [o == c for o in owners]},
                    {
                        "title.text": _dashboard_title(c),
                        f"annotations[{note}].text": _undated_note(c, dated),
                    },
                ],
            }
            for c in countries
        ],
        "direction": "down",
        "x": 0,
        "xanchor": "left",
        "y": 1.08,
        "yanchor": "bottom",
        "active": countries.index(first) if first else 0,
    }


def _undated_note(code: str | None, dated: set) -> str:
    """Why the "Position over time" panel is empty, or "" when it is not."""
    if code is None or code in dated:
        return ""
    return "No dated statement for this country:<br>positions over time need article dates."


def _busiest(matrix: pd.DataFrame, countries: list[str]) -> str | None:
    """The country with the most statements (the dashboard's default choice)."""
    if not countries:
        return None
    counts = {
        c: sum(cell.n_statements for cell in matrix.loc[c] if cell is not None)
        if c in matrix.index
        else 0
        for c in countries
    }
    return max(countries, key=lambda c: counts[c])


def _dashboard_title(code: str | None) -> str:
    return f"Country: {plot_text(country_name(code))}" if code else "No country has a statement"


def _country_traces(c, matrix, history, view, max_quotes, max_speakers):
    """The traces of one country's dashboard: (trace, row, col)."""
    cells = matrix.loc[c] if c in matrix.index else pd.Series(dtype=object)
    q = view[view.country == c]
    return [
        (_position_trace(cells[cells.notna()]), 1, 1),
        *((trace, 1, 2) for trace in _history_traces(history[history.key == c])),
        (_speakers_table(q[named_speakers(q)], max_speakers), 2, 1),
        (_quotes_table(q, max_quotes), 3, 1),
    ]


def _position_trace(cells: pd.Series) -> go.Scatter:
    """The country's position on each topic (its matrix row)."""
    return go.Scatter(
        x=[plot_text(t) for t in cells.index],  # topic ids: plotly ticks read markup
        y=[cell.stance for cell in cells],
        mode="markers+text",
        cliponaxis=False,
        textposition="top center",
        marker={
            "size": 18,
            "color": [cell.stance for cell in cells],
            "cmin": -1,
            "cmax": 1,
            "colorscale": STANCE_COLORSCALE,
            "line": {"width": 1, "color": "#444"},
        },
        text=[
            f"{cell.label} ({cell.n_statements})" + (" ↻" if cell.changed else "") for cell in cells
        ],
        hovertext=[
            f"{plot_text(t)}: {cell.label}<br>{plot_text(cell.change) if cell.change else ''}"
            for t, cell in cells.items()
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name="position",
    )


def _history_traces(h: pd.DataFrame) -> list[go.Scatter]:
    """One line per topic: the country's position by date."""
    return [
        go.Scatter(
            x=list(g.date),
            y=list(g.stance),
            mode="lines+markers",
            name=plot_text(topic),
            line={"shape": "hv", "color": QUALITATIVE[i % len(QUALITATIVE)]},
            hovertext=[
                f"{plot_text(topic)}: {lab} ({n} statements), {d}"
                for lab, n, d in zip(g.label, g.n_statements, g.date, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
        for i, (topic, g) in enumerate(h.groupby("topic", sort=True))
    ]


def _speakers_table(q: pd.DataFrame, max_speakers: int) -> go.Table:
    """Who speaks for the country: its named speakers, their kind, quotes, dates and topics."""
    speakers, speaking = _speakers(q, max_speakers)
    return go.Table(
        header={
            "values": [
                f"<b>who speaks for it</b> ({speaking})",
                "kind",
                "quotes",
                "first",
                "last",
                "topics",
            ],
            "align": "left",
        },
        cells={
            "values": [
                [plot_text(s) for s in speakers.speaker],
                [plot_text(k) for k in speakers.kind],
                list(speakers.quotes),
                [plot_text(d) or "undated" for d in speakers["first"]],
                [plot_text(d) or "undated" for d in speakers["last"]],
                [plot_text(t) for t in speakers.topics],
            ],
            "align": "left",
        },
        columnwidth=[3, 1.6, 1, 1.4, 1.4, 5],
    )


def _quotes_table(q: pd.DataFrame, max_quotes: int) -> go.Table:
    """The country's latest quotes, with their speaker's kind."""
    recent = q.sort_values(["date", "order"], ascending=False, na_position="last").head(max_quotes)
    shown = f"latest {len(recent)} of {len(q)}" if len(q) > len(recent) else f"all {len(q)}"
    return go.Table(
        header={
            "values": [
                "date",
                "speaker",
                "speaker kind",
                f"<b>quotes</b> ({shown})",
                "stance",
                "source",
            ],
            "align": "left",
        },
        cells={
            "values": [
                [plot_text(d) or "undated" for d in recent.date],
                [plot_text(s) or "unknown speaker" for s in recent.speaker],
                [
                    plot_text(speaker_kind_text(k, co))
                    for k, co in zip(recent.speaker_kind, recent.co_speakers, strict=True)
                ],
                [plot_text(t, 90) for t in recent.text],
                [plot_text(lab) for lab in recent.label],
                [plot_text(outlet(s, t)) for s, t in zip(recent.source, recent.title, strict=True)],
            ],
            "align": "left",
        },
        columnwidth=[1.2, 2, 1.4, 8, 1.2, 2],
    )


def _speakers(q: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, str]:
    """The ``limit`` most quoted speakers of one country's quotes (their most frequent kind,
    quotes, first and last date, topics) and the table header's note ("all 12" or "top 25 of
    1,234")."""
    q = q.assign(
        speaker=q.speaker.fillna("unknown speaker"),
        kind=[speaker_kind_text(k) for k in q.speaker_kind],
    )
    speakers = (
        q.groupby("speaker")
        .agg(
            kind=("kind", lambda k: k.value_counts().index[0]),
            quotes=("quote_id", "size"),
            first=("date", "min"),
            last=("date", "max"),
        )
        .sort_values("quotes", ascending=False, kind="stable")
    )
    total = len(speakers)
    speakers = speakers.head(limit)
    topics = q.loc[q.speaker.isin(speakers.index) & q.topics.notna(), ["speaker", "topics"]]
    topics = topics.assign(topic=topics.topics.astype(str).str.split(", ")).explode("topic")
    named = topics.drop_duplicates(["speaker", "topic"]).sort_values("topic", kind="stable")
    joined = named.groupby("speaker").topic.agg(", ".join)
    speakers = speakers.assign(topics=joined.reindex(speakers.index).fillna("")).reset_index()
    note = f"top {len(speakers)} of {total:,}" if total > len(speakers) else f"all {total}"
    return speakers, note
