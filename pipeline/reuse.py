"""Text reuse between articles, and quote clusters (thin first version: no alignment yet)."""
from __future__ import annotations

import pandas as pd

from pipeline.schemas import empty_frame


def find_reuse(articles: pd.DataFrame, min_passage_words: int) -> pd.DataFrame:
    return empty_frame("reuse")


def cluster_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    quotes = quotes.copy()
    quotes["cluster_id"] = quotes["quote_id"]
    quotes["origin_article_id"] = quotes["article_id"]
    return quotes
