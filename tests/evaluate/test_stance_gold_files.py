"""The development stance gold files are well formed: every cell's topic is in the catalogue, its
label on the scale, its country an ISO code (or EUU), and its evidence a substring of its text."""

from pathlib import Path

import pytest
import yaml

from workbench.evaluate.gold import load_stance_gold
from workbench.resources.topics import load_topics
from workbench.schema import LABELS

STANCES = Path(__file__).parent.parent / "fixtures" / "stances"
DEV_C = STANCES.parent / "statements" / "dev_c" / "stances.yml"  # State Department documents
DEVELOPMENT = [*sorted(STANCES.glob("gold_set_*.yml")), DEV_C]


def test_the_development_sets_are_found():
    assert {p.stem[-1] for p in DEVELOPMENT} >= set("dehjkmnrstuvwxy")


@pytest.mark.parametrize("path", DEVELOPMENT, ids=lambda p: p.stem)
def test_every_cell_is_well_formed_and_its_evidence_is_in_the_text(path):
    topics = {t.id for t in load_topics().topics}
    articles, cells = load_stance_gold(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(articles) == len(data["articles"]) > 0
    for article, item, found in zip(articles, data["articles"], cells, strict=True):
        assert len(found) == len(item.get("cells") or [])  # one cell per (country, topic)
        for cell in item.get("cells") or []:
            where = f"{item['file']}: {cell['country']} {cell['topic']}"
            assert cell["topic"] in topics, where
            assert cell["label"] in LABELS, where
            assert len(cell["country"]) == 3 and cell["country"].isupper(), where
            if cell.get("evidence"):
                assert " ".join(cell["evidence"].split()) in " ".join(article.text.split()), where
