"""Building blocks of the report notebooks: the plotly renderer, the report header, method notes
and evidence tables, as HTML that escapes every string taken from an article.

The renderer returns two representations of each figure: plotly's own JSON (JupyterLab draws it
with the jupyterlab-plotly extension) and an HTML ``<div>`` with a counter-based id (nbconvert
keeps it; plotly.js itself is inlined once per page by the report template). Counter ids keep
two executions of a notebook identical, which nbval and the render diff test rely on.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from datetime import datetime, timezone

import pandas as pd
import plotly.io as pio
from IPython.display import HTML
from plotly.io._base_renderers import MimetypeRenderer

from workbench import __version__
from workbench.aggregate.fit import CatalogueFit, catalogue_fit
from workbench.aggregate.views import country_name, date_range, outlet, topic_label, topic_labels
from workbench.report.escape import html_text
from workbench.report.kinds import SPEAKER_KINDS_NOTE, speaker_kind_text
from workbench.report.nav import nav
from workbench.report.tables import follow_country_menu, interactive, reset
from workbench.schema import Corpus

RENDERER = "workbench"
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


class ReportRenderer(MimetypeRenderer):
    """plotly JSON for JupyterLab plus an HTML div for nbconvert, with stable div ids."""

    def __init__(self, counter: itertools.count | None = None) -> None:
        # plotly copies the renderer on each show(): the counter is shared, not an int attribute.
        self.counter = counter if counter is not None else itertools.count(1)

    def to_mimebundle(self, fig_dict: dict) -> dict:
        div_id = f"wb-figure-{next(self.counter)}"
        div = pio.to_html(
            fig_dict,
            config=PLOTLY_CONFIG,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            div_id=div_id,
        )
        return {
            "application/vnd.plotly.v1+json": {
                "data": fig_dict.get("data", []),
                "layout": fig_dict.get("layout", {}),
                "config": PLOTLY_CONFIG,
            },
            "text/html": div,
        }


def setup() -> None:
    """Make the report renderer plotly's default (call once at the top of a notebook)."""
    pio.renderers[RENDERER] = ReportRenderer()
    pio.renderers.default = RENDERER
    reset()


def generated_at() -> str:
    """Now in UTC, or ``$SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%d %H:%M UTC")


def header(
    corpus: Corpus, title: str, params: dict, covers: str = "", fit: CatalogueFit | None = None
) -> HTML:
    """The block a report opens with: what it covers (articles, sources, date range), when and by
    which workbench version it was made, the parameters used, and a link to the method notes.
    ``fit``: the catalogue fit of the tables (``source.report_fit``), else worked out from
    ``corpus``; a warning line when the catalogue may not fit."""
    arts = corpus.articles
    sources = sorted(s for s in arts.source.dropna().unique() if s)
    first, last = date_range(corpus)
    undated = int(arts.date.isna().sum())
    span = f"{html_text(first)} to {html_text(last)}" if first else "no dated article"
    if undated:
        span += f" ({undated} undated)"
    shown = ": " + ", ".join(html_text(s) for s in sources[:8]) if sources else ""
    if len(sources) > 8:
        shown += f" and {len(sources) - 8} more"
    unnamed = int((arts.source.fillna("") == "").sum())
    if not sources:  # not "from 0 named sources"
        corpus_line = f"{_n(len(arts), 'article')} (the files name no source)"
    else:
        corpus_line = f"{_n(len(arts), 'article')} from {_n(len(sources), 'named source')}{shown}"
        corpus_line += f"; {unnamed} with no source named" if unnamed else ""
    rows = "".join(
        f"<tr><th>{html_text(k)}</th><td>{_param_cell(k, v)}</td></tr>" for k, v in params.items()
    )
    fit = fit if fit is not None else catalogue_fit(corpus)
    warning = fit.warning() if fit is not None else None
    fit_line = (
        f'<li class="wb-warning"><b>Topic catalogue:</b> {html_text(warning)}</li>'
        if warning
        else ""
    )
    return HTML(
        f"""<header class="wb-header">
{nav()}
<h1>{html_text(title)}</h1>
<p class="wb-covers">{html_text(covers)}</p>
<ul>
<li><b>Corpus:</b> {corpus_line}</li>
<li><b>Dates:</b> {span}</li>
{fit_line}<li><b>Generated:</b> <span class="wb-generated">{generated_at()}</span>
by workbench {html_text(__version__)}</li>
<li><a href="#method-notes">How positions are scored and aggregated</a></li>
</ul>
<details><summary>Parameters</summary><table class="wb-params">{rows}</table></details>
</header>"""
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _param_cell(name: str, value: object) -> str:
    """A parameter's value: a code pill when set, plain words when empty ("all", "none")."""
    if value is None or value == "" or value == []:
        empty = "all" if name in ("countries", "topics", "speakers", "speaker_kinds") else "none"
        return f'<span class="wb-unset">{empty}</span>'
    if name == "half_life" and isinstance(value, (int, float)):
        return f"<code>{value:g}</code> days"
    return f"<code>{html_text(_param(value))}</code>"


def _param(value: object) -> str:
    if value is None:
        return "None"
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value)) or "(all)"
    return str(value)


METHOD_NOTES = """
<section id="method-notes" class="wb-method">
<h2>Method notes</h2>
<p><b>Statements.</b> Each sentence that mentions a topic of the catalogue (trigger terms, phrases
and prototype sentences) and a holder (a country, its government or seat, or a person speaking for
it) becomes a statement. Its stance is read from editable lexicons: support (1: "ready to
contribute", "backed"), conditional support (0.5: "only under a UN mandate", "hinges on"),
neutral or undecided (0), sceptical (-0.5: "premature", "unlikely to") and opposition (-1: "ruled
out", "will not send"), with negation flipping the cue and the clause after "but" taking
precedence. The <code>rule</code> column records why.</p>
<p><b>Holder and voice.</b> A position belongs to the country it is about; the voice is who stated
it: the holder itself (<i>self</i>), someone else (<i>reported</i>) or the narrator
(<i>narrated</i>). The <code>voices</code> parameter keeps all, only self-stated or only
government voices.</p>
<p><b>Aggregation.</b> Wire copies (same holder, topic and evidence) count once and list every
source. A cell shows its latest position: the statements of its last 14 days (before its newest
statement), their stances weighted by confidence &times; recency (a statement loses half its weight
per 14 days it is older than the newest), snapped to the nearest point of the scale; support
qualified by a condition in that window stays conditional. A cell is marked &#8635; when the
position of its earliest date differs from the one shown, and &#9998; when an analyst override set
it. Older statements stay in its evidence.</p>
<p><b>Speakers.</b> {kinds} Only the first three, and joint statements, count as speaking for a
country in the dashboard; the <code>speaker_kinds</code> parameter keeps the quotes of the kinds
listed.</p>
<p><b>Reading the evidence.</b> Positions are found by rules, not checked by a person: before
relying on a cell, read its statements (the evidence table, or the hover on the matrix). A short
fragment quoted as a statement ("the plan") usually means the quote finder cut a sentence short;
a cell backed by one statement is weak evidence. Dates are the articles' publication dates.</p>
<p>These notes are all a reader of this page needs; the longer write-up, with the lexicons and
the evaluation, is <code>docs/method/stances.md</code> in the workbench source.</p>
</section>
"""


def method_notes() -> HTML:
    """The method notes section the header links to."""
    return HTML(METHOD_NOTES.replace("{kinds}", html_text(SPEAKER_KINDS_NOTE)))


LIST_MARKER = re.compile(r"^\s*(?:[-\u2013\u2014\u2022\u00b7*\u25aa\u25cf]|\d{1,2}[.)])\s+")


def display_text(text: object) -> str:
    """A statement as a reader sees it: without the list marker a bullet point leaves at its
    start ("- Strengthening …" -> "Strengthening …")."""
    return LIST_MARKER.sub("", text) if isinstance(text, str) else ""


def country_cell(code: object) -> str:
    """The country's name, its code on hover (``<abbr title="FRA">France</abbr>``)."""
    name = html_text(country_name(code if isinstance(code, str) else None))
    if isinstance(code, str) and code and country_name(code) != code:
        return f'<abbr title="{html_text(code)}">{name}</abbr>'
    return name


def _topic_cell(topic_id: object) -> str:
    """The topic's label, its id on hover (ids stay what parameters and tables use)."""
    label = html_text(topic_label(topic_id))
    if isinstance(topic_id, str) and topic_label(topic_id) != topic_id:
        return f'<abbr title="{html_text(topic_id)}">{label}</abbr>'
    return label


def evidence_frame(
    matrix: pd.DataFrame,
    articles: pd.DataFrame,
    per_cell: int = 3,
    quotes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per piece of evidence (up to ``per_cell`` strongest per matrix cell), cells as
    escaped HTML: country, topic, the cell's position, the statement, its own stance, who voiced
    it (with the speaker kind of the quote it came from, given ``quotes``), source and date."""
    meta = articles.set_index("article_id")[["title", "source", "date"]]
    kinds = _quote_kinds(quotes)
    rows = []
    for key in matrix.index:
        for topic in matrix.columns:
            cell = matrix.at[key, topic]
            if cell is None:
                continue
            mark = " &#8635; " + html_text(cell.change) if cell.changed else ""
            if cell.origin == "analyst":
                mark += ' <span class="wb-analyst">&#9998; analyst</span>'
            position = f"{html_text(cell.label)} ({cell.n_statements}){mark}"
            for ev in cell.evidence[:per_cell] or [{}]:
                rows.append(
                    {
                        "country": country_cell(key),
                        "topic": _topic_cell(topic),
                        "position": position,
                        **_evidence_cells(ev, meta, kinds),
                    }
                )
    columns = ["country", "topic", "position", "statement", "its stance", "voiced by"]
    return pd.DataFrame(rows, columns=[*columns, "source", "date"])


def evidence_table(
    matrix: pd.DataFrame,
    articles: pd.DataFrame,
    per_cell: int = 3,
    quotes: pd.DataFrame | None = None,
) -> HTML:
    """Every matrix cell with its position and up to ``per_cell`` strongest pieces of evidence,
    as an interactive table (search, sort, pages, CSV download); analyst cells are marked."""
    frame = evidence_frame(matrix, articles, per_cell, quotes)
    return interactive(frame, "wb-evidence", text=("statement",))


def _quote_kinds(quotes: pd.DataFrame | None) -> dict[str, str]:
    """quote_id -> the speaker kind a table shows, for the quotes given (none: {})."""
    if quotes is None or quotes.empty:
        return {}
    return {
        q: speaker_kind_text(k, co)
        for q, k, co in zip(quotes.quote_id, quotes.speaker_kind, quotes.co_speakers, strict=True)
    }


def _evidence_cells(ev: dict, meta: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str]:
    if not ev:
        empty = {"its stance": "", "voiced by": "", "source": "", "date": ""}
        return {"statement": "(no evidence)", **empty}
    art = ev.get("article_id")
    source = ""
    if art in meta.index:
        m = meta.loc[art]
        source = outlet(m.source, m.title)
    copies = len(ev.get("sources") or []) - 1
    if copies > 0:
        source = f"{source} (+{copies} copies)"
    how = html_text(ev.get("attribution"))
    if ev.get("quote_id") in kinds:
        how += f", {html_text(kinds[ev['quote_id']])}"
    return {
        "statement": f"&#8220;{html_text(display_text(ev.get('text')))}&#8221;",
        "its stance": html_text(ev.get("label")),
        "voiced by": f"{html_text(ev.get('voiced_by'))} <small>({how})</small>",
        "source": html_text(source),
        "date": html_text(ev.get("date")) or "undated",
    }


def quote_frame(view: pd.DataFrame) -> pd.DataFrame:
    """Quotes as rows of escaped HTML cells: date, speaker, speaker kind, country, quote, stance
    (with the topics' labels), source."""
    rows = [
        {
            "date": html_text(r.date) or "undated",
            "speaker": html_text(r.speaker) or "unknown",
            "speaker kind": html_text(speaker_kind_text(r.speaker_kind, r.co_speakers)),
            "country": country_cell(r.country),
            "quote": f"&#8220;{html_text(display_text(r.text))}&#8221;",
            "stance": _quote_stance(r.label, r.topics),
            "source": html_text(outlet(r.source, r.title)),
        }
        for r in view.itertuples()
    ]
    columns = ["date", "speaker", "speaker kind", "country", "quote", "stance", "source"]
    return pd.DataFrame(rows, columns=columns)


def _quote_stance(label: object, topics: object) -> str:
    """ "support on Troops to Ukraine"; a quote on no topic of the catalogue says so."""
    on = f" on {html_text(topic_labels(topics))}" if isinstance(topics, str) and topics else ""
    if not isinstance(label, str) or not label:
        return f'<span class="wb-unset">{"no stance" + on if on else "no topic"}</span>'
    return html_text(label) + on


QUOTE_TABLE_LIMIT = 5000  # rows a quote table embeds in a report page (about 3 MB of HTML)


def newest(view: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The ``limit`` quotes of a :func:`~workbench.aggregate.views.quote_view` from the newest
    articles (undated ones only when fewer dated quotes), in the view's order."""
    if len(view) <= limit:
        return view
    dated = view.date.notna().to_numpy()
    keep = view[dated].tail(limit)
    rest = view[~dated].head(limit - len(keep))
    return view.loc[view.index.isin(keep.index) | view.index.isin(rest.index)]


def quote_table(
    view: pd.DataFrame,
    limit: int = QUOTE_TABLE_LIMIT,
    table_id: str = "wb-quotes",
    with_text: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> HTML:
    """Quotes as an interactive table (search, sort, pages, CSV download of the filtered rows), its
    caption saying what the kinds mean. Past ``limit`` quotes it shows the ``limit`` newest
    (:func:`newest`) and says so above the table ("N of M shown"), naming where all of them are:
    ``workbench export`` and ``workbench sql``. ``with_text``: for a view read without the quotes'
    text, the function that gives the rows shown their text
    (:func:`workbench.report.source.text_of`)."""
    shown = newest(view, limit)
    frame = quote_frame(shown if with_text is None else with_text(shown))
    more = ""
    if len(view) > limit:
        more = (
            f'<p class="wb-more">Showing the {limit:,} newest of {len(view):,} quotes '
            f"({len(view) - limit} more quotes not shown). All of them: "
            "<code>workbench export DATA_DIR --what quotes --to DIR/</code> (CSV; the report's "
            "parameters filter it the same way) or <code>workbench sql DATA_DIR "
            '"SELECT … FROM quotes"</code>.</p>'
        )
    table = interactive(frame, table_id, text=("quote",), caption=SPEAKER_KINDS_NOTE)
    return HTML(more + table.data)


def follow_country(table_ids: list[str], first: str = "") -> HTML:
    """Make the tables follow the country menu of the page's first figure (the timeline's or the
    dashboard's): see :func:`~workbench.report.tables.follow_country_menu`."""
    return follow_country_menu(table_ids, "country", 0, first)
