"""workbench: an analyst workbench for diplomatic news.

>>> import workbench
>>> corpus = workbench.analyse(["seeds/"])      # doctest: +SKIP
>>> corpus.entities.head()                       # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("workbench")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .corpus import Corpus  # noqa: E402
from .matrix import Cell, stance_matrix  # noqa: E402
from .pipeline import analyse  # noqa: E402
from .tables import load, write_tables  # noqa: E402

__all__ = ["Cell", "Corpus", "analyse", "load", "stance_matrix", "write_tables", "__version__"]
