"""The report filters, checked for an export exactly as ``workbench render -p`` checks them.

The rules are the reports' own (:data:`workbench.report.params.RULES`), so a filter value means
the same in an export as in a report: countries by name, demonym or code, dates as
``YYYY-MM-DD``, ``voices`` one of all, self, government.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.report.params import RULES, parse_value, validated

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
    fields = {name: (RULES[name], None) for name in FILTERS}
    return validated("ExportFilters", fields, given, problems)
