import re

import pandas as pd
from conftest import ROOT

import workbench
from workbench.corpus import TABLES


def test_write_and_load_round_trip(seed_corpus, tmp_path):
    written = workbench.write_tables(seed_corpus, tmp_path / "data")
    assert sorted(p.name for p in written) == [
        "articles.parquet", "blocks.parquet", "entities.parquet", "quotes.parquet", "rejected.csv",
        "stances.parquet",
    ]  # fmt: skip
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.endswith(".tmp")]
    back = workbench.load(tmp_path / "data")
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(seed_corpus, name), getattr(back, name))


def test_every_column_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, columns in TABLES.items():
        section = readme.split(f"### `{name}.parquet`", 1)[1].split("\n### ", 1)[0]
        documented = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.M))
        assert set(columns) <= documented, (name, set(columns) - documented)
