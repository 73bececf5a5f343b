"""Layout rules as tables of (text, expected), negatives next to positives; then the seeds."""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.layout.parse import find_cites, parse_date, parse_layout, split_names


def kinds(text: str) -> dict[str, str]:
    return {b.text: b.kind for b in parse_layout(text).blocks}


BODY = ("The minister said on Tuesday that the talks would continue next week, and that both sides "
        "had agreed to meet again in the capital before the end of the month.")


@pytest.mark.parametrize("text, title", [
    ("# Markdown Heading Title\n\n" + BODY, "Markdown Heading Title"),
    ("Plain first line title\n\n" + BODY, "Plain first line title"),
    ("\n\n  Leading blank lines are skipped  \n\n" + BODY, "Leading blank lines are skipped"),
    ('SITE NEWS: “The Quoted Headline” – Wall Street Journal/ Jane Doe, John Roe\n\n' + BODY, "The Quoted Headline"),
    # A quoted headline inside the body is not the title of the page that quotes it.
    ('Our Own Headline\n\nThe paper ran “Another Outlet’s Headline” on Monday.\n\n' + BODY, "Our Own Headline"),
])
def test_title(text, title):
    assert parse_layout(text).title == title


@pytest.mark.parametrize("text, authors", [
    ("Title\n\nBy Thomas Grove\n\n" + BODY, ["Thomas Grove"]),
    ("Title\n\nBy Jane Doe and John Roe\n\n" + BODY, ["Jane Doe", "John Roe"]),
    ("Title\n\nBy Jane Doe, Staff Writer\n\n" + BODY, ["Jane Doe"]),
    ('JRL NEWSWATCH: “A Title Here” – Wall Street Journal/ Thomas Grove,Alan Cullison, Maolis Castro\n\n' + BODY,
     ["Thomas Grove", "Alan Cullison", "Maolis Castro"]),
    # a signature line closing the article names its author
    ("Title\n\n" + BODY + "\n\n" + BODY + "\n\n" + BODY + "\n\nSpencer Fernando\n\nPhoto – YouTube", ["Spencer Fernando"]),
    # negatives: a photo credit is not an author; neither is a letter-writer's town or a bio line
    ("Title\n\nMartin Mejia / AP / TASS\n\n" + BODY, []),
    ("Title\n\n" + BODY + "\n\n" + BODY + "\n\n" + BODY + "\n\nStaunton, Va.", []),
    ("Title\n\n" + BODY + "\n\nLena Park and Tomas Quill contributed reporting.", []),
    ("Title\n\n" + BODY + "\n\n(Reporting by Jane Doe; Editing by John Roe)", []),
])
def test_authors(text, authors):
    assert parse_layout(text).authors == authors


@pytest.mark.parametrize("text, outlet, date, raw", [
    ("Title\n\nThe Wall Street Journal, June 2, 2019\n\n" + BODY, "The Wall Street Journal", dt.date(2019, 6, 2),
     "June 2, 2019"),
    ("Title\n\nJune 03, 2019\n\n" + BODY, None, dt.date(2019, 6, 3), "June 03, 2019"),
    ("Title\n\nThe Daily Planet, 4 March 2021\n\n" + BODY, "The Daily Planet", dt.date(2021, 3, 4), "4 March 2021"),
    # a dateline without a year states no full date: the raw form is kept, the date is not guessed
    ("Title\n\nFLINT, Mich., Oct. 4 (UPI) — " + BODY, None, None, "Oct. 4"),
    # a date inside the prose is not the publication date
    ("Title\n\n" + BODY + " The vote is on June 2, 2019.", None, None, None),
])
def test_outlet_and_date(text, outlet, date, raw):
    lay = parse_layout(text)
    assert (lay.outlet, lay.published_date, lay.published_date_raw) == (outlet, date, raw)


def test_url_line_gives_url_and_outlet_from_known_domain():
    lay = parse_layout("Title\n\n" + BODY + "\n\nOriginal url:\n\n<https://www.themoscowtimes.com/2019/06/03/a-b>")
    assert lay.url == "https://www.themoscowtimes.com/2019/06/03/a-b"
    assert lay.outlet == "The Moscow Times"
    assert "Original url" not in lay.body and "https://" not in lay.body


def test_unknown_domain_gives_no_outlet():
    assert parse_layout("Title\n\n" + BODY + "\n\nOriginal url: https://example.org/x").outlet is None


@pytest.mark.parametrize("line, kind", [
    ("[Video](#)", "promo"),
    ("**Related article:** [How Something Happened](#)", "promo"),
    ("Read more: the whole story of the day", "promo"),
    ("To continue reading on the Wall Street Journal, [click here.](#)", "promo"),
    ("Click here for: “A Headline” – Wall Street Journal/ Jane Doe", "promo"),
    ("Read the rest here.", "promo"),
    ("CANADA SUSPENDING OPERATIONS AT EMBASSY IN VENEZUELA", "promo"),
    ("Comment", "ui"),
    ("Martin Mejia / AP / TASS", "caption"),
    ("Photo – YouTube", "caption"),
    ("Venezuela Map, adapted from image at cia.gov", "caption"),
    ("Prior file photo of a minister during exercises on December 10, 2018. Image source: AFP/Getty photo", "caption"),
    ("Helicopters overfly a column of tanks during a military parade in 2017, via AFP/Getty", "caption"),
    ("ABSTRACT.", "section"),
    ("Correction: A previous edition of this story gave the wrong day for the harbour vote.", "note"),
    ("This story has been updated to add a response from the ferry company.", "note"),
    ("(Reporting by Jane Doe; Additional reporting by John Roe; Editing by Sam Poe.)", "credit"),
    ("Jane Doe and John Roe contributed reporting.", "credit"),
    ("Copyright 2016 The Daily Planet. All rights reserved.", "credit"),
    # negatives: prose that mentions photos, slashes or capitals stays body
    ("The photo agency said 24/7 coverage would continue, according to officials in the city.", "body"),
    ("NATO and the EU said the U.S. plan would be discussed at length by ministers this week.", "body"),
    ("He showed reporters a photo of the damaged bridge and said repairs would take a year.", "body"),
])
def test_boilerplate_kinds(line, kind):
    text = f"Title\n\n{BODY}\n\n{line}\n\n{BODY} Again."
    assert kinds(text)[line] == kind


def test_video_teaser_description_is_promo_but_later_prose_is_body():
    text = ("Title\n\n[Video](#)\n\n[Will it happen?](#)\n\nAn expert says it is a smart move.\n\n" + BODY +
            "\n\n[Video](#)\n\n" + BODY + " Second.")
    k = kinds(text)
    assert k["An expert says it is a smart move."] == "promo"
    assert k[BODY + " Second."] == "body"


def test_hard_wrapped_note_continues_its_kind():
    text = "Title\n\n" + BODY + "\n\nEditor’s note: the candidate regularly\nincites violence and lies.\n\n" + BODY
    k = kinds(text)
    assert k["incites violence and lies."] == "note"
    assert "incites" not in parse_layout(text).body


def test_caption_glued_to_paragraph_is_split():
    text = ("Title\n\n" + BODY + "\n\nFile Photo of Flags Next to a BannerIn the oil sector, the company is "
            "entangled by its biggest foreign investment target.")
    lay = parse_layout(text)
    assert "In the oil sector, the company" in lay.body
    assert "File Photo" not in lay.body and "Banner" not in lay.body
    body_starts = [text[s:e][:20] for s, e in lay.body_spans]
    assert "In the oil sector, t" in body_starts


def test_markdown_link_text_stays_in_body():
    lay = parse_layout("Title\n\nMoscow weighs its [economic resilience](#) against [pressure](#) from abroad.")
    assert "Moscow weighs its economic resilience against pressure from abroad." in lay.body
    assert "](#)" not in lay.body


@pytest.mark.parametrize("body, own, cites", [
    ("The Wall Street Journal reported Sunday that advisers left.", None, ["The Wall Street Journal"]),
    ("Here is what was reported by the Wall Street Journal: the advisers left.", None, ["The Wall Street Journal"]),
    ("The pullout is due to a lack of contracts, per the WSJ.", None, ["The Wall Street Journal"]),
    ("According to Reuters, the talks failed.", None, ["Reuters"]),
    ("The Springfield Gazette reported that the mayor resigned.", None, ["The Springfield Gazette"]),
    # negatives: the article's own outlet, a person, and a paper merely named are not cited sources
    ("The Wall Street Journal reported Sunday that advisers left.", "The Wall Street Journal", []),
    ("Trump said the advisers left.", None, []),
    ("He reads the Wall Street Journal every morning on the train.", None, []),
])
def test_cites(body, own, cites):
    assert find_cites(body, own) == cites


@pytest.mark.parametrize("s, names", [
    ("Thomas Grove,Alan Cullison, Maolis Castro", ["Thomas Grove", "Alan Cullison", "Maolis Castro"]),
    ("Jane Doe | Reuters", ["Jane Doe"]),
    ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
    ("Reuters", []),
])
def test_split_names(s, names):
    assert split_names(s) == names


@pytest.mark.parametrize("s, date", [
    ("June 2, 2019", dt.date(2019, 6, 2)),
    ("Sunday, Sept. 11, 2016", dt.date(2016, 9, 11)),
    ("2 June 2019", dt.date(2019, 6, 2)),
    ("2019-06-02", dt.date(2019, 6, 2)),
    ("June 31, 2019", None),
    ("Oct. 4", None),
])
def test_parse_date(s, date):
    assert parse_date(s)[0] == date


def test_body_spans_point_into_text():
    text = "Title\n\nBy A Writer\n\n" + BODY + "\n\n[Video](#)\n\n" + BODY
    lay = parse_layout(text)
    assert lay.body_spans and all(text[s:e].strip() == text[s:e] and e > s for s, e in lay.body_spans)


@pytest.mark.parametrize("text", ["", "\n\n", "   ", "x", "[](#)", "By\n\nBy"])
def test_degenerate_text_does_not_crash(text):
    lay = parse_layout(text)
    assert isinstance(lay.body, str)


# --- Real articles: what must and must not come out of the seeds --------------------------------

def test_seed_wsj_original(seed_texts):
    lay = parse_layout(seed_texts["000_83f082756cacea00.txt"])
    assert lay.title.startswith("Russia withdraws key defense advisers")
    assert lay.authors == ["Thomas Grove"]
    assert (lay.outlet, lay.published_date) == ("The Wall Street Journal", dt.date(2019, 6, 2))
    assert lay.cites == [] and lay.url is None
    for gone in ("[Video](#)", "Will the US intervene", "Dakota Wood says", "CANADA SUSPENDING", "To continue reading"):
        assert gone not in lay.body
    assert "Russian state defense contractor Rostec" in lay.body
    assert "Russia has been among Maduro's biggest international supporters" in lay.body


def test_seed_aggregator(seed_texts):
    lay = parse_layout(seed_texts["002_1ee436427ede1253.txt"])
    assert lay.title == "In a Blow to Maduro, Russia Withdraws Key Defense Support to Venezuela"
    assert lay.outlet == "JRL NEWSWATCH" and lay.cites == ["The Wall Street Journal"]
    assert lay.authors == ["Thomas Grove", "Alan Cullison", "Maolis Castro"]
    assert lay.published_date is None
    for gone in ("adapted from image", "Click here for", "File Photo of Rosneft", "\n\nComment"):
        assert gone not in lay.body
    assert lay.body.rstrip().endswith("Venezuela’s state-owned oil company.")


def test_seed_signature_and_photo_credit(seed_texts):
    lay = parse_layout(seed_texts["004_f55db57bca15a309.txt"])
    assert lay.authors == ["Spencer Fernando"] and lay.outlet is None
    assert "Photo – YouTube" not in lay.body and "Spencer Fernando" not in lay.body


def test_seed_no_invented_metadata(seed_texts):
    lay = parse_layout(seed_texts["003_bc3e4435e5a2bdb1.txt"])
    assert lay.authors == [] and lay.outlet is None and lay.published_date is None
    assert "Image source" not in lay.body and "T-72B tanks during a military parade" not in lay.body


# --- Block rules one by one, and the steps alone ---------------------------------------------------

from pipeline.extract.layout import outlets  # noqa: E402
from pipeline.extract.layout.parse import (BLOCK_RULES, STEPS, Block, BlockContext, Layout,  # noqa: E402
                                           read_meta_lines, split_blocks)

_RULES = {name: holds for name, _, holds in BLOCK_RULES}


def _ctx(line: str, prev_kind: str | None = "body", teaser: str | None = None) -> BlockContext:
    from pipeline.extract.layout.parse import strip_markup
    s = strip_markup(line)
    prev = Block(0, 1, "x", prev_kind) if prev_kind else None
    return BlockContext(Block(0, len(line), line), s, s.lower().strip(" .:!"), prev, teaser)


@pytest.mark.parametrize("rule, line, prev_kind, teaser, holds", [
    ("markup only", "\u200b", "body", None, True),
    ("markup only", "A word.", "body", None, False),
    ("wrapped continuation", "continues the note above.", "note", None, True),
    ("wrapped continuation", "continues the paragraph above.", "body", None, False),
    ("wrapped continuation", "Starts a new sentence.", "note", None, False),
    ("link only", "[More on the harbour](https://example.org/h)", "body", None, True),
    ("link only", "Read [the report](https://example.org/r) before the vote.", "body", None, False),
    ("interface word", "Advertisement", "body", None, True),
    ("interface word", "Advertisements were banned from the square.", "body", None, False),
    ("url label", "URL: https://example.org/story", "body", None, True),
    ("url label", "The URL was printed on every flyer.", "body", None, False),
    ("url under a url label", "<https://example.org/story>", "url", None, True),
    ("url under a url label", "<https://example.org/story>", "body", None, False),
    ("promo or paywall", "Related: Ferry fares rise again", "body", None, True),
    ("promo or paywall", "Subscribe now for unlimited access", "body", None, True),
    ("promo or paywall", "Related questions were left for another day.", "body", None, False),
    ("editorial note", "Clarification: The ferry leaves at noon, not at ten.", "body", None, True),
    ("editorial note", "The clarification came too late for the voters.", "body", None, False),
    ("reporting credit", "Reporting by Ann Lee; editing by Tom Park", "body", None, True),
    ("reporting credit", "The reporting of the vote took three days.", "body", None, False),
    ("section label", "SUMMARY:", "body", None, True),
    ("section label", "In summary, the council will vote again.", "body", None, False),
    ("teaser description", "Experts weigh the new ferry timetable", "promo", "headline", True),
    ("teaser description", "Experts weigh the new ferry timetable", "body", None, False),
    ("capitals headline", "FERRY FARES RISE FOR THIRD YEAR", "body", None, True),
    ("capitals headline", "The NATO and EU ministers met in the city on Friday.", "body", None, False),
    ("caption", "Photo: Ann Lee", "body", None, True),
    ("caption", "The photo showed the harbour at dawn, the mayor said.", "body", None, False),
])
def test_each_block_rule_alone(rule, line, prev_kind, teaser, holds):
    assert _RULES[rule](_ctx(line, prev_kind, teaser)) is holds


def test_block_rules_have_unique_names_and_known_kinds():
    names = [name for name, _, _ in BLOCK_RULES]
    assert len(names) == len(set(names))
    assert {kind for _, kind, _ in BLOCK_RULES} <= {None, "markup", "promo", "ui", "url", "note", "credit", "section",
                                                    "caption"}


def test_meta_lines_step_alone():
    text = "Harbour Vote Delayed\n\nBy Ann Lee and Tom Park\n\nThe Harbour Gazette, March 3, 2021\n\n" + BODY
    lay = Layout(blocks=split_blocks(text))
    read_meta_lines(lay, text)
    assert lay.authors == ["Ann Lee", "Tom Park"]
    assert (lay.outlet, lay.published_date) == ("The Harbour Gazette", dt.date(2021, 3, 3))
    assert [b.kind for b in lay.blocks] == ["body", "byline", "dateline", "body"]  # the headline is another step


def test_steps_run_in_order():
    assert [s.__name__ for s in STEPS][:3] == ["read_headline", "read_meta_lines", "classify_blocks"]
    assert STEPS[-1].__name__ == "assemble_body"


# --- Outlets: the registry from the lexicon, and the one matcher -------------------------------------

@pytest.mark.parametrize("text, found", [
    ("Reporters for The New York Times and Reuters met the mayor.", [("New York Times", "The New York Times"),
                                                                   ("Reuters", "Reuters")]),
    ("The AP and the BBC News desk both ran it.", [("AP", "Associated Press"), ("BBC News", "BBC")]),
    ("Time is short, said an insider at the port.", []),         # "Time" is a common word here
    ("The www.Reuters.com page and @Reuters account were shared.", []),  # inside a domain or a handle
    ("Reutersville is a made-up town.", []),                      # part of a longer word
])
def test_find_in(text, found):
    got = [(m.text, m.outlet.name) for m in outlets.find_in(text)]
    assert got == found
    for m in outlets.find_in(text):
        assert text[m.start:m.end] == m.text


def test_registry_comes_from_the_lexicon():
    from pipeline.lexicons import rows
    assert len(outlets.OUTLETS) == len(rows("outlets.jsonl")) > 100
    assert outlets.lookup("the guardian").name == "The Guardian"
    assert outlets.by_domain("https://news.example-sub.bbc.co.uk/x").name == "BBC"
    assert outlets.by_domain("https://notbbc.com/x") is None
    assert "Herald" in outlets.OUTLET_NAME_HEADS
