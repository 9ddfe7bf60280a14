"""The options of one run, in one frozen object: built once (by the CLI from its arguments, by
:func:`workbench.analyse` from its keywords) and passed down to every stage that needs one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench.read import MAX_CHARS
from workbench.run.cache import default_cache_dir


@dataclass(frozen=True)
class RunOptions:
    """How to run the analysis (the tables depend on ``model``, ``actors``, ``topics``,
    ``overrides`` and ``max_chars``; the rest says where and how fast).

    - ``model``: installed spaCy pipeline (default: ``$WORKBENCH_SPACY_MODEL``, else an installed
      default);
    - ``jobs``: worker processes, or ``dask``: ``"local"`` or a scheduler address (not both);
    - ``cache``: reuse and store results in ``cache_dir`` (default: ``$WORKBENCH_CACHE_DIR``, else
      ``~/.cache/workbench``);
    - ``actors``, ``topics``: data files replacing the shipped ones; ``overrides``: analyst
      overrides;
    - ``max_chars``: articles longer than this are rejected, unparsed.
    """

    model: str | None = None
    jobs: int = 1
    cache: bool = True
    cache_dir: str | os.PathLike | None = None
    actors: str | os.PathLike | None = None
    topics: str | os.PathLike | None = None
    overrides: str | os.PathLike | None = None
    dask: str | None = None
    max_chars: int = MAX_CHARS

    def cache_path(self) -> Path | None:
        """The cache folder of the run, or None when the cache is off."""
        if not self.cache:
            return None
        return Path(self.cache_dir) if self.cache_dir else default_cache_dir()


DEFAULTS = RunOptions()  # every option at its default
