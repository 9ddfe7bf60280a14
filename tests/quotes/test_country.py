"""A speaker's country from the sentence, paragraph lead-in or dateline (quotes/country.py)."""

import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues


@pytest.fixture(scope="module")
def countries_of(nlp, gaz):
    cues = load_cues()

    def run(text: str) -> dict[str, set]:
        """speaker -> {(speaker_country, country_via)} over the speaker's quotes."""
        blocks = parse_blocks(text)
        doc = next(parse(nlp, [(text, blocks)]))
        out: dict[str, set] = {}
        for q in extract_quotes(doc, blocks, link_entities(doc, blocks, gaz), cues, gaz):
            if q["speaker"]:
                out.setdefault(q["speaker"], set()).add((q["speaker_country"], q["country_via"]))
        return out

    return run


TITLE = "Talks in the north\n"


@pytest.mark.parametrize(
    "text, speaker, code",
    [
        (
            "Norway stands ready to help its neighbours, Prime Minister Marit Haugen said.",
            "Marit Haugen",
            "NOR",
        ),
        (
            "Estonia will send two more ships to the patrol, Defence Minister Kalev Rand said.",
            "Kalev Rand",
            "EST",
        ),
        (
            "“Latvia is determined to keep the border open,” Foreign Minister Ilze Liepa said.",
            "Ilze Liepa",
            "LVA",
        ),
        (
            "Finland would host the next round, President Aino Kallio told reporters on Monday.",
            "Aino Kallio",
            "FIN",
        ),
    ],
)
def test_the_country_stating_its_own_position_is_the_speakers(countries_of, text, speaker, code):
    assert countries_of(TITLE + text + "\n")[speaker] == {(code, "sentence")}


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Russia is lying about the exercise, Prime Minister Marit Haugen said.", "Marit Haugen"),
        ("Estonia will not send more ships, Defence Minister Kalev Rand said.", "Kalev Rand"),
        ("Sweden joined the patrol last spring, Foreign Minister Ilze Liepa said.", "Ilze Liepa"),
    ],
)
def test_another_country_in_the_clause_is_no_evidence(countries_of, text, speaker):
    assert countries_of(TITLE + text + "\n")[speaker] == {(None, None)}


@pytest.mark.parametrize(
    "text, speaker, code",
    [
        (
            "In Bratislava, Prime Minister Tomas Hrubo dismissed the proposal as premature.",
            "Tomas Hrubo",
            "SVK",
        ),
        (
            "In Vilnius on Tuesday, Defence Minister Rasa Jonaitis said the drills would go on.",
            "Rasa Jonaitis",
            "LTU",
        ),
        (
            "In Helsinki, the talks went on late.\nForeign Minister Aino Kallio said the deal "
            "was close.",
            None,
            None,
        ),
        (
            "In Tallinn, the talks went on late. Foreign Minister Kalev Rand said the deal was "
            "close.",
            "Kalev Rand",
            "EST",
        ),
    ],
)
def test_an_in_capital_lead_in_gives_the_country(countries_of, text, speaker, code):
    found = countries_of(TITLE + text + "\n")
    if speaker is None:  # the lead-in of another paragraph says nothing
        assert {c for v in found.values() for c, _ in v} == {None}
    else:
        assert found[speaker] == {(code, "lead-in")}


@pytest.mark.parametrize(
    "text",
    [
        # an earlier sentence's country (Poland) gave way to the lead-in of the speaker's sentence
        "Poland went furthest. In Bratislava, Prime Minister Tomas Hrubo dismissed the plan.",
        "Poland objected. In Bratislava, Prime Minister Tomas Hrubo said the plan was premature.",
        "Poland spoke first. In Bratislava, Prime Minister Tomas Hrubo called the plan premature.",
    ],
)
def test_the_lead_in_corrects_the_country_of_the_sentence_before(countries_of, text):
    assert countries_of(TITLE + text + "\n")["Tomas Hrubo"] == {("SVK", "lead-in")}


@pytest.mark.parametrize(
    "text, speaker, code",
    [
        (
            "OSLO — Prime Minister Marit Haugen said the talks would resume next week.\n"
            "Haugen later told reporters the plan was sound.",
            "Marit Haugen",
            "NOR",
        ),
        (
            "RIGA, March 3 — Foreign Minister Ilze Liepa said the border would stay open.",
            "Ilze Liepa",
            "LVA",
        ),
        (
            "VILNIUS — The drills will go on, Defence Minister Rasa Jonaitis told reporters.",
            "Rasa Jonaitis",
            "LTU",
        ),
    ],
)
def test_the_dateline_gives_the_country_of_a_role(countries_of, text, speaker, code):
    assert countries_of(TITLE + text + "\n")[speaker] == {(code, "dateline")}


@pytest.mark.parametrize(
    "text, speaker, expected",
    [
        # a title's country is never overridden
        (
            "OSLO — Polish Prime Minister Jan Kowal said the talks would resume.",
            "Jan Kowal",
            {("POL", "title")},
        ),
        (
            "In Bratislava, Estonian Defence Minister Kalev Rand said the drills would go on.",
            "Kalev Rand",
            {("EST", "title")},
        ),
        # a dateline covers its own sentence only: a meeting's host city, not every speaker
        (
            "OSLO — The talks ended late.\nPrime Minister Tomas Hrubo said the drills would go on.",
            "Tomas Hrubo",
            {(None, None)},
        ),
        # a person with no role is not placed by where they are
        (
            "OSLO — Jon Berg said the talks would resume next week.",
            "Jon Berg",
            {(None, None)},
        ),
        # a capital that seats an organisation is no evidence
        (
            "In Brussels, Prime Minister Marit Haugen said the talks would resume.",
            "Marit Haugen",
            {(None, None)},
        ),
    ],
)
def test_weak_or_foreign_evidence_changes_nothing(countries_of, text, speaker, expected):
    assert countries_of(TITLE + text + "\n")[speaker] == expected


def test_two_countries_at_the_same_level_give_none(countries_of):
    text = (
        TITLE + "Norway stands ready to help, Prime Minister Marit Haugen said.\n"
        "Sweden will pay for the ships, Haugen added.\n"
    )
    assert countries_of(text)["Marit Haugen"] == {(None, None)}


@pytest.mark.parametrize(
    "text, speaker, code",
    [
        (
            "“We will not send ground troops,” a senior official in Oslo said.",
            "a senior official in Oslo",
            "NOR",
        ),
        (
            "Officials in Warsaw said the convoy would be delayed by a week.",
            "Officials in Warsaw",
            "POL",
        ),
        (
            "A government source in Riga told reporters that the plan was “premature”.",
            "A government source in Riga",
            "LVA",
        ),
        (
            "“The mandate is too weak,” a senior adviser in Tallinn said on Tuesday.",
            "a senior adviser in Tallinn",
            "EST",
        ),
    ],
)
def test_an_unnamed_speaker_takes_the_country_its_phrase_names(countries_of, text, speaker, code):
    assert countries_of(TITLE + text + "\n")[speaker] == {(code, "phrase")}


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“The talks are stuck,” a Western diplomat in Kyiv said.", "a Western diplomat in Kyiv"),
        (
            "“The package is ready,” a European diplomat in Tallinn said.",
            "a European diplomat in Tallinn",
        ),
        (
            "“Nothing is agreed,” a diplomat from Paris in Vilnius said.",
            "a diplomat from Paris in Vilnius",
        ),
    ],
)
def test_a_place_that_is_not_the_speakers_side_gives_no_country(countries_of, text, speaker):
    assert countries_of(TITLE + text + "\n")[speaker] == {(None, None)}
