"""Per-article results cache (SQLite), keyed by everything that can change a result.

The key hashes the article text and blocks, the spaCy model (name, version), the package's own code
and every data file in effect (gazetteers, lexicons, topics, overrides): editing an alias or
upgrading the model is never served a stale result.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from workbench.schema import Block

ENV_CACHE = "WORKBENCH_CACHE_DIR"


def default_cache_dir() -> Path:
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "workbench"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's own source files."""
    root = Path(__file__).parent.parent  # workbench/, every subpackage
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
    """A key -> JSON value store in one SQLite file; ``Cache(None)`` stores nothing.

    A cache that cannot be used never stops the run: a file that is not a database, or fails
    sqlite's ``quick_check`` when opened, is moved aside (``results.sqlite.corrupt-<time>``) and a
    new one started; a folder that cannot be written, a lock held by another process for more
    than :data:`BUSY_TIMEOUT` seconds, or damage found later (a failing query, a value that does
    not decompress) turns the cache off for the rest of the run (damage also moves the file
    aside, so the next run starts afresh). Each time ``warn`` gets one line (at most one per
    Cache), and every operation then behaves as ``Cache(None)``.
    """

    def __init__(self, directory: Path | None, warn: Callable[[str], None] | None = None):
        self._db: sqlite3.Connection | None = None
        self._warn = warn or _print_warning
        self._warned = False
        if directory is None:
            return
        self.path = Path(directory) / "results.sqlite"
        try:
            self._db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)

    def _open(self) -> sqlite3.Connection:
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True)
        if not os.access(directory, os.W_OK):
            raise PermissionError(errno.EACCES, "the folder is read-only", str(directory))
        try:
            return _connect(self.path)
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):
                raise
            moved = self._move_aside()
            self._say(
                f"{self.path}: not a usable cache ({exc}); moved to {moved.name}, "
                "starting a new one"
            )
            return _connect(self.path)

    def get_many(self, keys: list[str]) -> dict[str, dict]:
        if self._db is None or not keys:
            return {}
        out: dict[str, dict] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, value FROM results WHERE key IN ({marks})", part
                )
                for k, v in rows:
                    try:
                        out[k] = json.loads(zlib.decompress(v))
                    except (zlib.error, TypeError, ValueError) as exc:
                        raise sqlite3.DatabaseError(f"a stored value is damaged: {exc}") from exc
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return out

    def contains(self, keys: list[str]) -> set[str]:
        """The keys that have a stored value (without reading the values)."""
        if self._db is None or not keys:
            return set()
        out: set[str] = set()
        try:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(f"SELECT key FROM results WHERE key IN ({marks})", part)
                out.update(k for (k,) in rows)
        except sqlite3.Error as exc:
            self._fail(exc)
            return set()
        return out

    def put_many(self, items: dict[str, dict]) -> None:
        if self._db is None or not items:
            return
        rows = [(k, zlib.compress(json.dumps(v).encode())) for k, v in items.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def _fail(self, exc: BaseException) -> None:
        """Run on without the cache; a damaged file is moved aside for the next run."""
        self.close()
        if isinstance(exc, sqlite3.DatabaseError) and _damaged(exc):
            try:
                moved = self._move_aside()
            except OSError:
                self._say(f"{self.path}: damaged ({exc}); running without the cache")
                return
            self._say(
                f"{self.path}: damaged ({exc}); moved to {moved.name}, running without "
                "the cache (the next run starts a new one)"
            )
        elif isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            self._say(
                f"{self.path}: locked by another process for more than "
                f"{BUSY_TIMEOUT:g} s; running without the cache"
            )
        else:
            where = getattr(exc, "filename", None) or self.path
            reason = getattr(exc, "strerror", None) or exc
            self._say(f"{where}: cannot use the cache ({reason}); running without it")

    def _move_aside(self) -> Path:
        """Rename the damaged file (and any journal beside it) to ``*.corrupt-<time>``."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("-journal", "-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                os.replace(extra, moved.with_name(moved.name + suffix))
        os.replace(self.path, moved)
        return moved

    def _say(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            self._warn(" ".join(message.splitlines()))


BUSY_TIMEOUT = 5.0  # seconds to wait for another process's lock on the cache


def _connect(path: Path) -> sqlite3.Connection:
    """Open ``path``, check it (``PRAGMA quick_check``) and make sure the table exists."""
    db = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
    try:
        (verdict,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != "ok":
            problem = verdict.splitlines()[-1]  # the report opens with "*** in database main ***"
            raise sqlite3.DatabaseError(f"database disk image is malformed: {problem}")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB)")
    except BaseException:
        db.close()
        raise
    return db


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """True when sqlite says the file itself is bad (not locked, not unwritable)."""
    name = getattr(exc, "sqlite_errorname", None)  # Python 3.11+
    if name is not None and name in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return True
    text = str(exc)
    return "malformed" in text or "not a database" in text or "damaged" in text


def _print_warning(message: str) -> None:
    print(f"workbench: warning: {message}", file=sys.stderr)
