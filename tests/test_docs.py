"""The documentation holds together: README.md stays short, and every link in README.md and
docs/**/*.md leads somewhere (a file in the repository, a heading in it). External links are not
fetched (the tests run offline): an http(s) link is accepted as long as it names a host."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

import workbench

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").rglob("*.md"))
PAGES = [README, *DOCS]
MAX_README_LINES = 250

FENCE = re.compile(r"^ {0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")


def prose_lines(text: str) -> list[str]:
    """The page's lines outside fenced code blocks (code may show `[x](y)` without linking)."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text (link targets and markup dropped), lower-case,
    every character but letters, digits, `_`, `-` and spaces dropped, spaces turned into `-`."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(c for c in text if c.isalnum() or c in "_- " or unicodedata.category(c) == "Mn")
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every anchor a page offers: its headings' slugs (a repeated one gets `-1`, `-2`…) and
    explicit `<a name=…>` / `<a id=…>` anchors."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose_lines(page.read_text(encoding="utf-8")):
        found.update(HTML_ANCHOR.findall(line))
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def links(page: Path) -> list[str]:
    """Every link target on a page, outside code blocks and code spans."""
    text = CODE_SPAN.sub("", "\n".join(prose_lines(page.read_text(encoding="utf-8"))))
    return LINK.findall(text)  # a link's text may run over several lines


def broken(page: Path, target: str) -> str | None:
    """Why ``target`` (a link on ``page``) leads nowhere, or None when it resolves."""
    parts = urlsplit(target)
    if parts.scheme in ("http", "https"):
        return None if parts.netloc else "an external link without a host"
    if parts.scheme or parts.netloc:
        return f"an unexpected link scheme {parts.scheme!r}"
    path = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if not path.is_relative_to(ROOT):
        return "a path outside the repository"
    if not path.exists():
        return "no such file"
    if parts.fragment:
        if path.suffix != ".md":
            return "an anchor into a file that is not Markdown"
        if unquote(parts.fragment) not in anchors(path):
            return f"no heading with the anchor #{parts.fragment} in {path.relative_to(ROOT)}"
    return None


def test_readme_is_short():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines"


def test_docs_folder_has_the_pages_the_readme_promises():
    names = {p.relative_to(ROOT / "docs").as_posix() for p in DOCS}
    for name in ["usage.md", "tables.md", "evaluation.md", "development.md", "history.md"]:
        assert name in names
    assert {n for n in names if n.startswith("method/")} >= {
        "method/linking.md",
        "method/quotes.md",
        "method/stances.md",
        "method/scorer.md",
    }


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_resolves(page):
    found = links(page)
    assert found, "a page with no link at all is cut off from the rest"
    problems = [f"{target}: {why}" for target in found if (why := broken(page, target))]
    assert not problems, problems


def test_the_readme_links_to_every_docs_page():
    """Each page is reachable from the README, directly or through pages it links to."""
    reached, todo = set(), [README]
    while todo:
        page = todo.pop()
        for target in links(page):
            parts = urlsplit(target)
            if parts.scheme or not parts.path:
                continue
            path = (page.parent / unquote(parts.path)).resolve()
            if path.suffix == ".md" and path.is_file() and path not in reached:
                reached.add(path)
                todo.append(path)
    assert not [p.relative_to(ROOT).as_posix() for p in DOCS if p not in reached]


def test_every_table_column_is_documented():
    """docs/tables.md has a section per table file and a row for each of its columns."""
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    empty = workbench.Corpus()
    for name in ["articles", "entities", "blocks", "quotes", "stances", "rejected"]:
        suffix = "csv" if name == "rejected" else "parquet"
        heading = f"## `{name}.{suffix}`"
        assert heading in text, heading
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        documented = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.M))
        columns = set(getattr(empty, name).columns)
        assert columns <= documented, (name, columns - documented)


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("Bad input", "bad-input"),
        ("`articles.parquet`", "articlesparquet"),
        ("Speed and the cache", "speed-and-the-cache"),
        ("Stances: the rules, first match", "stances-the-rules-first-match"),
        ("Capitals and seats — Élysée", "capitals-and-seats--élysée"),
        ("[The scorer](method/scorer.md) in brief", "the-scorer-in-brief"),
    ],
)
def test_slug_follows_github(heading, expected):
    assert slug(heading) == expected


def test_a_broken_link_is_caught():
    """The checker itself: a missing file, a missing anchor and a good one."""
    page = ROOT / "docs" / "usage.md"
    assert broken(page, "nowhere.md") == "no such file"
    assert "no heading" in broken(page, "../README.md#no-such-heading")
    assert broken(page, "../README.md") is None
    assert broken(page, "https://distributed.dask.org") is None
    assert broken(page, "http:///path") is not None


def test_links_are_found_across_lines(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "![a picture whose description\nruns over two lines](img/a.png) and `[code](no.md)`\n"
        "```\n[in a fence](fenced.md)\n```\n[plain](b.md#part)\n",
        encoding="utf-8",
    )
    assert links(page) == ["img/a.png", "b.md#part"]
