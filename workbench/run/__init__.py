"""The run: inputs -> (cache | spaCy in processes or on Dask) -> tables."""
