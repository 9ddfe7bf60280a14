import datetime as dt

import pytest

from workbench.read.dates import normalise_date


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-05-14", "2026-05-14"),
        ("14 May 2026", "2026-05-14"),
        ("May 14, 2026", "2026-05-14"),
        ("2026-05-14T10:30:00+02:00", "2026-05-14"),
        (dt.date(2026, 5, 14), "2026-05-14"),
        (dt.datetime(2026, 5, 14, 23, 0), "2026-05-14"),
        ("", None),
        (None, None),
    ],
)
def test_dates(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["next week", "12345", "2026-02-30"])
def test_not_dates(value):
    with pytest.raises(ValueError):
        normalise_date(value)
