"""``reports/index.html``: the page a reader opens first. It says what the corpus is (articles,
sources, dates, speakers, countries, topics), links to each report with one line on what it shows,
and lists the articles with their dates and source links. Plain HTML and CSS, no script: every
string from the corpus is escaped.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from workbench import __version__
from workbench.aggregate.views import country_name, date_range, outlet, topic_label
from workbench.report.blocks import generated_at
from workbench.report.escape import html_text
from workbench.report.nav import INDEX, TITLES, nav
from workbench.schema import Corpus

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }
header { border-bottom: 2px solid #2166ac; margin-bottom: 1em; }
nav.wb-nav { margin-bottom: 0.5em; }
ul.wb-reports li { margin-bottom: 0.4em; }
table { border-collapse: collapse; font-size: 0.9em; width: 100%; }
td, th { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
td.wb-date, td.wb-source { white-space: nowrap; }
"""


ARTICLES_SHOWN = 1000  # the newest articles listed; a large corpus's full list is in the tables
# what the page reads of the tables (workbench.load's ``tables`` and ``columns``): never the
# article text, entities or blocks, so a large corpus is not loaded whole
TABLES_READ = ("articles", "quotes", "stances")
COLUMNS_READ = {
    "articles": ("article_id", "title", "date", "source", "url"),
    "quotes": ("article_id", "speaker"),
    "stances": ("article_id", "country_code", "topic"),
}


def index_html(corpus: Corpus, reports: tuple[str, ...]) -> str:
    """The index page for ``corpus`` linking to ``reports`` (names of the rendered notebooks)."""
    arts = corpus.articles
    first, last = date_range(corpus)
    undated = int(arts.date.isna().sum())
    span = f"{html_text(first)} to {html_text(last)}" if first else "no dated article"
    if undated:
        span += f" ({undated} undated)"
    sources = sorted(s for s in arts.source.dropna().unique() if s)
    speakers = corpus.quotes.speaker.dropna().nunique() if not corpus.quotes.empty else 0
    st = corpus.stances
    countries = sorted({c for c in st.country_code.dropna() if c}, key=country_name)
    topics = sorted({t for t in st.topic.dropna() if t}, key=topic_label)
    facts = [
        f"<b>Articles:</b> {len(arts)} from {len(sources)} named source(s)"
        + (": " + ", ".join(html_text(s) for s in sources[:8]) if sources else ""),
        f"<b>Dates:</b> {span}",
        f"<b>Quotes:</b> {len(corpus.quotes)} from {speakers} named speakers; "
        f"<b>statements with a stance:</b> {len(st)}",
        "<b>Countries:</b> "
        + (", ".join(_country(c) for c in countries) or "none with a stated position"),
        "<b>Topics:</b> " + (", ".join(_topic(t) for t in topics) or "none"),
    ]
    links = "".join(
        f'<li><a href="{name}.html">{html_text(TITLES[name][0])}</a>: '
        f"{html_text(TITLES[name][1])}</li>"
        for name in reports
        if name in TITLES
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Workbench reports</title>
<style>{STYLE}</style></head>
<body>
<header>
{nav(INDEX)}
<h1>Workbench reports</h1>
<p>What the analysed articles say about each country's position on each question.</p>
<ul>{"".join(f"<li>{f}</li>" for f in facts)}</ul>
<p>Generated {generated_at()} by workbench {html_text(__version__)}.</p>
</header>
<h2>Reports</h2>
<ul class="wb-reports">{links}</ul>
<p>Each report is one self-contained file: it opens offline and can be shared as it is. Its tables
can be searched, sorted and downloaded as CSV; its method notes, at the end, say how statements
are found, scored and aggregated.</p>
<h2>Articles</h2>
{_articles(arts, ARTICLES_SHOWN)}
</body></html>
"""


def _country(code: str) -> str:
    return f'<abbr title="{html_text(code)}">{html_text(country_name(code))}</abbr>'


def _topic(topic_id: str) -> str:
    return f'<abbr title="{html_text(topic_id)}">{html_text(topic_label(topic_id))}</abbr>'


def _articles(arts: pd.DataFrame, limit: int) -> str:
    """The articles by date (undated last): date, title (linked to its URL), source. Past
    ``limit`` articles, the ``limit`` newest, saying how many there are and where the rest are."""
    order = arts.assign(_undated=arts.date.isna()).sort_values(
        ["_undated", "date", "title"], kind="stable"
    )
    note = ""
    if len(order) > limit:
        dated = order[~order._undated]
        order = pd.concat([dated.tail(limit), order[order._undated]]).head(limit)
        note = (
            f'<p class="wb-more">The {limit:,} newest of {len(arts):,} articles. All of them: '
            "<code>workbench export DATA_DIR --what articles --to DIR/</code> or "
            '<code>workbench sql DATA_DIR "SELECT date, title, source, url FROM articles"'
            "</code>.</p>"
        )
    rows = []
    for r in order.itertuples():
        title = html_text(r.title) or html_text(r.article_id)
        url = getattr(r, "url", None)
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            title = f'<a href="{html_text(url)}" rel="noopener">{title}</a>'
        date = html_text(r.date) if isinstance(r.date, str) else "undated"
        rows.append(
            f'<tr><td class="wb-date">{date}</td><td>{title}</td>'
            f'<td class="wb-source">{html_text(outlet(r.source, None)) or ""}</td></tr>'
        )
    head = "<tr><th>date</th><th>title</th><th>source</th></tr>"
    return f"{note}<table>{head}{''.join(rows)}</table>"


def write_index(corpus: Corpus, out_dir: str | Path, reports: tuple[str, ...]) -> Path:
    """Write ``OUT/index.html`` and return its path."""
    path = Path(out_dir) / INDEX
    tmp = path.with_suffix(".html.tmp")
    tmp.write_text(index_html(corpus, reports), encoding="utf-8")
    tmp.replace(path)
    return path
