"""Every data file (shipped or the analyst's) is checked against its declared schema: one line
naming the file, the key path and what was expected; exit 2 before any analysis."""

import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, one_line_error

from workbench.resources import schemas
from workbench.resources.datafiles import DataFileError, check_files, default_data_path, read_data
from workbench.resources.topics import load_topics

DATA = ROOT / "workbench" / "resources" / "data"
TEXT = "Talks in Rome\nItalian Defence Minister Paolo Ferretti said sending troops was premature.\n"


@pytest.mark.parametrize(
    "text, where, expected",
    [
        ("topics: 5", "topics", "expected a list, got 5"),
        ("topics:\n  - {id: talks, triggers: 5}", "topics[0].triggers", "expected a list"),
        ("topics:\n  - {id: talks, addressee: RUS}", "topics[0].addressee", "expected a mapping"),
        ("topicz:\n  - {id: talks}", "topicz", "unknown key (expected: scope, topics)"),
        ("scope: {label: War}\ntopics: []", "scope.terms", "required key missing"),
        ("scope: {label: War, terms: [kyiv, 5]}\ntopics: []", "scope.terms[1]", "a string"),
        ("topics:\n  - {label: Talks}", "topics[0].id", "required key missing"),
        ("topics:\n  - {id: talks, triggers: [talks, 5]}", "topics[0].triggers[1]", "a string"),
        ("topics:\n  - {id: a}\n  - {id: a}", "topics[1].id", "duplicate topic id 'a'"),
        ("topics:\n  - {id: a, overrides: [b]}", "topics[0].overrides[0]", "unknown topic id 'b'"),
        (
            "topics:\n  - {id: a, stance_phrases: {maybe: [x]}}",
            "topics[0].stance_phrases.maybe",
            "expected 'support'",
        ),
    ],
)
def test_bad_topics_file_one_line(tmp_path, text, where, expected):
    path = tmp_path / "topics.yml"
    path.write_text(text + "\n", encoding="utf-8")
    message = one_line_error(load_topics, path)
    assert message.startswith(f"{path}: {where}: ") and expected in message, message


def test_every_shipped_data_file_has_a_schema_and_passes_it():
    names = sorted(p.stem for p in DATA.glob("*.yml"))
    # overrides are the analyst's; a topic classifier is written by `workbench train topics`
    assert names == sorted(set(schemas.SCHEMAS) - {"overrides", "topic_model"})
    for name in names:
        data, _ = read_data(default_data_path(name), name)
        assert data
    check_files()  # the shipped files as the CLI checks them


def test_a_bad_edit_of_a_shipped_file_is_caught(tmp_path):
    topics = yaml.safe_load((DATA / "topics.yml").read_text(encoding="utf-8"))
    topics["topics"][3]["trigers"] = topics["topics"][3].pop("triggers")
    path = tmp_path / "topics.yml"
    path.write_text(yaml.safe_dump(topics), encoding="utf-8")
    message = one_line_error(lambda p: read_data(p, "topics"), path)
    assert message.startswith(f"{path}: topics[3].trigers: unknown key (expected: id, label")
    stance = (DATA / "stance.yml").read_text(encoding="utf-8")
    path = tmp_path / "stance.yml"
    path.write_text(stance.replace("negation: [not,", "negation: [yes, not,"), encoding="utf-8")
    message = one_line_error(lambda p: read_data(p, "stance"), path)
    assert message == f"{path}: negation[0]: expected a string, got True"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "actors:\n  - {name: Jane Roe}\n  - name: Jo Roe\n   aliases: [Roe]",
            ":4: invalid YAML: ",
        ),
        ("- {name: Jane Roe}", ": expected a mapping of keys at the top, got a list"),
        (None, ": cannot read (No such file or directory)"),
        ("actors: " + "[" * 5000 + "]" * 5000, ": nested too deeply"),
    ],
)
def test_unreadable_data_file_one_line(tmp_path, text, expected):
    path = tmp_path / "actors.yml"
    if text is not None:
        path.write_text(text + "\n", encoding="utf-8")
    message = one_line_error(lambda p: read_data(p, "actors"), path)
    assert message.startswith(f"{path}{expected}"), message


def test_several_errors_on_one_line(tmp_path):
    path = tmp_path / "ov.yml"
    path.write_text("cells: 1\naliases: 2\nspeakers: 3\nextra: 4\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        check_files(overrides=path)
    assert str(caught.value) == (
        f"{path}: extra: unknown key (expected: cells, aliases, speakers); "
        "cells: expected a list, got 1; aliases: expected a list, got 2 (and 1 more)"
    )


def run(*args):
    command = [sys.executable, "-m", "workbench", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.parametrize(
    "option, text, expected",
    [
        ("--actors", "actors: [Bob Smith]", "actors[0]: expected a mapping"),
        ("--overrides", "cells: abc", "cells: expected a list, got 'abc'"),
        ("--overrides", "aliases: &a [*a]", "aliases[0]: recursive YAML alias"),
        ("--topics", "topicz: []", "topicz: unknown key (expected: scope, topics)"),
        ("--topics", "topics:\n  - {id: talks, addressee: RUS}", "topics[0].addressee: expected"),
    ],
)
def test_cli_bad_data_file_exit_2_one_line_nothing_written(tmp_path, option, text, expected):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rome.txt").write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "bad.yml"
    bad.write_text(text + "\n", encoding="utf-8")
    proc = run("analyse", tmp_path / "in", "--out", tmp_path / "out", option, bad)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"workbench: error: {bad}: {expected}"), lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("how", [["--overrides"], ["-p", "overrides"]])
def test_cli_render_bad_overrides_never_reach_a_notebook(tmp_path, how):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "rome.txt").write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "ov.yml"
    bad.write_text('cells: "abc"\n', encoding="utf-8")
    proc = run("render", tmp_path / "in", "--out", tmp_path / "reports", *how, bad)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"workbench: error: {bad}: cells: expected a list, got 'abc'\n"
    assert not (tmp_path / "reports").exists()


def test_schema_labels_follow_the_code():
    import typing

    from workbench.resources.weights import CLASSES
    from workbench.schema import SCALE

    assert set(typing.get_args(schemas.Label)) == set(SCALE.values())
    assert typing.get_args(schemas.ScorerClass) == CLASSES
