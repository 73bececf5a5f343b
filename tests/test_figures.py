"""Figures: tables of (text, expected rows), negative cases next to positive ones, and the seeds.

Each case lists every figure row the sentence must give (dates and years included), so a case
also fails when an extra row appears. Only the fields named in an expected row are compared.
"""
from __future__ import annotations

import pytest

from pipeline.extract.figures import extract_figures
from pipeline.extract.figures.numbers import VAGUE_AMOUNTS, lex, read_number_words, vague
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


def case(text, *rows):
    return pytest.param(text, list(rows), id=text[:60])


# --- numbers: digits, words, scales, percent, currencies, units ------------------------------------

NUMBERS = [
    case("Ford has 13,000 workers in Britain.",
         {"text": "13,000", "value": 13000.0, "kind": "count", "counted": "workers", "qualifier": "exact"}),
    case("The index stood at 1,463.78 on Friday.", {"text": "1,463.78", "value": 1463.78}),
    case("The false positive rate fell to .001 per cent.",
         {"text": ".001 per cent", "value": 0.001, "kind": "percent", "unit": "percent", "direction": None}),
    case("Two suspects and three hundred officers were there.",
         {"text": "Two", "value": 2.0, "counted": "suspects"},
         {"text": "three hundred", "value": 300.0, "counted": "officers"}),
    case("They bought a dozen eggs.", {"text": "a dozen", "value": 12.0, "counted": "eggs"}),
    case("The city has half a million residents.",
         {"text": "half a million", "value": 500_000.0, "counted": "residents"}),
    case("The exit would cost it $800 million.",
         {"text": "$800 million", "value": 8e8, "kind": "money", "unit": "USD"}),
    case("Barratt paid £1.5bn for the firm.", {"text": "£1.5bn", "value": 1.5e9, "kind": "money", "unit": "GBP"}),
    case("Its debt is 4.2 trillion yen.",
         {"text": "4.2 trillion yen", "value": 4.2e12, "kind": "money", "unit": "JPY", "counted": "yen"}),
    case("Turnout was 54% and support 46 per cent.",
         {"text": "54%", "value": 54.0, "kind": "percent", "unit": "percent"},
         {"text": "46 per cent", "value": 46.0, "kind": "percent", "unit": "percent"}),
    case("The fine is 10.5 million Australian dollars.",
         {"text": "10.5 million Australian dollars", "value": 1.05e7, "unit": "AUD"}),
    case("The tuna weighed 278kg.", {"text": "278kg", "value": 278.0, "kind": "measure", "unit": "kg"}),
    case("The car does 87 mph.", {"text": "87 mph", "kind": "measure", "unit": "mph"}),
    case("The ticket cost €40 and the room 1,200€.",
         {"text": "€40", "unit": "EUR"}, {"text": "1,200€", "value": 1200.0, "unit": "EUR"}),
    case("Crude was up 19 cents at US $58.24 per barrel.",
         {"text": "19 cents", "value": 19.0, "kind": "money", "unit": "cent", "direction": "increase"},
         {"text": "US $58.24 per barrel", "value": 58.24, "unit": "USD per barrel", "direction": None}),
    case("It runs a 52,000 barrel-a-day refinery.",
         {"text": "52,000 barrel-a-day", "kind": "measure", "unit": "barrel per day"}),
    case("The probe flew 1.8 billion-mile (2.8bn km) to Jupiter.",
         {"text": "1.8 billion-mile", "value": 1.8e9, "unit": "mile"},
         {"text": "2.8bn km", "value": 2.8e9, "unit": "km"}),
    case("Temperatures reach minus 10 degrees Celsius.",
         {"text": "minus 10 degrees Celsius", "value": -10.0, "unit": "celsius"}),
    case("A 5-10W laser.", {"text": "5-10W", "low": 5.0, "high": 10.0, "qualifier": "range", "unit": "watt"}),
    case("Shares trade at 6.5 times earnings.",
         {"text": "6.5 times", "value": 6.5, "kind": "other", "unit": "times"}),
    case("He was shot at 41 times.", {"text": "41 times", "kind": "count", "counted": "times"}),
    case("A third of voters and one in five Americans agree.",
         {"text": "A third", "value": 1 / 3, "kind": "other", "unit": "fraction", "counted": "voters"},
         {"text": "one in five", "value": 0.2, "unit": "fraction", "counted": "Americans"}),
    case("Trump is 6'3\" tall.", {"text": "6'3\"", "value": 6.25, "kind": "measure", "unit": "foot"}),
    case("Costa Ricans pay ₡1000.", {"text": "₡1000", "value": 1000.0, "kind": "money", "unit": "CRC"}),
    case("A surplus of 600-plus billion pesos.",
         {"text": "600-plus billion pesos", "value": 6e11, "qualifier": "lower_bound", "kind": "money"}),
    case("He offered a quarter of a million dollars.",
         {"text": "a quarter of a million dollars", "value": 250_000.0, "kind": "money", "unit": "USD"}),
]


@pytest.mark.parametrize("text,expected", NUMBERS)
def test_numbers_scales_units(parse, text, expected):
    check(parse, text, expected)


# --- ranges ----------------------------------------------------------------------------------------

RANGES = [
    case("Prices will rise between 20 and 30 cents.",
         {"text": "between 20 and 30 cents", "low": 20.0, "high": 30.0, "value": 25.0, "qualifier": "range"}),
    case("Groups of 20-30 people met.",
         {"text": "20-30", "low": 20.0, "high": 30.0, "qualifier": "range", "counted": "people"}),
    case("The range grows from 252 to 287 miles.",
         {"text": "from 252 to 287 miles", "low": 252.0, "high": 287.0, "unit": "mile", "qualifier": "range"}),
    case("Apple had projected $89 to $93 billion.",
         {"text": "$89 to $93 billion", "low": 8.9e10, "high": 9.3e10, "unit": "USD"}),
    case("There are 1 to 2 thousand people.", {"text": "1 to 2 thousand", "low": 1000.0, "high": 2000.0}),
    case("Fees range from 1 per cent to 1.5 per cent.",
         {"text": "from 1 per cent to 1.5 per cent", "low": 1.0, "high": 1.5, "unit": "percent"}),
    case("Mileage rose from 20 miles per gallon in 2008 to 29 mpg in 2020.",
         {"text": "from 20 miles per gallon in 2008 to 29 mpg", "low": 20.0, "high": 29.0, "unit": "mpg"},
         {"text": "2020", "kind": "year"}),
    case("Mileage rose from about 14-18 mpg.",
         {"text": "about 14-18 mpg", "low": 14.0, "high": 18.0, "qualifier": "approximate"}),
    # not ranges: a change then the level it reached, a score, a poll comparison, a year span
    case("The deficit increased by $43.6 billion to $419.2 billion.",
         {"text": "$43.6 billion", "direction": "increase"}, {"text": "$419.2 billion", "direction": None}),
    case("Heineken rose 18 sen to RM23.50.",
         {"text": "18 sen", "direction": "increase"}, {"text": "RM23.50", "unit": "MYR", "direction": None}),
    case("They were 2-0 down at half-time."),
    case("Clinton leads 46 percent to 42 percent.", {"text": "46 percent"}, {"text": "42 percent"}),
    case("Between 1600 and 1900 temperatures fell.", {"text": "1600 and 1900", "kind": "year"}),
    case("In the 2018-19 season he scored.", {"text": "2018-19", "kind": "year"}),
]


@pytest.mark.parametrize("text,expected", RANGES)
def test_ranges(parse, text, expected):
    check(parse, text, expected)


# --- vague amounts ---------------------------------------------------------------------------------

VAGUE = [
    case("Rostec cut its staff to just a few dozen.",
         {"text": "a few dozen", "low": 24.0, "value": 36.0, "high": 60.0, "qualifier": "vague", "counted": "staff"}),
    case("Planes carried dozens of soldiers.",
         {"text": "dozens", "low": 24.0, "high": 144.0, "qualifier": "vague", "counted": "soldiers"}),
    case("Several hundred villagers protested.",
         {"text": "Several hundred", "low": 300.0, "value": 500.0, "high": 900.0, "counted": "villagers"}),
    case("Hundreds of people and thousands of cars.",
         {"text": "Hundreds", "low": 200.0, "high": 1000.0, "counted": "people"},
         {"text": "thousands", "low": 2000.0, "high": 10000.0, "counted": "cars"}),
    case("Russia sank billions of dollars into it.",
         {"text": "billions of dollars", "low": 2e9, "high": 1e10, "kind": "money", "unit": "USD",
          "qualifier": "vague"}),
    case("Tens of thousands of students marched.",
         {"text": "Tens of thousands", "low": 2e4, "high": 1e5, "counted": "students"}),
    # 'a few' and 'several' alone are not amounts
    case("A few officials and several years later."),
]


@pytest.mark.parametrize("text,expected", VAGUE)
def test_vague_amounts(parse, text, expected):
    check(parse, text, expected)


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


# --- hedges and bounds -----------------------------------------------------------------------------

HEDGES = [
    case("It had about 1,000 staff.", {"text": "about 1,000", "qualifier": "approximate", "value": 1000.0}),
    case("There are roughly 300 officers.", {"text": "roughly 300", "qualifier": "approximate"}),
    case("Some 200 people were rescued.", {"text": "Some 200", "qualifier": "approximate"}),
    case("Nearly 50 years ago it began, almost 57% up.",
         {"text": "Nearly 50 years", "qualifier": "approximate", "kind": "duration"},
         {"text": "almost 57%", "qualifier": "approximate"}),
    case("It employs around 600 people.", {"text": "around 600", "qualifier": "approximate", "counted": "people"}),
    case("An estimated 25 million people are nomads.",
         {"text": "An estimated 25 million", "qualifier": "approximate", "value": 2.5e7}),
    case("The grant is worth up to $8 million.",
         {"text": "up to $8 million", "qualifier": "upper_bound", "low": None, "high": 8e6}),
    case("At least 107 nations face shocks.",
         {"text": "At least 107", "qualifier": "lower_bound", "low": 107.0, "high": None}),
    case("It has more than 1,000 customers.", {"text": "more than 1,000", "qualifier": "lower_bound"}),
    case("Guaido is recognised by over 50 countries.",
         {"text": "over 50", "qualifier": "lower_bound", "counted": "countries"}),
    case("Fewer than 3.5 seconds and under 20 percent.",
         {"text": "Fewer than 3.5 seconds", "qualifier": "upper_bound", "kind": "duration"},
         {"text": "under 20 percent", "qualifier": "upper_bound"}),
    case("Households making $100,000 or more.", {"text": "$100,000 or more", "qualifier": "lower_bound"}),
    # 'about' after a verb of speech is a preposition, not a hedge
    case("Learn more about 529 plans.", {"text": "529", "qualifier": "exact"}),
]


@pytest.mark.parametrize("text,expected", HEDGES)
def test_hedges_and_bounds(parse, text, expected):
    check(parse, text, expected)


# --- what is counted -------------------------------------------------------------------------------

COUNTED = [
    case("Analysts estimate roughly 300 Russian officers are there.",
         {"text": "roughly 300", "counted": "Russian officers"}),
    case("Rostec has cut its staff in Venezuela to just a few dozen, from about 1,000 at the height.",
         {"text": "a few dozen", "counted": "staff"}, {"text": "about 1,000", "counted": "staff"}),
    case("5% of its workforce will go.", {"text": "5%", "counted": "workforce"}),
    case("He lost over 20 pounds.", {"text": "over 20 pounds", "unit": "pound", "counted": "pounds"}),
    case("They built 3.4 gigawatts of solar.",
         {"text": "3.4 gigawatts", "unit": "GW", "counted": "gigawatts of solar"}),
    case("She signed a $150,000 contract.", {"text": "$150,000", "counted": "contract", "direction": None}),
    case("The engines have four-, five- and six-cylinder options.",
         {"text": "four-", "counted": "cylinder"}, {"text": "five-", "counted": "cylinder"},
         {"text": "six", "counted": "cylinder"}),
    case("They want another pick or two.", {"text": "two", "counted": "pick"}),
]


@pytest.mark.parametrize("text,expected", COUNTED)
def test_counted(parse, text, expected):
    check(parse, text, expected)


# --- direction -------------------------------------------------------------------------------------

DIRECTION = [
    case("Nvidia advanced 8% and Broadcom fell 0.94%.",
         {"text": "8%", "direction": "increase"}, {"text": "0.94%", "direction": "decrease"}),
    case("Sales grew by 35 per cent.", {"text": "35 per cent", "direction": "increase"}),
    case("The sector closed 0.68 percent lower.", {"text": "0.68 percent", "direction": "decrease"}),
    case("Dow +0.2% in early trade.", {"text": "+0.2%", "direction": "increase", "value": 0.2}),
    # a level reached, or the size of a noun of change, is not a direction
    case("Blackmores rose to $84.", {"text": "$84", "direction": None}),
    case("It was a sharp 3 percent drop.", {"text": "3 percent", "direction": None}),
    case("It makes up .03% of the land.", {"text": ".03%", "direction": None}),
]


@pytest.mark.parametrize("text,expected", DIRECTION)
def test_direction(parse, text, expected):
    check(parse, text, expected)


# --- not figures: names, models, dates, times, phone numbers, URLs, 'one of' -------------------------

NOT_FIGURES = [
    case("T-72B tanks and Tu-160 bombers flew over Mi-17 helicopters."),
    case("The iPhone 12 Mini gets 5G data."),
    case("The COVID-19 pandemic spread."),
    case("Windows 10 users watched the Big 12 and the S&P 500."),
    case("The category 4 hurricane hit."),
    case("The Boeing 787 Dreamliner landed and two new 737 Max jets were grounded.",
         {"text": "two", "counted": "Max jets"}),
    case("Call 555-123-4567 or visit https://example.com/2019/06/03/a65839 today."),
    case("It happened at 10:27 PM and at 5am."),
    case("Venezuela has been one of Moscow's largest customers."),
    case("The pullout happened in 2017 and ended on December 10, 2018.",
         {"text": "2017", "kind": "year", "value": 2017.0}, {"text": "December 10, 2018", "kind": "date"}),
    case("Senard, 65, now faces a task.", {"text": "65", "kind": "duration", "counted": "age"}),
    case("A 50 year-old man was held.", {"text": "50 year-old", "kind": "duration", "counted": "age"}),
    case("They met at Ground Zero."),
    case("It was the 21st time.", {"text": "21st", "kind": "ordinal"}),
    case("Federal mine No. 2 closed.", {"text": "2", "kind": "ordinal"}),
    case("He will be 35 by the end of the year.", {"text": "35", "kind": "duration", "counted": "age"}),
    case("The Rogers, 27 and 29 years old, rode in.",
         {"text": "27", "kind": "duration", "counted": "age"}, {"text": "29 years old", "kind": "duration"}),
    case("THE LEADERS WERE:  1. Pantsir  2. Kofi Ketu  3. Andam"),
    case('See <blockquote timestamp="1474387200" id="77825">The blue</blockquote> here.'),
    case("Follow @Fred_945 and China's zero-Covid policy."),
]


@pytest.mark.parametrize("text,expected", NOT_FIGURES)
def test_not_figures(parse, text, expected):
    check(parse, text, expected)


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
    text = "Rostec cut its staff to just a few dozen, from about 1,000, and paid $800 million in 2019."
    rows = figures(parse, text)
    columns = {f.name for f in FIGURES} - {"article_id", "figure_id"}
    assert rows and all(set(r) == columns for r in rows)
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert rows == figures(parse, text)


# --- the seed articles -----------------------------------------------------------------------------

SEED_MUST = {
    "000_83f082756cacea00.txt": [("a few dozen", 36, "staff"), ("about 1,000", 1000, "staff")],
    "001_e5a7a07398edeeac.txt": [("1,000", 1000, "advisers"), ("a few dozen", 36, "advisers"),
                                 ("300", 300, "officers"), ("dozens", 48, "soldiers")],
    "002_1ee436427ede1253.txt": [("a few dozen", 36, "staff"), ("about 1,000", 1000, "staff"),
                                 ("roughly 300", 300, "officers")],
    "003_bc3e4435e5a2bdb1.txt": [("a few dozen", 36, "staff"), ("about 1,000", 1000, "staff")],
    "004_f55db57bca15a309.txt": [("a few dozen", 36, "staff"), ("about 1,000", 1000, "staff"),
                                 ("over 20 pounds", 20, "pound"), ("over 50", 50, "countries")],
}
SEED_MUST_NOT = ["T-72B", "Tu-160", "Mi-17", "one of", "One of", "a65839", "2019/06/03"]
COUNTABLE = {"count", "money", "percent", "measure", "other"}


@pytest.mark.parametrize("name", sorted(SEED_MUST))
def test_seed_articles(parse, seed_texts, name):
    text = seed_texts[name]
    rows = figures(parse, text)
    by_text = {}
    for r in rows:
        by_text.setdefault(r["text"], []).append(r)
    for span, value, counted in SEED_MUST[name]:
        assert span in by_text, (span, [r["text"] for r in rows])
        assert any(r["value"] == value and counted in (r["counted"] or "") and r["in_body"] for r in by_text[span])
    for r in rows:
        assert not any(bad in r["text"] for bad in SEED_MUST_NOT), r
        if r["kind"] in COUNTABLE:  # every countable figure of the seeds is one the gold knows
            assert r["text"] in by_text and (r["text"] in {s for s, _, _ in SEED_MUST[name]}
                                             or r["text"].lower() in {"two", "billions", "billions of dollars"}), r
