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
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.config import load_params
from pipeline.extract import extract_articles
from pipeline.ingest import (IngestLimits, RejectedFile, content_sha256, decode_bytes, list_raw_files, normalise_text,
                             read_raw_file, relative_path)
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


def _corpus_hashes(raw_dir: Path, skip: set[Path], max_bytes: int) -> dict[str, str]:
    """content hash -> path of every other readable raw file, to spot duplicates."""
    hashes = {}
    for p in list_raw_files(raw_dir):
        if p.resolve() in skip or p.is_symlink():
            continue
        try:
            if p.stat().st_size > max_bytes:
                continue
            text, _ = decode_bytes(p.read_bytes())
        except (OSError, RejectedFile):
            continue
        hashes.setdefault(content_sha256(normalise_text(text)), p.as_posix())
    return hashes


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
            item = {"table": table, "column": column, "expectation": e["expectation"], "notes": e.get("notes"),
                    "observed": e["observed_value"] if e["observed_value"] is not None else values[:5],
                    "unexpected_count": e["unexpected_count"]}
            (failures if e["severity"] == "critical" else warnings).append(item)
    return failures, warnings


def check_files(paths: list[Path], raw_dir: Path, root: Path, params: dict, suites: dict, nlp) -> list[Verdict]:
    ingest = params["ingest"]
    corpus = _corpus_hashes(raw_dir, {p.resolve() for p in paths if p.exists()}, ingest["max_bytes"])
    verdicts = []
    for path in paths:
        shown = relative_path(path, root)
        try:
            if not path.exists() and not path.is_symlink():
                raise RejectedFile("missing", "does not exist")
            raw = read_raw_file(path, raw_dir, root, IngestLimits.from_params(ingest))
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
            tables = extract_articles([raw], nlp, batch_size=1)
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


def _fmt_obs(v) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= 200 else s[:197] + "..."


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
            lines.append(f"  failed: {f['table']}.{f['column']} {f['expectation']}: observed {_fmt_obs(f['observed'])}")
        for f in v.warnings:
            lines.append(f"  warning: {f['table']}.{f['column']} {f['expectation']}: observed {_fmt_obs(f['observed'])}")
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
                out.append(f"- ❌ `{f['table']}.{f['column']}` {f['expectation']}: observed `{_md(_fmt_obs(f['observed']))}`")
            for f in v.warnings:
                out.append(f"- ⚠️ `{f['table']}.{f['column']}` {f['expectation']}: observed `{_md(_fmt_obs(f['observed']))}`")
    return "\n".join(out) + "\n"


def github_annotations(verdicts: list[Verdict], limit: int) -> list[str]:
    """`::error file=...::` workflow commands for at most `limit` failures; the rest go to the summary."""
    items = []
    for v in verdicts:
        if v.reason:
            items.append((v.path, v.reason))
        for f in v.failures:
            items.append((v.path, f"{f['table']}.{f['column']} {f['expectation']}: observed {_fmt_obs(f['observed'])}"))
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

    from pipeline.nlp import load_model
    from pipeline.quality.validate import load_suites

    params = load_params(args.params)
    verdicts = check_files(args.paths, args.raw, args.root, params, load_suites(args.suites),
                           load_model(params["nlp"]["model"]))
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
