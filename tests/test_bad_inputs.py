"""The bad-input matrix: every realistic bad or odd raw file is either processed correctly (right
title, valid offsets) or rejected with a reason. None is lost, none crashes the run, and nothing
outside data/raw is ever read into the dataset."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.stages import run

ROOT = Path(__file__).resolve().parents[1]
BODY = ("The city council approved the budget on Tuesday after a long debate, officials said. "
        "“We are pleased with the result,” the mayor told reporters outside the hall.\n\n"
        "The plan includes 12 new schools and a $40 million bridge over the river.\n")

# file name -> (bytes, expected outcome: a title for an article, or "reject:<reason>")
MATRIX: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "reject:empty"),
    "whitespace only.txt": (b" \n\t\n   \n", "reject:empty"),
    "binary.bin": (bytes(range(256)) * 8, "reject:binary"),
    "nul bytes.txt": (b"Council Approves Budget\n\nBody\x00 with a NUL byte.\n", "reject:binary"),
    "cp1252.txt": ("Café Owners Protest “New Rules”\n\n".encode("cp1252") + BODY.encode("cp1252"),
                   "Café Owners Protest “New Rules”"),
    "utf16.txt": (("Council Approves Budget in UTF-16\n\n" + BODY).encode("utf-16"), "Council Approves Budget in UTF-16"),
    "utf8 bom.txt": (b"\xef\xbb\xbf" + ("Council Approves Budget With BOM\n\n" + BODY).encode(),
                     "Council Approves Budget With BOM"),
    "crlf.txt": (("Council Approves Budget With CRLF\n\n" + BODY).replace("\n", "\r\n").encode(),
                 "Council Approves Budget With CRLF"),
    "zero width.txt": (("Council\u200b Approves\u200d Budget\u2060\n\n" + BODY).encode(), "Council Approves Budget"),
    "saved page.html": (b"<!DOCTYPE html>\n<html><head><title>Council</title></head><body><h1>Council</h1>"
                        b"<p>Text</p></body></html>", "reject:html"),
    "fifty megabytes.txt": (None, "reject:too_large"),  # written separately: 50 MB
    "one long line.txt": (("word " * 40_000).encode(), "reject:no_layout"),  # 200 KB, no newline
    "non english.txt": ("El Consejo Aprueba el Presupuesto\n\nEl consejo municipal aprobó el presupuesto el martes "
                        "tras un largo debate, dijeron funcionarios. «Estamos satisfechos», dijo la alcaldesa.\n"
                        .encode(), "El Consejo Aprueba el Presupuesto"),
    "unbalanced quotes.txt": (("Council Approves “Budget\n\n“The mayor said the plan was good. " + "More words. " * 200 +
                               "\n\nAnother “paragraph with an open mark.\n\n" + BODY).encode(),
                              "Council Approves “Budget"),
    "headline only.txt": (b"Council Approves Budget, Headline Only\n", "Council Approves Budget, Headline Only"),
    "duplicate of seed.txt": ((ROOT / "data/raw/000_83f082756cacea00.txt").read_bytes(),
                              "Russia withdraws key defense advisers support to Maduro, seen as major setback"),
    "Ñandú — café résumé.txt": (("Accented File Name Article\n\n" + BODY).encode(), "Accented File Name Article"),
    "link outside.txt": (None, "reject:outside_raw"),  # a symlink out of the repository
    # Hostile files (written by SPECIAL below): none may hang, crash or slip through.
    "pipe.txt": (None, "reject:not_a_file"),
    "link to dev zero.txt": (None, "reject:outside_raw"),
    "loop a.txt": (None, "reject:broken_link"),
    "loop b.txt": (None, "reject:broken_link"),
    "dangling.txt": (None, "reject:broken_link"),
    "link to folder": (None, "reject:not_a_file"),
    ".hidden article.txt": (("Hidden Council Article\n\n" + BODY).encode(), "reject:hidden"),
    "late nul.txt": (b"Late NUL\n\n" + b"Some words here. " * 5000 + b"\x00\n", "reject:binary"),
    "stray cp1252 byte.txt": ("Caf\u00e9 Owners Back the Plan\n\n".encode() + BODY.encode().replace(b"mayor told",
                              b"mayor\x92s aide told"), "Caf\u00e9 Owners Back the Plan"),
    "only quote marks.txt": ("\u201c".encode() * 10_000, "reject:empty"),
    "vertical tabs.txt": (("Council Approves Budget With Tabs\n\n" + BODY.replace("approved", "approved\v", 1)
                           .replace("12", "12\v").replace("bridge", "bridge\v")).encode(),
                          "Council Approves Budget With Tabs"),
    "runs of marks.txt": (("Marks\n\n" + "\u201c\"(" * 5_000).encode(), "reject:not_prose"),
    "two character lines.txt": (b"ab\n" * 100_000, "reject:too_large"),
}


def _write_special(raw: Path) -> None:
    os.mkfifo(raw / "pipe.txt")
    os.symlink("/dev/zero", raw / "link to dev zero.txt")
    os.symlink(raw / "loop b.txt", raw / "loop a.txt")
    os.symlink(raw / "loop a.txt", raw / "loop b.txt")
    os.symlink(raw / "no such file.txt", raw / "dangling.txt")
    os.symlink(raw / "subfolder", raw / "link to folder")
    (raw / "subfolder").mkdir()
    (raw / "subfolder" / "in a folder.txt").write_text("Council Article in a Folder\n\n" + BODY)


@pytest.fixture(scope="module")
def outcome(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("matrix")
    raw = tmp / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    for name, (data, _) in MATRIX.items():
        if data is not None:
            (raw / name).write_bytes(data)
    with open(raw / "fifty megabytes.txt", "wb") as fh:
        fh.truncate(50 * 2**20)
        fh.seek(0)
        fh.write(b"Fifty Megabytes\n\n")
    secret = tmp / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Secret Outside Title\n\nSECRET-BODY must never be read into the dataset.\n")
    os.symlink(secret, raw / "link outside.txt")
    _write_special(raw)
    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    params["ingest"]["on_bad_file"] = "quarantine"
    (tmp / "params.yaml").write_text(yaml.safe_dump(params))
    code = run.main(["--raw", str(raw), "--out", str(tmp / "out"), "--params", str(tmp / "params.yaml"),
                     "--suites", str(ROOT / "expectations")])
    assert code == 0, "the quarantine build of seeds + matrix must pass validation and publish"
    out = tmp / "out" / "processed"
    return raw, {t: pd.read_parquet(out / f"{t}.parquet") for t in ("articles", "rejects", "entities", "figures",
                                                                     "quotes")}


def test_every_file_is_accounted_for_once(outcome):
    raw, t = outcome
    names = [Path(p).name for p in list(t["articles"].source_path) + list(t["rejects"].source_path)]
    expected = [p.name for p in raw.iterdir() if p.name != "subfolder"] + ["in a folder.txt"]
    assert sorted(names) == sorted(expected)


def test_stray_byte_is_read_as_cp1252_not_the_whole_file(outcome):
    _, t = outcome
    arts = t["articles"].set_index(t["articles"].source_path.map(lambda p: Path(p).name))
    row = arts.loc["stray cp1252 byte.txt"]
    assert row.encoding == "utf-8+cp1252"
    assert "mayor’s aide" in row.text and "Café" in row.text and "Ã" not in row.text


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_matrix_row(outcome, name):
    _, t = outcome
    expected = MATRIX[name][1]
    arts = t["articles"].set_index(t["articles"].source_path.map(lambda p: Path(p).name))
    rejects = t["rejects"].set_index(t["rejects"].source_path.map(lambda p: Path(p).name))
    if expected.startswith("reject:"):
        assert name not in arts.index
        assert rejects.loc[name, "reason"] == expected.split(":", 1)[1]
        assert name in rejects.loc[name, "detail"]
    else:
        assert name not in rejects.index
        assert arts.loc[name, "title"] == expected


def test_offsets_are_valid_for_every_span(outcome):
    _, t = outcome
    texts = dict(zip(t["articles"].article_id, t["articles"].text))
    for table in ("entities", "figures", "quotes"):
        for row in t[table].itertuples():
            assert 0 <= row.start < row.end <= len(texts[row.article_id])
            assert texts[row.article_id][row.start:row.end] == row.text


def test_nothing_outside_raw_is_read(outcome):
    _, t = outcome
    for table in t.values():
        for col in table.columns:
            assert not table[col].astype(str).str.contains("SECRET-BODY|Secret Outside Title").any()


def test_duplicate_is_flagged(outcome):
    _, t = outcome
    arts = t["articles"].set_index(t["articles"].source_path.map(lambda p: Path(p).name))
    assert arts.loc["duplicate of seed.txt", "duplicate_of"] == arts.loc["000_83f082756cacea00.txt", "article_id"]


def test_unbalanced_quotes_do_not_swallow_the_page(outcome):
    _, t = outcome
    arts = t["articles"].set_index(t["articles"].source_path.map(lambda p: Path(p).name))
    aid = arts.loc["unbalanced quotes.txt", "article_id"]
    quotes = t["quotes"][t["quotes"].article_id == aid]
    # An open mark may run to the end of its paragraph, never over the paragraphs that follow it.
    for q in quotes.text:
        assert "Another" not in q and "The plan includes" not in q and "\n\n" not in q
