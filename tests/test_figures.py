"""Figures: tables of (invented text, expected rows) in figures_cases.jsonl, negative cases next to
positive ones, grouped by construction (issues 4 and 13); the readers and rules one by one; the seeds.

Each case lists every figure row the sentence must give (dates and years included), so a case
also fails when an extra row appears. Only the fields named in an expected row are compared.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.figures import extract_figures
from pipeline.extract.figures import units as fu
from pipeline.extract.figures.decide import RULES
from pipeline.extract.figures.numbers import VAGUE_AMOUNTS, lex, read_number_words, vague
from pipeline.extract.figures.reader import read_figures
from pipeline.schemas import FIGURES


def figures(parse, text: str) -> list[dict]:
    doc, layout = parse(text)
    return extract_figures(doc, layout)


def check(parse, text: str, expected: list[dict]) -> None:
    rows = figures(parse, text)
    got = {r["text"]: r for r in rows}
    assert sorted(got) == sorted(e["text"] for e in expected), rows
    for e in expected:
        row = got[e["text"]]
        for key, want in e.items():
            if isinstance(want, float):
                assert row[key] == pytest.approx(want), (key, row)
            else:
                assert row[key] == want, (key, row)


CASES_FILE = Path(__file__).with_name("figures_cases.jsonl")
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith('{"#"')]


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c['group']}: {c['text'][:50]}") for c in CASES])
def test_case_table(parse, case):
    check(parse, case["text"], case["rows"])


def test_case_table_covers_every_construction_with_negatives():
    groups = {c["group"] for c in CASES}
    assert {"scale_letter", "signed", "names", "degrees", "multiples", "number_words", "direction", "counted",
            "ranges", "vague", "hedges", "not_figures"} <= groups
    for group in groups - {"not_figures"}:  # each construction has a case where a figure must not appear or differ
        rows = [c for c in CASES if c["group"] == group]
        assert any(not c["rows"] or any(r.get("direction", 1) is None or r.get("unit", 1) is None
                                        or r.get("qualifier") == "exact" or "kind" in r for r in c["rows"])
                   for c in rows), group


# --- the readers alone (no parse) ------------------------------------------------------------------

@pytest.mark.parametrize("text,value,unit", [
    ("sold 12m phones", 12.0, "metre"),  # the lexer alone reads metres; the parse rule makes it a million
    ("shipped 3.4m tonnes", 3.4e6, "tonne"),
    ("a 2.5m wall", 2.5, "metre"),
    ("paid XQ8.1bn", 8.1e9, None),
])
def test_number_and_unit_readers(text, value, unit):
    found, _ = read_figures(text)
    assert len(found) == 1 and found[0].value == pytest.approx(value) and found[0].unit == unit


@pytest.mark.parametrize("text,low,high", [("20-30", 20, 30), ("20 - 30", 20, 30),
                                           ("three to four thousand", 3000, 4000)])
def test_range_reader(text, low, high):
    found, _ = read_figures(text)
    assert len(found) == 1 and (found[0].low, found[0].high) == (low, high) and found[0].is_range


@pytest.mark.parametrize("text", ["225 -1.1%", "Nikkei 225 -1.1%"])
def test_a_dash_spaced_on_one_side_signs_the_next_number(text):
    found, _ = read_figures(text)
    assert not any(f.is_range for f in found) and found[-1].value == pytest.approx(-1.1)


def test_phrase_matcher_returns_named_matches():
    toks = lex("more than 5 km / h and 7 km/h")
    hedge = fu.match_at(toks, 0, "hedges_before")
    assert hedge.phrase == "more than" and hedge.at == 2
    assert fu.match_at(toks, 3, "measure").phrase == "km"  # 'km / h' is spaced: the unit is km
    assert fu.match_at(toks, 8, "measure") == fu.Match("km/h", 11)
    assert fu.match_before(toks, 2, "hedges_before") == fu.Match("more than", 0)


def test_rules_are_named_and_ordered():
    names = [r.__name__ for r in RULES]
    assert names[-1] == "counted_and_direction" and len(set(names)) == len(names)
    assert names.index("year") < names.index("label_after_name") < names.index("age")
    assert all(r.__doc__ for r in RULES)  # each rule states the fact of number writing it applies


def test_lexicons_hold_no_transliteration_debris():
    assert "PS" not in fu.CURRENCY_PREFIXES and "Y=" not in fu.CURRENCY_PREFIXES
    assert "over than" not in fu.HEDGES_BEFORE
    assert (fu.CURRENCY_PREFIXES["$"], fu.CURRENCY_PREFIXES["€"], fu.CURRENCY_PREFIXES["£"]) == ("USD", "EUR", "GBP")
    assert len(fu.CURRENCY_CODES) > 150  # every ISO 4217 currency in use, not the ones a corpus showed


# --- vague amounts ---------------------------------------------------------------------------------

def test_vague_table_composes_and_reaches_the_data_card():
    assert VAGUE_AMOUNTS["dozens"] == (48, 24, 144)  # (value, low, high), the order the data card reads
    assert {"a few", "several", "dozens", "hundreds", "thousands", "billions"} <= set(VAGUE_AMOUNTS)
    assert all(a.low <= a.value <= a.high for a in VAGUE_AMOUNTS.values())
    assert vague("a few", "dozen") == (36, 24, 60)
    assert vague("several", "hundred") == (500, 300, 900)
    assert vague("hundreds", "million") == (4e8, 2e8, 1e9)
    from pipeline.quality.datacard import vague_amounts_markdown
    card = vague_amounts_markdown()
    assert "| dozens | 48 | 24 | 144 |" in card and "| a few | 3 | 2 | 5 |" in card


# --- number words ----------------------------------------------------------------------------------

@pytest.mark.parametrize("words,value", [
    ("three hundred and fifty thousand", 350_000), ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24),
    ("half a million", 500_000), ("one and a half million", 1_500_000), ("four hundred million", 4e8),
    ("nineteen hundred", 1900), ("a hundred and twenty", 120),
])
def test_read_number_words(words, value):
    toks = lex(words)
    read = read_number_words(toks, 0)
    assert read is not None and read.value == value and read.end == len(toks)


@pytest.mark.parametrize("words", ["a few", "several", "the", "hundreds"])
def test_read_number_words_refuses(words):
    assert read_number_words(lex(words), 0) is None


# --- the contract: offsets, columns, determinism ---------------------------------------------------

def test_rows_follow_the_schema_and_offsets(parse):
    text = "The club cut its staff to just a few dozen, from about 900, and paid $450 million in 2018."
    rows = figures(parse, text)
    columns = {f.name for f in FIGURES} - {"article_id", "figure_id"}
    assert rows and all(set(r) == columns for r in rows)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert rows == figures(parse, text)


# --- the seed articles: invariants only (score.py measures them against the gold) ---------------------

@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_articles_keep_the_contract(parse, seed_texts, name):
    text = next(t for n, t in seed_texts.items() if n.startswith(name))
    rows = figures(parse, text)
    assert rows and all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    for r in rows:
        if r["kind"] in {"count", "money", "percent", "measure", "other"}:
            assert r["value"] is not None and (r["low"] is None or r["high"] is None or r["low"] <= r["high"]), r
        if r["qualifier"] == "vague":
            assert r["low"] < r["value"] < r["high"], r


# --- the figure lexicons are well formed -----------------------------------------------------------

def test_figure_lexicons_are_well_formed():
    from pipeline.lexicons import rows

    kinds = {"measure", "duration", "percent", "ratio", "age", "money"}
    for unit in rows("units.jsonl"):
        assert unit["unit"] and unit["kind"] in kinds, unit
        assert any(unit.get(k) for k in ("surfaces", "symbols", "glued", "spaced")), unit
    assert all(len(r["code"]) == 3 and r["code"].isupper() for r in rows("currencies.tsv"))
    qualifiers = {"approximate", "lower_bound", "upper_bound", "exact"}
    assert all(r["qualifier"] in qualifiers and r["position"] in {"before", "after"} for r in rows("hedges.tsv"))
    for r in rows("vague_amounts.tsv"):
        assert float(r["low"]) <= float(r["value"]) <= float(r["high"]), r
    assert {r["class"] for r in rows("number_words.tsv")} == {"unit", "tens", "scale", "scale_abbreviation",
                                                               "scale_letter", "fraction", "multiple"}
    assert all(r["direction"] in {"increase", "decrease", ""} for r in rows("change_words.tsv"))
    # every surface is written once across the unit tables (one meaning per written form and kind)
    seen = {}
    for unit in rows("units.jsonl"):
        for s in unit.get("surfaces", []) + unit.get("symbols", []):
            assert seen.setdefault((s, unit["kind"]), unit["unit"]) == unit["unit"], s
