"""The articles of a run as the reuse aligner sees them: tokens, citations, dates; and a passage."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline.extract.layout import outlets
from pipeline.link.memo import TokenMemo
from pipeline.link.tokens import Tokens, Vocab, in_vocab, stock_phrase_ids, tokenize_alone


@dataclass
class Corpus:
    """The non-duplicate articles of a run, tokenised, with what the direction rules need."""
    article_ids: list[str]
    texts: list[str]
    tokens: list[Tokens]
    cited: list[frozenset[str]]
    dates: list[dt.date | None]
    agency: list[bool]  # published by a news agency (wire copy): pipeline.extract.layout.outlets
    vocab: Vocab
    index: dict[str, int]  # article_id -> position in the lists above
    token_keys: list[bytes] = field(default_factory=list)  # memo.TokenMemo.key of each article


@dataclass(slots=True)  # no per-object dict: 10,000 articles make about a million passages
class Passage:
    """Aligned words of a copy (xs, token indices in `copy`) and of its source (ys, in `source`).

    A verbatim passage pairs its words one to one. A paraphrase is one sentence of the copy aligned
    with one of the source (xs, ys: their tokens) by shared content words, n_words of them, whose
    share of the copy sentence's content weight is `similarity`."""
    copy: int
    source: int
    xs: np.ndarray  # int32, increasing
    ys: np.ndarray
    match: str = "verbatim"
    n_words: int | None = None
    similarity: float | None = None


def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _as_date(v) -> dt.date | None:
    if _is_missing(v):
        return None
    if isinstance(v, dt.datetime):  # pd.Timestamp too
        return v.date()
    return v if isinstance(v, dt.date) else None


def build_corpus(articles: pd.DataFrame, memo: TokenMemo | None = None) -> Corpus:
    """Tokenise the articles that are not exact duplicates, in article_id order (order-independent).
    Each article is tokenised alone, or its tokens taken from `memo`, and its words then given the
    run's ids: the same ids either way."""
    arts = articles
    if "duplicate_of" in arts.columns and len(arts):
        arts = arts[arts["duplicate_of"].map(_is_missing).astype(bool)]
    arts = arts.sort_values("article_id", kind="mergesort") if len(arts) else arts.iloc[0:0]
    vocab = Vocab()
    stock_phrase_ids(vocab)  # the stock phrases' words take the first ids, as tokenize_alone gives them
    has_body = "body" in arts.columns
    has_cited = "cited_article_ids" in arts.columns
    has_date = "published_date" in arts.columns
    has_outlet = "outlet" in arts.columns
    ids, texts, toks, cited, dates, agency, keys = [], [], [], [], [], [], []
    for row in arts.itertuples(index=False):
        body = row.body if has_body and not _is_missing(row.body) else None
        ids.append(row.article_id)
        texts.append(row.text)
        key = TokenMemo.key(row.text, body)
        found = memo.get(key) if memo is not None else None
        if found is None:
            found = tokenize_alone(row.text, body)
            if memo is not None:
                memo.put(key, found)
        keys.append(key)
        toks.append(in_vocab(*found, vocab))
        c = row.cited_article_ids if has_cited else None
        cited.append(frozenset(c) if c is not None and not isinstance(c, float) else frozenset())
        dates.append(_as_date(row.published_date) if has_date else None)
        agency.append(_is_agency(row.outlet) if has_outlet else False)
    return Corpus(ids, texts, toks, cited, dates, agency, vocab, {aid: n for n, aid in enumerate(ids)}, keys)


def _is_agency(outlet) -> bool:
    if _is_missing(outlet) or not str(outlet):
        return False
    entry = outlets.lookup(str(outlet))
    return bool(entry and entry.agency)


