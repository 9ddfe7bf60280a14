"""Interview turns (Q/A markers or bold questions), who answers, and what the answers say.

The people and the interview are fictional."""

import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.interviews import interviewee, mark_turns, question_before
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.lexicon import load_lexicon
from workbench.resources.topics import load_topics
from workbench.stances.extract import extract_stances

BOLD = """Talking to Tallinn

Estonian Defence Minister Kaarel Ilves spoke to us in Tallinn on Monday.

**Will Estonia send soldiers to Ukraine?**

We will not. Our battalion is committed to the eastern flank.

**Hungary says it will block the sanctions package.**

Budapest says that every time.

**Do you support more training for Ukrainian recruits?**

Absolutely.
"""

MARKED = """An interview with Norway's deputy defence minister

Deputy Defence Minister Ingrid Solberg oversees Norway's part in the coalition. Excerpts:

Q: Does Norway want to send troops?

A: More than ever. Our frigates are ready.

Q: And the Americans?

A: Washington has told us it is still making up its mind about the backstop.
"""


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in parse_blocks(text)]


def test_bold_questions_and_the_answers_after_them():
    found = kinds(BOLD)
    assert found[2] == ("question", "Will Estonia send soldiers to Ukraine?")  # no ** marks
    assert found[3] == ("answer", "We will not. Our battalion is committed to the eastern flank.")
    assert found[4] == ("question", "Hungary says it will block the sanctions package.")
    assert [k for k, _ in found] == ["title", "paragraph"] + ["question", "answer"] * 3


def test_q_and_a_markers_are_left_out_of_the_blocks():
    found = kinds(MARKED)
    assert found[2] == ("question", "Does Norway want to send troops?")
    assert found[3] == ("answer", "More than ever. Our frigates are ready.")
    assert found[4] == ("question", "And the Americans?")  # a short line, not a heading


@pytest.mark.parametrize(
    "text",
    [
        "Title\n\n**Analysis**\n\nParis backed the plan.\n\n**Why now?**\n\nBecause it is time.\n",
        "Title\n\nWill Latvia send soldiers? Nobody knows.\n\nQ: an odd line.\n\nRiga is silent.\n",
        "Title\n\nA: first point.\n\nA: second point.\n\nNo question was asked here.\n",
        # an FAQ or explainer: questions and answers, but nobody interviewed
        "Explainer\n\nThe force, explained.\n\nQ: What is it?\n\nA: A force.\n\n"
        "Q: Who?\n\nA: Many.\n",
    ],
)
def test_no_interview_without_two_questions_and_an_interview(text):
    blocks = parse_blocks(text)
    assert not {b.kind for b in blocks} & {"question", "answer"}
    assert mark_turns(blocks, text) == blocks


def test_a_heading_ends_the_exchange():
    text = BOLD + "\nBackground\n\nThe coalition met in Paris.\n"
    found = kinds(text)
    assert found[-2:] == [("heading", "Background"), ("paragraph", "The coalition met in Paris.")]


def test_question_before_an_answer():
    blocks = parse_blocks(BOLD + "\nAnd more: it is the priority.\n")
    assert question_before(blocks, 3) == 2
    assert question_before(blocks, len(blocks) - 1) == len(blocks) - 3  # a second paragraph
    assert question_before(blocks, 1) == -1


@pytest.fixture(scope="module")
def analysed(nlp, gaz):
    cues, lexicon, topics = load_cues(), load_lexicon(), load_topics()

    def run(text: str):
        blocks = parse_blocks(text)
        doc = next(parse(nlp, [(text, blocks)]))
        entities = link_entities(doc, blocks, gaz)
        quotes = extract_quotes(doc, blocks, entities, cues, gaz)
        stances = extract_stances(doc, blocks, entities, quotes, lexicon, topics)
        return blocks, entities, quotes, stances

    return run


def test_the_interviewee_is_the_first_person_named_before_the_questions(analysed):
    blocks, entities, _, _ = analysed(BOLD)
    assert interviewee(blocks, entities)["canonical"] == "Kaarel Ilves"
    blocks, entities, _, _ = analysed(MARKED)
    person = interviewee(blocks, entities)
    # no country in the title "Deputy Defence Minister": the one named in the same paragraph
    assert (person["canonical"], person["country_code"]) == ("Ingrid Solberg", "NOR")


def test_answers_are_the_interviewees_quotes_and_reported_speech_inside_stays_its_own(analysed):
    _, _, quotes, _ = analysed(MARKED)
    by_text = {q["text"]: (q["kind"], q["speaker"], q["speaker_country"]) for q in quotes}
    assert by_text["More than ever. Our frigates are ready."] == ("direct", "Ingrid Solberg", "NOR")
    inner = [q for q in quotes if q["text"].startswith("it is still making up its mind")]
    assert [(q["kind"], q["speaker"]) for q in inner] == [("indirect", "United States")]


def test_short_answers_take_the_questions_position(analysed):
    *_, stances = analysed(BOLD)
    troops = [s for s in stances if s["topic"] == "troop_deployment"]
    assert {(s["country_code"], s["label"]) for s in troops} == {("EST", "oppose")}
    (answer,) = troops
    assert answer["evidence"].startswith("Will Estonia send soldiers to Ukraine?")
    assert answer["evidence"].endswith("We will not")
    assert answer["voiced_by"] == "Kaarel Ilves" and answer["attribution"] == "self"
    assert answer["rule"].startswith("answer 'We will not.'")
    training = {
        (s["country_code"], s["label"]) for s in stances if s["topic"] == "training_support"
    }
    assert training == {("EST", "support")}  # "Do you support …?" "Absolutely."


def test_questions_are_not_positions(analysed):
    *_, stances = analysed(MARKED)
    assert not [s for s in stances if s["voiced_by"] == "narrator"]
    cells = {(s["country_code"], s["topic"], s["label"]) for s in stances}
    assert ("NOR", "troop_deployment", "support") in cells  # "More than ever."
    assert ("USA", "us_backstop", "neutral") in cells  # reported inside an answer


TRANSCRIPT = """Transcript: Two Defence Ministers in Vilnius

The following is an excerpt from the press conference given by Polish Defence Minister Marek
Nowak and Lithuanian Defence Minister Rasa Jankunaite on Thursday.

JANKUNAITE: Good afternoon. We are prepared to send a company to Ukraine.

NOWAK: Polish soldiers will run the logistics hub. They will not be stationed in Ukraine.

QUESTION (Lithuanian radio): And training?

NOWAK: That continues. We will keep training Ukrainian soldiers for as long as Kyiv asks.
"""


def test_transcript_turns_are_named_speakers_answers(analysed):
    blocks, entities, quotes, stances = analysed(TRANSCRIPT)
    assert [b.kind for b in blocks][2:] == ["answer", "answer", "question", "answer"]
    assert TRANSCRIPT[blocks[2].start :].startswith("Good afternoon.")  # label left out
    speakers = [q["speaker"] for q in quotes if q["kind"] == "direct"]
    assert speakers == ["Rasa Jankunaite", "Marek Nowak", "Marek Nowak"]
    cells = {(s["country_code"], s["topic"], s["label"]) for s in stances}
    assert ("LTU", "troop_deployment", "support") in cells
    assert ("POL", "training_support", "support") in cells


def test_capitalised_labels_outside_an_announced_transcript_change_nothing():
    text = "Update\n\nNATO: allies met today.\n\nUPDATE: ministers left.\n"
    assert not {b.kind for b in parse_blocks(text)} & {"question", "answer"}
