"""The links every report page opens with: the index and each report."""

from __future__ import annotations

from workbench.report.escape import html_text

TITLES = {
    "stance_matrix": (
        "Stance matrix",
        "where each country stands on each question, how many statements back it, and the "
        "evidence behind every cell",
    ),
    "quote_timeline": (
        "Quote timeline",
        "who said what, when: every quote by date, one row per speaker, coloured by its stance",
    ),
    "country_dashboard": (
        "Country dashboard",
        "one country at a time: its positions, how they changed, who speaks for it and what "
        "they said",
    ),
}
INDEX = "index.html"


def nav(current: str | None = None) -> str:
    """Links to the index and every report, the current page unlinked (for every page's top)."""
    items = [(INDEX, "Index")] + [(f"{n}.html", t) for n, (t, _) in TITLES.items()]
    links = [
        f"<b>{html_text(label)}</b>" if href == current else f'<a href="{href}">{label}</a>'
        for href, label in items
    ]
    return f'<nav class="wb-nav">Reports: {" · ".join(links)}</nav>'
