"""Entity mentions from the shared spaCy parse (thin first version)."""
from __future__ import annotations

import re

from pipeline.extract.spans import in_body, sentence_bounds

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}


def extract_entities(doc, layout) -> list[dict]:
    rows = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the", "a", "an"):
            tokens.pop(0)
        while tokens and tokens[-1].lower_ in ("'s", "’s", "'"):
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        s0, s1 = sentence_bounds(doc, start, end)
        rows.append({"text": doc.text[start:end], "start": start, "end": end, "label": ent.label_,
                     "sentence_start": s0, "sentence_end": s1,
                     "in_body": in_body(start, end, layout.body_spans)})
    return rows


def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name.casefold()).strip()


def resolve_corpus(entities):
    """Give every mention an entity_id, canonical_name and aliases across the corpus (exact names)."""
    import hashlib

    df = entities.copy()
    if df.empty:
        for c in ("entity_id", "canonical_name"):
            df[c] = []
        df["aliases"] = [[] for _ in range(len(df))]
        return df
    keys = df["label"] + "|" + df["text"].map(_key)
    df["entity_id"] = keys.map(lambda k: "ent_" + hashlib.sha256(k.encode()).hexdigest()[:12])
    df["canonical_name"] = df["text"]
    aliases = df.groupby("entity_id")["text"].agg(lambda s: sorted(set(s)))
    df["aliases"] = df["entity_id"].map(aliases)
    return df
