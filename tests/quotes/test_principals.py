"""The principals of an official document (quotes/principals.py): bylines, introductory lines
and names spelt with or without accents; fictional people, real countries."""

import pytest

from workbench.quotes.principals import surname_of

STATE = "U.S. Department of State"
STATEMENT_BODY = (
    "The United States condemns the strikes on the port of Odesa in the strongest terms.\n\n"
    "We will continue to stand with the people of Ukraine for as long as it takes.\n"
)


@pytest.mark.parametrize(
    "byline, author",
    [
        ("Mara Quill, Secretary of State", "Mara Quill"),
        ("Tomas J. Berg, Deputy Secretary of State", "Tomas J. Berg"),
        ("Ilse Varga, Department Spokesperson", "Ilse Varga"),
    ],
)
def test_a_bylined_statement_is_its_authors_first_person_text(official_doc, byline, author):
    found, official = official_doc(
        f"{byline}\n\n{STATEMENT_BODY}", "Attacks on the Port of Odesa", STATE
    )
    assert official.genre == "first_person"
    assert [(q["kind"], q["speaker"], q["speaker_country"]) for q in found] == [
        ("direct", author, "USA"),
        ("direct", author, "USA"),
    ]
    assert [q["text"] for q in found] == STATEMENT_BODY.strip().split("\n\n")  # no byline


@pytest.mark.parametrize(
    "first, source",
    [
        ("Office of the Spokesperson", STATE),  # names no person
        ("Mara Quill, Secretary of State", None),  # no official publisher: a news byline
        ("Mara Quill, who chairs the committee", STATE),  # no role
    ],
)
def test_no_byline_no_first_person_document(official_doc, first, source):
    _, official = official_doc(
        f"{first}\n\n{STATEMENT_BODY}", "Attacks on the Port of Odesa", source
    )
    assert official.genre is None


@pytest.mark.parametrize(
    "intro",
    [
        "The below is attributable to Spokesperson Ilse Varga:",
        "The following is attributable to Spokesperson Ilse Varga:",
        "Begin text:",
    ],
)
def test_an_introducing_line_is_not_the_first_paragraph(official_doc, intro):
    text = (
        f"{intro}\n\n"
        "Secretary of State Mara Quill spoke today with Polish Foreign Minister Adam Wilk and "
        "Estonian Foreign Minister Eda Kask.\n\n"
        "They condemned the strikes on the power grid.\n"
    )
    found, official = official_doc(text, "Secretary Quill’s Call with Counterparts", STATE)
    assert [p.name for p in official.principals][:3] == ["Mara Quill", "Adam Wilk", "Eda Kask"]
    q = next(q for q in found if q["text"] == "the strikes on the power grid")
    assert (q["speaker"], q["co_speakers"]) == ("Mara Quill", "Adam Wilk; Eda Kask")


@pytest.mark.parametrize(
    "written, plain",
    [
        ("Jiří Dvořák", "DVORAK"),
        ("Lena Sørlie", "SORLIE"),
        ("Michał Łęcki", "Lecki"),
        ("Ana Vél", "VEL"),
    ],
)
def test_a_surname_matches_with_or_without_accents(written, plain):
    assert surname_of(written) == surname_of(plain)


def test_a_label_without_accents_names_the_principal_with_them(official_doc):
    text = (
        "SECRETARY QUILL: Welcome to Washington, Minister.\n\n"
        "FOREIGN MINISTER DVORAK: Thank you for the invitation to meet today.\n"
    )
    title = "Secretary Mara Quill and Czech Foreign Minister Jiří Dvořák Before Their Meeting"
    found, _ = official_doc(text, title, STATE)
    assert [(q["speaker"], q["speaker_country"]) for q in found] == [
        ("Mara Quill", "USA"),
        ("Jiří Dvořák", "CZE"),
    ]
