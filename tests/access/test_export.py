"""workbench export: the tables, filtered like the reports, as Excel or CSV, read back the same."""

import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT, hand_corpus
from openpyxl import load_workbook

import workbench
from workbench.access.sheets import SHEETS, export_frames
from workbench.report.params import ParameterError
from workbench.resources.topics import topic_labels


@pytest.fixture
def data(tmp_path):
    corpus = hand_corpus()
    corpus.articles.loc[corpus.articles.article_id == "b", "url"] = "https://example.org/b"
    corpus.quotes.loc[0, "text"] = "=1+1 is no formula"  # text that starts like a formula
    workbench.write_tables(corpus, tmp_path / "data")
    return tmp_path / "data"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def _expected(data, **filters):
    return export_frames(workbench.load(data), None, topic_labels(), **filters)


def _same(read: pd.DataFrame, want: pd.DataFrame) -> None:
    """``read`` (a sheet or CSV read back by pandas) holds the values of ``want``."""
    assert list(read.columns) == list(want.columns)
    assert len(read) == len(want)
    for column in want.columns:
        got, exp = read[column].tolist(), want[column].tolist()
        for g, e in zip(got, exp, strict=True):
            if pd.isna(e):
                assert pd.isna(g) or g == "", (column, g, e)
            elif column == "date":
                assert pd.Timestamp(g).date().isoformat() == e
            elif isinstance(e, (bool, int, float)) and not isinstance(g, str):
                assert float(g) == pytest.approx(float(e)), column
            else:
                assert str(g) == str(e), column


def test_excel_workbook_round_trip(data, tmp_path):
    [path] = workbench.export(data, tmp_path / "out.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    want = _expected(data)
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        assert header == list(want[name].columns)
        assert all(sheet.column_dimensions[c.column_letter].width >= 8 for c in sheet[1])
        _same(pd.read_excel(path, sheet_name=name), want[name])
    quotes = book["quotes"]
    dates = [r[0].value for r in quotes.iter_rows(min_row=2)]
    assert dt.datetime(2026, 3, 1) in dates and None in dates  # Excel dates; undated stays empty
    assert quotes.cell(2, 1).number_format == "yyyy-mm-dd"
    formula = [c for row in quotes.iter_rows() for c in row if c.value == "=1+1 is no formula"]
    assert formula and formula[0].data_type == "s"


def test_matrix_sheet_shows_country_names_topic_labels_counts_and_changes(data, tmp_path):
    [path] = workbench.export(data, tmp_path / "m.xlsx", "matrix,evidence")
    book = load_workbook(path)
    assert book.sheetnames == ["matrix", "evidence"]
    rows = list(book["matrix"].iter_rows(values_only=True))
    assert rows[0] == ("country_code", "country", "Troops to Ukraine", "US backstop")
    germany = next(r for r in rows if r[0] == "DEU")
    assert germany[1] == "Germany"
    assert germany[2] == "conditional (2) ↻"  # sceptical in March, conditional in June
    assert germany[3] == "conditional (1)"
    evidence = pd.read_excel(path, sheet_name="evidence")
    assert set(evidence.statement) == {"too early", "only with a backstop", "we are ready"}
    b = evidence[evidence.article_id == "b"]
    assert set(b.url) == {"https://example.org/b"} and set(b.source) == {"Ledger"}
    assert set(evidence.voiced_by.dropna()) <= {"Jonas Albrecht", "Claire Morel"}


def test_csv_round_trip_with_and_without_bom(data, tmp_path):
    plain = workbench.export(data, tmp_path / "csv")
    bom = workbench.export(data, tmp_path / "bom/", bom=True)
    assert [p.name for p in plain] == [f"{n}.csv" for n in SHEETS]
    want = _expected(data)
    for p, b in zip(plain, bom, strict=True):
        raw, marked = p.read_bytes(), b.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and marked == b"\xef\xbb\xbf" + raw
        _same(pd.read_csv(p, keep_default_na=True), want[p.stem])
        _same(pd.read_csv(b, encoding="utf-8-sig"), want[p.stem])
    quotes = pd.read_csv(plain[SHEETS.index("quotes")])
    tables = workbench.load(data).quotes
    assert sorted(quotes.quote_id) == sorted(tables.quote_id)
    assert set(quotes.text) == set(tables.text)


def test_report_filters_apply_as_in_the_reports(data, tmp_path):
    files = workbench.export(
        data, tmp_path / "f", countries="Germany", start="2026-04-01", topics=["troop_deployment"]
    )
    read = {p.stem: pd.read_csv(p) for p in files}
    assert set(read["cells"].country_code) == {"DEU"}
    assert set(read["cells"].topic) == {"troop_deployment"}
    assert read["cells"].n_statements.tolist() == [1]  # the March statement is before start
    assert read["articles"].article_id.tolist() == ["b"]
    assert read["quotes"].quote_id.tolist() == ["b:1"]
    assert set(read["stances"].topic_label) == {"Troops to Ukraine"}


def test_voices_narrow_the_matrix(data, tmp_path):
    files = workbench.export(data, tmp_path / "v", "cells", voices="government")
    assert len(pd.read_csv(files[0])) == 3
    with pytest.raises(ParameterError, match="voices"):
        workbench.export(data, tmp_path / "v", "cells", voices="nobody")


def test_cli_export_and_its_usage_errors(data, tmp_path):
    ok = run(
        "export", data, "--to", tmp_path / "x.xlsx", "--what", "matrix", "-p", "countries", "FRA"
    )
    assert ok.returncode == 0, ok.stderr
    assert load_workbook(tmp_path / "x.xlsx").sheetnames == ["matrix"]
    for args, message in [
        (["--to", tmp_path / "x.ods"], "expected FILE.xlsx or a folder"),
        (["--to", tmp_path / "y.xlsx", "-p", "countries", "Atlantis"], "unknown country"),
        (["--to", tmp_path / "y.xlsx", "-p", "start", "2026-13-01"], "is not a date"),
        (["--to", tmp_path / "y.xlsx", "-p", "colour", "red"], "not an export filter"),
        (["--to", tmp_path / "y.xlsx", "--what", "matrix,charts"], "unknown table 'charts'"),
    ]:
        bad = run("export", data, *args)
        assert bad.returncode == 2, args
        assert message in bad.stderr and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
    missing = run("export", tmp_path / "nothing", "--to", tmp_path / "z.xlsx")
    assert missing.returncode == 2 and "no articles.parquet" in missing.stderr
    assert not (tmp_path / "y.xlsx").exists()


def test_demo_corpus_workbook_has_the_documented_sheets_and_the_tables_values(
    seed_corpus, tmp_path
):
    """The acceptance case: the seed's tables exported; the matrix names countries and topics,
    and the stances and quotes sheets read back hold the tables' rows and values."""
    data = tmp_path / "data"
    workbench.write_tables(seed_corpus, data)
    [path] = workbench.export(data, tmp_path / "matrix.xlsx")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == list(SHEETS)
    header = next(book["matrix"].iter_rows(values_only=True))
    labels = topic_labels()
    assert header[:2] == ("country_code", "country")
    assert set(header[2:]) <= set(labels.values()) and len(header) > 2
    countries = [r[1] for r in book["matrix"].iter_rows(min_row=2, values_only=True)]
    assert "United Kingdom" in countries
    tables = workbench.load(data)
    for name, columns in [
        ("stances", ["article_id", "actor", "topic", "label", "stance", "evidence", "rule"]),
        ("stances", ["article_id", "evidence", "cue", "cue_class", "holder_via", "topic_via", "p"]),
        ("quotes", ["article_id", "quote_id", "speaker", "text", "start_char", "end_char"]),
    ]:
        read = pd.read_excel(path, sheet_name=name)
        want = getattr(tables, name)
        assert len(read) == len(want)
        got = read[columns].sort_values(columns, kind="stable").reset_index(drop=True)
        exp = want[columns].sort_values(columns, kind="stable").reset_index(drop=True)
        for column in columns:
            assert [None if pd.isna(v) else v for v in got[column]] == [
                None if pd.isna(v) else v for v in exp[column]
            ], (name, column)


def test_tables_of_an_older_version_export_and_a_broken_file_is_one_line(data, tmp_path):
    """A quotes file without a column a later version added reads with that column null; a
    damaged parquet file is one line, exit 2."""
    import pyarrow.parquet as pq

    path = data / "quotes.parquet"
    table = pq.read_table(path)
    pq.write_table(table.drop_columns(["speaker_kind"]), path)
    files = workbench.export(data, tmp_path / "old", "quotes")
    quotes = pd.read_csv(files[0])
    assert len(quotes) == 4 and quotes.speaker_kind.isna().all()
    path.write_bytes(b"PAR1 not parquet PAR1")
    bad = run("export", data, "--to", tmp_path / "b.xlsx")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1, bad.stderr
