"""Headless notebook runs (workbench.report.kernel): widget output never stalls a cell, every
wait is bounded, and each failure is one line naming the notebook and the cell."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

from workbench.report.kernel import KernelError, run_notebook


def _notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('data_dir: str = ""  # the tables')
    params.metadata.tags = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nbformat.write(nb, path)
    return path


WIDGET_CELL = """\
import ipywidgets as w
from IPython.display import display
out = w.Output()
display(out)
for i in range(50):
    with out:
        print(i)
"""


def test_cells_writing_into_output_widgets_never_wait_for_their_reply(tmp_path):
    """Twenty cells writing into Output widgets each finish well within their timeout, and the
    widgets still record what was printed: nbclient's Output widget mimic wrote to the shell
    socket that the cell's reply was awaited on, which stalled cells. History:
    docs/history.md#report-renders-that-hung"""
    source = _notebook(tmp_path / "widgets.ipynb", *[WIDGET_CELL] * 20)
    out = tmp_path / "out.ipynb"
    run_notebook(source, out, {}, cell_timeout=20)
    nb = nbformat.read(out, as_version=4)
    durations = [c.metadata.papermill.duration for c in nb.cells if c.cell_type == "code"]
    assert max(durations) < 10, durations
    state = nb.metadata.widgets["application/vnd.jupyter.widget-state+json"]["state"]
    captured = [m["state"]["outputs"] for m in state.values() if m["model_name"] == "OutputModel"]
    assert len(captured) == 20 and all(o and o[0]["text"].startswith("0\n") for o in captured)


def test_a_cell_over_its_timeout_is_one_line_naming_notebook_and_cell(tmp_path):
    source = _notebook(tmp_path / "slow.ipynb", "x = 1", "import time\ntime.sleep(60)")
    start = time.monotonic()
    with pytest.raises(KernelError) as err:
        run_notebook(source, tmp_path / "out.ipynb", {}, cell_timeout=2)
    assert time.monotonic() - start < 30
    assert str(err.value).startswith("slow.ipynb: cell 3 did not finish within 2 s")
    assert "\n" not in str(err.value)


def test_the_whole_run_stops_at_its_deadline(tmp_path):
    source = _notebook(tmp_path / "long.ipynb", *["import time\ntime.sleep(1.5)"] * 6)
    start = time.monotonic()
    with pytest.raises(
        KernelError, match=r"long\.ipynb: cell \d+ did not finish within the render"
    ):
        run_notebook(source, tmp_path / "out.ipynb", {}, cell_timeout=60, deadline=start + 4)
    assert time.monotonic() - start < 30


def test_a_kernel_that_never_answers_fails_after_the_start_timeout(tmp_path, monkeypatch):
    spec = tmp_path / "kernels" / "silent"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", "import time; time.sleep(60)", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "silent", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    source = _notebook(tmp_path / "any.ipynb", "x = 1")
    start = time.monotonic()
    with pytest.raises(KernelError) as err:
        run_notebook(
            source, tmp_path / "out.ipynb", {}, cell_timeout=10, start_timeout=3, kernel="silent"
        )
    assert time.monotonic() - start < 30
    assert str(err.value).startswith("any.ipynb: the 'silent' kernel did not start")


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _can_unshare(), reason="needs `unshare -n` (root or user namespaces)")
def test_render_without_loopback_is_one_line_and_exit_2(tmp_path):
    """With the network namespace's loopback down no kernel can be reached: the render ends
    quickly with one line and exit 2 (history: docs/history.md#fixed-behaviours)."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Ministers met.\n\nThe talks went on into the night.\n")
    start = time.monotonic()
    run = subprocess.run(
        [
            "unshare",
            "-n",
            sys.executable,
            "-m",
            "workbench",
            "render",
            str(corpus),
            "--out",
            str(tmp_path / "out"),
            "--report",
            "stance_matrix",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 2, run.stderr
    assert time.monotonic() - start < 40
    errors = [line for line in run.stderr.splitlines() if "error" in line]
    assert errors == [
        "workbench: error: no kernel can be reached: loopback networking (127.0.0.1) is "
        "unavailable (Network is unreachable)"
    ]
    assert "Traceback" not in run.stderr


def test_render_cell_timeout_is_one_line_and_exit_2(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "stance_matrix.ipynb", "import time\ntime.sleep(60)")
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Ministers met.\n\nThe talks went on into the night.\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "render",
            str(corpus),
            "--out",
            str(tmp_path / "out"),
            "--report",
            "stance_matrix",
            "--notebooks",
            str(notebooks),
            "--cell-timeout",
            "3",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert run.returncode == 2, run.stderr
    errors = [line for line in run.stderr.splitlines() if "error" in line]
    assert errors == [
        "workbench: error: stance_matrix.ipynb: cell 3 did not finish within 3 s "
        "(stopped after 3 s)"
    ]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("value", ["0", "-3", "soon", "inf"])
def test_timeouts_must_be_positive_seconds(value, capsys):
    from workbench.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["render", "seeds/", "--cell-timeout", value])
    assert stop.value.code == 2
    assert "expected a number of seconds above 0" in capsys.readouterr().err
