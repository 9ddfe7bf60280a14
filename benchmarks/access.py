"""Analysts' data access at scale (issue 19): SQL and export on the tables of a 100,000-article
corpus.

Analysing 100,000 articles cold takes hours on 2 cores, so the large tables are BUILT: the
analysed tables of a base corpus (``--tables DIR``, or ``--base N`` synthetic articles analysed
here, as benchmarks/bench.py makes them) are replicated with fresh ids (``ARTICLE~rNNNN``, quote
ids to match) and dates shifted by one day per replica, streamed to disk by
``write_chunks`` both as single files and partitioned by month. Each measured step then runs in
its own Python process (timings and memory peaks separate):

* ``sql count``: ``workbench.sql``'s connection (views, run check) and quotes counted by country
  and month, against the pandas way (``workbench.load`` everything, merge, group);
* ``export matrix``: ``workbench.export(DIR, FILE.xlsx, "matrix")``, and the matrix, cells and
  evidence sheets;
* ``report aggregation``: what the stance matrix report needs, by DuckDB
  (``aggregate.duck.selected`` + ``stance_matrix``) against ``load`` + ``select`` +
  ``stance_matrix``, the reports' way before they read through ``report.source``, and
  ``report.source.report_matrix`` (the same matrix, one topic at a time: the reports' way now);
* ``render``: ``render_reports`` of each of the three reports alone (papermill, HTML export and
  the index page), the peak memory summed over the process and its notebook kernel.

Targets (issue 19): peak memory of render, sql and export at most 1 GB; render at most 3 minutes
per report; a count query at most 5 s.

Usage::

    python benchmarks/access.py --tables DIR [--size 100000] [--workdir DIR] [--out results.json]
    python benchmarks/access.py --base 1000 [--size 100000] ...
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import MemorySampler  # noqa: E402

COUNT = (
    "SELECT q.speaker_country AS country, substr(a.date, 1, 7) AS month, count(*) AS quotes "
    "FROM quotes q JOIN articles a USING (article_id) "
    "WHERE a.date IS NOT NULL GROUP BY ALL ORDER BY month, country"
)


def replica(corpus, k: int):
    """Copy ``k`` of ``corpus``: fresh article and quote ids, dates ``k`` days later."""
    import pandas as pd

    from workbench.schema import TABLES

    def fresh(ids: pd.Series) -> pd.Series:
        return ids + f"~r{k:04d}"

    def fresh_quote(ids: pd.Series) -> pd.Series:
        parts = ids.str.split(":", n=1)
        return parts.str[0] + f"~r{k:04d}:" + parts.str[1]

    out = {}
    for name in TABLES:
        df = getattr(corpus, name).copy()
        df["article_id"] = fresh(df.article_id)
        if "quote_id" in df:
            df["quote_id"] = fresh_quote(df.quote_id)
        out[name] = df
    arts = out["articles"]
    day = pd.to_datetime(arts.date, errors="coerce") + pd.Timedelta(days=k)
    arts["date"] = day.dt.strftime("%Y-%m-%d").astype("string")
    return replace(corpus, **out)


def step_build(p: dict) -> dict:
    import workbench
    from workbench.store.tables import write_chunks

    base = workbench.load(p["tables"])
    n = len(base.articles)
    copies = -(-p["size"] // n)

    def chunks():
        for k in range(copies):
            part = replica(base, k)
            if (k + 1) * n > p["size"]:  # the last copy: only what reaches the size
                keep = set(part.articles.article_id[: p["size"] - k * n])
                part = replace(
                    part,
                    **{
                        t: getattr(part, t)[getattr(part, t).article_id.isin(keep)]
                        for t in ("articles", "entities", "blocks", "quotes", "stances")
                    },
                )
            yield part

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        counts = write_chunks(chunks(), p["out"], partition=p.get("partition"))
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "base_articles": n, "copies": copies, **counts, **mem.result()}


def step_sql_count(p: dict) -> dict:
    import workbench

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        df = workbench.sql(p["data"], COUNT)
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "rows": len(df), "quotes": int(df.quotes.sum()), **mem.result()}


def step_pandas_count(p: dict) -> dict:
    import workbench

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        c = workbench.load(p["data"])
        q = c.quotes.merge(c.articles[["article_id", "date"]], on="article_id")
        q = q[q.date.notna()]
        df = q.groupby([q.speaker_country, q.date.str.slice(0, 7)], dropna=False).size()
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "rows": len(df), "quotes": int(df.sum()), **mem.result()}


def step_export(p: dict) -> dict:
    import workbench

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        [path] = workbench.export(p["data"], p["to"], p["what"])
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "bytes": path.stat().st_size, **mem.result()}


def step_matrix_duck(p: dict) -> dict:
    import workbench
    from workbench.aggregate import duck
    from workbench.store.sql import connect

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        con = connect(p["data"])
        matrix = workbench.stance_matrix(duck.selected(con))
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "cells": int(matrix.notna().sum().sum()), **mem.result()}


def step_matrix_topics(p: dict) -> dict:
    from workbench.report.source import report_matrix

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        matrix = report_matrix(p["data"])
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "cells": int(matrix.notna().sum().sum()), **mem.result()}


def step_matrix_pandas(p: dict) -> dict:
    import workbench
    from workbench.aggregate import views

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        matrix = workbench.stance_matrix(views.select(workbench.load(p["data"])))
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "cells": int(matrix.notna().sum().sum()), **mem.result()}


def step_render(p: dict) -> dict:
    from workbench.report.render import render_reports

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        [html] = render_reports(
            p["data"],
            p["out"],
            notebooks=p.get("notebooks"),
            reports=(p["report"],),
            progress=lambda _: None,
        )
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, "bytes": html.stat().st_size, **mem.result()}


REPORTS = ("stance_matrix", "quote_timeline", "country_dashboard")

STEPS = {
    "build": step_build,
    "sql_count": step_sql_count,
    "pandas_count": step_pandas_count,
    "export": step_export,
    "matrix_duck": step_matrix_duck,
    "matrix_pandas": step_matrix_pandas,
    "matrix_topics": step_matrix_topics,
    "render": step_render,
}


def run_step(name: str, params: dict, log) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--params"]
    log(f"  {name} {json.dumps(params)} ...")
    proc = subprocess.run([*cmd, json.dumps(params)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise RuntimeError(f"step {name} failed (exit {proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"    {result['seconds']:.1f} s, peak {peak(result):.0f} MB")
    return result


def peak(r: dict) -> float:
    return max(r["rss_self_mb"], r.get("tree_mb") or 0)


def analyse_base(n: int, work: Path, log) -> Path:
    """``n`` synthetic articles (benchmarks/bench.py) analysed into ``work/base``."""
    import bench

    from workbench.run.options import RunOptions
    from workbench.run.pipeline import analyse_chunks, read_inputs
    from workbench.store.tables import write_chunks

    folder, out = work / "corpus", work / "base"
    log(f"analysing {n} synthetic articles (cold) into {out} ...")
    bench.write_corpus(bench.synthesise(n), folder)
    articles, problems = read_inputs([folder])
    options = RunOptions(jobs=1, cache=True, cache_dir=str(work / "cache"))
    write_chunks(analyse_chunks(articles, problems, options), out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", help="analysed tables to replicate (workbench analyse --out)")
    parser.add_argument("--base", type=int, help="else analyse this many synthetic articles")
    parser.add_argument("--size", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--workdir", help="build here (kept) instead of a temporary folder")
    parser.add_argument("--out", help="also write the results as JSON to this file")
    parser.add_argument(
        "--compare-notebooks",
        metavar="DIR",
        help="also render the report notebooks of DIR (e.g. an older checkout's notebooks/, which "
        "load every table) and print the ratios",
    )
    parser.add_argument(
        "--only-render", action="store_true", help="tables already built in --workdir: render only"
    )
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(json.dumps(STEPS[args.step](json.loads(args.params))))
        return 0
    if not args.tables and not args.base:
        parser.error("give --tables DIR or --base N")

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-access-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = Path(args.tables) if args.tables else analyse_base(args.base, work, log)
        r: dict = {"size": args.size, "cpus": os.cpu_count()}
        layouts = {"single": work / "single", "month": work / "month"}
        for layout, folder in layouts.items():
            if args.only_render:
                break
            r[f"build_{layout}"] = run_step(
                "build",
                {
                    "tables": str(base),
                    "size": args.size,
                    "out": str(folder),
                    "partition": None if layout == "single" else "month",
                },
                log,
            )
            r[f"sql_count_{layout}"] = run_step("sql_count", {"data": str(folder)}, log)
        data = str(layouts["single"])
        if not args.only_render:
            r["pandas_count"] = run_step("pandas_count", {"data": data}, log)
            for what in ("matrix", "matrix,cells,evidence"):
                to = str(work / f"{what.replace(',', '-')}.xlsx")
                params = {"data": data, "to": to, "what": what}
                r[f"export_{what}"] = run_step("export", params, log)
            r["matrix_duck"] = run_step("matrix_duck", {"data": data}, log)
            r["matrix_pandas"] = run_step("matrix_pandas", {"data": data}, log)
            r["matrix_topics"] = run_step("matrix_topics", {"data": data}, log)
        for name in REPORTS:
            params = {"data": data, "out": str(work / "reports"), "report": name}
            r[f"render_{name}"] = run_step("render", params, log)
            if args.compare_notebooks:
                params = {
                    **params,
                    "out": str(work / "before"),
                    "notebooks": args.compare_notebooks,
                }
                r[f"render_before_{name}"] = run_step("render", params, log)
        if args.only_render:
            report_renders(r)
        else:
            report(r)
        if args.out:
            Path(args.out).write_text(json.dumps(r, indent=1) + "\n")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(r: dict) -> None:
    b = r["build_single"]
    print(
        f"\nTables of {r['size']:,} articles BUILT by replicating the analysed tables of "
        f"{b['base_articles']:,} articles {b['copies']} times (fresh ids, dates shifted one day "
        f"per copy), not analysed: {b['quotes']:,} quotes, {b['stances']:,} stances, "
        f"{b['entities']:,} entities. {r['cpus']} CPUs.\n"
    )
    rows = [
        ("build, single files", r["build_single"], None),
        ("build, by month", r["build_month"], None),
        ("sql count country x month, single files", r["sql_count_single"], 5.0),
        ("sql count country x month, by month", r["sql_count_month"], 5.0),
        ("pandas: load all + count (baseline)", r["pandas_count"], None),
        ("export matrix (xlsx)", r["export_matrix"], None),
        ("export matrix, cells, evidence (xlsx)", r["export_matrix,cells,evidence"], None),
        ("stance matrix, DuckDB selection", r["matrix_duck"], None),
        ("stance matrix, load + select (reports before)", r["matrix_pandas"], None),
        ("stance matrix topic by topic (the reports)", r["matrix_topics"], None),
        *((f"render {name}", r[f"render_{name}"], 180.0) for name in REPORTS),
    ]
    print(f"{'step':<48} {'seconds':>8} {'peak MB':>8}  target")
    for name, res, limit in rows:
        mem = peak(res)
        ok = mem <= 1024 and (limit is None or res["seconds"] <= limit)
        target = "≤1 GB" + (f", ≤{limit:g} s" if limit else "")
        measured = any(w in name for w in ("sql", "export", "render"))
        verdict = ("ok" if ok else "MISSED") if measured else ""
        print(
            f"{name:<48} {res['seconds']:>8.1f} {mem:>8.0f}  {target if measured else ''} {verdict}"
        )
    pc, sc = r["pandas_count"], r["sql_count_single"]
    md, mp, mt = r["matrix_duck"], r["matrix_pandas"], r["matrix_topics"]
    print(
        f"\nratios: sql count / pandas count time {sc['seconds'] / pc['seconds']:.2f}, "
        f"peak memory {peak(sc) / peak(pc):.2f}; matrix by DuckDB / pandas time "
        f"{md['seconds'] / mp['seconds']:.2f}, peak memory {peak(md) / peak(mp):.2f}; "
        f"same count: {sc['quotes'] == pc['quotes']}, same cells: {md['cells'] == mp['cells']}; "
        f"topic by topic / DuckDB selection peak memory {peak(mt) / peak(md):.2f}, same cells: "
        f"{mt['cells'] == md['cells']}"
    )
    report_renders(r)


def report_renders(r: dict) -> None:
    """The render figures against their targets (3 minutes, 1 GB) and, with
    ``--compare-notebooks``, against the other notebooks' renders."""
    for name in REPORTS:
        x = r[f"render_{name}"]
        line = (
            f"render {name}: {x['seconds']:.1f} s, peak {peak(x):.0f} MB; / target: time "
            f"{x['seconds'] / 180:.2f}, memory {peak(x) / 1024:.2f}"
        )
        before = r.get(f"render_before_{name}")
        if before:
            line += (
                f"; / the compared notebooks ({before['seconds']:.1f} s, {peak(before):.0f} MB): "
                f"time {x['seconds'] / before['seconds']:.2f}, memory {peak(x) / peak(before):.2f}"
            )
        print(line)


if __name__ == "__main__":
    sys.exit(main())
