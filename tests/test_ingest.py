"""Ingest: every encoding the corpus meets, the text contract, and every kind of bad file."""
from __future__ import annotations

import os

import pytest

from pipeline.ingest import (IngestLimits, RejectedFile, decode_bytes, duplicate_map, ingest_paths, list_raw_files,
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
