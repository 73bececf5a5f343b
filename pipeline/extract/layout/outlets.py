"""The registry of news outlets, agencies and wire services, and the one way to find them in text.

The registry is data: `pipeline/lexicons/outlets.jsonl` (name, aliases, domains, agency flag) and
`outlet_name_heads.txt` (the last words of most outlet names). Every caller goes through this
module: `lookup(name)` for a name already isolated, `by_domain(url)` for a URL, and `find_in(text)`
for outlet names in running text, one compiled matcher for the layout, entities and attribution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.lexicons import entries, rows


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    agency: bool = False  # news or photo agency / wire service
    common_word: tuple[str, ...] = ()  # names that are also ordinary words ("Time"): never searched in text
    photo_only: bool = False  # a picture agency: credited under photos, never a cited source of news


@dataclass(frozen=True)
class OutletMatch:
    start: int  # character offsets into the searched text
    end: int
    text: str
    outlet: Outlet | None  # None for a surface lookup() does not resolve (a shadowed alias)


@lru_cache(maxsize=1)
def registry() -> tuple[Outlet, ...]:
    return tuple(Outlet(r["name"], tuple(r.get("aliases", ())), tuple(r.get("domains", ())),
                        bool(r.get("agency", False)), tuple(r.get("common_word", ())), bool(r.get("photo_only", False)))
                 for r in rows("outlets.jsonl"))


def __getattr__(name: str):
    # The registry and the heads are loaded lazily from the lexicons, under their old names.
    if name == "OUTLETS":
        return registry()
    if name == "OUTLET_NAME_HEADS":
        return entries("outlet_name_heads.txt")
    raise AttributeError(name)


def _key(name: str) -> str:
    name = name.replace("’", "'").strip().casefold()
    return re.sub(r"^the\s+", "", name)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Outlet]:
    table = {}
    for outlet in registry():
        for alias in (outlet.name, *outlet.aliases):
            # "the Times", "the Post", "the Journal" are only outlets in context; keep them out of lookups.
            if alias.lower().startswith("the ") and len(alias.split()) == 2 and alias != outlet.name:
                continue
            table.setdefault(_key(alias), outlet)
    return table


def lookup(name: str) -> Outlet | None:
    """The registry entry for an outlet name or alias, ignoring case and a leading 'The'."""
    return _by_key().get(_key(name))


@lru_cache(maxsize=1)
def _by_domain() -> tuple[tuple[str, Outlet], ...]:
    return tuple((domain, outlet) for outlet in registry() for domain in outlet.domains)


def by_domain(url: str) -> Outlet | None:
    """The outlet whose domain (or a subdomain of it) a URL is on."""
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    for domain, outlet in _by_domain():
        if host == domain or host.endswith("." + domain):
            return outlet
    return None


@lru_cache(maxsize=1)
def alias_pattern() -> str:
    """A case-sensitive regex alternation of every registry name and alias without a leading
    'The', longest first. The building block of find_in(); other rules embed it in a context."""
    names = set()
    for outlet in registry():
        for alias in (outlet.name, *outlet.aliases):
            bare = re.sub(r"^The\s+", "", alias)
            if lookup(bare) is outlet and alias not in outlet.common_word and bare not in outlet.common_word:
                names.add(bare)
    return "|".join(re.escape(n).replace("'", "['’]") for n in sorted(names, key=len, reverse=True))


def agency_pattern() -> str:
    """A regex alternation of the names and aliases of every agency, longest first (photo credits)."""
    names = {n for o in registry() if o.agency for n in (o.name, *o.aliases) if n not in o.common_word}
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _matcher() -> re.Pattern:
    return re.compile(rf"(?<![\w@./-])(?:{alias_pattern()})(?![\w@-])")


def find_in(text: str, start: int = 0, end: int | None = None) -> list[OutletMatch]:
    """Every registry outlet named in text[start:end] (case-sensitive, whole words, longest name first),
    with character offsets into `text`."""
    return [OutletMatch(m.start(), m.end(), m.group(), lookup(m.group()))
            for m in _matcher().finditer(text, start, len(text) if end is None else end)]
