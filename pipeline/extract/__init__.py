"""Per-article extraction: layout + one spaCy parse -> rows of articles, entities, figures, quotes.

Everything here is pure: it takes decoded articles and a loaded spaCy pipeline and returns
DataFrames, so tests never need the disk.
"""
from __future__ import annotations

import hashlib
import logging
from typing import Iterable

import pandas as pd

from pipeline.extract.entities import extract_entities
from pipeline.extract.figures import extract_figures
from pipeline.extract.quotes import extract_quotes
from pipeline.ingest import RawArticle, duplicate_map
from pipeline.layout import Layout, parse_layout
from pipeline.schemas import empty_frame

log = logging.getLogger(__name__)

SPAN_TABLES = ("entities", "figures", "quotes")
_ID_LETTER = {"entities": ("mention_id", "e"), "figures": ("figure_id", "f"), "quotes": ("quote_id", "q")}


def article_row(raw: RawArticle, layout: Layout, article_id: str, duplicate_of: str | None) -> dict:
    return {
        "article_id": article_id,
        "source_path": raw.source_path,
        "content_sha256": raw.content_sha256,
        "encoding": raw.encoding,
        "text": raw.text,
        "title": layout.title,
        "subtitle": layout.subtitle,
        "authors": list(layout.authors),
        "outlet": layout.outlet,
        "published_date": layout.published_date,
        "published_date_raw": layout.published_date_raw,
        "url": layout.url,
        "cites": list(layout.cites),
        "cited_article_ids": [],
        "body": layout.body,
        "n_words": layout.n_words,
        "duplicate_of": duplicate_of,
    }


def duplicate_article_id(raw: RawArticle) -> str:
    """A duplicate's id: still derived from content, plus its path, so article_id stays unique."""
    return hashlib.sha256(f"{raw.content_sha256}\0{raw.source_path}".encode()).hexdigest()[:16]


def extract_spans(doc, layout: Layout, article_id: str) -> dict[str, list[dict]]:
    """Every extractor on the one parse of one article; ids are derived from offsets."""
    entities = extract_entities(doc, layout)
    out = {
        "entities": entities,
        "figures": extract_figures(doc, layout),
        "quotes": extract_quotes(doc, layout, entities),
    }
    for table, rows in out.items():
        id_col, letter = _ID_LETTER[table]
        seen: dict[str, int] = {}
        for row in rows:
            base = f"{article_id}-{letter}{row['start']}"
            n = seen.get(base, 0)
            seen[base] = n + 1
            row["article_id"] = article_id
            row[id_col] = base if n == 0 else f"{base}.{n}"
    return out


def extract_articles(raws: Iterable[RawArticle], nlp, batch_size: int = 16) -> dict[str, pd.DataFrame]:
    """Extract every table from decoded articles. Exact duplicates get a row but no spans."""
    raws = sorted(raws, key=lambda r: r.source_path)
    dupes = duplicate_map(raws)
    rows = {"articles": [], **{t: [] for t in SPAN_TABLES}}
    todo: list[tuple[RawArticle, Layout, str]] = []
    for raw in raws:
        layout = parse_layout(raw.text)
        if raw.source_path in dupes:
            rows["articles"].append(article_row(raw, layout, duplicate_article_id(raw), dupes[raw.source_path]))
            log.warning("%s: same text as article %s; kept as a duplicate, not extracted",
                        raw.source_path, dupes[raw.source_path])
            continue
        rows["articles"].append(article_row(raw, layout, raw.article_id, None))
        todo.append((raw, layout, raw.article_id))
    docs = nlp.pipe((raw.text for raw, _, _ in todo), batch_size=batch_size)
    for (raw, layout, article_id), doc in zip(todo, docs):
        for table, table_rows in extract_spans(doc, layout, article_id).items():
            rows[table].extend(table_rows)
    frames = {}
    for table, table_rows in rows.items():
        frames[table] = pd.DataFrame(table_rows) if table_rows else empty_frame(table)
    return frames
