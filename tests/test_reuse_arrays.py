"""The array steps of the reuse alignment: exact replacements for slower numpy and mask operations.

The link stage must give the same bytes whatever route computes it, so each fast path is checked
against the plain operation it replaces.
"""
from __future__ import annotations

import numpy as np
import pytest

import pipeline.link.reuse.index as reuse_index
from pipeline.link.reuse import derivation


@pytest.mark.parametrize("values, sorted_unique", [
    ([3, 1, 4, 1, 5], [1, 4]),
    ([0, 9, 2], [2, 3, 9]),
    ([7, 8], []),          # nothing to find
    ([], [1, 2]),          # nothing to look for
    ([10, -1], [0, 5]),    # beyond either end
])
def test_in_sorted_matches_isin(values, sorted_unique):
    """The binary-search membership the reuse steps use answers exactly as np.isin."""
    values, sorted_unique = np.array(values, dtype=np.int64), np.array(sorted_unique, dtype=np.int64)
    assert reuse_index.in_sorted(values, sorted_unique).tolist() == np.isin(values, sorted_unique).tolist()


def test_sentence_index_slices_match_masks():
    """An article's sentences as slices of its prose (SentenceIndex) hold the tokens and content
    stems a mask over the whole article selects; shared_words counts a copy sentence's stems found
    in a window of source sentences, repeats included."""
    # tokens: 0 outside prose, sentences 0 (tokens 1-3), 1 (4-5, 7) and 2 (8); -1 stems are function words
    sentence = np.array([-1, 0, 0, 0, 1, 1, -1, 1, 2])
    stem = np.array([-1, 4, -1, 4, 6, 2, -1, 9, 2])
    profile = derivation.Profile(sentence >= 0, np.zeros(9, dtype=bool), stem, sentence)
    index = derivation.sentence_index(profile)
    for first, last in [(0, 0), (1, 1), (2, 2), (0, 2), (1, 2)]:
        in_window = (sentence >= first) & (sentence <= last)
        assert index.tokens_of(first, last).tolist() == np.flatnonzero(in_window).tolist()
        assert index.stems_of(first, last).tolist() == stem[in_window & (stem >= 0)].tolist()
    assert derivation.shared_words(index, index, 0, 0, 0) == 2   # stem 4 twice
    assert derivation.shared_words(index, index, 2, 1, 1) == 1   # stem 2
    assert derivation.shared_words(index, index, 0, 1, 2) == 0   # no stem 4 there
