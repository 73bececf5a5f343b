"""Ingest: every encoding the corpus meets, the text contract, and every kind of bad file."""
from __future__ import annotations

import os

import pytest

from pipeline.ingest import (IngestLimits, RejectedFile, check_text, decode_bytes, duplicate_map, ingest_paths,
                             list_raw_files,
                             normalise_text, read_raw_file)

TEXT = "Café “Crème” — naïve résumé’s\nsecond line"


@pytest.mark.parametrize("data, encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("utf-16"), "utf-16"),                      # BOM + little-endian
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),     # BOM + big-endian
    (TEXT.encode("cp1252"), "cp1252"),
])
def test_decodes_each_encoding_to_the_same_text(data, encoding):
    text, used = decode_bytes(data)
    assert (normalise_text(text), used) == (TEXT, encoding)


@pytest.mark.parametrize("raw, expected", [
    ("a\r\nb\rc\nd", "a\nb\nc\nd"),
    ("\ufeffTitle\r\n", "Title\n"),
    ("  keep  \u00a0spaces\u200b and “marks” ", "  keep  \u00a0spaces\u200b and “marks” "),  # nothing else changes
    ("inner \ufeff BOM stays", "inner \ufeff BOM stays"),
])
def test_text_contract(raw, expected):
    assert normalise_text(raw) == expected


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"\x00\x01\x02\x03binary\x00", "binary"),
    (b"text with a NUL\x00 byte in it", "binary"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"\xff\xfe\x00\xd8", "undecodable"),          # UTF-16 BOM, then a lone surrogate
    (b"abc \x81\x8d\x8f\x90\x9d def", "undecodable"),  # bytes undefined in UTF-8 and cp1252
])
def test_bad_bytes_are_rejected_with_a_reason(data, reason):
    with pytest.raises(RejectedFile) as exc:
        decode_bytes(data)
    assert exc.value.reason == reason


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def corpus(tmp_path):
    raw = tmp_path / "data" / "raw"
    _write(raw / "good.txt", "Title\r\n\r\nBody line.\r\n".encode())
    _write(raw / "copy of good.txt", "Title\r\n\r\nBody line.\r\n".encode())
    _write(raw / "blank.txt", b"  \n\t\n")
    _write(raw / "page.html", b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    _write(raw / "big.txt", b"x" * 2000)
    _write(raw / "sub" / "accents é.txt", "Título\n\nCuerpo.".encode())
    _write(raw / ".gitkeep", b"")
    outside = _write(tmp_path / "secret.txt", b"Secret title\n\nnot part of the corpus")
    os.symlink(outside, raw / "link.txt")
    return tmp_path, raw


def test_ingest_accounts_for_every_file(corpus):
    root, raw = corpus
    paths = list_raw_files(raw)
    assert ".gitkeep" not in [p.name for p in paths]
    articles, rejects = ingest_paths(paths, raw, root, IngestLimits(max_bytes=1000, max_chars=1000, max_line_chars=500))
    got = {a.source_path: "article" for a in articles} | {r.source_path: r.reason for r in rejects}
    assert got == {
        "data/raw/good.txt": "article",
        "data/raw/copy of good.txt": "article",
        "data/raw/sub/accents é.txt": "article",
        "data/raw/blank.txt": "empty",
        "data/raw/page.html": "html",
        "data/raw/big.txt": "too_large",
        "data/raw/link.txt": "outside_raw",
    }
    for r in rejects:  # one line, naming the file
        assert "\n" not in r.detail and r.source_path in r.detail
    good = next(a for a in articles if a.source_path == "data/raw/good.txt")
    assert good.text == "Title\n\nBody line.\n" and len(good.article_id) == 16
    # path order: "copy of good.txt" comes first, so "good.txt" is the duplicate
    assert duplicate_map(articles) == {"data/raw/good.txt": good.article_id}


def test_symlink_outside_is_never_read(corpus, monkeypatch):
    root, raw = corpus
    with pytest.raises(RejectedFile) as exc:
        read_raw_file(raw / "link.txt", raw, root, IngestLimits(10_000, 10_000, 10_000))
    assert exc.value.reason == "outside_raw"


def test_symlink_inside_raw_is_read(tmp_path):
    raw = tmp_path / "raw"
    _write(raw / "a.txt", b"Title\n\nBody.")
    os.symlink(raw / "a.txt", raw / "b.txt")
    art = read_raw_file(raw / "b.txt", raw, tmp_path, IngestLimits(10_000, 10_000, 10_000))
    assert art.text == "Title\n\nBody."


def test_article_id_derives_from_content_only(tmp_path):
    raw = tmp_path / "raw"
    a = read_raw_file(_write(raw / "a.txt", b"Same\r\ntext"), raw, tmp_path, IngestLimits(100, 100, 100))
    b = read_raw_file(_write(raw / "b.txt", b"Same\ntext"), raw, tmp_path, IngestLimits(100, 100, 100))
    c = read_raw_file(_write(raw / "c.txt", b"Other\ntext"), raw, tmp_path, IngestLimits(100, 100, 100))
    assert a.article_id == b.article_id != c.article_id


# --- Hostile files: never opened when not regular, never hang, never slip through -------------------

LIMITS = IngestLimits()
ARTICLE = b"Council Approves Budget\n\nThe city council approved the budget on Tuesday, officials said.\n"


@pytest.fixture
def no_hang():
    """Fail the test, instead of hanging the suite, if a read blocks (a FIFO opened for reading)."""
    import signal

    def _alarm(signum, frame):
        raise TimeoutError("ingest blocked")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _hostile_corpus(tmp_path):
    raw = tmp_path / "raw"
    _write(raw / "good.txt", ARTICLE)
    os.mkfifo(raw / "pipe.txt")
    (raw / "deep").mkdir()
    os.mkfifo(raw / "deep" / "pipe in a folder.txt")
    os.symlink("/dev/zero", raw / "zero.txt")
    os.symlink(raw / "loop b", raw / "loop a")
    os.symlink(raw / "loop a", raw / "loop b")
    os.symlink(raw / "gone.txt", raw / "dangling.txt")
    _write(raw / ".hidden article.txt", ARTICLE.replace(b"Budget", b"Hidden Budget"))
    _write(raw / ".drafts" / "draft.txt", ARTICLE.replace(b"Budget", b"Draft Budget"))
    _write(raw / "folder" / "inner.txt", ARTICLE.replace(b"Budget", b"Inner Budget"))
    os.symlink(raw / "folder", raw / "link to folder")
    _write(raw / ".gitkeep", b"")
    return raw


def test_hostile_entries_each_end_as_an_article_or_a_reject(tmp_path, no_hang):
    raw = _hostile_corpus(tmp_path)
    articles, rejects = ingest_paths(list_raw_files(raw), raw, tmp_path, LIMITS)
    got = {a.source_path: "article" for a in articles} | {r.source_path: r.reason for r in rejects}
    assert got == {
        "raw/good.txt": "article",
        "raw/folder/inner.txt": "article",
        "raw/pipe.txt": "not_a_file",
        "raw/deep/pipe in a folder.txt": "not_a_file",
        "raw/zero.txt": "outside_raw",
        "raw/loop a": "broken_link",
        "raw/loop b": "broken_link",
        "raw/dangling.txt": "broken_link",
        "raw/.hidden article.txt": "hidden",
        "raw/.drafts": "hidden",
        "raw/link to folder": "not_a_file",
    }  # .gitkeep is the one placeholder left out
    detail = {r.source_path: r.detail for r in rejects}
    assert "named pipe" in detail["raw/pipe.txt"]
    assert "loops" in detail["raw/loop a"] and "does not exist" in detail["raw/dangling.txt"]
    assert "link to a folder" in detail["raw/link to folder"]
    assert "is a link to /dev/zero" in detail["raw/zero.txt"]
    assert all("\n" not in d for d in detail.values())


def test_a_plain_file_outside_raw_is_not_called_a_link(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    outside = _write(tmp_path / "elsewhere.txt", ARTICLE)
    with pytest.raises(RejectedFile) as exc:
        read_raw_file(outside, raw, tmp_path, LIMITS)
    assert exc.value.reason == "outside_raw"
    assert "link" not in exc.value.detail and "is a file outside" in exc.value.detail


def test_fifo_is_never_opened(tmp_path, no_hang, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    os.mkfifo(raw / "pipe.txt")
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda p, *a, **k: opened.append(p) or real_open(p, *a, **k))
    with pytest.raises(RejectedFile) as exc:
        read_raw_file(raw / "pipe.txt", raw, tmp_path, LIMITS)
    assert exc.value.reason == "not_a_file" and opened == []


@pytest.mark.parametrize("data, reason, where", [
    (b"Title\n\n" + b"word " * 20_000 + b"\x00 after the first 64 KiB\n", "binary", "byte 100,007"),
    (b"Title\n\nBody\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f text", "binary", "control bytes"),
    (b"\xef\xbb\xbfTitle\n\nThe mayor\x81s office.", "undecodable", "byte 0x81 at byte 19 (line 3, column 10)"),
    ("Caf\u00e9 \u2014 ".encode() + b"\x93" * 20, "undecodable", "mixes encodings"),
])
def test_bad_bytes_anywhere_in_the_file(data, reason, where):
    with pytest.raises(RejectedFile) as exc:
        decode_bytes(data)
    assert exc.value.reason == reason and where in exc.value.detail


@pytest.mark.parametrize("data, text, encoding", [
    # UTF-8 with one stray cp1252 apostrophe: the UTF-8 stays UTF-8, the stray byte is read as cp1252.
    ("Café owners met. The mayor".encode() + b"\x92s office agreed.", "Café owners met. The mayor’s office agreed.",
     "utf-8+cp1252"),
    # A legacy cp1252 file with no UTF-8 in it is read whole as cp1252.
    (b"Caf\xe9 owners \x93met\x94.", "Café owners “met”.", "cp1252"),
    # Vertical tabs and form feeds (a manual line break from a word processor) are text.
    (b"Council Approves Budget\n\nThe council\x0b approved\x0b the budget\x0b on Tuesday.\x0c",
     "Council Approves Budget\n\nThe council\x0b approved\x0b the budget\x0b on Tuesday.\x0c", "utf-8"),
])
def test_decodes_text_that_is_nearly_clean(data, text, encoding):
    assert decode_bytes(data) == (text, encoding)


@pytest.mark.parametrize("text, reason, says", [
    ("“" * 10_000, "empty", "no words"),
    ("Title\n\n" + "“\"(" * 5_000, "not_prose", "run of 15,000 symbols"),
    ("Title\n\n" + "“ \" ( " * 5_000, "not_prose", "symbols"),
    ("ab\n" * 100_000, "too_large", "100,000 non-empty lines, over ingest.max_lines=20,000"),
])
def test_pathological_texts_are_rejected_cheaply_before_the_parse(text, reason, says):
    import time

    t0 = time.perf_counter()
    with pytest.raises(RejectedFile) as exc:
        check_text(text, LIMITS)
    assert time.perf_counter() - t0 < 1.0
    assert exc.value.reason == reason and says in exc.value.detail


@pytest.mark.parametrize("text", [
    ARTICLE.decode(),
    "Markets Close Higher\n\n" + "Shares rose 1.5% (to $12.40) -- a gain of 3/4 -- on Friday.\n" * 500,
    "Results\n\n" + "\n".join(f"{i}. Team {i}: 3-1" for i in range(300)),
    "Title\n\n" + "-" * 120 + "\nThe line above is a separator; the text goes on after it.\n",
])
def test_ordinary_articles_pass_the_shape_limits(text):
    check_text(text, LIMITS)


def test_limits_come_from_params_with_defaults_for_missing_keys():
    limits = IngestLimits.from_params({"max_bytes": 10, "max_chars": 20, "max_line_chars": 30,
                                       "max_symbol_share": "0.25"})
    assert (limits.max_bytes, limits.max_chars, limits.max_line_chars) == (10, 20, 30)
    assert limits.max_symbol_share == 0.25 and limits.max_lines == IngestLimits().max_lines


def test_inventory_lists_every_entry_without_opening_hostile_ones(tmp_path, no_hang):
    from pipeline.ingest import raw_inventory

    raw = _hostile_corpus(tmp_path)
    inventory = {e["path"]: e for e in raw_inventory(raw, tmp_path, LIMITS.max_bytes)}
    assert set(inventory) == {r.as_posix() for r in (p.relative_to(tmp_path) for p in list_raw_files(raw))}
    import hashlib
    assert inventory["raw/good.txt"]["sha256"] == hashlib.sha256(ARTICLE).hexdigest()
    assert inventory["raw/pipe.txt"]["reject"].startswith("not_a_file")
    assert inventory["raw/loop a"]["reject"].startswith("broken_link")


def test_dvc_hashes_the_inventory_not_the_raw_folder():
    """DVC opens every entry of a dependency folder (a FIFO hangs it, a link loop fails it), so extract
    depends on the inventory, which the stage `inventory` rebuilds on every run."""
    import yaml
    from pathlib import Path

    stages = yaml.safe_load((Path(__file__).resolve().parents[1] / "dvc.yaml").read_text())["stages"]
    assert "data/raw" not in stages["extract"]["deps"]
    assert "data/interim/raw_inventory.json" in stages["extract"]["deps"]
    assert stages["inventory"]["always_changed"] is True and "--raw data/raw" in stages["inventory"]["cmd"]


def test_dvc_status_survives_hostile_raw_entries(tmp_path):
    """With a FIFO, a link loop, a dangling link and a link to /dev/zero in data/raw, DVC neither hangs
    nor fails: it never hashes data/raw itself."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    dvc = Path(sys.executable).with_name("dvc")
    if not dvc.exists():
        pytest.skip("dvc is not installed beside this Python")
    shutil.copy(root / "dvc.yaml", tmp_path)
    shutil.copy(root / "params.yaml", tmp_path)
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    os.mkfifo(raw / "pipe.txt")
    os.symlink(raw / "loop b", raw / "loop a")
    os.symlink(raw / "loop a", raw / "loop b")
    os.symlink(raw / "gone.txt", raw / "dangling.txt")
    os.symlink("/dev/zero", raw / "zero.txt")
    env = {**os.environ, "DVC_NO_ANALYTICS": "1"}
    subprocess.run([dvc, "init", "--no-scm", "-q"], cwd=tmp_path, check=True, env=env, timeout=120)
    r = subprocess.run([dvc, "status"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "ERROR" not in r.stdout + r.stderr, r.stdout + r.stderr
