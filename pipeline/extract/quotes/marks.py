"""Quoted spans from quote marks alone: which mark opens, which closes, where a quote ends.

News text mixes straight, curly, single and guillemet marks, and scraping breaks them. The rules:
- A mark's role comes from its shape (“ opens, ” closes) checked against its neighbours (a mark
  with a word right before it and a space after it closes, whatever its shape), so a stray or
  mistyped mark does not flip every quote after it.
- Double marks nest (a quote inside a quote); only the outermost quote is a row.
- A quote left open at the end of a paragraph continues when the next paragraph opens with a
  quote mark (the newspaper convention for a quote of several paragraphs). Otherwise the mark is
  broken: the quote ends with its paragraph, so one bad mark never swallows the rest of a page.
- Single marks are quotes only outside double quotes, must close within their paragraph, and an
  apostrophe between letters (don't, Brown's) is never a mark.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

# Shape of each mark: "open", "close" or None (straight marks say nothing by shape).
DOUBLE_MARKS = {"“": "open", "„": "open", "‟": "open", "«": "open", "”": "close", "»": "close", '"': None}
SINGLE_MARKS = {"‘": "open", "‚": "open", "‹": "open", "’": "close", "›": "close", "'": None}
QUOTE_CHARS = "".join(DOUBLE_MARKS) + "".join(SINGLE_MARKS)


@dataclass
class MarkedQuote:
    start: int            # first character of the content, after the opening mark
    end: int              # end of the content, before the closing mark (or paragraph end if unclosed)
    open_mark: str
    close_mark: str | None  # None when the quote was never closed
    paragraphs: int = 1   # how many paragraphs the quote runs over

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


def _is_space(c: str) -> bool:
    return c == "" or c.isspace()


def _is_punct(c: str) -> bool:
    return c != "" and unicodedata.category(c)[0] in "PS"


def _flanks(text: str, i: int, width: int = 1) -> tuple[bool, bool]:
    """(can open, can close) for the mark at i, from the characters around it."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + width] if i + width < len(text) else ""
    left = not _is_space(nxt) and (not _is_punct(nxt) or _is_space(prev) or _is_punct(prev))
    right = not _is_space(prev) and (not _is_punct(prev) or _is_space(nxt) or _is_punct(nxt))
    return left, right


def mark_role(text: str, i: int, shapes: dict[str, str | None], width: int = 1) -> str:
    """'open', 'close' or 'both' for the quote mark at text[i] (`width` characters long)."""
    shape = shapes[text[i]] if width == 1 else None
    left, right = _flanks(text, i, width)
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + width] if i + width < len(text) else ""
    # a shaped mark is turned round only when it is glued to a word on the wrong side
    # (‘word” said’ closes with an opening shape, ‘ ”Word’ opens with a closing one)
    if shape == "open":
        return "close" if right and not left and prev.isalnum() or (right and not left and _is_punct(prev)
                                                                     and _is_space(nxt)) else "open"
    if shape == "close":
        return "open" if left and not right and _is_space(prev) and nxt.isalnum() else "close"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "both"


def _is_apostrophe(text: str, i: int) -> bool:
    """An apostrophe, not a mark: between letters (don't), or eliding a year or word ('90s, 'em)."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1:i + 4]
    if prev.isalnum() and nxt[:1].isalnum():
        return True
    if text[i] in "'‘’" and (nxt[:2].isdigit() or nxt.lower().startswith(("em ", "n ", "til ", "cause "))):
        return True
    return False


# Two single marks standing for a double one (''like this'', an old wire convention, or ‘’this’’).
_TWO_SINGLES_RE = re.compile(r"(?<![‘’'])[‘’']{2}(?![‘’'])")


_STRAIGHT = {'"', "''"}


def _double_marks(text: str, p0: int, p1: int) -> list[tuple[int, int]]:
    """(position, width) of every double mark in text[p0:p1]."""
    marks = [(i, 1) for i in range(p0, p1) if text[i] in DOUBLE_MARKS]
    marks += [(m.start(), 2) for m in _TWO_SINGLES_RE.finditer(text, p0, p1)]
    return sorted(marks)


def _double_quotes(text: str, paragraphs: Sequence[tuple[int, int]], problems: list[str]) -> list[MarkedQuote]:
    out: list[MarkedQuote] = []
    # an unclosed quote carried into the next paragraph: (open position, mark, mark width, the
    # (content start, paragraph end) of each paragraph it ran over so far)
    carry: tuple[int, str, int, list[tuple[int, int]]] | None = None
    for k, (p0, p1) in enumerate(paragraphs):
        marks = _double_marks(text, p0, p1)
        stack: list[tuple[int, str, int]] = []
        inner_quotes: list[MarkedQuote] = []  # quotes one level down in the open quote of this paragraph
        pieces: list[tuple[int, int]] = []
        piece_start = None
        if carry is not None:
            # the carried quote was only kept open because this paragraph starts with its mark
            stack = [carry[:3]]
            pieces = carry[3]
            piece_start = marks[0][0] + marks[0][1]
            marks = marks[1:]  # the continuation mark opens nothing new
            carry = None
        n_par = len(pieces) + 1
        for i, w in marks:
            mark = text[i:i + w]
            role = mark_role(text, i, DOUBLE_MARKS, w)
            if role == "both":
                role = "close" if stack and stack[-1][1] in _STRAIGHT and mark in _STRAIGHT else "open"
            if role == "open":
                if not stack:
                    piece_start = i + w
                stack.append((i, mark, w))
            elif stack:
                o, omark, ow = stack.pop()
                if not stack:
                    out.append(MarkedQuote(o + ow, i, omark, mark, n_par))
                    n_par = 1
                    pieces = []
                    inner_quotes = []
                elif len(stack) == 1:
                    inner_quotes.append(MarkedQuote(o + ow, i, omark, mark))
            else:
                problems.append(f"closing mark {mark!r} at {i} with no opening mark")
        if stack:
            o, mark, ow = stack[0]
            nxt = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            nxt_marks = _double_marks(text, nxt[0], nxt[1]) if nxt else []
            lead_at = nxt[0] + len(text[nxt[0]:nxt[1]]) - len(text[nxt[0]:nxt[1]].lstrip()) if nxt else -1
            # the continuation mark repeats the opening one; a different mark opens a new quote
            if nxt_marks and nxt_marks[0][0] == lead_at and text[lead_at:lead_at + nxt_marks[0][1]] == mark \
                    and mark_role(text, lead_at, DOUBLE_MARKS, nxt_marks[0][1]) != "close":
                carry = (o, mark, ow, pieces + [(piece_start, p1)])
                continue
            inner = [q for q in inner_quotes if o < q.start] if n_par == 1 else []
            if inner:
                # a stray mark at the head of a paragraph whose own quotes are well paired
                problems.append(f"opening mark {mark!r} at {o} never closed; the quotes inside it kept")
                out.extend(inner)
            elif pieces:
                # paragraph after paragraph opened and none closed: no quote of many paragraphs but
                # one broken quote per paragraph, so a page is never swallowed whole
                problems.append(f"opening mark {mark!r} at {o} never closed over {n_par} paragraphs; "
                                f"cut at each paragraph end")
                out.extend(MarkedQuote(a, b, mark, None) for a, b in pieces + [(piece_start, p1)])
            else:
                problems.append(f"opening mark {mark!r} at {o} never closed; quote cut at the paragraph end")
                out.append(MarkedQuote(o + ow, p1, mark, None))
    return out


def _single_quotes(text: str, paragraphs: Sequence[tuple[int, int]], taken: list[MarkedQuote]) -> list[MarkedQuote]:
    """Single-mark quotes outside double quotes; they must close within their paragraph."""
    inside = [(q.start - len(q.open_mark), q.end + len(q.close_mark or "")) for q in taken]
    inside += [(m.start(), m.end()) for m in _TWO_SINGLES_RE.finditer(text)]
    merged: list[list[int]] = []
    for a, b in sorted(inside):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def is_inside(i: int) -> bool:
        j = bisect_right(starts, i) - 1
        return j >= 0 and i < merged[j][1]

    out = []
    for p0, p1 in paragraphs:
        open_at: int | None = None
        for i in range(p0, p1):
            c = text[i]
            if c not in SINGLE_MARKS or _is_apostrophe(text, i):
                continue
            if is_inside(i):
                open_at = None
                continue
            role = mark_role(text, i, SINGLE_MARKS)
            if open_at is None:
                if role == "open" and (i == p0 or _is_space(text[i - 1]) or text[i - 1] in "([{—–-/"):
                    open_at = i
            elif role in ("close", "both") and i > open_at + 1:
                out.append(MarkedQuote(open_at + 1, i, text[open_at], c))
                open_at = None
    return out


def find_marked_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> tuple[list[MarkedQuote], list[str]]:
    """Every outermost quoted span in the paragraphs (sorted (start, end) spans of text), and the
    problems met with the marks (for a warning). Content offsets are trimmed of blank space."""
    problems: list[str] = []
    doubles = _double_quotes(text, paragraphs, problems)
    quotes = doubles + _single_quotes(text, paragraphs, doubles)
    out = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        body = text[q.start:q.end]
        q.start += len(body) - len(body.lstrip())
        q.end -= len(body) - len(body.rstrip())
        if q.end <= q.start or not any(c.isalnum() for c in text[q.start:q.end]):
            continue
        if out and q.start < out[-1].end:  # inside a longer quote (a British inner quote)
            continue
        out.append(q)
    return out, problems
