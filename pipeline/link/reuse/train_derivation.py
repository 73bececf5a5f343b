"""Train the derivation model (derivation_model.json) on labelled (copy, source) stories.

Usage (from the project root; the gold is METER's, research use only, so nothing of it but numbers
enters the model file):
    python -m pipeline.link.reuse.train_derivation --articles OUT/extracted/articles.parquet \\
        --gold ../shared/eval/meter-dev/gold.json --half even [--out pipeline/link/reuse/derivation_model.json]

The gold names, per newspaper story, its label (wholly, partially or non-derived) and its agency
sources. Stories are split by their folder (one story of one day) in sorted order: `even` trains on
the 0th, 2nd, ... folders and reports the odd ones as held out (`odd` the reverse, `all` uses all).
Each story is represented by its candidate pair with the highest derived_share among its sources
(stories no candidate pair reaches are left out); the probability threshold is chosen on each
story's highest probability over all its pairs, since the link stage links a story through any. A logistic regression with an L2 penalty over derivation.FEATURES (standardised) is fitted by
Newton's method, classes weighted equally; the probability threshold is the one with the best
macro-F1 on the training stories, and `wholly` the derived_share above which a derived copy is
called wholly rather than partially derived (the best accuracy on the training stories).
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.link.reuse import derivation
from pipeline.link.reuse.articles import build_corpus
from pipeline.link.reuse.passages import measure_pairs

log = logging.getLogger(__name__)

L2 = 10.0                # penalty on standardised weights: 10 beat 1 in 2-fold CV within the even folders
MIN_PASSAGE_WORDS = 8     # as params.yaml link.min_passage_words


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 50) -> tuple[np.ndarray, float]:
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
        pairs.sort(key=lambda f: -f["derived_share"])
        for rank, f in enumerate(pairs):
            rows.append({"story": story, "folder": gold["files"][story]["folder"], "label": meta["label"],
                         "best": rank == 0, **f})
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, required=True, help="articles.parquet (extracted or published)")
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--half", choices=["even", "odd", "all"], default="even")
    ap.add_argument("--out", type=Path, default=derivation.MODEL_PATH)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    df = story_rows(pd.read_parquet(args.articles), gold)
    folders = sorted({m["folder"] for m in gold["files"].values()})
    even = {f for n, f in enumerate(folders) if n % 2 == 0}
    in_train = df["folder"].isin(even) if args.half == "even" else ~df["folder"].isin(even) \
        if args.half == "odd" else pd.Series(True, index=df.index)
    feats = list(derivation.FEATURES)
    all_X = df[feats].to_numpy(float)
    best = df["best"].to_numpy()
    X, y = all_X[best], (df["label"] != "non_derived").to_numpy(int)[best]
    tr = in_train.to_numpy()[best]
    mean, scale = X[tr].mean(axis=0), X[tr].std(axis=0) + 1e-9
    Z = (X - mean) / scale
    w, b = fit_logistic(Z[tr], y[tr])
    # A story is linked when any of its pairs passes: the threshold is chosen on each story's highest
    # probability over its pairs, as the link stage decides.
    pairs_prob = 1 / (1 + np.exp(-(((all_X - mean) / scale) @ w + b)))
    prob = df.assign(p=pairs_prob).groupby("story", sort=False)["p"].max().reindex(df["story"][best]).to_numpy()
    grid = np.round(np.arange(0.05, 0.96, 0.01), 2)
    threshold = float(max(grid, key=lambda t: (macro_f1(y[tr], (prob[tr] >= t).astype(int)), -abs(t - 0.5))))
    derived = tr & (y == 1)
    wholly_y = (df["label"] == "wholly_derived").to_numpy()[best]
    shares = np.round(np.arange(0.3, 1.0, 0.02), 2)
    wholly = float(max(shares, key=lambda s: np.mean((X[derived, 0] >= s) == wholly_y[derived])))
    model = {"features": feats, "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
             "weights": w.round(6).tolist(), "bias": round(b, 6), "threshold": threshold, "wholly": wholly,
             "trained_on": f"METER dev stories, {args.half} folders", "stories": int(tr.sum())}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    for name, mask in (("train", tr), ("held-out", ~tr)):
        if mask.any():
            pred = (prob[mask] >= threshold).astype(int)
            log.info("%s: stories=%d macro_f1=%.3f (stories reached by a candidate pair only)",
                     name, int(mask.sum()), macro_f1(y[mask], pred))
    log.info("weights: %s", dict(zip(feats, w.round(3))))
    log.info("threshold=%.2f wholly=%.2f -> %s", threshold, wholly, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
