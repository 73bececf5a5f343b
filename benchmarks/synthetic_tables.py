"""Synthetic extracted tables at any size, for measuring the link stage without spaCy.

The prose and quotes come from benchmarks.link_scaling.make_corpus (seed paragraphs reshuffled,
about a third of the articles copying one or two paragraphs of an earlier one). Entities and
figures are the seeds' own extracted rows (data/interim/extracted, built by `dvc repro`), sampled
per article and perturbed so that identity resolution faces a vocabulary of names that grows with
the corpus: person and organisation clusters are renamed from a pool of about one name per four
articles, with a few misspellings and bare surnames, as a real corpus of news has. Quotes get a
speaker that is one of their article's person mentions, or an anonymous source. Outlets come from
the outlet registry; a copy cites its source's outlet.

Offsets of entity and figure rows are the seed article's, not the synthetic text's: the link stage
reads them only to order mentions and to find a speaker's mention inside the speaker span, which is
kept consistent. These tables are for timing the link stage, not for validation.
"""
from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EXTRACTED = ROOT / "data" / "interim" / "extracted"
NAMES_PER_ARTICLE = 0.25   # distinct person and organisation names per article of the corpus
RENAME_SHARE = 0.7         # share of an article's person/org clusters given a pool name
TYPO_SHARE = 0.02          # share of pool names written with one letter changed
SURNAME_SHARE = 0.15       # share of person clusters also mentioned by the bare surname


def _seed_tables() -> dict[str, pd.DataFrame]:
    if not (EXTRACTED / "entities.parquet").exists():
        raise SystemExit(f"{EXTRACTED} has no extracted tables: run `dvc repro extract` first")
    return {t: pd.read_parquet(EXTRACTED / f"{t}.parquet") for t in ("entities", "figures")}


def _name_pool(rng: random.Random, size: int, seed_names: list[str]) -> list[str]:
    """Person names 'Given Surname': given names from the lexicon, surnames made of seed syllables."""
    given = [w.strip() for w in (ROOT / "pipeline" / "lexicons" / "given_names.txt").read_text().splitlines()
             if w.strip() and not w.startswith("#")][:2000] or ["Dana"]
    parts = sorted({w[:3].lower() for n in seed_names for w in n.split() if len(w) >= 3}) or ["mar", "ton"]
    pool = set()
    while len(pool) < size:
        surname = "".join(rng.choice(parts) for _ in range(rng.randint(2, 3))).capitalize()
        pool.add(f"{rng.choice(given).capitalize()} {surname}")
    return sorted(pool)


def _typo(rng: random.Random, name: str) -> str:
    words = name.split()
    w = words[-1]
    if len(w) < 5:
        return name
    at = rng.randint(1, len(w) - 2)
    words[-1] = w[:at] + rng.choice("aeiourn") + w[at + 1:]
    return " ".join(words)


def _outlets() -> list[str]:
    from pipeline.extract.layout import outlets

    return sorted(o.name for o in outlets.registry() if not o.photo_only)[:60]


def extracted_tables(articles: pd.DataFrame, quotes: pd.DataFrame, seed: int
                     ) -> dict[str, pd.DataFrame]:
    """The five extracted tables for make_corpus's articles and quotes."""
    rng = random.Random(seed + 1)
    seeds = _seed_tables()
    # Per seed article: its mention rows and its clusters' labels, as plain Python (fast to sample).
    ents_by_article = {a: g.to_dict("records") for a, g in seeds["entities"].groupby("article_id", sort=True)}
    labels_by_article = {a: sorted({(r["entity_id"], r["label"]) for r in rows})
                         for a, rows in ents_by_article.items()}
    figs_by_article = {a: g.to_dict("records") for a, g in seeds["figures"].groupby("article_id", sort=True)}
    seed_ids = sorted(ents_by_article)
    seed_names = sorted(seeds["entities"]["canonical_name"].dropna().unique().tolist())
    pool = _name_pool(rng, max(50, int(len(articles) * NAMES_PER_ARTICLE)), seed_names)
    outlet_names = _outlets()

    art = articles.copy()
    outlet_of = {aid: rng.choice(outlet_names) for aid in art["article_id"]}
    art["outlet"] = art["article_id"].map(outlet_of)
    art["cites"] = [[outlet_of[c] for c in cited] for cited in art["cited_article_ids"]]
    art["cited_article_ids"] = [[] for _ in range(len(art))]
    art["title"] = art["text"].str.split("\n").str[0]
    art["n_words"] = art["body"].str.split().str.len()
    art["source_path"] = ["data/raw/" + a + ".txt" for a in art["article_id"]]
    art["content_sha256"] = art["article_id"].str.ljust(64, "0")
    art["encoding"] = "utf-8"
    art["authors"] = [[] for _ in range(len(art))]

    ent_rows, fig_rows, people_of = [], [], {}
    for aid in art["article_id"]:
        src = rng.choice(seed_ids)
        ents = ents_by_article[src]
        renamed = {}
        for lid, label in dict(labels_by_article[src]).items():
            if label in ("PERSON", "ORG") and rng.random() < RENAME_SHARE:
                name = rng.choice(pool)
                renamed[lid] = _typo(rng, name) if rng.random() < TYPO_SHARE else name
        people = []
        for n, row in enumerate(ents):
            name = renamed.get(row["entity_id"])
            text = row["text"] if name is None else name
            canon = row["canonical_name"] if name is None else name
            label = "PERSON" if name is not None else row["label"]
            if name is not None and n % 3 == 2 and rng.random() < SURNAME_SHARE:
                text = name.split()[-1]  # a later mention by the surname
            ent_rows.append({"article_id": aid, "mention_id": f"{aid}-e{row['start']}-{n}", "text": text,
                             "start": row["start"], "end": row["end"], "label": label, "entity_id": row["entity_id"],
                             "canonical_name": canon, "aliases": sorted({text, canon}),
                             "sentence_start": row["sentence_start"], "sentence_end": row["sentence_end"],
                             "in_body": row["in_body"]})
            if label == "PERSON":
                people.append((row["start"], row["end"], text))
        people_of[aid] = people
        for n, row in enumerate(figs_by_article.get(rng.choice(seed_ids), [])):
            fig_rows.append({**row, "article_id": aid, "figure_id": f"{aid}-f{row['start']}-{n}"})

    q = quotes.copy()
    speakers = []
    for aid in q["article_id"]:
        people = people_of.get(aid) or []
        if people and rng.random() < 0.7:
            s, e, name = rng.choice(people)
            speakers.append({"speaker": name, "speaker_start": s, "speaker_end": e, "speaker_name": name,
                             "speaker_kind": "person"})
        else:
            speakers.append({"speaker": "an official", "speaker_start": None, "speaker_end": None,
                             "speaker_name": None, "speaker_kind": "anonymous"})
    q = pd.concat([q.reset_index(drop=True), pd.DataFrame(speakers)], axis=1)
    q["cue"] = "said"
    q["in_body"] = True
    return {"articles": art, "entities": pd.DataFrame(ent_rows), "figures": pd.DataFrame(fig_rows),
            "quotes": q, "rejects": pd.DataFrame(columns=["source_path", "reason", "detail"])}


def write_extracted(tables: dict[str, pd.DataFrame], out: Path) -> None:
    """Write the tables as the extract stage does (interim schema, stable order)."""
    from pipeline.tables import write_table

    for name, df in tables.items():
        write_table(name, df, out / f"{name}.parquet", "synthetic", "0", interim=True)
