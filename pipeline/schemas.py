"""The explicit pyarrow schema of every published table, with a description for each column.

This module is the single source of truth for table shapes: the writer casts to these schemas,
the data card and datapackage.json are generated from them, and the tests check against them.
Bump SCHEMA_VERSION whenever a column is added, removed, renamed or changes meaning.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2.0.0"  # 2.0.0: reuse match/derivation columns; quotes reported and mixed forms


def _field(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


_SPAN = [
    ("start", pa.int64(), "Start offset (Python str index) of the span in articles.text.", False),
    ("end", pa.int64(), "End offset (exclusive) of the span in articles.text; text[start:end] is the span.", False),
]
_SENTENCE = [
    ("sentence_start", pa.int64(), "Start offset of the sentence holding the span, in articles.text.", True),
    ("sentence_end", pa.int64(), "End offset of the sentence holding the span, in articles.text.", True),
    ("in_body", pa.bool_(), "True when the span sits in the article's own prose; false in headlines, captions, "
                            "credits, promo lines and other boilerplate.", False),
]


def _schema(table: str, description: str, columns: list[tuple]) -> pa.Schema:
    fields = [_field(*c) for c in columns]
    return pa.schema(fields, metadata={"table": table, "description": description})


ARTICLES = _schema("articles", "One row per article file read from data/raw/; exact duplicates are flagged by duplicate_of.", [
    ("article_id", pa.string(), "Stable id: the first 16 hex digits of content_sha256.", False),
    ("source_path", pa.string(), "Path of the raw file, relative to the repository root.", False),
    ("content_sha256", pa.string(), "SHA-256 of `text` encoded as UTF-8.", False),
    ("encoding", pa.string(), "Encoding the raw bytes were decoded from (utf-8, utf-8-sig, utf-16, cp1252; "
                            "utf-8+cp1252: UTF-8 with a few stray cp1252 bytes read as cp1252).", False),
    ("text", pa.string(), "The raw file decoded, a leading BOM dropped and line endings turned into \\n; "
                          "nothing else changed. Every span offset points into this text.", False),
    ("title", pa.string(), "The headline as written.", True),
    ("subtitle", pa.string(), "The dek or standfirst under the headline, when there is one.", True),
    ("authors", pa.list_(pa.string()), "Byline names, in order; no photographers or wire credits. "
                                       "Empty when the text states no author.", False),
    ("outlet", pa.string(), "The publication this copy appeared in, when the text states it.", True),
    ("published_date", pa.date32(), "Publication date, when the text states a full date.", True),
    ("published_date_raw", pa.string(), "The publication date as written in the text.", True),
    ("url", pa.string(), "The article's own address, when the text states it.", True),
    ("cites", pa.list_(pa.string()), "Outlets the article says it reports from (e.g. 'The Wall Street Journal').",
     False),
    ("cited_article_ids", pa.list_(pa.string()), "article_ids in the corpus of the outlets named in `cites` "
                                                 "(filled by the link stage).", False),
    ("body", pa.string(), "The article's own prose, paragraphs joined by a blank line, boilerplate left out.",
     False),
    ("n_words", pa.int64(), "Number of words in `body`.", False),
    ("duplicate_of", pa.string(), "article_id of an earlier file with exactly the same text; null for the first "
                                  "copy. Duplicates are kept for the record but not extracted twice.", True),
])

REJECTS = _schema("rejects", "One row per raw file that could not become an article, with the reason.", [
    ("source_path", pa.string(), "Path of the raw file, relative to the repository root.", False),
    ("reason", pa.string(), "Machine-readable reason: empty, binary, undecodable, html, too_large, no_layout, "
                            "not_prose, hidden, not_a_file, broken_link, outside_raw, unreadable, timeout, "
                            "extraction_error.", False),
    ("detail", pa.string(), "A human-readable sentence explaining the reason.", False),
    ("content_sha256", pa.string(), "SHA-256 of the raw bytes, when they could be read.", True),
])

ENTITIES = _schema("entities", "One row per mention of a person, organisation, place or other named entity.", [
    ("article_id", pa.string(), "The article the mention is in.", False),
    ("mention_id", pa.string(), "Unique id of the mention: article_id, 'e', start offset.", False),
    ("text", pa.string(), "Surface form, without a leading determiner or trailing possessive.", False),
    *_SPAN,
    ("label", pa.string(), "Entity type, spaCy's label set (PERSON, ORG, GPE, LOC, NORP, ...), voted across "
                           "the corpus for one entity.", False),
    ("entity_id", pa.string(), "One stable id per real-world entity across the corpus.", False),
    ("canonical_name", pa.string(), "The fullest, correctly accented name seen for the entity.", False),
    ("aliases", pa.list_(pa.string()), "Every distinct surface form of this entity across the corpus.", False),
    *_SENTENCE,
])

FIGURES = _schema("figures", "One row per number in the text, with its value, bounds and what it counts.", [
    ("article_id", pa.string(), "The article the figure is in.", False),
    ("figure_id", pa.string(), "Unique id of the figure: article_id, 'f', start offset.", False),
    ("text", pa.string(), "The figure as written, hedges and units included.", False),
    *_SPAN,
    ("value", pa.float64(), "Best single value.", True),
    ("low", pa.float64(), "Lower bound of the plausible range.", True),
    ("high", pa.float64(), "Upper bound of the plausible range.", True),
    ("qualifier", pa.string(), "exact, approximate, lower_bound, upper_bound, range or vague.", False),
    ("direction", pa.string(), "increase or decrease when the figure is a change ('rose 19 cents'); else null.",
     True),
    ("kind", pa.string(), "count, money, percent, measure, date, year, duration, ordinal or other.", False),
    ("unit", pa.string(), "Currency code (USD, EUR, ...), 'percent', or a unit such as pound, mile, km.", True),
    ("counted", pa.string(), "What is counted or measured, as a short noun phrase.", True),
    *_SENTENCE,
])

QUOTES = _schema("quotes", "One row per attribution (a quote or reported speech), with who said it.", [
    ("article_id", pa.string(), "The article the quote is in.", False),
    ("quote_id", pa.string(), "Unique id of the quote: article_id, 'q', start offset.", False),
    ("text", pa.string(), "The quote's content, without the outer quote marks; for reported speech the "
     "content clause.", False),
    *_SPAN,
    ("form", pa.string(), "direct, partial, block or scare (words in quote marks or a reproduced block); "
     "reported (an attribution without quote marks: 'said that ...', 'according to X'); mixed (reported "
     "speech holding a partial quote of the same speaker). Filter form == 'direct' for direct quotes only.",
     False),
    ("speaker", pa.string(), "The speaker as written: the nearest explicit mention.", True),
    ("speaker_start", pa.int64(), "Start offset of `speaker` in articles.text.", True),
    ("speaker_end", pa.int64(), "End offset of `speaker` in articles.text.", True),
    ("speaker_name", pa.string(), "The resolved named person or organisation; null for an anonymous source.",
     True),
    ("speaker_entity_id", pa.string(), "entities.entity_id of the speaker, when resolved.", True),
    ("speaker_kind", pa.string(), "person, organization, publication, anonymous or unknown.", False),
    ("cue", pa.string(), "The reporting verb or construction ('said', 'according to', ...).", True),
    ("cluster_id", pa.string(), "Groups the same quote across articles (filled by the link stage).", True),
    ("origin_article_id", pa.string(), "Article of the earliest appearance of the quote's cluster.", True),
    *_SENTENCE,
])

REUSE = _schema("reuse", "One row per passage an article copies from another article in the corpus.", [
    ("article_id", pa.string(), "The article that copies.", False),
    ("source_article_id", pa.string(), "The article the passage comes from.", False),
    ("start", pa.int64(), "Start of the passage in the copying article's text.", False),
    ("end", pa.int64(), "End of the passage in the copying article's text.", False),
    ("source_start", pa.int64(), "Start of the passage in the source article's text.", False),
    ("source_end", pa.int64(), "End of the passage in the source article's text.", False),
    ("n_words", pa.int64(), "Number of aligned words.", False),
    ("similarity", pa.float64(), "Verbatim: share of the passage's words that align with the source. "
     "Paraphrase: share of the copy sentence's content weight (rare words weigh more) found in the source "
     "sentence (0-1).", False),
    ("match", pa.string(), "How the passage aligns: 'verbatim' (a run of the same words, ellipses and "
     "[insertions] aside) or 'paraphrase' (a sentence of the copy whose content words, in any order, "
     "are mostly in one sentence of the source).", False),
    ("derived_share", pa.float64(), "Of the pair (article_id, source_article_id), repeated on each of its "
     "rows: share of the copy's prose words derived from the source (in a verbatim passage that is not "
     "quoted speech on both sides, or in an aligned sentence), measured before third articles are "
     "credited (0-1).", True),
    ("verbatim_share", pa.float64(), "Of the pair: share of the copy's prose words inside verbatim "
     "passages of the source, quoted speech included (0-1).", True),
    ("derivation", pa.string(), "Of the pair, METER's labels: 'wholly' (the source is the copy's only "
     "source), 'partially' (the source was used with others), 'none' (the source was not used; rows "
     "kept only because the copy cites the source and holds a verbatim passage of it).", True),
])

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "entities": ENTITIES,
    "figures": FIGURES,
    "quotes": QUOTES,
    "reuse": REUSE,
    "rejects": REJECTS,
}

# Tables produced per article by the extract stage (reuse is corpus-wide, made by link).
EXTRACTED_TABLES = ("articles", "entities", "figures", "quotes", "rejects")

PRIMARY_KEYS = {
    "articles": ["article_id"],
    "entities": ["mention_id"],
    "figures": ["figure_id"],
    "quotes": ["quote_id"],
    "reuse": ["article_id", "source_article_id", "start"],
    "rejects": ["source_path"],
}

# Stable row order of every table: applied before writing so the same input gives the same bytes.
SORT_KEYS = {
    "articles": ["article_id"],
    "entities": ["article_id", "start", "end"],
    "figures": ["article_id", "start", "end"],
    "quotes": ["article_id", "start", "end"],
    "reuse": ["article_id", "start", "source_article_id"],
    "rejects": ["source_path"],
}


def column_descriptions(table: str) -> dict[str, str]:
    schema = TABLES[table]
    return {f.name: f.metadata[b"description"].decode() for f in schema}


def empty_frame(table: str):
    """An empty DataFrame with the table's columns, for articles with nothing to extract."""
    return TABLES[table].empty_table().to_pandas()
