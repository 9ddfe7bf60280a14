"""Content hashes of the tables `workbench analyse` writes, to show a refactoring changes no table.

Parquet files differ byte for byte between two runs (each carries its run id), so this hashes what
they hold: per table the column names, dtypes, row count and ``pandas.util.hash_pandas_object``,
plus the exit status, for each input folder or file, analysed afresh (``--no-cache``).

Usage (from the repository root)::

    python benchmarks/tablehash.py before.json                  # the fixture sets and seeds/
    python benchmarks/tablehash.py after.json seeds/ my_corpus/  # chosen inputs
    python benchmarks/tablehash.py --compare before.json after.json

``--compare`` prints every table that differs and exits 1 if any does (stderr is not compared).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def default_inputs() -> list[Path]:
    """Every fixture set that holds articles, and seeds/."""
    flat = [FIXTURES / n for n in ("formats", "bad", "linking", "reports/corpus")]
    sets = [p for kind in ("quotes", "stances") for p in sorted((FIXTURES / kind).iterdir())]
    return [*flat, *(p for p in sets if p.is_dir()), ROOT / "seeds"]


def digest(df: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(repr(list(df.columns)).encode())
    h.update(repr([str(t) for t in df.dtypes]).encode())
    h.update(str(len(df)).encode())
    h.update(str(int(pd.util.hash_pandas_object(df, index=False).sum())).encode())
    return h.hexdigest()[:16]


def hash_input(path: Path) -> dict[str, object]:
    """The exit status and the content hash of each table of one analysed input."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "workbench", "analyse", str(path), "--out", tmp]
        run = subprocess.run([*command, "--no-cache"], capture_output=True, text=True)
        out: dict[str, object] = {"rc": run.returncode}
        for f in sorted(Path(tmp).iterdir()):
            if f.suffix == ".parquet":
                out[f.stem] = digest(pd.read_parquet(f))
            elif f.suffix == ".csv":
                out[f.stem] = digest(pd.read_csv(f, keep_default_na=False))
    return out


def compare(before: dict, after: dict) -> list[str]:
    """Every (input, table) whose hash differs or is missing on one side."""
    return [
        f"{name}: {table}"
        for name in sorted(set(before) | set(after))
        for table in sorted(set(before.get(name, {})) | set(after.get(name, {})))
        if before.get(name, {}).get(table) != after.get(name, {}).get(table)
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", help="JSON file for the hashes")
    ap.add_argument(
        "inputs", nargs="*", type=Path, help="folders or files (default: fixtures, seeds)"
    )
    ap.add_argument(
        "--compare", nargs=2, metavar=("BEFORE", "AFTER"), help="compare two JSON files"
    )
    args = ap.parse_args(argv)
    if args.compare:
        before, after = (json.loads(Path(p).read_text()) for p in args.compare)
        differ = compare(before, after)
        print("\n".join(differ) or f"identical: {len(before)} inputs")
        return 1 if differ else 0
    if not args.out:
        ap.error("give OUT.json, or --compare BEFORE AFTER")
    hashes = {}
    for path in args.inputs or default_inputs():
        name = (
            str(path.resolve().relative_to(ROOT))
            if path.resolve().is_relative_to(ROOT)
            else str(path)
        )
        hashes[name] = hash_input(path)
        print(name, hashes[name], flush=True)
    Path(args.out).write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
