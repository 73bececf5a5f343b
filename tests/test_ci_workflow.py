"""The CI workflows: every changed raw path checked in one run, names escaped, actions pinned, and
the tests run on every pull request that changes code."""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPT = WORKFLOWS / "scripts" / "check_changed_articles.py"


@pytest.fixture(scope="module")
def ci():
    spec = importlib.util.spec_from_file_location("check_changed_articles", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _workflows():
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(WORKFLOWS.glob("*.yml"))}


def test_every_action_is_pinned_by_commit_sha():
    uses = [step["uses"] for wf in _workflows().values() for job in wf["jobs"].values()
            for step in job["steps"] if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_tests_run_on_every_pull_request_that_changes_code():
    runs_tests = []
    for name, wf in _workflows().items():
        on = wf.get("on", wf.get(True))  # YAML 1.1 reads `on` as True
        commands = " ".join(step.get("run", "") for job in wf["jobs"].values() for step in job["steps"])
        if "pull_request" in on and ("make test" in commands or ".ci/run" in commands):
            runs_tests.append(on["pull_request"] or {})
    ignored = [set(t.get("paths-ignore", [])) for t in runs_tests]
    limited = [set(t.get("paths", [])) for t in runs_tests]
    # one workflow without a paths filter except raw data; raw-data pull requests run make test too
    assert any(not lim and ign <= {"data/raw/**"} for ign, lim in zip(ignored, limited))
    assert any(lim == {"data/raw/**"} for lim in limited)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_workflow_checks_every_path_in_one_run():
    text = (WORKFLOWS / "check-articles.yml").read_text()
    assert "xargs" not in text and "AMR" not in text and "check_changed_articles.py" in text


def _git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@e"})


def test_listing_keeps_type_changes_renames_and_odd_names_and_drops_deletions(ci, tmp_path):
    repo = tmp_path / "repo"
    raw = repo / "data" / "raw"
    raw.mkdir(parents=True)
    for name in ("kept.txt", "edited.txt", "to_symlink.txt", "renamed.txt", "deleted.txt"):
        (raw / name).write_text(f"Story {name}\n\nSome words.\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    (raw / "edited.txt").write_text("changed\n")
    (raw / "to_symlink.txt").unlink()
    (raw / "to_symlink.txt").symlink_to("/dev/zero")  # a type change: mode 100644 -> 120000
    (raw / "renamed.txt").rename(raw / "new name.txt")
    (raw / "deleted.txt").unlink()
    odd = "x,line=1,title=pwned::`![i](x.png)` @octocat \u202e.txt"
    (raw / odd).write_text("new\n")
    (raw / "line\nbreak.txt").write_text("new\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "change")
    got = set(ci.changed_raw_paths("main~1", cwd=repo))
    assert got == {f"data/raw/{n}" for n in ("edited.txt", "to_symlink.txt", "new name.txt", odd, "line\nbreak.txt")}


HOSTILE = "data/raw/x,line=1,title=pwned::`![img](http://e/x.png)` @octocat \u202eevil.txt"


def _verdicts():
    return [
        {"path": HOSTILE, "ok": False, "reason": f"{HOSTILE}: binary: contains NUL bytes", "parsed": {},
         "failures": [], "warnings": []},
        {"path": "data/raw/ok.txt", "ok": False, "reason": None,
         "parsed": {"title": "A `title` with | pipes, [links](http://e) and \u202eRLO", "published_date": None,
                    "entities": 3, "figures": 1, "quotes": 0},
         "failures": [{"table": "articles", "column": "title", "expectation": "expect_x",
                       "observed": "`code` @someone"}], "warnings": []},
    ]


def test_annotations_keep_a_hostile_name_inside_its_property(ci):
    lines = ci.annotations(_verdicts(), limit=10)
    first = lines[0]
    props, message = first[len("::error "):].split("::", 1)
    assert props.count(",") == 1 and props.endswith(",title=article check")  # no injected property
    assert props.startswith("file=data/raw/x%2Cline=1%2Ctitle=pwned%3A%3A`")  # the name, whole, as one value
    assert "\u202e" not in first and "<U+202E>" in first
    assert "\n" not in "".join(lines)
    assert len(ci.annotations(_verdicts() * 10, limit=3)) == 4  # and a notice for the rest


def test_markdown_escapes_names_titles_and_observed_values(ci):
    text = ci.render_markdown(_verdicts())
    body = text.split("\n", 1)[1]
    for bad in ("`", "![", "](", "@octocat", "@someone", "\u202e", "[links]"):
        assert bad not in body, bad
    rows = [line for line in text.splitlines() if line.startswith("| <code>")]
    assert len(rows) == 2 and all(line.count(" | ") == 6 for line in rows)  # pipes did not add cells
    assert "&#96;" in text and "&#64;octocat" in text and "&#60;U&#43;202E&#62;" in text
    assert "http://" not in text  # no autolink either


def test_all_names_reach_one_check_run(ci, monkeypatch, tmp_path):
    """Thousands of names are one call of the check command, one set of verdicts."""
    import json

    calls = []

    def fake_check(argv):
        paths = argv[: argv.index("--format")]
        calls.append(paths)
        out = Path(argv[argv.index("--output") + 1])
        out.write_text(json.dumps([{"path": p, "ok": True, "reason": None, "parsed": {"title": "t"},
                                    "failures": [], "warnings": []} for p in paths]))
        return 0

    import pipeline.stages.check as check

    monkeypatch.setattr(check, "main", fake_check)
    names = [f"data/raw/{i:05d} {'x' * 120}.txt" for i in range(3000)]
    code, verdicts = ci.run_check(names)
    assert code == 0 and len(calls) == 1 and len(verdicts) == 3000
    assert ci.render_markdown(verdicts).count("✅ ok") == 3000


def _step_run(name_part: str) -> str:
    wf = yaml.safe_load((WORKFLOWS / "check-articles.yml").read_text())
    return next(s["run"] for s in wf["jobs"]["check"]["steps"] if name_part in s.get("name", ""))


def test_the_workflow_step_runs_locally(tmp_path):
    """The workflow's own check step, as a runner runs it, on a pull request adding a good and a bad
    file: one verdict per file in the summary, an annotation for the bad one, exit 1."""
    repo = tmp_path / "repo"
    for rel in ("data/raw", "expectations", "params.yaml", ".github/workflows/scripts"):
        src, dst = ROOT / rel, repo / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dst)
    wrapper = repo / ".venv" / "bin" / "python"  # the workflow calls .venv/bin/python
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    wrapper.chmod(0o755)
    (repo / ".gitignore").write_text(".venv/\n")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    (repo / "data/raw/new article.txt").write_text(
        "Mayor Opens New Bridge in Springfield\n\nBy Jane Doe\n\nMarch 3, 2021\n\n"
        "Mayor John Smith opened the $40 million bridge on Tuesday. “It is a great day,” Smith said.\n")
    (repo / "data/raw/bad,line=9::`x`.bin").write_bytes(b"\x00\x01 binary \x00")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "pr")
    summary = tmp_path / "summary.md"
    result = subprocess.run(["bash", "-e", "-c", _step_run("Check every changed raw file")], cwd=repo,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "BASE_REF": "main", "PYTHONPATH": str(ROOT),
                                 "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1, result.stdout + result.stderr
    text = summary.read_text()
    assert "## Article check: 1 passed, 1 failed" in text and text.count("<code>data/raw/") >= 2
    assert "`" not in text.split("\n", 1)[1]
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1 and errors[0].startswith("::error file=data/raw/bad%2Cline=9%3A%3A`x`.bin,title=")
