"""Report parameters (``render -p``): checked against the notebooks before any analysis runs."""

import json
import shutil
import subprocess
import sys

import pytest

from workbench.report.params import ParameterError, check_parameters
from workbench.report.render import REPORTS, notebooks_dir, render_reports

ARTICLE = (
    'Minister Ana Testa of Freedonia said on Monday that her country "will not send troops".\n'
)


def _problems(values, reports=REPORTS, notebooks=None):
    with pytest.raises(ParameterError) as caught:
        check_parameters(values, reports, notebooks)
    return caught.value.problems


def _render(tmp_path, *params):
    """``workbench render`` of one small fictional article with ``-p`` pairs; (code, lines)."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    pairs = [arg for name, value in params for arg in ("-p", name, value)]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "render",
            str(article),
            "--out",
            str(tmp_path / "r"),
            "--cache-dir",
            str(tmp_path / "cache"),
            *pairs,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=240,
    )
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "r").exists()  # failed before analysing: nothing written
    return run.returncode, run.stderr.strip().splitlines()


# Each case of the issue: (name, value, what the one line says).
CASES = [
    ("start", "2026-13-45", "-p start: '2026-13-45' is not a date: expected YYYY-MM-DD"),
    ("start", "not-a-date", "-p start: 'not-a-date' is not a date: expected YYYY-MM-DD"),
    ("start", "May 2026", "-p start: 'May 2026' is not a date: expected YYYY-MM-DD"),
    ("countrys", "[FRA]", "-p countrys: no such parameter in stance_matrix, quote_timeline"),
    ("countries", "[Narnia]", "unknown country 'Narnia': expected a country name, demonym or"),
    ("half_life", "-3", "-p half_life: input should be greater than 0, got -3"),
    ("countries", "{a: 1}", "-p countries: expected a list such as [a, b], not dict"),
]


@pytest.mark.parametrize(("name", "value", "says"), CASES)
def test_each_bad_parameter_of_the_issue_is_one_line(name, value, says):
    problems = _problems({name: value})
    assert len(problems) == 1 and says in problems[0]


def test_cli_bad_parameters_exit_2_with_one_line_each_before_analysing(tmp_path):
    code, lines = _render(
        tmp_path,
        ("start", "2026-13-45"),
        ("countrys", "[FRA]"),
        ("countries", "{a: 1}"),
        ("half_life", "-3"),
    )
    assert code == 2
    assert len(lines) == 4 and all(line.startswith("workbench: error: -p ") for line in lines)
    for name in ("start", "countrys", "countries", "half_life"):
        assert sum(line.startswith(f"workbench: error: -p {name}:") for line in lines) == 1


def test_cli_free_text_dates_and_unknown_countries_exit_2(tmp_path):
    code, lines = _render(
        tmp_path, ("start", "May 2026"), ("end", "not-a-date"), ("countries", "[France, Narnia]")
    )
    assert code == 2 and len(lines) == 3
    assert "'May 2026' is not a date" in lines[0] or "'May 2026' is not a date" in lines[1]
    assert any("unknown country 'Narnia'" in line and "ISO code" in line for line in lines)


def test_cli_start_after_end_is_one_line(tmp_path):
    code, lines = _render(tmp_path, ("start", "2026-06-01"), ("end", "2026-05-01"))
    assert code == 2
    assert lines == [
        "workbench: error: -p start 2026-06-01 is after -p end 2026-05-01: no article can match"
    ]


def test_countries_by_name_demonym_or_code_become_codes():
    checked = check_parameters(
        {"countries": "[France, German, fra, GB, Britons, European Union, france]"}, REPORTS
    )
    assert checked == {"countries": ["FRA", "DEU", "GBR", "EUU"]}
    assert check_parameters({"country": "Italian"}, ["country_dashboard"]) == {"country": "ITA"}
    assert check_parameters({"countries": "DEU, ITA"}, REPORTS) == {"countries": ["DEU", "ITA"]}
    assert check_parameters({"countries": [], "country": ""}, REPORTS) == {
        "countries": [],
        "country": "",
    }


def test_an_unknown_name_suggests_and_lists_the_valid_ones():
    (line,) = _problems({"half_live": "3"}, ["stance_matrix"])
    assert "did you mean half_life?" in line
    assert "valid: countries, end, half_life, overrides, start, title, topics, voices" in line
    assert "data_dir" not in line.split("valid:")[1]  # set by render itself
    assert "set by workbench render" in _problems({"data_dir": "x"})[0]


def test_a_parameter_counts_when_any_selected_report_takes_it():
    assert _problems({"max_points": "10"}, ["stance_matrix"])[0].startswith("-p max_points: no ")
    assert check_parameters({"max_points": "10"}, ["stance_matrix", "quote_timeline"]) == {
        "max_points": 10
    }


def test_names_and_types_come_from_the_notebooks_parameters_cells(tmp_path):
    for name in REPORTS:
        shutil.copy(notebooks_dir() / f"{name}.ipynb", tmp_path)
    path = tmp_path / "stance_matrix.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    source = "".join(cell["source"]).replace("half_life: float = 14.0", "min_share: int = 2")
    cell["source"] = source
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert check_parameters({"min_share": "3"}, ["stance_matrix"], tmp_path) == {"min_share": 3}
    assert "input should be a valid integer" in _problems({"min_share": "x"}, REPORTS, tmp_path)[0]
    assert "no such parameter" in _problems({"half_life": "3"}, ["stance_matrix"], tmp_path)[0]


def test_numbers_must_be_in_range():
    assert check_parameters({"half_life": "7.5"}, REPORTS) == {"half_life": 7.5}
    for value, says in [("0", "greater than 0"), (".inf", "finite number"), ("x", "valid number")]:
        assert says in _problems({"half_life": value})[0]
    assert "greater than or equal to 1" in _problems({"max_points": "0"})[0]
    assert "valid integer" in _problems({"max_points": "2.5"})[0]
    assert "greater than or equal to 0" in _problems({"min_words": "-1"})[0]
    assert check_parameters({"min_words": "0"}, REPORTS) == {"min_words": 0}


def test_choices_and_text_parameters():
    assert "'all', 'self' or 'government', got 'loud'" in _problems({"voices": "loud"})[0]
    assert "'stance' or 'country'" in _problems({"color_by": "size"})[0]
    checked = check_parameters({"title": "2026", "topics": "[2024, troop_deployment]"}, REPORTS)
    assert checked == {"title": "2026", "topics": ["2024", "troop_deployment"]}  # as typed
    assert check_parameters({"title": "Germany: a view"}, REPORTS) == {"title": "Germany: a view"}


def test_every_problem_is_listed_at_once():
    problems = _problems({"start": "2026-02-30", "half_life": "-1", "voices": "x", "nope": "1"})
    assert len(problems) == 4


def test_overrides_must_exist_and_become_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fixes.yml").write_text("cells: []\n", encoding="utf-8")
    checked = check_parameters({"overrides": "fixes.yml"}, REPORTS)
    assert checked == {"overrides": str(tmp_path / "fixes.yml")}
    assert _problems({"overrides": "missing.yml"}) == ["-p overrides: no such file: missing.yml"]


def test_render_reports_checks_parameters_before_running_anything(tmp_path):
    with pytest.raises(ParameterError, match="-p start: '2026-13-45' is not a date"):
        render_reports(tmp_path / "data", tmp_path / "out", {"start": "2026-13-45"})
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("value", "kinds"),
    [
        ("[person, government]", ["person", "government"]),
        ("anonymous,Document", ["anonymous", "document"]),  # comma-separated, any case
        ("group", ["group"]),
        ("null", []),  # the default, None: every kind
    ],
)
def test_speaker_kinds_are_the_kinds_of_the_quotes_table(value, kinds):
    checked = check_parameters({"speaker_kinds": value}, ["quote_timeline", "country_dashboard"])
    assert checked == {"speaker_kinds": kinds}


@pytest.mark.parametrize("value", ["officials", "[person, officials]", "[named]"])
def test_an_unknown_speaker_kind_is_one_line_listing_the_kinds(value):
    problems = _problems({"speaker_kinds": value}, ["quote_timeline"])
    assert len(problems) == 1
    assert problems[0].startswith("-p speaker_kinds: unknown speaker kind ")
    assert (
        "expected one or more of person, government, organisation, group, anonymous"
        in (problems[0])
    )


def test_speaker_kinds_is_a_parameter_of_the_reports_that_show_quotes():
    for report in ("quote_timeline", "country_dashboard"):
        assert check_parameters({"speaker_kinds": "person"}, [report])
    assert "no such parameter" in _problems({"speaker_kinds": "person"}, ["stance_matrix"])[0]


def test_cli_unknown_speaker_kind_exits_2_before_analysing(tmp_path):
    code, lines = _render(tmp_path, ("speaker_kinds", "[person, officials]"))
    assert code == 2 and len(lines) == 1
    assert lines[0].startswith(
        "workbench: error: -p speaker_kinds: unknown speaker kind 'officials'"
    )
