import pytest
from conftest import one_line_error

from workbench.resources.gazetteer import load_gazetteer


def test_case_rules(gaz):
    assert gaz.lookup("russia").country_code == "RUS"
    assert gaz.lookup("british").country_code == "GBR"
    assert gaz.lookup("US").country_code == "USA"
    assert gaz.lookup("us") is None  # the pronoun
    assert gaz.lookup("Turkey").country_code == "TUR"
    assert gaz.lookup("turkey") is None  # the bird
    assert gaz.lookup("European Union").country_code == "EUU"
    assert gaz.lookup("Europe").country_code is None  # a region, not the Union


def test_every_iso_country_is_known(gaz):
    assert gaz.lookup("Burkina Faso").country_code == "BFA"
    assert gaz.country_names["RUS"] == "Russia"


@pytest.mark.parametrize(
    "demonym, code",
    [("Uruguayan", "URY"), ("Kenyans", "KEN"), ("Panamanian", "PAN"), ("Palestinian", "PSE")],
)
def test_the_demonyms_of_countries_beyond_the_overlay(gaz, demonym, code):
    entry = gaz.lookup(demonym)
    assert (entry.country_code, entry.type) == (code, "demonym")


def test_a_demonym_two_countries_share_names_neither(gaz):
    assert gaz.lookup("Congolese") is None  # DR Congo or the Republic of the Congo


def test_fingerprint_follows_the_actors_file(tmp_path):
    a = tmp_path / "a.yml"
    a.write_text("actors:\n  - {name: Jane Roe, country: FRA}\n")
    first = load_gazetteer(a).fingerprint
    a.write_text("actors:\n  - {name: Jane Roe, aliases: [Roe], country: FRA}\n")
    assert load_gazetteer(a).fingerprint != first
    assert load_gazetteer(a).lookup("Roe").canonical == "Jane Roe"


@pytest.mark.parametrize(
    "text, where, expected",
    [
        ("actors: [Bob Smith]", "actors[0]", "expected a mapping"),
        ("actors:\n  - {aliases: [X]}", "actors[0].name", "required key missing"),
        ('actors:\n  - {name: ""}', "actors[0].name", "expected a non-empty string"),
        (
            "actors:\n  - {name: Jane Roe, aliases: [5]}",
            "actors[0].aliases[0]",
            "expected a string",
        ),
        ("actorz:\n  - {name: Jane Roe}", "actorz", "unknown key (expected: actors)"),
        ("actors:\n  - {name: Jane Roe, aliases: Roe}", "actors[0].aliases", "expected a list"),
        ("actors:\n  - {name: Jane Roe, country: France}", "actors[0].country", "alpha-3"),
        ("actors: &a [{name: Jane Roe, aliases: *a}]", "actors[0].aliases", "recursive"),
    ],
)
def test_bad_actors_file_one_line(tmp_path, text, where, expected):
    path = tmp_path / "actors.yml"
    path.write_text(text + "\n", encoding="utf-8")
    message = one_line_error(load_gazetteer, path)
    assert message.startswith(f"{path}: {where}: ") and expected in message, message


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("African Union Commission", "African Union"),  # not the European "Commission"
        ("AU Commission", "African Union"),
        ("ASEAN", "Association of Southeast Asian Nations"),
        ("IAEA", "International Atomic Energy Agency"),
    ],
)
def test_multilateral_bodies_beyond_europe(gaz, name, canonical):
    entry = gaz.lookup(name)
    assert (entry.canonical, entry.kind, entry.country_code) == (canonical, "organisation", None)
    assert gaz.lookup("who") is None  # the pronoun is not the WHO
