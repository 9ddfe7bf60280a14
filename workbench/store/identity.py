"""One identity per person across the corpus: a speaker's country known in one article fills it in
another that names them without a title.

Each article is analysed alone, so "Marit Haugen said" in an article that never gives her title has
no country, while another article calls her "Norway's prime minister". After the articles are
analysed, :class:`Identities` collects what the corpus knows of each person's country, by canonical
name: the person entities that have one, and the quotes whose country their own text gave
(``country_via`` title, actors, sentence, lead-in or dateline). A quote of a person speaker with no
country then takes the one country the corpus knows for that name, with ``country_via``
``"corpus: <article_id>"`` (the first article that gives it). Nothing is filled when:

- the corpus knows two countries for the name (a wrong country is worse than none);
- the name is a single word ("Haugen" might be anyone; full names only);
- the row does not come from the model (an override decides its own speaker).

In memory, :func:`fill_countries` does it for a Corpus; the streamed run
(:func:`workbench.store.tables.write_chunks`) collects chunk by chunk and fills the quotes table
in a second pass over its row groups.
"""

from __future__ import annotations

import pandas as pd

from workbench.schema import Corpus

_OWN = {"title", "actors", "sentence", "lead-in", "dateline"}  # the row's own text gave it


class Identities:
    """canonical person name -> {country code: the first article that gives it}."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, str]] = {}

    def add(self, corpus: Corpus) -> None:
        """Learn the person countries of one (partial) corpus."""
        ents = corpus.entities
        people = ents[(ents["kind"] == "person") & ents["country_code"].notna()]
        for art, name, code in zip(
            people["article_id"], people["canonical"], people["country_code"], strict=True
        ):
            self._note(name, code, art)
        q = corpus.quotes
        if "country_via" not in q.columns:
            return
        named = set(ents.loc[ents["kind"] == "person", "canonical"].dropna())
        own = q[q["speaker_country"].notna() & q["country_via"].isin(_OWN)]
        for art, name, code in zip(
            own["article_id"], own["speaker"], own["speaker_country"], strict=True
        ):
            if name in named:
                self._note(name, code, art)

    def _note(self, name: str, code: str, article_id: str) -> None:
        if isinstance(name, str) and len(name.split()) > 1:
            self.known.setdefault(name, {}).setdefault(code, article_id)

    def fill(self, quotes: pd.DataFrame) -> pd.DataFrame:
        """``quotes`` with the missing countries of known people filled (a copy when changed)."""
        if quotes.empty or "country_via" not in quotes.columns:
            return quotes
        sure = {n: next(iter(c.items())) for n, c in self.known.items() if len(c) == 1}
        origin = quotes["origin"] if "origin" in quotes.columns else "model"
        todo = quotes["speaker_country"].isna() & quotes["speaker"].isin(sure.keys())
        todo &= pd.Series(origin == "model", index=quotes.index).fillna(False).astype(bool)
        if not todo.any():
            return quotes
        out = quotes.copy()
        found = out.loc[todo, "speaker"].map(sure)
        out.loc[todo, "speaker_country"] = [code for code, _ in found]
        out.loc[todo, "country_via"] = [f"corpus: {art}" for _, art in found]
        return out


def fill_countries(corpus: Corpus) -> Corpus:
    """``corpus`` with its quotes' missing person countries filled from the rest of the corpus."""
    ids = Identities()
    ids.add(corpus)
    corpus.quotes = ids.fill(corpus.quotes)
    return corpus
