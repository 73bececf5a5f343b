"""Figures: every number in an article as data (value, range, qualifier, kind, unit, what it counts).

How it works, in three passes over the one shared parse:

1. Text that holds digits but no figures is set aside first: URLs, e-mail addresses, HTML tags,
   phone numbers, clock times, list markers. Dates become rows of kind 'date' (value null).
2. A small lexer (numbers.lex) walks the text. At each number it reads, table by table, the
   currency before it, the digits or number words, the scale ('million', 'bn'), the unit,
   currency or percent after it and a rate ('per barrel', 'a month'); then the hedge before
   it ('about', 'more than', figure_units.HEDGES_BEFORE) and a second number that makes a range
   ('between 20 and 30', '20-30', 'from 310 to 340 miles'). Vague amounts ('a few dozen',
   'hundreds') take their range from numbers.VAGUE_AMOUNTS. Numbers glued to letters or
   hyphenated after a capitalised prefix (T-72B, Tu-160, 5G, COVID-19) are identifiers: no row.
3. The spaCy parse then decides what the lexer cannot: labels after a name or a label noun
   ('Windows 11', 'Ligue 1', 'category 4', '747 jets') are identifiers; a bare four-digit number
   is a year (1800-2100, or any after 'in', 'since', ...) unless it counts a plural noun; 'one'
   is a count only when it modifies a noun ('one of the ...' is not); ages ('Ann Lee, 45,', 'he
   is 35', '50-year-old') are durations counting 'age'; what a count counts is the noun it modifies, the noun after
   'of' ('dozens of soldiers') or, when the noun is left out, the object of the verb the figure
   hangs from ('cut its staff to a few dozen, from about 1,000' -> staff, twice); a figure is a
   change (direction) when it is the amount of a verb of change ('rose 23 cents', 'up 3%',
   'increased by $12.5 billion'), not when it is the level reached ('to $61').

The output columns are those of pipeline.schemas.FIGURES (article_id and figure_id are added by
the driver). `value` is the best single value in the figure's own unit ('23 cents' -> 23, unit
'cent'; '$1.5bn' -> 1.5e9, unit 'USD'); `low`/`high` bound it (null for an open bound).
"""
from pipeline.extract.figures.extract import extract_figures

__all__ = ["extract_figures"]
