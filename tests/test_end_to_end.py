"""The whole pipeline on the seed corpus plus bad files: every file accounted for, offsets valid,
the same tables twice, and nothing published when validation fails."""
from __future__ import annotations

import hashlib
import json
import re
import os
import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

from pipeline.schemas import TABLES
from pipeline.stages import run
from pipeline.tables import read_file_metadata

ROOT = Path(__file__).resolve().parents[1]


def make_params(tmp_path: Path, **ingest) -> Path:
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    params["ingest"].update(ingest)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    raw = tmp / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    (raw / "binary.bin").write_bytes(b"\x00\x01\x02 not text \x00")
    (raw / "empty.txt").write_bytes(b"")
    shutil.copy(raw / "000_83f082756cacea00.txt", raw / "zz duplicate.txt")
    params = make_params(tmp, on_bad_file="quarantine")
    outs = []
    for name in ("first", "second"):
        assert run.main(["--raw", str(raw), "--out", str(tmp / name), "--params", str(params),
                         "--suites", str(ROOT / "expectations")]) == 0
        outs.append(tmp / name / "processed")
    return raw, outs


def load(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}


def test_every_raw_file_is_an_article_or_a_reject(built):
    raw, (out, _) = built
    t = load(out)
    names = sorted(p.name for p in raw.iterdir())
    accounted = sorted([Path(p).name for p in t["articles"].source_path] + [Path(p).name for p in t["rejects"].source_path])
    assert accounted == names
    assert dict(zip(t["rejects"].source_path.map(lambda p: Path(p).name), t["rejects"].reason)) == {
        "binary.bin": "binary", "empty.txt": "empty"}


def test_duplicate_is_flagged_and_not_extracted_twice(built):
    _, (out, _) = built
    t = load(out)
    arts = t["articles"].set_index(t["articles"].source_path.map(lambda p: Path(p).name))
    dup = arts.loc["zz duplicate.txt"]
    assert dup.duplicate_of == arts.loc["000_83f082756cacea00.txt"].article_id
    assert t["articles"].article_id.is_unique
    for table in ("entities", "figures", "quotes"):
        assert dup.article_id not in set(t[table].article_id)


def test_span_offsets_point_into_article_text(built):
    _, (out, _) = built
    t = load(out)
    texts = dict(zip(t["articles"].article_id, t["articles"].text))
    for table in ("entities", "figures", "quotes"):
        for row in t[table].itertuples():
            assert texts[row.article_id][row.start:row.end] == row.text, (table, row)


def test_text_is_the_raw_file_under_the_contract(built):
    raw, (out, _) = built
    arts = load(out)["articles"]
    for row in arts.itertuples():
        data = (raw / Path(row.source_path).name).read_text(encoding="utf-8")
        assert row.text == data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        assert row.content_sha256 == hashlib.sha256(row.text.encode()).hexdigest()


def test_two_runs_give_identical_tables(built):
    _, (first, second) = built
    for table in TABLES:
        a, b = (first / f"{table}.parquet").read_bytes(), (second / f"{table}.parquet").read_bytes()
        assert a == b, table


def test_a_corpus_built_one_batch_at_a_time_equals_the_full_build(built, tmp_path, caplog):
    """Two batches into the same output (the second validates only what changed, from the store of
    what passed, and links with the first's tokens and alignments) publish the bytes the full build
    published, with the same verdicts."""
    raw, (full, _) = built
    caplog.set_level("INFO")
    batches = tmp_path / "raw"  # the same folder name: source paths are relative to its parent
    batches.mkdir()
    files = sorted(raw.iterdir())
    params = make_params(tmp_path, on_bad_file="quarantine")
    for batch in (files[:3], files[3:]):
        for f in batch:
            shutil.copy(f, batches / f.name)
        caplog.clear()
        assert run.main(["--raw", str(batches), "--out", str(tmp_path / "out"), "--params", str(params),
                         "--suites", str(ROOT / "expectations")]) == 0
    for table in TABLES:
        assert (tmp_path / "out" / "processed" / f"{table}.parquet").read_bytes() == \
            (full / f"{table}.parquet").read_bytes(), table
    reports = [(out.parent / "reports" / "validation.json").read_bytes() for out in (full, tmp_path / "out" / "processed")]
    assert reports[0] == reports[1]  # the same tables give the same report, whatever the store held
    # the second batch checked row-wise only the rows the first had not passed
    checked = [m for m in caplog.messages if "row-wise expectations checked on" in m]
    counts = [tuple(map(int, c.split("/"))) for c in re.findall(r"=(\d+/\d+)", checked[-1])]
    assert any(done < rows for done, rows in counts), checked
    # and the link stage tokenised only the articles the first batch had not brought
    assert any(re.search(r"tokens\.npz holds \d+ entries \([1-9]\d* reused", m) for m in caplog.messages)


def test_files_carry_schema_and_versions(built):
    _, (out, _) = built
    for table, schema in TABLES.items():
        path = out / f"{table}.parquet"
        assert pq.read_schema(path).remove_metadata().equals(schema.remove_metadata()), table
        meta = read_file_metadata(path)
        assert {"dataset_version", "schema_version", "pipeline_version", "params_hash"} <= set(meta)


def test_fail_mode_stops_and_names_every_bad_file(tmp_path, caplog):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "001_e5a7a07398edeeac.txt", raw)
    (raw / "a.bin").write_bytes(b"\x00\x00")
    (raw / "b.txt").write_bytes(b"   ")
    params = make_params(tmp_path, on_bad_file="fail")
    with caplog.at_level("ERROR"):
        code = run.main(["--raw", str(raw), "--out", str(tmp_path / "out"), "--params", str(params)])
    assert code != 0
    text = caplog.text
    assert "a.bin" in text and "b.txt" in text
    assert not (tmp_path / "out" / "processed").exists()


def test_failed_validation_publishes_nothing(tmp_path):
    from pipeline.stages import publish
    from pipeline.tables import write_json

    report = tmp_path / "validation.json"
    write_json(report, {"success": False, "critical_failures": 2})
    out = tmp_path / "processed"
    out.mkdir()
    (out / "articles.parquet").write_bytes(b"previous tables")
    assert publish.main(["--tables", str(tmp_path), "--report", str(report), "--out", str(out)]) == 1
    assert (out / "articles.parquet").read_bytes() == b"previous tables"


def _publish(built_out: Path, out: Path) -> int:
    from pipeline.stages import publish

    return publish.main(["--tables", str(built_out.parent / "interim"), "--out", str(out),
                         "--report", str(built_out.parent / "reports" / "validation.json"),
                         "--params", str(ROOT / "params.yaml")])


def test_a_publish_killed_midway_leaves_the_previous_tables(built, tmp_path, monkeypatch):
    """The new tables are staged beside the old and swapped in whole: a crash while copying leaves
    the published directory exactly as it was, and readable."""
    from pipeline.stages import publish

    _, (first, _) = built
    out = tmp_path / "processed"
    assert _publish(first, out) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    copied = []

    def dying_write(path, data):
        if len(copied) == 2:
            raise KeyboardInterrupt("killed")
        copied.append(path)
        path.write_bytes(data)

    monkeypatch.setattr(publish, "_write_file", dying_write)
    with pytest.raises(KeyboardInterrupt):
        _publish(first, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert len(pd.read_parquet(out / "articles.parquet")) == 6  # five seeds and a duplicate
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".processed")]  # no staging left behind


def test_published_files_are_world_readable(built, tmp_path):
    _, (first, _) = built
    out = tmp_path / "processed"
    assert _publish(first, out) == 0
    assert out.stat().st_mode & 0o777 == 0o755
    assert {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()} == {p.name: 0o644 for p in out.iterdir()}


@pytest.mark.parametrize("how", ["table_changed", "no_hashes", "report_missing"])
def test_publish_refuses_a_report_not_bound_to_the_tables(built, tmp_path, how):
    """The report names the sha256 of each table it validated; publish re-hashes and refuses others."""
    import json

    _, (first, _) = built
    work = tmp_path / "w"
    shutil.copytree(first.parent / "interim", work / "interim")
    shutil.copytree(first.parent / "reports", work / "reports")
    report = work / "reports" / "validation.json"
    validated = json.loads(report.read_text())
    assert validated["success"] and set(validated["tables_sha256"]) == set(TABLES)
    if how == "table_changed":  # a valid-looking table written after validation
        quotes = pd.read_parquet(work / "interim" / "quotes.parquet")
        quotes.loc[0, "end"] += 1
        from pipeline.tables import write_table
        write_table("quotes", quotes, work / "interim" / "quotes.parquet", "x", "0.1.0")
    elif how == "no_hashes":
        del validated["tables_sha256"]
        report.write_text(json.dumps(validated))
    else:
        report.unlink()
    out = tmp_path / "processed"
    out.mkdir()
    (out / "articles.parquet").write_bytes(b"previous tables")
    assert _publish(work / "processed", out) == 1
    assert [p.name for p in out.iterdir()] == ["articles.parquet"]
    assert (out / "articles.parquet").read_bytes() == b"previous tables"
    # the untouched report still publishes the untouched tables
    if how == "no_hashes":
        shutil.copy(first.parent / "reports" / "validation.json", report)
        assert _publish(work / "processed", out) == 0


@pytest.mark.parametrize("corrupt", ["figure_value_inf", "reuse_row_duplicated"])
def test_a_corrupt_table_fails_validate_and_publish_refuses_it(built, tmp_path, corrupt):
    """The stages themselves, on disk: validate exits non-zero and publish leaves the old tables."""
    from pipeline.stages import publish, validate
    from pipeline.tables import write_table

    _, (first, _) = built
    interim = tmp_path / "interim"
    shutil.copytree(first.parent / "interim", interim)
    table = {"figure_value_inf": "figures", "reuse_row_duplicated": "reuse"}[corrupt]
    df = pd.read_parquet(interim / f"{table}.parquet")
    assert len(df), table
    if corrupt == "figure_value_inf":
        df.loc[df["value"].notna().idxmax(), "value"] = float("inf")
    else:
        df = pd.concat([df, df.iloc[:1]], ignore_index=True)
    write_table(table, df, interim / f"{table}.parquet", "x", "0.1.0")
    reports = tmp_path / "reports"
    assert validate.main(["--tables", str(interim), "--suites", str(ROOT / "expectations"),
                          "--reports", str(reports), "--params", str(ROOT / "params.yaml")]) == 1
    out = tmp_path / "processed"
    out.mkdir()
    (out / "articles.parquet").write_bytes(b"previous tables")
    assert publish.main(["--tables", str(interim), "--report", str(reports / "validation.json"), "--out", str(out),
                         "--params", str(ROOT / "params.yaml")]) == 1
    assert [p.name for p in out.iterdir()] == ["articles.parquet"]


def test_an_interrupted_swap_is_recovered(tmp_path):
    """Where the atomic exchange is unavailable the swap is two renames; a kill between them leaves
    the old copy aside, and the next publish (or make repro's recovery) puts it back."""
    from pipeline.tables import make_staging_dir, recover_directory

    out = tmp_path / "processed"
    old = tmp_path / ".processed.old"
    old.mkdir()
    (old / "articles.parquet").write_bytes(b"old tables")
    staging = make_staging_dir(out)
    (staging / "articles.parquet").write_bytes(b"half")
    busy = tmp_path / f".processed.staging-{os.getppid()}-x"  # another publish, still running
    busy.mkdir()
    dead = tmp_path / ".processed.staging-999999999-x"  # a pid that cannot exist
    dead.mkdir()
    recover_directory(out)
    assert (out / "articles.parquet").read_bytes() == b"old tables"
    assert not old.exists() and not dead.exists() and not staging.exists()  # ours: a publish starts afresh
    assert busy.exists()  # a live process's staging directory is its own business


def test_a_killed_publish_is_cleaned_up_even_when_nobody_reaps_it(tmp_path):
    """A publish killed with its build stays a zombie until its parent reaps it, and a container's init
    may never do so; its staging directory is a leftover all the same. So is one whose pid now names a
    process that started after the directory last changed (the pid was handed on)."""
    import subprocess

    import psutil

    from pipeline.tables import recover_directory

    out = tmp_path / "processed"
    unreaped = subprocess.Popen([sys.executable, "-c", "pass"])
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        deadline = time.monotonic() + 30
        while psutil.Process(unreaped.pid).status() != psutil.STATUS_ZOMBIE:  # exited, not yet waited for
            assert time.monotonic() < deadline, "the child did not exit"
            time.sleep(0.01)
        zombie = tmp_path / f".processed.staging-{unreaped.pid}-x"
        busy = tmp_path / f".processed.staging-{running.pid}-x"
        handed_on = tmp_path / f".processed.staging-{running.pid}-y"
        for leftover in (zombie, busy, handed_on):
            leftover.mkdir()
        earlier = psutil.Process(running.pid).create_time() - 60  # last written before the process began
        os.utime(handed_on, (earlier, earlier))
        recover_directory(out)
        assert not zombie.exists() and not handed_on.exists()
        assert busy.exists()  # its writer still runs
    finally:
        running.kill()
        running.wait()
        unreaped.wait()


def test_speaker_entity_ids_link_named_speakers_only():
    from pipeline.link.corpus import speaker_entity_ids

    entities = pd.DataFrame([
        {"article_id": "a", "start": 0, "end": 17, "label": "PERSON", "entity_id": "ent_z",
         "canonical_name": "Vladimir Zayemsky", "aliases": ["Zayemsky"]},
        {"article_id": "a", "start": 40, "end": 56, "label": "ORG", "entity_id": "ent_m",
         "canonical_name": "Defense Ministry", "aliases": []},
    ])
    base = {"article_id": "a", "speaker_start": None, "speaker_end": None, "speaker_name": None}
    quotes = pd.DataFrame([
        base | {"speaker_start": 0, "speaker_end": 17, "speaker_kind": "person"},              # the mention itself
        base | {"speaker_start": 90, "speaker_end": 120, "speaker_kind": "person",            # "the ambassador"
                "speaker_name": "Vladimir Zayemsky"},
        base | {"speaker_start": 36, "speaker_end": 63, "speaker_kind": "anonymous"},         # "the Defense Ministry source"
        base | {"speaker_kind": "unknown"},
    ])
    assert list(speaker_entity_ids(quotes, entities)) == ["ent_z", "ent_z", None, None]


def test_speaker_entity_ids_are_the_same_whatever_the_join_part(monkeypatch):
    """The quote-to-mention join is made a few articles at a time; quotes of several articles, given
    out of article order, link to the same entities with parts of one article as with one part."""
    import pipeline.link.corpus as link_corpus

    entities = pd.DataFrame([
        {"article_id": aid, "start": start, "end": end, "label": label, "entity_id": f"{aid}_{start}",
         "canonical_name": f"Name {aid} {start}", "aliases": []}
        for aid in ("a", "b", "c") for start, end, label in [(0, 10, "PERSON"), (12, 20, "ORG"), (30, 40, "PERSON")]
    ] + [  # two mentions starting together: the later row wins, as in one join
        {"article_id": "d", "start": 0, "end": 10, "label": "PERSON", "entity_id": "d_person",
         "canonical_name": "Name d person", "aliases": []},
        {"article_id": "d", "start": 0, "end": 8, "label": "ORG", "entity_id": "d_org",
         "canonical_name": "Name d org", "aliases": []},
    ])
    base = {"speaker_name": None, "speaker_kind": "person"}
    quotes = pd.DataFrame([
        base | {"article_id": "c", "speaker_start": 0, "speaker_end": 20},     # two mentions: the last one
        base | {"article_id": "a", "speaker_start": 30, "speaker_end": 40},
        base | {"article_id": "b", "speaker_start": 0, "speaker_end": 10},
        base | {"article_id": "a", "speaker_start": 11, "speaker_end": 25},
        base | {"article_id": "b", "speaker_start": 21, "speaker_end": 29},    # no mention inside
        base | {"article_id": "d", "speaker_start": 0, "speaker_end": 10},
    ])
    expected = ["c_12", "a_30", "b_0", "a_12", None, "d_org"]
    assert list(link_corpus.speaker_entity_ids(quotes, entities)) == expected
    monkeypatch.setattr(link_corpus, "SPEAKER_JOIN_ARTICLES", 1)
    assert list(link_corpus.speaker_entity_ids(quotes, entities)) == expected


@pytest.mark.parametrize("raw", ["empty", "missing", "hidden_only"])
def test_an_empty_or_missing_raw_folder_is_an_error(tmp_path, raw, capsys):
    folder = tmp_path / "raw"
    if raw != "missing":
        folder.mkdir()
    if raw == "hidden_only":
        (folder / ".gitkeep").write_text("")
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        run.main(["--raw", str(folder), "--out", str(out), "--suites", str(ROOT / "expectations")])
    message = str(exc.value.code)
    assert exc.value.code not in (0, None) and len(message.splitlines()) == 1 and str(folder) in message
    assert not (out / "processed").exists()


def test_run_on_a_missing_raw_folder_exits_non_zero_in_one_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--raw", str(tmp_path / "no" / "such"),
                             "--out", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "no/such" in result.stderr
