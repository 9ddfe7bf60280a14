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
- one article alone gives it, and only as a mention, not in a quote of theirs: one misread title
  ("Capt. X, who died … in Iraq", "Gov. X of New Jersey" read as Jersey) must not spread;
- the name is a single word ("Haugen" might be anyone; full names only);
- the row does not come from the model (an override decides its own speaker).

In memory, :func:`fill_countries` does it for a Corpus; the streamed run
(:func:`workbench.store.tables.write_chunks`) collects chunk by chunk and fills the quotes table
in a second pass over its row groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from workbench.schema import Corpus

_OWN = {"title", "actors", "sentence", "lead-in", "dateline"}  # the row's own text gave it


@dataclass
class _Seen:
    """Where the corpus gives a person a country: its first two articles, and whether the person
    spoke there with their title (a quote whose own text gave the country)."""

    articles: list[str] = field(default_factory=list)
    spoke: bool = False


class Identities:
    """canonical person name -> {country code: what the corpus shows of it}."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, _Seen]] = {}

    def add(self, corpus: Corpus) -> None:
        """Learn the person countries of one (partial) corpus."""
        ents = corpus.entities
        people = ents[(ents["kind"] == "person") & ents["country_code"].notna()]
        for art, name, code in zip(
            people["article_id"], people["canonical"], people["country_code"], strict=True
        ):
            self._note(name, code, art, spoke=False)
        q = corpus.quotes
        if "country_via" not in q.columns:
            return
        named = set(ents.loc[ents["kind"] == "person", "canonical"].dropna())
        own = q[q["speaker_country"].notna() & q["country_via"].isin(_OWN)]
        for art, name, code in zip(
            own["article_id"], own["speaker"], own["speaker_country"], strict=True
        ):
            if name in named:
                self._note(name, code, art, spoke=True)

    def _note(self, name: str, code: str, article_id: str, spoke: bool) -> None:
        if not isinstance(name, str) or len(name.split()) < 2:
            return
        seen = self.known.setdefault(name, {}).setdefault(code, _Seen())
        if article_id not in seen.articles and len(seen.articles) < 2:
            seen.articles.append(article_id)
        seen.spoke = seen.spoke or spoke

    def sure(self) -> dict[str, tuple[str, str]]:
        """name -> (country, first article) for the names the corpus gives one country, in two
        articles or in a quote of theirs whose own text gave it."""
        out = {}
        for name, codes in self.known.items():
            if len(codes) == 1:
                code, seen = next(iter(codes.items()))
                if seen.spoke or len(seen.articles) > 1:
                    out[name] = (code, seen.articles[0])
        return out

    def fill(self, quotes: pd.DataFrame) -> pd.DataFrame:
        """``quotes`` with the missing countries of known people filled (a copy when changed)."""
        if quotes.empty or "country_via" not in quotes.columns:
            return quotes
        sure = self.sure()
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
