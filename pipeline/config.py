"""params.yaml: loading, and the hash that stamps every table with the knobs that made it."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml


def load_params(path: str | Path = "params.yaml") -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


# The params that decide what the tables contain. How the work is run (extract.engine, workers) and
# how the dataset is labelled (dataset.version, license, stamped separately) do not.
CONTENT_PARAM_KEYS = ("ingest", "nlp", "link")


def params_hash(params: dict[str, Any]) -> str:
    """A short, order-independent hash of the content params, stamped into every table."""
    blob = json.dumps({k: params.get(k) for k in CONTENT_PARAM_KEYS}, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
