"""One clause's position (``polarity.py``) on fictional sentences, without holders or topics."""

import pytest
import yaml
from conftest import ROOT

from workbench.resources.lexicon import load_lexicon
from workbench.stances.clauses import clause_stance, condition_span, split_clauses


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(scorer="rules")


@pytest.fixture(scope="module")
def tokens(nlp):
    return lambda text: [t for t in nlp(text) if not t.is_space]


@pytest.mark.parametrize(
    "text, stance, rule",
    [
        ("The Netherlands will send troops.", 1.0, "readiness cue"),
        ("The Netherlands will not send troops.", -1.0, "negated"),
        ("The minister ruled out a deployment.", -1.0, "refusal cue"),
        ("The minister did not rule out a deployment.", 0.5, "negated refusal"),
        ("Sending troops now would be premature.", -0.5, "hedge"),
        ("The offer hinges on an American backstop.", 0.5, "condition"),
        ("No personnel would be sent.", -1.0, "negated"),
        ("Oslo will not send soldiers until a peace accord is signed.", 0.5, "negated until"),
        ("The cabinet has not made up its mind.", 0.0, "undecided cue"),
        ("The weather in Brussels was grey.", None, "none"),
    ],
)
def test_clause_stance(tokens, lexicon, text, stance, rule):
    value, why, cue = clause_stance(tokens(text), lexicon)
    assert value == stance
    assert why.cls == rule  # the class the logic reads
    assert str(why).startswith(rule) or (rule == "none" and str(why) == "")  # the trace shown
    assert (cue is None) == (value is None)


def test_an_indirect_question_is_no_position(tokens, lexicon):
    clause = tokens("A senator asked whether the Netherlands would send troops.")
    assert clause_stance(clause, lexicon)[0] is None


def test_split_at_contrast(tokens, lexicon):
    parts = split_clauses(tokens("We back the idea, but it is far too early."), lexicon)
    assert [" ".join(t.text for t in p) for p in parts] == [
        "We back the idea ,",
        "but it is far too early .",
    ]
    assert clause_stance(parts[-1], lexicon)[0] == -0.5


def test_condition_span_names_the_price(tokens, lexicon):
    clause = tokens("Lisbon would send medics only under a United Nations mandate.")
    value, why, cue = clause_stance(clause, lexicon)
    assert value == 0.5
    named = {t.text for t in clause if t.i in condition_span(clause, cue, why)}
    assert {"United", "Nations", "mandate"} <= named
    assert "medics" not in named


def test_the_rules_apply_in_the_order_the_data_file_declares(tmp_path, tokens, lexicon):
    """`rules` in data/stance.yml is the order applied: reversed, a clause with a refusal and a
    readiness cue reads as the readiness cue, which the shipped order puts after the refusal."""
    shipped = ROOT / "workbench" / "resources" / "data" / "stance.yml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    declared = [(r["cue"], r["negated"], r["stance"], r["name"]) for r in data["rules"]]
    assert list(lexicon.rules) == declared
    clause = tokens("Norway rejects the plan and is ready to send troops.")
    value, why, _ = clause_stance(clause, lexicon)
    assert (value, why.cls, str(why)) == (-1.0, "refusal cue", "refusal cue 'reject'")
    data["rules"].reverse()
    path = tmp_path / "stance.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    reordered = load_lexicon(path, scorer="rules")
    assert list(reordered.rules) == declared[::-1]
    assert clause_stance(clause, reordered)[0] == 1.0
    assert clause_stance(clause, reordered)[1].cls == "readiness cue"
