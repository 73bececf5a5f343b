"""World knowledge the entity rules lean on, read from the lexicon files (pipeline/lexicons/,
sources in SOURCES.md): places, demonyms, honorifics, given names, known organisations and the
closed classes of words that stand around or inside names.

Places carry a canonical name so that "U.S.", "US" and "the United States" become one entity;
spaCy's GPE is used for countries, subdivisions and cities, LOC for continents, seas and regions.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.lexicons import entries, entry_set, rows
from pipeline.text.names import fold


@lru_cache(maxsize=None)
def words(role: str) -> frozenset[str]:
    """The words of one role in name_words.tsv ("determiner", "job", "place_noun", ...)."""
    found = frozenset(r["word"] for r in rows("name_words.tsv") if r["role"] == role)
    if not found:
        raise KeyError(f"name_words.tsv has no role {role!r}")
    return found


ORG_HEADS = entry_set("org_heads.txt")
PLACE_HEADS_GPE = words("place_head_gpe")
PLACE_HEADS_LOC = words("place_head_loc")
PLACE_STARTS = words("place_start")
LAW_HEADS = words("law_head")
EVENT_HEADS = words("event_head")
EVENT_STARTS = words("event_start")
ORG_STARTS = words("org_start")
PERSON_NOUNS = words("person_noun")
PLACE_NOUNS = words("place_noun")
ORG_NOUNS = words("org_noun")
NAME_MARKERS = words("name_marker")
TITLE_PHRASES = entries("title_phrases.txt")
COMMON_ACRONYMS = entry_set("common_acronyms.txt")


def _place_key(s: str) -> str:
    return re.sub(r"^the ", "", fold(s))


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str]]:
    """Folded place name -> (canonical name, spaCy label)."""
    return {_place_key(r["name"]): (r["canonical"], r["label"]) for r in rows("places.tsv")}


@lru_cache(maxsize=1)
def _place_kinds() -> dict[str, str]:
    return {_place_key(r["name"]): r["kind"] for r in rows("places.tsv")}


@lru_cache(maxsize=1)
def _ambiguous_places() -> frozenset[str]:
    return frozenset(_place_key(r["name"]) for r in rows("places.tsv") if r["ambiguous"] == "1")


def place(name: str) -> tuple[str, str] | None:
    """(canonical name, label) of a known place, ignoring case, accents and a leading 'the'."""
    return places().get(_place_key(name))


def is_ambiguous_place(name: str) -> bool:
    """A place name news English also uses as a given name or a common word ("Jordan", "Split")."""
    return _place_key(name) in _ambiguous_places()


def is_country(name: str) -> bool:
    return _place_kinds().get(_place_key(name)) == "country"


def is_region(name: str) -> bool:
    """A country, or a first-level subdivision of one: what qualifies a city ("Lyon, France")."""
    return _place_kinds().get(_place_key(name)) in ("country", "subdivision") \
        or _place_key(name) in ("dc", "d c", "d.c.")


@lru_cache(maxsize=1)
def _demonym_kinds() -> dict[str, str]:
    return {fold(r["demonym"]): r["kind"] for r in rows("demonyms.tsv")}


def demonym_of(word: str) -> str | None:
    """The singular form a demonym is listed under ("Americans" -> "american"), or None."""
    key = fold(word)
    table = _demonym_kinds()
    if key in table:
        return key
    if key.endswith("s") and key[:-1] in table:
        return key[:-1]
    return None


def is_demonym(word: str) -> bool:
    return demonym_of(word) is not None


def is_nationality(word: str) -> bool:
    """A demonym of a country or people; faiths, parties and continents are not stripped from names."""
    key = demonym_of(word)
    return key is not None and _demonym_kinds()[key] == "nationality"


@lru_cache(maxsize=1)
def _honorifics_bare() -> frozenset[str]:
    return frozenset(h.rstrip(".") for h in entries("honorifics.txt"))


def is_honorific(word: str) -> bool:
    return word.casefold().rstrip(".") in _honorifics_bare()


def is_given_name(word: str) -> bool:
    return fold(word) in entry_set("given_names.txt", casefold=True)


@lru_cache(maxsize=1)
def _known_orgs_folded() -> frozenset[str]:
    return frozenset(fold(n) for n in entries("known_orgs.txt"))


def is_known_org(name: str) -> bool:
    return fold(name) in _known_orgs_folded()


def is_news_title(word: str) -> bool:
    """A title of news English's own short list (honorifics_news.txt), not one of nameparser's
    job words ("Travel", "Opera"): safe to cut from the end of an organisation's name."""
    return word.casefold() in entry_set("honorifics_news.txt", casefold=True)
