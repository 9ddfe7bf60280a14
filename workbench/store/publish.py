"""A folder of tables published as one unit, and checked as one when loaded.

A writer holds an exclusive lock on the folder (``flock`` on ``DIR/.workbench.lock``; the kernel
releases it when the writer dies, even by ``kill -9``) from its first temporary file to its last
rename; a second writer waits up to ``wait`` seconds, then stops with :class:`FolderBusy`. Any
``.NAME.*.tmp`` found once the lock is held belongs to a dead writer and is removed. Every
parquet file carries the run id in its schema metadata (``workbench_run_id``), and
``manifest.json``, renamed into place last, names the run and the hash of ``rejected.csv``:
:func:`check_one_run` refuses a folder whose files come from different runs.

A table is one file, ``NAME.parquet``, or a partitioned dataset, the folder ``NAME/`` of parquet
files (:func:`table_files`); such a folder is staged whole (``.NAME.*.tmp/``) and renamed into
place, and publishing one layout removes the other layout an earlier run left.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from workbench.schema import TABLES

LOCK = ".workbench.lock"
MANIFEST = "manifest.json"
RUN_KEY = b"workbench_run_id"
WAIT = 10.0  # seconds a second writer waits for the folder before it stops
FILES = [*(f"{name}.parquet" for name in TABLES), "rejected.csv", MANIFEST]
DATASETS = list(TABLES)  # a table written as a partitioned dataset: the folder NAME/


class FolderBusy(TimeoutError):
    """Another run kept the folder locked longer than the wait."""


class MixedTables(ValueError):
    """The files of a table folder come from different runs."""


def new_run_id() -> str:
    return uuid.uuid4().hex


class Staging:
    """Temporary files beside their final names in ``out``, renamed into place together."""

    def __init__(self, out: Path):
        self.out = out
        self.temps: dict[str, str] = {}  # final name -> temporary file, in the order made

    def temp(self, name: str) -> str:
        self.temps[name] = temp_beside(self.out / name)
        return self.temps[name]

    def folder(self, name: str) -> Path:
        """A temporary folder for the partitioned dataset ``name`` (published as ``out/name/``,
        replacing ``out/name.parquet``)."""
        path = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=self.out))
        os.chmod(path, 0o777 & ~_umask())
        self.temps[name] = str(path)
        return path

    def publish(self, run_id: str, rows: dict[str, int]) -> None:
        """Write the manifest, then rename every file into place, the manifest last."""
        rejected = Path(self.temps["rejected.csv"]).read_bytes()
        manifest = {
            "run_id": run_id,
            "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "rows": rows,
            "rejected_sha256": hashlib.sha256(rejected).hexdigest(),
        }
        Path(self.temp(MANIFEST)).write_text(json.dumps(manifest, indent=1) + "\n")
        names = [n for n in self.temps if n != MANIFEST]
        for name in names:
            self._place(name)
            del self.temps[name]
        # the other layout of each table, left by an earlier run, goes before the manifest
        for table in DATASETS:
            if table in names:
                (self.out / f"{table}.parquet").unlink(missing_ok=True)
            elif f"{table}.parquet" in names:
                shutil.rmtree(self.out / table, ignore_errors=True)
        self._place(MANIFEST)
        del self.temps[MANIFEST]

    def _place(self, name: str) -> None:
        """Rename one staged file or folder onto its final name (a folder replaces the old
        folder, which is moved aside and removed)."""
        tmp, final = self.temps[name], self.out / name
        if Path(tmp).is_dir():
            old = None
            if final.is_dir():
                old = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=self.out))
                os.replace(final, old / name)
            os.replace(tmp, final)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, final)

    def discard(self) -> None:
        for tmp in self.temps.values():
            if Path(tmp).is_dir():
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                Path(tmp).unlink(missing_ok=True)
        self.temps = {}


@contextmanager
def staging(out: Path, wait: float = WAIT) -> Iterator[Staging]:
    """Lock ``out``, remove a dead writer's temporary files, and yield a :class:`Staging`
    whose unpublished files are removed whatever happens."""
    with locked(out, wait):
        for stale in stale_temps(out):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)
            else:
                stale.unlink(missing_ok=True)
        stage = Staging(out)
        try:
            yield stage
        finally:
            stage.discard()


@contextmanager
def locked(out: Path, wait: float = WAIT) -> Iterator[None]:
    """Hold the folder's lock; wait at most ``wait`` seconds for it."""
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                    raise FolderBusy(
                        f"another run (pid {holder}) is writing tables there; "
                        f"gave up after waiting {wait:g} s"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def stale_temps(out: Path) -> list[Path]:
    """Temporary files a writer leaves beside the tables (``.articles.parquet.x1y2.tmp``), and
    folders (``.articles.x1y2.tmp/``, a partitioned table)."""
    names = [*FILES, *DATASETS]
    return [p for p in out.glob(".*.tmp") if any(p.name.startswith(f".{n}.") for n in names)]


def temp_beside(path: Path) -> str:
    """An empty temporary file beside ``path``, renamed onto it once written. mkstemp makes it
    private (0600); it gets the permissions of any new file (0666 less the umask), so that
    colleagues sharing a data folder can read the tables."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())
    return tmp


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def table_files(data_dir: str | os.PathLike, name: str) -> list[Path]:
    """The parquet files of table ``name`` in ``data_dir``: ``NAME.parquet``, or every
    ``*.parquet`` in the folder ``NAME/`` (a partitioned dataset), in name order. Raises
    FileNotFoundError when there is neither."""
    d = Path(data_dir)
    single, folder = d / f"{name}.parquet", d / name
    if folder.is_dir():
        return sorted(folder.rglob("*.parquet"))
    if single.is_file():
        return [single]
    raise FileNotFoundError(f"{d}: no {name}.parquet (run `workbench analyse ... --out {d}`)")


def run_of(path: Path) -> str | None:
    """The run id in a parquet file's schema metadata, or None (written before run ids)."""
    import pyarrow.parquet as pq

    run = (pq.read_schema(path).metadata or {}).get(RUN_KEY)
    return run.decode() if run is not None else None


def check_one_run(folder: Path, runs: dict[str, str | None], rejected: bytes) -> None:
    """Raise :class:`MixedTables` unless the parquet files' run ids (``runs``: file name ->
    run id or None) and ``rejected`` (the bytes of rejected.csv) all belong to the run named
    in the folder's manifest. A folder without manifest or run ids (written before run ids
    existed) passes unchecked."""
    path = folder / MANIFEST
    if not path.is_file():
        if all(run is None for run in runs.values()):
            return
        raise MixedTables(
            f"{folder}: no {MANIFEST} beside tables that carry a run id (a write was cut "
            f"short); write the tables again (workbench analyse ... --out {folder})"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        run_id, want = str(manifest["run_id"]), str(manifest["rejected_sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise MixedTables(f"{folder}: unreadable {MANIFEST} ({exc})") from None
    odd = [name for name, run in runs.items() if run != run_id]
    if hashlib.sha256(rejected).hexdigest() != want:
        odd.append("rejected.csv")
    if odd:
        raise MixedTables(
            f"{folder}: tables from different runs ({', '.join(odd)} not from run "
            f"{run_id[:12]} of {MANIFEST}); write them again (workbench analyse ... --out {folder})"
        )
