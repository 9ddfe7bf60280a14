"""The seed rewritten with fictional names, other cue verbs of the same meaning and straight quote
marks yields the same quotes, speakers (renamed) and countries."""

import re

from conftest import SEED

import workbench

NAMES = {  # written name -> fictional name; canonical before -> after
    "Alexander Merezhko": "Taras Vovchenko",
    "Merezhko": "Vovchenko",
    "merezhko": "vovchenko",
    "John Healey": "Martin Ashdown",
    "Kai Kallas": "Mira Tamm",
    "Guido Crosetto": "Paolo Ferretti",
    "Cyrus Starmer": "Edward Blake",
    "Keith Kellogg": "Warren Pike",
}
CANONICAL = {
    "Oleksandr Merezhko": "Taras Vovchenko",
    "John Healey": "Martin Ashdown",
    "Kaja Kallas": "Mira Tamm",
    "Guido Crosetto": "Paolo Ferretti",
    "Keir Starmer": "Edward Blake",
    "Keith Kellogg": "Warren Pike",
}
CUES = {  # same meaning, other words
    "outlined": "described",
    "indicated that": "noted that",
    "has indicated": "has stated",
    "acknowledged": "conceded",
    "emphasized": "stressed",
    "pointed out": "noted",
    "anticipates": "expects",
    "believes": "thinks",
    "cautioned": "warned",
    "who suggested": "who proposed",
    "expressed hope": "voiced hope",
}


def rewrite(text: str) -> str:
    for old, new in {**NAMES, **CUES}.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def _summary(corpus, mapping=None):
    out = []
    for q in corpus.quotes.itertuples():
        speaker = (mapping or {}).get(q.speaker, q.speaker)
        out.append((q.kind, speaker, q.speaker_country))
    return out


def test_rewritten_seed_gives_the_same_quotes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b" / "seed.txt").write_text(
        rewrite(SEED.read_text(encoding="utf-8")), encoding="utf-8"
    )
    before = workbench.analyse([tmp_path / "a"], cache=False)
    after = workbench.analyse([tmp_path / "b"], cache=False)
    assert len(before.quotes) >= 18
    assert _summary(after) == _summary(before, CANONICAL)
    for old, new in zip(before.quotes.text, after.quotes.text, strict=True):
        assert rewrite(old) == new
