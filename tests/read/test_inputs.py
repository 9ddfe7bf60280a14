import os

import pytest

from workbench.read.inputs import assign_ids, find_inputs, mark_output
from workbench.schema import Article, Problem


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


def test_a_folders_notice_and_readme_are_not_articles_unless_named(tmp_path):
    root = _tree(tmp_path)
    (root / "NOTICE.md").write_text("# Notice\nPublic domain.")
    (root / "deep" / "README.txt").write_text("About\nThese files.")
    files, _ = find_inputs([root])
    assert sorted(p.name for p in files) == ["one.txt", "two.md"]
    files, problems = find_inputs([root / "NOTICE.md"])
    assert [p.name for p in files] == ["NOTICE.md"] and problems == []


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


@pytest.mark.timeout(20)
def test_fifo_and_dangling_symlink_in_a_folder_are_reported(tmp_path):
    (tmp_path / "good.txt").write_text("Good\nText.")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.csv")  # other suffixes stay ignored
    files, problems = find_inputs([tmp_path])
    assert [p.name for p in files] == ["good.txt"]
    reasons = {os.path.basename(p.path): p.reason for p in problems}
    assert set(reasons) == {"pipe.txt", "dangling.txt"}
    assert "named pipe" in reasons["pipe.txt"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert all(p.level == "error" for p in problems)


@pytest.mark.timeout(20)
def test_fifo_or_dangling_symlink_named_explicitly_is_reported(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    files, problems = find_inputs([tmp_path / "pipe.txt", tmp_path / "dangling.txt"])
    assert files == []
    assert ["named pipe" in problems[0].reason, "broken symbolic link" in problems[1].reason] == [
        True,
        True,
    ]


def test_output_folder_of_the_run_is_never_read(tmp_path):
    (tmp_path / "article.txt").write_text("Talks\nText.")
    (tmp_path / "rep").mkdir()
    (tmp_path / "rep" / "stance_matrix.html").write_text("<html><body><p>Report</p></body></html>")
    files, _ = find_inputs([tmp_path], skip=[tmp_path / "rep"])
    assert [p.name for p in files] == ["article.txt"]


def test_what_the_workbench_wrote_is_never_read(tmp_path):
    (tmp_path / "article.txt").write_text("Talks\nText.")
    old = tmp_path / "old-report"
    (old / "data").mkdir(parents=True)
    (old / "stance_matrix.html").write_text("<html><body><p>Report</p></body></html>")
    (old / "data" / "notes.md").write_text("Notes\nText.")
    (old / "analyst.md").write_text("Analyst\nNotes.")  # added by hand: still an input
    mark_output(old, ["stance_matrix.html", "data"])
    mark_output(tmp_path, ["quote_timeline.html"])  # an output folder that is also the input
    (tmp_path / "quote_timeline.html").write_text("<html><body><p>Report</p></body></html>")
    files, _ = find_inputs([tmp_path])
    assert sorted(p.name for p in files) == ["analyst.md", "article.txt"]


def test_control_characters_in_names_are_escaped_in_the_message():
    forged = "a.txt\nworkbench: rejected: forged.txt"
    line = str(Problem(forged, "empty file"))
    assert "\n" not in line and "\r" not in line
    assert line.startswith("workbench: rejected: ") and line.endswith(": empty file")
    assert repr(forged) in line
    assert str(Problem("plain name.txt", "empty file")) == (
        "workbench: rejected: plain name.txt: empty file"
    )
    assert "\r" not in str(Problem("x.txt", "bad\rreason"))


def test_a_report_named_on_the_command_line_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "stance_matrix.html").write_text("<html><body><p>Report</p></body></html>")
    mark_output(tmp_path, ["stance_matrix.html"])
    files, problems = find_inputs([tmp_path / "stance_matrix.html"])
    assert files == []
    assert [(p.level, p.reason) for p in problems] == [
        ("warning", "written by the workbench; not read")
    ]
