"""Aggregates of the tables: the stance matrix, analyst overrides, report views."""
