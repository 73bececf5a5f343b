"""Figures: every number in an article as data (value, range, qualifier, kind, unit, what it counts).

How it works, in three passes over the one shared parse (modules in brackets):

1. Text that holds digits but no figures is set aside first: URLs, e-mail addresses, HTML tags,
   phone numbers, clock times, list markers. Dates become rows of kind 'date' (value null) [reader].
2. A character-level lexer [numbers.lex] walks the text, as quantulum3 and CQE read numbers. At
   each number three readers run in turn: the number reader [number_reader] reads the currency
   before it, the digits or number words, fractions, multiples ('tripled', 'fivefold') and the
   scale ('million', 'bn', '8 B people'); the unit reader [unit_reader] the unit, currency or
   percent after it and a rate ('per barrel', 'a month'); the range reader [range_reader] the
   hedge around it ('about', 'more than', 'or more') and a second number that makes a range
   ('between 20 and 30', '20-30', 'four to five thousand'). Vague amounts ('a few dozen',
   'hundreds') take their range from vague_amounts.tsv. Numbers glued to letters or hyphenated
   after a capitalised prefix (T-72B, Tu-160, 5G, COVID-19) are identifiers: no row. Every word
   list is a lexicon file of pipeline/lexicons/, shaped into look-ups by [units].
3. The parse then decides what the lexer cannot, by an ordered list of named rules [decide]:
   labels after a name, a label noun or 'the' + noun ('Windows 11', 'category 4', 'the index 500')
   are identifiers; a bare four-digit number is a year unless it counts a plural noun; 'one' is a
   count only before its noun ('one ferry'; 'one of the ...' is a pronoun); ages ('Ann
   Lee, 45,', 'she is 35', '50-year-old') are durations counting 'age'; then what a count counts
   (the noun it modifies, the noun after 'of', or the object of the verb the figure hangs from)
   and its direction, read from the words around it ('rose 23 cents', 'up 3%', 'FTSE -0.6%'), not
   when it is the level reached ('to $61') [context].

The output columns are those of pipeline.schemas.FIGURES (article_id and figure_id are added by
the driver) [extract]. `value` is the best single value in the figure's own unit ('23 cents' ->
23, unit 'cent'; '$1.5bn' -> 1.5e9, unit 'USD'); `low`/`high` bound it (null for an open bound).
"""
from pipeline.extract.figures.extract import extract_figures

__all__ = ["extract_figures"]
