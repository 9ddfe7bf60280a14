"""The analysis on a real Dask LocalCluster (two worker processes on loopback): the same tables as
the local run, the model loaded once per worker, the cache kept on the client, the CLI."""

import signal
import socket
import subprocess
import sys
import time

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, SEED
from distributed import Client

import workbench
from workbench.nlp.model import resolve_model
from workbench.run import dask as scale
from workbench.run.cache import code_fingerprint
from workbench.run.stages import model_version

TABLES = ("articles", "entities", "blocks", "quotes", "stances", "rejected")
PATHS = [FIXTURES / "linking", FIXTURES / "formats", SEED]  # 8 articles
TEST_LIMIT = 120  # seconds any one test may take


@pytest.fixture(autouse=True)
def _bounded():
    """A hung cluster fails the test instead of hanging the suite."""

    def fail(*_):
        raise TimeoutError(f"test_scale: a test ran over {TEST_LIMIT} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(TEST_LIMIT)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def cluster():
    with scale.local_cluster() as running:
        yield running


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster, set_as_default=False) as c:
        yield c


@pytest.fixture(scope="module")
def local():
    """The reference: the same corpus analysed in this process (``--jobs 1``)."""
    return workbench.analyse(PATHS, cache=False)


def assert_same_tables(one, two):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


def stats(client) -> dict[str, dict[str, int]]:
    return client.run(scale.worker_stats)


def test_local_cluster_is_two_single_threaded_workers_on_loopback(cluster, client):
    workers = client.scheduler_info()["workers"]
    assert {w["nthreads"] for w in workers.values()} == {1} and len(workers) == 2
    assert all(a.startswith("tcp://127.0.0.1:") for a in [cluster.scheduler_address, *workers])
    assert cluster.scheduler.http_server.address == "127.0.0.1"
    assert set(client.run(lambda dask_worker: dask_worker.http_server.address).values()) == {
        "127.0.0.1"
    }


def test_tables_identical_to_the_local_run(cluster, local):
    on_dask = workbench.analyse(PATHS, cache=False, dask=cluster.scheduler_address)
    assert_same_tables(local, on_dask)  # same rows, order and dtypes
    assert len(on_dask.articles) == 8 and not on_dask.stances.empty


def test_the_model_is_loaded_once_per_worker(cluster, client):
    before = stats(client)
    for _ in range(2):
        workbench.analyse(PATHS, cache=False, dask=cluster.scheduler_address)
    after = stats(client)
    ran = {w: after[w]["partitions"] - before[w]["partitions"] for w in after}
    assert sum(ran.values()) > 2 * len(after)  # several partitions per worker...
    assert all(n > 0 for n in ran.values())  # ...on both workers...
    assert {s["loads"] for s in after.values()} == {1}  # ...and one model load each
    assert sum(after[w]["articles"] - before[w]["articles"] for w in after) == 2 * 8


def test_the_cache_is_read_and_written_on_the_client(cluster, client, local, tmp_path):
    address = cluster.scheduler_address

    def analysed(paths) -> tuple[workbench.Corpus, int]:
        before = stats(client)
        corpus = workbench.analyse(paths, cache_dir=tmp_path, dask=address)
        after = stats(client)
        return corpus, sum(after[w]["articles"] - before[w]["articles"] for w in after)

    _, sent = analysed([SEED])
    assert sent == 1
    corpus, sent = analysed(PATHS)
    assert sent == 7  # the seed came from the cache
    assert_same_tables(local, corpus)
    corpus, sent = analysed(PATHS)
    assert sent == 0
    assert_same_tables(local, corpus)
    assert (tmp_path / "results.sqlite").is_file()


def test_a_worker_with_another_model_or_code_refuses():
    name = resolve_model()
    with pytest.raises(scale.ClusterError, match="has spaCy model .*, the client 0.0.1"):
        scale.worker_model(name, ("0.0.1", code_fingerprint()))
    with pytest.raises(scale.ClusterError, match="other workbench code"):
        scale.worker_model(name, (model_version(name), "0" * 64))


def test_jobs_and_dask_cannot_be_combined():
    with pytest.raises(ValueError, match="cannot be combined"):
        workbench.analyse(PATHS, jobs=2, dask="local")


def run(*args, timeout=90):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def test_cli_dask_local(tmp_path, local):
    out = tmp_path / "data"
    proc = run("analyse", *PATHS, "--out", out, "--dask", "local", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    assert all(line.startswith("workbench: ") for line in proc.stderr.splitlines()), proc.stderr
    written = workbench.load(out)
    for name in TABLES[:-1]:
        pd.testing.assert_frame_equal(getattr(local, name), getattr(written, name))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "address, message",
    [
        ("tcp://127.0.0.1:{port}", "cannot connect to the Dask scheduler at tcp://127.0.0.1:"),
        ("nonsense://somewhere", "not a Dask scheduler address: 'nonsense://somewhere'"),
        ("scheduler-without-port", "not a Dask scheduler address"),
    ],
)
def test_a_bad_address_is_one_line_and_exit_2(tmp_path, address, message):
    address = address.format(port=_closed_port())
    start = time.monotonic()
    proc = run("analyse", "seeds/", "--out", tmp_path, "--dask", address, "--no-cache", timeout=60)
    assert time.monotonic() - start < scale.CONNECT_TIMEOUT + 20
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [proc.stderr.strip()], proc.stderr
    assert proc.stderr.startswith("workbench: error: ") and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_cli_jobs_and_dask_is_a_usage_error(tmp_path):
    proc = run("analyse", "seeds/", "--out", tmp_path, "--dask", "local", "--jobs", "2")
    assert proc.returncode == 2
    assert "--jobs and --dask cannot be combined" in proc.stderr
