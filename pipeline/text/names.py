"""Keys that names are compared on, across articles and across the two sides of the pipeline."""
from __future__ import annotations

import re
import unicodedata


def fold(s: str) -> str:
    """Accent-, case-, quote- and space-insensitive form of a name: the key names are compared on."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").casefold()
    return re.sub(r"\s+", " ", s).strip()


def name_key(name: str) -> str:
    """The form two names of one entity share: accents, case, a leading 'the', a possessive and
    punctuation dropped ("The Wall Street Journal" ~ "wall street journal", "U.S." ~ "u s")."""
    k = fold(name)
    k = k.removeprefix("the ")
    k = k.removesuffix("'s")
    return " ".join("".join(c if c.isalnum() else " " for c in k).split())


_POSSESSIVE_END = re.compile(r"(?<=\w)[’'‘`´][sS]?$")
_RAGGED_START = re.compile(r"^[^\w(\[]+")
_RAGGED_END = re.compile(r"[^\w.)\]!]+$")


def proper_form(name: str) -> str:
    """A name as a reader should see it: no possessive ending ("Ana Vell's" -> "Ana Vell", "Jones'"
    -> "Jones") and no stray punctuation or space at its edges ("-Vell" -> "Vell"); an inner
    possessive ("St Agnes's Hospital") and an abbreviation's closing period ("U.S.") stay."""
    out = _RAGGED_START.sub("", name.strip())
    while True:
        trimmed = _RAGGED_END.sub("", _POSSESSIVE_END.sub("", out))
        if trimmed == out:
            return out
        out = trimmed
