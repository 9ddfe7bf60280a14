"""Issue 17, deliverable 1: does a candidate for *every* sentence a speaker of known country says
find the gold cells the rules miss on real text? An experiment; nothing shipped changes.

Candidates: each sentence inside a quote (direct or reported) whose speaker has a country is a
(country, sentence) candidate. A sentence holding a gold cell's evidence, with the cell's country,
is an example of that cell's topic and label; every other candidate is ``none``. Two TF-IDF (word
1-2-gram) logistic regressions learn p(topic | sentence) over the catalogue's topics and ``none``,
and p(label | sentence) over the five labels. An article's learned cells: for each (country,
topic), the best candidate with p(topic) >= tau, labelled by the label model.

Scored per article (cell accuracy as ``workbench evaluate stances``), leave one gold file out over
the development files ``gold_set_*.yml`` (never ``heldout_*``):
- ``rules``: the shipped pipeline's cells;
- ``learned``: the learned cells alone;
- ``union``: the rules' cells, plus learned cells on (country, topic) pairs the rules leave empty;
- ``oracle union``: the rules' cells plus every gold cell a candidate stands on, with its gold
  label (the ceiling of these candidates).

    PYTHONPATH=. .venv/bin/python benchmarks/stance_text/clause_candidates.py [--taus 0.3,0.5,0.7]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from workbench.evaluate.gold import load_stance_cells, load_stance_gold
from workbench.evaluate.stances import cell_accuracy
from workbench.read.inputs import assign_ids
from workbench.run.options import RunOptions
from workbench.run.pipeline import iter_results
from workbench.stances.cells import article_cells

NONE = "none"
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[”\"’']?|$)")


def sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Rough sentence spans of ``text[lo:hi]`` (enough for an experiment)."""
    return [
        (lo + m.start(), lo + m.end()) for m in _SENT.finditer(text[lo:hi]) if m.group().strip()
    ]


def collect(files: list[Path], cache_dir: Path) -> dict[str, list[dict]]:
    """file name -> its articles: rules' cells, gold cells, candidates."""
    out = {}
    for path in files:
        articles, golds = load_stance_gold(path)
        _, evid = load_stance_cells(path)
        assign_ids(articles)
        results = list(iter_results(articles, RunOptions(cache=True, cache_dir=cache_dir)))
        rows = []
        for art, gold, cells, res in zip(articles, golds, evid, results, strict=True):
            spans = []
            for c in cells:
                at = art.text.find(c.get("evidence") or "\0")
                if at >= 0:
                    spans.append(
                        (at, at + len(c["evidence"]), c["country"], c["topic"], c["label"])
                    )
            cands = []
            for q in res["quotes"]:
                code = q.get("speaker_country")
                if not code:
                    continue
                for a, b in sentences(art.text, q["start_char"], q["end_char"]):
                    hit = [s for s in spans if s[2] == code and s[0] < b and a < s[1]]
                    topic, label = (hit[0][3], hit[0][4]) if hit else (NONE, None)
                    cands.append((code, art.text[a:b].strip(), topic, label))
            rows.append({"rules": article_cells(res["stances"]), "gold": gold, "cands": cands})
        out[path.name] = rows
    return out


def fit(train: list[dict]):
    x = [c[1] for r in train for c in r["cands"]]
    y = [c[2] for r in train for c in r["cands"]]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, lowercase=True)
    xs = vec.fit_transform(x)
    topic = LogisticRegression(C=3.0, max_iter=2000, class_weight="balanced").fit(xs, y)
    pos = [(c[1], c[3]) for r in train for c in r["cands"] if c[2] != NONE]
    label = LogisticRegression(C=3.0, max_iter=2000).fit(
        vec.transform([p[0] for p in pos]), [p[1] for p in pos]
    )
    return vec, topic, label


def learned_cells(row: dict, model, tau: float) -> dict[tuple, str]:
    vec, topic, label = model
    if not row["cands"]:
        return {}
    xs = vec.transform([c[1] for c in row["cands"]])
    pt = topic.predict_proba(xs)
    pl = label.predict(xs)
    best: dict[tuple, tuple[float, str]] = {}
    for k, c in enumerate(row["cands"]):
        for j, t in enumerate(topic.classes_):
            if t == NONE or pt[k, j] < tau:
                continue
            key = (c[0], t)
            if key not in best or pt[k, j] > best[key][0]:
                best[key] = (pt[k, j], pl[k])
    return {k: v[1] for k, v in best.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--taus", default="0.5,0.7,0.8,0.9")
    ap.add_argument("--cache", default="/tmp/x17cc")
    args = ap.parse_args(argv)
    folder = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "stances"
    files = sorted(folder.glob("gold_set_*.yml"))
    data = collect(files, Path(args.cache))
    taus = [float(t) for t in args.taus.split(",")]
    acc: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for name, rows in data.items():
        model = fit([r for other, rs in data.items() if other != name for r in rs])
        for r in rows:
            acc["rules"][name].append(cell_accuracy(r["gold"], r["rules"])[0])
            found = {(c[0], c[2]): r["gold"][(c[0], c[2])] for c in r["cands"] if c[2] != NONE}
            acc["oracle union"][name].append(cell_accuracy(r["gold"], {**found, **r["rules"]})[0])
            for tau in taus:
                mine = learned_cells(r, model, tau)
                acc[f"learned τ{tau}"][name].append(cell_accuracy(r["gold"], mine)[0])
                union = {**mine, **r["rules"]}
                acc[f"union τ{tau}"][name].append(cell_accuracy(r["gold"], union)[0])
    names = list(data)
    print("| variant | " + " | ".join(n[9:-4].upper() for n in names) + " | pooled |")
    print("|---" * (len(names) + 2) + "|")
    for variant, per in acc.items():
        pooled = np.mean([a for n in names for a in per[n]])
        cells = " | ".join(f"{np.mean(per[n]):.3f}" for n in names)
        print(f"| {variant} | {cells} | **{pooled:.3f}** |")
    n_c = sum(len(r["cands"]) for rs in data.values() for r in rs)
    n_pos = sum(c[2] != NONE for rs in data.values() for r in rs for c in r["cands"])
    n_a = sum(len(rs) for rs in data.values())
    print(f"\n{n_a} articles, {n_c} candidates, {n_pos} on a gold cell")


if __name__ == "__main__":
    sys.exit(main())
