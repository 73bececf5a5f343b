"""Entity extraction and corpus-wide identity: tables of (text, expected) per rule, negatives beside
positives, then the corpus resolution on small DataFrames, then a regression on the seed articles."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.extract.entities import extract_entities
from pipeline.link.entities import resolve_corpus
from pipeline.schemas import ENTITIES


def mentions(parse, text: str) -> list[dict]:
    doc, layout = parse(text)
    return extract_entities(doc, layout)


def pairs(rows: list[dict]) -> set[tuple[str, str]]:
    return {(r["text"], r["label"]) for r in rows}


def texts(rows: list[dict]) -> set[str]:
    return {r["text"] for r in rows}


# --- Span cleanup ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, present, absent", [
    # a leading determiner and a trailing possessive are not part of the name
    ("He spoke to The Wall Street Journal on Monday.\n", {("Wall Street Journal", "ORG")},
     {"The Wall Street Journal"}),
    ("Russia's ambassador in Venezuela denied the reports.\n", {("Russia", "GPE"), ("Venezuela", "GPE")},
     {"Russia's", "Russia’s"}),
    # an internal possessive separates two names ...
    ("Kazakhstan’s Erkin Adelbek won the silver medal.\n",
     {("Kazakhstan", "GPE"), ("Erkin Adelbek", "PERSON")}, {"Kazakhstan’s Erkin Adelbek"}),
    # ... but not a name built on a possessive
    ("The People's Liberation Army took part, and the Namibia National Teachers' Union objected.\n",
     {("People's Liberation Army", "ORG"), ("Namibia National Teachers' Union", "ORG")},
     {"Liberation Army", "Namibia National Teachers"}),
    # a bracketed acronym is a mention of its own, not the end of the name
    ("The Nicaraguan Institute of Territorial Studies (Ineter) issued a warning.\n",
     {("Nicaraguan Institute of Territorial Studies", "ORG")}, {"Nicaraguan Institute of Territorial Studies (Ineter"}),
    # a line break ends a name
    ("Spencer Fernando\n\nPhoto – YouTube\n", set(), {"Spencer Fernando\n\nPhoto", "Photo"}),
    # a sentence-opening verb glued to a name is not part of it
    ("Said Xulu: “It is a sad day for the judiciary.” He said it twice. Xulu said nothing more.\n",
     {("Xulu", "PERSON")}, {"Said Xulu"}),
])
def test_span_cleanup(parse, text, present, absent):
    rows = mentions(parse, text)
    assert present <= pairs(rows)
    assert not absent & texts(rows)
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]


@pytest.mark.parametrize("text, present, absent", [
    # titles and honorifics come off a person's name, and make it a person
    ("Comptroller Gerardo Solís said the audit would continue.\n", {("Gerardo Solís", "PERSON")},
     {"Comptroller Gerardo Solís"}),
    ("Retired USMC Lt. Col. Dakota Wood says leaving all options on the table is smart.\n",
     {("Dakota Wood", "PERSON")}, {"Col. Dakota Wood"}),
    # ... but an organisation named after a king keeps its name
    ("King Abdullah University of Science and Technology opened a new campus.\n",
     {("King Abdullah University of Science and Technology", "ORG")}, {"Abdullah University of Science and Technology"}),
    # a nationality in front of a person is not part of the name
    ("Kuwaiti Al-Enezi won the silver medal, ahead of Thai boxer Swarot Soket.\n", set(), {"Kuwaiti Al-Enezi"}),
])
def test_titles_and_honorifics(parse, text, present, absent):
    rows = mentions(parse, text)
    assert present <= pairs(rows)
    assert not absent & texts(rows)


HEADLINE = ("Russia Slashes Number of Military Advisers in Venezuela, Reports Say\n\n"
            "Russia's defense conglomerate has withdrawn key defense advisers from Venezuela, the newspaper "
            "reported Sunday. Moscow supplied Caracas with weapons and loans.\n")


def test_headline_case_keeps_only_attested_names(parse):
    rows = mentions(parse, HEADLINE)
    head = [r for r in rows if r["start"] < HEADLINE.index("\n")]
    assert {r["text"] for r in head} <= {"Russia", "Venezuela"}
    assert ("Russia", "GPE") in {(r["text"], r["label"]) for r in head}
    assert not any("Slashes" in r["text"] or "Reports" in r["text"] for r in rows)
    assert all(not r["in_body"] for r in head)


# --- Labels ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, present, absent", [
    # known outlets and agencies are organisations, with the registry's name
    ("WSJ cited its source as saying the pullout had escalated, AFP reported.\n", {("WSJ", "ORG"), ("AFP", "ORG")},
     set()),
    # a known country is a place, whatever the model says
    ("Troops were deployed to Mali, Niger and Chad last year.\n", {("Mali", "GPE"), ("Niger", "GPE"), ("Chad", "GPE")},
     set()),
    # head words: "... Ministry" is an organisation, "... National Park" a place
    ("Visitors to Barbilla National Park need a permit from the Costa Rican Ministry of Environment.\n",
     {("Barbilla National Park", "LOC")}, set()),
    # a name that reads as no people or faith is not NORP ("Rostec")
    ("Russian state defense contractor Rostec is exiting the country.\n", {("Rostec", "ORG")}, {("Rostec", "NORP")}),
    # a job is not an organisation; a disease code is not a name
    ("Josselyn Chacón, Minister of Health, said COVID-19 cases fell.\n", {("Josselyn Chacón", "PERSON")},
     {"Health", "COVID-19", "Minister of Health"}),
    # apposition says what a name is
    ("Tama Talum, a Bunun man, was pardoned in 2017.\n", {("Tama Talum", "PERSON")}, set()),
])
def test_labels(parse, text, present, absent):
    rows = mentions(parse, text)
    got = pairs(rows)
    assert present <= got
    assert not ({a for a in absent if isinstance(a, str)} & texts(rows))
    assert not ({a for a in absent if isinstance(a, tuple)} & got)


@pytest.mark.parametrize("text, present, absent", [
    # a given name opens a person's name; a name marker such as "Nana" is kept in it
    ("The president of the Movement Another Way, Ricardo Lombana, suggested cuts.\n",
     {("Ricardo Lombana", "PERSON")}, set()),
    ("The list of chiefs names Nana Kwadumanu and Nana Attah Panyin as elders of the state.\n",
     {("Nana Kwadumanu", "PERSON"), ("Nana Attah Panyin", "PERSON")}, set()),
    # a well-known organisation is an ORG even when the model reads a person
    ("Analysts on Twitter said the plan would fail, and Tepco declined to comment.\n",
     {("Twitter", "ORG"), ("Tepco", "ORG")}, {("Twitter", "PERSON"), ("Tepco", "PERSON")}),
    # a job in front of a place goes, the place stays
    ("He met the Ruler of Umm Al Quwain in Makkah on Tuesday.\n", {("Umm Al Quwain", "GPE")},
     {"Ruler of Umm Al Quwain"}),
    # laws and events are not organisations
    ("Under the Public Procurement Act, bids opened before the Transformation Education Summit.\n",
     {("Public Procurement Act", "LAW"), ("Transformation Education Summit", "EVENT")},
     {("Public Procurement Act", "ORG"), ("Transformation Education Summit", "ORG")}),
    # common abbreviations are not names
    ("Voters received an SMS saying GDP would grow.\n", set(), {"SMS", "GDP"}),
    # a city qualified by its country is one place reference, a list of countries is not
    ("The meeting in Kigali, Rwanda, was followed by talks with Mali, Niger and Chad.\n",
     {("Kigali, Rwanda", "GPE"), ("Mali", "GPE"), ("Niger", "GPE")}, {"Mali, Niger"}),
    # the head of "X of Y" is before "of"
    ("The National Council of Provinces must vote on the report.\n",
     {("National Council of Provinces", "ORG")}, {("National Council of Provinces", "GPE")}),
    # a storm's name is not a person
    ("Tropical storm Bonnie made landfall on Friday. Bonnie weakened overnight.\n", set(),
     {("Bonnie", "PERSON")}),
    # a wire credit the model left untagged
    ("The suspect was arrested in Bangkok. - Bernama\n", {("Bernama", "ORG")}, set()),
    # a one-word place after "in" is a place, not an organisation
    ("The case was pending before a lower court in Vellore for years.\n", {("Vellore", "GPE")},
     {("Vellore", "ORG")}),
])
def test_more_labels(parse, text, present, absent):
    rows = mentions(parse, text)
    got = pairs(rows)
    assert present <= got
    assert not ({a for a in absent if isinstance(a, str)} & texts(rows))
    assert not ({a for a in absent if isinstance(a, tuple)} & got)


def test_surname_takes_the_full_name_and_its_label(parse):
    text = ("President Nicolás Maduro met his generals in Caracas. Critics say Maduro's regime is "
            "running out of cash, and Mr. Maduro did not respond.\n")
    rows = mentions(parse, text)
    maduro = [r for r in rows if "Maduro" in r["text"]]
    assert len(maduro) == 3
    assert {r["label"] for r in maduro} == {"PERSON"}
    assert {r["canonical_name"] for r in maduro} == {"Nicolás Maduro"}
    assert len({r["entity_id"] for r in maduro}) == 1


def test_shared_surname_is_not_given_to_either_person(parse):
    text = ("Daniel Ortega and his son Rafael Ortega met in Managua on Monday. Ortega said nothing.\n")
    rows = mentions(parse, text)
    alone = [r for r in rows if r["text"] == "Ortega"]
    full = {r["entity_id"] for r in rows if r["text"] in ("Daniel Ortega", "Rafael Ortega")}
    assert alone and len(full) == 2
    assert not {r["entity_id"] for r in alone} & full


@pytest.mark.parametrize("text, present", [
    # a bracketed acronym, and its later bare uses, are the organisation
    ("Dr Forson accused the Bank of Ghana (BoG) of printing money. The BoG denied it.\n",
     {("Bank of Ghana", "ORG"), ("BoG", "ORG")}),
    # an all-caps dateline opening the story is a place
    ("KIGALI, Jun 15 2022 (IPS) - A few years ago, farmers in Rwanda struggled.\n", {("KIGALI", "GPE")}),
    # a known place the model missed
    ("The storm hit the Argentina-Chile border on Saturday.\n", {("Chile", "GPE")}),
])
def test_recall_rules(parse, text, present):
    assert present <= pairs(mentions(parse, text))


@pytest.mark.parametrize("text, present, absent", [
    # a name the model cut in two is one name: a person's, or one closed by a head word ...
    ("Interior Minister Clemente Engonga Nguema Onguene gave the answer himself.\n",
     {("Clemente Engonga Nguema Onguene", "PERSON")}, {"Clemente Engonga", "Nguema Onguene"}),
    ("Tourists explore the ominous caves in Barra Honda National Park every year.\n",
     {("Barra Honda National Park", "LOC")}, {"Barra Honda", "National Park"}),
    # ... but a nationality in front of a person stays out of the name
    ("The gold went to Iranian Mustafa Riqi, ahead of Thai Swarot Soket.\n",
     {("Mustafa Riqi", "PERSON")}, {"Iranian Mustafa Riqi"}),
    # "and" between two complete names makes two mentions; inside one name it does not
    ("The bill was passed by the National Assembly and National Council of Provinces on Monday.\n",
     {("National Assembly", "ORG"), ("National Council of Provinces", "ORG")},
     {"National Assembly and National Council of Provinces"}),
    ("The Ministry of Agriculture and Rural Development said farmers in Trinidad and Tobago would be paid.\n",
     {("Ministry of Agriculture and Rural Development", "ORG"), ("Trinidad and Tobago", "GPE")},
     {"Rural Development", "Tobago"}),
    # the first words of a job title after an organisation belong to the title
    ("MTC Public Relations Officer Erasmus Nekundi said the network was stable.\n",
     {("MTC", "ORG"), ("Erasmus Nekundi", "PERSON")}, {"MTC Public Relations"}),
    ("Kenya Airways Chief Executive Allan Kilavuka said the strike was over.\n",
     {("Kenya Airways", "ORG")}, {"Kenya"}),
    # a nationality in front of one word makes no person of an organisation
    ("He praised the performance of the Egyptian Exchange (EGX) this year.\n",
     {("Egyptian Exchange", "ORG"), ("EGX", "ORG")}, {"Exchange"}),
    # a word the tagger reads as a verb is part of a name unless the article writes it lowercase
    ("Committee members Nosipho Makamba-Botya and Cameron Dugmore asked questions.\n",
     {("Nosipho Makamba-Botya", "PERSON")}, {"Makamba-Botya"}),
])
def test_boundaries(parse, text, present, absent):
    rows = mentions(parse, text)
    assert present <= pairs(rows)
    assert not absent & texts(rows)


@pytest.mark.parametrize("text, present, absent", [
    # an acronym after a person's name is their party or employer ...
    ("Committee members Matlhodi Maseko (DA) and Cameron Dugmore (ANC) asked the auditor.\n",
     {("DA", "ORG"), ("ANC", "ORG"), ("Matlhodi Maseko", "PERSON")}, {("DA", "PERSON"), ("ANC", "PERSON")}),
    # ... and an acronym of lowercase words is no name at all, unlike one of a named body
    ("Drones, or unmanned aerial systems (UAS), help farmers. The UAS market grows.\n", set(), {("UAS", "ORG")}),
    ("The party's central executive committee (CEC) met on Monday.\n", {("CEC", "ORG")}, set()),
    # titles only are not a name; the name after them is a person
    ("The government, under His Majesty King Abdullah's directives, is working hard.\n",
     {("Abdullah", "PERSON")}, {("Majesty King", "PERSON"), ("Majesty", "PERSON")}),
    ("ASI Masud said the body was sent to a hospital morgue.\n", {("Masud", "PERSON")}, set()),
    ("Deputy Prime Minister Tawfiq Kreishan met the delegation.\n", set(), {("Prime", "PERSON")}),
    # not names of people: a country opening a caption line, a maker before a model code, a creed
    # word modifying a noun, a regnal number
    ("Venezuela Map, adapted from image at cia.gov\n\nRussia is an ally.\n", {("Venezuela", "GPE")},
     {("Venezuela Map", "PERSON")}),
    ("Russian-made Mil Mi-17 helicopters and two Boeing 737-800 jets flew over.\n", set(),
     {("Mil", "PERSON"), ("Boeing", "ORG")}),
    ("Nicolás Maduro spoke. It was a blow to the shaky Maduro Socialist regime.\n", set(),
     {("Maduro Socialist", "ORG")}),
    ("North Korean officials met Central American envoys.\n", set(), {("North", "ORG"), ("Central", "ORG")}),
])
def test_names_and_not_names(parse, text, present, absent):
    rows = mentions(parse, text)
    assert present <= pairs(rows)
    assert not absent & pairs(rows)


def test_short_form_of_an_organisation_joins_it(parse):
    rows = mentions(parse, "A source close to the Russian Defense Ministry spoke. The Defense Ministry declined to comment.\n")
    ids = {r["entity_id"] for r in rows if r["text"] in ("Russian Defense Ministry", "Defense Ministry")}
    assert len(ids) == 1
    assert {r["canonical_name"] for r in rows if r["text"] == "Defense Ministry"} == {"Russian Defense Ministry"}


def test_bracketed_acronym_joins_its_entity(parse):
    rows = mentions(parse, "Dr Forson accused the Bank of Ghana (BoG) of printing money. The BoG denied it.\n")
    ids = {r["entity_id"] for r in rows if r["text"] in ("Bank of Ghana", "BoG")}
    assert len(ids) == 1
    assert {r["canonical_name"] for r in rows if r["text"] == "BoG"} == {"Bank of Ghana"}


# --- Corpus resolution -------------------------------------------------------------------------

def frame(rows: list[tuple]) -> pd.DataFrame:
    """Rows as extract_entities would give them: (article, text, label, local cluster, canonical)."""
    out = []
    for k, (article, text, label, local, canonical) in enumerate(rows):
        out.append({"article_id": article, "mention_id": f"{article}-e{k}", "text": text, "start": k * 10,
                    "end": k * 10 + len(text), "label": label, "entity_id": local, "canonical_name": canonical,
                    "aliases": [text], "sentence_start": 0, "sentence_end": 1, "in_body": True})
    return pd.DataFrame(out)


CONTEXT = [("Russia", "GPE"), ("Venezuela", "GPE"), ("Rostec", "ORG")]


def with_context(article: str, rows: list[tuple]) -> list[tuple]:
    extra = [(article, t, lab, f"local-{90 + i}", t) for i, (t, lab) in enumerate(CONTEXT)]
    return rows + extra


def ids_of(df: pd.DataFrame, text: str) -> set[str]:
    return set(df.loc[df.text == text, "entity_id"])


def test_resolve_an_empty_corpus():
    from pipeline.schemas import empty_frame

    out = resolve_corpus(empty_frame("entities"))
    assert out.empty and set(ENTITIES.names) <= set(out.columns)


def test_resolve_returns_every_schema_column():
    out = resolve_corpus(frame([("a1", "Moscow", "GPE", "local-0", "Moscow")]))
    assert set(ENTITIES.names) <= set(out.columns)
    assert out.loc[0, "aliases"] == ["Moscow"]


@pytest.mark.parametrize("rows, same, different", [
    # accents: one entity, the accented form is canonical
    ([("a1", "Nicolás Maduro", "PERSON", "local-0", "Nicolás Maduro"),
      ("a2", "Nicolas Maduro", "PERSON", "local-0", "Nicolas Maduro")], ["Nicolás Maduro", "Nicolas Maduro"], []),
    # a bare surname in another article joins the one full name that ends with it
    ([("a1", "Nicolás Maduro", "PERSON", "local-0", "Nicolás Maduro"),
      ("a2", "Maduro", "ORG", "local-0", "Maduro")], ["Nicolás Maduro", "Maduro"], []),
    # two people sharing a surname stay two, and the bare surname goes to neither
    ([("a1", "Daniel Ortega", "PERSON", "local-0", "Daniel Ortega"),
      ("a2", "Camila Ortega", "PERSON", "local-0", "Camila Ortega"),
      ("a3", "Ortega", "PERSON", "local-0", "Ortega")], [], ["Daniel Ortega", "Camila Ortega", "Ortega"]),
    # registry aliases were mapped per article: U.S. / US / the United States
    ([("a1", "U.S.", "GPE", "local-0", "United States"), ("a2", "US", "GPE", "local-0", "United States"),
      ("a3", "United States", "GPE", "local-0", "United States")], ["U.S.", "US", "United States"], []),
    # an acronym used alone joins the organisation it was defined for in brackets elsewhere
    ([("a1", "Royal United Services Institute", "ORG", "local-0", "Royal United Services Institute"),
      ("a1", "RUSI", "ORG", "local-0", "Royal United Services Institute"),
      ("a2", "RUSI", "ORG", "local-0", "RUSI")], ["Royal United Services Institute", "RUSI"], []),
    # a middle initial does not make another person ...
    ([("a1", "Donald J. Trump", "PERSON", "local-0", "Donald J. Trump"),
      ("a2", "Donald Trump", "PERSON", "local-0", "Donald Trump")], ["Donald J. Trump", "Donald Trump"], []),
    # ... unless two people share the short form
    ([("a1", "George W. Bush", "PERSON", "local-0", "George W. Bush"),
      ("a2", "George H. W. Bush", "PERSON", "local-0", "George H. W. Bush"),
      ("a3", "George Bush", "PERSON", "local-0", "George Bush")], [], ["George W. Bush", "George H. W. Bush", "George Bush"]),
    # a bare surname goes to the person who dominates it in the corpus
    ([("a1", "Hillary Clinton", "PERSON", "local-0", "Hillary Clinton")] * 8 +
     [("a2", "Bill Clinton", "PERSON", "local-0", "Bill Clinton"), ("a3", "Clinton", "PERSON", "local-0", "Clinton")],
     ["Hillary Clinton", "Clinton"], ["Hillary Clinton", "Bill Clinton"]),
    # same name, different type: a person and a place are not merged
    ([("a1", "Georgia", "GPE", "local-0", "Georgia"), ("a2", "Georgia", "GPE", "local-0", "Georgia"),
      ("a3", "Lincoln", "PERSON", "local-0", "Lincoln")], ["Georgia"], []),
])
def test_identity(rows, same, different):
    out = resolve_corpus(frame(rows))
    if same:
        assert len(set().union(*(ids_of(out, t) for t in same))) == 1
    if different:
        assert len(set().union(*(ids_of(out, t) for t in different))) == len(different)


def test_misspelling_merges_only_with_shared_context():
    rows = with_context("a1", [("a1", "Mark Galeotti", "PERSON", "local-0", "Mark Galeotti")]) + \
        with_context("a2", [("a2", "Mark Galleotti", "PERSON", "local-0", "Mark Galleotti")])
    out = resolve_corpus(frame(rows))
    assert ids_of(out, "Mark Galeotti") == ids_of(out, "Mark Galleotti")
    assert set(out.loc[out.text == "Mark Galleotti", "canonical_name"]) == {"Mark Galeotti"}
    # without shared context, two spellings are two people
    bare = resolve_corpus(frame([("a1", "Mark Galeotti", "PERSON", "local-0", "Mark Galeotti"),
                                 ("a2", "Mark Galleotti", "PERSON", "local-0", "Mark Galleotti")]))
    assert ids_of(bare, "Mark Galeotti") != ids_of(bare, "Mark Galleotti")
    # a longer given name is another person, not a typo ("Ivana" / "Ivanka")
    kin = resolve_corpus(frame(with_context("a1", [("a1", "Ivana Trump", "PERSON", "local-0", "Ivana Trump")]) +
                               with_context("a2", [("a2", "Ivanka Trump", "PERSON", "local-0", "Ivanka Trump")])))
    assert ids_of(kin, "Ivana Trump") != ids_of(kin, "Ivanka Trump")
    # a mistyped given name is a typo ("Huge Chavez" / "Hugo Chávez")
    typo = resolve_corpus(frame(with_context("a1", [("a1", "Huge Chavez", "PERSON", "local-0", "Huge Chavez")]) +
                                with_context("a2", [("a2", "Hugo Chávez", "PERSON", "local-0", "Hugo Chávez")])))
    assert ids_of(typo, "Huge Chavez") == ids_of(typo, "Hugo Chávez")
    # names further apart than a typo never merge
    far = resolve_corpus(frame(with_context("a1", [("a1", "Mark Galeotti", "PERSON", "local-0", "Mark Galeotti")]) +
                               with_context("a2", [("a2", "Mark Gallagher", "PERSON", "local-0", "Mark Gallagher")])))
    assert ids_of(far, "Mark Galeotti") != ids_of(far, "Mark Gallagher")


def test_label_is_voted_across_the_corpus():
    out = resolve_corpus(frame([("a1", "Rostec", "ORG", "local-0", "Rostec"), ("a2", "Rostec", "ORG", "local-0", "Rostec"),
                                ("a3", "Rostec", "NORP", "local-0", "Rostec")]))
    assert set(out.label) == {"ORG"}
    assert out.entity_id.nunique() == 1


def test_ids_do_not_change_when_an_unrelated_article_is_added():
    base = [("a1", "Nicolás Maduro", "PERSON", "local-0", "Nicolás Maduro"), ("a2", "Maduro", "PERSON", "local-0", "Maduro"),
            ("a2", "Caracas", "GPE", "local-1", "Caracas")]
    before = resolve_corpus(frame(base))
    after = resolve_corpus(frame([("a0", "Angela Merkel", "PERSON", "local-0", "Angela Merkel"),
                                  ("a0", "Berlin", "GPE", "local-1", "Berlin")] + base))
    for text in ("Nicolás Maduro", "Maduro", "Caracas"):
        assert ids_of(before, text) == ids_of(after, text)
    assert before.equals(resolve_corpus(frame(base)))  # deterministic


# --- Seed articles -----------------------------------------------------------------------------

def test_seed_articles(parse, seed_texts):
    """What must and must not come out of the five seed articles, each resolved across the corpus."""
    rows = []
    for name, text in seed_texts.items():
        doc, layout = parse(text)
        for r in extract_entities(doc, layout):
            assert text[r["start"]:r["end"]] == r["text"]
            r["article_id"] = name
            r["mention_id"] = f"{name}-e{r['start']}"
            rows.append(r)
    out = resolve_corpus(pd.DataFrame(rows))
    by_text = out.groupby("text")
    # Maduro, however spelled, is one person everywhere
    maduro = out[out.text.str.contains("Maduro")]
    assert maduro.entity_id.nunique() == 1 and set(maduro.label) == {"PERSON"}
    assert set(maduro.canonical_name) == {"Nicolás Maduro"}
    assert maduro.article_id.nunique() == 5
    # Galeotti and Galleotti are one person; WSJ is The Wall Street Journal; U.S. is the United States
    assert ids_of(out, "Mark Galeotti") == ids_of(out, "Mark Galleotti")
    assert ids_of(out, "WSJ") == ids_of(out, "Wall Street Journal")
    assert set(out.loc[out.text == "WSJ", "canonical_name"]) == {"The Wall Street Journal"}
    assert len(ids_of(out, "U.S.") | ids_of(out, "US") | ids_of(out, "United States")) == 1
    assert set(by_text.get_group("Rostec").label) == {"ORG"}
    # headline-case and caption fragments are not entities
    for junk in ("Russia Slashes", "Venezuela Sparks", "Deployment of Military Planes", "Tweeted", "Photo",
                 "Venezuela Map", "Mil", "Maduro Socialist"):
        assert junk not in set(out.text)
    assert not out.text.str.contains("\n").any()
