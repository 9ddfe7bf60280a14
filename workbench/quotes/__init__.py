"""Quotes and their speakers. Importing this package registers the spaCy component
``workbench_quotes`` (:mod:`workbench.quotes.component`)."""

from workbench.quotes import component  # noqa: F401  (registers the spaCy factory)
