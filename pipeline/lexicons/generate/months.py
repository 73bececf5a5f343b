"""Write months.tsv from CLDR (babel): English month names, their number and abbreviations."""
from __future__ import annotations

from babel.dates import get_month_names

from pipeline.lexicons import LEXICON_DIR


def main() -> None:
    wide = get_month_names("wide", locale="en")
    short = get_month_names("abbreviated", locale="en")
    lines = ["# English month names from CLDR via babel (python -m pipeline.lexicons.generate.months).",
             "# 'Sept' is the Associated Press style abbreviation of September, which CLDR lacks.",
             "number\tname\tabbreviations"]
    for n in range(1, 13):
        abbrevs = [short[n]] + (["Sept"] if n == 9 else [])
        lines.append(f"{n}\t{wide[n]}\t{','.join(abbrevs)}")
    (LEXICON_DIR / "months.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
