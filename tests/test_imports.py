"""The package's layering: light stages never load spaCy, and the import contract holds."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LIGHT = [
    "workbench.schema",
    "workbench.store",
    "workbench.aggregate",
    "workbench.report",
]

PROBE = """
import importlib, pkgutil, sys
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), name + "."):
        importlib.import_module(info.name)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc")))
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("package", LIGHT)
def test_light_stage_and_all_its_modules_load_without_spacy(package):
    proc = _run(sys.executable, "-c", PROBE, package)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", f"{package} loads {proc.stdout.strip()}"


def test_the_public_api_is_lazy_and_complete():
    proc = _run(
        sys.executable,
        "-c",
        "import sys, workbench; assert 'spacy' not in sys.modules, sorted(sys.modules);"
        "print(all(callable(getattr(workbench, n)) for n in workbench.__all__ if n[0] != '_'))",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


def test_import_contract_is_kept():
    """Stages import only downward, and no cycle, imports inside functions included."""
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = _run(str(exe), "--no-cache")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout
