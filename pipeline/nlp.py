"""The one spaCy pipeline of the project: the model named in params.yaml plus the rule components of
the extractors, loaded once per process, so that parse and rules run in a single nlp.pipe pass."""
from __future__ import annotations

import importlib
import logging
from functools import lru_cache

log = logging.getLogger(__name__)

# The extractors use tokens, sentences (parser), POS tags, lemmas and NER: nothing is left out of
# the small English model, but the model is loaded once and each article is parsed once.

# Rule components added after the model's own, in this order: (module that registers the factory
# with @Language.factory, factory name). Each extractor package lists its own here.
RULE_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("pipeline.extract.entities.matcher", "entity_gazetteer"),
    ("pipeline.extract.quotes.cues", "quote_cues"),
)


@lru_cache(maxsize=2)
def load_model(name: str):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise SystemExit(f"spaCy model {name!r} is not installed: run `make repro` to install the locked "
                         f"environment ({exc})") from None
    nlp.max_length = max(nlp.max_length, 5_000_000)
    for module, factory in RULE_COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    log.info("loaded spaCy model %s %s with %s", name, nlp.meta.get("version"), ",".join(nlp.pipe_names))
    return nlp
