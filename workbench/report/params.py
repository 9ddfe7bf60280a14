"""Report parameters (``render -p NAME VALUE``) checked before any analysis or notebook runs.

Which names exist, and their base types, come from the report notebooks' ``parameters`` cells
(:func:`papermill.inspect_notebook`), so the check never drifts from the notebooks: a name is
valid when any of the selected reports declares it. What a value may be beyond its type (dates,
countries, choices, ranges) is declared once, in :data:`RULES`, as pydantic annotated types.

Values given as text (the command line) are read by the declared type: text parameters keep the
text as typed (``-p title 2026``), the others are read as YAML (``-p countries "[France, DEU]"``).
Checked values come back normalised: countries as ISO alpha-3 codes, dates as ``YYYY-MM-DD``, the
overrides file as an absolute path (the notebooks run in the output folder).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import pycountry
import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
)

from workbench.aggregate.views import NON_COUNTRIES
from workbench.report.notebooks import notebooks_dir
from workbench.resources.gazetteer import load_gazetteer
from workbench.schema import SPEAKER_KINDS

SET_BY_RENDER = {"data_dir": "set by workbench render itself (the tables it writes into OUT/data)"}
COUNTRY_HINT = "expected a country name, demonym or ISO code, e.g. France, French, FRA or FR"


class ParameterError(ValueError):
    """Report parameters that cannot be used: one line per problem in ``problems``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_value(text: str) -> object:
    """A ``-p NAME VALUE`` value read as YAML, so lists, numbers and booleans work on the command
    line (``-p countries "[FRA, DEU]"``). Anything else stays the text as given: invalid YAML, and
    text that YAML would read as a mapping without braces (``-p title "Germany: a view"``)."""
    try:
        value = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):  # ValueError: a date YAML cannot build ("2026-13-45")
        return text
    if isinstance(value, str) or (isinstance(value, dict) and not text.lstrip().startswith("{")):
        return text
    return value


def _items(value: object) -> list:
    """A list parameter: a list, or one value / comma-separated text (``-p countries FRA,DEU``)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [value]
    raise ValueError(f"expected a list such as [a, b], not {type(value).__name__} {value!r}")


def _text(value: object) -> object:
    """A list item as text (``-p topics "[2024]"``); anything but a number is left to the type."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


@cache
def _country_lookup() -> tuple[dict[str, str], set[str]]:
    """Lower-cased country names and demonyms (and the EU's names) -> alpha-3 code, and the codes
    the matrix can hold, from the gazetteer (pycountry + ``data/countries.yml``)."""
    gaz = load_gazetteer()
    names = {
        key: entry.country_code
        for key, entry in gaz.names.items()
        if entry.country_code
        and (
            entry.kind == "country"
            or (entry.type == "organisation" and entry.canonical in NON_COUNTRIES.values())
        )
    }
    return names, set(gaz.country_names)


def country_code(value: object) -> str:
    """The alpha-3 code of a country given by name ("France"), demonym ("French"), alpha-3 code
    ("FRA", "fra") or alpha-2 code ("FR"); "" stays "" (no country)."""
    if not isinstance(value, str):
        raise ValueError(f"{COUNTRY_HINT}, not {value!r}")
    text = " ".join(value.replace("’", "'").split())
    if not text:
        return ""
    names, codes = _country_lookup()
    if text.upper() in codes:
        return text.upper()
    if len(text) == 2 and (country := pycountry.countries.get(alpha_2=text.upper())):
        return country.alpha_3
    code = names.get(text.lower())
    if code is None:
        raise ValueError(f"unknown country {value!r}: {COUNTRY_HINT}")
    return code


def iso_date(value: object) -> str:
    """A date as ``YYYY-MM-DD`` (a real calendar date); "" stays "" (no limit)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    text = value.strip() if isinstance(value, str) else None
    if text == "":
        return ""
    if text is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2026-05-01")


def existing_file(value: str) -> str:
    """An existing file as an absolute path; "" stays "" (none)."""
    if not value:
        return ""
    path = Path(value).expanduser()
    if not path.is_file():
        raise ValueError(f"no such file: {value}")
    return str(path.resolve())


def speaker_kind(value: str) -> str:
    """A quote's speaker kind (``quotes.speaker_kind``), in any case."""
    kind = value.strip().lower()
    if kind not in SPEAKER_KINDS:
        raise ValueError(
            f"unknown speaker kind {value!r}: expected one or more of {', '.join(SPEAKER_KINDS)}"
        )
    return kind


def _none_is_all(value: object) -> object:
    """A list parameter whose default is None (all): ``-p speaker_kinds null`` is no filter."""
    return [] if value is None else value


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


def text_list(item: Any = StrictStr) -> Any:
    """A list of ``item`` (numbers read as text), given as a list or one or more comma-separated
    values; each value once, in the order given."""
    items = list[Annotated[item, BeforeValidator(_text)]]
    return Annotated[items, BeforeValidator(_items), AfterValidator(_unique)]


Country = Annotated[StrictStr, AfterValidator(country_code)]
IsoDate = Annotated[Any, AfterValidator(iso_date)]
SpeakerKind = Annotated[StrictStr, AfterValidator(speaker_kind)]

# What each parameter may be, beyond the type its notebook declares (one place for every check).
RULES: dict[str, Any] = {
    "countries": text_list(Country),
    "country": Country,
    "topics": text_list(),
    "speakers": text_list(),
    "speaker_kinds": Annotated[text_list(SpeakerKind), BeforeValidator(_none_is_all)],
    "start": IsoDate,
    "end": IsoDate,
    "voices": Literal["all", "self", "government"],
    "color_by": Literal["stance", "country"],
    "half_life": Annotated[StrictFloat, Field(gt=0, allow_inf_nan=False)],
    "max_points": Annotated[StrictInt, Field(ge=1)],
    "min_words": Annotated[StrictInt, Field(ge=0)],
    "overrides": Annotated[StrictStr, AfterValidator(existing_file)],
}
# Types papermill infers from a parameters cell (``name: type = default``), for the other names.
TYPES: dict[str, Any] = {
    "str": StrictStr,
    "int": StrictInt,
    "float": StrictFloat,
    "bool": StrictBool,
    "list": text_list(),
    "dict": dict,
}


def declared(notebooks: Path, reports: Iterable[str]) -> dict[str, dict]:
    """Each parameter the ``reports`` declare: papermill's description (name, inferred type name,
    default, help) plus ``reports``, the reports that take it."""
    import papermill

    out: dict[str, dict] = {}
    for report in reports:
        for name, info in papermill.inspect_notebook(str(notebooks / f"{report}.ipynb")).items():
            out.setdefault(name, {**info, "reports": []})["reports"].append(report)
    return out


def check_parameters(
    values: Mapping[str, object],
    reports: Iterable[str],
    notebooks: str | os.PathLike | None = None,
) -> dict[str, object]:
    """``values`` checked against the parameters the ``reports`` declare, normalised (see the
    module docs). Raises :class:`ParameterError` listing every problem, one line each."""
    reports = tuple(reports)
    params = declared(notebooks_dir(notebooks), reports)
    valid = sorted(n for n in params if n not in SET_BY_RENDER)
    problems, given = [], {}
    for name, value in values.items():
        if name in SET_BY_RENDER:
            problems.append(f"-p {name}: {SET_BY_RENDER[name]}")
        elif name not in params:
            close = difflib.get_close_matches(name, valid, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            problems.append(
                f"-p {name}: no such parameter in {', '.join(reports)} "
                f"({hint}valid: {', '.join(valid)})"
            )
        elif isinstance(value, str) and params[name]["inferred_type_name"] != "str":
            given[name] = parse_value(value)
        else:
            given[name] = value
    fields = {
        name: (RULES.get(name, TYPES.get(info["inferred_type_name"], Any)), None)
        for name, info in params.items()
    }
    return validated("ReportParameters", fields, given, problems)


def validated(
    name: str, fields: dict[str, tuple], given: Mapping[str, object], problems: list[str]
) -> dict[str, Any]:
    """``given`` checked by a model of ``fields`` (name -> (type, default)) and normalised;
    ``start`` after ``end`` is a problem too. Raises :class:`ParameterError` with ``problems`` and
    every new one, one line each."""
    model = create_model(name, **fields)
    checked: dict[str, Any] = {}
    try:
        checked = model.model_validate(given).model_dump(exclude_unset=True)
    except ValidationError as exc:
        problems = [*problems, *(_line(error, given) for error in exc.errors())]
    start, end = checked.get("start"), checked.get("end")
    if start and end and start > end:
        problems = [*problems, f"-p start {start} is after -p end {end}: no article can match"]
    if problems:
        raise ParameterError(problems)
    return checked


def _line(error: dict, given: Mapping[str, object]) -> str:
    """One pydantic error as one line: ``-p NAME: what is wrong``."""
    name = error["loc"][0]
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] != "value_error":
        message = f"{message[:1].lower()}{message[1:]}, got {given[name]!r}"
    return f"-p {name}: {message}"
