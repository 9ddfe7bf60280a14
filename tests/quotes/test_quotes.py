"""Quote patterns on short fictional texts, the seed's acceptance items, and robustness."""

import pandas as pd
import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.entities.linking import link_entities
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues


@pytest.fixture(scope="module")
def quotes_of(nlp, gaz):
    cues = load_cues()

    def run(text: str) -> list[tuple]:
        blocks = parse_blocks(text)
        doc = next(parse(nlp, [(text, blocks)]))
        found = extract_quotes(doc, blocks, link_entities(doc, blocks, gaz), cues, gaz)
        for q in found:
            assert text[q["start_char"] : q["end_char"]] == q["text"]
        return [(q["kind"], q["text"], q["speaker"], q["speaker_country"]) for q in found]

    return run


INTRO = (
    "Talks in Brussels\n"
    "French Foreign Minister Claire Fontaine met Polish Defence Minister Jan Kowal.\n"
)


@pytest.mark.parametrize(
    "line, text, speaker",
    [
        ("“We are ready,” Fontaine said.", "We are ready,", "Claire Fontaine"),
        ("“We are ready,” said Fontaine.", "We are ready,", "Claire Fontaine"),
        ("Fontaine said: “We are ready.”", "We are ready.", "Claire Fontaine"),
        ("Fontaine told reporters, “We are ready.”", "We are ready.", "Claire Fontaine"),
        ('"We are ready," Kowal said.', "We are ready,", "Jan Kowal"),
        ("''We are ready,'' Kowal said.", "We are ready,", "Jan Kowal"),
        ("“It's heartbreaking,” Kowal said.", "It's heartbreaking,", "Jan Kowal"),
    ],
)
def test_inline_direct_quotes(quotes_of, line, text, speaker):
    found = quotes_of(INTRO + line + "\n")
    assert (
        "direct",
        text,
        speaker,
        {"Claire Fontaine": "FRA", "Jan Kowal": "POL"}[speaker],
    ) in found


def test_quote_interrupted_by_its_cue_is_one_statement_with_the_cue_inside(quotes_of):
    found = quotes_of(INTRO + "“We are ready,” Fontaine said, “to act.”\n")
    assert [(k, t, s) for k, t, s, _ in found] == [
        ("direct", "We are ready,” Fontaine said, “to act.", "Claire Fontaine"),
    ]
    # the attribution sentence between two quotes of one paragraph does not end the statement
    found = quotes_of(INTRO + "“We are ready,” Fontaine said. “We act now.”\n")
    assert [t for _, t, _, _ in found] == ["We are ready,” Fontaine said. “We act now."]
    # a new paragraph is a new quote
    found = quotes_of(INTRO + "“We are ready,” Fontaine said.\n“We act now.”\n")
    assert [t for _, t, _, _ in found] == ["We are ready,", "We act now."]


def test_quote_spanning_paragraphs(quotes_of):
    text = (
        INTRO + "Fontaine was blunt.\n“We waited a year.\n“We will not wait another,” she said.\n"
    )
    (quote,) = [q for q in quotes_of(text) if q[0] == "direct"]
    assert quote[1] == "We waited a year.\n“We will not wait another,"
    assert quote[2:] == ("Claire Fontaine", "FRA")


def test_block_quote_with_lead_in_and_attribution_line(quotes_of):
    text = (
        INTRO + "Kowal commented on the plan:\n"
        "We will contribute engineers, but only after a ceasefire is signed.\n"
        "Jan Kowal, Defence Minister of Poland\n"
    )
    assert quotes_of(text) == [
        (
            "direct",
            "We will contribute engineers, but only after a ceasefire is signed.",
            "Jan Kowal",
            "POL",
        )
    ]


@pytest.mark.parametrize(
    "line, content, speaker",
    [
        (
            "Fontaine indicated that the talks had stalled.",
            "the talks had stalled",
            "Claire Fontaine",
        ),
        ("Kowal believes the mission must wait.", "the mission must wait", "Jan Kowal"),
        ("Kowal pointed out that the budget was small.", "the budget was small", "Jan Kowal"),
        ("Fontaine expressed hope that a deal was near.", "a deal was near", "Claire Fontaine"),
        ("Kowal called for eliminating the tariffs.", "eliminating the tariffs", "Jan Kowal"),
        ("Kowal ruled out sending combat troops.", "sending combat troops", "Jan Kowal"),
        ("Fontaine denied any role in the leak.", "any role in the leak", "Claire Fontaine"),
        (
            "The talks will resume in May, Fontaine said.",
            "The talks will resume in May",
            "Claire Fontaine",
        ),
        ("According to Kowal, the plan is dead.", "the plan is dead", "Jan Kowal"),
        ("The plan is dead, according to Kowal.", "The plan is dead", "Jan Kowal"),
    ],
)
def test_reported_speech(quotes_of, line, content, speaker):
    found = quotes_of(INTRO + line + "\n")
    assert [(k, t, s) for k, t, s, _ in found] == [("indirect", content, speaker)]


def test_two_reporting_verbs_give_two_statements(quotes_of):
    found = quotes_of(INTRO + "Kowal acknowledged the delays but emphasized the progress.\n")
    assert [t for _, t, _, _ in found] == ["the delays", "the progress"]


def test_object_complement_with_the_list_that_follows(quotes_of):
    text = (
        INTRO + "Kowal outlined two priorities:\n- Air defence.\n- Demining.\nThe talks went on.\n"
    )
    ((kind, content, speaker, _),) = quotes_of(text)
    assert kind == "indirect" and speaker == "Jan Kowal"
    assert content.startswith("two priorities:") and content.endswith("Demining.")


def test_partial_quotes_inside_reported_speech_are_one_statement(quotes_of):
    found = quotes_of(INTRO + "Fontaine called the plan “a dangerous escalation” on Monday.\n")
    assert found == [
        ("indirect", "the plan “a dangerous escalation” on Monday", "Claire Fontaine", "FRA")
    ]
    found = quotes_of(INTRO + "Kowal accused Moscow of “fanatic recklessness” in the talks.\n")
    assert found == [
        ("indirect", "Moscow of “fanatic recklessness” in the talks", "Jan Kowal", "POL")
    ]
    # a clause that is nothing but the quote stays a direct quote
    found = quotes_of(INTRO + "Fontaine said: “We are ready.”\n")
    assert found == [("direct", "We are ready.", "Claire Fontaine", "FRA")]


def test_pronouns_and_roles_name_the_last_fitting_person(quotes_of):
    text = (
        INTRO + "Fontaine said her government would wait.\n"
        "Kowal disagreed with his French colleague.\n"
        "“We cannot wait,” he said.\n"
        "“We can,” she replied.\n"
        "The minister also warned that time was short.\n"
    )
    found = quotes_of(text)
    assert ("direct", "We cannot wait,", "Jan Kowal", "POL") in found
    assert ("direct", "We can,", "Claire Fontaine", "FRA") in found
    assert ("indirect", "time was short", "Claire Fontaine", "FRA") in found


def test_organisations_seats_and_appositions_as_speakers(quotes_of):
    text = (
        INTRO + "The Kremlin said the proposal was unacceptable.\n"
        "A White House spokesperson said the talks were useful.\n"
        "Anna Berg, a member of the Swedish parliament, said the plan was late.\n"
    )
    found = quotes_of(text)
    assert ("indirect", "the proposal was unacceptable", "Kremlin", "RUS") in found
    assert ("indirect", "the talks were useful", "White House", "USA") in found
    assert ("indirect", "the plan was late", "Anna Berg", "SWE") in found


def test_attribution_in_the_middle_of_a_sentence(quotes_of):
    found = quotes_of(INTRO + "“All of which,” Kowal said, “would help the talks.”\n")
    assert [(t, s) for _, t, s, _ in found] == [
        ("All of which,” Kowal said, “would help the talks.", "Jan Kowal"),
    ]
    found = quotes_of(INTRO + "The force, Kowal said, would be ready by spring.\n")
    assert found == [("indirect", "would be ready by spring", "Jan Kowal", "POL")]


def test_unbalanced_marks_do_not_spoil_later_quotes(quotes_of):
    text = (
        INTRO + "The 6'3\" sergeant said little, and a colonel spoke of “a long winter.\n"
        "“We are ready,” Fontaine said.\n"
    )
    assert ("direct", "We are ready,", "Claire Fontaine", "FRA") in quotes_of(text)


def test_not_quotes(quotes_of):
    text = (
        INTRO + "A proposed “coalition of those who wish” is facing hurdles.\n"
        "The so-called “peace dividend” never came.\n"
        "According to his body mass index, the soldier was fit.\n"
        "Current indications suggest that the talks will fail.\n"
    )
    assert quotes_of(text) == []


SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_seed_block_quotes_all_go_to_merezhko(seed_corpus):
    q = seed_corpus.quotes
    blocks = seed_corpus.blocks
    starts = set(blocks[blocks.kind == "blockquote"].start_char)
    block_quotes = q[q.start_char.isin(starts)]
    assert len(block_quotes) == 5
    assert set(block_quotes.speaker) == {"Oleksandr Merezhko"}
    assert set(block_quotes.speaker_country) == {"UKR"}
    assert set(block_quotes.kind) == {"direct"}


@pytest.mark.parametrize(
    "opening, speaker, country",
    [
        ("four primary objectives", "John Healey", "GBR"),
        ("recent negotiations have not yielded", "Kaja Kallas", "EUU"),
        ("this sentiment, characterizing", "Guido Crosetto", "ITA"),
        ("the coalition’s viability hinges", "Keir Starmer", "GBR"),
        ("dividing Ukraine into zones", "Keith Kellogg", "USA"),
        (
            "the Russian dictator Vladimir Putin is",
            "Oleksandr Merezhko",
            "UKR",
        ),  # He also pointed out
        ("the primary function of the international", "Oleksandr Merezhko", "UKR"),  # He believes
        ("against the potential for a U.S.-Russia", "Oleksandr Merezhko", "UKR"),  # He cautioned
        ("Europe will remain steadfast", "Oleksandr Merezhko", "UKR"),  # he expressed hope
    ],
)
def test_seed_reported_statements(seed_corpus, opening, speaker, country):
    q = seed_corpus.quotes
    row = q[q.text.str.startswith(opening)]
    assert len(row) == 1, opening
    assert (row.iloc[0].kind, row.iloc[0].speaker, row.iloc[0].speaker_country) == (
        "indirect",
        speaker,
        country,
    )


def test_seed_scare_quote_is_not_a_quote(seed_corpus):
    q = seed_corpus.quotes
    first = SEED_TEXT.index("coalition of those who wish")
    assert not ((q.start_char <= first) & (q.end_char > first)).any()
    assert not (q.text.str.strip('“”" ') == "coalition of those who wish").any()


def test_quote_ids_are_stable_and_point_into_the_text(seed_corpus):
    text = seed_corpus.articles.text.iloc[0]
    for row in seed_corpus.quotes.itertuples():
        assert row.quote_id == f"{row.article_id}:{row.start_char}-{row.end_char}"
        assert text[row.start_char : row.end_char] == row.text
        if pd.notna(row.speaker_start):  # "it is asserted that …" names no speaker
            assert text[row.speaker_start : row.speaker_end]
        if row.cue is not None and isinstance(row.cue, str):
            assert text[row.cue_start : row.cue_end] == row.cue


@pytest.mark.parametrize(
    "text",
    [
        "“",
        "Title\n“\n”\n“",
        "Title\n" + "“a” " * 200,
        "Title\n\"\"\"\"''''“”„«»\n- \n> \n#\n",
        "Title\nsaid said said according to according to, he said, she told.",
        "Title\n" + "x" * 5000,
        "Title\n—, , ,\nJohn, \n— \n",
    ],
)
def test_odd_documents_never_raise(quotes_of, text):
    assert isinstance(quotes_of(text), list)


def test_registered_spacy_component(nlp):
    import spacy

    pipeline = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    pipeline.add_pipe("workbench_quotes")
    doc = pipeline(INTRO + "“We are ready,” Fontaine said.\n")
    assert [(q["text"], q["speaker"]) for q in doc._.quotes] == [
        ("We are ready,", "Claire Fontaine")
    ]


WORDS = [
    "He",
    "she",
    "said",
    "told",
    "according",
    "to",
    "Fontaine",
    "Kowal",
    "the",
    "minister",
    "Kremlin",
    "“",
    "”",
    '"',
    "''",
    "'",
    ",",
    ".",
    ":",
    "\n",
    "\n- ",
    "\n> ",
    "— ",
    "6'3\"",
    "that",
    "called",
    "for",
    "ruled",
    "out",
    "and",
    "but",
    "who",
    "It",
    "Paris",
]


@given(st.lists(st.sampled_from(WORDS), max_size=60))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_document_makes_the_extractor_fail(quotes_of, words):
    text = "Title\n" + " ".join(words)
    for kind, quote, _, _ in quotes_of(text):
        assert kind in ("direct", "indirect") and quote


def test_a_parenthetical_attribution_names_the_next_pronouns_speaker(quotes_of):
    text = (
        "Talks in Istanbul\n"
        "A State Department spokeswoman, Jane Pryor, said the United States welcomed the offer.\n"
        "Paris backs any process that ends the war, Foreign Minister Anne-Laure Duvalier said, "
        "but only if Europeans have a seat at the table. “We will not be the menu,” she said.\n"
    )
    found = {t: s for _, t, s, _ in quotes_of(text)}
    assert found["We will not be the menu,"] == "Anne-Laure Duvalier"


def test_a_relative_clause_is_no_title(link, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(
        "Finland Stays Out\n\nNeighbouring Finland will not follow. Soldiers will stay home, "
        "said Defence Minister Aleksi Harjula, who argued that the border with Russia "
        "absorbed every soldier.\n",
        encoding="utf-8",
    )
    (person,) = [e for e in link(p) if e["canonical"] == "Aleksi Harjula"]
    assert person["country_code"] != "RUS"


def test_its_ambassador_speaks_for_the_country_before(quotes_of):
    text = (
        "Sanctions\nBudapest says that every time. Its ambassador told us this week that his "
        "government would not let the package pass.\n"
    )
    found = [
        (s, c) for k, t, s, c in quotes_of(text) if t.endswith("would not let the package pass")
    ]
    assert found == [("Hungary", "HUN")]


def test_a_verbless_lead_in_with_a_colon_names_the_speaker(quotes_of):
    text = (
        "Live: ministers meet\n\n**09:40** Dutch Foreign Minister Pieter Aalbers, on his way in: "
        '"The package is ready and it must be adopted."\n\n'
        '**09:50** On the agenda: "any other business".\n'
    )
    found = quotes_of(text)
    assert (
        "direct",
        "The package is ready and it must be adopted.",
        "Pieter Aalbers",
        "NLD",
    ) in found
    assert not any(q[1] == "any other business" and q[2] for q in found)  # no person, no speaker


def test_a_person_named_in_a_verbless_sentence_is_the_next_he(quotes_of):
    text = (
        "Live: ministers meet\n\n**12:15** Malta's foreign minister, Josef Bartolo, said Valletta "
        'had doubts. "We can write the rule," he said.\n\n**13:05** Ukraine\'s foreign minister, '
        "Dmytro Savchak, by video link. According to two diplomats, he told them Kyiv was ready "
        "to talk.\n"
    )
    found = {q[1]: (q[2], q[3]) for q in quotes_of(text)}
    assert found["Kyiv was ready to talk"] == ("Dmytro Savchak", "UKR")
    assert found["We can write the rule,"] == ("Josef Bartolo", "MLT")


def test_a_dateline_is_never_the_speaker(quotes_of):
    text = (
        "Kremlin Rejects Troops\n\nMOSCOW — The Kremlin said on Wednesday that it would regard "
        "any deployment as a threat.\n\nLONDON — Leaders from thirty countries said they would "
        "meet again in May.\n"
    )
    found = quotes_of(text)
    assert [q[2] for q in found if "would regard" in q[1]] == ["Kremlin"]
    assert all(q[2] != "United Kingdom" for q in found)


def test_component_and_run_share_one_chain_of_stages(nlp, gaz):
    """The spaCy component's quotes are the run's (analyse_doc starts with link_and_quote)."""
    import spacy

    from workbench.nlp.model import parse
    from workbench.quotes.component import link_and_quote
    from workbench.read.structure import parse_blocks
    from workbench.resources.cues import load_cues
    from workbench.run.stages import analyse_doc, load_lexicons

    text = INTRO + "“We are ready,” Fontaine said. Kowal told reporters the talks would go on.\n"
    pipeline = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    pipeline.add_pipe("workbench_quotes")
    blocks = parse_blocks(text)
    doc = next(parse(nlp, [(text, blocks)]))
    run = analyse_doc(doc, blocks, *load_lexicons())
    entities, quotes = link_and_quote(doc, blocks, gaz, load_cues())
    assert pipeline(text)._.quotes == quotes == run["quotes"]
    assert entities == run["entities"] and len(quotes) == 2
