"""Tables written as a partitioned dataset (one parquet file per month, `--partition month`),
read back by workbench.load, the SQL views and the export alike."""

import shutil
import subprocess
import sys
from dataclasses import replace

import pandas as pd
from conftest import ROOT, hand_corpus

import workbench
from workbench.schema import TABLES, Corpus
from workbench.store.tables import write_chunks


def _halves(corpus: Corpus) -> list[Corpus]:
    """The corpus as two chunks, as the streamed analysis gives them: articles a, then b and c."""
    out = []
    for ids in ({"a"}, {"b", "c"}):
        out.append(
            replace(
                corpus,
                **{n: getattr(corpus, n)[getattr(corpus, n).article_id.isin(ids)] for n in TABLES},
            )
        )
    return out


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns[:3])).reset_index(drop=True)


def test_month_partitions_load_like_one_file(tmp_path):
    corpus = hand_corpus()
    write_chunks(_halves(corpus), tmp_path / "one")
    counts = write_chunks(_halves(corpus), tmp_path / "parts", partition="month")
    assert counts["quotes"] == len(corpus.quotes)
    parts = tmp_path / "parts"
    assert sorted(p.name for p in (parts / "quotes").iterdir()) == [
        "2026-03.parquet",
        "2026-06.parquet",
        "undated.parquet",
    ]
    assert not list(parts.glob("*.parquet")) and not list(parts.glob(".*.tmp"))
    one, many = workbench.load(tmp_path / "one"), workbench.load(parts)
    for name in TABLES:
        pd.testing.assert_frame_equal(_sorted(getattr(one, name)), _sorted(getattr(many, name)))
    assert len(many.entities) == 0  # an empty table is an empty folder, read with its columns
    assert list(many.entities.columns) == TABLES["entities"]
    by_month = workbench.sql(
        parts,
        "SELECT substr(a.date, 1, 7) AS month, count(*) AS n FROM quotes q "
        "JOIN articles a USING (article_id) GROUP BY ALL ORDER BY month NULLS LAST",
    )
    assert by_month.fillna("-").values.tolist() == [["2026-03", 1], ["2026-06", 2], ["-", 1]]
    assert workbench.sql(parts, "SELECT count(*) FROM entities").iloc[0, 0] == 0
    files = workbench.export(parts, tmp_path / "x", "cells,quotes")
    assert len(pd.read_csv(files[1])) == len(corpus.quotes)


def test_one_layout_replaces_the_other(tmp_path):
    corpus, out = hand_corpus(), tmp_path / "data"
    write_chunks([corpus], out)
    write_chunks([corpus], out, partition="month")
    assert not list(out.glob("*.parquet")) and (out / "articles").is_dir()
    write_chunks([corpus], out, partition="month")  # a folder replaces the old folder
    assert len(workbench.load(out).quotes) == len(corpus.quotes)
    write_chunks([corpus], out)
    assert not (out / "articles").exists() and (out / "articles.parquet").is_file()
    assert len(workbench.load(out).quotes) == len(corpus.quotes)
    assert not list(out.glob(".*.tmp"))


def test_a_dead_writers_folder_is_removed_and_mixed_parts_refused(tmp_path):
    from workbench.store.publish import MixedTables

    corpus, out = hand_corpus(), tmp_path / "data"
    write_chunks([corpus], out, partition="month")
    dead = out / ".quotes.x1y2.tmp"
    dead.mkdir()
    (dead / "2026-03.parquet").write_bytes(b"half")
    write_chunks([corpus], out, partition="month")
    assert not dead.exists()
    other = tmp_path / "other"
    write_chunks([corpus], other, partition="month")
    (other / "quotes" / "2026-06.parquet").replace(out / "quotes" / "2026-06.parquet")
    try:
        workbench.load(out)
    except MixedTables as exc:
        assert "quotes/2026-06.parquet" in str(exc)
    else:
        raise AssertionError("tables from two runs were loaded")


def test_cli_analyse_partition_month(tmp_path):
    out, corpus = tmp_path / "data", tmp_path / "corpus"
    corpus.mkdir()
    seeds = ROOT / "seeds"
    for name in (  # two dated demo documents of different months and the undated seed article
        "2022-01-24-readout-of-president-bidens-video-call-with-european-leaders-on-russia-and-ukraine.md",
        "2022-02-19-remarks-by-vice-president-harris-and-president-zelenskyy-before-bilateral-meeting.md",
        "000_9e8ae43d946c058c.txt",
    ):
        shutil.copy(seeds / name, corpus / name)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench",
            "analyse",
            corpus,
            "--out",
            out,
            "--partition",
            "month",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    months = sorted(p.name for p in (out / "articles").iterdir())
    assert months == ["2022-01.parquet", "2022-02.parquet", "undated.parquet"]
    assert len(workbench.load(out).articles) == 3
    assert len(workbench.load(out).quotes) > 0


def test_load_reads_only_the_tables_and_columns_asked_for(tmp_path):
    corpus, out = hand_corpus(), tmp_path / "data"
    write_chunks(_halves(corpus), out, partition="month")
    part = workbench.load(out, tables=["articles", "stances"], columns={"articles": ["article_id"]})
    assert part.quotes.empty and list(part.quotes.columns) == TABLES["quotes"]
    assert len(part.stances) == len(corpus.stances)
    assert list(part.articles.columns) == TABLES["articles"]
    assert part.articles.title.isna().all()
    assert sorted(part.articles.article_id) == ["a", "b", "c"]
