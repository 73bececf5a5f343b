"""params.yaml: loading, checking against a schema, and the hash that stamps every table with the knobs
that made it.

PARAMS_SCHEMA lists every key the pipeline reads, with what is allowed. load_params checks the file
against it before any work: unknown keys (typos), missing keys, wrong types, values out of range or
not in an enum are each reported on one line naming the key, the value and what is allowed, and the
command exits non-zero without a traceback. Adding a key is one line in PARAMS_SCHEMA (and the key
in params.yaml).
"""
from __future__ import annotations

import difflib
import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Rule:
    """What one key accepts: kind is int, number, text, choice or bool."""
    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple = ()
    pattern: str | None = None
    nullable: bool = False
    hint: str | None = None  # what is allowed, in words, where the pattern alone says it badly

    def allowed(self) -> str:
        null = " or null" if self.nullable else ""
        if self.hint:
            return self.hint + null
        if self.kind == "choice":
            return "one of " + ", ".join(map(str, self.choices)) + null
        if self.kind in ("int", "number"):
            what = "an integer" if self.kind == "int" else "a number"
            bounds = (f" from {_num(self.low)} to {_num(self.high)}" if self.high is not None
                      else f" >= {_num(self.low)}" if self.low is not None else "")
            return what + bounds + null
        if self.kind == "bool":
            return "true or false" + null
        return ("text matching " + self.pattern if self.pattern else "non-empty text") + null

    def problem(self, value: Any) -> bool:
        """True when value is not allowed."""
        if value is None:
            return not self.nullable
        if self.kind == "choice":
            return value not in self.choices
        if self.kind == "bool":
            return not isinstance(value, bool)
        if self.kind in ("int", "number"):
            ok_type = int if self.kind == "int" else (int, float)
            if isinstance(value, bool) or not isinstance(value, ok_type) or not math.isfinite(value):
                return True
            return (self.low is not None and value < self.low) or (self.high is not None and value > self.high)
        if not isinstance(value, str) or not value.strip():
            return True
        return bool(self.pattern) and re.fullmatch(self.pattern, value) is None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def Int(low=None, high=None, **kw) -> Rule:  # noqa: N802 - reads like a type in the schema table
    return Rule("int", low, high, **kw)


def Number(low=None, high=None, **kw) -> Rule:  # noqa: N802
    return Rule("number", low, high, **kw)


def Choice(*choices, **kw) -> Rule:  # noqa: N802
    return Rule("choice", choices=choices, **kw)


def Text(pattern: str | None = None, **kw) -> Rule:  # noqa: N802
    return Rule("text", pattern=pattern, **kw)


# Every key of params.yaml, "section.key": rule. One line per key; keep in step with params.yaml.
PARAMS_SCHEMA: dict[str, Rule] = {
    "dataset.version": Text(r"\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?", hint="a version such as 1.2.0"),
    "dataset.license": Text(),
    "ingest.on_bad_file": Choice("fail", "quarantine"),
    "ingest.max_bytes": Int(1, 10**10),
    "ingest.max_chars": Int(1, 10**9),
    "ingest.max_line_chars": Int(1, 10**9),
    "ingest.max_lines": Int(1, 10**9),
    "ingest.max_symbol_run": Int(1, 10**9),
    "ingest.max_symbol_share": Number(0.000001, 1),
    "nlp.model": Text(r"[A-Za-z0-9_.-]+"),
    "extract.engine": Choice("local", "dask"),
    "extract.workers": Int(1, 256),
    "extract.dask_address": Text(r"(tcp|tls|ucx|inproc)://\S+", nullable=True,
                                 hint="a scheduler address such as tcp://host:8786"),
    "extract.timeout_seconds": Number(0, 86_400),
    "extract.max_memory_mb": Int(0, 1_000_000),
    "link.min_passage_words": Int(1, 10_000),
    "link.max_candidates": Int(1, 10_000),
}


class ParamsError(SystemExit):
    """Bad params.yaml. A SystemExit, so every command (stages, run, check) stops with the one-line
    problems and exit status 2, never a traceback, whoever called load_params."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))  # SystemExit prints a str code to stderr and exits 1

    def __str__(self) -> str:
        return "\n".join(self.problems)


def _show(value: Any) -> str:
    s = json.dumps(value, default=str, ensure_ascii=False)
    return s if len(s) <= 60 else s[:57] + "..."


def params_problems(params: Any, source: str = "params.yaml", schema: dict[str, Rule] | None = None) -> list[str]:
    """One line per problem in params (empty when they are fine)."""
    schema = PARAMS_SCHEMA if schema is None else schema
    if not isinstance(params, dict):
        return [f"{source}: expected sections ({', '.join(sorted({k.split('.')[0] for k in schema}))}), "
                f"got {_show(params)}"]
    problems = []
    sections = {k.split(".")[0] for k in schema}
    present: dict[str, Any] = {}
    for section, body in params.items():
        if section not in sections:
            problems.append(f"{source}: {section}: unknown section{_did_you_mean(str(section), sections)}; "
                            f"allowed: {', '.join(sorted(sections))}")
            continue
        if not isinstance(body, dict):
            problems.append(f"{source}: {section} = {_show(body)}: must be a mapping of keys")
            continue
        for key, value in body.items():
            present[f"{section}.{key}"] = value
    for key, value in present.items():
        rule = schema.get(key)
        if rule is None:
            known = {k for k in schema if k.split(".")[0] == key.split(".")[0]}
            problems.append(f"{source}: {key} = {_show(value)}: unknown key{_did_you_mean(key, known)}")
        elif rule.problem(value):
            problems.append(f"{source}: {key} = {_show(value)}: must be {rule.allowed()}")
    for key, rule in schema.items():
        section = params.get(key.split(".")[0])
        if key not in present and (section is None or isinstance(section, dict)):
            problems.append(f"{source}: {key} is missing: must be {rule.allowed()}")
    return problems


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def load_params(path: str | Path = "params.yaml", check: bool = True) -> dict[str, Any]:
    """params.yaml as a dict, checked against PARAMS_SCHEMA (raises ParamsError listing every problem)."""
    try:
        with open(path, encoding="utf-8") as fh:
            params = yaml.safe_load(fh) or {}
    except OSError as exc:
        raise ParamsError([f"{path}: cannot read the params file: {exc.strerror or exc}"]) from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise ParamsError([f"{path}: not valid YAML{at}: {getattr(exc, 'problem', None) or exc}"]) from None
    if check:
        problems = params_problems(params, str(path))
        if problems:
            raise ParamsError(problems)
    return params


# The params that decide what the tables contain. How the work is run (extract.engine, workers) and
# how the dataset is labelled (dataset.version, license, stamped separately) do not.
CONTENT_PARAM_KEYS = ("ingest", "nlp", "link")


def params_hash(params: dict[str, Any]) -> str:
    """A short, order-independent hash of the content params, stamped into every table."""
    blob = json.dumps({k: params.get(k) for k in CONTENT_PARAM_KEYS}, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]
