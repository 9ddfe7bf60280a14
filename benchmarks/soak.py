"""Soak test: back-to-back ``workbench render`` runs while CPU burners load the machine.

A render that hangs (nbclient left waiting for a reply the kernel already sent) shows up here as a
run that passes the watchdog; any other failure as a non-zero exit. Prints one line per run and a
summary: runs, hangs, failures, and the median and slowest wall time.

Usage::

    python benchmarks/soak.py [--renders 30] [--burners 2] [--source seeds/] [--watchdog 600]
    python benchmarks/soak.py --command "make test" --renders 3   # any command, same load

Each run is a fresh process (its own kernel per notebook); the cache is warm after the first
run, so the runs measure the notebooks, not the analysis.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _burn() -> None:
    while True:
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--renders", type=int, default=30, help="how many runs (default 30)")
    ap.add_argument("--burners", type=int, default=2, help="CPU burner processes (default 2)")
    ap.add_argument("--source", default=str(ROOT / "seeds"), help="what to render (seeds/)")
    ap.add_argument("--watchdog", type=float, default=600, help="seconds before a run is a hang")
    ap.add_argument("--command", help="run this shell command instead of a render")
    args = ap.parse_args(argv)

    burners = [mp.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for b in burners:
        b.start()
    times, hangs, failures = [], 0, 0
    try:
        with tempfile.TemporaryDirectory(prefix="workbench-soak-") as tmp:
            if args.command:
                cmd = shlex.split(args.command)
            else:
                cmd = [
                    sys.executable,
                    "-m",
                    "workbench",
                    "render",
                    args.source,
                    "--out",
                    f"{tmp}/out",
                    "--cache-dir",
                    f"{tmp}/cache",
                ]
            print(
                f"soak: {args.renders} x {' '.join(cmd)} with {args.burners} CPU burners "
                f"on {os.cpu_count()} cores, watchdog {args.watchdog:g} s",
                flush=True,
            )
            for i in range(1, args.renders + 1):
                start = time.monotonic()
                proc = subprocess.Popen(
                    cmd,
                    cwd=ROOT,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                try:
                    _, err = proc.communicate(timeout=args.watchdog)
                    status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
                    failures += proc.returncode != 0
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    _, err = proc.communicate()
                    status, hangs = "HANG", hangs + 1
                took = time.monotonic() - start
                times.append(took)
                last = (err or "").strip().splitlines()[-1:] if status != "ok" else []
                print(f"soak: run {i}: {status} in {took:.1f} s {' '.join(last)}", flush=True)
    finally:
        for b in burners:
            b.terminate()
    print(
        f"soak: {len(times)} runs, {hangs} hangs, {failures} failures; wall time median "
        f"{statistics.median(times):.1f} s, slowest {max(times):.1f} s"
    )
    return 1 if hangs or failures else 0


if __name__ == "__main__":
    sys.exit(main())
