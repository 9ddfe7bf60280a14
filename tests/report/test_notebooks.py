"""The notebooks themselves: kept without outputs, parameters documented for papermill, and the
executed reports reproduced by nbval (a second execution gives the same outputs)."""

import json
import subprocess
import sys

import nbformat
import pytest
from conftest import ROOT

from workbench.report.render import REPORTS, execute

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = """\
[generated]
regex: \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC
replace: GENERATED-AT
"""


def test_every_notebook_is_committed_without_outputs():
    assert {p.stem for p in NOTEBOOKS} == {*REPORTS, "explore"}
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell_documented_for_papermill(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    help_text = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = [line.split(":")[0] for line in tagged[0].source.splitlines() if ":" in line]
    for name in names:
        assert f"  {name}: " in help_text, name
    report = {"data_dir", "countries", "topics", "start", "end", "voices", "overrides", "title"}
    wanted = {"data_dir"} if path.stem == "explore" else report
    assert wanted <= set(names)


def test_nbval_reproduces_the_executed_reports(rendered, tmp_path):
    sanitize = tmp_path / "sanitize.cfg"
    sanitize.write_text(SANITIZE)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--nbval",
            "-p",
            "no:cacheprovider",
            "-q",
            "--nbval-sanitize-with",
            str(sanitize),
            "--nbval-current-env",
            *[str(rendered / f"{name}.ipynb") for name in REPORTS],
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=rendered,
    )
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def test_explore_runs_top_to_bottom_with_live_widgets(rendered, tmp_path):
    out = tmp_path / "explore.ipynb"
    execute(ROOT / "notebooks" / "explore.ipynb", out, {"data_dir": str(rendered / "data")})
    nb = nbformat.read(out, as_version=4)
    state = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    names = {m["model_name"] for m in state.values()}
    assert {"DropdownModel", "TextModel", "OutputModel", "VBoxModel"} <= names
    views = [
        o
        for c in nb.cells
        for o in c.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert views, "the explorer is displayed as a widget"
    table = json.dumps([c.get("outputs") for c in nb.cells])
    assert "Corpus(17 articles" in table and "quote_id" in table  # the data, then panel.quotes


def test_explore_without_tables_says_so_in_one_line_and_analyses_the_demo_corpus(
    rendered_seed, tmp_path
):
    """A fresh clone: no reports/data yet. The notebook says what it does instead of a
    FileNotFoundError (after `rendered_seed`, the session's cache holds seeds/: quick)."""
    out = tmp_path / "explore.ipynb"
    execute(ROOT / "notebooks" / "explore.ipynb", out, {"data_dir": str(tmp_path / "none")})
    nb = nbformat.read(out, as_version=4)
    printed = [
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    ]
    assert any(t.startswith("No tables in ") and "make report" in t for t in printed), printed
    table = json.dumps([c.get("outputs") for c in nb.cells])
    assert "Corpus(41 articles" in table and "Traceback" not in table


def test_jupyter_lab_serves_the_notebooks(tmp_path):
    """A real JupyterLab server on loopback lists the notebooks and serves the lab page."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "workbench-test"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            "--allow-root",
            f"--ServerApp.root_dir={ROOT / 'notebooks'}",
            "--ServerApp.open_browser=False",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**__import__("os").environ, "JUPYTER_RUNTIME_DIR": str(tmp_path)},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, listing = time.monotonic() + 60, None
        while time.monotonic() < deadline and listing is None:
            try:
                with urllib.request.urlopen(f"{base}/api/contents?token={token}", timeout=5) as r:
                    listing = json.load(r)
            except OSError:
                time.sleep(0.5)
        assert listing is not None, "jupyter lab did not start within 60 s"
        names = {item["name"] for item in listing["content"]}
        assert {"explore.ipynb", "stance_matrix.ipynb"} <= names
        with urllib.request.urlopen(f"{base}/lab/tree/explore.ipynb?token={token}") as r:
            assert r.status == 200 and b"JupyterLab" in r.read()
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}") as r:
            assert "python3" in json.load(r)["kernelspecs"]
    finally:
        server.terminate()
        server.wait(timeout=30)
