"""Cross-article links: aligned passages (find_reuse), their direction, and quote clusters.

Tables of (copy text, expected) with negative cases beside the positive ones, then a regression test
on the seed articles. Articles are built the way the pipeline builds them: normalised text, the
layout's body, and cited_article_ids given explicitly (the link stage fills them from `cites`).
"""
from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pandas as pd
import pytest

import pipeline.link.reuse.index as reuse_index
from pipeline.ingest import normalise_text
from pipeline.extract.layout import parse_layout
from pipeline.link.quote_clusters import cluster_quotes
from pipeline.link.reuse import find_reuse
from pipeline.link.tokens import Vocab, tokenize, words
from pipeline.schemas import REUSE

MIN_WORDS = 8

SOURCE = """Ferry operator halts all crossings after engine fire

By Jane Roe

The Harbour Gazette, March 3, 2021

The regional ferry operator Northwind Lines suspended all crossings on Tuesday after an engine fire forced a vessel carrying 212 passengers to return to port.

Inspectors from the maritime safety agency, which had flagged corrosion in the engine rooms of two older ships last year, boarded the vessel on Wednesday and [ordered the remaining fleet](https://example.org/fleet) to stay in port until checks are complete.

The operator's chief executive, Maria Lund, said the company's insurance would cover the cost of rebooking, but warned that the suspension could last into the busy summer season.

Northwind Lines did not immediately respond to a request for comment. A complaint is pending before the Maritime Safety Tribunal of the Northern Isles Regional Council.
"""

PASSAGE = ("Inspectors from the maritime safety agency, which had flagged corrosion in the engine rooms of two "
           "older ships last year, boarded the vessel on Wednesday and ordered the remaining fleet to stay in "
           "port until checks are complete.")


def copy_article(middle: str) -> str:
    return ("Island commuters face long detours\n\n"
            "Residents of the outer islands were left searching for other ways to reach the mainland this week.\n\n"
            "Here is what the Harbour Gazette reported:\n\n"
            f"{middle}\n\n"
            "The commuters said they would drive the long way round over the northern bridge instead.\n")


def articles_frame(items: list[dict]) -> pd.DataFrame:
    """items: dicts with id, text and optionally date, cited (ids), duplicate_of, outlet."""
    rows = []
    for it in items:
        text = normalise_text(it["text"])
        lay = parse_layout(text)
        rows.append({
            "article_id": it["id"], "source_path": f"raw/{it['id']}.txt", "text": text, "body": lay.body,
            "outlet": it.get("outlet", lay.outlet), "published_date": it.get("date"), "cites": lay.cites,
            "cited_article_ids": sorted(it.get("cited", [])), "duplicate_of": it.get("duplicate_of"),
        })
    return pd.DataFrame(rows)


def edges(reuse: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(reuse["article_id"], reuse["source_article_id"]))


# --- Normalised words ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Maduro’s regime", ["maduro's", "regime"]),
    ("Maduro's regime", ["maduro's", "regime"]),
    ("no longer ha[ving] the cash", ["no", "longer", "ha", "the", "cash"]),
    ("contracts, [but reportedly now] has cut", ["contracts", "has", "cut"]),
    ("[economic resilience](https://example.org/a) against", ["economic", "resilience", "against"]),
    ("Nicolás  Maduro …. The", ["nicolas", "maduro", "the"]),
    ("see <https://example.org/a-b> and www.example.org/x", ["see", "and"]),
])
def test_words_as_the_aligner_sees_them(text, expected):
    assert words(text) == expected


def test_tokens_keep_true_offsets():
    text = "“Nicolás Maduro’s regime no longer ha[ving] the cash …”"
    tok = tokenize(text, None, Vocab())
    assert [text[s:e] for s, e in zip(tok.starts, tok.ends)] == \
        ["Nicolás", "Maduro’s", "regime", "no", "longer", "ha", "the", "cash"]


# --- Alignment survives the changes copies make ----------------------------------------------

ALIGNED = [
    pytest.param(PASSAGE, "Inspectors", "complete", id="verbatim-unquoted"),
    pytest.param(f"“{PASSAGE}”", "Inspectors", "complete", id="curly-quote-marks"),
    pytest.param(f'"{PASSAGE}"', "Inspectors", "complete", id="straight-quote-marks"),
    pytest.param("“Inspectors from the maritime safety agency … boarded the vessel on Wednesday and ordered the "
                 "remaining fleet to stay in port ….”", "Inspectors", "port", id="ellipses"),
    pytest.param("Inspectors from the maritime safety agency, which had flagged corrosion in the engine rooms of "
                 "two older ships [in 2020], boarded the vessel [on March 3] on Wednesday and order[ed] the "
                 "remaining fleet to stay in port until checks are complete.", "Inspectors", "complete",
                 id="bracketed-insertions"),
    pytest.param(PASSAGE.replace(" ", "  ").replace(", which", ",\twhich"), "Inspectors", "complete",
                 id="whitespace"),
    pytest.param(PASSAGE.replace("last year, ", "last year,\n"), "Inspectors", "complete", id="hard-wrapped"),
    pytest.param("The operator’s chief executive, Maria Lund, said the company’s insurance would cover the cost "
                 "of rebooking, but warned that the suspension could last into the busy summer season.",
                 "The", "season", id="curly-apostrophes"),
]


@pytest.mark.parametrize("middle, first, last", ALIGNED)
def test_alignment_survives_copy_changes(middle, first, last):
    arts = articles_frame([{"id": "src", "text": SOURCE, "date": dt.date(2021, 3, 3)},
                           {"id": "copy", "text": copy_article(middle), "cited": ["src"]}])
    out = find_reuse(arts, MIN_WORDS)
    assert list(out.columns) == REUSE.names
    assert edges(out) == {("copy", "src")}
    row = out.iloc[0]
    copy_text, src_text = arts.text[1], arts.text[0]
    passage = copy_text[row.start:row.end]
    assert passage.split()[0].strip("“\"") == first and passage.rstrip(".”\"").endswith(last)
    source = src_text[row.source_start:row.source_end]
    assert words(source)[0] == words(passage)[0] and words(source)[-1] == words(passage)[-1]
    assert row.n_words >= MIN_WORDS and 0.9 <= row.similarity <= 1.0


NOT_ALIGNED = [
    pytest.param("Safety inspectors who had warned last year about rust in two ageing ships' engine rooms went "
                 "aboard on Wednesday, keeping the rest of the fleet in port until they finish their checks.",
                 id="paraphrase"),
    pytest.param("Officials boarded the vessel on Wednesday and ordered an inquiry into the fire.",
                 id="seven-shared-words"),
    pytest.param("Northwind Lines did not immediately respond to a request for comment.", id="stock-phrase"),
    pytest.param("Lawyers appealed to the Maritime Safety Tribunal of the Northern Isles Regional Council last week.",
                 id="shared-long-name"),
    pytest.param("Maria Lund said the company would cover the cost, a person close to the operator said, and "
                 "the busy summer season could be lost.", id="scattered-phrases"),
]


@pytest.mark.parametrize("middle", NOT_ALIGNED)
def test_no_passage_without_copying(middle):
    """No verbatim passage; a rewritten sentence may still align as a paraphrase (tests below)."""
    arts = articles_frame([{"id": "src", "text": SOURCE, "date": dt.date(2021, 3, 3)},
                           {"id": "copy", "text": copy_article(middle), "cited": ["src"]}])
    out = find_reuse(arts, MIN_WORDS)
    assert out[out["match"] == "verbatim"].empty


@pytest.mark.parametrize("passage, cited, linked", [
    pytest.param(f"As the Gazette put it: “{PASSAGE}”", ["src"], True, id="cites-and-quotes-the-source"),
    pytest.param(f"As one paper put it: “{PASSAGE}”", [], True, id="quotes-the-source-without-citing"),
    pytest.param("The Gazette covered the story too.", ["src"], False, id="cites-but-takes-nothing"),
])
def test_a_story_quoting_another_article_used_it(passage, cited, linked):
    """A story of its own quoting one passage of another article (quote marks or a citation say it took
    those words) is linked, 'partially' derived, whatever the overlap model says; a bare citation is not."""
    middle = f"{BACKGROUND[0]}\n{passage}\n\n{BACKGROUND[1]}"
    arts = articles_frame([{"id": "src", "text": SOURCE, "date": dt.date(2021, 3, 3)},
                           {"id": "copy", "text": copy_article(middle), "date": dt.date(2021, 3, 4), "cited": cited}])
    out = find_reuse(arts, MIN_WORDS)
    assert edges(out) == ({("copy", "src")} if linked else set())
    assert set(out["derivation"]) == ({"partially"} if linked else set())


def test_min_passage_words_is_the_threshold():
    seven = "Officials boarded the vessel on Wednesday and ordered an inquiry into the fire."
    arts = articles_frame([{"id": "src", "text": SOURCE}, {"id": "copy", "text": copy_article(seven), "cited": ["src"]}])
    assert find_reuse(arts, 7)["n_words"].tolist() == [7]
    assert find_reuse(arts, 8).empty


# --- Direction --------------------------------------------------------------------------------

TRIMMED = ("“Inspectors from the maritime safety agency … boarded the vessel on Wednesday and ordered the "
           "remaining fleet to stay in port ….”")
LONGER_CONTEXT = ("Weeks of warnings preceded the fire. " + PASSAGE + " Unions said the checks were overdue and "
                  "that crews had raised the problem with managers for months.")

LONG_TAIL = "\n".join(
    f"Commuters on route {n} said the detour added nearly an hour to every journey to the mainland." for n in range(12))

DIRECTION = [
    # (x text, x date, x cites y, y text, y date, expected source)
    pytest.param(SOURCE, None, False, copy_article(TRIMMED), None, "x", id="longer-context-trim"),
    pytest.param(copy_article(PASSAGE), dt.date(2021, 3, 5), False, copy_article(PASSAGE), dt.date(2021, 3, 4),
                 "y", id="earlier-date"),
    pytest.param(copy_article(PASSAGE), dt.date(2021, 3, 4), False, copy_article(PASSAGE), dt.date(2021, 3, 5),
                 "x", id="earlier-date-reversed"),
    pytest.param(copy_article(PASSAGE), dt.date(2021, 3, 1), True, copy_article(PASSAGE), dt.date(2021, 3, 5),
                 "y", id="citation-beats-date"),
    pytest.param(copy_article(PASSAGE), None, False, copy_article(LONGER_CONTEXT), None, "y",
                 id="longer-paragraph"),
    pytest.param(copy_article(LONGER_CONTEXT), None, False, copy_article(PASSAGE), None, "x",
                 id="longer-paragraph-reversed"),
    pytest.param(copy_article(f"“{PASSAGE}”"), None, False, copy_article(PASSAGE), None, "y",
                 id="quoted-copy-of-unquoted-prose"),
    pytest.param(copy_article(f"“{PASSAGE}”") + LONG_TAIL, None, False, SOURCE, None, "y",
                 id="longer-article-quoting-whole-paragraph"),
]


@pytest.mark.parametrize("x_text, x_date, x_cites_y, y_text, y_date, expected", DIRECTION)
def test_direction(x_text, x_date, x_cites_y, y_text, y_date, expected):
    arts = articles_frame([{"id": "x", "text": x_text, "date": x_date, "cited": ["y"] if x_cites_y else []},
                           {"id": "y", "text": y_text, "date": y_date}])
    copier = "y" if expected == "x" else "x"
    assert edges(find_reuse(arts, MIN_WORDS)) == {(copier, expected)}


def test_shared_copy_of_a_third_article_links_to_that_article():
    own = ("Ferry captains have long argued that the older ships should have been retired before the winter "
           "storms of last year.")
    items = [
        {"id": "a", "text": SOURCE, "date": dt.date(2021, 3, 3)},
        {"id": "b", "text": copy_article(PASSAGE + "\n\n" + own), "date": dt.date(2021, 3, 4)},
        {"id": "c", "text": copy_article(f"“{PASSAGE}”") + "\n" + own + "\n", "date": dt.date(2021, 3, 5)},
    ]
    out = find_reuse(articles_frame(items), MIN_WORDS)
    assert ("b", "a") in edges(out) and ("c", "a") in edges(out)
    # c shares the inspectors passage with b only because both took it from a; b's own sentence
    # is the one thing c can only have taken from b.
    from_b = out[(out.article_id == "c") & (out.source_article_id == "b")]
    c_text = items[2]["text"]
    assert [c_text[s:e] for s, e in zip(from_b.start, from_b.end)] == [own.rstrip(".")]


def test_articles_that_share_only_boilerplate_are_not_linked():
    footer = ("\n\nSign up for our newsletter to get the top stories delivered to your inbox every morning.\n\n"
              "Click here to subscribe to our YouTube channel for more videos like this one every week.\n\n"
              "Read more: Why ferries across the region keep breaking down in the winter storm season\n\n"
              "Copyright 2021 Harbour Media Group Limited. All rights reserved. This material may not be "
              "published, broadcast, rewritten or redistributed.\n")
    one = "Ferry fire\n\nThe regional ferry operator suspended all crossings after an engine fire on Tuesday." + footer
    two = "Bridge repairs\n\nCrews began resurfacing the northern bridge on Monday, closing two lanes." + footer
    assert find_reuse(articles_frame([{"id": "one", "text": one}, {"id": "two", "text": two}]), MIN_WORDS).empty


@pytest.mark.parametrize("n_sharing, linked", [(2, True), (4, False)])
def test_a_sentence_in_too_many_articles_links_none(monkeypatch, n_sharing, linked):
    monkeypatch.setattr(reuse_index, "MAX_SHINGLE_DF", 3)
    blurb = ("The Gazette is an independent newsroom funded by its readers and by local businesses since "
             "the spring of 1921.")
    topics = ["ferry fares rose again", "the bridge reopened", "a storm hit the coast", "the harbour froze"]
    items = [{"id": f"n{i}", "text": f"News {i}\n\nToday {topics[i]} and people talked about it.\n\n{blurb}\n"}
             for i in range(n_sharing)]
    assert (not find_reuse(articles_frame(items), MIN_WORDS).empty) == linked


def test_exact_duplicates_are_skipped():
    items = [{"id": "a", "text": SOURCE}, {"id": "a2", "text": SOURCE, "duplicate_of": "a"},
             {"id": "b", "text": copy_article(PASSAGE), "cited": ["a", "a2"]}]
    assert edges(find_reuse(articles_frame(items), MIN_WORDS)) == {("b", "a")}


def test_output_does_not_depend_on_row_order():
    items = [{"id": "a", "text": SOURCE}, {"id": "b", "text": copy_article(TRIMMED)},
             {"id": "c", "text": copy_article(PASSAGE)}]
    arts = articles_frame(items)
    first = find_reuse(arts, MIN_WORDS)
    shuffled = find_reuse(arts.sample(frac=1, random_state=3), MIN_WORDS)
    assert not first.empty
    pd.testing.assert_frame_equal(first, shuffled)


# --- Quote clusters ---------------------------------------------------------------------------

def quote_rows(arts: pd.DataFrame, spec: list[tuple[str, str]]) -> pd.DataFrame:
    """(article_id, quote text) -> QUOTES-like rows located in the article's text."""
    texts = dict(zip(arts.article_id, arts.text))
    rows = []
    for aid, q in spec:
        start = texts[aid].index(q)
        rows.append({"article_id": aid, "quote_id": f"{aid}-q{start}", "text": q, "start": start,
                     "end": start + len(q), "form": "direct"})
    return pd.DataFrame(rows)


def test_quote_clusters_follow_trims_and_unquoted_origins():
    trimmed_inner = TRIMMED.strip("“”")
    other = "We will not sail again until every engine has been checked twice"
    items = [
        {"id": "a", "text": SOURCE, "date": dt.date(2021, 3, 3)},
        {"id": "b", "text": copy_article(TRIMMED), "cited": ["a"]},
        {"id": "c", "text": copy_article(f"“{PASSAGE}”"), "cited": ["a"]},
        {"id": "d", "text": copy_article(f"“{other},” a captain said.")},
    ]
    arts = articles_frame(items)
    reuse = find_reuse(arts, MIN_WORDS)
    quotes = quote_rows(arts, [("b", trimmed_inner), ("c", PASSAGE), ("d", other)])
    out = cluster_quotes(quotes, arts, reuse).set_index("quote_id")
    qb, qc, qd = quotes.quote_id
    assert out.at[qb, "cluster_id"] == out.at[qc, "cluster_id"] != out.at[qd, "cluster_id"]
    # a holds the passage unquoted: it is the origin, and the id points at the passage there.
    assert out.at[qb, "origin_article_id"] == out.at[qc, "origin_article_id"] == "a"
    assert out.at[qb, "cluster_id"] == f"a-c{arts.text[0].index('Inspectors')}"
    assert out.at[qd, "cluster_id"] == qd and out.at[qd, "origin_article_id"] == "d"
    # Stable: the same clusters whatever the row order.
    again = cluster_quotes(quotes.iloc[::-1], arts, reuse).set_index("quote_id")
    assert again["cluster_id"].to_dict() == out["cluster_id"].to_dict()


QUOTE_PAIRS = [
    # (quote in x, quote in y, same cluster) for two unrelated articles: no reuse, no citation
    pytest.param("a historic day for the islands", "a historic day for the islands", True, id="identical"),
    pytest.param("this is a historic day for the islands and for all of us",
                 "a historic day for the islands", True, id="trimmed"),
    pytest.param("this is a historic day … for all of us", "this is a historic day for the islands and for all of us",
                 True, id="ellipsis"),
    pytest.param("We’re ready", "We're ready", False, id="two-words-too-short"),
    pytest.param("key", "key", False, id="one-word-scare-quote"),
    pytest.param("a historic day for the islands", "a sad day for the islands", False, id="different"),
]


@pytest.mark.parametrize("qx, qy, same", QUOTE_PAIRS)
def test_quotes_cluster_without_reuse(qx, qy, same):
    arts = articles_frame([
        {"id": "x", "text": f"Ferry vote\n\nThe mayor called the vote “{qx}” on Monday evening at the port.\n"},
        {"id": "y", "text": f"Bridge vote\n\nA councillor said the bridge deal was “{qy}” in her speech.\n"},
    ])
    quotes = quote_rows(arts, [("x", qx), ("y", qy)])
    out = cluster_quotes(quotes, arts, find_reuse(arts, MIN_WORDS))
    assert (out["cluster_id"].nunique() == 1) == same


@pytest.mark.parametrize("cap, clusters", [(3, 1), (2, 3)])
def test_a_quote_run_held_by_too_many_quotes_compares_none_of_them(monkeypatch, cap, clusters):
    """A run of words quoted in more than MAX_QUOTE_SHINGLE_DF quotes is a stock phrase: it pairs no
    quotes (here the cap is lowered to show it on three articles)."""
    import pipeline.link.quote_clusters as qc

    monkeypatch.setattr(qc, "MAX_QUOTE_SHINGLE_DF", cap)
    quote = "a historic day for the islands"
    arts = articles_frame([
        {"id": "x", "text": f"Ferry vote\n\nThe mayor called the vote “{quote}” on Monday evening at the port.\n"},
        {"id": "y", "text": f"Bridge vote\n\nA councillor said the bridge deal was “{quote}” in her speech.\n"},
        {"id": "z", "text": f"Harbour plan\n\nFishermen hailed “{quote}” as the new quay opened.\n"},
    ])
    quotes = quote_rows(arts, [("x", quote), ("y", quote), ("z", quote)])
    out = qc.cluster_quotes(quotes, arts, find_reuse(arts, MIN_WORDS))
    assert out["cluster_id"].nunique() == clusters


def test_short_quote_found_verbatim_in_the_cited_article():
    arts = articles_frame([
        {"id": "a", "text": SOURCE, "date": dt.date(2021, 3, 3)},
        {"id": "b", "text": "Fleet grounded\n\nThe fleet must stay in port “until checks are complete,” the "
                            "Gazette reported.\n", "cited": ["a"]},
        {"id": "c", "text": "Other news\n\nThe builders promised the work would go on “until checks are "
                            "complete” next spring.\n"},
    ])
    quotes = quote_rows(arts, [("b", "until checks are complete"), ("c", "until checks are complete")])
    out = cluster_quotes(quotes, arts, find_reuse(arts, MIN_WORDS)).set_index("article_id")
    assert out.at["b", "origin_article_id"] == "a"
    assert out.at["c", "cluster_id"] == out.at["b", "cluster_id"]  # the identical quote joins too


# --- The seed articles --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_corpus(seed_texts):
    from pipeline.link.corpus import cited_article_ids

    rows = []
    for name, text in seed_texts.items():
        lay = parse_layout(text)
        rows.append({"article_id": Path(name).stem[:3], "source_path": f"raw/{name}", "text": text,
                     "body": lay.body, "outlet": lay.outlet, "published_date": lay.published_date,
                     "cites": lay.cites, "duplicate_of": None})
    arts = pd.DataFrame(rows)
    arts["cited_article_ids"] = cited_article_ids(arts)
    return arts, find_reuse(arts, MIN_WORDS)


def test_seed_reuse_edges(seed_corpus):
    arts, out = seed_corpus
    assert edges(out) == {("002", "000"), ("003", "000"), ("004", "000")}
    assert not ({"001"} & (set(out.article_id) | set(out.source_article_id)))
    texts = dict(zip(arts.article_id, arts.text))
    for row in out[out["match"] == "verbatim"].itertuples():
        copy = texts[row.article_id][row.start:row.end]
        src = texts[row.source_article_id][row.source_start:row.source_end]
        assert words(copy)[0] == words(src)[0] and row.n_words >= MIN_WORDS
    # The trimmed, bracketed quote in 002 aligns as one passage across its ellipses and insertions.
    verbatim = out[out["match"] == "verbatim"]
    longest = verbatim[verbatim.article_id == "002"].sort_values("n_words").iloc[-1]
    assert texts["002"][longest.start:longest.end].startswith("Russia has withdrawn key defense advisers")
    assert longest.n_words >= 100


def test_seed_rostec_quote_is_one_cluster(seed_corpus):
    arts, out = seed_corpus
    texts = dict(zip(arts.article_id, arts.text))
    rostec = re.compile(r"Russian state defense contractor Rostec, which has trained [^\n”]+ministry\.")
    trimmed = re.search(r"“(Russia has withdrawn key[^\n]+?)”", texts["002"]).group(1)
    withdrawal = re.compile(r"Rostec’s withdrawal of permanent[^\n”]+invasion\.")
    spec = [("003", rostec.search(texts["003"]).group()), ("004", rostec.search(texts["004"]).group()),
            ("002", trimmed), ("003", withdrawal.search(texts["003"]).group()),
            ("004", withdrawal.search(texts["004"]).group())]
    quotes = quote_rows(arts, spec)
    got = cluster_quotes(quotes, arts, out)
    ids = got["cluster_id"].tolist()
    assert ids[0] == ids[1] == ids[2] != ids[3] == ids[4]
    assert set(got["origin_article_id"]) == {"000"}


def test_synthetic_corpus_edges_match_how_it_was_made():
    """A corpus built like the benchmark's: each copy's verbatim passages link it to its origin and
    nothing else. (Its prose is word salad from one small vocabulary, so every article rewrites every
    other in bag-of-words terms: paraphrase rows are not what this corpus tests.)"""
    rng = random.Random(7)
    vocab = sorted(set(re.findall(r"[a-z]+", SOURCE.lower())))

    def prose(n):
        return " ".join(rng.choice(vocab) for _ in range(n)).capitalize() + "."

    items, truth = [], set()
    for s in range(6):
        origin = f"o{s}"
        paras = [prose(40) for _ in range(4)]
        items.append({"id": origin, "text": f"Story {s}\n\n" + "\n\n".join(paras) + "\n",
                      "date": dt.date(2021, 1, 1 + s)})
        for c in range(s % 3):
            text = f"Copy {s}{c}\n\n{prose(30)}\n\n“{paras[c + 1]}”\n\n{prose(30)}\n"
            items.append({"id": f"c{s}{c}", "text": text, "date": dt.date(2021, 2, 1 + s)})
            truth.add((f"c{s}{c}", origin))
    out = find_reuse(articles_frame(items), MIN_WORDS)
    assert edges(out[out["match"] == "verbatim"]) == truth


# --- Derivation beyond verbatim runs ---------------------------------------------------------------
# An invented wire story and the ways a paper can use it (or not). Background stories give the
# rare-word weights a corpus to be measured against.

WIRE = """LIGHTHOUSE KEEPER FINED OVER SEAL PUP RESCUE

By Tom Field, Coastal Newswire

A retired lighthouse keeper who carried a stranded seal pup across a closed beach was fined 400 pounds by magistrates today.
Harold Penwarden, 71, admitted entering the nature reserve at Gullrock Point during the breeding season without a permit.
The court heard that he wrapped the injured pup in a fishing net and drove it forty miles to a wildlife hospital in Tressick.
Wardens said the pup, later named Pebble, would probably have survived had it been left with its mother.
Chairman of the bench Alison Hewett told him: "Your intentions were kind, but the rules exist to protect these animals."
Penwarden said outside court that he would pay the fine from his pension and had no regrets.
The wildlife hospital said Pebble was released back into the sea last month after gaining weight.
"""

VERBATIM_COPY = """Seal rescuer punished

A retired lighthouse keeper who carried a stranded seal pup across a closed beach was fined 400 pounds by magistrates yesterday.
Harold Penwarden, 71, admitted entering the nature reserve at Gullrock Point during the breeding season without a permit.
The court heard that he wrapped the injured pup in a fishing net and drove it forty miles to a wildlife hospital in Tressick.
Wardens said the pup, later named Pebble, would probably have survived had it been left with its mother.
"""

REWRITE = """Pensioner pays price for saving seal

Magistrates yesterday fined a former lighthouse keeper 400 pounds after he rescued a stranded seal pup by carrying it over a closed beach.
Harold Penwarden, 71, pleaded guilty to going into the Gullrock Point nature reserve without a permit in the breeding season.
He had wrapped the hurt pup in a fishing net, the court was told, before driving forty miles with it to a Tressick wildlife hospital.
According to wardens, Pebble, as the pup was later named, would probably have lived if left alone with its mother.
Outside court Penwarden said he had no regrets and would pay from his pension.
"""

BRIEF = """News in brief

Seal fine: A former lighthouse keeper, Harold Penwarden, 71, was fined 400 pounds yesterday for carrying a seal pup across the closed Gullrock Point reserve to a wildlife hospital in Tressick.
"""

SHARED_QUOTE_ONLY = """Bench tells rescuer rules come first

Our reporter at Tressick magistrates found a packed public gallery for the case of Harold Penwarden.
Neighbours in matching knitted jumpers waved handmade banners and sang sea shanties on the steps before the hearing.
Inside, the former keeper stood with his cap in his hands while his grandson filmed the crowd outside.
"Your intentions were kind, but the rules exist to protect these animals," the chairman of the bench told him.
Several of his supporters offered to collect money for him, which he politely turned down.
"""

SAME_TOPIC = """Angler fined for disturbing nesting terns

A fisherman who walked through a closed nesting colony at Harrow Sands was fined 250 pounds by magistrates yesterday.
Derek Olliffe, 54, admitted ignoring signs and a warden's warning while looking for a better spot to cast.
The court heard that dozens of birds abandoned their eggs after he crossed the colony twice.
Olliffe told the bench he had not seen the notices because of thick fog that morning.
"""

BACKGROUND = [
    "Council approves new harbour wall\n\nCouncillors voted to spend two million pounds on a new harbour wall after winter storms damaged the old one.\n"
    "Engineers said work would begin in spring and take eighteen months to finish.\n",
    "School choir wins national title\n\nA village school choir beat forty rivals to win a national singing competition in the capital.\n"
    "The head teacher said the children had rehearsed every lunchtime for a year.\n",
    "Bus fares to rise in autumn\n\nThe regional bus company will raise fares by five per cent from October, blaming fuel costs.\n"
    "Passenger groups said the rise would hit older travellers hardest.\n",
]


def derivation_corpus(copy_text: str, copy_date=None, wire_date=None) -> pd.DataFrame:
    items = [{"id": "wire", "text": WIRE, "date": wire_date}, {"id": "paper", "text": copy_text, "date": copy_date}]
    items += [{"id": f"bg{n}", "text": t} for n, t in enumerate(BACKGROUND)]
    return articles_frame(items)


DERIVATION_CASES = [
    # (the paper's text, linked to the wire, the kind of rows expected)
    pytest.param(VERBATIM_COPY, True, "verbatim", id="verbatim-copy"),
    pytest.param(REWRITE, True, "paraphrase", id="rewrite"),
    pytest.param(BRIEF, True, "paraphrase", id="condensed-brief"),
    pytest.param(SHARED_QUOTE_ONLY, False, None, id="shared-quote-only"),
    pytest.param(SAME_TOPIC, False, None, id="unrelated-story-same-topic"),
]


@pytest.mark.parametrize("paper, linked, match", DERIVATION_CASES)
def test_derivation_of_a_paper_from_the_wire(paper, linked, match):
    arts = derivation_corpus(paper)
    out = find_reuse(arts, MIN_WORDS)
    pair = out[(out.article_id == "paper") & (out.source_article_id == "wire")]
    assert (not pair.empty) == linked
    assert edges(out) <= {("paper", "wire")}  # the background stories link to nothing
    if linked:
        assert match in set(pair["match"])
        assert pair["derivation"].nunique() == 1 and pair["derivation"].iloc[0] in ("wholly", "partially")
        assert (pair["derived_share"] > 0.3).all() and (pair["derived_share"] <= 1).all()
        texts = dict(zip(arts.article_id, arts.text))
        for row in pair.itertuples():  # offsets into both articles hold words the two share
            copy_words = set(words(texts["paper"][row.start:row.end]))
            src_words = set(words(texts["wire"][row.source_start:row.source_end]))
            assert len(copy_words & src_words) >= 3


def test_verbatim_share_tells_a_copy_from_a_rewrite():
    def shares(paper):
        out = find_reuse(derivation_corpus(paper), MIN_WORDS)
        return out["verbatim_share"].iloc[0], out["derived_share"].iloc[0]
    copy_verbatim, copy_derived = shares(VERBATIM_COPY)
    rewrite_verbatim, rewrite_derived = shares(REWRITE)
    assert copy_verbatim > 0.8 and rewrite_verbatim < 0.2
    assert copy_derived > 0.8 and rewrite_derived > 0.5


def test_a_shared_quote_is_clustered_not_linked():
    arts = derivation_corpus(SHARED_QUOTE_ONLY)
    reuse = find_reuse(arts, MIN_WORDS)
    assert reuse.empty
    said = "Your intentions were kind, but the rules exist to protect these animals."
    quotes = quote_rows(arts, [("wire", said.rstrip(".")), ("paper", said.rstrip(".").replace("animals", "animals"))])
    out = cluster_quotes(quotes, arts, reuse)
    assert out["cluster_id"].nunique() == 1


@pytest.mark.parametrize("wire_date, paper_date, swap_days, expected", [
    pytest.param(dt.date(2021, 5, 3), dt.date(2021, 5, 4), False, ("paper", "wire"), id="dates"),
    pytest.param(None, None, False, ("paper", "wire"), id="no-dates-today-vs-yesterday"),
    pytest.param(dt.date(2021, 5, 3), dt.date(2021, 5, 4), True, ("paper", "wire"), id="dates-beat-the-text"),
])
def test_direction_of_a_rewrite(wire_date, paper_date, swap_days, expected):
    arts = derivation_corpus(REWRITE, copy_date=paper_date, wire_date=wire_date)
    if swap_days:  # "today" <-> "yesterday": the text cue then points the other way
        swap = lambda t: re.sub(r"\b(today|yesterday)\b", lambda m: {"today": "yesterday"}.get(m[0], "today"), t)
        arts["text"], arts["body"] = arts["text"].map(swap), arts["body"].map(swap)
    assert edges(find_reuse(arts, MIN_WORDS)) == {expected}


def test_direction_without_dates_follows_today_and_yesterday_not_ids():
    """The same pair with the ids swapped: the article saying "yesterday" is still the copy."""
    items = [{"id": "a", "text": REWRITE}, {"id": "b", "text": WIRE}]
    items += [{"id": f"bg{n}", "text": t} for n, t in enumerate(BACKGROUND)]
    assert edges(find_reuse(articles_frame(items), MIN_WORDS)) == {("a", "b")}
    items[0]["id"], items[1]["id"] = "b", "a"
    assert edges(find_reuse(articles_frame(items), MIN_WORDS)) == {("b", "a")}


def test_direction_without_dates_or_day_words_follows_the_agency():
    """No dates, no "today"/"yesterday", and a first take of the wire shorter than the paper's story
    (so the text rules point the wrong way): the copy published by a news agency is the source."""
    strip = lambda t: re.sub(r"\b(today|yesterday|Yesterday|Today)\b ?", "", t)
    first_take = "\n".join(strip(WIRE).split("\n")[:8]) + "\n"
    for wire_id, paper_id in (("a", "b"), ("b", "a")):
        items = [{"id": wire_id, "text": first_take, "outlet": "Press Association"},
                 {"id": paper_id, "text": strip(REWRITE)}]
        items += [{"id": f"bg{n}", "text": t} for n, t in enumerate(BACKGROUND)]
        assert edges(find_reuse(articles_frame(items), MIN_WORDS)) == {(paper_id, wire_id)}


def test_content_ngrams_skip_function_words():
    """Modified n-grams: the same content words in the same order match whatever function words lie
    between them; a reordered clause does not."""
    from pipeline.link.reuse import derivation

    assert derivation.gram_hashes([5, 6, 7, 8], 3).size == 2
    assert derivation.gram_hashes([5, 6], 3).size == 0
    seen = derivation.gram_hashes([1, 5, 6, 7, 2], 3)
    assert derivation.containment(derivation.gram_hashes([5, 6, 7], 3), [seen]) == 1.0
    assert derivation.containment(derivation.gram_hashes([7, 6, 5], 3), [seen]) == 0.0


def test_training_chooses_penalty_and_threshold_by_cross_validation():
    """Invented feature rows (numbers only): the derived stories score higher on every feature."""
    import numpy as np
    from pipeline.link.reuse import derivation, train_derivation

    rng = np.random.default_rng(0)
    n = 120
    label = np.where(np.arange(n) % 3 == 0, "non_derived", "partially_derived")
    shift = np.where(label == "non_derived", 0.0, 0.4)
    feats = {f: np.clip(shift + rng.normal(0.3, 0.1, n), 0, 1) for f in derivation.FEATURES}
    df = pd.DataFrame({"story": [f"s{k}" for k in range(n)], "folder": [f"f{k // 4}" for k in range(n)],
                       "label": label, "best": True, "derived_share": feats[derivation.FEATURES[0]], **feats})
    X = df[list(derivation.FEATURES)].to_numpy(float)
    l2, threshold, score = train_derivation.tune(df, X, np.ones(n, dtype=bool))
    assert l2 in train_derivation.L2_GRID and 0.05 <= threshold <= 0.95
    assert score > 0.9
