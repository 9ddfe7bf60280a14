"""Command line: ``workbench analyse PATH... --out DIR``, ``workbench render [PATH...]``,
``workbench evaluate KIND GOLD...`` and ``workbench evaluate polnear PATH``.

Exit status: 0 every input read; 1 some inputs rejected (the rest analysed and written; for
``evaluate polnear``, some articles whose analysis failed);
2 usage error (no such path, nothing to read, bad option, a data file that breaks its schema, no
model, no Dask scheduler; for ``export`` and ``sql``: no tables, a bad filter, a query DuckDB
refuses).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from workbench import __version__
from workbench.aggregate.fit import CatalogueFit, catalogue_fit
from workbench.nlp.model import ModelNotFound
from workbench.read import MAX_CHARS
from workbench.read.inputs import mark_output
from workbench.report.render import CELL_TIMEOUT, RENDER_TIMEOUT, REPORTS
from workbench.resources.datafiles import DataFileError, check_files, read_data
from workbench.resources.topics import Scope, load_topics
from workbench.run.dask import ClusterError
from workbench.run.options import RunOptions
from workbench.run.pipeline import analyse_chunks, read_inputs
from workbench.schema import Corpus, Problem
from workbench.store.tables import write_chunks

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyse", help="read articles and write the analysis tables")
    a.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    a.add_argument("--out", required=True, metavar="DIR", help="folder for the parquet tables")
    _analysis_options(a)
    r = sub.add_parser("render", help="analyse into DIR/data, then write the HTML reports into DIR")
    r.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        default=["seeds/"],
        help="files or folders (default: seeds/)",
    )
    r.add_argument(
        "--out", default="reports", metavar="DIR", help="report folder (default: reports)"
    )
    _parameter_option(r, "notebook parameter, VALUE read as YAML: -p countries '[FRA, DEU]'")
    r.add_argument("--notebooks", metavar="DIR", help="report notebooks (default: notebooks/)")
    r.add_argument(
        "--report",
        action="append",
        choices=REPORTS,
        metavar="NAME",
        help=f"render only this report (repeatable): {', '.join(REPORTS)}",
    )
    r.add_argument(
        "--cell-timeout",
        type=_seconds,
        default=CELL_TIMEOUT,
        metavar="SECONDS",
        help=f"stop when one notebook cell runs longer (default: {CELL_TIMEOUT:g})",
    )
    r.add_argument(
        "--render-timeout",
        type=_seconds,
        default=RENDER_TIMEOUT,
        metavar="SECONDS",
        help=f"stop when the notebooks together run longer (default: {RENDER_TIMEOUT:g})",
    )
    _analysis_options(r)
    e = sub.add_parser("evaluate", help="score the analysis against annotated gold files")
    e.add_argument(
        "target",
        choices=["quotes", "stances", "polnear"],
        help="what to score (polnear: quotes on a local copy of the PolNeAR corpus)",
    )
    e.add_argument(
        "gold",
        nargs="+",
        metavar="GOLD_FILE|PATH",
        help="gold YAML file(s); for polnear, the corpus folder",
    )
    e.add_argument("--model", metavar="NAME", help="installed spaCy pipeline")
    e.add_argument("--no-cache", action="store_true", help="parse everything again")
    e.add_argument("--errors", action="store_true", help="list every miss, extra and wrong speaker")
    e.add_argument(
        "--split",
        metavar="NAME",
        help="polnear: the corpus split (default: train; dev and test are held out for acceptance)",
    )
    e.add_argument(
        "--folds",
        type=_at_least_two,
        metavar="K",
        help="polnear: also score K folds out of fold (fit on K-1, score the held-out one)",
    )
    x = sub.add_parser(
        "export", help="write the tables, filtered like the reports, to Excel or CSV"
    )
    x.add_argument("data_dir", metavar="DATA_DIR", help="the tables (workbench analyse --out DIR)")
    x.add_argument(
        "--to", required=True, metavar="FILE.xlsx|DIR/", help="an Excel workbook or a CSV folder"
    )
    x.add_argument(
        "--what",
        metavar="TABLES",
        help="comma-separated: matrix,cells,evidence,quotes,stances,articles (default: all)",
    )
    x.add_argument("--bom", action="store_true", help="CSV: start each file with a UTF-8 BOM")
    x.add_argument("--topics", metavar="FILE", help="topic catalogue for the labels")
    _parameter_option(
        x, "a report filter (countries, topics, start, end, voices, overrides, half_life)"
    )
    q = sub.add_parser("sql", help="query the tables with SQL (DuckDB): print or write the rows")
    q.add_argument("data_dir", metavar="DATA_DIR", help="the tables (workbench analyse --out DIR)")
    q.add_argument(
        "query", metavar="QUERY", help="views: articles, entities, quotes, stances, blocks"
    )
    q.add_argument("--out", metavar="FILE.csv|FILE.parquet", help="write the rows to a file")
    q.add_argument(
        "--max-rows",
        type=_positive,
        default=40,
        metavar="N",
        help="rows printed at most (default: 40; --out writes all)",
    )
    t = sub.add_parser(
        "train", help="train a learned model on stance gold files and write its weights"
    )
    t.add_argument("what", choices=["topics"], help="topics: the learned topic classifier")
    t.add_argument("gold", nargs="+", metavar="GOLD_FILE", help="stance gold YAML file(s)")
    t.add_argument(
        "--out",
        required=True,
        metavar="FILE.yml",
        help="the description to write (the weights go beside it, as FILE.npz)",
    )
    return parser


def _parameter_option(parser: argparse.ArgumentParser, help: str) -> None:
    """``-p NAME VALUE``, repeatable: report parameters (render) or report filters (export)."""
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help=help,
    )


def _analysis_options(a: argparse.ArgumentParser) -> None:
    a.add_argument(
        "--model", metavar="NAME", help="installed spaCy pipeline (or $WORKBENCH_SPACY_MODEL)"
    )
    a.add_argument("--jobs", type=_positive, default=1, metavar="N", help="worker processes")
    a.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="parse on a Dask cluster: 'local' (two worker processes on this machine) or a "
        "scheduler address such as tcp://HOST:8786",
    )
    a.add_argument("--no-cache", action="store_true", help="parse everything again")
    a.add_argument(
        "--max-chars",
        type=_positive,
        default=MAX_CHARS,
        metavar="N",
        help=f"reject articles longer than N characters (default: {MAX_CHARS:,})",
    )
    a.add_argument("--cache-dir", metavar="DIR", help="cache folder (or $WORKBENCH_CACHE_DIR)")
    a.add_argument("--actors", metavar="FILE", help="actors gazetteer replacing the shipped one")
    a.add_argument("--topics", metavar="FILE", help="topic catalogue replacing the shipped one")
    a.add_argument(
        "--overrides", metavar="FILE", help="analyst overrides (aliases, speakers, cells)"
    )
    a.add_argument(
        "--partition",
        choices=["month"],
        help="write each table as a folder of parquet files, one per month of the article dates",
    )


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return n


def _at_least_two(value: str) -> int:
    n = _positive(value)
    if n < 2:
        raise argparse.ArgumentTypeError(f"expected at least 2 folds, got {value!r}")
    return n


def _seconds(value: str) -> float:
    try:
        n = float(value)
    except ValueError:
        n = 0.0
    if not n > 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, got {value!r}")
    return n


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "dask", None) is not None and args.jobs != 1:
        parser.error("--jobs and --dask cannot be combined: the Dask workers set the parallelism")
    if args.command == "evaluate" and args.target != "polnear" and (args.split or args.folds):
        parser.error("--split and --folds are options of 'evaluate polnear'")
    if args.command == "evaluate" and args.target == "polnear" and len(args.gold) != 1:
        parser.error("evaluate polnear takes one PATH: the corpus folder")
    commands = {
        "analyse": _analyse,
        "render": _render,
        "evaluate": _evaluate,
        "export": _export,
        "sql": _sql,
        "train": _train,
    }
    return commands[args.command](args)


def _say(problem: Problem) -> None:
    print(problem, file=sys.stderr)


def run_options(args: argparse.Namespace) -> RunOptions:
    """The run's options from the arguments of ``analyse`` or ``render``."""
    return RunOptions(
        model=args.model,
        jobs=args.jobs,
        cache=not args.no_cache,
        cache_dir=args.cache_dir,
        actors=args.actors,
        topics=args.topics,
        overrides=args.overrides,
        dask=args.dask,
        max_chars=args.max_chars,
    )


def _analyse(args: argparse.Namespace, skip: Sequence[Path] = ()) -> int:
    """Read, analyse and stream the tables to disk chunk by chunk (memory flat in corpus size).
    The output folder, and the folders in ``skip``, are never read as input."""
    options = run_options(args)
    try:  # every data file against its schema, before anything is read or written
        check_files(actors=options.actors, topics=options.topics, overrides=options.overrides)
    except DataFileError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        articles, problems = read_inputs(
            args.paths, max_chars=options.max_chars, skip=[args.out, *skip]
        )
    except FileNotFoundError as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not articles and not problems:
        print(
            "workbench: error: nothing to read (no .txt, .md, .html or .jsonl files)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    fit = _FitTally(load_topics(options.topics).scope)
    chunks = fit.count(analyse_chunks(articles, problems, options, on_problem=_say))
    try:
        counts = write_chunks(chunks, args.out, partition=args.partition)
    except (FileNotFoundError, ModelNotFound, ValueError, ClusterError) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(
            f"workbench: error: cannot write to {args.out}: {exc.strerror or exc}", file=sys.stderr
        )
        return EXIT_USAGE
    rejected = counts["errors"]
    print(
        f"workbench: {counts['articles']} articles, {counts['entities']} entities, "
        f"{counts['quotes']} quotes, {counts['stances']} stances"
        f"{f', {rejected} inputs rejected' if rejected else ''} -> {args.out}",
        file=sys.stderr,
    )
    if fit.warning():
        print(f"workbench: warning: {fit.warning()}", file=sys.stderr)
    return EXIT_REJECTED if rejected else EXIT_OK


class _FitTally:
    """The catalogue fit (aggregate/fit.py) of a corpus analysed chunk by chunk, with the
    catalogue in effect (``--topics`` included)."""

    def __init__(self, scope: Scope | None):
        self.scope, self.positions, self.in_scope = scope, 0, 0

    def count(self, chunks: Iterator[Corpus]) -> Iterator[Corpus]:
        for chunk in chunks:
            fit = catalogue_fit(chunk, self.scope) if self.scope is not None else None
            if fit is not None:
                self.positions += fit.positions
                self.in_scope += fit.in_scope
            yield chunk

    def warning(self) -> str | None:
        if self.scope is None:
            return None
        return CatalogueFit(self.scope.label, self.positions, self.in_scope).warning()


def _render(args: argparse.Namespace) -> int:
    from workbench.report.params import ParameterError, check_parameters
    from workbench.report.render import RenderError, render_reports

    reports = tuple(args.report or REPORTS)
    try:  # before the analysis: a bad -p fails in a second, not after minutes of parsing
        params = check_parameters(dict(args.parameter), reports, args.notebooks)
    except (ParameterError, RenderError) as exc:
        for problem in getattr(exc, "problems", [str(exc)]):
            print(f"workbench: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    args.out = str(out / "data")
    if params.get("overrides") and isinstance(params["overrides"], str):
        try:  # `-p overrides FILE`: for the notebooks only, checked before anything runs
            read_data(params["overrides"], "overrides")
        except DataFileError as exc:
            print(f"workbench: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    status = _analyse(args, skip=[out])
    if status == EXIT_USAGE:
        return status
    written = [f"{name}.{ext}" for name in reports for ext in ("ipynb", "html")]
    mark_output(out, ["data", "index.html", *written])
    if args.overrides and "overrides" not in params:
        params["overrides"] = str(Path(args.overrides).resolve())
    try:
        render_reports(
            out / "data",
            out,
            params,
            args.notebooks,
            reports,
            cell_timeout=args.cell_timeout,
            render_timeout=args.render_timeout,
        )
    except (RenderError, ParameterError) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return status


def _evaluate(args: argparse.Namespace) -> int:
    from workbench.evaluate.quotes import evaluate_quotes
    from workbench.evaluate.stances import evaluate_stances
    from workbench.run.cache import default_cache_dir

    if args.target == "polnear":
        return _evaluate_polnear(args)
    run = evaluate_quotes if args.target == "quotes" else evaluate_stances
    try:
        result = run(
            args.gold, model=args.model, cache_dir=None if args.no_cache else default_cache_dir()
        )
    except (OSError, ValueError, ModelNotFound, KeyError) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.errors:
        print("\n".join(result.errors))
    print(result.summary())
    return EXIT_OK


def _evaluate_polnear(args: argparse.Namespace) -> int:
    from workbench.evaluate.polnear_run import evaluate_polnear

    options = RunOptions(model=args.model, cache=not args.no_cache)
    try:
        score = evaluate_polnear(
            args.gold[0],
            split=args.split or "train",
            folds=args.folds,
            errors=args.errors,
            options=options,
        )
    except (OSError, ValueError, ModelNotFound) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_REJECTED if score.failed else EXIT_OK


def _train(args: argparse.Namespace) -> int:
    from workbench.evaluate.train_topics import train

    missing = [g for g in args.gold if not Path(g).is_file()]
    if missing:
        print(f"{missing[0]}: no such gold file", file=sys.stderr)
        return 2
    try:
        out = train(args.gold, args.out)
    except (OSError, ValueError) as exc:
        print(f"{args.out}: cannot train: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} and {out.with_suffix('.npz').name}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from workbench.access.export import export
    from workbench.report.params import ParameterError
    from workbench.store.publish import MixedTables

    try:
        written = export(
            args.data_dir,
            args.to,
            args.what,
            bom=args.bom,
            catalogue=args.topics,
            **dict(args.parameter),
        )
    except ParameterError as exc:
        for problem in exc.problems:
            print(f"workbench: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    except (FileNotFoundError, MixedTables, DataFileError, ValueError) as exc:
        first = next(iter(str(exc).splitlines()), type(exc).__name__)  # pyarrow's run on
        print(f"workbench: error: {first}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"workbench: error: cannot write {args.to}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"workbench: wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_OK


def _sql(args: argparse.Namespace) -> int:
    from workbench.store.publish import MixedTables
    from workbench.store.sql import QueryError, connect, relation, write_result

    try:
        con = connect(args.data_dir)
    except (FileNotFoundError, MixedTables, ValueError) as exc:  # ValueError: pyarrow's
        first = next(iter(str(exc).splitlines()), type(exc).__name__)
        print(f"workbench: error: {first}", file=sys.stderr)
        return EXIT_USAGE
    try:
        rel = relation(con, args.query)
        if args.out:
            if rel is None:
                raise QueryError("the query returns no rows to write")
            print(f"workbench: wrote {write_result(rel, args.out)}", file=sys.stderr)
        elif rel is not None:
            _show(rel, args.max_rows)
    except (QueryError, ValueError) as exc:
        print(f"workbench: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"workbench: error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        con.close()
    return EXIT_OK


def _show(rel, max_rows: int) -> None:
    """Print the rows as DuckDB draws a table, at most ``max_rows`` of them."""
    import duckdb

    from workbench.store.sql import QueryError, one_line

    try:
        rel.show(max_rows=max_rows, max_width=10_000)
    except duckdb.Error as exc:
        raise QueryError(one_line(exc)) from None
