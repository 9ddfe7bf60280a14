from conftest import FIXTURES, SEED

from workbench.read import read_file


def test_txt_without_front_matter_keeps_the_decoded_text_unchanged():
    (article,), problems = read_file(SEED)
    assert problems == []
    assert article.text == SEED.read_bytes().decode("utf-8")
    assert article.title == "Ukraine Coalition: A Mission in Limbo?"
    assert article.date is None


def test_markdown_front_matter(tmp_path):
    (article,), problems = read_file(FIXTURES / "linking" / "berlin_talks.md")
    assert problems == []
    assert article.id == "berlin-talks"
    assert article.title == "Ministers weigh a reassurance force"
    assert article.date == "2026-05-14"
    assert article.source == "Fictional Wire"
    assert article.url == "https://example.org/berlin-talks"
    assert article.text.startswith("# Ministers weigh")  # body after the front matter
    title = article.blocks[0]
    assert (title.kind, article.text[title.start : title.end]) == (
        "title",
        "Ministers weigh a reassurance force",
    )


def test_title_from_first_nonempty_line_with_markdown_hash_stripped(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("\n\n# A Plain Heading Title\nBody text here.\n", encoding="utf-8")
    (article,), _ = read_file(p)
    assert article.title == "A Plain Heading Title"


def test_unreadable_front_matter_is_a_warning_and_the_article_is_kept():
    (article,), problems = read_file(FIXTURES / "bad" / "bad_front.md")
    assert [p.level for p in problems] == ["warning"]
    assert "front matter" in problems[0].reason
    assert article.title == "Broken front matter"
    assert article.date is None and article.source is None


def test_impossible_front_matter_date_is_a_warning():
    (article,), problems = read_file(FIXTURES / "formats" / "bad_date.md")
    assert [p.level for p in problems] == ["warning"]
    assert article.date is None


def test_date_that_is_not_a_date_is_a_warning(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("---\ndate: next week\ntitle: T\n---\nT\nBody.\n", encoding="utf-8")
    (article,), problems = read_file(p)
    assert article.title == "T" and article.date is None
    assert problems[0].level == "warning" and "date" in problems[0].reason


def test_front_matter_title_does_not_swallow_the_first_paragraph(tmp_path):
    p = tmp_path / "x.md"
    p.write_text(
        "---\ntitle: Rome warms to the force\n---\n\nROME - Italy has shifted its stance on the "
        "force, officials said on Monday.\n\nMore text.\n",
        encoding="utf-8",
    )
    (article,), problems = read_file(p)
    assert problems == [] and article.title == "Rome warms to the force"
    first = article.blocks[0]
    assert first.kind == "paragraph"
    assert article.text[first.start : first.end].startswith("ROME - Italy has shifted")


def test_front_matter_title_repeated_in_the_body_is_the_title_block(tmp_path):
    p = tmp_path / "x.md"
    p.write_text("---\ntitle: Rome warms\n---\nRome warms\n\nItaly shifted.\n", encoding="utf-8")
    (article,), _ = read_file(p)
    assert [b.kind for b in article.blocks] == ["title", "paragraph"]
