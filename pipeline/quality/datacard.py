"""The dataset explains itself: datapackage.json (Frictionless Data) and a data card (README.md),
both generated from the schema module and the published tables."""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline import __version__
from pipeline.quality.card_text import card_body
from pipeline.schemas import PRIMARY_KEYS, SCHEMA_VERSION, TABLES, column_descriptions

TITLE = "News articles parsed into articles, entities, figures, quotes and reuse"
PUBLISHERS_TERMS = ("articles.text and articles.body, and the spans copied from them, are the publishers' "
                    "text under the publishers' own terms")
SCORES_PATH = Path("reports/scores.json")  # written by the evaluate stage; read as it stands at publish time

FOREIGN_KEYS = {
    "entities": [("article_id", "articles", "article_id")],
    "figures": [("article_id", "articles", "article_id")],
    "quotes": [("article_id", "articles", "article_id")],
    "reuse": [("article_id", "articles", "article_id"), ("source_article_id", "articles", "article_id")],
}


def frictionless_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_list(t):
        # Parquet readers hand a list cell over as an array object, which the validator's "array" type
        # (JSON text or a Python list) rejects; "any" with the Parquet type stated keeps it valid.
        return "any"
    return "string"


def _field_descriptor(f: pa.Field, description: str) -> dict:
    field = {"name": f.name, "type": frictionless_type(f.type), "description": description}
    if pa.types.is_list(f.type):
        field["description"] = f"{description} (a list of {f.type.value_type}s)"
    if not f.nullable:
        field["constraints"] = {"required": True}
    return field


def created_timestamp(newest_published: str | None) -> str | None:
    """`created` of the data package, the same for the same inputs: SOURCE_DATE_EPOCH when set (the
    reproducible-builds convention), else the newest article's publication date, else none."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{newest_published}T00:00:00Z" if newest_published else None


def datapackage(counts: dict[str, int], provenance: dict, dataset_version: str, license_id: str) -> dict:
    resources = []
    for table, schema in TABLES.items():
        descriptions = column_descriptions(table)
        fields = [_field_descriptor(f, descriptions[f.name]) for f in schema]
        resource = {
            "name": table, "path": f"{table}.parquet", "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "description": schema.metadata[b"description"].decode(), "rows": counts.get(table, 0),
            "schema": {"fields": fields, "primaryKey": PRIMARY_KEYS[table],
                       "foreignKeys": [{"fields": f, "reference": {"resource": r, "fields": c}}
                                       for f, r, c in FOREIGN_KEYS.get(table, [])]},
        }
        resources.append(resource)
    package = {
        "name": "news-articles-dataset",
        "title": TITLE,
        "version": dataset_version,
        "licenses": [{"name": license_id, "title": f"{license_id}: the derived tables"},
                     {"name": "publishers-terms", "title": PUBLISHERS_TERMS}],
        "profile": "data-package",
        "sources": [{"title": "raw articles in data/raw", "path": "data/raw"}],
        "provenance": provenance | {"pipeline_version": __version__, "schema_version": SCHEMA_VERSION},
        "resources": resources,
    }
    created = created_timestamp(provenance.get("newest_published_date"))
    if created:
        package["created"] = created
    return package


def provenance(articles: pd.DataFrame, rejects: pd.DataFrame, params_digest: str) -> dict:
    raw = {r.source_path: r.content_sha256 for r in articles.itertuples()}
    raw.update({r.source_path: r.content_sha256 for r in rejects.itertuples()})
    dates = pd.to_datetime(articles["published_date"], errors="coerce").dropna() if len(articles) else []
    newest = max(dates).date().isoformat() if len(dates) else None
    return {"params_hash": params_digest, "raw_files": dict(sorted(raw.items())), "newest_published_date": newest,
            "raw_hash_note": "sha256 of each article's text (decoded, BOM dropped, line endings normalised); "
                             "of the raw bytes for rejects"}


CARD_SECTIONS = Path(__file__).resolve().parent / "card"


def card_sections() -> list[str]:
    """Prose sections of the card, one Markdown file each in pipeline/quality/card/, in name order:
    each extractor documents its own table there (how names, quotes, figures or reuse are decided)."""
    return [f.read_text(encoding="utf-8").rstrip() + "\n" for f in sorted(CARD_SECTIONS.glob("*.md"))]


def vague_amounts_markdown() -> str:
    """The table of vague amounts (pipeline/lexicons/vague_amounts.tsv) and how they combine with scales."""
    from pipeline.lexicons import rows

    amounts = {r["expression"]: tuple(float(r[k]) for k in ("value", "low", "high")) for r in rows("vague_amounts.tsv")}
    scales = {r["word"]: float(r["value"]) for r in rows("number_words.tsv") if r["class"] == "scale"}
    fmt = lambda x: f"{x:,.0f}"  # noqa: E731
    lines = ["| expression | value | low | high |", "|---|---|---|---|"]
    lines += [f"| {name} | {fmt(v)} | {fmt(lo)} | {fmt(hi)} |" for name, (v, lo, hi) in amounts.items()]
    lines += ["", "They multiply the scale word that follows (\"X of Y\" too); for example:", "",
              "| expression | value | low | high |", "|---|---|---|---|"]
    for label, vague_word, scale in (("a few dozen", "a few", "dozen"), ("several hundred", "several", "hundred"),
                                     ("tens of thousands", "tens", "thousand"),
                                     ("hundreds of millions", "hundreds", "million")):
        if vague_word in amounts and scale in scales:
            v, lo, hi = (x * scales[scale] for x in amounts[vague_word])
            lines.append(f"| {label} | {fmt(v)} | {fmt(lo)} | {fmt(hi)} |")
    lines += ["", "\"a few\" and \"several\" on their own (\"a few weeks\") are not figures."]
    return "\n".join(lines) + "\n"


def data_card(tables: dict[str, pd.DataFrame], dataset_version: str, license_id: str, params_digest: str,
              validation: dict | None, scores: dict | None = None) -> str:
    """The data card, in the shape of a Hugging Face dataset card: YAML front matter, then prose."""
    if scores is None:
        scores = read_scores(SCORES_PATH)
    return front_matter(tables, license_id) + card_body(
        tables, dataset_version, license_id, params_digest, validation, scores,
        sections=card_sections(), vague_amounts=vague_amounts_markdown())


def read_scores(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def size_category(n: int) -> str:
    """Hugging Face's size_categories bucket for n rows."""
    for bound, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < bound:
            return name
    return "n>10M"


def front_matter(tables: dict[str, pd.DataFrame], license_id: str) -> str:
    """YAML front matter of a Hugging Face dataset card: one config per table, pointing at its Parquet file."""
    import yaml

    meta = {
        "pretty_name": TITLE,
        "license": "other",
        "license_name": f"{license_id.lower()}-and-publishers-terms",
        "license_details": f"The derived tables are under {license_id}; {PUBLISHERS_TERMS}.",
        "language": ["en"],
        "size_categories": [size_category(len(tables["articles"]))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": ["news", "quotes", "named-entities", "text-reuse", "great-expectations"],
        "configs": [{"config_name": table, "data_files": [{"split": "train", "path": f"{table}.parquet"}],
                     **({"default": True} if table == "articles" else {})} for table in TABLES],
    }
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) + "---\n\n"
