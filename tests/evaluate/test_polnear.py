"""PolNeAR: the reader, the scorer, the folds and `workbench evaluate polnear`, on a small sample in
PolNeAR's format with fictional text (polnear_sample.py, written to a temporary folder: nothing laid
out like the corpus is committed); the real corpus is never needed."""

import atexit
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from polnear_sample import write_sample

from workbench.cli import main
from workbench.evaluate import polnear_run
from workbench.evaluate.polnear import (
    PolnearArticle,
    Relation,
    load_polnear,
    overlap,
    read_ann,
    score_article,
)
from workbench.evaluate.polnear_run import (
    Analysed,
    analyse_polnear,
    cross_validate,
    fold_of,
    format_errors,
    format_folds,
    identity,
    score_examples,
)
from workbench.nlp.model import ModelNotFound
from workbench.run.options import RunOptions

SAMPLE = write_sample(Path(tempfile.mkdtemp(prefix="polnear-sample-")))
atexit.register(shutil.rmtree, SAMPLE, ignore_errors=True)
HARBOUR, HERALD, LEDGER = (
    "harbour_2031-03-02_varnholm-bridge",
    "herald_2031-05-20_school-day",
    "ledger_2031-04-11_fishing-talks",
)


@pytest.fixture(scope="module")
def corpus() -> dict[str, PolnearArticle]:
    return {a.name: a for a in load_polnear(SAMPLE)}


def _rel(article: PolnearArticle, cue: str, nth: int = 0) -> Relation:
    return [r for r in article.relations if r.cue_text == cue][nth]


def _text(article: PolnearArticle, spans) -> list[str]:
    return [article.text[a:b] for a, b in spans]


def _quote(article: PolnearArticle, phrase: str, speaker: str | None = None) -> dict:
    """A predicted quote record over ``phrase`` (and its speaker over ``speaker``)."""
    start = article.text.index(phrase)
    q = {
        "start_char": start,
        "end_char": start + len(phrase),
        "text": phrase,
        "speaker": speaker,
        "speaker_start": None,
        "speaker_end": None,
    }
    if speaker is not None:
        q["speaker_start"] = article.text.index(speaker)
        q["speaker_end"] = q["speaker_start"] + len(speaker)
    return q


# --- the reader ------------------------------------------------------------------------------


def test_reader_reads_every_article_of_the_split(corpus):
    assert sorted(corpus) == [HARBOUR, HERALD, LEDGER]
    assert sum(len(a.relations) for a in corpus.values()) == 14
    assert all(a.text.startswith(("Mayor", "School", "Trade")) for a in corpus.values())


def test_reader_spans_are_character_offsets_into_the_text(corpus):
    said = _rel(corpus[HARBOUR], "said")
    assert _text(corpus[HARBOUR], said.content) == [
        "the old harbour bridge would be replaced before winter"
    ]
    assert _text(corpus[HARBOUR], said.source) == ["Mayor Tilda Varnholm"]
    assert _text(corpus[HARBOUR], said.cue) == ["said"]
    for article in corpus.values():
        for r in article.relations:
            assert " ".join(_text(article, r.cue)) == r.cue_text
            assert " ".join(_text(article, r.content)) == r.content_text


def test_reader_joins_discontinuous_content_in_both_notations(corpus):
    # one text-bound span "a b;c d" (harbour) and two Content roles, Content and Content2 (herald)
    told = _rel(corpus[HARBOUR], "told")
    assert _text(corpus[HARBOUR], told.content) == [
        "“We will rebuild it stone by stone,”",
        "“Nobody will be cut off again.”",
    ]
    split = _rel(corpus[HERALD], "said")
    assert _text(corpus[HERALD], split.content) == [
        "“Children need more time to play,”",
        "“and more time to read.”",
    ]
    assert _text(corpus[HERALD], split.source) == ["one teacher"]


def test_reader_keeps_a_relation_without_source_and_skips_empty_events(corpus):
    ledger = corpus[LEDGER]
    assert len(ledger.relations) == 6  # the seventh event has no argument at all
    announced = _rel(ledger, "was announced")
    assert announced.source == ()
    assert _text(ledger, announced.content) == [
        "that the ferry would run twice a day during the talks"
    ]


def test_reader_ignores_notes_and_other_span_kinds():
    text = "Mayor Ada Quell said the ferry is late."
    raw = (
        "T1\tSource 0 15\tMayor Ada Quell\nT2\tCue 16 20\tsaid\n"
        "T3\tContent 21 38\tthe ferry is late\n"
        "T4\tAttribution 16 20\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "#1\tAnnotatorNotes T3\ta note\nT5\tDiscuss 0 5\tMayor\nT6\tDiscard 6 9\tAda\n"
        "E2\tAttribution-no-source\n"
    )
    (r,) = read_ann(text, raw)
    assert (r.content, r.cue, r.source) == (((21, 38),), ((16, 20),), ((0, 15),))


@pytest.mark.parametrize(
    ("name", "cue", "speech"),
    [
        (HARBOUR, "said", True),
        (HARBOUR, "told", True),
        (HARBOUR, "according to", True),
        (LEDGER, "added", True),
        (LEDGER, "argue", True),
        (LEDGER, "was announced", True),
        (HERALD, "wrote", True),
        (HARBOUR, "believes", False),
        (LEDGER, "fear", False),
        (HERALD, "thinks", False),
    ],
)
def test_speech_flag_comes_from_the_cue(corpus, name, cue, speech):
    assert _rel(corpus[name], cue).speech is speech


def test_direct_flag_is_a_quote_mark_in_the_content(corpus):
    assert _rel(corpus[HARBOUR], "told").direct
    assert _rel(corpus[HERALD], "according to").direct  # a partial quote inside reported speech
    assert _rel(corpus[LEDGER], "said", 1).direct
    assert not _rel(corpus[HARBOUR], "said").direct
    assert not _rel(corpus[LEDGER], "added").direct


def test_reader_takes_the_first_annotator_in_name_order(corpus, tmp_path):
    # harbour has two annotation files: _a1 (4 relations) and _b2 (1 relation)
    assert len(corpus[HARBOUR].relations) == 4
    shutil.copytree(SAMPLE, tmp_path / "copy")
    attributions = tmp_path / "copy" / "data" / "train" / "attributions"
    (attributions / f"{HARBOUR}_a1.ann").rename(attributions / f"{HARBOUR}_c3.ann")
    again = {a.name: a for a in load_polnear(tmp_path / "copy")}
    assert len(again[HARBOUR].relations) == 1  # now _b2 comes first
    assert again[HARBOUR].relations[0].cue_text == "told"


def test_reader_accepts_the_data_folder_and_refuses_a_missing_split(tmp_path):
    assert len(load_polnear(SAMPLE / "data")) == 3
    with pytest.raises(ValueError, match="no PolNeAR 'dev' split"):
        load_polnear(SAMPLE, "dev")


# --- the scorer ------------------------------------------------------------------------------


def test_overlap_is_the_smaller_share_over_the_pieces_only(corpus):
    told = _rel(corpus[HARBOUR], "told").content  # 36 + 31 characters, 42 between them
    assert overlap(told[0], told) == pytest.approx(36 / 67)
    whole = (told[0][0], told[1][1])  # the cue between the pieces counts against the prediction
    assert overlap(whole, told) == pytest.approx(67 / 110)
    assert overlap((0, 10), told) == 0.0


def test_a_match_needs_thirty_percent_of_each(corpus):
    harbour = corpus[HARBOUR]
    said = _rel(harbour, "said")
    a, b = said.content[0]  # 54 characters
    near = {"start_char": a, "end_char": a + 17, "text": "x", "speaker": None}  # 17/54 = 0.31
    short = {"start_char": a, "end_char": a + 16, "text": "x", "speaker": None}  # 16/54 = 0.30-
    long = {"start_char": 0, "end_char": a + 30, "text": "x", "speaker": None}  # 30/129
    assert score_article(harbour, [near]).gold_hit == 1
    assert score_article(harbour, [short]).gold_hit == 0
    assert score_article(harbour, [long]).gold_hit == 0


def test_precision_counts_any_relation_and_recall_only_speech(corpus):
    harbour = corpus[HARBOUR]
    believes = _quote(harbour, "the budget is too small for the work")
    s = score_article(harbour, [believes])
    assert (s.n_pred, s.pred_ok) == (1, 1)  # right: it matches an annotated (non-speech) relation
    assert (s.n_gold, s.gold_hit) == (3, 0)  # but "believes" is not gold
    extra = _quote(harbour, "Mayor promises new bridge")
    s = score_article(harbour, [believes, extra])
    assert s.precision == 0.5
    assert [c for _, c, _ in s.errors].count("extra") == 1


def test_recall_direct_recall_and_speaker(corpus):
    harbour = corpus[HARBOUR]
    quotes = [
        _quote(harbour, "“We will rebuild it stone by stone,”", speaker="Varnholm told"),
        _quote(harbour, "the old harbour bridge would be replaced", speaker="Mayor promises"),
    ]
    s = score_article(harbour, quotes)
    assert (s.n_gold, s.gold_hit, s.recall) == (3, 2, pytest.approx(2 / 3))
    assert (s.n_direct, s.direct_hit, s.direct_recall) == (1, 1, 1.0)
    # the told speaker overlaps "Varnholm"; "Mayor promises" (the title) is not the source
    assert (s.with_source, s.speaker_ok, s.speaker) == (2, 1, 0.5)
    causes = [c for _, c, _ in s.errors]
    assert causes.count("speaker") == 1 and causes.count("missed (reported)") == 1


def test_a_quote_without_speaker_offsets_never_hits_the_source(corpus):
    ledger = corpus[LEDGER]
    q = _quote(ledger, "that talks could resume next month")
    assert score_article(ledger, [q]).speaker_ok == 0
    q = _quote(ledger, "that talks could resume next month", speaker="She")
    assert score_article(ledger, [q]).speaker_ok == 1


def test_a_relation_without_source_counts_for_recall_not_speaker(corpus):
    ledger = corpus[LEDGER]
    q = _quote(ledger, "the ferry would run twice a day during the talks")
    s = score_article(ledger, [q])
    assert (s.gold_hit, s.with_source) == (1, 0)


def test_miss_causes_separate_bounds_from_misses(corpus):
    herald = corpus[HERALD]
    # a prediction touching the partial-quote relation but too short to match
    s = score_article(herald, [_quote(herald, "welcomed with")])
    causes = [c for _, c, _ in s.errors]
    assert "bounds (direct)" in causes
    assert causes.count("missed (direct)") == 1  # the split quote, untouched
    assert causes.count("missed (reported)") == 1  # "wrote"


def test_errors_show_a_few_words_only(corpus):
    s = score_examples(corpus.values(), [[] for _ in corpus])
    assert s.errors
    assert all(len(text.split()) <= 9 for _, _, text in s.errors)  # 8 words and "…"
    report = format_errors(s)
    assert report.splitlines()[0] == "errors by cause:"
    assert "  missed (reported)  7" in report
    assert "  missed (direct)    4" in report


def test_a_failed_article_counts_its_gold_as_missed(corpus):
    articles = list(corpus.values())
    s = score_examples(articles, [None, [], []])
    assert (s.n_articles, s.failed, s.gold_hit, s.n_gold) == (3, 1, 0, 11)


# --- folds -----------------------------------------------------------------------------------


def _run(corpus) -> Analysed:
    """Each article with one predicted quote: the first piece of its first relation's content."""
    articles = list(corpus.values())
    first = [a.relations[0].content[0] for a in articles]
    predicted = [
        [{"start_char": x, "end_char": y, "text": a.text[x:y], "speaker": None}]
        for a, (x, y) in zip(articles, first, strict=True)
    ]
    return Analysed(articles, predicted)


def test_folds_are_a_stable_hash_of_the_name():
    names = [f"outlet_2031-01-{d:02d}_story" for d in range(1, 29)]
    folds = [fold_of(n, 4) for n in names]
    assert folds == [fold_of(n, 4) for n in names]
    assert set(folds) == {0, 1, 2, 3}
    # fixed values: the split never depends on the process (Python's str hash is salted)
    assert [fold_of(n, 5) for n in (HARBOUR, HERALD, LEDGER)] == [1, 0, 1]


@pytest.mark.parametrize("k", [2, 3, 5])
def test_every_article_is_scored_out_of_fold_once(corpus, k):
    run = _run(corpus)
    seen: list[list[str]] = []

    def fitter(train):
        seen.append([a.name for a, _ in train])
        return identity

    cv = cross_validate(run, k, fitter)
    assert sum(cv.sizes) == 3 and cv.pooled.n_articles == 3
    assert len(seen) == k + 1  # one per fold, then one on everything (in-sample)
    names = {a.name for a in run.articles}
    for f, train in enumerate(seen[:k]):
        held = {a.name for a in run.articles if fold_of(a.name, k) == f}
        assert set(train) == names - held
    assert sorted(seen[k]) == sorted(names)
    assert not cv.learned
    assert cv.pooled.figures() == cv.in_sample.figures()
    assert "no learned weights: out-of-fold equals in-sample" in format_folds(cv)


def test_a_learned_filter_plugs_in_with_one_function(corpus, monkeypatch):
    run = _run(corpus)
    kept = []

    def fit(train):  # "learns" to keep quotes from the articles it was trained on only
        names = {a.name for a, _ in train}
        kept.append(names)
        return lambda quotes: [q for q in quotes if q.get("article") in names]

    for a, quotes in zip(run.articles, run.predicted, strict=True):
        for q in quotes:
            q["article"] = a.name
    monkeypatch.setattr(polnear_run, "fit", fit)
    cv = cross_validate(run, 3)
    assert cv.learned
    assert cv.pooled.n_pred == 0  # out of fold, every quote's article was held out
    assert cv.in_sample.n_pred == 3
    assert "no learned weights" not in format_folds(cv)


def test_failed_articles_are_scored_but_never_trained_on(corpus):
    run = _run(corpus)
    run.predicted[0] = None
    trained = []
    cv = cross_validate(run, 2, lambda train: trained.extend(a.name for a, _ in train) or identity)
    assert run.articles[0].name not in trained
    assert cv.pooled.failed == 1 and cv.in_sample.failed == 1


def test_fewer_than_two_folds_is_refused(corpus):
    with pytest.raises(ValueError, match="at least 2"):
        cross_validate(_run(corpus), 1)


# --- a failing article -----------------------------------------------------------------------


def _fake_results(broken: set[str], error: type[Exception] = RuntimeError):
    def iter_results(articles, options):
        for a in articles:
            if a.path.split("/")[-1].removesuffix(".txt") in broken:
                raise error("boom\nsecond line")
            yield {"quotes": [{"start_char": 0, "end_char": 5, "text": a.text[:5]}]}

    return iter_results


def test_a_failing_article_is_one_line_and_the_rest_go_on(corpus, monkeypatch):
    monkeypatch.setattr(polnear_run, "iter_results", _fake_results({HERALD}))
    lines = []
    run = analyse_polnear(list(corpus.values()), RunOptions(cache=False), on_failure=lines.append)
    assert [q is None for q in run.predicted] == [False, True, False]
    assert lines == run.failures == [f"{HERALD}: analysis failed: RuntimeError: boom second line"]


def test_an_analysis_that_fails_everywhere_stops(corpus, monkeypatch):
    names = {a.name for a in corpus.values()}
    monkeypatch.setattr(polnear_run, "iter_results", _fake_results(names))
    with pytest.raises(ValueError, match="fails on every article"):
        analyse_polnear(list(corpus.values()), RunOptions(cache=False))


def test_a_missing_model_is_not_an_article_failure(corpus, monkeypatch):
    monkeypatch.setattr(polnear_run, "iter_results", _fake_results({LEDGER}, ModelNotFound))
    with pytest.raises(ModelNotFound):
        analyse_polnear(list(corpus.values()), RunOptions(cache=False))


def test_the_command_counts_a_failed_article_and_exits_1(corpus, monkeypatch, capsys):
    monkeypatch.setattr(polnear_run, "iter_results", _fake_results({LEDGER}))
    assert main(["evaluate", "polnear", str(SAMPLE), "--no-cache", "--folds", "2"]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"workbench: {LEDGER}: analysis failed: RuntimeError: boom second line"
    ]
    assert "articles 3 (failed 1)  gold 11" in out
    assert sum(ln.startswith("fold ") and "1 failed" in ln for ln in out.splitlines()) == 1


# --- the command -----------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "evaluate", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=240,
    )


def test_cli_prints_the_figures():
    out = _cli("polnear", str(SAMPLE), "--errors")
    assert out.returncode == 0, out.stderr
    assert "PolNeAR train: articles 3 (failed 0)  gold 11 (direct 4)" in out.stdout
    assert "F1 " in out.stdout and "direct-quote recall" in out.stdout
    assert "errors by cause:" in out.stdout
    assert "Traceback" not in out.stderr
    assert "held out" not in out.stderr  # train is ours to develop on


def test_cli_folds_print_out_of_fold_and_in_sample_side_by_side():
    out = _cli("polnear", str(SAMPLE), "--folds", "3")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    oof = next(ln for ln in lines if ln.startswith("out of fold"))
    ins = next(ln for ln in lines if ln.startswith("in-sample "))
    assert oof.split()[3:] == ins.split()[1:]  # the same five figures
    assert "no learned weights: out-of-fold equals in-sample" in lines
    assert sum(ln.startswith("fold ") for ln in lines) == 3


def test_cli_missing_path_is_one_line_and_exit_2(tmp_path):
    out = _cli("polnear", str(tmp_path / "nowhere"))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no such file or directory" in out.stderr
    out = _cli("polnear", str(tmp_path))  # a folder without the split
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no PolNeAR 'train' split" in out.stderr


def test_cli_warns_once_on_a_held_out_split(tmp_path):
    # a copy of the fictional sample named "dev": the real dev split is never opened
    shutil.copytree(SAMPLE / "data" / "train", tmp_path / "data" / "dev")
    out = _cli("polnear", str(tmp_path), "--split", "dev")
    assert out.returncode == 0, out.stderr
    warnings = [ln for ln in out.stderr.splitlines() if "held out for acceptance" in ln]
    assert len(warnings) == 1 and "score it once" in warnings[0]
    assert "PolNeAR dev: articles 3" in out.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["quotes", "x.yml", "--folds", "3"],
        ["stances", "x.yml", "--split", "train"],
        ["polnear", str(SAMPLE), "--folds", "1"],
        ["polnear", str(SAMPLE), "--folds", "three"],
        ["polnear", str(SAMPLE), str(SAMPLE)],
    ],
)
def test_cli_polnear_options_belong_to_polnear(args, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["evaluate", *args])
    assert exit_.value.code == 2
    assert "error:" in capsys.readouterr().err
