"""Every command of the README works as written on a fresh clone.

A scratch copy of the repository (its tracked and new files, no build outputs, the shared .venv
linked in) is built with the quick start, then each documented command runs there exactly as the
README spells it, and its output is checked. Each command must appear verbatim in README.md.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

# An invented article, for the contributing section's `check` command.
INVENTED_ARTICLE = """Harbour Town Opens Its New Ferry Pier

By Ada Quill

June 4, 2019

The small harbour town of Westmarsh opened a new ferry pier on Tuesday, the council said.

"This pier brings the islands an hour closer," said Mayor Tomas Brindle at the opening.

About 300 residents watched the first ferry dock, and the council said the pier cost 2 million pounds.
"""


def in_readme(command: str) -> str:
    assert command in README, f"the README no longer says: {command}"
    return command


def clean_path() -> str:
    """PATH without any virtual environment's bin: a user's shell before activation."""
    return os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if not p.rstrip("/").endswith(".venv/bin") and "/.venv/" not in p)


def shell(command: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run a README line in bash, as a user's shell would: without the project's .venv on PATH."""
    path = clean_path()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MFLAGS",
                                                            "MAKELEVEL")}
    env |= {"PATH": path, "DVC_NO_ANALYTICS": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    result = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=timeout)
    return result


def ok(command: str, cwd: Path, timeout: int = 900) -> str:
    result = shell(command, cwd, timeout)
    assert result.returncode == 0, f"{command} -> {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stderr + result.stdout  # stdout last: its final line is a command's own last word


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the working tree, built with the quick start's `make repro`."""
    repo = tmp_path_factory.mktemp("readme") / "news"
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file() and not src.is_symlink():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, repo / name)
    (repo / ".venv").symlink_to((ROOT / ".venv").resolve())  # the locked environment, already installed
    ok("git init -q && git add -A && git commit -qm 'fresh clone'", repo)
    out = ok(in_readme("make repro"), repo)
    assert out.strip().splitlines()[-1].startswith("summary: "), out[-2000:]
    return repo


def test_quick_start_builds_and_a_second_run_does_nothing(clone):
    in_readme("make test")  # the test suite itself: running it here would recurse
    quick_start = README.split("## Quick start", 1)[1].split("```", 2)[1]
    assert quick_start.split() == ["make", "repro", "make", "test"]  # exactly the two commands
    assert (clone / "data" / "processed" / "datapackage.json").exists()
    again = ok("make repro", clone)
    assert set(re.findall(r"Running stage '(\w+)'", again)) <= {"inventory"}, again
    last = again.strip().splitlines()[-1]
    assert last.startswith("summary: ") and "expectations" in last and "reports/validation.html" in last


def test_help(clone):
    out = ok(". .venv/bin/activate && " + in_readme("python -m pipeline --help"), clone)
    assert "commands:" in out and "check" in out


def test_release_then_load_at_a_revision_and_metrics_diff(clone):
    for line in ("git add params.yaml dvc.lock reports/metrics.json reports/scores.json",
                 'git commit -m "Dataset 0.2.0"', "git tag v0.2.0"):
        ok(in_readme(line) + (" -q --allow-empty" if line.startswith("git commit") else ""), clone)
    block = README.split("## Load the data", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    in_readme('pipeline.load("quotes", rev="v0.2.0")')
    script = block + '\nassert len(quotes) == len(last) > 0\nprint(len(pipeline.load("quotes", rev="v0.2.0")))\n'
    out = ok(f".venv/bin/python - <<'EOF'\n{script}\nEOF", clone)
    assert out.strip().splitlines()[-1].isdigit()
    diff = ok(". .venv/bin/activate && " + in_readme("dvc metrics diff v0.2.0"), clone)
    assert "Traceback" not in diff


def test_metrics_show_is_narrow_without_benchmarks(clone):
    narrow = ok(". .venv/bin/activate && " + in_readme("dvc metrics show reports/metrics.json"), clone)
    assert "rows.articles" in narrow and max(map(len, narrow.splitlines())) < 400
    full = ok(". .venv/bin/activate && " + in_readme("dvc metrics show"), clone)
    assert "benchmarks" not in full and "reports/metrics.json" in full
    bench = ok(". .venv/bin/activate && " + in_readme("dvc metrics show benchmarks/results/pipeline_speed.json"),
               clone)
    assert "pipeline_speed.json" in bench
    ok(". .venv/bin/activate && " + in_readme("dvc metrics diff HEAD"), clone)


def test_an_experiment_runs_after_the_documented_activation(clone):
    if not shutil.which("dvc", path=clean_path()):  # a user without a global dvc needs the activation
        assert shell("dvc exp run -S link.min_passage_words=10", clone).returncode != 0
    ok(in_readme(". .venv/bin/activate"), clone)
    out = ok(". .venv/bin/activate && " + in_readme("dvc exp run -S link.min_passage_words=10"), clone)
    assert "Ran experiment" in out and "Running stage 'link'" in out and "Running stage 'extract'" not in out
    shown = ok(". .venv/bin/activate && " + in_readme("dvc exp show --only-changed"), clone)
    assert "min_passage_words" in shown
    assert "workspace" in ok(in_readme('make dvc ARGS="exp show"'), clone)


def test_frictionless_validate_as_written(clone):
    out = ok(in_readme(".venv/bin/frictionless validate data/processed/datapackage.json"), clone)
    assert "VALID" in out and "INVALID" not in out


def test_check_a_contributed_article(clone):
    (clone / "data" / "raw" / "my-article.txt").write_text(INVENTED_ARTICLE, encoding="utf-8")
    try:
        for command in (".venv/bin/python -m pipeline check data/raw/my-article.txt",
                        ".venv/bin/python -m pipeline check --format markdown data/raw/*.txt"):
            result = shell(in_readme(command), clone)
            assert result.returncode in (0, 1), result.stderr[-2000:]
            assert "Traceback" not in result.stderr and "my-article.txt" in result.stdout
    finally:
        (clone / "data" / "raw" / "my-article.txt").unlink()


def test_the_notebook_as_make_notebook_opens_it(clone):
    """`make notebook` opens JupyterLab; here the same notebook runs headless in the clone, where it finds
    data/processed by itself, with the kernel of the project's environment."""
    import nbformat
    from nbclient import NotebookClient

    dry = ok(in_readme("make notebook") + " -n", clone)
    assert ".venv/bin/jupyter lab notebooks/explore.ipynb" in dry
    nb = nbformat.read(clone / "notebooks" / "explore.ipynb", as_version=4)
    env_backup = os.environ.pop("NEWS_DATA_DIR", None)
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(clone / "notebooks")}}).execute()
    finally:
        if env_backup is not None:
            os.environ["NEWS_DATA_DIR"] = env_backup
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
