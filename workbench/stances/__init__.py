"""Stances: units, clauses, holders, topics, features, the learned scorer and cells."""
