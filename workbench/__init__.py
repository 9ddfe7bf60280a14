"""workbench: an analyst workbench for diplomatic news.

>>> import workbench
>>> corpus = workbench.analyse(["seeds/"])      # doctest: +SKIP
>>> corpus.entities.head()                       # doctest: +SKIP

The stages are subpackages, each importing only the ones below it (``.importlinter``):
schema -> resources -> read -> nlp -> entities -> quotes -> stances -> aggregate / store -> run
-> evaluate -> report -> access -> cli. The public names below load their stage on first use, so
that ``import workbench`` (or a light stage such as ``workbench.store``) does not load spaCy.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("workbench")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

_PUBLIC = {
    "Cell": "workbench.aggregate.matrix",
    "Corpus": "workbench.schema",
    "analyse": "workbench.run.pipeline",
    "export": "workbench.access.export",
    "load": "workbench.store.tables",
    "sql": "workbench.store.sql",
    "stance_matrix": "workbench.aggregate.matrix",
    "write_tables": "workbench.store.tables",
}
__all__ = [*_PUBLIC, "__version__"]


def __getattr__(name: str) -> object:
    """The public API, imported lazily (PEP 562)."""
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
