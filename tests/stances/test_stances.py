"""Stance statements: scale, cues, holders and voices, on fictional snippets and the seed."""

import pytest

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.lexicon import load_lexicon
from workbench.resources.topics import load_topics
from workbench.stances.extract import extract_stances


@pytest.fixture(scope="module")
def stances_of(nlp, gaz):
    cues, lexicon, topics = load_cues(), load_lexicon(), load_topics()

    def run(text: str, title: str | None = None) -> list[dict]:
        """``title``: an official document's front-matter title (published by the White House),
        the text then having no title line of its own."""
        if title is None:
            blocks, meta = parse_blocks(text), None
        else:
            blocks = parse_blocks(text, first_line_is_title=False)
            meta = {"title": title, "source": "The White House"}
        doc = next(parse(nlp, [(text, blocks, meta)]))
        entities = link_entities(doc, blocks, gaz)
        quotes = extract_quotes(doc, blocks, entities, cues, gaz)
        found = extract_stances(doc, blocks, entities, quotes, lexicon, topics)
        for s in found:
            assert doc.text[s["start_char"] : s["end_char"]] == s["evidence"]
            assert s["rule"]
        return found

    return run


def cells(found, topic):
    return {(s["country_code"], s["label"]) for s in found if s["topic"] == topic}


INTRO = "Coalition Talks\n"
AALBERS = "Dutch Defence Minister Pieter Aalbers"


@pytest.mark.parametrize(
    "sentence, label",
    [
        (AALBERS + " said the Netherlands will not send troops.", "oppose"),
        (AALBERS + " said sending troops was premature.", "sceptical"),
        (AALBERS + " said a deployment was far too early.", "sceptical"),
        (AALBERS + " called the force only a theoretical reflection.", "sceptical"),
        (AALBERS + " said the deployment hinges on a ceasefire.", "conditional"),
        (AALBERS + " ruled out a deployment of troops.", "oppose"),
        (AALBERS + " said the Netherlands was ready to contribute troops.", "support"),
        (AALBERS + " said member states had different opinions on the mission.", "neutral"),
        (AALBERS + " said the Netherlands would block any deployment.", "oppose"),
    ],
)
def test_scale_and_cues(stances_of, sentence, label):
    assert cells(stances_of(INTRO + sentence + "\n"), "troop_deployment") == {("NLD", label)}


def test_but_clause_decides(stances_of):
    text = (
        INTRO
        + AALBERS
        + " said the Netherlands backed the mission, but sending troops now was far too early.\n"
    )
    assert cells(stances_of(text), "troop_deployment") == {("NLD", "sceptical")}
    (s,) = [s for s in stances_of(text) if s["topic"] == "troop_deployment"]
    assert "after contrast" in s["rule"]


def test_conditions_belong_to_the_conditioned_clause(stances_of):
    text = (
        INTRO
        + "Stockholm would commit ground forces only if the United States agreed to provide air "
        "cover, the Swedish defence minister said.\n"
    )
    assert ("SWE", "conditional") in cells(stances_of(text), "troop_deployment")


def test_narrated_positions_and_holders(stances_of):
    text = (
        INTRO + "Despite strong affirmations from London and Paris, the coalition faces hurdles.\n"
        "Speculation grew about ties with russia, which opposes the deployment of Western forces.\n"
    )
    found = stances_of(text)
    assert cells(found, "troop_deployment") == {
        ("GBR", "support"),
        ("FRA", "support"),
        ("RUS", "oppose"),
    }
    assert {s["attribution"] for s in found} == {"narrated"}
    assert {s["voiced_by"] for s in found} == {"narrator"}


def test_holder_is_not_always_the_voice(stances_of):
    text = (
        INTRO + "Polish Foreign Minister Marta Zielinska said Washington was unlikely to provide "
        "security guarantees.\n"
    )
    found = [s for s in stances_of(text) if s["topic"] == "us_backstop"]
    assert [(s["country_code"], s["label"], s["attribution"], s["voiced_by"]) for s in found] == [
        ("USA", "sceptical", "reported", "Marta Zielinska")
    ]


def test_self_stated_positions_carry_the_quote(stances_of):
    text = (
        INTRO + "“We are ready to contribute troops,” Dutch Defence Minister Pieter Aalbers said.\n"
    )
    (s,) = [s for s in stances_of(text) if s["topic"] == "troop_deployment"]
    assert (s["actor"], s["country_code"], s["attribution"], s["role_class"]) == (
        "Pieter Aalbers",
        "NLD",
        "self",
        "government",
    )
    assert s["quote_start"] is not None


def test_seed_acceptance(seed_corpus):
    import workbench

    m = workbench.stance_matrix(seed_corpus)
    troops = {c: cell.label for c, cell in m["troop_deployment"].items() if cell is not None}
    for country in ("GBR", "FRA", "UKR"):
        assert troops[country] in ("support", "conditional"), country
    assert troops["ITA"] == "sceptical"
    assert troops["RUS"] == "oppose"
    assert troops["EUU"] == "neutral"
    backstop = {c: cell.label for c, cell in m["us_backstop"].items() if cell is not None}
    assert backstop["USA"] in ("sceptical", "oppose")
    assert backstop["GBR"] in ("conditional", "support")


def test_seed_us_position_is_reported_not_stated_by_washington(seed_corpus):
    st = seed_corpus.stances
    us = st[(st.country_code == "USA") & (st.topic == "us_backstop")]
    assert set(us.attribution) <= {"reported", "narrated"}
    assert "narrator" in set(us.voiced_by) and "Oleksandr Merezhko" in set(us.voiced_by)


def test_condition_after_contrast_qualifies_support_and_questions_are_not_positions(stances_of):
    text = (
        INTRO
        + "Italian Defence Minister Paolo Ferretti said Italy could join a reassurance force, "
        "but only under a UN mandate.\n"
        "Ferretti was asked whether Polish soldiers would join the force.\n"
    )
    found = stances_of(text)
    assert cells(found, "troop_deployment") == {("ITA", "conditional")}


def test_learned_scorer_is_the_default_and_explains_itself(stances_of):
    text = INTRO + AALBERS + " said the Netherlands will not send troops.\n"
    (s,) = [s for s in stances_of(text) if s["topic"] == "troop_deployment"]
    assert "negated 'send'" in s["rule"] and "model p=" in s["rule"]


def test_rules_alone_remain_available(nlp, gaz):
    cues, topics = load_cues(), load_topics()
    lexicon = load_lexicon(scorer="rules")
    text = INTRO + AALBERS + " said the Netherlands will not send troops.\n"
    blocks = parse_blocks(text)
    doc = next(parse(nlp, [(text, blocks)]))
    entities = link_entities(doc, blocks, gaz)
    quotes = extract_quotes(doc, blocks, entities, cues, gaz)
    found = extract_stances(doc, blocks, entities, quotes, lexicon, topics)
    assert cells(found, "troop_deployment") == {("NLD", "oppose")}
    assert not any("model p=" in s["rule"] for s in found)


# -- phrasings found in blind sets K, M and N (fictional people and snippets) ---------------


@pytest.mark.parametrize(
    "text, topic, expected",
    [
        # a small clause: what is wanted gone is opposed
        ("Slovakia wants the sanctions wound down.", "sanctions", {("SVK", "oppose")}),
        # "no …" as the subject negates the cue
        (
            "Japan confirmed that no personnel would be sent to the mission.",
            "troop_deployment",
            {("JPN", "oppose")},
        ),
        # shelving a plan to offer is no offer
        (
            "Greece has quietly shelved plans to offer a frigate to the mission.",
            "troop_deployment",
            {("GRC", "oppose")},
        ),
        # open-ended, not conditional
        (
            "Berlin said sanctions would stay in force for as long as it takes.",
            "sanctions",
            {("DEU", "support")},
        ),
        # a hypothetical premise offers nothing
        (
            "If the force arrives a year later, it arrives to an empty room, Kyiv warned.",
            "troop_deployment",
            set(),
        ),
        # a condition after the attribution is part of what was reported
        (
            "Lisbon is prepared to host Ukrainian marines for training, "
            "a Portuguese official said, "
            "provided the European Peace Facility covers the cost.",
            "training_support",
            {("PRT", "conditional")},
        ),
        # an untitled speaker speaks for the subject named before them
        (
            "The European Commission has made its preference plain. It tabled a loan for Ukraine, "
            'and its chief spokesman, Rafael Montoya, said the sanctions would remain "for as long '
            'as it takes".',
            "sanctions",
            {("EUU", "support")},
        ),
        # "no …" as the object negates too
        (
            "Slovakia said it would supply no weapons from its own stocks.",
            "training_support",
            {("SVK", "oppose")},
        ),
        # a noun cue is not negated by its verb: still an offer
        (
            "Canada has offered a rotation of 600 soldiers for the "
            "mission, an offer Ottawa has not "
            "yet announced.",
            "troop_deployment",
            {("CAN", "support")},
        ),
        (
            "Kyiv said it did not expect anything from the talks in Istanbul.",
            "peace_talks",
            {("UKR", "sceptical")},
        ),
        (
            "The Commission has promised a sanctions package aimed at the shadow fleet.",
            "sanctions",
            {("EUU", "support")},
        ),
        # "the American side" holds its position
        (
            "Polish officials said the American side is ready to provide air cover.",
            "us_backstop",
            {("USA", "support")},
        ),
        # -- from blind set N
        # a view on Moscow's calculus is a view on deterrence, and it is not Moscow's own
        (
            "Latvian Defence Minister Aivars Kalnietis said the force exists so that the Russian "
            "General Staff has to start its calculations again.",
            "deterrence",
            {("LVA", "support")},
        ),
        (
            'Estonian Defence Minister Tiit Kaasik said: "It would make Moscow reconsider."',
            "deterrence",
            {("EST", "support")},
        ),
        # doubt turns it round
        (
            "A German official, Jonas Brandt, doubted the brigades would change the Kremlin's "
            "calculations.",
            "deterrence",
            {("DEU", "sceptical")},
        ),
        # the addressee word alone, without Russia, is no view on deterrence
        (
            "Finnish Defence Minister Aino Koski said the calculations for the budget were done.",
            "deterrence",
            set(),
        ),
        # the person named beside a titled subject holds the position
        (
            "Hungary's foreign minister, Gabor Szentes, told reporters that his government saw no "
            "reason to hurry and would not let the sanctions package through.",
            "sanctions",
            {("HUN", "oppose")},
        ),
        # "its soldiers" in narration are the country's, and "none" are the soldiers
        (
            "Finland's answer has not changed. Its soldiers are for its own frontier with Russia, "
            "and none will be sent.",
            "troop_deployment",
            {("FIN", "oppose")},
        ),
        # a ministry the parser names without a country takes its phrase's country
        (
            "Russia's defence ministry denounced the plan to send troops as a provocation.",
            "troop_deployment",
            {("RUS", "oppose")},
        ),
        # a dateline is where the story was filed, not who holds the position
        (
            "PARIS — France and Britain on Tuesday reaffirmed that they "
            "are prepared to send troops.",
            "troop_deployment",
            {("FRA", "support"), ("GBR", "support")},
        ),
        (
            "LONDON — Leaders from thirty countries promised to send troops.",
            "troop_deployment",
            set(),
        ),
        # "once more" is no condition
        (
            "Turkey offered once more to host a round of negotiations.",
            "peace_talks",
            {("TUR", "support")},
        ),
        # a demonym opening the sentence still makes its noun an actor
        (
            "Austrian soldiers will not be part of the force, officials say.",
            "troop_deployment",
            {("AUT", "oppose")},
        ),
    ],
)
def test_paraphrased_positions(stances_of, text, topic, expected):
    assert cells(stances_of(INTRO + text + "\n"), topic) == expected


def test_a_noun_pointing_back_takes_the_topic_named_in_full(stances_of):
    text = (
        INTRO + "Ministers met on the new sanctions package on Monday.\n\n"
        "Italy said it would back the package.\n"
    )
    found = stances_of(text)
    assert cells(found, "sanctions") == {("ITA", "support")}
    (s,) = [s for s in found if s["country_code"] == "ITA"]
    assert "package (= sanctions package)" in s["rule"]
    # a package described on its own is no pointer: "a package of reforms" names no sanctions
    other = (
        INTRO
        + "Ministers met on the new sanctions package.\n\nItaly backed a package of reforms.\n"
    )
    assert ("ITA", "support") not in cells(stances_of(other), "sanctions")


def test_a_position_without_a_topic_takes_the_titles(stances_of):
    text = "Sanctions Relief Divides Europe\n\nItaly has kept its own counsel.\n"
    found = stances_of(text)
    assert cells(found, "sanctions") == {("ITA", "neutral")}
    assert "topic: sanction (title)" in found[0]["rule"]
    # only a named holder with a plain cue: a bare conditional stays without a topic
    assert not stances_of("Sanctions Relief Divides Europe\n\nIt depends, an official said.\n")


def test_the_baltic_state_is_the_country_named_before(stances_of):
    text = (
        INTRO + "Estonia offered something different. The Baltic state will double the number "
        "of Ukrainian sappers it trains this year.\n"
    )
    found = stances_of(text)
    assert cells(found, "training_support") == {("EST", "support")}
    assert not cells(found, "troop_deployment")  # "offered something different" is no offer
    # "a neutral state" is nobody in particular
    assert not stances_of(INTRO + "Austria met. A neutral state will not train soldiers.\n")


def test_declining_to_contribute_takes_the_titles_topic(stances_of):
    text = (
        "Ammunition Drive Gathers Pace\n\n"
        "Vienna, citing Austria's neutrality, declined to contribute.\n"
    )
    assert cells(stances_of(text), "training_support") == {("AUT", "oppose")}


def test_a_government_is_not_the_demonym_of_a_thing_before_it(stances_of):
    text = (
        "Sanctions Roundup\n\nFinland is the loudest hawk. Having watched Russian tankers loiter "
        "off its coast, the government has offered its coast guard to inspect ships.\n"
    )
    assert {s["country_code"] for s in stances_of(text)} <= {"FIN"}


def test_a_reported_plain_position_takes_the_leads_topic(stances_of):
    text = (
        "Switzerland Offers Geneva\n\nSwitzerland has offered Geneva as the venue for the next "
        "round of talks.\n\nThe White House welcomed the offer and said its envoy would attend.\n"
    )
    assert ("USA", "support") in cells(stances_of(text), "peace_talks")


@pytest.mark.parametrize(
    "text, code, label",
    [
        (
            "“We will not send ground troops to Ukraine,” a senior official in Oslo said.",
            "NOR",
            "oppose",
        ),
        ("Officials in Warsaw said they would not send troops to Ukraine.", "POL", "oppose"),
        ("A government source in Riga said Latvia was ready to send troops.", "LVA", "support"),
    ],
)
def test_an_unnamed_official_placed_in_a_capital_speaks_for_its_country(
    stances_of, text, code, label
):
    assert (code, label) in cells(stances_of(INTRO + text + "\n"), "troop_deployment")


def test_a_western_diplomat_in_a_capital_does_not_speak_for_it(stances_of):
    text = "“We will not send ground troops to Ukraine,” a Western diplomat in Kyiv said.\n"
    assert not {c for c, _ in cells(stances_of(INTRO + text), "troop_deployment")} & {"UKR"}


@pytest.mark.parametrize(
    "sentence",
    [
        "The leaders reaffirmed their support for further sanctions on Russia.",
        "Both leaders underscored their commitment to impose new sanctions on Russia.",
        "The two presidents welcomed the new package of sanctions against Russia.",
    ],
)
def test_a_joint_statement_is_every_principals_position(stances_of, sentence):
    text = "President Tom Aldren spoke today with President Ana Vel of Finland. " + sentence + "\n"
    title = "Readout of President Tom Aldren’s Call with President Ana Vel of Finland"
    assert {("USA", "support"), ("FIN", "support")} <= cells(stances_of(text, title), "sanctions")


@pytest.mark.parametrize(
    "sentence",
    [
        "Poland backs a diplomatic resolution of the conflict.",
        "Poland is ready to support a peaceful resolution to the crisis.",
        "Poland wants a negotiated resolution, its foreign minister said.",
    ],
)
def test_a_resolution_of_the_conflict_is_not_a_mandate(stances_of, sentence):
    assert not cells(stances_of(INTRO + sentence + "\n"), "mission_mandate")


def test_a_security_council_resolution_still_is(stances_of):
    found = stances_of(INTRO + "Poland backs a Security Council resolution for the mission.\n")
    assert ("POL", "support") in cells(found, "mission_mandate")
