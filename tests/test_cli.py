"""The command line as a user meets it: exit codes, one line per problem, tables on disk."""

import os
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import pytest
from conftest import FIXTURES, ROOT

import workbench
from workbench.report.render import REPORTS

BAD = FIXTURES / "bad"


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def test_seed_analysed_exit_0(tmp_path):
    out = tmp_path / "data"
    proc = run("analyse", "seeds/", "--out", out)
    assert proc.returncode == 0, proc.stderr
    for name in ("articles", "entities", "blocks"):
        assert not pd.read_parquet(out / f"{name}.parquet").empty
    assert "Traceback" not in proc.stderr


def test_analyse_warns_when_the_catalogue_in_effect_may_not_fit(tmp_path):
    """The catalogue-fit check with an analyst's --topics file: the shipped topics, but a scope
    the State Department documents never name."""
    import yaml

    topics = yaml.safe_load((ROOT / "workbench/resources/data/topics.yml").read_text("utf-8"))
    topics["scope"] = {"label": "the Arctic", "terms": ["arctic*", "svalbard"]}
    arctic = tmp_path / "arctic.yml"
    arctic.write_text(yaml.safe_dump(topics), encoding="utf-8")
    docs = FIXTURES / "statements" / "dev_c"
    proc = run("analyse", docs, "--topics", arctic, "--out", tmp_path / "a")
    assert proc.returncode == 0, proc.stderr
    warning = [line for line in proc.stderr.splitlines() if line.startswith("workbench: warning")]
    assert len(warning) == 1 and "may not fit this corpus: only 0 of" in warning[0]
    assert "(the Arctic)" in warning[0]
    proc = run("analyse", docs, "--out", tmp_path / "b")
    assert proc.returncode == 0 and "warning" not in proc.stderr, proc.stderr


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


GOOD = (
    "Envoys meet in Lindenport\n\nThe envoy of Freedonia, Rufus Tarn, said the talks went well.\n"
)


def test_article_over_max_chars_is_rejected_and_the_rest_written(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD)
    (inputs / "long.txt").write_text(GOOD * 10)
    out = tmp_path / "data"
    proc = run("analyse", inputs, "--out", out, "--max-chars", 500)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = [ln for ln in proc.stderr.splitlines() if ln.startswith("workbench: rejected: ")]
    assert "long.txt: article is 890 characters, over the limit of 500 (--max-chars)" in line
    assert list(pd.read_parquet(out / "articles.parquet").article_id) == ["good"]
    assert "--max-chars" in pd.read_csv(out / "rejected.csv").reason[0]


def test_article_over_spacys_default_limit_no_longer_aborts_the_run(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD)
    (inputs / "huge.txt").write_text("Envoys meet\n\n" + "word " * 200_001)  # 1,000,018 chars
    out = tmp_path / "data"
    proc = run("analyse", inputs, "--out", out)
    assert proc.returncode == 1, proc.stderr
    assert "huge.txt: article is 1,000,018 characters, over the limit of 1,000,000" in proc.stderr
    assert list(pd.read_parquet(out / "articles.parquet").article_id) == ["good"]


def test_control_characters_in_file_names_forge_nothing(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD)
    forged = "a.txt\nworkbench: rejected: forged.txt"
    (inputs / forged).write_text("")
    (inputs / "carriage\rreturn.txt").write_text("")
    with open(os.fsencode(inputs) + b"/caf\xe9.txt", "wb") as f:  # a name that is not UTF-8
        f.write(GOOD.encode())
    out = tmp_path / "data"
    proc = run("analyse", inputs, "--out", out)
    assert proc.returncode == 1, proc.stderr
    articles = pd.read_parquet(out / "articles.parquet")
    assert sorted(articles.path) == [str(inputs / "caf\\xe9.txt"), str(inputs / "good.txt")]
    rejected = [ln for ln in proc.stderr.splitlines() if ln.startswith("workbench: rejected: ")]
    assert len(rejected) == 2
    assert any(repr(str(inputs / forged)) in ln for ln in rejected)
    table = workbench.load(out).rejected
    assert sorted(table.path) == sorted(
        [str(inputs / forged), str(inputs / "carriage\rreturn.txt")]
    )


def _tiny_notebooks(folder):
    """Report notebooks that only read the tables: a real render, in seconds."""
    folder.mkdir()
    for name in REPORTS:
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('data_dir = "data"')
        params.metadata["tags"] = ["parameters"]
        body = nbformat.v4.new_code_cell("import workbench\nprint(workbench.load(data_dir))")
        nb.cells = [params, body]
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_render_into_a_folder_inside_the_input_never_reads_its_own_reports(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "rep").mkdir(parents=True)
    (corpus / "talks.txt").write_text(GOOD)
    earlier = "<html><head><title>Stance matrix</title></head><body><p>Freedonia said so.</p>"
    (corpus / "rep" / "stance_matrix.html").write_text(earlier)  # as a first render left it
    notebooks = _tiny_notebooks(tmp_path / "notebooks")
    report = ["--notebooks", notebooks, "--report", "stance_matrix"]
    proc = run("render", corpus, "--out", corpus / "rep", *report)
    assert proc.returncode == 0, proc.stderr
    data = corpus / "rep" / "data"
    assert list(pd.read_parquet(data / "articles.parquet").article_id) == ["talks"]
    assert "Stance matrix" not in (corpus / "rep" / "stance_matrix.html").read_text()
    shutil.copytree(corpus / "rep", corpus / "old-rep")  # an older render, not this run's output
    proc = run("analyse", corpus, "--out", tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    assert list(pd.read_parquet(tmp_path / "data" / "articles.parquet").article_id) == ["talks"]


def test_cli_builds_one_run_options_from_its_arguments():
    """Each of the nine run flags of analyse (and render) lands in the one RunOptions."""
    from workbench.cli import build_parser, run_options
    from workbench.run.options import RunOptions

    flags = ["--model", "m", "--dask", "local", "--no-cache", "--cache-dir", "c"]
    flags += ["--actors", "a.yml", "--topics", "t.yml", "--overrides", "o.yml"]
    flags += ["--max-chars", "99"]
    for command in (["analyse", "x", "--out", "o"], ["render"]):
        args = build_parser().parse_args([*command, *flags])
        assert run_options(args) == RunOptions(
            model="m",
            jobs=1,
            cache=False,
            cache_dir="c",
            actors="a.yml",
            topics="t.yml",
            overrides="o.yml",
            dask="local",
            max_chars=99,
        )
    args = build_parser().parse_args(["analyse", "x", "--out", "o", "--jobs", "3"])
    assert run_options(args) == RunOptions(jobs=3)


def test_train_topics_writes_a_classifier_the_analysis_reads(tmp_path):
    out = tmp_path / "topic_model.yml"
    gold = FIXTURES / "stances" / "gold_set_d.yml"
    proc = run("train", "topics", gold, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert out.exists() and out.with_suffix(".npz").exists()
    from workbench.resources.topicmodel import load_topic_classifier

    classifier = load_topic_classifier(out)
    assert classifier.notes["trained_on"] == ["gold_set_d.yml"]
    assert "troop_deployment" in classifier.classes
    env = {**os.environ, "WORKBENCH_TOPIC_CLASSIFIER": str(out)}
    seed = ROOT / "seeds" / "000_9e8ae43d946c058c.txt"
    analysed = subprocess.run(
        [sys.executable, "-m", "workbench", "analyse", seed, "--out", tmp_path / "t", "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env=env,
    )
    assert analysed.returncode == 0, analysed.stderr


def test_train_topics_names_a_missing_gold_file_in_one_line(tmp_path):
    proc = run("train", "topics", tmp_path / "nope.yml", "--out", tmp_path / "m.yml")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'nope.yml'}: no such gold file"
