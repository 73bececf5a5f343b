"""`python -m pipeline check PATH...`: is a contributed raw article fit for the corpus, and why not?

Runs the real pipeline on just those files (ingest, layout, one parse, extraction, the suites'
per-article expectations) without rebuilding the corpus, and prints one verdict per file:
what was parsed and every failed expectation with its observed value. Exits 1 when any file fails.
A bad file gets a one-line reason naming it, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline.config import load_params
from pipeline.extract.runner import ExtractSettings, article_frames, extract_batch
from pipeline.ingest import IngestLimits, RejectedFile, list_raw_files, read_raw_file, relative_path
from pipeline.link import link_corpus
from pipeline.schemas import empty_frame
from pipeline.quality.views import validation_views

log = logging.getLogger("pipeline.check")
PER_ARTICLE_SUITES = ("articles", "entities", "figures", "quotes")


@dataclass
class Verdict:
    path: str
    ok: bool
    reason: str | None = None          # one line, for a file that is not an article
    parsed: dict = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"path": self.path, "ok": self.ok, "reason": self.reason, "parsed": self.parsed,
                "failures": self.failures, "warnings": self.warnings}


def _corpus_hashes(raw_dir: Path, root: Path, skip: set[Path], limits: IngestLimits) -> dict[str, str]:
    """content hash -> path of every other raw file that is an article, to spot duplicates. Read as the
    build reads them, so a FIFO, a device or a link loop elsewhere in the corpus cannot hang or crash
    the check of a good file."""
    hashes = {}
    for p in list_raw_files(raw_dir):
        if p.is_symlink() or Path(os.path.realpath(p)) in skip:
            continue
        try:
            raw = read_raw_file(p, raw_dir, root, limits)
        except (OSError, RejectedFile):
            continue
        hashes.setdefault(raw.content_sha256, p.as_posix())
    return hashes


def _shown(value, limit: int = 60) -> str:
    s = json.dumps(value, ensure_ascii=False, default=str)
    return s if len(s) <= limit else s[:limit - 1] + "…"


def describe_failure(table: str, column: str, expectation: str, kwargs: dict, values: list) -> str:
    """One line saying the rule, its limit and what the file has, e.g. 'articles.title must be 3 to 400
    characters long: it has 512 ("Council …")'."""
    lo, hi = kwargs.get("min_value"), kwargs.get("max_value")
    bounds = (f"{lo} to {hi}" if lo is not None and hi is not None else
              f"at least {lo}" if lo is not None else f"at most {hi}")
    where = f"{table}.{column}"
    if expectation == "expect_column_value_lengths_to_be_between":
        shown = ", ".join(f"{len(str(v)):,} ({_shown(v)})" for v in values[:3])
        return f"{where} must be {bounds} characters long: it has {shown or 'another length'}"
    if expectation == "expect_column_values_to_be_between":
        return f"{where} must be {bounds}: it is {', '.join(_shown(v) for v in values[:3]) or 'outside'}"
    if expectation == "expect_column_values_to_not_be_null":
        return f"{where} must not be empty: it is null"
    if expectation == "expect_column_values_to_be_in_set" and "value_set" in kwargs:
        return (f"{where} must be one of {_shown(kwargs['value_set'], 120)}: it is "
                f"{', '.join(_shown(v) for v in values[:3]) or 'another value'}")
    if expectation == "expect_column_values_to_match_regex":
        return (f"{where} must match {kwargs.get('regex')}: it is "
                f"{', '.join(_shown(v) for v in values[:3]) or 'another value'}")
    rule = ", ".join(f"{k}={_shown(v)}" for k, v in kwargs.items() if k not in ("column", "column_A", "column_B"))
    return f"{where} {expectation}({rule}): observed {', '.join(_shown(v) for v in values[:3])}"


def _expectation_results(tables: dict, suites: dict, article_id: str) -> tuple[list[dict], list[dict]]:
    from pipeline.quality.validate import run_suites

    report = run_suites(validation_views(tables), {t: suites[t] for t in PER_ARTICLE_SUITES if t in suites},
                        [article_id])
    failures, warnings = [], []
    for table, t in report["tables"].items():
        for e in t["expectations"]:
            if e["success"]:
                continue
            column = e["kwargs"].get("column") or f"{e['kwargs'].get('column_A')} vs {e['kwargs'].get('column_B')}"
            values = [{k: v for k, v in f.items() if k not in ("article_id", "source_path")} for f in e["failures"]]
            observed = e["observed_value"] if e["observed_value"] is not None else values[:5]
            col_values = [f.get(e["kwargs"].get("column")) for f in values] if e["kwargs"].get("column") else []
            if e["observed_value"] is not None and not col_values:
                col_values = [e["observed_value"]]
            item = {"table": table, "column": column, "expectation": e["expectation"], "notes": e.get("notes"),
                    "observed": observed, "unexpected_count": e["unexpected_count"],
                    "message": describe_failure(table, column, e["expectation"], e["kwargs"], col_values)}
            (failures if e["severity"] == "critical" else warnings).append(item)
    return failures, warnings


def check_files(paths: list[Path], raw_dir: Path, root: Path, params: dict, suites: dict) -> list[Verdict]:
    """One verdict per path, under the build's own limits: ingest's sizes and shapes, and
    extract.timeout_seconds over parse and extraction together."""
    limits = IngestLimits.from_params(params["ingest"])
    settings = ExtractSettings.from_params(params)
    # the build's own per-article limits, named with their values when a file runs over one
    limit_of = {"timeout": f"extract.timeout_seconds={settings.timeout_seconds:g}",
                "too_large": f"extract.max_memory_mb={settings.max_memory_mb}"}
    corpus = _corpus_hashes(raw_dir, root, {Path(os.path.realpath(p)) for p in paths}, limits)
    verdicts = []
    for path in paths:
        shown = relative_path(path, root)
        try:
            if not path.exists() and not path.is_symlink():
                raise RejectedFile("missing", "does not exist")
            raw = read_raw_file(path, raw_dir, root, limits)
        except RejectedFile as exc:
            verdicts.append(Verdict(shown, False, f"{shown}: {exc.reason}: {exc.detail}"))
            continue
        except OSError as exc:
            verdicts.append(Verdict(shown, False, f"{shown}: unreadable: {exc.strerror or exc}"))
            continue
        if raw.content_sha256 in corpus:
            verdicts.append(Verdict(shown, False, f"{shown}: duplicate: same text as {corpus[raw.content_sha256]}"))
            continue
        try:
            # the build's path: layout, parse and extraction together under the same limits
            result = extract_batch([raw], settings)[0]
            if result.reject is not None:
                reason, detail = result.reject.reason, result.reject.as_line().split(": ", 2)[-1]
                if reason in limit_of:
                    detail = detail.replace(f"({limit_of[reason].split('=')[0]})", f"({limit_of[reason]})")
                verdicts.append(Verdict(shown, False, f"{shown}: {reason}: {detail}"))
                continue
            tables = article_frames(raw, result.rows)
            tables["rejects"] = empty_frame("rejects")
            tables = link_corpus(tables, params["link"]["min_passage_words"], params["link"]["max_candidates"])
            art = tables["articles"].iloc[0]
            failures, warnings = _expectation_results(tables, suites, raw.article_id)
        except Exception as exc:  # noqa: BLE001 - a verdict, never a traceback, for any file
            log.debug("check failed on %s", shown, exc_info=True)
            verdicts.append(Verdict(shown, False, f"{shown}: internal error while extracting: {exc!r}"))
            continue
        parsed = {
            "article_id": raw.article_id, "title": art.title, "authors": list(art.authors), "outlet": art.outlet,
            "published_date": str(art.published_date) if art.published_date is not None else None,
            "n_words": int(art.n_words), "entities": len(tables["entities"]), "figures": len(tables["figures"]),
            "quotes": len(tables["quotes"]), "encoding": raw.encoding,
        }
        verdicts.append(Verdict(shown, not failures, None, parsed, failures, warnings))
    return verdicts


def render_text(verdicts: list[Verdict]) -> str:
    lines = []
    for v in verdicts:
        if v.reason:
            lines.append(f"FAIL {v.reason}")
            continue
        p = v.parsed
        lines.append(f"{'OK  ' if v.ok else 'FAIL'} {v.path}: title={p['title']!r} date={p['published_date']} "
                     f"authors={p['authors']} outlet={p['outlet']!r} words={p['n_words']} "
                     f"entities={p['entities']} figures={p['figures']} quotes={p['quotes']}")
        for f in v.failures:
            lines.append(f"  failed: {f['message']}")
        for f in v.warnings:
            lines.append(f"  warning: {f['message']}")
    n_bad = sum(not v.ok for v in verdicts)
    lines.append(f"{len(verdicts) - n_bad} passed, {n_bad} failed")
    return "\n".join(lines)


def _md(s) -> str:
    return str(s).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def render_markdown(verdicts: list[Verdict]) -> str:
    n_bad = sum(not v.ok for v in verdicts)
    out = [f"## Article check: {len(verdicts) - n_bad} passed, {n_bad} failed", "",
           "| file | verdict | title | date | entities | figures | quotes |", "|---|---|---|---|---|---|---|"]
    for v in verdicts:
        if v.reason:
            out.append(f"| `{_md(v.path)}` | ❌ {_md(v.reason)} | | | | | |")
        else:
            p = v.parsed
            out.append(f"| `{_md(v.path)}` | {'✅ ok' if v.ok else '❌ failed'} | {_md(p['title'])} | "
                       f"{_md(p['published_date'])} | {p['entities']} | {p['figures']} | {p['quotes']} |")
    for v in verdicts:
        if v.failures or v.warnings:
            out += ["", f"### `{_md(v.path)}`", ""]
            for f in v.failures:
                out.append(f"- ❌ {_md(f['message'])}")
            for f in v.warnings:
                out.append(f"- ⚠️ {_md(f['message'])}")
    return "\n".join(out) + "\n"


def github_annotations(verdicts: list[Verdict], limit: int) -> list[str]:
    """`::error file=...::` workflow commands for at most `limit` failures; the rest go to the summary."""
    items = []
    for v in verdicts:
        if v.reason:
            items.append((v.path, v.reason))
        for f in v.failures:
            items.append((v.path, f["message"]))
    esc = lambda s: s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")  # noqa: E731
    lines = [f"::error file={esc(p)},title=article check::{esc(m)}" for p, m in items[:limit]]
    if len(items) > limit:
        lines.append(f"::notice title=article check::{len(items) - limit} more failure(s) in the job summary")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline check", description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--raw", type=Path, default=Path("data/raw"), help="the corpus folder the files must be in")
    ap.add_argument("--root", type=Path, default=Path("."))
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    ap.add_argument("--suites", type=Path, default=Path("expectations"))
    ap.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    ap.add_argument("--output", type=Path, help="write the verdict here instead of standard output")
    ap.add_argument("--annotations", type=int, default=0, metavar="N",
                    help="also print GitHub annotations for at most N failures")
    args = ap.parse_args(argv)

    from pipeline.quality.validate import load_suites

    try:
        params = load_params(args.params)
        suites = load_suites(args.suites)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        log.error("cannot start the check: %s", str(exc).splitlines()[0] if str(exc) else exc)
        return 2
    if not Path(args.raw).is_dir():
        log.error("%s: the raw folder does not exist (--raw)", args.raw)
        return 2
    verdicts = check_files(args.paths, args.raw, args.root, params, suites)
    rendered = {"text": render_text, "markdown": render_markdown,
                "json": lambda vs: json.dumps([v.as_dict() for v in vs], indent=2, ensure_ascii=False,
                                              default=str) + "\n"}[args.format](verdicts)
    if args.output:
        args.output.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")
    for line in github_annotations(verdicts, args.annotations) if args.annotations else []:
        print(line)
    return 0 if all(v.ok for v in verdicts) else 1
