"""Live ipywidgets panels for JupyterLab: the quote explorer and the country panel.

Their callbacks run Python, so they only work in a live kernel; the report notebooks tag these
cells ``remove_cell`` and the exported HTML uses plotly dropdowns instead. Each panel keeps its
current selection as a DataFrame attribute, so the filtering can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import ipywidgets as w
import pandas as pd
from IPython.display import display

from workbench.aggregate.views import (
    as_list,
    country_name,
    filter_quotes,
    quote_view,
    topic_label,
)
from workbench.report import blocks as report
from workbench.report.figures import stance_heatmap
from workbench.report.kinds import SPEAKER_KINDS_NOTE
from workbench.schema import SPEAKER_KINDS, Corpus

ALL = ""


def kind_selector(speaker_kinds: Iterable[str] | None = None) -> w.SelectMultiple:
    """The speaker-kind selector: every kind of the schema; none selected keeps all quotes.
    ``speaker_kinds`` (a report's parameter) is the first selection."""
    chosen = [k for k in as_list(speaker_kinds) if k in SPEAKER_KINDS]
    return w.SelectMultiple(
        options=list(SPEAKER_KINDS),
        value=chosen,
        rows=len(SPEAKER_KINDS),
        description="speaker kind",
        tooltip=f"{SPEAKER_KINDS_NOTE} None selected: all.",
        style={"description_width": "initial"},
    )


class Explorer:
    """Filter quotes by country, speaker, topic, free text and speaker kind; pick a matrix cell to
    read its evidence. ``widget`` is what a notebook displays; ``quotes`` is the current
    selection."""

    def __init__(
        self,
        corpus: Corpus,
        matrix: pd.DataFrame,
        limit: int = 100,
        speaker_kinds: Iterable[str] | None = None,
    ) -> None:
        self.corpus, self.matrix, self.limit = corpus, matrix, limit
        self.view = quote_view(corpus)
        self.quotes = self.view
        v = self.view
        codes = sorted(v.country.dropna().unique(), key=country_name)
        self.country = w.Dropdown(
            options=[("all countries", ALL)] + [(country_name(c), c) for c in codes],
            description="country",
        )
        self.speaker = w.Dropdown(
            options=[("all speakers", ALL)] + [(s, s) for s in sorted(v.speaker.dropna().unique())],
            description="speaker",
        )
        topics = sorted({t for ts in v.topics.dropna() for t in ts.split(", ")})
        self.topic = w.Dropdown(
            options=[("all topics", ALL)] + [(topic_label(t), t) for t in topics],
            description="topic",
        )
        self.text = w.Text(placeholder="words in the quote, speaker or title", description="search")
        self.kinds = kind_selector(speaker_kinds)
        self.count = w.HTML()
        self.table = w.Output()
        cells = [
            (f"{country_name(k)} · {topic_label(t)}", (k, t))
            for k in matrix.index
            for t in matrix.columns
            if matrix.at[k, t] is not None
        ]
        self.cell = w.Dropdown(options=[("choose a cell", None)] + cells, description="cell")
        self.evidence = w.Output()
        self.figure = w.Output()
        for control in (self.country, self.speaker, self.topic, self.text, self.kinds):
            control.observe(self.refresh, names="value")
        self.cell.observe(self.show_cell, names="value")
        with self.figure:
            stance_heatmap(matrix, corpus.articles).show()
        self.refresh()
        filters = w.HBox([self.country, self.speaker, self.topic, self.text, self.kinds])
        self.widget = w.VBox(
            [
                w.HTML("<h3>Quotes</h3>"),
                filters,
                self.count,
                self.table,
                w.HTML("<h3>Stance matrix</h3>"),
                self.figure,
                self.cell,
                self.evidence,
            ]
        )

    def refresh(self, _change: object = None) -> None:
        """Apply the filters to the quotes and redraw the table."""
        self.quotes = filter_quotes(
            self.view,
            self.country.value,
            self.speaker.value,
            self.topic.value,
            self.text.value,
            self.kinds.value,
        )
        self.count.value = f"{len(self.quotes)} of {len(self.view)} quotes"
        self.table.clear_output(wait=True)
        with self.table:
            display(report.quote_table(self.quotes, self.limit))

    def show_cell(self, _change: object = None) -> None:
        """Show the evidence behind the chosen matrix cell."""
        self.evidence.clear_output(wait=True)
        if self.cell.value is None:
            return
        key, topic = self.cell.value
        with self.evidence:
            display(
                report.evidence_table(
                    self.matrix.loc[[key], [topic]], self.corpus.articles, 20, self.corpus.quotes
                )
            )


class CountryPanel:
    """Pick a country (and speaker kinds) and see its positions with evidence and its speakers'
    quotes (live)."""

    def __init__(
        self,
        corpus: Corpus,
        matrix: pd.DataFrame,
        country: str | None = None,
        speaker_kinds: Iterable[str] | None = None,
        view: pd.DataFrame | Callable[[str | None], pd.DataFrame] | None = None,
        with_text: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    ) -> None:
        self.corpus, self.matrix = corpus, matrix
        if callable(view):  # one country's quotes read when it is chosen (None: every quote)
            self.quotes_of = view
        else:
            whole = quote_view(corpus) if view is None else view
            self.quotes_of = lambda _code: whole
        self.with_text = with_text
        codes = [c for c in matrix.index if c] or sorted(
            self.quotes_of(None).country.dropna().unique()
        )
        self.choice = w.Dropdown(
            options=[(country_name(c), c) for c in codes],
            value=country if country in codes else (codes[0] if codes else None),
            description="country",
        )
        self.kinds = kind_selector(speaker_kinds)
        self.out = w.Output()
        self.quotes = pd.DataFrame()
        self.choice.observe(self.refresh, names="value")
        self.kinds.observe(self.refresh, names="value")
        self.refresh()
        self.widget = w.VBox([w.HBox([self.choice, self.kinds]), self.out])

    def refresh(self, _change: object = None) -> None:
        code = self.choice.value
        self.quotes = (
            filter_quotes(self.quotes_of(code), country=code, speaker_kinds=self.kinds.value)
            if code
            else self.quotes_of(None).iloc[0:0]
        )
        self.out.clear_output(wait=True)
        if code is None:
            return
        with self.out:
            if code in self.matrix.index:  # a country may have quotes but no statement
                cells = self.matrix.loc[[code]]
                display(
                    report.evidence_table(cells, self.corpus.articles, quotes=self.corpus.quotes)
                )
            display(report.quote_table(self.quotes, with_text=self.with_text))


def explorer(
    corpus: Corpus, matrix: pd.DataFrame, speaker_kinds: Iterable[str] | None = None
) -> Explorer:
    """The quote explorer of ``explore.ipynb`` (``speaker_kinds``: the kinds selected at first)."""
    return Explorer(corpus, matrix, speaker_kinds=speaker_kinds)


def country_panel(
    corpus: Corpus,
    matrix: pd.DataFrame,
    country: str | None = None,
    speaker_kinds: Iterable[str] | None = None,
    view: pd.DataFrame | Callable[[str | None], pd.DataFrame] | None = None,
    with_text: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
) -> CountryPanel:
    """The live country panel of ``country_dashboard.ipynb`` (``speaker_kinds``: the kinds
    selected at first; ``view``: the corpus's :func:`~workbench.aggregate.views.quote_view` when
    the notebook has it already, not computed twice on a large corpus, or a function giving the
    rows of that view of one country (of every country for None), called when the country is
    chosen, so that a large corpus's view is never held whole; ``with_text``: for a view
    read without the quotes' text, what gives the rows its quote table shows their text,
    :func:`workbench.report.source.text_of`)."""
    return CountryPanel(corpus, matrix, country, speaker_kinds, view, with_text)
