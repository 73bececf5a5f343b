"""News articles to a validated, versioned dataset: articles, entities, figures, quotes and reuse.

Notebook use:  ``import pipeline; df = pipeline.load("quotes")`` (see pipeline.access.load).
"""
from __future__ import annotations

__version__ = "0.1.0"


def load(table: str, rev: str | None = None, processed_dir: str = "data/processed", repo: str | None = None):
    """Return a published table as a pandas DataFrame, from the working tree or any git revision."""
    from pipeline.access import load as _load

    return _load(table, rev=rev, processed_dir=processed_dir, repo=repo)
