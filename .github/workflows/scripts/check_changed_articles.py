"""The check-articles workflow's one step: list every raw path a pull request changed, check them all
in one run of `python -m pipeline check`, and render the verdicts for GitHub, escaped.

- Listing: `git diff --no-renames --diff-filter=d` keeps additions, modifications and type changes
  (a file replaced by a symlink) and drops only deletions; a rename is its new path.
- One run: the names go to the check command in-process, never through xargs (which splits a long
  list into several runs, each overwriting the last one's verdicts).
- Escaping: file names and titles come from the contributor. In annotations, property values are
  percent-encoded (`%`, CR, LF, `:` and `,`), so a name like `x,line=1,title=...::` stays one name.
  In markdown, every character outside a small safe set becomes a numeric entity, so backticks,
  `![img](...)`, `@mentions` and table pipes render as text; bidi and other invisible format
  characters (U+202E...) are shown as `<U+202E>`.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SAFE_MARKDOWN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-/=")
MAX_CELL = 200


def changed_raw_paths(base: str, raw_dir: str = "data/raw", cwd: Path | None = None) -> list[str]:
    out = subprocess.run(["git", "diff", "-z", "--name-only", "--no-renames", "--diff-filter=d",
                          f"{base}...HEAD", "--", raw_dir], cwd=cwd, check=True, capture_output=True).stdout
    return [os.fsdecode(p) for p in out.split(b"\0") if p]


def visible(s) -> str:
    """Invisible and direction-changing characters written out as <U+XXXX>."""
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co")
                   else c for c in str(s))


def md(s, limit: int = MAX_CELL) -> str:
    """Text safe in a markdown table cell: nothing in it can open markup, a link, a mention or a span."""
    text = visible(s)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "".join(c if c in SAFE_MARKDOWN or (c.isalnum() and ord(c) > 127) else f"&#{ord(c)};" for c in text)


def md_code(s) -> str:
    return f"<code>{md(s)}</code>"


def annotation_property(s) -> str:
    return (visible(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            .replace(":", "%3A").replace(",", "%2C"))


def annotation_message(s) -> str:
    return visible(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _observed(v) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 3] + "..."


def _problems(v: dict) -> list[str]:
    lines = [v["reason"]] if v.get("reason") else []
    lines += [f"{f['table']}.{f['column']} {f['expectation']}: observed {_observed(f.get('observed'))}"
              for f in v.get("failures") or []]
    return lines


def render_markdown(verdicts: list[dict]) -> str:
    n_bad = sum(not v["ok"] for v in verdicts)
    out = [f"## Article check: {len(verdicts) - n_bad} passed, {n_bad} failed", "",
           "| file | verdict | title | date | entities | figures | quotes |", "|---|---|---|---|---|---|---|"]
    for v in verdicts:
        p = v.get("parsed") or {}
        verdict = "✅ ok" if v["ok"] else "❌ " + (md(v["reason"]) if v.get("reason") else "failed")
        out.append(f"| {md_code(v['path'])} | {verdict} | {md(p.get('title') or '')} | "
                   f"{md(p.get('published_date') or '')} | {md(p.get('entities', ''))} | {md(p.get('figures', ''))} | "
                   f"{md(p.get('quotes', ''))} |")
    for v in verdicts:
        if v.get("failures") or v.get("warnings"):
            out += ["", f"### {md_code(v['path'])}", ""]
            for mark, key in (("❌", "failures"), ("⚠️", "warnings")):
                for f in v.get(key) or []:
                    out.append(f"- {mark} {md_code(str(f['table']) + '.' + str(f['column']))} {md(f['expectation'])}: "
                               f"observed {md_code(_observed(f.get('observed')))}")
    return "\n".join(out) + "\n"


def annotations(verdicts: list[dict], limit: int) -> list[str]:
    items = [(v["path"], line) for v in verdicts for line in _problems(v)]
    lines = [f"::error file={annotation_property(p)},title=article check::{annotation_message(m)}"
             for p, m in items[:limit]]
    if len(items) > limit:
        lines.append(f"::notice title=article check::{len(items) - limit} more failure(s) in the job summary")
    return lines


def run_check(paths: list[str]) -> tuple[int, list[dict]]:
    """Every path in one in-process run of the check command; its JSON verdicts."""
    sys.path.insert(0, str(REPO))
    from pipeline.stages.check import main as check_main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "verdicts.json"
        try:
            code = check_main([*paths, "--format", "json", "--output", str(out)])
        except SystemExit as exc:  # bad params and the like: one line, already printed by the command
            print(f"::error title=article check::{annotation_message(exc.code)}")
            return 2, []
        return code, json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the pull request's base, e.g. origin/main")
    ap.add_argument("--markdown", type=Path, default=Path("article-check.md"))
    ap.add_argument("--annotations", type=int, default=10)
    args = ap.parse_args(argv)

    paths = changed_raw_paths(args.base)
    print(f"{len(paths)} changed raw path(s)")
    if not paths:
        code, text = 0, "No raw article was added or changed.\n"
    else:
        code, verdicts = run_check(paths)
        text = render_markdown(verdicts)
        for line in annotations(verdicts, args.annotations):
            print(line)
    args.markdown.write_text(text, encoding="utf-8")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(text)
    return code


if __name__ == "__main__":
    sys.exit(main())
