"""Train the derivation model (derivation_model.json) on labelled (copy, source) stories.

Usage (from the project root; the gold is METER's, research use only, so nothing of it but numbers
enters the model file):
    python -m pipeline.link.reuse.train_derivation --articles OUT/extracted/articles.parquet \\
        --gold ../shared/eval/meter-dev/gold.json --half even [--out pipeline/link/reuse/derivation_model.json]

The gold names, per newspaper story, its label (wholly, partially or non-derived) and its agency
sources. Stories are split by their folder (one story of one day) in sorted order into the even
(0th, 2nd, ...) and odd folders. Each story is represented by its candidate pair with the highest
derived_share among its sources (stories no candidate pair reaches are left out). A logistic
regression with an L2 penalty over derivation.FEATURES (standardised) is fitted by Newton's method,
classes weighted equally. The penalty (L2_GRID) and the probability threshold are chosen by
FOLDS-fold cross-validation over the folders of the `--tune` half only: the threshold is the one
with the best macro-F1 of the out-of-fold story probabilities (a story's highest probability over
all its pairs, since the link stage links a story through any). The model is then fitted on the
`--half` stories; `wholly` is the derived_share above which a derived copy is called wholly rather
than partially derived (the best accuracy on those stories). `--half even` keeps the odd folders
held out; the committed model is `--half all --tune all` (hyper-parameters by cross-validation over
every folder, weights from all of meter-dev). Report a model by its cross-half scores (`--half even
--tune even`, checked on the odd folders, and the reverse), not by its scores on the stories it saw.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.link.reuse import derivation
from pipeline.link.reuse.articles import build_corpus
from pipeline.link.reuse.passages import measure_pairs

log = logging.getLogger(__name__)

L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0)  # penalties on standardised weights tried by cross-validation
FOLDS = 5
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
MIN_PASSAGE_WORDS = 8     # as params.yaml link.min_passage_words


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 10.0, steps: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of a class-balanced, L2-penalised logistic regression (Newton's method)."""
    n, d = X.shape
    Xb = np.c_[X, np.ones(n)]
    sw = np.where(y == 1, 0.5 / max(y.sum(), 1), 0.5 / max((1 - y).sum(), 1)) * n
    w = np.zeros(d + 1)
    reg = np.r_[np.full(d, l2), 0.0]
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(Xb @ w, -50, 50)))
        grad = Xb.T @ (sw * (p - y)) + reg * w
        hess = (Xb * (sw * p * (1 - p))[:, None]).T @ Xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    def f1(pos):
        tp = np.sum((pred == pos) & (y == pos))
        fp = np.sum((pred == pos) & (y != pos))
        fn = np.sum((pred != pos) & (y == pos))
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (f1(1) + f1(0)) / 2


def story_rows(articles: pd.DataFrame, gold: dict) -> pd.DataFrame:
    """One row per labelled story reached by a candidate pair: folder, label and its best pair's features."""
    from pipeline.link.corpus import cited_article_ids

    if "cited_article_ids" not in articles.columns:
        articles = articles.assign(cited_article_ids=cited_article_ids(articles))
    corpus = build_corpus(articles)
    by_file = {}
    dup = articles["duplicate_of"] if "duplicate_of" in articles.columns else pd.Series([None] * len(articles))
    for path, aid, d in zip(articles["source_path"].astype(str), articles["article_id"], dup):
        by_file[Path(path).name] = d if isinstance(d, str) and d else aid
    placeholder = {"features": list(derivation.FEATURES), "mean": [0.0] * len(derivation.FEATURES),
                   # weights 0: the measures are what is wanted here, not the verdict
                   "scale": [1.0] * len(derivation.FEATURES), "weights": [0.0] * len(derivation.FEATURES),
                   "bias": 0.0, "threshold": 0.5, "wholly": 0.8}
    measured = {}
    for link in measure_pairs(corpus, MIN_PASSAGE_WORDS, model=placeholder):
        a, b = corpus.article_ids[link.copy], corpus.article_ids[link.source]
        measured[frozenset((a, b))] = link.measure.features
    rows = []
    for story, meta in sorted(gold["stories"].items()):
        me = by_file.get(story)
        pairs = [measured[key] for src in meta["pa_sources"]
                 if (key := frozenset((me, by_file.get(src)))) in measured]
        pairs.sort(key=lambda f: -f["derived_share"])  # the story's best pair: the most of it derived
        for rank, f in enumerate(pairs):
            rows.append({"story": story, "folder": gold["files"][story]["folder"], "label": meta["label"],
                         "best": rank == 0, **f})
    return pd.DataFrame(rows)


def _story_prob(df: pd.DataFrame, X: np.ndarray, w: np.ndarray, b: float, mean, scale) -> pd.Series:
    """Each story's highest probability over its pairs (the link stage links a story through any)."""
    p = 1 / (1 + np.exp(-np.clip(((X - mean) / scale) @ w + b, -50, 50)))
    return df.assign(p=p).groupby("story", sort=False)["p"].max()


def _fit(df: pd.DataFrame, X: np.ndarray, rows: np.ndarray, l2: float):
    """Standardise on, and fit to, the best pair of each story among `rows`."""
    best = rows & df["best"].to_numpy()
    mean, scale = X[best].mean(axis=0), X[best].std(axis=0) + 1e-9
    w, b = fit_logistic((X[best] - mean) / scale, (df["label"] != "non_derived").to_numpy(int)[best], l2)
    return w, b, mean, scale


def _folders(half: str) -> str:
    return "every folder" if half == "all" else f"the {half} folders"


def _best_threshold(y: np.ndarray, prob: np.ndarray) -> float:
    return float(max(THRESHOLDS, key=lambda t: (macro_f1(y, (prob >= t).astype(int)), -abs(t - 0.5))))


def tune(df: pd.DataFrame, X: np.ndarray, rows: np.ndarray) -> tuple[float, float, float]:
    """(L2, threshold, cross-validated macro-F1): FOLDS-fold cross-validation over the story folders of
    `rows`, each L2 of L2_GRID scored by the macro-F1 of its out-of-fold story probabilities at the
    threshold best for them."""
    folders = sorted(df.loc[rows, "folder"].unique())
    fold_of = {f: n % FOLDS for n, f in enumerate(folders)}
    fold = df["folder"].map(fold_of).to_numpy()
    story_y = (df.groupby("story", sort=False)["label"].first() != "non_derived").astype(int)
    results = []
    for l2 in L2_GRID:
        oof = {}
        for k in range(FOLDS):
            w, b, mean, scale = _fit(df, X, rows & (fold != k), l2)
            test = rows & (fold == k)
            oof.update(_story_prob(df[test], X[test], w, b, mean, scale).to_dict())
        stories = list(oof)
        prob, y = np.array([oof[s] for s in stories]), story_y.reindex(stories).to_numpy()
        t = _best_threshold(y, prob)
        results.append((macro_f1(y, (prob >= t).astype(int)), l2, t))
        log.info("cv: L2=%g threshold=%.2f macro_f1=%.3f", l2, t, results[-1][0])
    score, l2, t = max(results, key=lambda r: (round(r[0], 3), r[1]))
    return l2, t, score


def _half(df: pd.DataFrame, gold: dict, half: str) -> np.ndarray:
    folders = sorted({m["folder"] for m in gold["files"].values()})
    even = {f for n, f in enumerate(folders) if n % 2 == 0}
    in_even = df["folder"].isin(even).to_numpy()
    return in_even if half == "even" else ~in_even if half == "odd" else np.ones(len(df), dtype=bool)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, required=True, help="articles.parquet (extracted or published)")
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--half", choices=["even", "odd", "all"], default="even", help="the stories the model is fitted on")
    ap.add_argument("--tune", choices=["even", "odd", "all"], default="even",
                    help="the stories whose cross-validation chooses L2 and the threshold")
    ap.add_argument("--out", type=Path, default=derivation.MODEL_PATH)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    articles = pd.read_parquet(args.articles)
    df = story_rows(articles, gold)
    feats = list(derivation.FEATURES)
    X = df[feats].to_numpy(float)
    l2, threshold, cv = tune(df, X, _half(df, gold, args.tune))
    tr = _half(df, gold, args.half)
    w, b, mean, scale = _fit(df, X, tr, l2)
    best = df["best"].to_numpy()
    derived = best & tr & (df["label"] != "non_derived").to_numpy()
    wholly_y = (df["label"] == "wholly_derived").to_numpy()[derived]
    share = df["derived_share"].to_numpy()[derived]
    shares = np.round(np.arange(0.3, 1.0, 0.02), 2)
    wholly = float(max(shares, key=lambda s: np.mean((share >= s) == wholly_y)))
    model = {"features": feats, "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
             "weights": w.round(6).tolist(), "bias": round(b, 6), "threshold": threshold, "wholly": wholly,
             "l2": l2, "trained_on": f"METER dev stories, {_folders(args.half)}; L2 and threshold by "
             f"{FOLDS}-fold cross-validation on {_folders(args.tune)} (macro-F1 {cv:.3f})",
             "stories": int((best & tr).sum()),
             # which texts: the digest of the articles' content digests, so a retrain can be checked
             "articles_sha256": hashlib.sha256("\n".join(sorted(articles["content_sha256"])).encode()).hexdigest()}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    prob = _story_prob(df, X, w, b, mean, scale)
    story_y = (df.groupby("story", sort=False)["label"].first() != "non_derived").astype(int)
    for name, half in (("even", "even"), ("odd", "odd")):
        stories = df.loc[_half(df, gold, half), "story"].unique()
        if len(stories):
            pred = (prob.reindex(stories).to_numpy() >= threshold).astype(int)
            log.info("%s: stories=%d macro_f1=%.3f (stories reached by a candidate pair only)",
                     name, len(stories), macro_f1(story_y.reindex(stories).to_numpy(), pred))
    log.info("weights: %s", dict(zip(feats, w.round(3))))
    log.info("L2=%g threshold=%.2f wholly=%.2f -> %s", l2, threshold, wholly, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
