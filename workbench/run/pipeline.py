"""The run: files -> articles -> (cache | spaCy + linking in N processes or on Dask) -> Corpus."""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

import pandas as pd
from tqdm import tqdm

from workbench.aggregate.overrides import (
    actor_entries,
    apply_overrides,
    load_overrides,
    unmatched_warnings,
)
from workbench.nlp.model import load_model, parse, resolve_model
from workbench.read import MAX_CHARS, read_file
from workbench.read.inputs import assign_ids, find_inputs
from workbench.run.cache import Cache, article_key
from workbench.run.dask import check_address, run_on_dask
from workbench.run.options import DEFAULTS, RunOptions
from workbench.run.stages import analyse_doc, load_lexicons, model_version
from workbench.schema import (
    ARTICLE_COLUMNS,
    BLOCK_COLUMNS,
    ENTITY_COLUMNS,
    QUOTE_COLUMNS,
    REJECTED_COLUMNS,
    STANCE_COLUMNS,
    TABLES,
    Article,
    Corpus,
    Problem,
    frame,
)
from workbench.store.identity import fill_countries
from workbench.store.tables import article_rows, block_rows, problem_rows

PROGRESS_MIN = 5  # show a progress bar above this many articles to parse
_WORKER: dict = {}


def read_inputs(
    paths: Iterable[str | os.PathLike],
    *,
    max_chars: int = MAX_CHARS,
    skip: Iterable[str | os.PathLike] = (),
) -> tuple[list[Article], list[Problem]]:
    """Find and read every input; ids assigned. Raises FileNotFoundError for a missing path.
    Articles over ``max_chars`` characters are rejected; the folders in ``skip`` (the run's
    output) and whatever the workbench wrote are never read
    (:func:`workbench.read.inputs.find_inputs`)."""
    files, problems = find_inputs(paths, skip)
    articles: list[Article] = []
    for path in files:
        found, trouble = read_file(path, max_chars)
        articles += found
        problems += trouble
    assign_ids(articles)
    return articles, problems


CHUNK = 256  # articles per chunk: results are turned into tables chunk by chunk


def analyse(
    paths: Iterable[str | os.PathLike],
    options: RunOptions | None = None,
    *,
    on_problem: Callable[[Problem], None] | None = None,
    **settings: Any,
) -> Corpus:
    """Read and analyse ``paths`` (files and folders) into a :class:`Corpus` of DataFrames.

    The run's options are a :class:`~workbench.run.options.RunOptions`, or its fields as keywords
    (``model``, ``jobs``, ``cache``, ``cache_dir``, ``actors``, ``topics``, ``overrides``, ``dask``,
    ``max_chars``; given both, the keywords replace those fields): ``analyse(["seeds/"], jobs=1,
    cache=True)``. ``dask="local"`` (a two-worker LocalCluster for the run) or a scheduler address
    (``"tcp://host:8786"``) parses on a Dask cluster instead of ``jobs`` processes; see
    :mod:`workbench.run.dask`. Bad inputs never raise: they are listed in ``Corpus.rejected`` (and
    passed to ``on_problem``). For corpora too big to hold in memory, ``workbench analyse --out``
    streams the same tables to disk (:func:`analyse_chunks` and
    :func:`workbench.store.tables.write_chunks`).
    An article longer than ``max_chars`` characters is rejected, unparsed.
    """
    options = replace(options or DEFAULTS, **settings)
    articles, problems = read_inputs(paths, max_chars=options.max_chars)
    corpus = concat(list(analyse_chunks(articles, problems, options, on_problem=on_problem)))
    return fill_countries(corpus)  # one identity per person across the corpus (store/identity.py)


def analyse_chunks(
    articles: list[Article],
    problems: list[Problem],
    options: RunOptions = DEFAULTS,
    *,
    on_problem: Callable[[Problem], None] | None = None,
    chunk: int = CHUNK,
) -> Iterator[Corpus]:
    """The analysis of ``articles`` as a stream of partial corpora, ``chunk`` articles each, in
    order: memory stays flat in corpus size. ``problems`` (from reading) come in the first
    chunk's ``rejected``; warnings about overrides that matched nothing in a last chunk holding
    only ``rejected``. Concatenated (:func:`concat`), the chunks are the whole Corpus."""
    if options.dask is not None:
        check_address(options.dask)  # a typo fails now, even when every article is cached
        if options.jobs != 1:
            raise ValueError(
                "jobs and dask cannot be combined: the Dask workers set the parallelism"
            )
    overrides = options.overrides
    ov = load_overrides(overrides) if overrides is not None else None
    for p in problems:
        if on_problem:
            on_problem(p)
    extra = actor_entries(ov) if ov else None
    results = iter_results(articles, options, extra_actors=extra)
    matched: set[str] = set()
    pending = list(problems)
    for start in range(0, max(len(articles), 1), chunk):
        part = articles[start : start + chunk]
        corpus = _tables(list(zip(part, (next(results) for _ in part), strict=True)), pending)
        pending = []
        if ov is not None:
            matched |= apply_overrides(corpus, ov)
        yield corpus
    if ov is not None:
        late = [
            Problem(str(overrides), w.split(": ", 1)[-1], level="warning")
            for w in unmatched_warnings(ov, matched)
        ]
        for problem in late:
            if on_problem:
                on_problem(problem)
        if late:
            yield _tables([], rejected=late)


def _tables(pairs: list[tuple[Article, dict]], rejected: list[Problem] = ()) -> Corpus:
    """The tables of analysed articles (article, results) as a Corpus."""
    entities = [{"article_id": a.article_id, **rec} for a, res in pairs for rec in res["entities"]]
    quotes = [
        {"article_id": a.article_id, "quote_id": quote_id(a.article_id, q), **q, "origin": "model"}
        for a, res in pairs
        for q in res["quotes"]
    ]
    stances = [
        {
            "article_id": a.article_id,
            **s,
            "quote_id": quote_id(
                a.article_id, {"start_char": s["quote_start"], "end_char": s["quote_end"]}
            )
            if s.get("quote_start") is not None
            else None,
        }
        for a, res in pairs
        for s in res["stances"]
    ]
    articles = [a for a, _ in pairs]
    return Corpus(
        articles=frame(article_rows(articles), ARTICLE_COLUMNS),
        entities=frame(entities, ENTITY_COLUMNS),
        quotes=frame(quotes, QUOTE_COLUMNS),
        stances=frame(stances, STANCE_COLUMNS),
        blocks=frame([row for a in articles for row in block_rows(a)], BLOCK_COLUMNS),
        rejected=frame(problem_rows(list(rejected)), REJECTED_COLUMNS),
    )


def concat(chunks: list[Corpus]) -> Corpus:
    """One Corpus from the partial corpora of :func:`analyse_chunks`."""
    if not chunks:
        return Corpus()
    return Corpus(
        **{
            n: pd.concat([getattr(c, n) for c in chunks], ignore_index=True)
            for n in [*TABLES, "rejected"]
        }
    )


def iter_results(
    articles: list[Article],
    options: RunOptions = DEFAULTS,
    *,
    extra_actors: list[dict] | None = None,
    chunk: int = CHUNK,
) -> Iterator[dict]:
    """Results for each article, in order: from the cache when nothing changed, else parsed
    (on the Dask cluster ``options.dask`` when given; the cache stays here, on the client). Cached
    results are read, and new ones stored, ``chunk`` at a time."""
    name = resolve_model(options.model)
    files = (options.actors, options.topics, extra_actors)
    lexicons = load_lexicons(*files)
    context = "|".join([f"{name}={model_version(name)}", *(x.fingerprint for x in lexicons)])
    keys = [article_key(a.text, a.blocks, f"{context}|{article_meta(a)}") for a in articles]
    store = Cache(options.cache_path())
    try:
        cached = store.contains(keys)
        todo, queued = [], set()  # each uncached text is parsed once, even if it repeats
        for i, k in enumerate(keys):
            if k not in cached and k not in queued:
                todo.append(i)
                queued.add(k)
        parsed = _run(articles, todo, name, lexicons, files, options.jobs, options.dask)
        repeats = {k for k, n in Counter(keys).items() if n > 1}
        again: dict[str, dict] = {}  # fresh results of texts that occur again later
        for start in range(0, len(keys), chunk):
            part = keys[start : start + chunk]
            done = store.get_many([k for k in part if k in cached])
            lost = {k: start + j for j, k in enumerate(part) if k in cached and k not in done}
            if lost:  # the cache failed after it was opened: parse what it did not give back
                redo = _run(articles, list(lost.values()), name, lexicons, (), jobs=1)
                done.update(zip(lost, redo, strict=True))
            fresh, results = {}, []
            for k in part:
                result = done.get(k) or again.get(k)
                if result is None:
                    result = fresh[k] = next(parsed)
                    if k in repeats:
                        again[k] = result
                results.append(result)
            store.put_many(fresh)  # stored before they are handed on: a consumer may stop early
            yield from results
    finally:
        store.close()


def _run(articles, todo, name, lexicons, files, jobs, dask=None) -> Iterator[dict]:
    items = [(articles[i].text, articles[i].blocks, article_meta(articles[i])) for i in todo]
    bar = tqdm(
        total=len(items),
        desc="analysing",
        unit="article",
        file=sys.stderr,
        disable=True if len(items) <= PROGRESS_MIN else None,
        leave=False,
    )
    try:
        if not items:
            return
        if dask is not None:
            yield from run_on_dask(dask, items, name, lexicons, progress=bar.update)
            return
        if jobs <= 1 or len(items) < 2:
            nlp = load_model(name)
            for doc, item in zip(parse(nlp, items), items, strict=True):
                bar.update()
                yield analyse_doc(doc, item[1], *lexicons)
            return
        size = max(1, min(32, len(items) // (jobs * 4) or 1))
        chunks = [items[i : i + size] for i in range(0, len(items), size)]
        ctx = mp.get_context(
            "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        )
        with ctx.Pool(jobs, initializer=_init_worker, initargs=(name, files)) as pool:
            for batch in pool.imap(_work, chunks):
                bar.update(len(batch))
                yield from batch
    finally:
        bar.close()


def _init_worker(name: str, files: tuple) -> None:
    _WORKER["nlp"] = load_model(name)
    _WORKER["lexicons"] = load_lexicons(*files)


def _work(items: list[tuple]) -> list[dict]:
    nlp, lexicons = _WORKER["nlp"], _WORKER["lexicons"]
    docs = parse(nlp, items)
    return [analyse_doc(doc, it[1], *lexicons) for doc, it in zip(docs, items, strict=True)]


def article_meta(article: Article) -> dict:
    """What the analysis reads of an article besides its text and blocks (official documents:
    quotes/official.py): its front-matter title and source."""
    return {"title": article.title, "source": article.source}


def quote_id(article_id: str, quote: dict) -> str:
    """Stable across runs: ``{article_id}:{start_char}-{end_char}``."""
    return f"{article_id}:{quote['start_char']}-{quote['end_char']}"
