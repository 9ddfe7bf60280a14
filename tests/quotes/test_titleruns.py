"""Runs of title words next to a name (quotes/titleruns.py); fictional people."""

import pytest

from workbench.quotes.titleruns import heads, run_after, run_before

ROLE_WORDS = {"secretary", "deputy", "minister", "state", "president", "foreign"}


@pytest.mark.parametrize(
    "text, run",
    [
        ("Deputy Secretary of State Mara Quill met", ["deputy", "secretary", "of", "state"]),
        (
            "today. Counselor of the Department Mara Quill met",
            ["counselor", "of", "the", "department"],
        ),
        (
            "Secretary Tom Vel With German State Secretary Mara Quill",
            ["german", "state", "secretary"],
        ),
    ],
)
def test_the_run_before_a_name(text, run):
    at = text.index("Mara")
    assert run_before(text, at, {"mara", "quill"}, {"with", "and"}) == run


def test_the_appositive_run_after_a_name():
    text = "Pavo Oran, Chief of Staff for the President of the Council, to follow up"
    assert run_after(text, len("Pavo Oran, ")) == [
        "chief",
        "of",
        "staff",
        "for",
        "the",
        "president",
        "of",
        "the",
        "council",
    ]


@pytest.mark.parametrize(
    "want, run, ok",
    [
        ("deputy secretary", "deputy secretary of state", True),
        ("secretary", "deputy secretary", False),  # a role word before it
        ("department", "counselor of the department", False),  # the object of "of"
        ("chief of staff", "chief of staff for the president", True),
        ("state secretary", "german state secretary", True),
    ],
)
def test_a_phrase_heads_a_run(want, run, ok):
    assert heads(want.split(), run.split(), ROLE_WORDS) is ok
