"""Scoring the analysis against annotated gold files; training the stance scorer."""
