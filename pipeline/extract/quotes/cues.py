"""Reporting cues of reported speech, found by spaCy's Matcher from the lexicons, as a pipeline
component: `doc.spans["quote_cues"]` holds one span per cue ("said", "according to", "claim"), its
label the kind of cue (the verb's class from speech_verbs.tsv, "according_to" or "noun").

Registered in pipeline.nlp.RULE_COMPONENTS, so the cues are found in the same nlp.pipe pass as the
parse. A Doc parsed without the component gets its cues on first use (`cue_spans`).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.extract.quotes.attribution import CUE_CLASSES, SAYING_NOUNS

SPANS_KEY = "quote_cues"
_VERB = {"IN": ["VERB", "AUX"]}


def regular_forms(lemma: str) -> set[str]:
    """The regular inflections of a verb ("hope" -> hopes, hoped, hoping): the model's lemmatizer
    misses some ("hopes" -> "hop"), so a cue is also matched by its written form."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


def _matcher(vocab) -> Matcher:
    matcher = Matcher(vocab)
    by_class: dict[str, list[str]] = {}
    for lemma, cls in CUE_CLASSES.items():
        by_class.setdefault(cls, []).append(lemma)
    for cls, lemmas in sorted(by_class.items()):
        forms = sorted({f for lemma in lemmas for f in regular_forms(lemma)})
        matcher.add(cls, [[{"LEMMA": {"IN": sorted(lemmas)}, "POS": _VERB}], [{"LOWER": {"IN": forms}, "POS": _VERB}]])
    matcher.add("according_to", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    matcher.add("noun", [[{"LEMMA": {"IN": sorted(SAYING_NOUNS)}, "POS": "NOUN"}]])
    return matcher


class QuoteCues:
    """The pipeline component: writes doc.spans[SPANS_KEY]."""

    def __init__(self, vocab):
        self.matcher = _matcher(vocab)

    def __call__(self, doc: Doc) -> Doc:
        # a cue matched by both its lemma and its form is one span
        found = sorted(set(self.matcher(doc)), key=lambda m: (m[1], m[2], m[0]))
        doc.spans[SPANS_KEY] = [Span(doc, s, e, label=label) for label, s, e in found]
        return doc


@Language.factory("quote_cues")
def make_quote_cues(nlp: Language, name: str) -> QuoteCues:
    return QuoteCues(nlp.vocab)


_BY_VOCAB: dict[int, QuoteCues] = {}


def cue_spans(doc: Doc) -> list[Span]:
    """The cues of a Doc, from the component's span group, or found now when it did not run."""
    if SPANS_KEY not in doc.spans:
        comp = _BY_VOCAB.setdefault(id(doc.vocab), QuoteCues(doc.vocab))
        comp(doc)
    return sorted(doc.spans[SPANS_KEY], key=lambda s: s.start)
