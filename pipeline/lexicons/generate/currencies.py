"""Write currencies.tsv: ISO 4217 currencies (pycountry) with their English names and symbols (CLDR via babel).

Each row: the ISO code, the English singular and plural names, and the symbols CLDR's English
locales write for it. A symbol is kept for one currency only: a symbol several currencies share
('$', '£', 'kr', 'Rs') goes to the currency whose worldwide English symbol it is ('$' -> USD) or,
when none, to no currency. One-letter symbols ('R', 'K', 'P') are left out: next to digits they
are read as codes and names ('P5', 'G7'), not money. Codes starting with X (gold, funds, test
codes) are left out except the CFA francs, which are currencies in daily use.
"""
from __future__ import annotations

from collections import defaultdict

import pycountry
from babel.localedata import locale_identifiers
from babel.numbers import get_currency_name, get_currency_symbol

from pipeline.lexicons import LEXICON_DIR

KEPT_X_CODES = {"XAF", "XOF", "XCD", "XPF"}


def main() -> None:
    locales = sorted(loc for loc in locale_identifiers() if loc == "en" or loc.startswith("en_"))
    codes = sorted(c.alpha_3 for c in pycountry.currencies
                   if not c.alpha_3.startswith("X") or c.alpha_3 in KEPT_X_CODES)
    users: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        for loc in locales:
            symbol = get_currency_symbol(code, loc).replace("\u202f", " ").replace("\xa0", " ")
            if symbol != code and len(symbol.strip(".")) > 1 or symbol in "$£€¥₹₽₩₪₺₦₱₫₴₾₵₸₼₮₭₲₡":
                users[symbol].add(code)
    owner = {}
    for symbol, who in users.items():
        world = [c for c in who if get_currency_symbol(c, "en") == symbol]
        if len(who) == 1 or len(world) == 1:
            owner[symbol] = world[0] if world else next(iter(who))
    lines = ["# ISO 4217 currencies (pycountry) with English names and symbols from CLDR (babel);",
             "# written by `python -m pipeline.lexicons.generate.currencies`. See SOURCES.md.",
             "# symbols: the marks CLDR writes for the currency, separated by |.",
             "code\tname\tplural\tsymbols"]
    for code in codes:
        symbols = sorted(s for s, c in owner.items() if c == code)
        name = get_currency_name(code, locale="en")
        plural = get_currency_name(code, count=2, locale="en")
        lines.append(f"{code}\t{name}\t{plural}\t{'|'.join(symbols)}")
    (LEXICON_DIR / "currencies.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
