"""workbench sql / workbench.sql: DuckDB views over the parquet tables, and the example queries
of docs/usage.md answered on fictional tables."""

import re
import subprocess
import sys

import pandas as pd
import pytest
from conftest import ROOT

import workbench
from workbench.schema import (
    ARTICLE_COLUMNS,
    ENTITY_COLUMNS,
    QUOTE_COLUMNS,
    STANCE_COLUMNS,
    TABLES,
    Corpus,
    frame,
)
from workbench.store.sql import QueryError

USAGE = ROOT / "docs" / "usage.md"


def analysts_corpus() -> Corpus:
    """Four articles (one undated), fictional French, German and British speakers."""
    arts = [
        ("p1", "2026-02-10", "Wire", "https://example.org/p1"),
        ("p2", "2026-03-15", "Ledger", "https://example.org/p2"),
        ("p3", "2026-04-02", "Wire", None),
        ("p4", None, "Courier", None),
    ]
    articles = frame(
        [
            {"article_id": a, "date": d, "source": s, "url": u, "title": a.upper(), "text": "x"}
            for a, d, s, u in arts
        ],
        ARTICLE_COLUMNS,
    )
    quotes_rows = [  # article, quote, speaker, kind, country
        ("p1", "p1:0-9", "Claire Morel", "person", "FRA"),  # before March
        ("p2", "p2:0-9", "Claire Morel", "person", "FRA"),
        ("p3", "p3:0-9", "Luc Garnier", "person", "FRA"),
        ("p3", "p3:20-29", "Jonas Albrecht", "person", "DEU"),
        ("p4", "p4:0-9", "officials", "group", "GBR"),
    ]
    quotes = frame(
        [
            {
                "article_id": a,
                "quote_id": q,
                "speaker": s,
                "speaker_kind": k,
                "speaker_country": c,
                "text": f"words of {s}",
                "kind": "direct",
            }
            for a, q, s, k, c in quotes_rows
        ],
        QUOTE_COLUMNS,
    )
    stance_rows = [  # article, quote, actor, country, topic, stance, role, cue class, topic via
        (
            "p1",
            "p1:0-9",
            "Claire Morel",
            "FRA",
            "sanctions",
            1.0,
            "government",
            "readiness cue",
            "named",
        ),
        (
            "p2",
            "p2:0-9",
            "Claire Morel",
            "FRA",
            "sanctions",
            0.5,
            "government",
            "condition",
            "named",
        ),
        (
            "p2",
            "p2:0-9",
            "Claire Morel",
            "FRA",
            "peace_talks",
            1.0,
            "government",
            "none",
            "borrowed",
        ),
        (
            "p3",
            "p3:0-9",
            "Luc Garnier",
            "FRA",
            "sanctions",
            -1.0,
            "legislature",
            "refusal cue",
            "named",
        ),
        (
            "p3",
            "p3:20-29",
            "Jonas Albrecht",
            "DEU",
            "sanctions",
            -0.5,
            "government",
            "hedge",
            "named",
        ),
    ]
    stances = frame(
        [
            {
                "article_id": a,
                "quote_id": q,
                "actor": who,
                "country_code": c,
                "topic": t,
                "stance": v,
                "role_class": r,
                "confidence": 0.9,
                "evidence": f"words of {who}",
                "cue_class": cue,
                "topic_via": via,
            }
            for a, q, who, c, t, v, r, cue, via in stance_rows
        ],
        STANCE_COLUMNS,
    )
    entities = frame(
        [
            {"article_id": a, "text": "NATO", "canonical": "NATO", "kind": "organisation"}
            for a in ("p1", "p2", "p3", "p3")
        ],
        ENTITY_COLUMNS,
    )
    return Corpus(articles=articles, entities=entities, quotes=quotes, stances=stances)


@pytest.fixture
def data(tmp_path):
    workbench.write_tables(analysts_corpus(), tmp_path / "data")
    return tmp_path / "data"


def documented_queries() -> dict[str, str]:
    """The ```sql blocks of docs/usage.md, by their first line (a ``-- question`` comment)."""
    text = USAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```sql\n(.*?)^```", text, flags=re.S | re.M)
    return {b.splitlines()[0].removeprefix("-- "): b for b in blocks}


EXPECTED = {
    "every quote by a French official on sanctions since March, with its source": [
        ("2026-03-15", "Ledger", "https://example.org/p2", "Claire Morel", "words of Claire Morel")
    ],
    "quotes by country and month": [
        ("FRA", "2026-02", 1),
        ("FRA", "2026-03", 1),
        ("DEU", "2026-04", 1),
        ("FRA", "2026-04", 1),
    ],
    "the most quoted named speakers": [
        ("Claire Morel", "FRA", 2),
        ("Jonas Albrecht", "DEU", 1),
        ("Luc Garnier", "FRA", 1),
    ],
    "where each country stands on each topic: statements and mean stance": [
        ("DEU", "sanctions", 1, -0.5),
        ("FRA", "peace_talks", 1, 1.0),
        ("FRA", "sanctions", 3, 0.17),
    ],
    "which outlets mention an organisation, and how often": [("Wire", 3), ("Ledger", 1)],
    "how each statement was found (the structured trace): the ones to check first are those": [
        ("condition", "named", 1),
        ("hedge", "named", 1),
        ("none", "borrowed", 1),
        ("readiness cue", "named", 1),
        ("refusal cue", "named", 1),
    ],
}


def test_every_documented_query_is_tested():
    assert set(documented_queries()) == set(EXPECTED)


@pytest.mark.parametrize("question", sorted(EXPECTED))
def test_documented_query_answers(data, question):
    df = workbench.sql(data, documented_queries()[question])
    rows = [tuple(None if pd.isna(v) else v for v in r) for r in df.itertuples(index=False)]
    assert rows == EXPECTED[question]


def test_views_hold_the_tables_rows_and_values(data):
    corpus = workbench.load(data)
    for name in ("articles", "entities", "quotes", "stances", "blocks"):
        df = workbench.sql(data, f"SELECT * FROM {name}")
        want = getattr(corpus, name)
        assert list(df.columns) == TABLES[name]
        assert len(df) == len(want)
        for column in want.columns:
            got = [None if pd.isna(v) else v for v in df[column]]
            exp = [None if pd.isna(v) else v for v in want[column]]
            assert got == exp, (name, column)


def test_bad_query_raises_one_line(data):
    with pytest.raises(QueryError) as err:
        workbench.sql(data, "SELECT nope FROM quotes")
    assert "Binder Error" in str(err.value) and "\n" not in str(err.value)


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "workbench", "sql", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_cli_prints_writes_and_refuses(data, tmp_path):
    shown = run(data, "SELECT speaker, count(*) AS n FROM quotes GROUP BY ALL ORDER BY n DESC")
    assert shown.returncode == 0, shown.stderr
    assert "Claire Morel" in shown.stdout and "│" in shown.stdout
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"q.{suffix}"
        wrote = run(data, "SELECT quote_id, speaker FROM quotes ORDER BY quote_id", "--out", out)
        assert wrote.returncode == 0, wrote.stderr
        back = pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out)
        assert back.quote_id.tolist() == sorted(analysts_corpus().quotes.quote_id)
    for args, message in [
        (["SELEC 1"], "Parser Error: syntax error"),
        (["SELECT * FROM nowhere"], "Catalog Error"),
        (["SELECT CAST('x' AS INT)"], "Conversion Error"),
        (["SELECT 1", "--out", tmp_path / "x.xlsx"], "expected FILE.csv or FILE.parquet"),
    ]:
        bad = run(data, *args)
        assert bad.returncode == 2, args
        assert message in bad.stderr and "Traceback" not in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    missing = run(tmp_path / "none", "SELECT 1")
    assert missing.returncode == 2 and "no articles.parquet" in missing.stderr


def test_tables_from_different_runs_are_refused(data, tmp_path):
    from workbench.store.publish import MixedTables

    other = tmp_path / "other"
    workbench.write_tables(analysts_corpus(), other)
    (other / "quotes.parquet").replace(data / "quotes.parquet")
    with pytest.raises(MixedTables):
        workbench.sql(data, "SELECT 1")
    assert run(data, "SELECT 1").returncode == 2


def test_a_damaged_table_file_is_one_line(data):
    (data / "stances.parquet").write_bytes(b"PAR1 not parquet PAR1")
    bad = run(data, "SELECT count(*) FROM quotes")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1, bad.stderr
