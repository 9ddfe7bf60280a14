"""The learned topic classifier in the stance stage: a clause with a stance cue and a holder but no
trigger goes on the classifier's topic (``topic_via`` "classifier"); a trigger still wins. Trained
here on fictional sentences with a made-up word for a force ("zorbat")."""

import pytest

from workbench.entities.linking import link_entities
from workbench.evaluate import train_topics
from workbench.nlp.model import parse
from workbench.quotes.extract import extract_quotes
from workbench.read.structure import parse_blocks
from workbench.resources.cues import load_cues
from workbench.resources.lexicon import load_lexicon
from workbench.resources.topicmodel import OTHER
from workbench.resources.topics import load_topics
from workbench.stances.extract import extract_stances

EXAMPLES = [
    ("Norlund will put a zorbat on the line", "troop_deployment"),
    ("A zorbat could move in within weeks", "troop_deployment"),
    ("The zorbat will stay home", "troop_deployment"),
    ("They refuse to commit a zorbat", "troop_deployment"),
    ("More sanctions on the banks are needed", "sanctions"),
    ("The sanctions package is ready", "sanctions"),
    ("The dinner was served late", OTHER),
    ("Delegates arrived after a train strike", OTHER),
    ("The summit ended with a photograph", OTHER),
]


@pytest.fixture(scope="module")
def stances_with(nlp, gaz, tmp_path_factory):
    out = tmp_path_factory.mktemp("topics") / "topic_model.yml"
    train_topics.dump(train_topics.fit(EXAMPLES, c=10.0, min_df=1), out, {}, threshold=0.4)
    cues, lexicon = load_cues(), load_lexicon()
    catalogues = {"off": load_topics(classifier="off"), "on": load_topics(classifier=str(out))}

    def run(text: str, which: str) -> list[dict]:
        blocks = parse_blocks(text)
        doc = next(parse(nlp, [(text, blocks)]))
        entities = link_entities(doc, blocks, gaz)
        quotes = extract_quotes(doc, blocks, entities, cues, gaz)
        return extract_stances(doc, blocks, entities, quotes, lexicon, catalogues[which])

    return run


@pytest.mark.parametrize(
    "sentence",
    [
        "Estonia is ready to provide a zorbat next spring.",
        "Estonia refused to provide a zorbat.",
        "Estonia will not offer a zorbat this year.",
    ],
)
def test_a_clause_without_a_trigger_goes_on_the_classifiers_topic(stances_with, sentence):
    text = "Baltic talks\n\n" + sentence + "\n"
    assert not [s for s in stances_with(text, "off") if s["country_code"] == "EST"]
    found = [s for s in stances_with(text, "on") if s["country_code"] == "EST"]
    assert [(s["topic"], s["topic_via"]) for s in found] == [("troop_deployment", "classifier")]


def test_a_trigger_wins_over_the_classifier(stances_with):
    text = "Baltic talks\n\nEstonia is ready to provide a zorbat and more sanctions.\n"
    found = {(s["topic"], s["topic_via"]) for s in stances_with(text, "on")}
    assert ("sanctions", "named") in found and not any(v == "classifier" for _, v in found)
