"""The report filters, checked for an export exactly as ``workbench render -p`` checks them.

The rules are the reports' own (:data:`workbench.report.params.RULES`), so a filter value means
the same in an export as in a report: countries by name, demonym or code, dates as
``YYYY-MM-DD``, ``voices`` one of all, self, government.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError, create_model

from workbench.report.params import RULES, ParameterError, _line, parse_value

# The parameters of the stance matrix report that narrow or shape what an export holds.
FILTERS = ("countries", "topics", "start", "end", "voices", "overrides", "half_life")
TEXT = {"overrides"}  # read as typed on the command line; the others as YAML (like render -p)


def check_filters(values: Mapping[str, object]) -> dict[str, Any]:
    """``values`` (name -> value, text from the command line or Python values) checked and
    normalised by the reports' rules. Raises :class:`ParameterError`, one line per problem."""
    problems, given = [], {}
    for name, value in values.items():
        if name not in FILTERS:
            problems.append(f"-p {name}: not an export filter (valid: {', '.join(FILTERS)})")
        elif isinstance(value, str) and name not in TEXT:
            given[name] = parse_value(value)
        else:
            given[name] = value
    model = create_model("ExportFilters", **{name: (RULES[name], None) for name in FILTERS})
    checked: dict[str, Any] = {}
    try:
        checked = model.model_validate(given).model_dump(exclude_unset=True)
    except ValidationError as exc:
        problems += [_line(error, given) for error in exc.errors()]
    start, end = checked.get("start"), checked.get("end")
    if start and end and start > end:
        problems.append(f"-p start {start} is after -p end {end}: no article can match")
    if problems:
        raise ParameterError(problems)
    return checked
