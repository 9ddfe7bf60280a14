"""Report-ready views of the analysed tables: a corpus narrowed to what a report covers, and the
quotes joined to their article, date and stance.

Pure functions over a :class:`~workbench.schema.Corpus`; the figures, widgets and notebooks build
on these, so every filter means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache

import pandas as pd
import pycountry

from workbench.schema import NAMED_SPEAKERS, SCALE, Corpus, point

QUOTE_VIEW_COLUMNS = [
    "article_id",
    "quote_id",
    "date",
    "title",
    "source",
    "speaker",
    "speaker_kind",
    "co_speakers",
    "country",
    "country_name",
    "text",
    "kind",
    "topics",
    "stance",
    "label",
    "order",
    "start_char",
    "end_char",
    "origin",
]
# a quote view read without the quotes' text (aggregate.duck.quote_view_table(text=False)) has their
# number of words in this column instead, which filter_quotes's min_words reads
QUOTE_WORDS = "words"
NON_COUNTRIES = {"EUU": "European Union"}


@cache
def country_name(code: str | None) -> str:
    """A readable name for an ISO alpha-3 code (``EUU`` is the European Union)."""
    if not isinstance(code, str) or not code:
        return "unknown"
    if code in NON_COUNTRIES:
        return NON_COUNTRIES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@cache
def _topic_labels() -> dict[str, str]:
    from workbench.resources.topics import topic_labels as catalogue_labels

    return catalogue_labels()


def topic_label(topic_id: object) -> str:
    """The catalogue's label for a topic id (``troop_deployment`` -> its label); an id the
    shipped catalogue does not know (an analyst's ``--topics`` file) is shown as it is."""
    if not isinstance(topic_id, str) or not topic_id:
        return ""
    return _topic_labels().get(topic_id, topic_id)


def topic_labels(topic_ids: object) -> str:
    """Labels of a comma-separated list of topic ids (the quote view's ``topics``)."""
    if not isinstance(topic_ids, str) or not topic_ids:
        return ""
    return ", ".join(topic_label(t.strip()) for t in topic_ids.split(","))


def country_label(code: str | None) -> str:
    """``France (FRA)``: a country's name with its code, for hover text and exports."""
    name = country_name(code)
    return f"{name} ({code})" if isinstance(code, str) and code and name != code else name


def outlet(source: object, title: object) -> object:
    """What to name an article by in a report: its source, else its title."""
    return source if isinstance(source, str) and source else title


def as_list(value: str | Iterable[str] | None) -> list[str]:
    """A parameter given as None, one string, a comma-separated string or a list, as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def select(
    corpus: Corpus,
    countries: str | Iterable[str] | None = None,
    topics: str | Iterable[str] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Corpus:
    """The part of ``corpus`` a report covers.

    - ``start``/``end`` (ISO dates, inclusive) keep the articles dated in the range; once either is
      given, undated articles are left out.
    - ``countries`` (ISO alpha-3 codes) keep the stances held by those countries and the quotes of
      speakers who speak for them.
    - ``topics`` (topic ids) keep the stances on those topics; quotes are not narrowed by topic here
      (see :func:`quote_view`).
    Empty or None means no filter. Entities and blocks follow the kept articles."""
    arts = corpus.articles
    if start or end:
        dates = arts.date.astype("string")
        keep = dates.notna()
        if start:
            keep &= dates >= str(start)
        if end:
            keep &= dates <= str(end)
        arts = arts[keep.fillna(False).astype(bool)]
    ids = set(arts.article_id)

    def in_articles(df: pd.DataFrame) -> pd.DataFrame:
        return df[df.article_id.isin(ids)]

    stances, quotes = in_articles(corpus.stances), in_articles(corpus.quotes)
    codes, wanted = as_list(countries), as_list(topics)
    if codes:
        stances = stances[stances.country_code.isin(codes)]
        quotes = quotes[quotes.speaker_country.isin(codes)]
    if wanted:
        stances = stances[stances.topic.isin(wanted)]
    return replace(
        corpus,
        articles=arts,
        entities=in_articles(corpus.entities),
        blocks=in_articles(corpus.blocks),
        quotes=quotes,
        stances=stances,
    )


def quote_view(corpus: Corpus, topics: str | Iterable[str] | None = None) -> pd.DataFrame:
    """One row per quote with its article's date, title and source, the speaker's country, and the
    stance the quote carries (the most confident statement made from it; topics lists them all).

    ``order`` is the quote's place in its article (1, 2, …): undated articles are placed by it.
    With ``topics``, only quotes that carry a stance on one of them are kept."""
    arts = corpus.articles[["article_id", "date", "title", "source"]]
    q = corpus.quotes.merge(arts, on="article_id", how="left")
    q = q.rename(columns={"speaker_country": "country"})
    st = corpus.stances[corpus.stances.quote_id.notna()]
    wanted = as_list(topics)
    if wanted:
        st = st[st.topic.isin(wanted)]
        q = q[q.quote_id.isin(set(st.quote_id))]
    best = (
        st.sort_values(["confidence", "topic"], ascending=[False, True])
        .drop_duplicates("quote_id")
        .set_index("quote_id")
    )
    q = q.assign(
        topics=q.quote_id.map(
            st.groupby("quote_id").topic.agg(lambda t: ", ".join(sorted(set(t))))
        ),
        stance=q.quote_id.map(best.stance).astype("Float64"),
        label=q.quote_id.map(best.label),
        country_name=q.country.map(country_name),
        order=q.groupby("article_id").start_char.rank(method="first").astype("Int64"),
    )
    q = q.sort_values(["date", "article_id", "start_char"], na_position="last")
    return q.reindex(columns=QUOTE_VIEW_COLUMNS).reset_index(drop=True)


def history(corpus: Corpus, by: str = "country") -> pd.DataFrame:
    """A position per (country or actor, topic, date): the statements of each dated day aggregated
    like a matrix cell. Columns: key, topic, date, stance, label, n_statements."""
    key = {"country": "country_code", "actor": "actor"}[by]
    st = corpus.stances.merge(corpus.articles[["article_id", "date"]], on="article_id")
    st = st[st[key].notna() & st.date.notna()]
    columns = ["key", "topic", "date", "stance", "label", "n_statements"]
    if st.empty:
        return pd.DataFrame(columns=columns)
    stance = st.stance.astype(float)
    weight = st.confidence.astype(float)
    days = st.assign(_ws=stance * weight, _w=weight, _half=stance == 0.5, _pos=stance > 0)
    days = days.groupby([key, "topic", "date"], sort=True).agg(
        _ws=("_ws", "sum"),
        _w=("_w", "sum"),
        _half=("_half", "any"),
        _pos=("_pos", "all"),
        n_statements=("stance", "size"),
    )
    points = [
        point(ws / w, pos, half)
        for ws, w, half, pos in zip(days._ws, days._w, days._half, days._pos, strict=True)
    ]
    out = days.reset_index().rename(columns={key: "key"})
    out = out.assign(stance=points, label=[SCALE[p] for p in points])
    return out[columns].reset_index(drop=True)


def date_range(corpus: Corpus) -> tuple[str | None, str | None]:
    """The first and last article dates (ISO), or None when no article is dated."""
    dates = corpus.articles.date.dropna()
    if dates.empty:
        return None, None
    return str(dates.min()), str(dates.max())


def filter_quotes(
    view: pd.DataFrame,
    country: str | None = None,
    speaker: str | None = None,
    topic: str | None = None,
    text: str | None = None,
    speaker_kinds: str | Iterable[str] | None = None,
    min_words: int = 0,
) -> pd.DataFrame:
    """Quotes of a :func:`quote_view` narrowed by country code, speaker, topic id, free text
    (case-insensitive, in the quote, speaker or title), speaker kinds (``speaker_kind`` one of
    them; a quote with no speaker has none) and length: ``min_words`` leaves out fragments of
    fewer words ("the plan"); empty values and 0 do not filter. A view without the quotes' text
    (a column ``words`` instead: ``aggregate.duck.quote_view_table(text=False)``) filters by length
    the same way, but not by free text."""
    keep = pd.Series(True, index=view.index)
    lean = QUOTE_WORDS in view.columns
    if min_words > 0:
        words = (
            view[QUOTE_WORDS].fillna(0).astype("int64")
            if lean
            else view.text.fillna("").str.split().str.len()
        )
        keep &= words >= min_words
    kinds = as_list(speaker_kinds)
    if kinds:
        keep &= view.speaker_kind.isin(kinds)
    if country:
        keep &= view.country == country
    if speaker:
        keep &= view.speaker == speaker
    if topic:
        keep &= view.topics.fillna("").str.split(", ").apply(lambda ts: topic in ts)
    if text and text.strip():
        if lean:
            raise ValueError("a quote view without the quotes' text cannot be searched for text")
        needle = text.strip().casefold()
        hay = view.text.fillna("") + " " + view.speaker.fillna("") + " " + view.title.fillna("")
        keep &= hay.str.casefold().str.contains(needle, regex=False)
    return view[keep.fillna(False).astype(bool)]


def named_speakers(view: pd.DataFrame) -> pd.Series:
    """Which quotes of a :func:`quote_view` name someone who can speak for a country: a person,
    a government or an organisation, or a group that is a joint subject (it has ``co_speakers``:
    "the leaders discussed …"). Unnamed phrases ("officials", "sources", "the complaint") do not."""
    kind = view.speaker_kind
    joint = (kind == "group") & view.co_speakers.fillna("").astype(str).str.strip().ne("")
    return (kind.isin(NAMED_SPEAKERS) | joint).fillna(False).astype(bool)
