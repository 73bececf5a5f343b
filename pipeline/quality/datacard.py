"""The dataset explains itself: datapackage.json (Frictionless Data) and a data card (README.md),
both generated from the schema module and the published tables."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from pipeline import __version__
from pipeline.schemas import PRIMARY_KEYS, SCHEMA_VERSION, TABLES, column_descriptions

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
        return "array"
    return "string"


def datapackage(counts: dict[str, int], provenance: dict, dataset_version: str, license_id: str) -> dict:
    resources = []
    for table, schema in TABLES.items():
        descriptions = column_descriptions(table)
        fields = [{"name": f.name, "type": frictionless_type(f.type), "description": descriptions[f.name],
                   **({"constraints": {"required": True}} if not f.nullable else {})} for f in schema]
        resource = {
            "name": table, "path": f"{table}.parquet", "format": "parquet", "mediatype": "application/vnd.apache.parquet",
            "description": schema.metadata[b"description"].decode(), "rows": counts.get(table, 0),
            "schema": {"fields": fields, "primaryKey": PRIMARY_KEYS[table],
                       "foreignKeys": [{"fields": f, "reference": {"resource": r, "fields": c}}
                                       for f, r, c in FOREIGN_KEYS.get(table, [])]},
        }
        resources.append(resource)
    return {
        "name": "news-articles-dataset",
        "title": "News articles parsed into articles, entities, figures, quotes and reuse",
        "version": dataset_version,
        "licenses": [{"name": license_id}],
        "profile": "data-package",
        "created": None,  # left empty: the same inputs give the same bytes
        "sources": [{"title": "raw articles in data/raw", "path": "data/raw"}],
        "provenance": provenance | {"pipeline_version": __version__, "schema_version": SCHEMA_VERSION},
        "resources": resources,
    }


def provenance(articles: pd.DataFrame, rejects: pd.DataFrame, params_digest: str) -> dict:
    raw = {r.source_path: r.content_sha256 for r in articles.itertuples()}
    raw.update({r.source_path: r.content_sha256 for r in rejects.itertuples()})
    return {"params_hash": params_digest, "raw_files": dict(sorted(raw.items())),
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
              validation: dict | None) -> str:
    arts = tables["articles"]
    distinct = int(arts["duplicate_of"].isna().sum())
    out = [
        f"# News articles dataset, version {dataset_version}", "",
        "Generated by the pipeline (do not edit by hand): what each table holds, how to read it, "
        "and what it does not get right.", "",
        f"- pipeline {__version__}, schema {SCHEMA_VERSION}, params hash `{params_digest}`, license {license_id}",
        f"- {len(arts)} articles ({distinct} distinct, {len(arts) - distinct} exact duplicates), "
        f"{len(tables['rejects'])} rejected files",
    ]
    if validation:
        out.append(f"- validation: {validation.get('n_passed')} of {validation.get('n_expectations')} expectations "
                   f"passed, {validation.get('critical_failures')} critical failures")
    out += ["", "## Tables", "", "| table | rows | what one row is |", "|---|---|---|"]
    for table, schema in TABLES.items():
        out.append(f"| `{table}` | {len(tables[table])} | {schema.metadata[b'description'].decode()} |")
    out += ["", "Load one in a notebook: `pipeline.load(\"quotes\")`, `pd.read_parquet(\"data/processed/quotes.parquet\")`, "
            "DuckDB or polars; `datapackage.json` beside this file describes every column with its type.", ""]
    for table, schema in TABLES.items():
        out += [f"### `{table}`", "", "| column | type | description |", "|---|---|---|"]
        for f in schema:
            desc = f.metadata[b"description"].decode().replace("|", "\\|")
            out.append(f"| `{f.name}` | {f.type}{'' if f.nullable else ', required'} | {desc} |")
        out.append("")
    out += [
        *card_sections(),
        "## Ranges of vague amounts", "",
        "A vague amount gets `qualifier = vague`, a best `value` and the range `low`..`high` below "
        "(a multiplier such as \"a few dozen\" scales the base).", "",
        vague_amounts_markdown(),
        "## Known limitations", "",
        "- Layout rules (bylines, captions, promo lines) are written for English news pages; other layouts may "
        "leave boilerplate in `body` or miss a byline.",
        "- Entities, figures and quotes come from spaCy's small English model plus rules: expect errors on "
        "unusual names, non-English text and heavily nested quotations.",
        "- Entity identity across articles merges names by normalised form, surname and close spelling; two "
        "people with the same full name are one entity.",
        "- `published_date` is only set when the text states a full date; datelines without a year give only "
        "`published_date_raw`.",
        "- Reuse direction relies on citations and dates; undated articles that cite nobody are ordered by "
        "context length, which can be wrong.",
        "",
    ]
    return "\n".join(out)

