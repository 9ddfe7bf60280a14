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
    assert result.accuracy >= 0.85, result.summary()  # rules 0.906, learned scorer 0.920


def test_stance_set_h_score(tmp_path):
    """Set H (12 articles, 68 cells) was written and annotated before the rules were run on it,
    to vary the phrasing (timing paraphrases, institutions and coreference as holders, cue words
    in another sense, synonyms, hypotheticals); the rules were then generalised against it (and
    against set J). Measured 0.721 with the rules; 0.893 with the learned scorer (in-sample) after
    set K's rounds. The floor sits just under it: a regression guard."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    gold = FIXTURES / "stances" / "gold_set_h.yml"
    articles, cells = load_stance_gold(gold)
    assert len(articles) >= 10 and sum(len(c) for c in cells) >= 60
    result = evaluate_stances([gold], cache_dir=tmp_path)
    assert result.accuracy >= 0.86, result.summary()  # scorer 0.893 (in-sample), rules 0.744


def test_stance_set_j_score(tmp_path):
    """Set J (11 articles, 73 cells) was written and annotated before the rules were run on it:
    paraphrased wire copy with many countries per article, ministries and delegations as holders,
    sanctions relief, positions outside the lexicons. It scored 0.176 (32 predicted cells) before
    the rules were generalised against it, 0.579 after; 0.753 with the learned scorer (in-sample)
    after set K's rounds, 0.784 after set N's. The floor sits just under it."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    gold = FIXTURES / "stances" / "gold_set_j.yml"
    articles, cells = load_stance_gold(gold)
    assert len(articles) >= 10 and sum(len(c) for c in cells) >= 60
    result = evaluate_stances([gold], cache_dir=tmp_path)
    assert result.accuracy >= 0.77, result.summary()  # scorer 0.784 (in-sample), rules 0.622


def test_stance_heldout_score(tmp_path):
    """Set F (8 articles, 35 cells) was written after the rules and never used to tune them: it is
    the honest figure for unseen news. Do not tune rules on it; write new development articles
    instead. Measured: 0.500 (D/E rules), 0.531 (set H's rules), 0.506 (set J's rules: the same
    20 correct cells, three more extra ones, while held-out I gained six correct cells; the floor
    was lowered from 0.52 to 0.50 for that trade, deliberately and documented), 0.531 with the
    learned scorer, 0.562 after the rounds on sets K and M, 0.592 after set N's. A regression
    guard, not a target."""
    from workbench.evaluate.stances import evaluate_stances

    result = evaluate_stances([FIXTURES / "stances" / "heldout_f.yml"], cache_dir=tmp_path)
    assert result.accuracy >= 0.58, result.summary()  # scorer 0.592, rules 0.585


def test_stance_heldout_i_score(tmp_path):
    """Set I (10 articles, 55 cells, 26 countries) was written by a helper who never saw the code
    nor ran the tool (it did read the topic catalogue, triggers included), after set H's rules. It
    is the hardest, most paraphrased set. Never tune on it. Measured 0.268 after set H's rules,
    0.362 after set J's, 0.376 after K's first round, 0.392 after its later rounds (measured
    once), 0.431 after set N's round; the floor sits just under it."""
    from workbench.evaluate.stances import evaluate_stances

    result = evaluate_stances([FIXTURES / "stances" / "heldout_i.yml"], cache_dir=tmp_path)
    assert result.accuracy >= 0.42, result.summary()  # scorer 0.431, rules 0.412


def test_stance_heldout_pool_score(tmp_path):
    """All held-out articles together (F and I, 18 articles): the figure a trade between the two
    sets must not lower. Measured 0.385 after set H's rules, 0.426 after set J's, 0.445 after set
    K's first round, 0.468 after the rounds on K and M, 0.502 after set N's."""
    from workbench.evaluate.stances import evaluate_stances

    gold = [FIXTURES / "stances" / f"heldout_{s}.yml" for s in ("f", "i")]
    result = evaluate_stances(gold, cache_dir=tmp_path)
    assert result.accuracy >= 0.49, result.summary()  # scorer 0.502


def test_stance_set_k_and_heldout_l_scores(tmp_path):
    """Sets K (12 articles, 77 cells; development) and L (10 articles, 56 cells; held-out) were
    written blind by a helper who neither saw the code nor ran the tool, with positions in idioms,
    understatement, actions and coreference. Measured once each before any tuning on K: K 0.263,
    L 0.312 with the learned scorer (rules alone 0.250, 0.282). The honest picture of unseen
    phrasing. General undecided, hedge, refusal and condition phrasings found in K's errors then
    took K to 0.347 and, measured once after, L to 0.326. Later rounds on K (interviews, topics
    from the title or lead, coreference of "the Baltic state", conditions after an attribution,
    paraphrases) took K to 0.751 and L to 0.356; with set M's round, K 0.792 and L 0.351; with
    set N's, K 0.812. K is
    tuned on, L is the honest figure. The floors are regression guards just under these. Never
    tune on L."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    k = FIXTURES / "stances" / "gold_set_k.yml"
    lo = FIXTURES / "stances" / "heldout_l.yml"
    assert len(load_stance_gold(k)[0]) >= 12 and len(load_stance_gold(lo)[0]) >= 10
    assert evaluate_stances([k], cache_dir=tmp_path).accuracy >= 0.80
    assert evaluate_stances([lo], cache_dir=tmp_path).accuracy >= 0.35


def test_stance_set_m_score(tmp_path):
    """Set M (12 articles, 74 cells; development) was written blind like K and measured before any
    tuning on it: 0.461 (rules alone 0.411). One round on its errors took it to 0.562, set N's
    round to 0.600. The floor is a regression guard just under it."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    m = FIXTURES / "stances" / "gold_set_m.yml"
    articles, cells = load_stance_gold(m)
    assert len(articles) >= 12 and sum(len(c) for c in cells) >= 70
    assert evaluate_stances([m], cache_dir=tmp_path).accuracy >= 0.58


def test_stance_set_n_score(tmp_path):
    """Set N (12 articles, 77 cells; development) was written blind like K and M and measured
    before any tuning on it: 0.353 (rules alone 0.310), against M's 0.461 at the same stage. One
    round of general rules (a view on Moscow's calculus is on deterrence; nouns pointing back to
    a topic named in full; the person beside a titled subject; verbless colon lead-ins) took it
    to 0.449. The floor is a regression guard just under it."""
    from workbench.evaluate.gold import load_stance_gold
    from workbench.evaluate.stances import evaluate_stances

    n = FIXTURES / "stances" / "gold_set_n.yml"
    articles, cells = load_stance_gold(n)
    assert len(articles) >= 12 and sum(len(c) for c in cells) >= 70
    assert evaluate_stances([n], cache_dir=tmp_path).accuracy >= 0.44


def test_stance_heldout_o_score(tmp_path):
    """Set O (10 articles, 65 cells, 34 countries and the EU; held-out) was written blind by a
    helper under the same conditions as K, M and N, after set N's round, and measured once: 0.292
    (rules alone 0.313). The session-start code scored it 0.271 (rules 0.288). Never tune on it;
    the floor is a regression guard just under it."""
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
