import os
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


def test_tables_get_ordinary_file_permissions(seed_corpus, tmp_path):
    """Written through private temporary files, the tables still get 0666 less the umask (not
    mkstemp's 0600), streamed or not."""
    from workbench.tables import write_chunks

    umask = os.umask(0o022)
    try:
        written = workbench.write_tables(seed_corpus, tmp_path / "a")
        write_chunks([seed_corpus], tmp_path / "b")
    finally:
        os.umask(umask)
    files = [*written, *(tmp_path / "b").iterdir()]
    assert len(files) == 12
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {"0o644"}
