"""Text reuse between articles: aligned passages, who copied from whom, and how much of a copy is derived.

find_reuse works in steps, none of which compares every pair of articles:
1. Index (index.py). Every article's prose is cut into word 5-gram shingles over normalised tokens
   (pipeline.link.tokens). Shingles shared by two to MAX_SHINGLE_DF articles make anchor pairs;
   a shingle in more articles than that is boilerplate or a stock formula and anchors nothing.
2. Align (align.py). Per candidate pair, anchors are chained along a diagonal that may jump where one
   side dropped words (an ellipsis) and the other kept them; the words between two anchors are aligned
   with difflib, and the chain is cut where one side adds more than MAX_INSERT words of its own.
   A chain is a passage when its aligned prose words (a multi-word name counted once) reach
   min_passage_words.
3. Direct (direction.py). The source of a pair is the article the other cites
   (articles.cited_article_ids), else the earlier dated one, else what the texts say (wire copy,
   "today" against "yesterday", the passage's context).
4. Derive (derivation.py). The copy's sentences are aligned with the source's on rare shared word
   stems in any order; a logistic model (derivation_model.json, trained by train_derivation.py) over
   FEATURES (how much of the copy's content words and word trigrams its earlier sources hold) says whether the
   copy is derived at all, and derived_share whether wholly or partially.
5. Attribute (passages.py). Words two articles share only because both took them from a third
   article are credited to that third article; what is left of the pair's passage is kept if still
   long enough.
"""
from pipeline.link.reuse.articles import Corpus, Passage, build_corpus
from pipeline.link.reuse.passages import find_reuse

__all__ = ["Corpus", "Passage", "build_corpus", "find_reuse"]
