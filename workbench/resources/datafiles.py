"""Reading the YAML data files an analyst edits: checked against their schema
(``resources/schemas.py``), one-line errors naming the file, and a fingerprint for the cache."""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from workbench.resources.schemas import SCHEMAS, describe

# libyaml's parser when PyYAML has it (same mappings, several times faster: every data file is read
# twice by a command, once to check it before any work and once by its loader)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file that cannot be read or breaks its schema; the message is one line:
    ``FILE: key.path[2].name: expected …, got …``."""


def default_data_path(name: str) -> Path:
    """The shipped data file ``workbench/resources/data/{name}.yml``."""
    return Path(str(resources.files("workbench.resources") / "data" / f"{name}.yml"))


def read_data(path: str | os.PathLike, schema: str | None = None) -> tuple[dict, str]:
    """``(mapping, sha256 of the file)``, checked against ``schemas.SCHEMAS[schema]`` when given.
    Raises DataFileError (a ValueError) with one line naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        data = yaml.load(raw, Loader=_LOADER)  # a safe loader (_LOADER)
    except yaml.MarkedYAMLError as exc:
        line = f":{exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise DataFileError(f"{path}{line}: invalid YAML: {exc.problem or exc.context}") from exc
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for 2026-02-30
        raise DataFileError(f"{path}: invalid YAML: {str(exc).splitlines()[0]}") from exc
    data = {} if data is None else data
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping of keys at the top, got a {_kind(data)}")
    if schema is not None:
        model = SCHEMAS[schema]
        try:
            loop = _recursive(data)
            if loop is not None:
                raise DataFileError(
                    f"{path}: {loop}: recursive YAML alias (an anchor inside itself)"
                )
            model.model_validate(data)
        except ValidationError as exc:
            raise DataFileError(f"{path}: {describe(exc, model)}") from None
        except RecursionError:
            raise DataFileError(f"{path}: nested too deeply") from None
    return data, hashlib.sha256(raw).hexdigest()


def check_files(
    actors: str | os.PathLike | None = None,
    topics: str | os.PathLike | None = None,
    overrides: str | os.PathLike | None = None,
) -> None:
    """Check every data file in effect against its schema (the shipped ones, ``actors`` and
    ``topics`` in place of the shipped ones, the analyst's ``overrides``): the first bad file
    raises DataFileError. Cheap (no model, no parsing): run it before any analysis."""
    given = {"actors": actors, "topics": topics, "overrides": overrides}
    optional = ("overrides", "topic_model")  # an analyst's, or named by $WORKBENCH_TOPIC_CLASSIFIER
    for name in SCHEMAS:
        path = given.get(name) or (None if name in optional else default_data_path(name))
        if path is not None:
            read_data(path, name)


def _kind(value: object) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


def _recursive(data: object, where: str = "", inside: tuple[int, ...] = ()) -> str | None:
    """The key path of the first list or mapping that contains itself (``&a [*a]``), or None."""
    if not isinstance(data, dict | list):
        return None
    if id(data) in inside:
        return where or "(top)"
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        path = f"{where}[{key}]" if isinstance(key, int) else f"{where}{'.' if where else ''}{key}"
        found = _recursive(value, path, (*inside, id(data)))
        if found is not None:
            return found
    return None


def phrases(words: list) -> tuple[tuple[str, ...], ...]:
    """Lexicon entries as tuples of lower-case words, longest first."""
    out = {tuple(str(w).lower().replace("’", "'").split()) for w in words if str(w).strip()}
    return tuple(sorted(out, key=lambda p: (-len(p), p)))  # a fixed order, whatever the hash seed
