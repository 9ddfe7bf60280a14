"""Normalise publication dates to ISO ``YYYY-MM-DD`` strings (or None)."""

from __future__ import annotations

import datetime as dt

from dateutil import parser as _dateparser


def normalise_date(value: object) -> str | None:
    """Return an ISO date for a date, datetime or date-like string; None when empty.

    Raises ValueError for a non-empty value that is not a date, so the caller can warn.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = str(value).strip()
    if not s:
        return None
    if s.isdigit() and len(s) != 8:
        raise ValueError(f"not a date: {s!r}")
    try:
        parsed = _dateparser.parse(s, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"not a date: {s!r}") from exc
    if parsed.year < 1900 or parsed.year == 1900 and not s.startswith("1900"):
        raise ValueError(f"not a date: {s!r}")
    return parsed.date().isoformat()
