"""Rendering: papermill runs with parameters, the CLI, and the offline HTML it writes."""

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import FIXTURES, REPORT_CORPUS, datatable, render

from workbench.report.params import parse_value
from workbench.report.render import REPORTS, RenderError, execute, notebooks_dir

EXPECTED = yaml.safe_load((FIXTURES / "reports" / "expected.yml").read_text(encoding="utf-8"))
PAYLOADS = [p["text"] for p in EXPECTED["payloads"]]


def _html(rendered: Path, name: str) -> str:
    return (rendered / f"{name}.html").read_text(encoding="utf-8")


def _figures(notebook: Path) -> list[dict]:
    nb = nbformat.read(notebook, as_version=4)
    return [
        out["data"]["application/vnd.plotly.v1+json"]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if "application/vnd.plotly.v1+json" in out.get("data", {})
    ]


def test_render_writes_each_report_and_its_executed_notebook(rendered):
    for name in REPORTS:
        assert (rendered / f"{name}.html").stat().st_size > 100_000
        assert _figures(rendered / f"{name}.ipynb"), name
    assert (rendered / "data" / "stances.parquet").is_file()


@pytest.mark.parametrize("name", REPORTS)
def test_html_is_offline_self_contained_and_hides_code(rendered, name):
    html = _html(rendered, name)
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", html)
    assert not re.search(r"@import\s+url\(\s*[\"']?https?:", html)
    assert html.count("* plotly.js v") == 1  # plotly.js inlined once
    assert "import workbench" not in html and "report.setup()" not in html  # no code
    assert 'class="wb-header"' in html and 'id="method-notes"' in html
    assert "17 articles from 5 named sources" in html
    assert "2026-03-02 to 2026-06-28 (1 undated)" in html


@pytest.mark.parametrize("name", REPORTS)
def test_article_text_never_appears_as_markup(rendered, name):
    html = _html(rendered, name)
    for payload in PAYLOADS:
        assert payload not in html, payload
    assert "window.__pwned" in html or name == "stance_matrix"  # the quotes are there, as text


def test_live_widget_cells_are_left_out_of_the_html(rendered):
    html = _html(rendered, "country_dashboard")
    assert "Live panel (JupyterLab)" not in html
    assert "application/vnd.jupyter.widget-view+json" not in html
    nb = nbformat.read(rendered / "country_dashboard.ipynb", as_version=4)
    assert "widgets" in nb.metadata  # papermill stored the live widget state


def test_the_dashboard_offers_every_country_with_a_position(rendered):
    fig = _figures(rendered / "country_dashboard.ipynb")[0]
    labels = {b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]}
    assert {"Germany", "Italy", "France", "United States", "Russian Federation"} <= labels


def test_the_matrix_flags_the_changes_of_the_fixture(rendered):
    heat = _figures(rendered / "stance_matrix.ipynb")[0]["data"][0]
    cells = {
        (y, x): t
        for y, row in zip(heat["y"], heat["text"], strict=True)
        for x, t in zip(heat["x"], row, strict=True)
    }
    assert cells[("Germany", "Troops to Ukraine")].startswith("conditional")
    assert "↻" in cells[("Germany", "Troops to Ukraine")]
    assert cells[("Italy", "Troops to Ukraine")].startswith("oppose")
    assert "↻" in cells[("Italy", "Troops to Ukraine")]


def test_two_renders_differ_only_in_the_generation_time(rendered, tmp_path_factory):
    again = render(tmp_path_factory, REPORT_CORPUS, "rendered-again")

    def norm(text: str) -> str:
        return re.sub(r'(<span class="wb-generated">)[^<]*', r"\1", text)

    for name in REPORTS:
        first, second = _html(rendered, name), _html(again, name)
        assert norm(first) == norm(second), name


def test_papermill_parameters_narrow_the_report(tmp_path, rendered):
    out = tmp_path / "matrix.ipynb"
    params = {
        "data_dir": str(rendered / "data"),
        "countries": ["DEU", "ITA"],
        "voices": "self",
        "end": "2026-05-31",
        "title": "Before June",
    }
    execute(notebooks_dir() / "stance_matrix.ipynb", out, params)
    heat = _figures(out)[0]["data"][0]
    assert set(heat["y"]) == {"Germany", "Italy"}
    row = heat["y"].index("Germany")
    assert heat["text"][row][heat["x"].index("Troops to Ukraine")].startswith("sceptical")
    nb = nbformat.read(out, as_version=4)
    assert nb.metadata.papermill.parameters["countries"] == ["DEU", "ITA"]


def test_cli_render_one_report_with_parameters(tmp_path, rendered):
    cache = tmp_path / "cache"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "render",
            str(REPORT_CORPUS),
            "--out",
            str(tmp_path),
            "--cache-dir",
            str(cache),
            "--report",
            "quote_timeline",
            "-p",
            "countries",
            "[Germany]",
            "-p",
            "title",
            "Germany <only>",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "[1/1] quote_timeline" in run.stderr
    html = (tmp_path / "quote_timeline.html").read_text(encoding="utf-8")
    assert "<h1>Germany &lt;only&gt;</h1>" in html
    assert not (tmp_path / "stance_matrix.html").exists()
    fig = _figures(tmp_path / "quote_timeline.ipynb")[0]
    assert {t["name"] for t in fig["data"] if t.get("x") != [None]} == {"Germany"}
    nb = nbformat.read(tmp_path / "quote_timeline.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters["countries"] == ["DEU"]  # the name read as its code


def test_the_quote_tables_show_the_speaker_kind(rendered):
    html = _html(rendered, "quote_timeline")
    columns, rows = datatable(html, "wb-quotes")
    assert columns[1:3] == ["speaker", "speaker kind"]
    kinds = {r[2] for r in rows}
    assert {"person", "government"} <= kinds and len(kinds) >= 3  # the fixture's unnamed too
    assert "Speaker kind: person, government and organisation name who spoke" in html
    dashboard = _html(rendered, "country_dashboard")
    columns, _ = datatable(dashboard, "wb-dashboard-quotes")  # every country's quotes
    assert "speaker kind" in columns
    columns, _ = datatable(dashboard, "wb-speakers")  # and who speaks for each
    assert columns[:3] == ["country", "speaker", "kind"]
    assert "<small>(self, person)</small>" in _html(rendered, "stance_matrix")  # evidence


def test_the_speaker_kinds_parameter_keeps_the_quotes_of_those_kinds(tmp_path, rendered):
    out = tmp_path / "timeline.ipynb"
    params = {"data_dir": str(rendered / "data"), "speaker_kinds": ["group", "anonymous"]}
    execute(notebooks_dir() / "quote_timeline.ipynb", out, params)
    nb = nbformat.read(out, as_version=4)
    tables = [
        o["data"]["text/html"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if 'id="wb-quotes"' in o.get("data", {}).get("text/html", "")
    ]
    assert len(tables) == 1
    _, rows = datatable(tables[0], "wb-quotes")
    assert rows and all(re.fullmatch(r"group[^<]*|anonymous", r[2]) for r in rows)
    fig = _figures(out)[0]
    speakers = {y for t in fig["data"] for y in (t.get("y") or []) if y}
    assert speakers and "Jonas Albrecht" not in speakers


def test_a_failing_notebook_is_one_line_naming_the_cell(tmp_path, rendered):
    # the shipped notebooks with one cell that raises: parameters and data files are all valid,
    # so the failure happens inside the notebook, as a broken analyst edit of a notebook would
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in REPORTS:
        nb = nbformat.read(notebooks_dir() / f"{name}.ipynb", as_version=4)
        if name == "stance_matrix":
            nb.cells.append(nbformat.v4.new_code_cell('raise ValueError("a fictional failure")'))
        nbformat.write(nb, notebooks / f"{name}.ipynb")
    args = ["render", REPORT_CORPUS, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache"]
    args += ["--report", "stance_matrix", "--notebooks", notebooks]
    run = subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)], capture_output=True, text=True
    )
    assert run.returncode == 2
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("workbench: error: stance_matrix.ipynb: cell ")
    assert last.endswith("failed: ValueError: a fictional failure")
    assert "Traceback" not in run.stderr


def test_missing_notebooks_folder_is_a_clear_error(tmp_path):
    with pytest.raises(RenderError, match="no report notebooks in"):
        notebooks_dir(tmp_path)


def test_parameter_values_are_read_as_yaml():
    assert parse_value("[FRA, DEU]") == ["FRA", "DEU"]
    assert parse_value("14") == 14 and parse_value("true") is True
    assert parse_value("Germany: a view") == "Germany: a view"  # not a mapping
    assert parse_value("a: [b") == "a: [b"  # invalid YAML: kept as text
    assert parse_value("{a: 1}") == {"a": 1}
    assert parse_value("2026-13-45") == "2026-13-45"  # YAML cannot build the date: kept as text


def test_the_demo_corpus_spans_years_and_shows_a_change_of_position(rendered_seed):
    """`make report` on seeds/: dated quotes over at least three years, and at least one country
    whose position on a topic changed over time (the dashboard's "Position over time")."""
    import workbench
    from workbench.aggregate.views import history

    corpus = workbench.load(rendered_seed / "data")
    assert len(corpus.articles) == 41  # the seed article and the 40 White House documents
    dated = corpus.articles.set_index("article_id").date.reindex(corpus.quotes.article_id)
    years = {d[:4] for d in dated.dropna()}
    assert len(years) >= 3, years
    moves = history(corpus).groupby(["key", "topic"]).label.nunique()
    assert (moves > 1).any()
    for name in ("index", *REPORTS):
        assert (rendered_seed / f"{name}.html").is_file()


def test_the_index_summarises_the_corpus_and_links_the_reports(rendered):
    html = (rendered / "index.html").read_text(encoding="utf-8")
    for name in REPORTS:
        assert f'<a href="{name}.html">' in html
    assert "<b>Articles:</b>" in html and "<b>Dates:</b>" in html
    assert '<abbr title="DEU">Germany</abbr>' in html  # country names, codes on hover
    assert '<abbr title="troop_deployment">Troops to Ukraine</abbr>' in html  # topic labels
    assert "<script" not in html.lower()  # a plain page
    for name in REPORTS:  # every report links to the index and the others
        page = _html(rendered, name)
        assert '<a href="index.html">Index</a>' in page
        assert all(f'href="{other}.html"' in page for other in REPORTS)
