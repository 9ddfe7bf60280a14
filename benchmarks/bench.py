"""Speed and scale-out benchmark for workbench (issue "Speed and scale-out").

One run builds corpora of distinct synthetic articles (default 100, 1,000 and 10,000 of about 300
words each) from the shipped fixture articles, then measures, each step in its own subprocess so
that timings and memory peaks are separate:

* spaCy alone (``workbench.nlp.model.parse``: ``make_doc`` + ``nlp.pipe``, same model, same
  components, same batch size, one process) against ``workbench.analyse(..., jobs=1, cache=False)``;
* ``analyse`` with ``jobs=1`` against ``jobs=2``, next to ``nlp.pipe(n_process=1)`` against
  ``nlp.pipe(n_process=2)``;
* a cold run (fresh cache directory) against a cached re-run, at every size;
* peak memory (RSS) of the cold runs;
* ``workbench.report.render.render_reports`` on the tables of the largest size.

Usage::

    python benchmarks/bench.py [--sizes 100,1000,10000] [--out results.json] [--jobs 2]

See benchmarks/README.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "fixtures", ROOT / "seeds"]
SKIP_DIRS = {"bad"}  # binary, empty and mis-encoded files: not articles
TARGET_WORDS = 300
SOURCES_NAMES = [
    "Northern Ledger",
    "Baltic Courier",
    "Continental Wire",
    "The Meridian Post",
    "Harbour Gazette",
    "Eastern Dispatch",
    "Capital Observer",
    "Atlantic Review",
]

# Countries swapped between articles: (name, demonym, capital). Russia, Ukraine, the United States
# and the United Kingdom stay, so every article keeps the beat's main actors.
COUNTRIES = [
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Italy", "Italian", "Rome"),
    ("Spain", "Spanish", "Madrid"),
    ("Poland", "Polish", "Warsaw"),
    ("Sweden", "Swedish", "Stockholm"),
    ("Finland", "Finnish", "Helsinki"),
    ("Norway", "Norwegian", "Oslo"),
    ("Denmark", "Danish", "Copenhagen"),
    ("Estonia", "Estonian", "Tallinn"),
    ("Latvia", "Latvian", "Riga"),
    ("Lithuania", "Lithuanian", "Vilnius"),
    ("Romania", "Romanian", "Bucharest"),
    ("Portugal", "Portuguese", "Lisbon"),
    ("Greece", "Greek", "Athens"),
    ("Austria", "Austrian", "Vienna"),
    ("Hungary", "Hungarian", "Budapest"),
    ("Slovakia", "Slovak", "Bratislava"),
    ("Bulgaria", "Bulgarian", "Sofia"),
    ("Croatia", "Croatian", "Zagreb"),
    ("Ireland", "Irish", "Dublin"),
    ("Canada", "Canadian", "Ottawa"),
]
# Fictional surnames are built from these syllables (thousands of combinations).
SYLLABLES = [
    "Al",
    "Bar",
    "Cor",
    "Dan",
    "El",
    "Fen",
    "Gal",
    "Hal",
    "Ir",
    "Jor",
    "Kel",
    "Lam",
    "Mor",
    "Nor",
    "Os",
    "Pel",
    "Quin",
    "Ros",
    "Sal",
    "Tor",
    "Ul",
    "Val",
    "Wen",
    "Zor",
]
MIDDLES = ["a", "e", "i", "o", "u", "an", "en", "ar", "or", "il", "ov", "ed"]
ENDINGS = [
    "berg",
    "dal",
    "enko",
    "escu",
    "ford",
    "holm",
    "ini",
    "ley",
    "mann",
    "ner",
    "ova",
    "sen",
    "ski",
    "ton",
    "vic",
    "wood",
    "aro",
    "ez",
    "ist",
    "ung",
]

TARGETS = {
    "overhead": 1.2,  # analyse(jobs=1) / spaCy alone: at most
    "scaleout": 0.90,  # workbench speed-up / spaCy speed-up: at least
    "cache": 20.0,  # cold / cached: at least
    "memory_mb": 1024.0,  # peak RSS at the largest size: at most
    "render_s": 60.0,  # render the largest size: at most
}


# --------------------------------------------------------------------------------------------
# Corpus synthesis
# --------------------------------------------------------------------------------------------


def source_files() -> list[Path]:
    files = []
    for base in SOURCES:
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".txt", ".md") or path.name.startswith("README"):
                continue
            if SKIP_DIRS & set(path.relative_to(base).parts):
                continue
            files.append(path)
    return files


def source_units() -> tuple[list[str], list[str]]:
    """Paragraph units and titles from the fixture articles. A unit is a paragraph with the block
    quotes, list items and attribution line after it, cut from the article text with its markers,
    so the structure parser finds the same structure again."""
    from workbench.read import read_file

    units: list[str] = []
    titles: list[str] = []
    for path in source_files():
        articles, _ = read_file(path)
        for art in articles:
            if art.title:
                titles.append(art.title.strip())
            groups: list[list] = []
            for block in art.blocks:
                if block.kind in ("title", "heading"):
                    continue
                if block.kind in ("blockquote", "attribution", "list_item") and groups:
                    groups[-1].append(block)
                else:
                    groups.append([block])
            for group in groups:
                start = art.text.rfind("\n", 0, group[0].start) + 1
                text = art.text[start : group[-1].end].strip()
                if len(text.split()) >= 12:
                    units.append(text)
    return units, titles


def person_surnames(units: list[str]) -> list[str]:
    """Surnames of the people the fixtures name (spaCy NER, multi-word PERSON mentions)."""
    from workbench.nlp.model import load_model

    nlp = load_model()
    found: set[str] = set()
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        for doc in nlp.pipe(units, batch_size=64):
            for ent in doc.ents:
                words = ent.text.split()
                if ent.label_ == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
                    last = words[-1].removesuffix("’s").removesuffix("'s")
                    if last.isalpha() and len(last) > 2:
                        found.add(last)
    countries = {w for entry in COUNTRIES for w in entry}
    return sorted(found - countries - {"Trump", "Putin"})


def fictional_surname(rng: random.Random) -> str:
    return rng.choice(SYLLABLES) + rng.choice(MIDDLES) + rng.choice(ENDINGS)


def _swap_pattern(words: list[str]) -> re.Pattern:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternation})(?![\w-])")


def synthesise(n: int, seed: int = 0) -> list[dict]:
    """``n`` distinct articles (dicts: id, title, date, source, body) of about 300 words."""
    rng = random.Random(seed)
    units, titles = source_units()
    surnames = person_surnames(units)
    country_words = [w for entry in COUNTRIES for w in entry]
    swap = _swap_pattern(country_words + surnames)
    kind_of = {w: (i, k) for i, entry in enumerate(COUNTRIES) for k, w in enumerate(entry)}
    surname_set = set(surnames)
    start = dt.date(2025, 9, 1)
    seen: set[str] = set()
    out: list[dict] = []
    while len(out) < n:
        perm = list(range(len(COUNTRIES)))
        rng.shuffle(perm)
        people: dict[str, str] = {}

        def repl(m: re.Match, perm=perm, people=people) -> str:
            word = m.group(1)
            if word in surname_set:
                if word not in people:
                    people[word] = fictional_surname(rng)
                return people[word]
            i, k = kind_of[word]
            return COUNTRIES[perm[i]][k]

        chosen: list[str] = []
        words = 0
        while words < TARGET_WORDS - 30:
            unit = rng.choice(units)
            if unit in chosen:
                continue
            chosen.append(unit)
            words += len(unit.split())
        title = swap.sub(repl, rng.choice(titles))
        body = title + "\n\n" + "\n\n".join(swap.sub(repl, u) for u in chosen) + "\n"
        digest = hashlib.sha256(body.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        date = start + dt.timedelta(days=rng.randrange(0, 270))
        out.append(
            {
                "id": f"bench-{len(out):05d}",
                "title": title,
                "date": date.isoformat(),
                "source": rng.choice(SOURCES_NAMES),
                "body": body,
            }
        )
    return out


def write_corpus(articles: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for art in articles:
        front = {k: art[k] for k in ("title", "date", "source")}
        lines = ["---", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items())]
        text = "\n".join([*lines, "---", art["body"]])
        (folder / f"{art['id']}.txt").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Measured steps (each runs in a child process: `bench.py --step NAME --params JSON`)
# --------------------------------------------------------------------------------------------


class MemorySampler:
    """Peak memory of a measured step.

    ``ru_maxrss`` gives the peak RSS of this process (and of the largest waited-for child). With
    psutil, a thread also samples every 0.2 s the sum over this process and all its descendants
    (worker pools, the forkserver, notebook kernels) of their PSS, which counts shared pages once
    (RSS where PSS is not available)."""

    def __init__(self) -> None:
        self.tree_peak = 0
        self._stop = threading.Event()
        try:
            import psutil

            self._proc = psutil.Process()
        except ImportError:
            self._proc = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _size(proc) -> int:
        try:
            return proc.memory_full_info().pss
        except (AttributeError, OSError):
            return proc.memory_info().rss

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                procs = [self._proc, *self._proc.children(recursive=True)]
            except psutil.Error:
                procs = [self._proc]
            for p in procs:
                try:
                    total += self._size(p)
                except psutil.Error:
                    pass
            self.tree_peak = max(self.tree_peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> MemorySampler:
        if self._proc is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._proc is not None:
            self._thread.join()

    def result(self) -> dict:
        import resource

        self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return {
            "rss_self_mb": round(self_mb, 1),
            "rss_largest_child_mb": round(child_mb, 1),
            "tree_mb": round(self.tree_peak / 2**20, 1) if self._proc else None,
        }


def step_pipe(p: dict) -> dict:
    """spaCy alone on the pipeline's parsing path: make_doc (block sentence starts) + nlp.pipe."""
    from workbench.nlp.model import load_model, make_doc
    from workbench.run.pipeline import read_inputs

    articles, _ = read_inputs([p["dir"]])  # not timed: reading is workbench's own work
    items = [(a.text, a.blocks) for a in articles]
    with MemorySampler() as mem:
        t0 = time.perf_counter()
        nlp = load_model()
        t1 = time.perf_counter()
        docs = (make_doc(nlp, text, blocks) for text, blocks in items)
        n_tokens = 0
        for doc in nlp.pipe(docs, batch_size=p["batch_size"], n_process=p["n_process"]):
            n_tokens += len(doc)
        t2 = time.perf_counter()
    return {
        "seconds": t2 - t0,
        "load_s": t1 - t0,
        "pipe_s": t2 - t1,
        "articles": len(items),
        "tokens": n_tokens,
        "components": nlp.pipe_names,
        **mem.result(),
    }


def step_analyse(p: dict) -> dict:
    """What ``workbench analyse DIR --out OUT`` does: read, analyse and stream the tables to
    parquet chunk by chunk (so peak memory is the CLI's, flat in corpus size)."""
    from workbench.run.options import RunOptions
    from workbench.run.pipeline import analyse_chunks, read_inputs
    from workbench.store.tables import write_chunks

    out = p.get("write") or tempfile.mkdtemp(prefix="bench-tables-")
    with MemorySampler() as mem:
        t0 = time.perf_counter()
        articles, problems = read_inputs([p["dir"]])
        options = RunOptions(jobs=p["jobs"], cache=p["cache"], cache_dir=p.get("cache_dir"))
        chunks = analyse_chunks(articles, problems, options)
        counts = write_chunks(chunks, out)
        t1 = time.perf_counter()
    if not p.get("write"):
        shutil.rmtree(out, ignore_errors=True)
    keep = ("articles", "entities", "quotes", "stances")
    return {"seconds": t1 - t0, **{k: counts[k] for k in keep}, **mem.result()}


def step_render(p: dict) -> dict:
    from workbench.report.render import render_reports

    with MemorySampler() as mem:
        t0 = time.perf_counter()
        render_reports(p["data"], p["out"], progress=lambda line: None)
        t1 = time.perf_counter()
    return {"seconds": t1 - t0, **mem.result()}


def step_profile(p: dict) -> dict:
    """cProfile one analyse(jobs=1, cache=False); the top workbench functions by cumulative time,
    with the time spent inside spaCy's pipeline (nlp.pipe) for scale."""
    import cProfile
    import pstats

    import workbench

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    workbench.analyse([p["dir"]], jobs=1, cache=False)
    prof.disable()
    total = time.perf_counter() - t0
    stats = pstats.Stats(prof)
    if p.get("dump"):
        stats.dump_stats(p["dump"])
    rows = []
    spacy_pipe = 0.0
    for (file, line, name), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():
        if file.endswith(os.path.join("spacy", "language.py")) and name == "pipe":
            spacy_pipe = max(spacy_pipe, cumtime)
        if f"{os.sep}workbench{os.sep}" in file and name not in (
            "analyse",
            "analyse_chunks",
            "iter_results",
        ):
            short = file.split(f"{os.sep}workbench{os.sep}")[-1]
            rows.append(
                {
                    "function": f"{short}:{line}:{name}",
                    "calls": ncalls,
                    "tottime": round(tottime, 2),
                    "cumtime": round(cumtime, 2),
                }
            )
    rows.sort(key=lambda r: -r["cumtime"])
    return {"seconds": total, "spacy_pipe_s": spacy_pipe, "top": rows[: p.get("top", 30)]}


STEPS = {"pipe": step_pipe, "analyse": step_analyse, "render": step_render, "profile": step_profile}


def run_step(name: str, params: dict, log) -> dict:
    """Run one step in a fresh interpreter; returns its JSON result."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--step",
        name,
        "--params",
        json.dumps(params),
    ]
    log(f"  {name} {json.dumps({k: v for k, v in params.items() if k != 'dir'})} ...")
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise RuntimeError(f"step {name} failed (exit {proc.returncode})")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    log(f"    {result['seconds']:.1f} s (child wall {time.perf_counter() - start:.1f} s)")
    return result


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


def best(name: str, params: dict, repeat: int, log) -> dict:
    """The fastest of ``repeat`` runs (the least disturbed by other load on the machine)."""
    runs = [run_step(name, params, log) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r["seconds"])
    return {**fastest, "all_seconds": [round(r["seconds"], 2) for r in runs]}


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}x"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "MISSED")


def print_table(rows: list[tuple]) -> None:
    head = ("measurement", "A", "B", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(line.format(*head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line.format(*(str(c) for c in r)))


def main_run(args: argparse.Namespace) -> int:
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    compare = args.compare_size if args.compare_size in sizes else None
    if compare is None:
        compare = max((s for s in sizes if s <= args.compare_size), default=min(sizes))
    log = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="workbench-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "sizes": sizes,
        "compare_size": compare,
        "jobs": args.jobs,
        "batch_size": args.batch_size,
        "repeat": args.repeat,
        "seed": args.seed,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "loadavg_start": load_average(),
        },
    }
    started = time.perf_counter()
    try:
        log(f"building {max(sizes)} distinct articles in {work} ...")
        t0 = time.perf_counter()
        articles = synthesise(max(sizes), seed=args.seed)
        dirs = {}
        for n in sizes:
            dirs[n] = work / f"corpus-{n}"
            write_corpus(articles[:n], dirs[n])
        words = [len(a["body"].split()) for a in articles]
        results["corpus"] = {
            "seconds": round(time.perf_counter() - t0, 1),
            "distinct_bodies": len({a["body"] for a in articles}),
            "mean_words": round(sum(words) / len(words), 1),
            "min_words": min(words),
            "max_words": max(words),
        }
        log(f"  {results['corpus']}")

        # 1. spaCy alone vs analyse(jobs=1), and the scale-out, on the comparison size.
        d = str(dirs[compare])
        log(f"comparisons on {compare} articles:")
        pipe1 = best(
            "pipe", {"dir": d, "n_process": 1, "batch_size": args.batch_size}, args.repeat, log
        )
        an1 = best("analyse", {"dir": d, "jobs": 1, "cache": False}, args.repeat, log)
        pipe2 = best(
            "pipe",
            {"dir": d, "n_process": args.jobs, "batch_size": args.batch_size},
            args.repeat,
            log,
        )
        an2 = best("analyse", {"dir": d, "jobs": args.jobs, "cache": False}, args.repeat, log)
        results.update({"spacy_1": pipe1, "analyse_1": an1, "spacy_n": pipe2, "analyse_n": an2})

        # 2. Cold (fresh cache) vs cached, with peak memory, at every size; tables of the last.
        results["scale"] = {}
        for n in sizes:
            log(f"cold and cached runs on {n} articles:")
            cache_dir = work / f"cache-{n}"
            shutil.rmtree(cache_dir, ignore_errors=True)
            params = {
                "dir": str(dirs[n]),
                "jobs": args.jobs,
                "cache": True,
                "cache_dir": str(cache_dir),
            }
            cold = run_step("analyse", params, log)
            data = work / f"reports-{n}" / "data"
            warm = run_step("analyse", {**params, "write": str(data)}, log)
            results["scale"][n] = {"cold": cold, "cached": warm}

        # 3. Render the largest size's tables.
        if not args.no_render:
            n = max(sizes)
            log(f"rendering the reports for {n} articles:")
            out = work / f"reports-{n}"
            results["render"] = {
                "size": n,
                **run_step("render", {"data": str(out / "data"), "out": str(out)}, log),
            }
    finally:
        results["machine"]["loadavg_end"] = load_average()
        results["total_seconds"] = round(time.perf_counter() - started, 1)
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    report(results)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(f"\nresults written to {args.out}")
    return 0


def report(r: dict) -> None:
    n, j = r["compare_size"], r["jobs"]
    s1, a1, sn, an = r["spacy_1"], r["analyse_1"], r["spacy_n"], r["analyse_n"]
    overhead = a1["seconds"] / s1["seconds"]
    spacy_up = s1["seconds"] / sn["seconds"]
    wb_up = a1["seconds"] / an["seconds"]
    fraction = wb_up / spacy_up
    rows = [
        (
            f"spaCy alone vs analyse(jobs=1, cache=False), {n} articles",
            f"{s1['seconds']:.1f} s",
            f"{a1['seconds']:.1f} s",
            fmt_ratio(overhead),
            f"<= {TARGETS['overhead']}x",
            verdict(overhead <= TARGETS["overhead"]),
        ),
        (
            f"spaCy n_process=1 vs {j}, {n} articles",
            f"{s1['seconds']:.1f} s",
            f"{sn['seconds']:.1f} s",
            fmt_ratio(spacy_up),
            "",
            "",
        ),
        (
            f"analyse jobs=1 vs {j}, {n} articles",
            f"{a1['seconds']:.1f} s",
            f"{an['seconds']:.1f} s",
            fmt_ratio(wb_up),
            "",
            "",
        ),
        (
            "  workbench speed-up / spaCy speed-up",
            "",
            "",
            f"{fraction:.0%}",
            f">= {TARGETS['scaleout']:.0%}",
            verdict(fraction >= TARGETS["scaleout"]),
        ),
    ]
    largest = max(r["sizes"])
    mem_rows = []
    for size, sc in r["scale"].items():
        cold, warm = sc["cold"], sc["cached"]
        ratio = cold["seconds"] / warm["seconds"]
        rows.append(
            (
                f"cold vs cached analyse(jobs={j}), {size} articles",
                f"{cold['seconds']:.1f} s",
                f"{warm['seconds']:.2f} s",
                fmt_ratio(ratio),
                # the issue judges the cache at the largest size; on small corpora the fixed
                # start-up (imports, reading) dominates the cached run
                f">= {TARGETS['cache']:.0f}x" if size == largest else "",
                verdict(ratio >= TARGETS["cache"]) if size == largest else "",
            )
        )
        peak = cold["tree_mb"] or max(cold["rss_self_mb"], cold["rss_largest_child_mb"])
        target = f"<= {TARGETS['memory_mb']:.0f} MB" if size == largest else "flat"
        ok = peak <= TARGETS["memory_mb"] if size == largest else None
        mem_rows.append(
            (
                f"peak RSS, cold run, {size} articles",
                f"main {cold['rss_self_mb']:.0f} MB",
                f"all processes {peak:.0f} MB (PSS)",
                "",
                target,
                verdict(ok),
            )
        )
    rows += mem_rows
    if "render" in r:
        rd = r["render"]
        rows.append(
            (
                f"render_reports, {rd['size']} articles",
                "",
                f"{rd['seconds']:.1f} s",
                "",
                f"<= {TARGETS['render_s']:.0f} s",
                verdict(rd["seconds"] <= TARGETS["render_s"]),
            )
        )
    print()
    c = r["corpus"]
    print(
        f"corpus: {c['distinct_bodies']} distinct articles, {c['mean_words']} words on average "
        f"({c['min_words']}-{c['max_words']}), built in {c['seconds']} s"
    )
    print(
        f"machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}, load average "
        f"{r['machine']['loadavg_start']} at start, {r['machine']['loadavg_end']} at end"
    )
    print(
        f"baseline 'spaCy alone' = workbench.nlp.model.make_doc (block sentence starts) + nlp.pipe("
        f"batch_size={r['batch_size']}) with components {s1['components']}, model load "
        f"included ({s1['load_s']:.1f} s), reading the files not included; "
        f"{s1['tokens']} tokens"
    )
    print(f"timings are the fastest of {r['repeat']} run(s); each step runs in its own process\n")
    print_table(rows)
    print(f"\ntotal {r['total_seconds'] / 60:.1f} min")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,1000,10000",
        help="corpus sizes, comma-separated (default 100,1000,10000)",
    )
    parser.add_argument("--out", help="also write the results as JSON to this file")
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="processes for the scale-out comparison and the cold/cached runs",
    )
    parser.add_argument(
        "--compare-size",
        type=int,
        default=1000,
        help="corpus size for the spaCy and jobs comparisons (default 1000)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=32,
        help="nlp.pipe batch size for the baseline (workbench.nlp.model.parse uses 32)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each comparison this many times and keep the fastest",
    )
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--no-render", action="store_true", help="skip the render step")
    parser.add_argument("--workdir", help="build the corpora here (kept) instead of a temp dir")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of the benchmark: cProfile one analyse(jobs=1) run on the "
        "comparison size and print the top workbench functions",
    )
    parser.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    parser.add_argument("--params", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        result = STEPS[args.step](json.loads(args.params))
        print(json.dumps(result, default=str))
        return 0
    if args.profile:
        return main_profile(args)
    return main_run(args)


def main_profile(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="workbench-profile-"))
    try:
        folder = work / "corpus"
        write_corpus(synthesise(args.compare_size, seed=args.seed), folder)
        params = {"dir": str(folder), "top": 30}
        if args.out:
            params["dump"] = str(Path(args.out).resolve())
        res = run_step("profile", params, lambda m: print(m, file=sys.stderr))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"analyse(jobs=1, cache=False) on {args.compare_size} articles under cProfile: "
        f"{res['seconds']:.1f} s, of which nlp.pipe {res['spacy_pipe_s']:.1f} s"
    )
    print(f"{'cumtime':>8} {'tottime':>8} {'calls':>9}  function")
    for row in res["top"]:
        print(f"{row['cumtime']:8.2f} {row['tottime']:8.2f} {row['calls']:9d}  {row['function']}")
    if args.out:
        print(f"\npstats written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
