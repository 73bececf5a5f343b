"""Quotes and their speakers: tables of (text, expected quotes) for every form, with the cases that
must not become quotes right next to the ones that must, and a regression test on the seeds."""
from __future__ import annotations

import logging

import pytest

from pipeline.extract.entities import extract_entities
from pipeline.extract.quotes.marks import find_marked_quotes
from pipeline.extract.quotes import extract_quotes

# A headline and a first paragraph of plain prose, so the layout takes what follows as body text.
HEAD = ("Council meets over the city budget\n\n"
        "The city council met on Monday evening to discuss the budget for the coming year, and many "
        "members of the public attended the long meeting at the town hall.\n\n")


@pytest.fixture(scope="module")
def quotes_of(parse):
    def _run(body: str, head: str = HEAD) -> list[dict]:
        doc, layout = parse(head + body)
        rows = extract_quotes(doc, layout, extract_entities(doc, layout))
        for r in rows:  # the offsets contract holds for every row
            assert doc.text[r["start"]:r["end"]] == r["text"]
            if r["speaker_start"] is not None:
                assert doc.text[r["speaker_start"]:r["speaker_end"]] == r["speaker"]
        return rows
    return _run


# The forms of words in quote marks; reported speech (reported, mixed) has its own tables below.
MARKED = {"direct", "partial", "scare", "block"}


def brief(rows: list[dict], forms=MARKED) -> list[tuple]:
    return [(r["text"], r["form"], r["speaker"]) for r in rows if r["form"] in forms]


# (body, expected [(quote text, form, speaker as written)])
DIRECT = [
    ('"They believe the fight is being lost," a person close to the Russian government was quoted as saying.',
     [("They believe the fight is being lost,", "direct", "a person close to the Russian government")]),
    ("“We will win this fight,” said Jane Smith, a lawyer for the tenants’ group.",
     [("We will win this fight,", "direct", "Jane Smith")]),
    ("Jane Smith told reporters: “We will win this fight.”",
     [("We will win this fight.", "direct", "Jane Smith")]),
    ("According to John Brown, “The pool will reopen before the school holidays.”",
     [("The pool will reopen before the school holidays.", "direct", "John Brown")]),
    # speaker inside: the second sentence of the quote continues the first one's speaker
    ("“The plan is dead,” Brown said. “Nobody on the council wants it.”",
     [("The plan is dead,", "direct", "Brown"), ("Nobody on the council wants it.", "direct", "Brown")]),
    # a quote split by its tag
    ("“Our aim,” Brown said, “is to finish the roads by June.”",
     [("Our aim,", "direct", "Brown"), ("is to finish the roads by June.", "direct", "Brown")]),
    ("“The plan is dead,” Brown said, adding that “nobody wants it.”",
     [("The plan is dead,", "direct", "Brown"), ("nobody wants it.", "partial", "Brown")]),
    # a floating quote paragraph inherits the last speaker
    ("“We did it,” Brown said after the vote.\n\n“This is a great day for the city and for everyone in it.”",
     [("We did it,", "direct", "Brown"),
      ("This is a great day for the city and for everyone in it.", "direct", "Brown")]),
    # a speaker after a dash
    ("“It was the best day of my life.” ― Maria Lopez",
     [("It was the best day of my life.", "direct", "Maria Lopez")]),
    # not a name after the dash: the sentence goes on
    ("“We will win the vote,” — but the polls say otherwise, and the council is split.",
     [("We will win the vote,", "direct", None)]),
    # the speaker after the verb
    ("“Your participation was very important,” added the mayor.",
     [("Your participation was very important,", "direct", "the mayor")]),
    ("“Malay cuisine is rarely deep-fried,” he points out.",
     [("Malay cuisine is rarely deep-fried,", "direct", "he")]),
    # a colon introducer in the paragraph before
    ("Brown continued:\n\n“The parking question divides this town, and every one of us can see it.”",
     [("The parking question divides this town, and every one of us can see it.", "direct", "Brown")]),
    # a noun of a work before a full sentence in marks: still a quote
    ("In the film, “You train every day. You play fair,” a narrator says.",
     [("You train every day. You play fair,", "direct", "a narrator")]),
    # the subject of "said" is not a word of the quote
    ('"One of the hardest workers on the whole county board," Rep. Harold T. Weller (D-Ore.) said.',
     [("One of the hardest workers on the whole county board,", "direct", "Rep. Harold T. Weller")]),
]


@pytest.mark.parametrize("body,expected", DIRECT)
def test_direct_quotes_and_their_speakers(quotes_of, body, expected):
    assert brief(quotes_of(body)) == expected


# Partial and scare quotes: kept when a reporting verb governs them, dropped when nobody said them.
PARTIAL = [
    ("The Kremlin condemned what it called \"US-backed coup attempts\" in the region.",
     [("US-backed coup attempts", "scare", "it")]),
    # negatives: emphasis and terms nobody is said to have said
    ("The \"sex tape\" story spread quickly across the city.", []),
    ("The club's policy of \"open gates\" ended within a year.", []),
    # a reporting verb in the sentence that does not govern the quoted words
    ("She has been called a fraud by rival bakers for selling \"miracle\" bread.", []),
]


# A partial quote inside reported speech of the same speaker is one row of form mixed, whose
# content holds the quote.
MIXED = [
    ("Russia’s ambassador in Venezuela has denied the reports as \"absolutely false.\"",
     [("the reports as \"absolutely false.\"", "mixed", "Russia’s ambassador in Venezuela")]),
    ("One of the sources said the move had been \"a public show of support\" for the government.",
     [("the move had been \"a public show of support\" for the government", "mixed", "One of the sources")]),
    ("The plan, Brown said on Monday, was “a disaster” for the town.",
     [("The plan, Brown said on Monday, was “a disaster” for the town", "mixed", "Brown")]),
    # the seeds' shapes, invented: a description holding a partial quote is one row; a judgment of
    # what somebody called something holds the naming, which stays a scare row of its own
    ("The report describes a “slow retreat” which has been gaining pace of late.",
     [("a “slow retreat” which has been gaining pace of late", "mixed", "The report")]),
    ("The council condemned what it called “a reckless plan”.",
     [("a reckless plan", "scare", "it"), ("what it called “a reckless plan”", "mixed", "The council")]),
    # a verb of showing inside a report is the speaker's evidence, no second source of the quote
    ("The figures show \"a clear rise\" in visitors, the director said.",
     [("The figures show \"a clear rise\" in visitors", "mixed", "the director")]),
]


@pytest.mark.parametrize("body,expected", MIXED)
def test_a_partial_quote_inside_reported_speech_is_one_row(quotes_of, body, expected):
    assert brief(quotes_of(body), MARKED | {"mixed", "reported"}) == expected


@pytest.mark.parametrize("body,expected", PARTIAL)
def test_partial_and_scare_quotes(quotes_of, body, expected):
    assert brief(quotes_of(body)) == expected


# Titles, names and markup in quote marks are not quotes.
NOT_QUOTES = [
    "Kessler told the network's \"Breakfast Hour\" that he would vote for the budget.",
    "The short film, titled \"Harbour Lights,\" will be shown on Friday night.",
    "At a picnic he has held since college, Rep. Thomas J. \"Tommy\" Reed grilled corn.",
    "On Monday’s episode of “The Lena Park Breakfast Hour,” the host talked about the budget.",
    "Dana Ortiz’ commentary, \"Mayors, tell your budget story,\" was widely read this week.",
    "'Nothing Left to Lose.'",
    '<tweet author="harborwatcher" timestamp="1500000000" tweet_id="123456789012345678">',
]


@pytest.mark.parametrize("body", NOT_QUOTES)
def test_titles_names_and_markup_are_not_quotes(quotes_of, body):
    assert brief(quotes_of(body)) == []


def test_quote_marks_in_the_headline_are_not_quotes(quotes_of):
    head = ("Mayor: Council Was ‘Wasting’ Time With “Budget” Vote\n\n"
            "The city council met on Monday evening to discuss the budget for the coming year, and many "
            "members of the public attended the long meeting at the town hall.\n\n")
    rows = quotes_of("“We will vote on Friday,” Brown said.", head=head)
    assert brief(rows) == [("We will vote on Friday,", "direct", "Brown")]


# Every kind of mark: (body, expected quote texts)
MARKS = [
    ("“Curly marks,” Brown said.", ["Curly marks,"]),
    ('"Straight marks," Brown said.', ['Straight marks,']),
    ("‘Single marks are British,’ Brown said.", ["Single marks are British,"]),
    ("« Les guillemets », a dit Brown, “and curly ones,” he added.", ["Les guillemets", "and curly ones,"]),
    ("''Two apostrophes,'' Brown said.", ["Two apostrophes,"]),
    # apostrophes are not marks
    ("Brown’s plan isn’t the council’s plan, and the ’90s are over.", []),
    # a quote inside a quote stays inside
    ("“He called it ‘the worst budget ever,’ and I agree,” Brown said.",
     ["He called it ‘the worst budget ever,’ and I agree,"]),
]


@pytest.mark.parametrize("body,expected", MARKS)
def test_quote_marks(quotes_of, body, expected):
    assert [r["text"] for r in quotes_of(body) if r["form"] in MARKED] == expected


def test_a_quote_over_several_paragraphs_is_one_quote(quotes_of):
    body = ("Brown said:\n\n“The first paragraph of my statement is about the budget.\n\n"
            "“The second paragraph is about the schools and the roads,” he said.")
    rows = quotes_of(body)
    assert len(rows) == 1
    assert rows[0]["text"].startswith("The first paragraph") and rows[0]["text"].endswith("the roads,")
    assert rows[0]["speaker"] == "Brown"


def test_a_transcript_is_one_quote_per_turn(quotes_of):
    body = ('Part of the interview is below:\n\n"OKAFOR: Why would the mayor do that?\n\n'
            '"BROWN: Well, look, the budget is balanced.\n\n"OKAFOR: Thank you, sir."')
    rows = quotes_of(body)
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("Why would the mayor do that?", "OKAFOR"), ("Well, look, the budget is balanced.", "BROWN"),
        ("Thank you, sir.", "OKAFOR")]


def test_an_unclosed_mark_is_cut_at_its_paragraph_and_logged(quotes_of, caplog):
    body = ("“The budget is balanced, Brown said at the end of the meeting.\n\n"
            "The council then voted on the roads plan, which passed by a wide margin after a long debate.\n\n"
            "The next meeting is in June, when the council will discuss the schools.")
    with caplog.at_level(logging.WARNING, logger="pipeline.extract.quotes"):
        rows = quotes_of(body)
    assert [r["text"] for r in rows if r["form"] in MARKED] == ["The budget is balanced, Brown said at the end of the meeting."]
    assert any("Council meets over the city budget" in m and "unbalanced" in m for m in caplog.messages)


def test_a_stray_closing_mark_opens_nothing(quotes_of):
    body = ("The review covered [his] systems\" including his heart. The only \"medical records\" were released, "
            "officials said.\n\nThe council then voted on the roads plan, which passed by a wide margin.")
    rows = quotes_of(body)
    assert all("including his heart" not in r["text"] for r in rows)
    assert all("roads plan" not in r["text"] for r in rows)


def test_marks_alone_nest_and_continue():
    text = "“A ‘b’ c.\n\n“D,” he said. Stray” mark."
    quotes, problems = find_marked_quotes(text, [(0, 9), (11, len(text))])
    assert [text[q.start:q.end] for q in quotes] == ["A ‘b’ c.\n\n“D,"]
    assert quotes[0].paragraphs == 2
    assert problems  # the stray closing mark is reported


# Block quotes: an unmarked paragraph after an introducer that names its source.
BLOCKS = [
    ("The WSJ reports the following details\n\n"
     "Russian state defense contractor Rostec has cut its staff in Venezuela to just a few dozen people.",
     [("Russian state defense contractor Rostec has cut its staff in Venezuela to just a few dozen people.",
       "block", "The WSJ", "The Wall Street Journal", "publication")]),
    ("Rostec’s pullout now greatly endangers that prior status quo, per the WSJ:\n\n"
     "Rostec’s withdrawal of permanent and temporary employees is a major setback for Maduro.",
     [("Rostec’s withdrawal of permanent and temporary employees is a major setback for Maduro.",
       "block", "the WSJ", "The Wall Street Journal", "publication")]),
    ("US President Donald Trump has Tweeted that Russia informed the US on the withdrawal of personnel:\n\n"
     "“Russia has informed us that they have removed most of their people from Venezuela.”",
     [("Russia has informed us that they have removed most of their people from Venezuela.",
       "direct", "US President Donald Trump", "Donald Trump", "person")]),
    # no source named: a list, not a quote
    ("The meeting covered the following topics:\n\n"
     "Budget cuts, new hires and a plan for the summer months in the city parks and pools.", []),
]


@pytest.mark.parametrize("body,expected", BLOCKS)
def test_block_quotes(quotes_of, body, expected):
    rows = [r for r in quotes_of(body) if r["form"] in MARKED]
    assert [(r["text"], r["form"], r["speaker"], r["speaker_name"], r["speaker_kind"]) for r in rows] == expected


# Who the speaker is: (body, index of the quote, speaker_name, speaker_kind)
RESOLUTION = [
    ("Mayor John Brown spoke after the vote.\n\n“We did it,” he said.", 0, "John Brown", "person"),
    # the most recent person the pronoun can be: not Brown, whom "he" showed to be a man
    ("Ms. Sarah Miller led the campaign. Mayor John Brown said he would sign the bill.\n\n“We did it,” she said.",
     0, "Sarah Miller", "person"),
    ("Ambassador Vladimir Zayemsky spoke on Monday.\n\n“The work goes on,” the ambassador said.", 0,
     "Vladimir Zayemsky", "person"),
    ("John Brown spoke after the vote.\n\n“We did it,” Brown said.", 0, "John Brown", "person"),
    ("“The talks have stopped,” a source close to the ministry said.", 0, None, "anonymous"),
    ("“The talks have stopped,” The New York Times reported.", 0, "The New York Times", "publication"),
]


@pytest.mark.parametrize("body,i,name,kind", RESOLUTION)
def test_speaker_names_and_kinds(quotes_of, body, i, name, kind):
    row = quotes_of(body)[i]
    assert (row["speaker_name"], row["speaker_kind"]) == (name, kind)


def test_same_input_same_rows(quotes_of):
    body = "“We did it,” Brown said.\n\n“It is a great day,” he added, “for all of us.”"
    assert quotes_of(body) == quotes_of(body)


# --- the seed articles ---------------------------------------------------------------------------------

# (file, quote text start, speaker as written or resolved) that must be found
SEED_MUST = [
    ("001_e5a7a07398edeeac.txt", "They believe the fight is being lost", "a person close to the Russian government"),
    ("001_e5a7a07398edeeac.txt", "Since the Venezuelans aren't paying", "the Defense Ministry source"),
    ("001_e5a7a07398edeeac.txt", "a public show of support", "One of WSJ's sources"),
    ("001_e5a7a07398edeeac.txt", "absolutely false.", "Vladimir Zayemsky"),
    ("001_e5a7a07398edeeac.txt", "The work is carried out", "Ambassador Vladimir Zayemsky"),
    ("002_1ee436427ede1253.txt", "Russia has withdrawn key defense advisers", "The Wall Street Journal"),
    ("003_bc3e4435e5a2bdb1.txt", "US-backed coup attempts", "Kremlin"),
    ("003_bc3e4435e5a2bdb1.txt", "Russian state defense contractor Rostec", "The Wall Street Journal"),
    ("003_bc3e4435e5a2bdb1.txt", "Rostec’s withdrawal of permanent", "The Wall Street Journal"),
    ("004_f55db57bca15a309.txt", "Russian state defense contractor Rostec", "the Wall Street Journal"),
    ("004_f55db57bca15a309.txt", "Rostec’s withdrawal of permanent", "the Wall Street Journal"),
    ("004_f55db57bca15a309.txt", "Russia has informed us", "US President Donald Trump"),
]
# (file, text that must not start a quote)
SEED_MUST_NOT = [
    ("000_83f082756cacea00.txt", "Will the US intervene"),
    ("002_1ee436427ede1253.txt", "In a Blow to Maduro"),
    ("004_f55db57bca15a309.txt", "Cutting their losses"),
]


@pytest.fixture(scope="module")
def seed_quotes(parse, seed_texts):
    out = {}
    for name, text in seed_texts.items():
        doc, layout = parse(text)
        out[name] = extract_quotes(doc, layout, extract_entities(doc, layout))
    return out


@pytest.mark.parametrize("name,start,speaker", SEED_MUST)
def test_seed_quotes_found_with_their_speaker(seed_quotes, name, start, speaker):
    rows = [r for r in seed_quotes[name] if r["text"].startswith(start)]
    assert rows, f"no quote starting {start!r}"
    assert speaker in (rows[0]["speaker"], rows[0]["speaker_name"])


@pytest.mark.parametrize("name,start", SEED_MUST_NOT)
def test_seed_non_quotes(seed_quotes, name, start):
    assert not any(r["text"].startswith(start) for r in seed_quotes[name])


def test_seed_rows_keep_the_contract(seed_quotes, seed_texts):
    assert [r for r in seed_quotes["000_83f082756cacea00.txt"] if r["form"] in MARKED] == []
    for name, rows in seed_quotes.items():
        for r in rows:
            assert seed_texts[name][r["start"]:r["end"]] == r["text"]
            assert r["form"] in MARKED | {"reported", "mixed"}
            assert r["speaker_kind"] in {"person", "organization", "publication", "anonymous", "unknown"}
            assert r["in_body"] is True


# --- reported speech ------------------------------------------------------------------------------

# (body, expected [(content, form, speaker as written)]) per construction, negatives beside them
REPORTED = [
    # a speech or cognition verb with a clausal complement
    ("The senator said that the deal was dead.", [("the deal was dead", "reported", "The senator")]),
    ("Investigators believe the fire was set deliberately.",
     [("the fire was set deliberately", "reported", "Investigators")]),
    ("The agency warned that the river would flood the lower town.",
     [("the river would flood the lower town", "reported", "The agency")]),
    # a clause with its own subject right after the cue, which the parse hung on as an adverbial;
    # a clause with a subordinator is no content
    ("The mayor said after the vote he would not sign the bill.",
     [("after the vote he would not sign the bill", "reported", "The mayor")]),
    ("The mayor spoke after the council voted.", []),
    # "pointed out", "see that": a clause makes them cues; a place or a thing seen does not
    ("The clerk pointed out that the budget was late.", [("the budget was late", "reported", "The clerk")]),
    ("The clerk pointed at the map.", []),
    ("Analysts see that the merger will fail.", [("the merger will fail", "reported", "Analysts")]),
    ("The mayor saw the fire from her window.", []),
    # a noun object of a verb of announcing or judging
    ("The company denied any wrongdoing.", [("any wrongdoing", "reported", "The company")]),
    # content before the cue, and a tag inside the sentence
    ("The deal is dead, the senator said.", [("The deal is dead", "reported", "the senator")]),
    ("The bridge, the engineer said, will open in the spring.",
     [("The bridge, the engineer said, will open in the spring", "reported", "the engineer")]),
    # a tag closing a paragraph covers the sentences before it, unless they have a cue of their own
    ("The plant is old. It loses money every year, the owner said.",
     [("The plant is old. It loses money every year", "reported", "the owner")]),
    ("The mayor said the plant was old. It loses money every year, the owner said.",
     [("the plant was old", "reported", "The mayor"), ("It loses money every year", "reported", "the owner")]),
    # a tag set off by commas inside the sentence it reports; a closing mark of two apostrophes
    ("The lifeguards, Ortiz explained at the meeting on Tuesday, were short of staff, working double shifts.",
     [("The lifeguards, Ortiz explained at the meeting on Tuesday, were short of staff, working double shifts",
       "reported", "Ortiz")]),
    ("On Tuesday, Smith spoke, and then the crowd left.", []),
    ("However noble the aim, raising the fuel tax ''is the wrong tool,'' Mr. Grant said.",
     [("However noble the aim, raising the fuel tax ''is the wrong tool,''", "mixed", "Mr. Grant")]),
    # "according to X"
    ("According to two officials, the talks stalled.", [("the talks stalled", "reported", "two officials")]),
    # a noun of saying with a content clause
    ("The union's claim that the budget was unfair angered the council.",
     [("the budget was unfair", "reported", "The union")]),
    # a verb the tagger read as a noun of saying, with its own subject and clause
    ("Omar Díaz charges that the contractors padded their bills.",
     [("the contractors padded their bills", "reported", "Omar Díaz")]),
    # content over several sentences after a colon
    ("The treasurer said: the budget is balanced. Taxes will not rise this year.",
     [("the budget is balanced. Taxes will not rise this year", "reported", "The treasurer")]),
    # an infinitive after a verb of intending
    ("The mayor refused to sign the new parking rules.",
     [("to sign the new parking rules", "reported", "The mayor")]),
    # the seeds' shapes, in invented sentences: a tweet reported with its clause, "accuses X of",
    # a gerund that shares its speaker, a vow with its infinitive, a judgment with its object
    ("The president has tweeted that the troops had left the country.",
     [("the troops had left the country", "reported", "The president")]),
    ("The council accuses the mayor of hiding the report.",
     [("the mayor of hiding the report", "reported", "The council")]),
    ("The clerk resigned on Friday, noting that the budget was a mess.",
     [("the budget was a mess", "reported", "The clerk")]),
    ("The union has vowed to keep up the strike.", [("to keep up the strike", "reported", "The union")]),
    ("The mayor has touted the new harbour park.", [("the new harbour park", "reported", "The mayor")]),
    # a noun object goes on with a phrase describing it that the parse hung on the verb; a setting
    # ("in a speech", "by email") or a date stays out
    ("The principal cited letters of support from 40 teachers.",
     [("letters of support from 40 teachers", "reported", "The principal")]),
    ("The senator attacked the plan in a long speech.", [("the plan", "reported", "The senator")]),
    ("The union announced the strike by email.", [("the strike", "reported", "The union")]),
    # a noun object goes on with "as" or "to"
    ("The minister likened the new tax to a slow leak.",
     [("the new tax to a slow leak", "reported", "The minister")]),
    # a quoted judgment inside the content is one row with it; a quote of another speaker inside
    # the content does not void the report around it
    ("The coach called the club's conduct “disgraceful” on Sunday.",
     [("the club's conduct “disgraceful”", "mixed", "The coach")]),
    ("The mayor said that the clerk once described the new plan as “the best deal” of the decade.",
     [("the clerk once described the new plan as “the best deal” of the decade", "mixed", "The mayor"),
      ("the new plan as “the best deal” of the decade", "mixed", "the clerk")]),
    ("The senator called on Monday for a new vote.", [("a new vote", "reported", "The senator")]),
    # negatives: no content, a name given, a verb used literally, a hypothesis, no speaker
    ("The senator spoke to reporters and said on Tuesday.", []),
    ("The so-called deal collapsed on Friday.", []),
    ("She told the dog to sit.", []),
    ("You would think the budget was balanced.", []),
    ("It was reported that the bridge had closed.", []),
    # an intention to speak, or not to, reports no content; an intention to act does
    ("The minister declined to comment.", []),
    ("A spokesman refused to say whether the plant would close.", []),
    ("The mayor refused to sign the budget.", [("to sign the budget", "reported", "The mayor")]),
    # a cue after "without" reports nothing; the writer ("I", "we") and the reader or anybody ("you",
    # "everyone") are no reported source
    ("The clerk left without saying that the budget was late.", []),
    ("I guess the budget is late.", []),
    ("We reported last week that the budget was late.", []),
    ("As you may recall, the pool closed last summer.", []),
    ("As everyone says, the pool is too cold.", []),
    ("Let's suppose the pool reopens in May.", []),
    ("The clerk guessed that the budget was late.", [("the budget was late", "reported", "The clerk")]),
    # a cue the lemmatizer misses ("hopes" -> "hop") is still found by its written form
    ("The owner hopes to reopen the mill next year.", [("to reopen the mill next year", "reported", "The owner")]),
    ("The owner hoped the mill would reopen.", [("the mill would reopen", "reported", "The owner")]),
    # infinitives coordinated with the cue's own, which the parse hangs on the cue, are content too
    ("The club wants to repaint the stands, fix the roof and hire a new coach.",
     [("to repaint the stands, fix the roof and hire a new coach", "reported", "The club")]),
    ("The governor promised to cut taxes and in some cases end them.",
     [("to cut taxes and in some cases end them", "reported", "The governor")]),
    # a verb of saying whose noun object is the hearer takes an infinitive as content when the
    # hearer is a person, without the hearer; verbs whose noun object is what was said (stress,
    # describe, declare) take the object
    ("The coach told the officials to check the pitch.", [("to check the pitch", "reported", "The coach")]),
    ("The principal asked them to leave the gym.", [("to leave the gym", "reported", "The principal")]),
    ("The senator stressed the need for new roads.", [("the need for new roads", "reported", "The senator")]),
    ("The mayor told reporters on Friday.", []),
    # an "as" aside reports the clause it hangs on; "as" of time does not; a tag with its hearer
    ("As the mayor noted, the budget is late.", [("the budget is late", "reported", "the mayor")]),
    ("The stadium, as one of the club's coaches remarked, seldom fills up on a weeknight.",
     [("The stadium, as one of the club's coaches remarked, seldom fills up on a weeknight", "reported",
       "one of the club's coaches")]),
    ("As Brown talked about jobs, Smith looked at the crowd.", [("jobs", "reported", "Brown")]),
    ("The real problem, she told me last spring, was that the roof leaked.",
     [("The real problem, she told me last spring, was that the roof leaked", "reported", "she")]),
    # a clause whose verb is also a verb of saying ("continue") is content unless set off as a tag
    ("The clerk said the strike would continue into May.",
     [("the strike would continue into May", "reported", "The clerk")]),
    # a noun object of a verb of showing is what was shown; a thing found is no finding, unless
    # judged ("found the bridge unsafe")
    ("Surveys show a clear lead for the home team.", [("a clear lead for the home team", "reported", "Surveys")]),
    ("The firm found a way to cut costs.", []),
    ("The forecast shows the river rising by two feet.",
     [("the river rising by two feet", "reported", "The forecast")]),
    ("An inspector found the bridge unsafe.", [("the bridge unsafe", "reported", "An inspector")]),
    # a noun of intending keeps its infinitive past a date; a purpose is the speaker's, not content
    ("The school board announced plans this spring to add a new wing.",
     [("plans this spring to add a new wing", "reported", "The school board")]),
    ("The principal cited the survey to defend the fee.", [("the survey", "reported", "The principal")]),
    # a verb of characterizing with its object and what it is made out to be
    ("The coach has portrayed the new stadium as a gift to the town.",
     [("the new stadium as a gift to the town", "reported", "The coach")]),
    # verbs of approving, admiring or perceiving are no verbs of saying
    ("The council approved the budget.", []),
    ("Visitors admire the old bridge.", []),
    ("Shoppers heard the bells ring.", []),
    # an infinitive cue reports when its verb is one of aspect ("appeared to", "went on to"), not of
    # aim, of a future ("is going to") or of a habit ("tend to")
    ("The coach appeared to suggest that the season was over.",
     [("the season was over", "reported", "The coach")]),
    ("The mayor went on to explain that the budget was late.",
     [("the budget was late", "reported", "The mayor")]),
    ("The coach is going to announce the team on Friday.", []),
    ("She is going to say that the pool is closed.", []),
    ("Coaches tend to praise their players.", []),
    ("The clerk hopes to prove that the budget was late.",
     [("to prove that the budget was late", "reported", "The clerk")]),
    # a gerund cue under a modal shares its mood; a negated modal still reports
    ("The club might want to call the plumber, stressing the damage to the roof.", []),
    ("They could not help mentioning that the pool was cold.",
     [("the pool was cold", "reported", "They")]),
    # a passive verb of saying without "by" names no source: its subject is the one addressed or the
    # thing said; with "by", the agent is the source
    ("The mayor was asked about the budget.", []),
    ("Voters were told that the polls would close early.", []),
    ("That question was never asked of the mayor.", []),
    ("The budget was criticized by the union.", [("The budget", "reported", "the union")]),
    # the cue in a relative clause reports its antecedent, not the sentence around it; a condition
    # with its auxiliary first is no content of the tag before it
    ("Nothing the coach says is ever true.", []),
    ("The coach added a warning, should the club try to sign him again.", []),
    # a clause before a cue that takes an object after it is a setting, not the content
    ("In his 1998 book, ''Grow Your Savings,'' Mr. Lane suggested keeping a list of every bill.",
     []),
]


@pytest.mark.parametrize("body,expected", REPORTED)
def test_reported_speech(quotes_of, body, expected):
    assert brief(quotes_of(body), {"reported", "mixed"}) == expected


# Who reported speech is from: (body, expected (speaker, speaker_name, speaker_kind) of the last row)
REPORTED_SPEAKERS = [
    ("Mayor Jane Brown spoke after the vote. She said that the budget was balanced.",
     ("She", "Jane Brown", "person")),
    ("Officials said the talks had stalled.", ("Officials", None, "anonymous")),
    # a description resolves to the organisation named before it
    ("The Ministry of Health opened a clinic on Monday. The ministry said the clinic would treat children.",
     ("The ministry", "Ministry of Health", "organization")),
    ("Acme Corp shut two plants this year. The company denied that jobs would go.",
     ("The company", "Acme Corp", "organization")),
    # an indefinite description stays unresolved
    ("Acme Corp shut two plants this year. A rival company said that prices would rise.",
     ("A rival company", None, "organization")),
    ("A source familiar with the talks said the deal was close.",
     ("A source familiar with the talks", None, "anonymous")),
]


@pytest.mark.parametrize("body,expected", REPORTED_SPEAKERS)
def test_reported_speakers_resolve_or_stay_anonymous(quotes_of, body, expected):
    row = [r for r in quotes_of(body) if r["form"] == "reported"][-1]
    assert (row["speaker"], row["speaker_name"], row["speaker_kind"]) == expected


def test_a_quoted_sentence_is_not_also_reported_speech(quotes_of):
    rows = quotes_of("“The deal is dead,” the senator said.")
    assert brief(rows, MARKED | {"reported", "mixed"}) == [("The deal is dead,", "direct", "the senator")]


def test_cues_are_found_in_the_nlp_pass(nlp):
    doc = nlp("According to the clerk, the mayor said that the union's claim that taxes would rise was wrong.")
    assert "quote_cues" in nlp.pipe_names
    assert [(s.text, s.label_) for s in doc.spans["quote_cues"]] == [
        ("According to", "according_to"), ("said", "say"), ("claim", "noun")]


BODY = ("The city council met on Monday evening to discuss the budget for the coming year, and many "
        "members of the public attended the long meeting at the town hall. Mayor Jane Brown spoke after the vote.\n\n")
# (headline, expected reported rows): a headline that names its source before a colon, or a cue verb
HEADLINES = [
    ("Jane Brown: The Budget Will Pass This Year\n\n", [("The Budget Will Pass This Year", "reported", "Jane Brown")]),
    ("Senator Jane Brown: Budget will pass this year\n\n",
     [("Budget will pass this year", "reported", "Senator Jane Brown")]),
    ("Analysis: The Budget Will Pass This Year\n\n", []),
    # a cue verb in the headline, its source right before it; content after it, or before a comma
    ("Jane Brown Says the Budget Will Pass\n\n", [("the Budget Will Pass", "reported", "Jane Brown")]),
    ("The Budget Will Pass, Jane Brown Says\n\n", [("The Budget Will Pass", "reported", "Jane Brown")]),
    ("Board denies request to close the pool\n\n",
     [("request to close the pool", "reported", "Board")]),
    ("Brown Plans to Cut Taxes\n\n", [("to Cut Taxes", "reported", "Brown")]),
    # a preposition that opens what was said is left out, as in the body
    ("Jane Brown Warns Against Pool Cuts\n\n", [("Pool Cuts", "reported", "Jane Brown")]),
    # a rubric before a colon is no source; the headline after it may still have one
    ("Live Updates: Jane Brown urges fans to arrive early\n\n",
     [("fans to arrive early", "reported", "Jane Brown")]),
    # negatives: no source before the cue, a noun that looks like a verb, a verb used literally, no
    # content, one word that is no name, a verb that is no verb of saying
    ("Pool Fees Rise in the City\n\n", []),
    ("Brown Plans for Taxes Are Complex\n\n", []),
    ("Jane Brown Speaks at Club Dinner\n\n", []),
    ("Jane Brown Says\n\n", []),
    ("Jane Brown Calls for Calm\n\n", []),
    ("Council Approves Budget\n\n", []),
    ("Union Discusses Pay\n\n", []),
    ("Jane Brown Knows Best\n\n", []),
]


@pytest.mark.parametrize("head,expected", HEADLINES)
def test_headline_sources_and_cues(quotes_of, head, expected):
    rows = quotes_of("", head=head + BODY)
    assert brief(rows, {"reported"}) == expected
    assert all(r["in_body"] is False for r in rows if r["form"] == "reported")


# (dek, expected reported rows): a dek is read for reported speech but is not body text
DEKS = [
    ("The mayor says the new budget will pass next week.",
     [("the new budget will pass next week", "The mayor", False)]),
    ("A long night at the town hall ended with a vote on the new pool.", []),
]


@pytest.mark.parametrize("dek,expected", DEKS)
def test_a_dek_is_read_for_reported_speech_but_is_not_body(quotes_of, parse, dek, expected):
    text = f"Council passes budget\n\n{dek}\n\n" + BODY
    assert parse(text)[1].subtitle == dek
    rows = quotes_of("", head=text)
    assert [(r["text"], r["speaker"], r["in_body"]) for r in rows if r["form"] == "reported"] == expected
