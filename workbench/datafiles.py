"""Reading the YAML data files an analyst edits: one-line errors and a fingerprint for the cache."""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

import yaml


def default_data_path(name: str) -> Path:
    """The shipped data file ``workbench/data/{name}.yml``."""
    return Path(str(resources.files("workbench") / "data" / f"{name}.yml"))


def read_data(path: str | os.PathLike) -> tuple[dict, str]:
    """``(mapping, sha256 of the file)``. Raises ValueError with one line naming the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = yaml.safe_load(raw) or {}
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read data file ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: data file must be a mapping")
    return data, hashlib.sha256(raw).hexdigest()
