"""Every word list lives in one data file: the modals, condition words and reporting verbs the
rules read are declared in ``data/stance.yml`` and ``data/cues.yml`` (``resources/words.py``),
never re-declared in code, and a bad entry is a one-line error naming the file."""

import ast

import pytest
import yaml
from conftest import ROOT, one_line_error

from workbench.resources.datafiles import read_data
from workbench.resources.words import cue_words, stance_words

DATA = ROOT / "workbench" / "resources" / "data"
PACKAGES = ("stances", "quotes", "entities", "nlp", "resources")


def _guarded() -> set[str]:
    """The modals, condition words, reporting verbs, circumstance words, adjectives and
    honorifics of the data files."""
    grammar, cues = stance_words(), cue_words()
    linking = yaml.safe_load((DATA / "linking.yml").read_text(encoding="utf-8"))
    return {
        *grammar.demand_modals,
        *grammar.hypothetical_modals,
        *grammar.future_modals,
        *grammar.actor_modals,
        *grammar.span_conditions,
        *grammar.holder_conditions,
        *grammar.feature_conditions,
        *grammar.until_words,
        *grammar.real_conditions,
        *cues.plain_cues,
        *cues.title_stops,
        *cues.demand_reporting,
        *grammar.circumstance_words,
        *grammar.small_clause_verbs,
        *grammar.same_thing_adjectives,
        *grammar.coref_nouns,
        *linking["honorifics"],
    }


def test_no_word_list_is_declared_in_code():
    guarded = _guarded()
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / "workbench" / package).glob("*.py")):
            if path.name == "schemas.py":  # key names, not words
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Set | ast.Tuple | ast.List):
                    continue
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if len(words) > 1 and all(isinstance(w, str) for w in words) and words & guarded:
                    found.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} {sorted(words & guarded)}"
                    )
    assert found == []


def test_the_lists_are_read_from_the_data_files():
    grammar, cues = stance_words(), cue_words()
    assert grammar.demand_modals == {"should", "must", "need", "needs", "ought"}
    assert "once" in grammar.holder_conditions and "once" not in grammar.span_conditions
    assert "without" in grammar.span_conditions and "without" not in grammar.holder_conditions
    assert grammar.real_conditions[:2] == ("only", "provided")
    assert {"said", "according to"} <= cues.plain_cues
    assert cues.title_stops < cues.plain_cues


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("- {cue: undecided,", "- {cue: undecidd,", "rules[0].cue: expected 'support'"),
        ("demand: [should,", "demand: [5, should,", "modals.demand[0]: expected a string"),
        ("  span: [if,", "  spam: [if,", "condition_words.spam: unknown key"),
        ("\nrules:\n", "\nrulez:\n", "rulez: unknown key"),  # without its rules, no clause scores
    ],
)
def test_a_bad_word_list_entry_is_one_line(tmp_path, old, new, where):
    text = (DATA / "stance.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "stance.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    message = one_line_error(lambda p: read_data(p, "stance"), path)
    assert message.startswith(f"{path}: {where}")


def test_the_word_lists_are_read_once_per_process():
    """The analysis asks for them per clause: each file is parsed and checked once, not each time
    (an uncached country_words made the analysis 20% slower)."""
    from workbench.resources.words import country_words, official_words

    for words in (stance_words, cue_words, official_words, country_words):
        assert words() is words()
