"""The tables as parquet: written as one set, loaded back."""
