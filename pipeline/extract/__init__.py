"""Per-article extraction: layout + one spaCy parse -> rows of articles, entities, figures, quotes.

Everything here is pure: it takes a decoded article, its layout and its one parse and returns
rows, so tests never need the disk. pipeline.extract.runner parses each article and adds batching,
the per-article cache, worker processes and Dask around these functions for the extract stage.
"""
from __future__ import annotations

import hashlib
import logging
from typing import Iterable

from pipeline.extract.entities import extract_entities
from pipeline.extract.figures import extract_figures
from pipeline.extract.quotes import extract_quotes
from pipeline.ingest import RawArticle, duplicate_map
from pipeline.extract.layout import Layout, parse_layout

log = logging.getLogger(__name__)

SPAN_TABLES = ("entities", "figures", "quotes")
_ID_LETTER = {"entities": ("mention_id", "e"), "figures": ("figure_id", "f"), "quotes": ("quote_id", "q")}
# Fields of articles that come from the layout of the text (and so may be cached with the spans).
LAYOUT_FIELDS = ("title", "subtitle", "authors", "outlet", "published_date", "published_date_raw", "url", "cites",
                 "body", "n_words")


def layout_fields(layout: Layout) -> dict:
    return {"title": layout.title, "subtitle": layout.subtitle, "authors": list(layout.authors),
            "outlet": layout.outlet, "published_date": layout.published_date,
            "published_date_raw": layout.published_date_raw, "url": layout.url, "cites": list(layout.cites),
            "body": layout.body, "n_words": layout.n_words}


def article_row(raw: RawArticle, fields: dict, article_id: str, duplicate_of: str | None) -> dict:
    return {"article_id": article_id, "source_path": raw.source_path, "content_sha256": raw.content_sha256,
            "encoding": raw.encoding, "text": raw.text, **fields, "cited_article_ids": [],
            "duplicate_of": duplicate_of}


def duplicate_article_id(raw: RawArticle) -> str:
    """A duplicate's id: still derived from content, plus its path, so article_id stays unique."""
    return hashlib.sha256(f"{raw.content_sha256}\0{raw.source_path}".encode()).hexdigest()[:16]


def extract_spans(doc, layout: Layout, article_id: str) -> dict[str, list[dict]]:
    """Every extractor on the one parse of one article; ids derive from offsets, rows come sorted."""
    entities = extract_entities(doc, layout)
    out = {
        "entities": entities,
        "figures": extract_figures(doc, layout),
        "quotes": extract_quotes(doc, layout, entities, article_id=article_id),
    }
    for table, rows in out.items():
        id_col, letter = _ID_LETTER[table]
        rows.sort(key=lambda r: (r["start"], r["end"]))
        seen: dict[str, int] = {}
        for row in rows:
            base = f"{article_id}-{letter}{row['start']}"
            n = seen.get(base, 0)
            seen[base] = n + 1
            row["article_id"] = article_id
            row[id_col] = base if n == 0 else f"{base}.{n}"
    return out


def split_duplicates(raws: Iterable[RawArticle]) -> tuple[list[RawArticle], list[tuple[RawArticle, str]]]:
    """(articles to extract, in article_id order; exact duplicates with the id of their first copy)."""
    raws = sorted(raws, key=lambda r: r.source_path)
    dupes = duplicate_map(raws)
    unique = sorted((r for r in raws if r.source_path not in dupes), key=lambda r: r.article_id)
    duplicates = [(r, dupes[r.source_path]) for r in raws if r.source_path in dupes]
    for raw, first in duplicates:
        log.warning("%s: same text as article %s; kept as a duplicate, not extracted", raw.source_path, first)
    return unique, duplicates


def duplicate_rows(duplicates: list[tuple[RawArticle, str]]) -> list[dict]:
    return [article_row(raw, layout_fields(parse_layout(raw.text)), duplicate_article_id(raw), first)
            for raw, first in duplicates]
