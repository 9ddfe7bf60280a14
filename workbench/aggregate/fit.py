"""Does the topic catalogue fit the corpus? A catalogue names what it is about (``scope`` in
``data/topics.yml``: "Russia's war on Ukraine", with the words that name it). A position the
stance stage found in a paragraph that never names the scope is most often a trigger word used
about something else ("troops" in a speech on peacekeeping in another war). When fewer than
:data:`MIN_IN_SCOPE` of a corpus's positions stand in such paragraphs, the catalogue may not fit
it, and the report's header says so (docs/reports.md#catalogue-fit).

The threshold sits between corpora on the war (0.40–0.99 of their positions in such paragraphs)
and corpora about other things (0.00–0.06); the figures are in docs/reports.md#catalogue-fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.resources.topics import Scope, load_topics
from workbench.schema import Corpus

MIN_IN_SCOPE = 0.3  # share of positions in paragraphs that name the scope
MIN_POSITIONS = 20  # fewer positions than this say nothing about fit


@dataclass(frozen=True)
class CatalogueFit:
    """How many of a corpus's positions (``positions``) stand in a paragraph that names the
    catalogue's scope (``in_scope``)."""

    label: str
    positions: int
    in_scope: int

    @property
    def share(self) -> float:
        return self.in_scope / self.positions if self.positions else 1.0

    @property
    def fits(self) -> bool:
        return self.positions < MIN_POSITIONS or self.share >= MIN_IN_SCOPE

    def warning(self) -> str | None:
        """One line for the report header when the catalogue may not fit, else None."""
        if self.fits:
            return None
        return (
            f"the topic catalogue may not fit this corpus: only {self.in_scope} of "
            f"{self.positions} positions ({self.share:.0%}) stand in a paragraph about what it "
            f"covers ({self.label}). Check them against their evidence, or analyse with a "
            "catalogue of your own (--topics)."
        )


def catalogue_fit(corpus: Corpus, scope: Scope | None = None) -> CatalogueFit | None:
    """The fit of ``scope`` (the shipped catalogue's unless given) to the corpus's positions
    (the model's; analysts' overrides are left out); None when the catalogue has no scope.
    The frames are read by :func:`catalogue_fit_sql`, as the reports read the tables."""
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        frames = {
            "stances": corpus.stances[["article_id", "start_char", "origin"]],
            "blocks": corpus.blocks[["article_id", "start_char", "end_char"]],
            "articles": corpus.articles[["article_id", "text"]],
        }
        for name, df in frames.items():
            con.register(name, df)
        return catalogue_fit_sql(con, scope)
    finally:
        con.close()


def catalogue_fit_sql(con, scope: Scope | None = None) -> CatalogueFit | None:
    """:func:`catalogue_fit` worked out by DuckDB over the tables ``con`` has as views
    (``articles``, ``blocks``, ``stances``; :func:`workbench.store.sql.connect`): the reports
    read neither the texts nor the blocks into memory. A position's block is the last one that
    starts at or before it, as in :func:`catalogue_fit`."""
    scope = scope if scope is not None else load_topics().scope
    if scope is None:
        return None
    positions, inside = con.execute(
        """
        WITH s AS (
            SELECT article_id, start_char FROM stances
            WHERE coalesce(origin, 'model') <> 'analyst'
        ),
        placed AS (
            SELECT s.article_id, s.start_char, b.start_char AS lo, b.end_char AS hi
            FROM s ASOF LEFT JOIN blocks b
              ON s.article_id = b.article_id AND s.start_char >= b.start_char
        )
        SELECT count(*),
               count(*) FILTER (WHERE p.start_char IS NOT NULL AND regexp_matches(
                   CASE WHEN p.hi > p.start_char THEN substr(a.text, p.lo + 1, p.hi - p.lo)
                        ELSE a.text END, ?))
        FROM placed p LEFT JOIN articles a ON a.article_id = p.article_id
        """,
        [scope.sql_pattern],
    ).fetchone()
    return CatalogueFit(scope.label, int(positions), int(inside))
