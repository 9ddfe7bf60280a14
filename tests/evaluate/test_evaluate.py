"""Quote accuracy on the annotated fixtures (the acceptance figures) and the scorer itself."""

import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from workbench.evaluate.gold import load_gold
from workbench.evaluate.quotes import evaluate_quotes, overlap

GOLD = sorted((FIXTURES / "quotes").glob("gold_*.yml"))


def test_overlap_is_the_smaller_share():
    assert overlap((0, 10), (0, 10)) == 1.0
    assert overlap((0, 10), (7, 20)) == pytest.approx(3 / 13)
    assert overlap((0, 10), (10, 20)) == 0.0


def test_gold_files_are_large_enough():
    articles = golds = 0
    for path in GOLD:
        arts, gs = load_gold(path)
        articles += len(arts)
        golds += len(gs)
    assert articles >= 31 and golds >= 150


def test_gold_text_must_be_in_the_article(tmp_path):
    gold = tmp_path / "gold.yml"
    seed = ROOT / "seeds" / "000_9e8ae43d946c058c.txt"
    quote = "{text: 'not in the seed at all', speaker: null}"
    gold.write_text(f"articles:\n  - file: {seed}\n    quotes:\n      - {quote}\n")
    with pytest.raises(ValueError, match="not found"):
        load_gold(gold)


@pytest.fixture(scope="module")
def score(tmp_path_factory):
    return evaluate_quotes(GOLD, cache_dir=tmp_path_factory.mktemp("cache"))


def test_acceptance_figures(score):
    assert score.precision >= 0.90
    assert score.recall >= 0.90
    assert score.rate(score.speaker_ok) >= 0.90
    assert score.rate(score.wrong_speaker) <= 0.03


def test_each_set_on_its_own_is_usable(tmp_path):
    for path in GOLD:
        s = evaluate_quotes([path], cache_dir=tmp_path)
        assert s.precision >= 0.85 and s.recall >= 0.85, (path.name, s.summary())
        assert s.rate(s.speaker_ok) >= 0.85, (path.name, s.summary())


def test_cli_prints_the_figures():
    proc = subprocess.run(
        [sys.executable, "-m", "workbench", "evaluate", "quotes", *map(str, GOLD)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    for word in (
        "precision",
        "recall",
        "speaker accuracy",
        "country accuracy",
        "wrong-speaker rate",
    ):
        assert word in proc.stdout


STANCE_GOLD = [FIXTURES / "stances" / f"gold_set_{s}.yml" for s in ("d", "e")]


def test_stance_fixtures_score(tmp_path):
    """The stances issue's figure: per-article cell accuracy of at least 0.85, counted over the
    union of gold and predicted cells, on the 24 annotated development articles. In-sample: the
    rules were developed against these articles and the learned scorer (the default, see
    workbench/scorer.py) trained on them (see test_stance_heldout_score)."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    assert sum(len(load_stance_gold(p)[0]) for p in STANCE_GOLD) >= 20
    result = evaluate_stances(STANCE_GOLD, cache_dir=tmp_path)
    assert result.accuracy >= 0.85, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_set_h_score(tmp_path):
    """Set H (12 articles, 68 cells; development) was written and annotated before the rules were
    run on it, to vary the phrasing (timing paraphrases, institutions and coreference as holders,
    cue words in another sense, synonyms, hypotheticals); the rules were then generalised against
    it and the learned scorer trained on it, so its figure is in-sample. The floor sits just under
    the current figure: a regression guard.
    History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    gold = FIXTURES / "stances" / "gold_set_h.yml"
    articles, cells = load_stance_gold(gold)
    assert len(articles) >= 10 and sum(len(c) for c in cells) >= 60
    result = evaluate_stances([gold], cache_dir=tmp_path)
    assert result.accuracy >= 0.86, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_set_j_score(tmp_path):
    """Set J (11 articles, 73 cells; development) was written and annotated before the rules were
    run on it: paraphrased wire copy with many countries per article, ministries and delegations
    as holders, sanctions relief, positions outside the lexicons. The rules were then generalised
    against it and the learned scorer trained on it (in-sample). The floor sits just under the
    current figure. History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    gold = FIXTURES / "stances" / "gold_set_j.yml"
    articles, cells = load_stance_gold(gold)
    assert len(articles) >= 10 and sum(len(c) for c in cells) >= 60
    result = evaluate_stances([gold], cache_dir=tmp_path)
    assert result.accuracy >= 0.77, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_heldout_score(tmp_path):
    """Set F (8 articles, 35 cells; held-out) was written after the rules and never used to tune
    them: it is the honest figure for unseen news. Do not tune rules on it; write new development
    articles instead. A regression guard, not a target; its floor was once lowered for a trade
    with set I, deliberately. History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.stances import evaluate_stances

    result = evaluate_stances([FIXTURES / "stances" / "heldout_f.yml"], cache_dir=tmp_path)
    assert result.accuracy >= 0.58, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_heldout_i_score(tmp_path):
    """Set I (10 articles, 55 cells, 26 countries; held-out) was written by a helper who never saw
    the code nor ran the tool. It is the hardest, most paraphrased set. Never tune on it; the
    floor sits just under the current figure.
    History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.stances import evaluate_stances

    result = evaluate_stances([FIXTURES / "stances" / "heldout_i.yml"], cache_dir=tmp_path)
    assert result.accuracy >= 0.42, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_heldout_pool_score(tmp_path):
    """All held-out articles together (F and I, 18 articles): the figure a trade between the two
    sets must not lower. History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.stances import evaluate_stances

    gold = [FIXTURES / "stances" / f"heldout_{s}.yml" for s in ("f", "i")]
    result = evaluate_stances(gold, cache_dir=tmp_path)
    assert result.accuracy >= 0.49, result.summary()  # current figure: docs/evaluation.md#stances


def test_stance_set_k_and_heldout_l_scores(tmp_path):
    """Sets K (12 articles, 77 cells; blind development) and L (10 articles, 56 cells; held-out)
    were written blind by a helper who neither saw the code nor ran the tool, with positions in
    idioms, understatement, actions and coreference. K was measured once before any tuning and has
    been tuned on since; L is the honest figure for unseen phrasing. The floors are regression
    guards just under the current figures (docs/evaluation.md#stances). Never tune on L.
    History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    k = FIXTURES / "stances" / "gold_set_k.yml"
    lo = FIXTURES / "stances" / "heldout_l.yml"
    assert len(load_stance_gold(k)[0]) >= 12 and len(load_stance_gold(lo)[0]) >= 10
    assert evaluate_stances([k], cache_dir=tmp_path).accuracy >= 0.80
    assert evaluate_stances([lo], cache_dir=tmp_path).accuracy >= 0.35


def test_stance_set_m_score(tmp_path):
    """Set M (12 articles, 74 cells; blind development) was written blind like K, measured once
    before any tuning on it, and tuned on since. The floor is a regression guard just under the
    current figure. History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    m = FIXTURES / "stances" / "gold_set_m.yml"
    articles, cells = load_stance_gold(m)
    assert len(articles) >= 12 and sum(len(c) for c in cells) >= 70
    assert evaluate_stances([m], cache_dir=tmp_path).accuracy >= 0.58


def test_stance_set_n_score(tmp_path):
    """Set N (12 articles, 77 cells; blind development) was written blind like K and M, measured
    once before any tuning on it, and tuned on since. The floor is a regression guard just under
    the current figure. History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    n = FIXTURES / "stances" / "gold_set_n.yml"
    articles, cells = load_stance_gold(n)
    assert len(articles) >= 12 and sum(len(c) for c in cells) >= 70
    assert evaluate_stances([n], cache_dir=tmp_path).accuracy >= 0.44


def test_stance_heldout_o_score(tmp_path):
    """Set O (10 articles, 65 cells, 34 countries and the EU; held-out) was written blind by a
    helper under the same conditions as K, M and N, and measured once. Never tune on it; the floor
    is a regression guard just under the current figure.
    History: docs/history.md#figures-per-set-over-the-rounds"""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    o = FIXTURES / "stances" / "heldout_o.yml"
    articles, cells = load_stance_gold(o)
    assert len(articles) >= 10 and sum(len(c) for c in cells) >= 60
    assert evaluate_stances([o], cache_dir=tmp_path).accuracy >= 0.28


def test_quote_heldout_score(tmp_path):
    """Set G (6 articles, 53 quotes) was written after the quote rules and never used to tune
    them; it must meet the same acceptance figures as the development sets."""
    s = evaluate_quotes([FIXTURES / "quotes" / "heldout_g.yml"], cache_dir=tmp_path)
    assert s.precision >= 0.90 and s.recall >= 0.90, s.summary()
    assert s.rate(s.speaker_ok) >= 0.90 and s.rate(s.wrong_speaker) <= 0.03, s.summary()
