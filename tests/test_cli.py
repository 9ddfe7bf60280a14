"""The command line as a user meets it: exit codes, one line per problem, tables on disk."""

import shutil
import subprocess
import sys

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

BAD = FIXTURES / "bad"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=300)  # fmt: skip


def test_seed_analysed_exit_0(tmp_path):
    out = tmp_path / "data"
    proc = run("analyse", "seeds/", "--out", out)
    assert proc.returncode == 0, proc.stderr
    for name in ("articles", "entities", "blocks"):
        assert not pd.read_parquet(out / f"{name}.parquet").empty
    assert "Traceback" not in proc.stderr


def test_bad_inputs_exit_1_one_line_each_good_files_analysed(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(BAD, inputs)
    shutil.copy(FIXTURES / "linking" / "berlin_talks.md", inputs)
    out = tmp_path / "data"
    proc = run("analyse", inputs, "--out", out)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    rejected = [ln for ln in lines if ln.startswith("workbench: rejected: ")]
    expected = {
        "empty.txt: empty file",
        "blank.txt: empty file",
        "binary.txt: binary file",
        "mixed.jsonl:2: malformed JSON",
        "mixed.jsonl:3: line is not a JSON object",
        "mixed.jsonl:4: no 'text' field",
    }
    for piece in expected:
        assert sum(piece in ln for ln in rejected) == 1, piece
    assert len(rejected) == len(expected)
    warnings = [ln for ln in lines if ln.startswith("workbench: warning: ")]
    assert any("bad_front.md: unreadable front matter" in w for w in warnings)
    assert any("latin1.txt: not valid UTF-8" in w for w in warnings)

    articles = pd.read_parquet(out / "articles.parquet")
    assert set(articles.article_id) == {
        "bad_front",
        "broken",
        "latin1",
        "ok-1",
        "ok-2",
        "berlin-talks",
    }
    table = pd.read_csv(out / "rejected.csv")
    assert (table.level == "error").sum() == len(expected)
    assert set(table.columns) == {"path", "line", "level", "reason"}


@pytest.mark.parametrize(
    "args, message",
    [
        (["analyse", "no/such/path", "--out", "X"], "no such file or folder"),
        (["analyse", "tests/fixtures/bad/../empty_dir_xyz", "--out", "X"], "no such file"),
        (["analyse", "seeds/", "--out", "X", "--jobs", "0"], "--jobs"),
        (["analyse", "seeds/", "--out", "X", "--model", "no_such_model"], "no_such_model"),
        (["analyse", "seeds/"], "--out"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    args = [str(tmp_path / "X") if a == "X" else a for a in args]
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_nothing_to_read_exit_2(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    proc = run("analyse", tmp_path, "--out", tmp_path / "out")
    assert proc.returncode == 2
    assert "nothing to read" in proc.stderr


def test_console_script_is_installed():
    exe = shutil.which("workbench", path=str(ROOT / ".venv" / "bin")) or shutil.which("workbench")
    assert exe, "the `workbench` console script is not installed"
    proc = subprocess.run([exe, "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("workbench ")
