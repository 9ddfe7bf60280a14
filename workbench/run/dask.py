"""Running the analysis on a Dask cluster: ``analyse(paths, dask="local" | "tcp://HOST:8786")``.

What runs where:

- **client** (the process calling :func:`workbench.analyse`): reading files, structure, ids, the
  data files (gazetteers, cues, stance lexicon, topics), the cache (lookups before any work is sent,
  stores after the results are gathered) and the tables.
- **workers**: spaCy parsing plus linking, quotes and stances, one partition of articles per task.
  Each worker process loads the model once, on its first partition, and keeps it for later
  partitions and later runs; the data files travel from the client once per run.

``distributed`` is imported only when a cluster is used.
"""

from __future__ import annotations

import logging
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import metadata
from typing import TYPE_CHECKING

from workbench.nlp.model import ModelNotFound, load_model, parse
from workbench.resources.cues import Cues
from workbench.resources.gazetteer import Gazetteer
from workbench.resources.lexicon import Lexicon
from workbench.resources.topics import Catalogue
from workbench.run.cache import code_fingerprint
from workbench.run.stages import analyse_doc, model_version

if TYPE_CHECKING:
    from distributed import Client, LocalCluster
    from spacy.language import Language


Lexicons = tuple[Gazetteer, Cues, Lexicon, Catalogue]
LOCAL = "local"  # --dask local: a LocalCluster on this machine for the run
LOCAL_WORKERS = 2
CONNECT_TIMEOUT = 5  # seconds to reach a scheduler before giving up
PARTITION_MAX = 32  # articles per task at most
PARTITIONS_PER_THREAD = 2  # enough tasks to balance the load, few enough to keep batches large

Item = tuple  # (article text, blocks[, meta]): what a worker needs to analyse one article


class ClusterError(RuntimeError):
    """The cluster cannot be reached or cannot run the analysis; the message is one line."""


# --- client side -------------------------------------------------------------------------------


def local_cluster() -> LocalCluster:
    """Two single-threaded worker processes on 127.0.0.1, no dashboard."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=LOCAL_WORKERS,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        # no dashboard; the scheduler's bare HTTP endpoint (health, metrics) takes a free
        # loopback port rather than 8787, so two runs side by side do not collide
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


@contextmanager
def cluster_client(address: str) -> Iterator[Client]:
    """A client for ``address``: ``"local"`` starts (and afterwards closes) :func:`local_cluster`,
    anything else is a scheduler address such as ``tcp://scheduler:8786``."""
    from distributed import Client

    if address == LOCAL:
        with local_cluster() as cluster, Client(cluster, set_as_default=False) as client:
            yield client
        return
    check_address(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError) as exc:  # refused, unknown host, timed out
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"cannot connect to the Dask scheduler at {address}: {reason}") from None
    with client:
        yield client


def check_address(address: str) -> None:
    """Raise :class:`ClusterError` unless ``address`` is ``"local"`` or a scheduler address.

    Checked before connecting: a ``Client`` given a malformed address fails slowly and noisily.
    """
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend

    if address == LOCAL:
        return
    try:
        scheme, location = parse_address(address)
        get_backend(scheme)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError:
        raise ClusterError(
            f"not a Dask scheduler address: {address!r} (expected tcp://HOST:PORT, or 'local')"
        ) from None


def partition(items: list[Item], threads: int) -> list[list[Item]]:
    """Consecutive slices of ``items``, about ``PARTITIONS_PER_THREAD`` per worker thread."""
    size = max(
        1, min(PARTITION_MAX, math.ceil(len(items) / (max(threads, 1) * PARTITIONS_PER_THREAD)))
    )
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_on_dask(
    address: str,
    items: list[Item],
    model: str,
    lexicons: Lexicons,
    progress: Callable[[int], object] | None = None,
) -> list[dict]:
    """The analysis records of ``items``, in order, computed on the cluster at ``address``.

    ``model`` is the resolved pipeline name; workers must have it installed at the same version and
    the same workbench code, since the client caches their results under the client's key.
    """
    from distributed import KilledWorker, as_completed

    if not items:
        return []
    expected = (model_version(model), code_fingerprint())
    with cluster_client(address) as client:
        parts = partition(items, sum(client.nthreads().values()))
        shared = client.scatter([lexicons], broadcast=True, hash=False)[0]
        futures = [
            client.submit(analyse_partition, part, model, expected, shared, pure=False)
            for part in parts
        ]
        sizes = {future.key: len(part) for future, part in zip(futures, parts, strict=True)}
        try:
            for future in as_completed(futures, loop=client.loop):
                future.result()  # raises a worker's error as soon as it happens
                if progress:
                    progress(sizes[future.key])
            results = client.gather(futures)
        except KilledWorker as exc:
            raise ClusterError(f"a Dask worker died while analysing: {exc}") from None
    return [record for part in results for record in part]


# --- worker side -------------------------------------------------------------------------------

_MODELS: dict[tuple[str, str], Language] = {}  # (name, version) -> model
_LOCK = threading.Lock()
_STATS: Counter[str] = Counter()  # "loads", "partitions", "articles": see worker_stats()


def analyse_partition(
    items: list[Item], model: str, expected: tuple[str, str], lexicons: Lexicons
) -> list[dict]:
    """Run on a worker: parse and analyse one partition with the worker's model."""
    nlp = worker_model(model, expected)
    docs = parse(nlp, items)
    records = [analyse_doc(doc, it[1], *lexicons) for doc, it in zip(docs, items, strict=True)]
    with _LOCK:
        _STATS["partitions"] += 1
        _STATS["articles"] += len(items)
    return records


def worker_model(name: str, expected: tuple[str, str]) -> Language:
    """This process's copy of the model ``name``, loaded on first use and kept.

    ``expected`` is the client's (model version, code fingerprint), checked on every partition: a
    worker with another model version or other workbench code would compute results that the client
    caches under the wrong key.
    """
    here = _worker_name()
    try:
        version = model_version(name)
    except metadata.PackageNotFoundError:  # not installed: load_model says so below
        version = expected[0]
    if version != expected[0]:
        raise ClusterError(
            f"Dask worker {here} has spaCy model {name} {version}, "
            f"the client {expected[0]}: install the same version everywhere"
        )
    if code_fingerprint() != expected[1]:
        raise ClusterError(
            f"Dask worker {here} runs other workbench code than the client: "
            "install the same workbench everywhere (and restart the workers after an upgrade)"
        )
    with _LOCK:  # one load per process, even with several threads
        if (name, version) not in _MODELS:
            try:
                _MODELS[name, version] = load_model(name)
            except ModelNotFound as exc:
                raise ModelNotFound(f"on Dask worker {here}: {exc}") from None
            _STATS["loads"] += 1
        return _MODELS[name, version]


def worker_stats() -> dict[str, int]:
    """Counters of this worker process: model ``loads``, ``partitions`` and ``articles`` analysed
    (``client.run(worker_stats)`` collects them from every worker)."""
    with _LOCK:
        return {key: _STATS[key] for key in ("loads", "partitions", "articles")}


def _worker_name() -> str:
    from distributed import get_worker

    try:
        return get_worker().address
    except ValueError:  # not inside a worker (called directly)
        return "(local)"
