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


READOUT_INTRO = (
    "Office of the Spokesperson\n\nThe below is attributable to Spokesperson Ilse Varga:\n\n"
)


@pytest.mark.parametrize(
    "title, first, reference",
    [
        (
            "Deputy Secretary Quill’s Meeting with Estmark State Secretary Oran",
            "Deputy Secretary of State Mara Quill met with Estmark State Secretary Pavo Oran.",
            "The Deputy Secretary",
        ),
        (
            "Counselor Quill’s Trip to Kyiv",
            "Counselor of the Department Mara Quill met with Ukrainian officials in Kyiv today.",
            "The Counselor",
        ),
        (
            "Under Secretary Quill’s Call with Political Director Oran",
            "Under Secretary Mara Quill spoke today with Political Director Pavo Oran.",
            "The Under Secretary",
        ),
    ],
)
def test_a_title_the_text_gives_a_principal_resolves_to_them(official_doc, title, first, reference):
    # "the Deputy Secretary", "the Counselor": titles roles.yml does not know, read from the
    # title words the document itself puts next to the name
    text = f"{READOUT_INTRO}{first} {reference} underscored support for Ukraine’s sovereignty.\n"
    found, official = official_doc(text, title, STATE)
    assert official.principals[0].name == "Mara Quill"
    assert [(q["speaker"], q["speaker_country"]) for q in found] == [("Mara Quill", "USA")]


@pytest.mark.parametrize(
    "subject",
    [
        "The Deputy Secretary and the State Secretary",
        "Both the Deputy Secretary and the State Secretary",
        "They",
    ],
)
def test_a_joint_subject_of_titles_is_both_principals(official_doc, subject):
    title = "Deputy Secretary Quill’s Call with Estmark State Secretary Oran"
    first = (
        "Deputy Secretary of State Mara Quill spoke today with Estmark State Secretary Pavo Oran."
    )
    text = f"{READOUT_INTRO}{first} {subject} condemned the strikes on Odesa.\n"
    found, _ = official_doc(text, title, STATE)
    assert [(q["speaker"], q["speaker_kind"], q["co_speakers"]) for q in found] == [
        ("Mara Quill", "group", "Pavo Oran")
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Deputy Secretary Quill’s Call with Chief of Staff Oran",
        "Readout of Deputy Secretary Quill’s Call with Pavo Oran",
        "Deputy Secretary Quill and Mr. Oran Discuss the Grain Corridor",
    ],
)
def test_people_the_title_names_are_principals_whatever_their_title(official_doc, title):
    first = (
        "Deputy Secretary of State Mara Quill spoke today with Pavo Oran, Chief of Staff for "
        "the President of the Estmark Council."
    )
    text = (
        f"{READOUT_INTRO}{first} The Deputy Secretary and Chief of Staff discussed the corridor.\n"
    )
    found, official = official_doc(text, title, STATE)
    assert [p.name for p in official.principals][:2] == ["Mara Quill", "Pavo Oran"]
    assert [(q["speaker"], q["co_speakers"]) for q in found] == [("Mara Quill", "Pavo Oran")]


@pytest.mark.parametrize(
    "title",
    [
        "Secretary Quill’s Call with Secretary General Oran, Chair-in-Office Vel and Others",
        "Secretary Quill’s Call with Secretary General Oran, OSCE Chair Vel",
        "Secretary Quill’s Call with Secretary General Oran, and Minister Vel",
    ],
)
def test_a_name_in_the_title_ends_at_a_comma(official_doc, title):
    text = f"{READOUT_INTRO}Secretary Mara Quill spoke today with Pavo Oran and Ana Vel.\n"
    _, official = official_doc(text, title, STATE)
    assert "Pavo Oran" in [p.name for p in official.principals]
    assert all("," not in p.name and len(p.name.split()) <= 3 for p in official.principals)


@pytest.mark.parametrize(
    "title",
    [
        "Secretary Mara Quill And Estonian Foreign Minister Pavo-Ivar Oran After Their Meeting",
        "Secretary Mara Quill and Estonian Foreign Minister Pavo-Ivar Oran at a Press Availability",
        "Secretary Mara Quill With Estonian Foreign Minister Pavo-Ivar Oran Before Their Meeting",
    ],
)
def test_a_name_only_the_labels_spell_in_capitals_is_still_the_name(official_doc, title):
    # the text gives the guest's surname only in the turn labels: "FOREIGN MINISTER ORAN:"
    text = (
        "SECRETARY QUILL: Good afternoon. It is a pleasure to welcome my colleague.\n\n"
        "FOREIGN MINISTER ORAN: Thank you, Mara. We discussed the grain corridor.\n"
    )
    found, official = official_doc(text, title, STATE)
    assert ("Pavo-Ivar Oran", "EST") in [(p.name, p.country) for p in official.principals]
    assert [(q["speaker"], q["speaker_country"]) for q in found] == [
        ("Mara Quill", "USA"),
        ("Pavo-Ivar Oran", "EST"),
    ]


JOINT_TEXT = (
    "We are united in our concern about the detention of journalists in the region.\n\n"
    "Today, we have taken coordinated action in response to the forced landing of the flight.\n"
)


@pytest.mark.parametrize(
    "title, lead_in",
    [
        (
            "Joint Statement on Belarus",
            "The text of the following statement was released by the Governments of Canada, "
            "Norway and Finland.\n\nBegin Text:\n\n",
        ),
        (
            "Joint Statement of Canada, Norway and Finland on Belarus",
            "Canada, Norway and Finland issue the following joint statement:\n\n",
        ),
        (
            "Joint Declaration on the Detention of Journalists",
            "Office of the Spokesperson\n\nThe Governments of Canada, Norway and Finland released "
            "the following declaration.\n\nBegin text:\n\n",
        ),
    ],
)
def test_a_joint_statements_own_text_is_every_signatorys(official_doc, title, lead_in):
    found, _ = official_doc(f"{lead_in}{JOINT_TEXT}\nEnd text.\n", title, STATE)
    assert [(q["kind"], q["speaker"], q["speaker_country"], q["co_speakers"]) for q in found] == [
        ("direct", "Canada", "CAN", "Norway; Finland"),
        ("direct", "Canada", "CAN", "Norway; Finland"),
    ]
    assert [q["text"] for q in found] == JOINT_TEXT.strip().split("\n\n")


def test_a_joint_statement_that_narrates_is_read_as_a_readout(official_doc):
    text = (
        "The following is the text of a joint statement released by the Governments of Canada "
        "and Norway.\n\nBegin text:\n\nForeign Minister Ana Vel of Canada and Foreign Minister "
        "Pavo Oran of Norway met in Oslo on May 18.\n\nThey reiterated their support for "
        "Ukraine’s sovereignty.\n\nEnd text.\n"
    )
    found, _ = official_doc(
        text, "Joint Statement on Foreign Minister Vel’s Meeting with Foreign Minister Oran", STATE
    )
    assert [(q["text"], q["speaker"]) for q in found] == [
        ("their support for Ukraine’s sovereignty", "Ana Vel")
    ]


@pytest.mark.parametrize(
    "title, name, country",
    [
        (
            "Secretary Mara Quill and Kenyan Cabinet Secretary for Foreign Affairs Ambassador "
            "Pavo Oran Before Their Meeting",
            "Pavo Oran",
            "KEN",
        ),
        (
            "Secretary Mara Quill With Uruguayan Foreign Minister Pavo Oran Before Their Meeting",
            "Pavo Oran",
            "URY",
        ),
        (
            "Deputy Secretary Quill’s Call with Panamanian Vice Minister of Foreign Affairs Oran",
            "Pavo Oran",
            "PAN",
        ),
    ],
)
def test_a_demonym_anywhere_in_the_title_run_gives_the_country(official_doc, title, name, country):
    text = f"{READOUT_INTRO}Secretary Mara Quill spoke today with Pavo Oran.\n"
    _, official = official_doc(text, title, STATE)
    assert (name, country) in [(p.name, p.country) for p in official.principals]


@pytest.mark.parametrize(
    "lead_in",
    [
        "The following is the text of a joint statement by Secretary of State Mara Quill, EU "
        "High Representative Pavo Oran, and Canadian Foreign Minister Ana Vel.",
        "Secretary of State Mara Quill, EU High Representative Pavo Oran and Canadian Foreign "
        "Minister Ana Vel released the following joint statement.",
        "Begin text of a joint statement by Secretary of State Mara Quill, EU High "
        "Representative Pavo Oran, and Canadian Foreign Minister Ana Vel:",
    ],
)
def test_a_joint_statement_by_people_is_theirs(official_doc, lead_in):
    text = f"Office of the Spokesperson\n\n{lead_in}\n\nBegin text:\n\n{JOINT_TEXT}\nEnd text.\n"
    found, _ = official_doc(text, "U.S.-EU-Canada: Joint Statement on Belarus", STATE)
    assert {(q["speaker"], q["speaker_country"], q["co_speakers"]) for q in found} == {
        ("Mara Quill", "USA", "Pavo Oran; Ana Vel")
    }
    assert len(found) == 2


@pytest.mark.parametrize(
    "bylines",
    [
        "Mara Quill, Secretary of State\n\nPavo Oran, President of Palau",
        "Mara Quill, Secretary of State\n\nPavo Oran, Foreign Minister of Estonia",
        "Mara Quill, Deputy Secretary of State\n\nPavo Oran, President of Panama",
    ],
)
def test_stacked_bylines_are_no_quote(official_doc, bylines):
    text = (
        f"{bylines}\n\nWashington, D.C.\n\n"
        "SECRETARY QUILL: Good morning, everyone. It is good to see you here today.\n\n"
        "PRESIDENT ORAN: Thank you so much for having us here in Washington today.\n"
    )
    found, _ = official_doc(text, "Secretary Mara Quill and Pavo Oran Before Their Meeting", STATE)
    assert [q["text"][:12] for q in found] == ["Good morning", "Thank you so"]


@pytest.mark.parametrize(
    "title",
    [
        "Special Representative for the Democratic People’s Republic of Korea Oran’s Call with "
        "Japanese Director General Vel",
        "Special Envoy for Ukraine Oran’s Call with Japanese Director General Vel",
        "Special Representative for Afghanistan Oran’s Call with Japanese Director General Vel",
        # a posting (seen on development set P: "… Ambassador to Libya Richard Norland")
        "U.S. Special Envoy and Ambassador to Libya Pavo Oran’s Call with Director General Vel",
        "Ambassador to Libya Pavo Oran’s Call with Japanese Director General Vel",
        "Special Envoy to Libya Pavo Oran’s Call with Japanese Director General Vel",
    ],
)
def test_a_country_after_for_or_to_is_not_a_nationality(official_doc, title):
    text = f"{READOUT_INTRO}Special Representative Pavo Oran spoke today with Ana Vel.\n"
    _, official = official_doc(text, title, STATE)
    assert ("Pavo Oran", "USA") in [(p.name, p.country) for p in official.principals]


@pytest.mark.parametrize(
    "title",
    [
        "Acting Assistant Secretary of State Pavo Oran Visits Tunisia",
        "Special Envoy Pavo Oran Travels to Kenya",
        "Ambassador Pavo Oran Meets Chile",
    ],
)
def test_a_country_after_a_name_in_the_title_is_not_the_name(official_doc, title):
    text = f"{READOUT_INTRO}Ambassador Pavo Oran visited Tunisia, Kenya and Chile this week.\n"
    _, official = official_doc(text, title, STATE)
    assert official.principals[0].name == "Pavo Oran"


@pytest.mark.parametrize(
    "title",
    [
        "Secretary Quill’s Call with Commission Chairperson Oran",
        "Secretary Quill’s Call with Chairperson Oran",
        "Secretary Quill Speaks with Commission Chair Oran",
    ],
)
def test_a_title_may_name_a_person_by_any_of_their_family_names(official_doc, title):
    # "Chairperson Faki" is Moussa Faki Mahamat
    text = f"{READOUT_INTRO}Secretary of State Mara Quill spoke today with Pavo Oran Velasco.\n"
    _, official = official_doc(text, title, STATE)
    assert "Pavo Oran Velasco" in [p.name for p in official.principals]


@pytest.mark.parametrize(
    "title, country",
    [
        ("Secretary Mara Quill and Colombian Vice President and Foreign Minister Pavo Oran", "COL"),
        ("Secretary Mara Quill and Kenyan Deputy President and Cabinet Secretary Pavo Oran", "KEN"),
        ("Secretary Mara Quill With Peruvian Prime Minister and Foreign Minister Pavo Oran", "PER"),
    ],
)
def test_two_roles_joined_by_and_are_one_title(official_doc, title, country):
    text = f"{READOUT_INTRO}Secretary Mara Quill spoke today with Pavo Oran.\n"
    _, official = official_doc(text, title, STATE)
    assert ("Pavo Oran", country) in [(p.name, p.country) for p in official.principals]


@pytest.mark.parametrize(
    "title, first, country",
    [
        (
            "U.S.-Tajikistan Annual Bilateral Consultations",
            "The State Department hosted Foreign Minister Pavo Oran and a delegation for the "
            "consultations on July 1.",
            "TJK",
        ),
        (
            "Deputy Secretary Quill’s Meeting in Lima",
            "Deputy Secretary Mara Quill met Foreign Minister Pavo Oran of the Government of "
            "Peru today.",
            "PER",
        ),
        (
            "U.S.-Djibouti Bi-National Forum",
            "Assistant Secretary Mara Quill and Djiboutian Foreign Minister Pavo Oran concluded "
            "the forum today.",
            "DJI",
        ),
    ],
)
def test_a_foreign_principal_without_a_country_speaks_for_the_one_other_country_named(
    official_doc, title, first, country
):
    _, official = official_doc(f"{READOUT_INTRO}{first}\n", title, STATE)
    assert ("Pavo Oran", country) in [(p.name, p.country) for p in official.principals]
    # a U.S. official (no minister) is not the counterpart's
    assert all(p.country != country for p in official.principals if p.name != "Pavo Oran")


@pytest.mark.parametrize(
    "first",
    [
        # two other countries: which one is not known
        "Foreign Minister Pavo Oran met officials of Peru and Chile today.",
        # an organisation's title: the OAS is no country's
        "The Secretary met OAS Secretary General Pavo Oran to discuss Peru today.",
        # no other country at all
        "The Secretary met Foreign Minister Pavo Oran today.",
    ],
)
def test_no_sole_other_country_no_guess(official_doc, first):
    _, official = official_doc(f"{READOUT_INTRO}{first}\n", "Secretary’s Meeting", STATE)
    assert ("Pavo Oran", None) in [(p.name, p.country) for p in official.principals]


@pytest.mark.parametrize(
    "run, name, country",
    [
        (
            "Qatari Minister of Foreign Affairs and Deputy Prime Minister",
            "Pavo bin Karim Oran",
            "QAT",
        ),
        ("Emirati Minister of State and Deputy Foreign Minister", "Ana bint Saif Vel", "ARE"),
        ("Dutch Minister of Foreign Trade and Deputy Prime Minister", "Jan van der Berg", "NLD"),
    ],
)
def test_a_title_run_over_and_keeps_its_country_and_a_name_its_particles(
    official_doc, run, name, country
):
    # seen on development set R: "Qatari Minister of Foreign Affairs and Deputy Prime Minister
    # Mohammed bin Abdulrahman Al-Thani" spoke for the United States
    surname = name.split()[-1]
    text = f"SECRETARY QUILL:  Welcome.\n\n{surname.upper()}:  Thank you, Mr. Secretary.\n"
    title = f"Secretary Mara Quill And {run} {name} Before Their Meeting"
    _, official = official_doc(text, title, STATE)
    assert (name, country) in [(p.name, p.country) for p in official.principals]
