"""The failure kinds issue 17 saw on unseen text, each on fictional sentences in three phrasings:
an explicit refusal, a procedural requirement, a restrictive condition, "rules out", resolve said
with a negation, and a third party's threat."""

import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.lexicon import load_lexicon
from workbench.resources.topics import load_topics
from workbench.stances.extract import extract_stances

AALBERS = "Dutch Defence Minister Pieter Aalbers"
TOLAN = "US Defence Secretary Mark Tolan"
VASKO = "Russian Foreign Minister Igor Vasko"


@pytest.fixture(scope="module")
def cells_of(nlp, gaz):
    cues, lexicon, topics = load_cues(), load_lexicon(), load_topics()

    def run(sentence: str, topic: str) -> set[tuple[str, str]]:
        text = "Coalition Talks\n" + sentence + "\n"
        blocks = parse_blocks(text)
        doc = next(parse(nlp, [(text, blocks, None)]))
        entities = link_entities(doc, blocks, gaz)
        quotes = extract_quotes(doc, blocks, entities, cues, gaz)
        found = extract_stances(doc, blocks, entities, quotes, lexicon, topics)
        return {(s["country_code"], s["label"]) for s in found if s["topic"] == topic}

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        f"{AALBERS} said the Netherlands had no plans for that when asked about sending troops "
        "to Ukraine.",
        f"{AALBERS} said the Netherlands has no plans to send troops to Ukraine.",
        f"{AALBERS} said there were no plans to deploy Dutch soldiers to Ukraine.",
    ],
)
def test_an_explicit_refusal_is_oppose(cells_of, sentence):
    assert cells_of(sentence, "troop_deployment") == {("NLD", "oppose")}


@pytest.mark.parametrize(
    "sentence, country",
    [
        (f"{AALBERS} said parliament would have to approve any mission to Ukraine.", "NLD"),
        (
            f"{AALBERS} said any deployment of troops to Ukraine would need a vote in parliament.",
            "NLD",
        ),
        (
            "Polish Defence Minister Jan Wolski said Polish soldiers could go to Ukraine only with "
            "the consent of parliament.",
            "POL",
        ),
    ],
)
def test_a_procedural_requirement_is_conditional_not_readiness(cells_of, sentence, country):
    assert cells_of(sentence, "troop_deployment") == {(country, "conditional")}


@pytest.mark.parametrize(
    "sentence",
    [
        f"{AALBERS} said the Netherlands would consider sending troops only if NATO leads the "
        "mission.",
        f"{AALBERS} said Dutch troops would join the force only under a UN mandate.",
        f"{AALBERS} said the Netherlands would contribute soldiers provided that the United "
        "States offers a backstop.",
    ],
)
def test_a_restrictive_condition_is_conditional_not_oppose(cells_of, sentence):
    assert cells_of(sentence, "troop_deployment") == {("NLD", "conditional")}


@pytest.mark.parametrize(
    "sentence",
    [
        f"{TOLAN} ruled out a US backstop for the force.",
        f"{TOLAN} said Washington rules out security guarantees for the coalition.",
        f"The White House has ruled out American air cover for the mission, {TOLAN} said.",
    ],
)
def test_ruling_out_a_guarantee_is_oppose_not_sceptical(cells_of, sentence):
    assert cells_of(sentence, "us_backstop") == {("USA", "oppose")}


@pytest.mark.parametrize(
    "sentence, country",
    [
        (f"{AALBERS} said: we will not wait for others before sending troops to Ukraine.", "NLD"),
        (f"{AALBERS} said the Netherlands would not hesitate to deploy troops to Ukraine.", "NLD"),
        (
            "Finnish Defence Minister Aino Laine said Finland would not shy away from sending "
            "troops to Ukraine.",
            "FIN",
        ),
    ],
)
def test_resolve_said_with_a_negation_is_support(cells_of, sentence, country):
    assert cells_of(sentence, "troop_deployment") == {(country, "support")}


@pytest.mark.parametrize(
    "sentence",
    [
        f"{VASKO} said any Western troops in Ukraine would be a legitimate target.",
        f"{VASKO} warned that a European force in Ukraine would be treated as a party to the war.",
        f"{VASKO} said Moscow would regard the deployment of foreign troops in Ukraine as a "
        "hostile act.",
    ],
)
def test_a_threat_is_the_threatening_partys_opposition(cells_of, sentence):
    assert cells_of(sentence, "troop_deployment") == {("RUS", "oppose")}
