"""The gazetteer as a spaCy component: one PhraseMatcher over every known place and organisation of
the lexicons, run in the same nlp.pipe pass as the parse.

Each match is a Span in ``doc.spans["gazetteer"]`` whose label is the entity type (GPE, LOC, ORG)
and whose ``id_`` is the canonical name ("U.S." -> "United States"). Matching ignores case; accents
are matched both as written and without them ("Bogota" finds "Bogotá"). Every match is kept, also
overlapping ones: the entity rules decide which to use (the longest free one, in recall.py and
joins.py).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pipeline.lexicons import entries, rows

SPANS_KEY = "gazetteer"


def _unaccented(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def gazetteer_patterns() -> tuple[tuple[str, str, str], ...]:
    """(surface form, canonical name, label) of every place and known organisation."""
    out = []
    for r in rows("places.tsv"):
        forms = {r["name"], _unaccented(r["name"])}
        if r["name"].lower().startswith("the "):
            forms.add(r["name"][4:])
        out.extend((f, r["canonical"], r["label"]) for f in sorted(forms))
    out.extend((name, name, "ORG") for name in entries("known_orgs.txt"))
    return tuple(out)


class GazetteerMatcher:
    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_key: dict[str, list] = {}
        forms = gazetteer_patterns()
        for (form, canonical, label), doc in zip(forms, nlp.tokenizer.pipe(f for f, _, _ in forms)):
            by_key.setdefault(f"{label}\t{canonical}", []).append(doc)
        for key, docs in by_key.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            label, canonical = strings[match_id].split("\t", 1)
            spans.append(Span(doc, start, end, label=label, span_id=canonical))
        doc.spans[SPANS_KEY] = sorted(spans, key=lambda s: (s.start, -len(s)))
        return doc


@Language.factory("entity_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp)


def gazetteer_spans(doc: Doc) -> list[Span]:
    """The gazetteer matches of a doc (the component's spans; tests may parse without it)."""
    if SPANS_KEY not in doc.spans:
        raise ValueError("doc has no gazetteer spans: load the model with pipeline.nlp.load_model, "
                         "which adds the entity_gazetteer component")
    return list(doc.spans[SPANS_KEY])
