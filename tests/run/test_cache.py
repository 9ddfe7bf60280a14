"""An unusable results cache never stops a run: one warning line, then a rebuilt cache or none."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zlib

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import workbench
from workbench.run.cache import BUSY_TIMEOUT, Cache
from workbench.schema import TABLES

ARTICLE = FIXTURES / "linking" / "berlin_talks.md"

ITEMS = {f"key-{i}": {"words": [f"word{i}-{j}" for j in range(400)]} for i in range(30)}


def filled(directory):
    """A real cache of thirty values, closed; returns the sqlite file."""
    cache = Cache(directory)
    cache.put_many(ITEMS)
    cache.close()
    return directory / "results.sqlite"


def open_cache(directory):
    warnings: list[str] = []
    return Cache(directory, warn=warnings.append), warnings


def assert_no_cache_from_now_on(cache, warnings):
    """Every operation behaves as Cache(None), and no further warning is printed."""
    cache.put_many({"new": {"a": 1}})
    assert cache.get_many(["new", *ITEMS]) == {}
    assert cache.contains(["new", *ITEMS]) == set()
    assert len(warnings) == 1


def corrupt_files(directory):
    return sorted(p.name for p in directory.iterdir() if ".corrupt-" in p.name)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: os.truncate(p, p.stat().st_size // 2), id="truncated"),
        pytest.param(lambda p: os.truncate(p, 10), id="truncated-inside-header"),
        pytest.param(lambda p: overwrite(p, 0, b"garbage!" * 12), id="garbage-in-header"),
        pytest.param(lambda p: overwrite(p, 4096 + 8, b"\xff" * 64), id="garbage-in-a-tree-page"),
    ],
)
def test_a_damaged_file_is_moved_aside_and_a_new_cache_started(tmp_path, damage):
    damage(filled(tmp_path))
    cache, warnings = open_cache(tmp_path)
    assert len(warnings) == 1
    assert "results.sqlite: not a usable cache (" in warnings[0]
    assert "moved to results.sqlite.corrupt-" in warnings[0]
    assert "\n" not in warnings[0]
    assert len(corrupt_files(tmp_path)) == 1
    cache.put_many({"fresh": {"ok": True}})  # the new cache works
    assert cache.get_many(["fresh", *ITEMS]) == {"fresh": {"ok": True}}
    cache.close()
    again, more = open_cache(tmp_path)
    assert again.get_many(["fresh"]) == {"fresh": {"ok": True}} and more == []
    again.close()


def test_a_damaged_value_turns_the_cache_off_with_one_warning(tmp_path):
    """Damage that quick_check cannot see (inside a stored value) surfaces on a later query."""
    path = filled(tmp_path)
    blob = zlib.compress(json.dumps(ITEMS["key-7"]).encode())
    at = path.read_bytes().find(blob[:40])
    assert at > 0
    overwrite(path, at + len(blob) // 2, b"\0" * 16)
    cache, warnings = open_cache(tmp_path)
    assert warnings == []
    assert cache.contains(list(ITEMS)) == set(ITEMS)
    assert cache.get_many(list(ITEMS)) == {}
    assert len(warnings) == 1
    assert "results.sqlite: damaged (a stored value is damaged" in warnings[0]
    assert "running without the cache" in warnings[0]
    assert_no_cache_from_now_on(cache, warnings)
    assert len(corrupt_files(tmp_path)) == 1  # so the next run starts a new one
    again, more = open_cache(tmp_path)
    assert again.contains(list(ITEMS)) == set() and more == []
    again.close()


def test_a_lock_held_longer_than_the_busy_timeout_turns_the_cache_off(tmp_path):
    path = filled(tmp_path)
    hold = (
        "import sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        began = time.monotonic()
        cache, warnings = open_cache(tmp_path)
        waited = time.monotonic() - began
    finally:
        holder.kill()
        holder.wait()
    assert BUSY_TIMEOUT <= waited < BUSY_TIMEOUT + 5
    assert len(warnings) == 1
    assert "results.sqlite: locked by another process for more than 5 s" in warnings[0]
    assert_no_cache_from_now_on(cache, warnings)
    assert corrupt_files(tmp_path) == []  # a busy cache is not a damaged one
    again, more = open_cache(tmp_path)
    assert again.contains(list(ITEMS)) == set(ITEMS) and more == []
    again.close()


def test_a_folder_that_cannot_be_made_turns_the_cache_off(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    cache, warnings = open_cache(tmp_path / "file" / "cache")
    assert len(warnings) == 1
    assert "cannot use the cache" in warnings[0] and "running without it" in warnings[0]
    assert_no_cache_from_now_on(cache, warnings)


def analyse(out, cache_dir, *prefix):
    """``workbench analyse`` of one fictional article, as a user runs it."""
    args = ["analyse", ARTICLE, "--out", out, "--cache-dir", cache_dir]
    command = [*prefix, sys.executable, "-m", "workbench", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def warnings_in(stderr):
    return [line for line in stderr.splitlines() if line.startswith("workbench: warning: ")]


def test_cli_with_a_garbled_cache_warns_once_writes_the_tables_and_rebuilds(tmp_path):
    cache_dir = tmp_path / "cache"
    overwrite(filled(cache_dir), 0, b"garbage!" * 12)
    proc = analyse(tmp_path / "out", cache_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = warnings_in(proc.stderr)
    assert "results.sqlite: not a usable cache (file is not a database)" in line
    assert len(pd.read_parquet(tmp_path / "out" / "quotes.parquet")) > 0
    again = analyse(tmp_path / "again", cache_dir)  # served by the rebuilt cache, silently
    assert again.returncode == 0 and warnings_in(again.stderr) == []
    for name in TABLES:
        first = pd.read_parquet(tmp_path / "out" / f"{name}.parquet")
        pd.testing.assert_frame_equal(
            first, pd.read_parquet(tmp_path / "again" / f"{name}.parquet")
        )


def test_cli_with_a_read_only_cache_dir_warns_once_and_writes_the_tables(tmp_path):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir(mode=0o555)
    cache_dir.chmod(0o555)
    prefix = []
    if os.geteuid() == 0:  # root writes anywhere: run without the capability that allows it
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop CAP_DAC_OVERRIDE")
        prefix = ["setpriv", "--bounding-set=-dac_override", "--inh-caps=-dac_override"]
    proc = analyse(tmp_path / "out", cache_dir, *prefix)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = warnings_in(proc.stderr)
    assert (
        f"{cache_dir}: cannot use the cache (the folder is read-only); running without it" in line
    )
    assert len(pd.read_parquet(tmp_path / "out" / "quotes.parquet")) > 0
    assert list(cache_dir.iterdir()) == []


def test_damage_found_mid_run_still_gives_every_result(tmp_path, capfd):
    """The cache answers ``contains`` but a value fails to decompress: the run parses that
    article instead, with one warning, and the tables equal an uncached run's."""
    cache_dir = tmp_path / "cache"
    fresh = workbench.analyse([ARTICLE], cache_dir=cache_dir)
    path = cache_dir / "results.sqlite"
    db = sqlite3.connect(path)
    ((blob,),) = db.execute("SELECT value FROM results").fetchall()  # the one article's results
    db.close()
    capfd.readouterr()
    overwrite(path, path.read_bytes().find(blob) + len(blob) // 2, b"\0" * 16)
    again = workbench.analyse([ARTICLE], cache_dir=cache_dir)
    (line,) = warnings_in(capfd.readouterr().err)
    assert "results.sqlite: damaged (a stored value is damaged" in line
    for name in [*TABLES, "rejected"]:
        pd.testing.assert_frame_equal(getattr(fresh, name), getattr(again, name))


def overwrite(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)
