import os
import re
import shutil
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, hand_corpus

import workbench
from workbench.schema import TABLES, Problem, frame
from workbench.store.publish import LOCK, FolderBusy, MixedTables
from workbench.store.tables import problem_rows, write_chunks

FILES = [*(f"{name}.parquet" for name in TABLES), "rejected.csv"]
# Run Python with writes beyond LIMIT bytes failing as on a full disk (EFBIG, SIGXFSZ ignored).
FULL_DISK = (
    "import resource, runpy, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "limit = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "target = sys.argv.pop(1)\n"
    "if target.endswith('.py'):\n"
    "    runpy.run_path(target, run_name='__main__')\n"
    "else:\n"
    "    runpy.run_module(target, run_name='__main__', alter_sys=True)\n"
)


def test_write_and_load_round_trip(seed_corpus, tmp_path):
    written = workbench.write_tables(seed_corpus, tmp_path / "data")
    assert sorted(p.name for p in written) == [
        "articles.parquet",
        "blocks.parquet",
        "entities.parquet",
        "quotes.parquet",
        "rejected.csv",
        "stances.parquet",
    ]
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.endswith(".tmp")]
    back = workbench.load(tmp_path / "data")
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(seed_corpus, name), getattr(back, name))


def test_tables_get_ordinary_file_permissions(seed_corpus, tmp_path):
    """Written through private temporary files, the tables still get 0666 less the umask (not
    mkstemp's 0600), streamed or not."""
    from workbench.store.tables import write_chunks

    umask = os.umask(0o022)
    try:
        written = workbench.write_tables(seed_corpus, tmp_path / "a")
        write_chunks([seed_corpus], tmp_path / "b")
    finally:
        os.umask(umask)
    files = [*written, *(tmp_path / "b").iterdir()]
    assert len(files) == 14  # b also holds manifest.json and the folder's lock file
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o644"}


def snapshot(folder):
    """Every file's bytes (but the lock's, which names the last writer's pid)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK}


def temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def other_corpus():
    """hand_corpus with one quote, one stance and one rejected input fewer or more."""
    corpus = hand_corpus()
    corpus.quotes = corpus.quotes.iloc[:1].reset_index(drop=True)
    corpus.rejected = frame(problem_rows([Problem("x.txt", "empty file")]), corpus.rejected.columns)
    return corpus


def cli(*args):
    command = [sys.executable, "-m", "workbench", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


def under_full_disk(limit, script, *args, cwd=ROOT):
    """``python script args`` (or ``python -m module args``) where no file may grow beyond
    ``limit`` bytes."""
    command = [sys.executable, "-c", FULL_DISK, str(limit), str(script), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300)


def test_cli_on_a_full_disk_says_one_line_leaves_no_temps_and_the_old_tables(tmp_path):
    """The parquet writers fail on close (the footer does not fit): before, five .tmp files
    stayed, five "Exception ignored" tracebacks followed, and the next run failed too."""
    out = tmp_path / "out"
    workbench.write_tables(hand_corpus(), out)
    before = snapshot(out)
    article = FIXTURES / "linking" / "berlin_talks.md"
    proc = under_full_disk(6000, "workbench", "analyse", article, "--out", out, "--no-cache")
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"workbench: error: cannot write to {out}: ")
    assert "File too large" in line
    assert temps(out) == []
    assert snapshot(out) == before
    pd.testing.assert_frame_equal(workbench.load(out).quotes, hand_corpus().quotes)
    again = cli("analyse", article, "--out", out, "--no-cache")
    assert again.returncode == 0, again.stderr
    assert len(workbench.load(out).quotes) > len(hand_corpus().quotes)


def test_write_tables_on_a_full_disk_keeps_the_old_tables(tmp_path):
    out = tmp_path / "out"
    workbench.write_tables(hand_corpus(), out)
    before = snapshot(out)
    script = tmp_path / "rewrite.py"
    script.write_text(
        "import sys, workbench\n"
        "corpus = workbench.load(sys.argv[1])\n"
        "corpus.articles['title'] = 'Changed'\n"
        "corpus.quotes = corpus.quotes.iloc[:1]\n"
        "try:\n"
        "    workbench.write_tables(corpus, sys.argv[1])\n"
        "except OSError as exc:\n"
        "    print('failed:', exc.errno)\n"
    )
    proc = under_full_disk(6000, script, out)  # articles fit, quotes do not
    assert proc.stdout.strip() == "failed: 27", proc.stderr
    assert proc.stderr == ""  # no "Exception ignored" at exit
    assert temps(out) == []
    assert snapshot(out) == before


def test_load_refuses_tables_from_different_runs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    workbench.write_tables(hand_corpus(), a)
    workbench.write_tables(other_corpus(), b)
    mixed = tmp_path / "mixed"
    shutil.copytree(a, mixed)
    shutil.copy(b / "quotes.parquet", mixed / "quotes.parquet")
    refused = (
        f"^{re.escape(str(mixed))}: tables from different runs \\(quotes.parquet not from run "
    )
    with pytest.raises(MixedTables, match=refused):
        workbench.load(mixed)
    shutil.copy(a / "quotes.parquet", mixed / "quotes.parquet")
    workbench.load(mixed)  # whole again
    shutil.copy(b / "rejected.csv", mixed / "rejected.csv")
    with pytest.raises(MixedTables, match=r"\(rejected.csv not from run "):
        workbench.load(mixed)
    (mixed / "manifest.json").unlink()
    with pytest.raises(MixedTables, match="no manifest.json beside tables that carry a run id"):
        workbench.load(mixed)


def test_tables_written_before_run_ids_still_load(tmp_path):
    """No manifest and no run id in any file: the folder loads unchecked, as before."""
    corpus = hand_corpus()
    for name in TABLES:
        getattr(corpus, name).to_parquet(tmp_path / f"{name}.parquet", index=False)
    corpus.rejected.to_csv(tmp_path / "rejected.csv", index=False)
    back = workbench.load(tmp_path)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(corpus, name), getattr(back, name))


HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from workbench.store.publish import locked\n"
    "with locked(Path(sys.argv[1])):\n"
    "    print('locked', flush=True)\n"
    "    time.sleep(float(sys.argv[2]))\n"
)


def hold_lock(folder, seconds):
    """Another writer holding the folder's lock for ``seconds``."""
    folder.mkdir(exist_ok=True)
    command = [sys.executable, "-c", HOLD, str(folder), str(seconds)]
    holder = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_writer_waits_for_the_first(tmp_path):
    holder = hold_lock(tmp_path, 1.5)
    try:
        began = time.monotonic()
        workbench.write_tables(hand_corpus(), tmp_path, wait=30)
        assert time.monotonic() - began >= 1
    finally:
        holder.kill()
        holder.wait()
    workbench.load(tmp_path)


def test_a_second_writer_stops_after_the_wait(tmp_path):
    workbench.write_tables(hand_corpus(), tmp_path)
    before = snapshot(tmp_path)
    holder = hold_lock(tmp_path, 60)
    try:
        with pytest.raises(FolderBusy, match=f"pid {holder.pid}"):
            workbench.write_tables(other_corpus(), tmp_path, wait=0.3)
        with pytest.raises(FolderBusy, match="gave up after waiting 0.3 s"):
            write_chunks([other_corpus()], tmp_path, wait=0.3)
    finally:
        holder.kill()
        holder.wait()
    assert snapshot(tmp_path) == before


def test_cli_second_writer_stops_with_one_line_exit_2(tmp_path):
    out = tmp_path / "out"
    holder = hold_lock(out, 60)
    try:
        proc = cli("analyse", FIXTURES / "linking", "--out", out)
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line == (
        f"workbench: error: cannot write to {out}: another run (pid {holder.pid}) is writing "
        "tables there; gave up after waiting 10 s"
    )
    assert [p.name for p in out.iterdir()] == [LOCK]


def test_a_dead_writers_temporary_files_are_removed_by_the_next(tmp_path):
    """kill -9 leaves hidden .tmp files; the next writer removes them once it holds the lock."""
    stale = [".quotes.parquet.k1ll3d.tmp", ".rejected.csv.x9y8z7.tmp", ".manifest.json.a.tmp"]
    for name in [*stale, ".notes.txt.mine.tmp"]:
        (tmp_path / name).write_bytes(b"half a file")
    write_chunks([hand_corpus()], tmp_path)
    assert temps(tmp_path) == [".notes.txt.mine.tmp"]  # not one of ours: left alone
    for name in stale[:2]:
        (tmp_path / name).write_bytes(b"half a file")
    workbench.write_tables(hand_corpus(), tmp_path)
    assert temps(tmp_path) == [".notes.txt.mine.tmp"]
    workbench.load(tmp_path)


KILLED = (
    "import sys, time\n"
    "sys.path.insert(0, 'tests')\n"
    "from conftest import hand_corpus\n"
    "from workbench.store.tables import write_chunks\n"
    "def chunks():\n"
    "    yield hand_corpus()\n"
    "    print('half written', flush=True)\n"
    "    time.sleep(60)\n"
    "    yield hand_corpus()\n"
    "write_chunks(chunks(), sys.argv[1])\n"
)


def test_a_writer_killed_with_sigkill_leaves_nothing_the_next_cannot_mend(tmp_path):
    workbench.write_tables(other_corpus(), tmp_path)
    before = snapshot(tmp_path)
    command = [sys.executable, "-c", KILLED, str(tmp_path)]
    writer = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert writer.stdout.readline().strip() == "half written"
    finally:
        writer.kill()  # SIGKILL: no clean-up runs
        writer.wait()
    assert len(temps(tmp_path)) == 5  # the five parquet files it was writing
    kept = {name: data for name, data in snapshot(tmp_path).items() if name not in temps(tmp_path)}
    assert kept == before  # the old set is untouched, and loads
    workbench.load(tmp_path)
    workbench.write_tables(hand_corpus(), tmp_path, wait=1)  # the lock died with the writer
    assert temps(tmp_path) == []
    pd.testing.assert_frame_equal(workbench.load(tmp_path).quotes, hand_corpus().quotes)
