"""Official documents (quotes/official.py, read/transcripts.py) on fictional readouts, statements
and remarks: fictional people, real countries, three phrasings per mechanism."""

import pytest

from workbench.read.transcripts import genre, is_procedural
from workbench.resources.words import official_words


def _rows(found):
    return [(q["kind"], q["text"], q["speaker"], q["speaker_country"]) for q in found]


# -- 1. the document's principals ------------------------------------------------------------


@pytest.mark.parametrize(
    "title, first, principals",
    [
        (
            "Readout of President Tom Aldren’s Call with President Ana Vel of Finland",
            "President Tom Aldren spoke today with President Ana Vel of Finland.",
            [("Tom Aldren", "USA"), ("Ana Vel", "FIN")],
        ),
        (
            "Remarks by Vice President Ines Marr and Prime Minister Olli Savo of Finland Before "
            "Bilateral Meeting",
            "Vice President Marr hosted the Prime Minister in the Ceremonial Office.",
            [("Ines Marr", "USA"), ("Olli Savo", "FIN")],
        ),
        (
            "Readout of National Security Advisor Kim Oro’s Meeting with NATO Secretary General "
            "Piet Laan",
            "National Security Advisor Kim Oro met today with NATO Secretary General Piet Laan.",
            [("Kim Oro", "USA"), ("Piet Laan", None)],
        ),
    ],
)
def test_principals_come_from_the_title_with_their_countries(
    official_doc, title, first, principals
):
    _, official = official_doc(first + "\n", title)
    assert [(p.name, p.country) for p in official.principals][: len(principals)] == principals


def test_a_document_with_no_official_title_or_publisher_has_no_principals(official_doc):
    _, official = official_doc("President Ana Vel of Finland reaffirmed her support.\n", None, None)
    assert official.principals == []


# -- 2. role references ----------------------------------------------------------------------

READOUT = "Readout of President Tom Aldren’s Call with President Ana Vel of Finland"
FIRST = "President Tom Aldren spoke today with President Ana Vel of Finland.\n\n"


@pytest.mark.parametrize(
    "title, first, sentence, speaker, country",
    [
        (
            READOUT,
            FIRST,
            "The President reaffirmed the support of the United States.",
            "Tom Aldren",
            "USA",
        ),
        (
            "Readout of Vice President Ines Marr’s Meeting with Prime Minister Olli Savo of "
            "Finland",
            "Vice President Ines Marr met today with Prime Minister Olli Savo of Finland.\n\n",
            "The Vice President underscored the strength of the partnership.",
            "Ines Marr",
            "USA",
        ),
        (
            "Readout of National Security Advisor Kim Oro’s Call with Foreign Minister Eda Kask "
            "of Estonia",
            "National Security Advisor Kim Oro spoke today with Foreign Minister Eda Kask of "
            "Estonia.\n\n",
            "The National Security Advisor welcomed the new sanctions package.",
            "Kim Oro",
            "USA",
        ),
    ],
)
def test_role_references_resolve_to_the_principal(
    official_doc, title, first, sentence, speaker, country
):
    found, _ = official_doc(first + sentence + "\n", title)
    rows = [r for r in _rows(found) if r[1] in sentence]
    assert rows and rows[0][2:] == (speaker, country)


# -- 3. joint subjects -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, content",
    [
        ("The leaders discussed the reconstruction of the port.", "the reconstruction of the port"),
        ("Both sides agreed to meet again in the spring.", "to meet again in the spring"),
        (
            "The two presidents condemned the strikes on the power grid.",
            "the strikes on the power grid",
        ),
        (
            "President Aldren and President Vel welcomed the grain corridor.",
            "the grain corridor",
        ),
    ],
)
def test_joint_subjects_are_one_group_statement(official_doc, sentence, content):
    found, _ = official_doc(FIRST + sentence + "\n", READOUT)
    group = [q for q in found if q["text"] == content]
    assert len(group) == 1
    q = group[0]
    assert (q["speaker"], q["speaker_country"], q["co_speakers"]) == (
        "Tom Aldren",
        "USA",
        "Ana Vel",
    )


def test_a_single_speaker_has_no_co_speakers(official_doc):
    found, _ = official_doc(FIRST + "President Vel thanked the American people.\n", READOUT)
    q = next(q for q in found if q["text"] == "the American people")
    assert (q["speaker"], q["speaker_country"], q["co_speakers"]) == ("Ana Vel", "FIN", None)


@pytest.mark.parametrize(
    "sentence, content",
    [
        ("The two discussed the reconstruction of the port.", "the reconstruction of the port"),
        (
            "Both agreed on the need to reopen the border crossing.",
            "on the need to reopen the border crossing",
        ),
        (
            "The President and his counterpart condemned the strikes on the power grid.",
            "the strikes on the power grid",
        ),
    ],
)
def test_numbers_both_and_counterparts_are_joint_subjects(official_doc, sentence, content):
    found, _ = official_doc(FIRST + sentence + "\n", READOUT)
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["speaker_kind"], q["co_speakers"]) == ("Tom Aldren", "group", "Ana Vel")


@pytest.mark.parametrize(
    "before",
    [
        "Russia has massed troops on the border.",
        "The Kremlin announced new drills.",
        "Belarus hosted the exercises.",
    ],
)
def test_they_is_the_principals_not_the_last_country_named(official_doc, before):
    found, _ = official_doc(
        f"{FIRST}{before} They stressed their commitment to diplomacy.\n", READOUT
    )
    q = next(q for q in found if q["text"] == "their commitment to diplomacy")
    assert (q["speaker"], q["co_speakers"]) == ("Tom Aldren", "Ana Vel")


# -- 4. first-person documents ---------------------------------------------------------------

STATEMENT = (
    "Washington, D.C.\n\n"
    "Today I spoke with President Ana Vel of Finland about the coming winter.\n\n"
    "We will keep supporting the people of Finland, and we will not waver.\n"
)


@pytest.mark.parametrize(
    "title",
    [
        "Statement from President Tom Aldren on the Coming Winter",
        "Statement by President Tom Aldren Ahead of the Summit in Turku",
        "Statement of President Tom Aldren Regarding Support for Finland",
    ],
)
def test_first_person_paragraphs_are_the_authors_direct_quotes(official_doc, title):
    found, _ = official_doc(STATEMENT, title)
    assert _rows(found) == [
        (
            "direct",
            "Today I spoke with President Ana Vel of Finland about the coming winter.",
            "Tom Aldren",
            "USA",
        ),
        (
            "direct",
            "We will keep supporting the people of Finland, and we will not waver.",
            "Tom Aldren",
            "USA",
        ),
    ]


def test_the_author_of_a_statement_is_named_after_a_long_title(official_doc):
    title = "Statement from Deputy National Security Advisor for Trade Lena Brook on Sanctions"
    found, _ = official_doc("We are closing the loopholes that remained open.\n", title)
    assert _rows(found) == [
        ("direct", "We are closing the loopholes that remained open.", "Lena Brook", "USA")
    ]


# -- 5. speaker-labelled transcripts ---------------------------------------------------------

TRANSCRIPT = (
    "Oval Office\n\n"
    "2:17 P.M. EST\n\n"
    "{host}: Welcome back, my friend. We have a lot to discuss.\n\n"
    "And we will keep standing with you.\n\n"
    "PRESIDENT VEL: (As interpreted.) Thank you for the invitation.\n\n"
    "Q  Mr. President, will you send more aid?\n\n"
    "{host}: Yes.\n\n"
    "(Cross-talk.)\n\n"
    "END 2:40 P.M. EST\n"
)


@pytest.mark.parametrize(
    "title, host, speaker",
    [
        (
            "Remarks by President Tom Aldren and President Ana Vel of Finland Before Bilateral "
            "Meeting",
            "PRESIDENT ALDREN",
            "Tom Aldren",
        ),
        (
            "Remarks by President Tom Aldren and President Ana Vel of Finland Before Bilateral "
            "Meeting",
            "THE PRESIDENT",
            "Tom Aldren",
        ),
        (
            "Remarks by Vice President Ines Marr and President Ana Vel of Finland in Press Spray",
            "VICE PRESIDENT MARR",
            "Ines Marr",
        ),
    ],
)
def test_labelled_turns_are_direct_quotes_of_the_labelled_speaker(
    official_doc, title, host, speaker
):
    found, _ = official_doc(TRANSCRIPT.format(host=host), title)
    assert _rows(found) == [
        ("direct", "Welcome back, my friend. We have a lot to discuss.", speaker, "USA"),
        ("direct", "And we will keep standing with you.", speaker, "USA"),
        ("direct", "Thank you for the invitation.", "Ana Vel", "FIN"),
        ("direct", "Yes.", speaker, "USA"),
    ]


def test_procedural_lines_and_genres():
    assert all(is_procedural(s) for s in ("END", "(Cross-talk.)", "[Applause]", "1:22 P.M. EDT"))
    assert all(is_procedural(s) for s in ("###", "* * *", "— —"))  # end marks
    assert not is_procedural("We will act.")
    words = official_words()
    assert genre("Statement from President X on Y", words) == "first_person"
    assert genre("Remarks by President X Before Meeting", words) == "transcript"
    assert genre("Readout of President X’s Call", words) == "readout"
    assert genre("Talks resume in Geneva", words) is None


# -- 6. readout cues -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, content",
    [
        (
            "President Vel reaffirmed her commitment to the ceasefire.",
            "her commitment to the ceasefire",
        ),
        (
            "President Vel expressed her gratitude for the air defense systems.",
            "her gratitude for the air defense systems",
        ),
        (
            "President Vel reviewed the situation on the front line.",
            "the situation on the front line",
        ),
    ],
)
def test_readout_verbs_are_cues(official_doc, sentence, content):
    found, _ = official_doc(FIRST + sentence + "\n", READOUT)
    assert ("indirect", content, "Ana Vel", "FIN") in _rows(found)


@pytest.mark.parametrize(
    "sentence, content, co",
    [
        (
            "President Tom Aldren met with President Ana Vel of Finland today to underscore the "
            "support of the United States.",
            "the support of the United States",
            None,
        ),
        (
            "President Tom Aldren met with President Ana Vel of Finland today to reaffirm the "
            "partnership between their countries.",
            "the partnership between their countries",
            None,
        ),
        (
            "President Tom Aldren met with President Ana Vel of Finland today to discuss the "
            "energy grid.",
            "the energy grid",
            "Ana Vel",
        ),
    ],
)
def test_a_purpose_clause_of_a_meeting_is_a_statement(official_doc, sentence, content, co):
    found, _ = official_doc(sentence + "\n", READOUT)
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["speaker_country"], q["co_speakers"]) == ("Tom Aldren", "USA", co)


@pytest.mark.parametrize(
    "purpose, content",
    [
        ("to congratulate her on her election and discuss the energy grid", "the energy grid"),
        ("to thank her for her leadership and discuss the port", "the port"),
        (
            "to mark the anniversary of the treaty and discuss the border crossings",
            "the border crossings",
        ),
    ],
)
def test_a_second_purpose_verb_is_a_statement_too(official_doc, purpose, content):
    found, _ = official_doc(
        f"President Tom Aldren spoke today with President Ana Vel of Finland {purpose}.\n", READOUT
    )
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["co_speakers"]) == ("Tom Aldren", "Ana Vel")


@pytest.mark.parametrize(
    "sentence, content",
    [
        ("President Vel agreed to extend the grain corridor.", "to extend the grain corridor"),
        ("President Vel committed to new funding for the port.", "to new funding for the port"),
        ("The leaders agreed on a new round of talks.", "on a new round of talks"),
    ],
)
def test_agreed_and_committed_are_cues_only_in_official_documents(official_doc, sentence, content):
    official, _ = official_doc(FIRST + sentence + "\n", READOUT)
    news, _ = official_doc(FIRST + sentence + "\n", "Talks resume in Turku", None)
    assert content in [q["text"] for q in official]
    assert content not in [q["text"] for q in news]


@pytest.mark.parametrize("verb", ["Secures", "Announces", "Welcomes"])
def test_a_title_case_name_ends_where_the_text_no_longer_knows_it(official_doc, verb):
    title = f"Fact Sheet: President Tom Aldren {verb} Agreement with Finland"
    _, official = official_doc("Today, President Aldren signed the agreement.\n", title)
    assert [(p.name, p.country) for p in official.principals] == [("Tom Aldren", "USA")]


@pytest.mark.parametrize(
    "sentence, content",
    [
        ("Both sides agreed the talks were useful.", "the talks were useful"),
        (
            "The parties reaffirmed their commitment to the ceasefire.",
            "their commitment to the ceasefire",
        ),
        ("They reiterated their readiness to meet again.", "their readiness to meet again"),
    ],
)
def test_a_joint_statement_of_countries_speaks_for_the_countries_of_its_title(
    official_doc, sentence, content
):
    text = "On 3 May, delegations met in Geneva for discussions.\n\n" + sentence + "\n"
    found, _ = official_doc(text, "Joint Statement on Finland-Estonia Meeting")
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["speaker_country"], q["co_speakers"]) == ("Finland", "FIN", "Estonia")


@pytest.mark.parametrize(
    "title, sentence, speaker",
    [
        (
            "Readout of Secretary of State Rhea Dunn’s Call with Foreign Minister Eda Kask of "
            "Estonia",
            "The Secretary underscored the importance of the Baltic air policing mission.",
            "Rhea Dunn",
        ),
        (
            "Readout of Secretary of State Rhea Dunn’s Meeting with Foreign Minister Eda Kask of "
            "Estonia",
            "The Secretary welcomed the new defense budget.",
            "Rhea Dunn",
        ),
        (
            "Readout of Secretary of State Rhea Dunn’s Call with Foreign Minister Eda Kask of "
            "Estonia",
            "The Secretary reaffirmed the commitment of the United States.",
            "Rhea Dunn",
        ),
    ],
)
def test_a_short_role_reference_names_the_principal_with_the_longer_role(
    official_doc, title, sentence, speaker
):
    first = (
        "Secretary of State Rhea Dunn spoke today with Foreign Minister Eda Kask of Estonia.\n\n"
    )
    found, _ = official_doc(first + sentence + "\n", title)
    rows = [r for r in _rows(found) if r[1] in sentence]
    assert rows and rows[0][2:] == (speaker, "USA")


@pytest.mark.parametrize(
    "title",
    [
        "Remarks by President Tom Aldren on the Winter Aid Package",
        "Remarks by President Tom Aldren at the Turku Summit",
        "Remarks by President Tom Aldren Before Departing for Finland",
    ],
)
def test_remarks_with_no_labels_are_a_speech_of_the_first_principal(official_doc, title):
    text = (
        "Turku, Finland\n\nThank you all for coming.\n\n"
        "We will send more air defense this winter.\n"
    )
    found, _ = official_doc(text, title)
    assert _rows(found) == [
        ("direct", "Thank you all for coming.", "Tom Aldren", "USA"),
        ("direct", "We will send more air defense this winter.", "Tom Aldren", "USA"),
    ]


@pytest.mark.parametrize(
    "sentence, content",
    [
        ("The President found that the corridor was safe.", "the corridor was safe"),
        ("The leaders found that the exports had doubled.", "the exports had doubled"),
        ("President Vel found that the grid had held.", "the grid had held"),
    ],
)
def test_found_that_is_a_cue_in_official_documents(official_doc, sentence, content):
    found, _ = official_doc(FIRST + sentence + "\n", READOUT)
    assert content in [q["text"] for q in found]


@pytest.mark.parametrize(
    "listing",
    [
        "Participants in the call included Prime Minister Lena Berg of Sweden and President "
        "Tomas Rand of Estonia.",
        "Joining the call were Prime Minister Lena Berg of Sweden and President Tomas Rand of "
        "Estonia.",
        "Also participating were Prime Minister Lena Berg of Sweden and President Tomas Rand of "
        "Estonia.",
    ],
)
def test_a_paragraph_listing_the_participants_names_principals(official_doc, listing):
    text = (
        "President Tom Aldren held a video call with European leaders today. The leaders "
        "discussed their support for further sanctions on Russia.\n\n" + listing + "\n"
    )
    found, official = official_doc(
        text, "Readout of President Tom Aldren’s Call with European Leaders"
    )
    names = [(p.name, p.country) for p in official.principals]
    assert names[0] == ("Tom Aldren", "USA")
    assert {("Lena Berg", "SWE"), ("Tomas Rand", "EST")} <= set(names)
    joint = [q for q in found if q["speaker_kind"] == "group"]
    assert joint and joint[0]["co_speakers"] == "Lena Berg; Tomas Rand"


def test_a_later_paragraph_that_only_mentions_people_names_no_principals(official_doc):
    text = (
        "President Tom Aldren held a video call with European leaders today.\n\n"
        "Earlier, Prime Minister Lena Berg of Sweden visited the border.\n"
    )
    _, official = official_doc(text, "Readout of President Tom Aldren’s Call with European Leaders")
    assert [p.name for p in official.principals] == ["Tom Aldren"]


@pytest.mark.parametrize(
    "sentence, content",
    [
        (
            "President Vel affirmed the need to keep the corridor open.",
            "the need to keep the corridor open",
        ),
        (
            "President Vel raised the detention of two journalists.",
            "the detention of two journalists",
        ),
        (
            "The leaders explored ways to expand the grain corridor.",
            "ways to expand the grain corridor",
        ),
        (
            "The two sides exchanged views on the situation in the Black Sea.",
            "the situation in the Black Sea",
        ),
        (  # dev set T
            "The two sides shared perspectives on the situation in the Black Sea.",
            "the situation in the Black Sea",
        ),
        (  # dev set P
            "The leaders examined ways to expand the grain corridor.",
            "ways to expand the grain corridor",
        ),
    ],
)
def test_readout_verbs_of_other_sets_are_cues_in_official_documents(
    official_doc, sentence, content
):
    # seen on blind development sets E, G and J (State Department readouts of every region)
    official, _ = official_doc(FIRST + sentence + "\n", READOUT)
    news, _ = official_doc(FIRST + sentence + "\n", "Talks resume in Turku", None)
    assert content in [q["text"] for q in official]
    assert content not in [q["text"] for q in news]


@pytest.mark.parametrize(
    "subject",
    # "the officials": seen on development set P (a Quad readout)
    [
        "The group",
        "the group",
        "Later, the group",
        "The senior officials",
        "The officials",
        "The two officials",
    ],
)
def test_the_group_and_the_officials_are_every_principal(official_doc, subject):
    first = (
        "President Tom Aldren met today with President Ana Vel of Finland and Prime Minister "
        "Pavo Oran of Estonia. "
    )
    found, _ = official_doc(first + f"{subject} discussed the grain corridor.\n", READOUT)
    q = next(q for q in found if q["text"] == "the grain corridor")
    assert (q["speaker"], q["speaker_kind"]) == ("Tom Aldren", "group")


@pytest.mark.parametrize(
    "text",
    [
        # the governing clause's subject is the principal
        "Under Secretary Mara Quill visited Peru on May 3, where she underscored the value of "
        "free elections.",
        "Under Secretary Mara Quill traveled to Lima and Quito, where she stressed the value of "
        "free elections.",
        # spaCy parses the long title as a phrase: the document's only principal
        "Under Secretary of State for Civilian Security, Democracy, and Human Rights Mara Quill "
        "visited Peru on May 3-7, where she underscored the value of free elections.",
    ],
)
def test_a_pronoun_in_a_clause_of_the_principal_is_the_principal(official_doc, text):
    # seen on development set N (a State Department readout of a visit)
    found, _ = official_doc(text + "\n", "Under Secretary Quill’s Travel to Peru")
    q = next(q for q in found if q["text"] == "the value of free elections")
    assert q["speaker"] in ("Mara Quill", "Quill")  # the title's spelling or the text's
    assert (q["speaker_kind"], q["speaker_country"]) == ("person", "USA")


@pytest.mark.parametrize(
    "sentence, content",
    [
        (
            "Special Envoy Mara Quill held calls to discuss the missile launch with Foreign "
            "Minister Pavo Oran of Japan.",
            "the missile launch",
        ),
        (
            "Special Envoy Mara Quill spoke today to discuss the missile launch with Foreign "
            "Minister Pavo Oran.",
            "the missile launch",
        ),
        (
            "Special Envoy Mara Quill discussed regional security with Foreign Minister Pavo "
            "Oran of Japan.",
            "regional security",
        ),
    ],
)
def test_the_people_discussed_with_end_the_content_and_join_the_statement(
    official_doc, sentence, content
):
    # seen on development set N: "held calls to discuss X with <officials>"
    title = "Special Envoy Quill’s Call with Japanese Foreign Minister Oran"
    found, _ = official_doc(sentence + "\n", title)
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["speaker_kind"]) == ("Mara Quill", "group")
    assert "Pavo Oran" in q["co_speakers"]


@pytest.mark.parametrize(
    "purpose",
    ["for discussions on", "for talks on", "for consultations about", "for discussions focused on"],
)
def test_a_meeting_for_discussions_on_a_subject_is_a_joint_statement(official_doc, purpose):
    # seen on development set N: "met with X today in Washington for discussions on Y"
    sentence = (
        f"Deputy Secretary Mara Quill met with Foreign Minister Pavo Oran of Peru today in Lima "
        f"{purpose} regional security and trade.\n"
    )
    found, _ = official_doc(
        sentence, "Deputy Secretary Quill’s Meeting with Peruvian Foreign Minister Oran"
    )
    q = next(q for q in found if q["text"] == "regional security and trade")
    assert (q["speaker"], q["speaker_kind"], q["speaker_country"]) == ("Mara Quill", "group", "USA")
    assert "Pavo Oran" in q["co_speakers"]


@pytest.mark.parametrize(
    "item, content",
    [
        ("Announced a new grant for small businesses.", "a new grant for small businesses"),
        ("In Lima, reaffirmed the partnership with Peru.", "the partnership with Peru"),
        ("Emphasized the value of free elections.", "the value of free elections"),
    ],
)
def test_paragraphs_after_a_subject_and_colon_are_that_subjects(official_doc, item, content):
    # seen on development set P: "During her trip, Under Secretary of State Nuland:" and then
    # one paragraph per action, each opening with its verb
    text = (
        "Under Secretary Mara Quill visited Peru and Chile on May 3-7.\n\n"
        "During her trip, Under Secretary Quill:\n\n"
        "Met President Pavo Oran of Peru.\n\n"
        f"{item}\n\n"
        "The delegation returned on May 8. Officials noted the trade figures.\n"
    )
    found, _ = official_doc(text, "Under Secretary Quill’s Travel to Peru and Chile")
    q = next(q for q in found if q["text"] == content)
    assert (q["speaker"], q["speaker_country"]) == ("Mara Quill", "USA")


@pytest.mark.parametrize(
    "host, guest", [("MS VARGA", "MR ORAN"), ("MS. VARGA", "DR. ORAN"), ("MRS VARGA", "DR ORAN")]
)
def test_labels_with_an_honorific_name_the_speaker(official_doc, host, guest):
    # seen on development set R: a teleconference briefing ("MR PRICE:", "MR ZUNIGA:") whose title
    # names no transcript
    text = (
        "Ilse Varga, Department Spokesperson\n\nVia Teleconference\n\n"
        f"{host}:  Thanks very much for joining us today, everyone.\n\n"
        "We have with us Special Envoy for Democracy and Human Rights Pavo Oran, who takes "
        "questions.\n\n"
        f"{guest}:  Thank you, Ilse. We will publish the list of corrupt actors today.\n\n"
        "QUESTION:  When will the list be published?\n\n"
        f"{guest}:  Later today, after the notice to Congress.\n"
    )
    title = "Special Envoy for Democracy and Human Rights Pavo Oran On Release of the Report"
    found, _ = official_doc(text, title, "U.S. Department of State")
    said = {q["text"]: q["speaker"] for q in found}
    assert said["Thanks very much for joining us today, everyone."] == "Ilse Varga"
    assert said["Later today, after the notice to Congress."] in ("Pavo Oran", "Oran")
    assert "When will the list be published?" not in said


@pytest.mark.parametrize(
    "heads",
    [
        "Executive Director Pavo Oran and Director-General Ana Vel",
        "Director General Pavo Oran and High Commissioner Ana Vel",
        "High Commissioner Pavo Oran and Executive Director Ana Vel",
    ],
)
def test_heads_of_agencies_are_principals(official_doc, heads):
    # seen on development set T: "UN World Food Program (WFP) Executive Director David Beasley"
    text = (
        f"Secretary of State Mara Quill met the heads of the agencies today, including {heads}. "
        "They discussed the grain harvest.\n"
    )
    found, _ = official_doc(text, "Secretary Quill’s Meeting with the Food Agencies")
    q = next(q for q in found if q["text"] == "the grain harvest")
    assert (q["speaker"], q["speaker_kind"]) == ("Mara Quill", "group")
    assert "Pavo Oran" in q["co_speakers"]
