"""The one spaCy model of the pipeline, loaded once per process; its name comes from params.yaml."""
from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)

# The extractors use tokens, sentences (parser), POS tags, lemmas and NER: nothing is left out of
# the small English model, but the model is loaded once and each article is parsed once.


@lru_cache(maxsize=2)
def load_model(name: str):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise SystemExit(f"spaCy model {name!r} is not installed: run `make repro` to install the locked "
                         f"environment ({exc})") from None
    nlp.max_length = max(nlp.max_length, 5_000_000)
    log.info("loaded spaCy model %s %s with %s", name, nlp.meta.get("version"), ",".join(nlp.pipe_names))
    return nlp
