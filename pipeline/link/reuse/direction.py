"""Step 3, direct: which article of a pair is the source (the other copied from it).

Rules in order, the first that tells the two apart decides (DIRECTION_RULES):
1. citation: the article the other cites;
2. date: the earlier dated one;
3. wire copy: the one a news agency published (agency copy is what papers take);
4. relative days: the one whose narrative dates its events "today" when the other says
   "yesterday" (wire copy is filed the day of the events, the paper prints it the next morning); an
   article with no such word counts as halfway (UNKNOWN_DAY), so "yesterday" alone marks the later
   account and "today" alone the earlier one;
5. passage context: the one holding the verbatim passages in the longer context (more words in the
   passage's span, no quote marks setting them off, longer paragraphs around them);
6. the longer article.

"The fuller account is the source" was measured and left out: wire copy comes in takes, pages and
updates, each shorter than the paper's story that merges them, so between two files the paper
holds more of the wire's words than the wire holds of the paper's, the wrong way round.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from pipeline.lexicons import rows
from pipeline.link.reuse.articles import Corpus
from pipeline.link.reuse.index import in_sorted
from pipeline.link.tokens import Tokens

UNKNOWN_DAY = -0.5    # relative day of an article that has no relative-day word: between today and yesterday
_QUOTE_MARKS = set('“”"«»„‘')


@lru_cache(maxsize=1)
def _relative_day_re() -> tuple[re.Pattern, dict[str, int]]:
    days = {r["phrase"].casefold(): int(r["days"]) for r in rows("relative_days.tsv")}
    words = sorted(days, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE), days


def relative_day(text: str, quoted_spans: list[tuple[int, int]] = ()) -> float | None:
    """Mean day offset of the relative-day words of a text outside quotes (None when it has none):
    0 for an article written the day of its events ("today"), -1 for one written the day after."""
    pattern, days = _relative_day_re()
    found = [days[m.group().casefold()] for m in pattern.finditer(text)
             if not any(s <= m.start() < e for s, e in quoted_spans)]
    found = [d for d in found if d <= 0]  # "tomorrow" dates the next event, not the writing
    return sum(found) / len(found) if found else None


def _context(tok: Tokens, text: str, idx: list[int]) -> tuple[int, int, int]:
    """How a passage sits in its article: words its span covers, quote marks set it off as someone
    else's text (negated, so that more is less original), and the words of its lines."""
    span = idx[-1] - idx[0] + 1
    around = text[max(0, int(tok.starts[idx[0]]) - 1):int(tok.ends[idx[-1]]) + 1]
    marks = sum(map(around.count, _QUOTE_MARKS))  # one C scan per mark, not a Python step per character
    lines = np.unique(tok.line[idx])
    return span, -marks, int(in_sorted(tok.line, lines).sum())


# Rules that say which article came first, as against which holds the passage in the fuller form.
TIME_RULES = frozenset({"citation", "date", "agency", "relative_day"})


def source_of(a: int, b: int, passages: list[tuple[list[int], list[int]]], corpus: Corpus,
              days: list[float | None] | None = None) -> int:
    """Which of a and b is the source (the rules of the module docstring, in order)."""
    return decide_source(a, b, passages, corpus, days)[0]


def passage_context(a: int, b: int, passages: list[tuple[list[int], list[int]]], corpus: Corpus
                    ) -> tuple[int, ...]:
    """The three _context measures summed over the passages (xs in a, ys in b): a's, then b's."""
    ctx_a = [_context(corpus.tokens[a], corpus.texts[a], xs) for xs, _ in passages]
    ctx_b = [_context(corpus.tokens[b], corpus.texts[b], ys) for _, ys in passages]
    return tuple(sum(c[n] for c in ctx_a) for n in range(3)) + tuple(sum(c[n] for c in ctx_b) for n in range(3))


def decide_source(a: int, b: int, passages: list[tuple[list[int], list[int]]], corpus: Corpus,
                  days: list[float | None] | None = None, context: tuple[int, ...] | None = None
                  ) -> tuple[int, str]:
    """(source, name of the rule that decided). days: the relative_day of each article of the corpus;
    context: passage_context(a, b, passages, corpus) when already known."""
    aid, bid = corpus.article_ids[a], corpus.article_ids[b]
    a_cites_b, b_cites_a = bid in corpus.cited[a], aid in corpus.cited[b]
    if a_cites_b != b_cites_a:
        return (b if a_cites_b else a), "citation"
    da, db = corpus.dates[a], corpus.dates[b]
    if da is not None and db is not None and da != db:
        return (a if da < db else b), "date"
    if corpus.agency[a] != corpus.agency[b]:
        return (a if corpus.agency[a] else b), "agency"
    if days is not None:
        day_a = UNKNOWN_DAY if days[a] is None else days[a]
        day_b = UNKNOWN_DAY if days[b] is None else days[b]
        if day_a != day_b:
            return (a if day_a > day_b else b), "relative_day"
    if passages:
        context = context if context is not None else passage_context(a, b, passages, corpus)
        for n in range(3):
            key_a, key_b = context[n], context[3 + n]
            if key_a != key_b:
                return (a if key_a > key_b else b), "passage_context"
    if len(corpus.tokens[a]) != len(corpus.tokens[b]):
        return (a if len(corpus.tokens[a]) > len(corpus.tokens[b]) else b), "length"
    return a, "tie"  # indistinguishable: the smaller article_id, so the answer is at least stable
