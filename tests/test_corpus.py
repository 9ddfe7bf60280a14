import os

import pytest

from workbench.corpus import Article, assign_ids, find_inputs


def _tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One\nText.")
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "deep" / "two.md").write_text("Two\nText.")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden\nText.")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "x.txt").write_text("Hidden\nText.")
    (tmp_path / "a" / "notes.csv").write_text("x,y")
    os.symlink(tmp_path / "a", tmp_path / "a" / "deep" / "loop")  # a symlink loop
    return tmp_path / "a"


def test_recursive_hidden_skipped_symlink_loop_read_once(tmp_path):
    root = _tree(tmp_path)
    files, problems = find_inputs([root, root / "one.txt"])
    names = sorted(p.name for p in files)
    assert names == ["one.txt", "two.md"]
    assert problems == []


def test_unknown_suffix_named_explicitly_is_reported(tmp_path):
    root = _tree(tmp_path)
    files, problems = find_inputs([root / "notes.csv"])
    assert files == [] and "unsupported file type" in problems[0].reason


def test_missing_path_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        find_inputs([tmp_path / "nope"])


def test_ids_from_metadata_or_stem_and_collisions_made_unique():
    arts = [
        Article(path="x/report.txt", text="t", blocks=[]),
        Article(path="y/report.md", text="t", blocks=[]),
        Article(path="z/feed.jsonl", text="t", blocks=[], line=3),
        Article(path="z/a.txt", text="t", blocks=[], id="wire 7"),
        Article(path="z/b.txt", text="t", blocks=[], id="wire 7"),
    ]
    assign_ids(arts)
    assert [a.article_id for a in arts] == ["report", "report-2", "feed-3", "wire_7", "wire_7-2"]
