"""The data files (``data/*.yml``), their schemas and loaders:
gazetteers, cues, stance lexicon, topics, scorer weights."""
