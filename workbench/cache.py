"""Per-article results cache (SQLite), keyed by everything that can change a result.

The key hashes the article text and blocks, the spaCy model (name, version), the package's own code
and every data file in effect (gazetteers, lexicons, topics, overrides): editing an alias or
upgrading the model is never served a stale result.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path

from .structure import Block

ENV_CACHE = "WORKBENCH_CACHE_DIR"


def default_cache_dir() -> Path:
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "workbench"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's own source files."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def article_key(text: str, blocks: list[Block], context: str) -> str:
    """``context`` names the model and data files; see :func:`code_fingerprint`."""
    digest = hashlib.sha256(context.encode() + b"\0" + code_fingerprint().encode() + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(json.dumps([(b.kind, b.start, b.end) for b in blocks]).encode())
    return digest.hexdigest()


class Cache:
    """A key -> JSON value store in one SQLite file; ``Cache(None)`` stores nothing."""

    def __init__(self, directory: Path | None):
        self._db = None
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(directory / "results.sqlite")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB)"
            )

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        if self._db is None or not keys:
            return {}
        out: dict[str, dict] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", part)
            out.update({k: json.loads(zlib.decompress(v)) for k, v in rows})
        return out

    def contains(self, keys: list[str]) -> set[str]:
        """The keys that have a stored value (without reading the values)."""
        if self._db is None or not keys:
            return set()
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(f"SELECT key FROM results WHERE key IN ({marks})", part)
            out.update(k for (k,) in rows)
        return out

    def put_many(self, items: dict[str, dict]) -> None:
        if self._db is None or not items:
            return
        rows = [(k, zlib.compress(json.dumps(v).encode())) for k, v in items.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
