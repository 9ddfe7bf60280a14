"""The country dashboard figure: one country at a time, chosen from a plotly dropdown that keeps
working in exported HTML (no Python callback is needed)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML
from plotly.subplots import make_subplots

from workbench.aggregate.views import country_name, named_speakers, topic_label, topic_labels
from workbench.report.blocks import country_cell
from workbench.report.escape import html_text, plot_text
from workbench.report.figures import QUALITATIVE, STANCE_COLORSCALE
from workbench.report.kinds import speaker_kind_text
from workbench.report.tables import interactive
from workbench.schema import SCALE


def country_dashboard(
    matrix: pd.DataFrame,
    history: pd.DataFrame,
    view: pd.DataFrame,
    country: str | None = None,
) -> go.Figure:
    """One figure per country, chosen from a dropdown that keeps working in exported HTML: its
    position on each topic and how each position moved over time. Who speaks for it and what
    they said are interactive tables below it (:func:`speakers_table`,
    :func:`~workbench.report.blocks.quote_table`) that follow the dropdown."""
    countries = _countries(matrix, view)
    first = first_country(matrix, view, country)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.08,
        subplot_titles=("Position by topic", "Position over time"),
    )
    owners: list[str] = []
    for c in countries:
        for trace, row, col in _country_traces(c, matrix, history):
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
        height=min(max(460, 34 * len(countries) + 180), 900),  # the open menu fits the figure
        template="plotly_white",
        title={"text": _dashboard_title(first), "x": 0.5, "xanchor": "center"},
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


def _countries(matrix: pd.DataFrame, view: pd.DataFrame) -> list[str]:
    return [c for c in matrix.index if c] or sorted(view.country.dropna().unique())


def first_country(matrix: pd.DataFrame, view: pd.DataFrame, country: str | None) -> str | None:
    """The country the dashboard shows first: ``country`` if it has anything to show, else the
    one with the most statements."""
    countries = _countries(matrix, view)
    return country if country in countries else _busiest(matrix, countries)


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


def _country_traces(c, matrix, history):
    """The traces of one country's dashboard: (trace, row, col). Its tables ("who speaks for
    it", its quotes) are interactive tables below the figure (:func:`speakers_frame`), which
    follow the dropdown."""
    cells = matrix.loc[c] if c in matrix.index else pd.Series(dtype=object)
    return [
        (_position_trace(cells[cells.notna()]), 1, 1),
        *((trace, 1, 2) for trace in _history_traces(history[history.key == c])),
    ]


def _position_trace(cells: pd.Series) -> go.Scatter:
    """The country's position on each topic (its matrix row)."""
    return go.Scatter(
        x=[plot_text(topic_label(t)) for t in cells.index],  # plotly ticks read markup
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
            f"{plot_text(topic_label(t))}: {cell.label}"
            f"<br>{plot_text(cell.change) if cell.change else ''}"
            for t, cell in cells.items()
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name="position",
    )


# the trace's name (its topic label, escaped), the point's label and count of statements, its day
HISTORY_HOVER = (
    "%{fullData.name}: %{customdata[0]} (%{customdata[1]} statements), %{x|%Y-%m-%d}<extra></extra>"
)


def _history_traces(h: pd.DataFrame) -> list[go.Scatter]:
    """One line per topic: the country's position by date. The hover ("Sanctions on Russia:
    support (3 statements), 2025-09-03") is a template over each point's label and count, not
    a text per point: a corpus of 100,000 articles draws about 115,000 points."""
    return [
        go.Scatter(
            x=list(g.date),
            y=list(g.stance),
            mode="lines+markers",
            name=plot_text(topic_label(topic)),
            line={"shape": "hv", "color": QUALITATIVE[i % len(QUALITATIVE)]},
            customdata=[[lab, int(n)] for lab, n in zip(g.label, g.n_statements, strict=True)],
            hovertemplate=HISTORY_HOVER,
        )
        for i, (topic, g) in enumerate(h.groupby("topic", sort=True))
    ]


def speakers_frame(view: pd.DataFrame, max_speakers: int = 25) -> pd.DataFrame:
    """Who speaks for each country (its named speakers: see
    :func:`~workbench.aggregate.views.named_speakers`), as rows of escaped HTML cells: country,
    speaker, kind, quotes, first and last date, topics (labels). At most ``max_speakers`` per
    country, the most quoted."""
    rows = []
    # the named speakers' quotes, with the columns the table reads: copied once, never the text
    named = view.loc[named_speakers(view), ["country", "speaker", "speaker_kind", "date", "topics"]]
    for code in sorted(named.country.dropna().unique(), key=country_name):
        speakers, _ = _speakers(named[named.country == code], max_speakers)
        rows += [
            {
                "country": country_cell(code),
                "speaker": html_text(r.speaker),
                "kind": html_text(r.kind),
                "quotes": int(r.quotes),
                "first": html_text(r.first) or "undated",
                "last": html_text(r.last) or "undated",
                "topics": html_text(topic_labels(r.topics)),
            }
            for r in speakers.itertuples()
        ]
    columns = ["country", "speaker", "kind", "quotes", "first", "last", "topics"]
    return pd.DataFrame(rows, columns=columns)


def speakers_table(view: pd.DataFrame, max_speakers: int = 25) -> HTML:
    """:func:`speakers_frame` as an interactive table (``wb-speakers``)."""
    frame = speakers_frame(view, max_speakers)
    caption = f"The most quoted named speakers of each country, at most {max_speakers} per country."
    return interactive(
        frame, "wb-speakers", nowrap=("first", "last"), order=[[3, "desc"]], caption=caption
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
            quotes=("kind", "size"),
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
