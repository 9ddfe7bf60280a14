"""Category features of candidate stance statements."""

from workbench.stances.features import cue_class, holder_class


def test_cue_classes_come_from_the_rule_trace():
    assert cue_class("hedge 'premature'") == "hedge"
    assert cue_class("negated refusal 'rule out'") == "negated refusal"
    assert cue_class("negated 'send'") == "negated"
    assert cue_class("ceasefire_timing phrase 'as soon as a ceasefire holds'") == "topic phrase"
    assert cue_class("speech noun (support)") == "speech noun"
    assert cue_class("") == "none"


def test_holder_classes():
    assert holder_class("subject 'Russia'") == "subject"
    assert holder_class("clause subject 'Bulgaria'") == "clause subject"
    assert holder_class("'affirmations from London'") == "speech noun"
    assert holder_class("antecedent of 'administration'") == "antecedent"
    assert holder_class("speaker") == "speaker"
