"""read_file's guards: the size limit (--max-chars), checked before reading, and files that are
not regular files (a FIFO must never be opened for reading: it would block forever)."""

import json
import os
import time

import pytest

from workbench.read import read_file

ARTICLE = (
    "Envoys meet in Lindenport\n\nThe envoy of Freedonia, Rufus Tarn, said the talks went well.\n"
)


def test_article_over_the_limit_is_rejected_naming_size_and_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(ARTICLE * 10)
    articles, problems = read_file(path, max_chars=500)
    assert articles == []
    (problem,) = problems
    assert problem.level == "error"
    assert f"{len(ARTICLE) * 10:,} characters" in problem.reason
    assert "500" in problem.reason and "--max-chars" in problem.reason


def test_article_at_the_limit_is_read(tmp_path):
    path = tmp_path / "fits.txt"
    path.write_text(ARTICLE)
    (article,), problems = read_file(path, max_chars=len(ARTICLE))
    assert problems == [] and article.text == ARTICLE


def test_multibyte_text_under_the_limit_in_characters_is_read(tmp_path):
    text = "Переговоры в Линденпорте\n\nПосланник сказал, что переговоры прошли хорошо.\n"
    path = tmp_path / "cyrillic.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size > len(text)
    (article,), problems = read_file(path, max_chars=len(text))
    assert problems == [] and article.text == text


def test_huge_file_is_rejected_from_its_size_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: 200 MB on paper, nothing on disk
        f.truncate(200_000_000)
    start = time.perf_counter()
    articles, problems = read_file(path, max_chars=1_000_000)
    assert time.perf_counter() - start < 1.0
    assert articles == []
    assert "200,000,000 bytes" in problems[0].reason
    assert "1,000,000 characters" in problems[0].reason


def test_jsonl_line_over_the_limit_is_that_line_rejected(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "short", "text": ARTICLE},
        {"id": "long", "text": ARTICLE * 20},
        {"id": "short-2", "text": ARTICLE},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    articles, problems = read_file(path, max_chars=1000)
    assert [a.id for a in articles] == ["short", "short-2"]
    (problem,) = problems
    assert problem.line == 2 and "--max-chars" in problem.reason


@pytest.mark.timeout(20)
def test_fifo_is_rejected_and_never_opened_for_reading(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    articles, problems = read_file(path)
    assert articles == []
    assert problems[0].level == "error" and "not a regular file" in problems[0].reason
