"""Per-article rules that correct spaCy's small model where it is systematically wrong on news.

Each rule works on token spans of the one shared parse (never a new parse) and holds for news
writing in general:

- span cleanup: a mention never crosses a line break, a bracket, a spaced slash or an internal
  possessive ("Kazakhstan's Erkin Adelbek" is two mentions, "People's Liberation Army" one); it
  loses a leading determiner, a sentence-opening verb ("Said Xulu"), titles and honorifics
  ("Comptroller Gerardo Solís"), a nationality in front of a person ("Kuwaiti Al-Anzi"), a job
  title in front of a place ("Ruler of Umm Al Quwain"), and a trailing possessive or punctuation;
- boundaries: a person's name the model cut short grows over the capitalised words around it, a
  hyphenated name is not cut at the hyphen, a place grows to a longer known place ("Trinidad and
  Tobago") and over a compass word ("northern Kenya"); "Kigali, Rwanda" is one place reference;
- headline case: in a title-case or all-caps line every word is capitalised, so the model reads
  "Russia Slashes" as a person; such a span keeps only the words the article's prose attests as
  parts of names;
- labels: a known outlet, agency or organisation is an ORG, a known place a GPE or LOC; a phrase
  ending in "Ministry" or "Party" is an ORG, in "Park" or "Province" a place, in "Act" a LAW, in
  "Summit" an EVENT; a name after "Mr." or "President", or opening with a given name or "Nana",
  is a PERSON; apposition ("Bata, the largest city"), "the cities of ...", a list with a member
  of known type, and "in ..." say what a name is; a one-word "person" the article never names in
  full nor titles is not a person after "the" or before a common noun it modifies;
- recall: an acronym defined in brackets ("Bank of Ghana (BoG)"), a dateline place ("KIGALI, Jun
  15 (IPS) -"), known places, outlets and organisations the model missed, capitalised runs ending
  in an organisation or place head word ("Mauritius Meat Authority"), and later bare uses of names
  the article has already introduced (also in capitals);
- joins and splits: two mentions with only a space between them are one name ("Clemente Engonga" +
  "Nguema Onguene", "Barra Honda" + "National Park"); "and" between two complete names makes two
  ("the National Assembly and National Council of Provinces");
- not entities: jobs ("Minister of Health"), the first words of a job title after an organisation
  ("MTC Public Relations Officer"), titles alone ("His Majesty King"), common abbreviations ("SMS",
  "GDP") and acronyms of lowercase words ("unmanned aerial systems (UAS)"), product or disease codes
  ("COVID-19", "Mi-17") and the maker named before a model code ("Mil Mi-17"), a creed word modifying
  a noun ("the Maduro Socialist regime"), a country opening a "person" ("Venezuela Map"); an acronym
  in brackets after a person's name is their party ("Matlhodi Maseko (DA)"), not the person.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.extract.layout import outlets
from pipeline.extract.entities import gazetteer as gaz

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
          "LANGUAGE")
PLACE_LABELS = ("GPE", "LOC")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
                "my", "your"}
_POSSESSIVE = {"'s", "’s", "'", "’", "s", "'S", "’S"}
# Tags a name never starts with: a capitalised sentence opener that the model glued to a name.
_NON_NAME_START_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "RB", "RBR", "RBS", "UH", "CC",
                        "PRP", "PRP$", "MD", "WDT", "WP", "WRB", "TO", "CD", "EX", "DT", "PDT", ":", ",",
                        "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "SYM", "LS", "."}
_NON_NAME_END_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "CC", "DT", "TO", "PRP", "PRP$",
                      "WDT", ":", ",", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "SYM", "."}
# Tokens a mention is cut at: brackets, quotes, bars, spaced slashes and dashes.
_CUT_TEXTS = {"(", ")", "[", "]", "{", "}", "|", "“", "”", "\"", "«", "»", ";", "•", "·"}
_DASHES = {"-", "–", "—", "--", "/"}
# Lowercase words that are parts of names ("Juan de Dios", "Osama bin Laden").
_NAME_PARTICLES = {"de", "del", "della", "di", "da", "dos", "das", "do", "du", "la", "le", "van", "von", "der",
                   "den", "ten", "ter", "bin", "bint", "ibn", "al", "el", "y", "e", "of", "and", "for", "the"}
_COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
            "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west",
            "south-east", "south-west", "northeast", "northwest", "southeast", "southwest"}
_DEMONYM_END = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ics|ist|ists|ite|ites|er|ers|ch|ean|eans|ene|"
                          r"ine|ino|inos|ina|as|ais|ois|ais)$", re.I)
_ACRONYM_RE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}$")
# Words that read as a job rather than a name when they open an ORG span ("Minister of Health").
_JOB_WORDS = {"minister", "president", "secretary", "director", "chairman", "chairwoman", "chairperson",
              "member", "members", "coordinator", "governor", "mayor", "ambassador", "spokesman",
              "spokesperson", "head", "chief", "deputy", "commissioner", "chair", "leader", "judge",
              "prosecutor", "speaker", "senator", "vice", "permanent", "principal", "dean", "rector",
              "registrar", "auditor", "treasurer", "ceo", "manager", "officer", "representative", "ruler",
              "custodian", "founder", "governor-general", "commander", "mec"}


# Words that open a job title in front of the job word ("Public Relations Officer", "High Commissioner").
_JOB_MODIFIERS = {"public", "relations", "marketing", "sales", "communications", "communication", "operations",
                  "high", "general", "managing", "executive", "chief", "technical", "programme", "program",
                  "project", "country", "regional", "media", "finance", "financial", "human", "resources",
                  "senior", "assistant", "acting", "deputy", "interim"}


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    label: str
    strong: bool = False  # label set by a rule that outranks the model
    titled: bool = False  # a title or honorific stood in front of it
    canonical: str | None = None  # a registry name (place, outlet) when one applies
    aliases: list[str] = field(default_factory=list)


# --- Article context ---------------------------------------------------------------------------


@dataclass
class Context:
    """Facts about one article that several rules need, computed once from the doc and layout."""

    headline_tokens: set[int]
    attested: Counter  # casefolded word -> how often it is part of a model entity outside headlines
    lower_words: set[str]
    url_tokens: set[int]
    block_starts: set[int]
    caption_tokens: set[int]  # headline-case credit and caption lines, where a photographer may be named


def _is_headline_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 3:
        return False
    if text.rstrip().endswith((".", "?", "!", ",", ";", ":", "”", "\"")) and not text.isupper():
        return False
    long_words = [w for w in words if len(w) >= 4]
    if len(long_words) < 3:
        return False
    caps = sum(w[0].isupper() for w in long_words)
    return caps / len(long_words) >= 0.8


def _common_capitalised(word: str, lower_words: set[str]) -> bool:
    """A common word written with a capital, as headlines do ("Hid", "Problems"); the head words
    of names ("National Park", "Royal Stool") do not count."""
    low = word.lower()
    return low in lower_words and low not in gaz.ORG_HEADS and low not in gaz.PLACE_HEADS_LOC \
        and low not in gaz.PLACE_HEADS_GPE and low not in _NAME_ADJECTIVES


_NAME_ADJECTIVES = {"national", "international", "royal", "federal", "central", "general", "united", "state",
                    "democratic", "republican", "sector", "marine", "over", "head", "elders", "public", "regional"}


def build_context(doc, layout) -> Context:
    lower_words = {t.text for t in doc if t.text.islower()}
    head_ranges, caption_ranges = [], []
    block_starts = set()
    for b in layout.blocks:
        if b.kind in ("title", "subtitle", "promo", "section", "caption") and _is_headline_case(b.text):
            head_ranges.append((b.start, b.end))
            if b.kind == "caption":
                caption_ranges.append((b.start, b.end))
        elif b.kind == "body" and b.text.isupper() and len(b.text.split()) >= 3:
            head_ranges.append((b.start, b.end))
        elif b.kind == "body" and len(b.text.split()) >= 6 and _is_headline_case(b.text) \
                and sum(_common_capitalised(w, lower_words) for w in re.findall(r"\b[A-Z][a-z]{3,}\b", b.text)) >= 3:
            # a headline in the body (a list of related stories): common words written capitalised
            head_ranges.append((b.start, b.end))
    headline_tokens, caption_tokens = set(), set()
    url_tokens = set()
    for tok in doc:
        if any(s <= tok.idx < e for s, e in head_ranges):
            headline_tokens.add(tok.i)
        if any(s <= tok.idx < e for s, e in caption_ranges):
            caption_tokens.add(tok.i)
        if tok.like_url or "://" in tok.text or tok.text.startswith("www.") or "/" in tok.text.strip("/") \
                and "." in tok.text and tok.text.lower() == tok.text:
            url_tokens.add(tok.i)
    for b in layout.blocks:
        span = doc.char_span(b.start, b.end, alignment_mode="expand")
        if span is not None and len(span):
            block_starts.add(span[0].i)
    attested: Counter = Counter()
    for ent in doc.ents:
        for tok in ent:
            if tok.i not in headline_tokens:
                attested[tok.text.casefold()] += 1
    return Context(headline_tokens, attested, lower_words, url_tokens, block_starts, caption_tokens)


# --- Span cleanup ------------------------------------------------------------------------------


def cut_points(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) between tokens no name runs across."""
    pieces, cur = [], start
    for i in range(start, end):
        tok = doc[i]
        cut = (tok.is_space or "\n" in tok.text or tok.text in _CUT_TEXTS
               or (tok.text in _DASHES and (doc[i - 1].whitespace_ if i > 0 else True) and tok.whitespace_)
               or (tok.tag_ == "POS" and i < end - 1 and _possessor_ends(doc, cur, i, end))
               or (tok.lower_ == "and" and _joins_two_names(doc, cur, i, end)))
        if not cut and i > start and "\n" in doc[i - 1].whitespace_:
            pieces.append((cur, i))
            cur = i
        if cut:
            pieces.append((cur, i))
            cur = i + 1
    pieces.append((cur, end))
    return [(s, e) for s, e in pieces if e > s]


def _has_head(toks) -> bool:
    """A run of words named by a head word: last ("National Assembly"), or before "of" ("Council of
    Provinces")."""
    words = [t.lower_ for t in toks if t.is_alpha]
    heads = [words[-1]] + [words[k - 1] for k in range(1, len(words)) if words[k] == "of"] if words else []
    return any(w in gaz.ORG_HEADS or w.removesuffix("s") in gaz.PLACE_HEADS_LOC or w in gaz.PLACE_HEADS_GPE
               for w in heads)


def _joins_two_names(doc, s: int, i: int, e: int) -> bool:
    """True when the 'and' at token i joins two complete names ("the National Assembly and National
    Council of Provinces", "Shakeel Mohamed and Adil Ameer Meeah", one opening with a given name),
    not the parts of one ("Trinidad
    and Tobago", "Ministry of Fisheries and Oceans", "Ministry of Agriculture and Rural Development")."""
    left, right = doc[s:i], doc[i + 1:e]
    if sum(t.is_alpha for t in left) < 2 or sum(t.is_alpha for t in right) < 2:
        return False
    last = left[-1].lower_
    if (last in gaz.ORG_HEADS or last.removesuffix("s") in gaz.PLACE_HEADS_LOC or last in gaz.PLACE_HEADS_GPE) \
            and _has_head(right):
        return True
    return _person_like(doc, s, i) and _person_like(doc, i + 1, e) \
        and (gaz.is_given_name(doc[s].text) or gaz.is_given_name(doc[i + 1].text))


def _possessor_ends(doc, s: int, i: int, e: int) -> bool:
    """True when the possessive at token i ends one name and starts another ("Thailand's Sthisak
    Chukomarn"), false inside a name built on a possessive ("Magistrate's Court", "Employers'
    Federation", "People's Liberation Army")."""
    right = [t.lower_ for t in doc[i + 1:e] if not t.is_punct]
    if not right:
        return False
    if right[-1] in gaz.ORG_HEADS or right[-1] in gaz.PLACE_HEADS_LOC or right[-1] in gaz.PLACE_HEADS_GPE:
        # "the Ministry of Justice's Investigation Bureau" is two names; "People's Liberation Army" one.
        left_words = [t.lower_ for t in doc[s:i]]
        return len(right) >= 2 and bool(left_words) and (left_words[-1] in gaz.ORG_HEADS
                                                          or gaz.place(doc[s:i].text) is not None)
    return doc[i].text not in ("'", "’") or len(right) <= 3


def _strip_titles(doc, s: int, e: int) -> tuple[int, bool]:
    """Move s past leading titles, honorifics and nationalities; True when a title was removed."""
    titled = False
    while s < e - 1:
        two = f"{doc[s].lower_} {doc[s + 1].lower_}"
        three = f"{two} {doc[s + 2].lower_}" if s + 2 < e else ""
        if three in gaz.TITLE_PHRASES and s + 3 < e:
            s, titled = s + 3, True
        elif two in gaz.TITLE_PHRASES and s + 2 < e:
            s, titled = s + 2, True
        elif gaz.is_honorific(doc[s].text) and doc[s].text[:1].isupper():
            s, titled = s + 1, True
        elif doc[s].text == "." and titled:
            s += 1
        elif gaz.is_nationality(doc[s].text) and doc[s + 1].text[:1].isupper():
            s += 1  # "Kuwaiti Al-Anzi", "US President ..."
        elif gaz.place(doc[s].text) and titled is False and any(
                gaz.is_honorific(doc[k].text) for k in range(s + 1, min(e - 1, s + 3))):
            s += 1  # "Mongolia Dr. Sergey Diorditsa": the place belongs to the title
        else:
            break
    return s, titled


def _inner_title_cut(doc, s: int, e: int) -> tuple[int, bool]:
    """A title inside a person span ('Chamrajpet MLA BZ Zameer Ahmed Khan'): keep what follows it."""
    for k in range(e - 2, s, -1):
        if gaz.is_honorific(doc[k].text) and doc[k].text[:1].isupper() and doc[k].lower_ not in (
                "chief", "head", "private", "major", "general"):
            return k + 1 if doc[k + 1].text != "." else k + 2, True
    return s, False


def clean_span(doc, s: int, e: int, label: str, ctx: Context, cut: bool = False) -> Mention | None:
    """Trim one piece of a model entity to the name itself; None when nothing of a name is left."""
    while s < e and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_space
                     or (doc[e - 1].is_punct and doc[e - 1].text not in (")",))):
        e -= 1
    if s >= e:
        return None
    # A capitalised sentence opener glued to the name: "Said Xulu", "Following Harkal",
    # "Submissions Xulu"; or lowercase words in front of it ("neighbours-- Reagan"). A word the
    # tagger reads as a verb inside a sentence is a verb only if the article also writes it in
    # lowercase ("members Nosipho Makamba-Botya" keeps its given name).
    while e - s >= 2 and not doc[s].text.isupper() and (
            (doc[s].tag_ in _NON_NAME_START_TAGS and (
                not doc[s].tag_.startswith("VB") or doc[s].is_sent_start or s in ctx.block_starts
                or doc[s].lower_ in ctx.lower_words))
            or (doc[s].text[:1].islower() and doc[s].lower_ not in _NAME_PARTICLES)
            or ((doc[s].is_sent_start or s in ctx.block_starts) and doc[s].lower_ in ctx.lower_words
                and doc[s].lower_ not in _NAME_PARTICLES and not gaz.place(doc[s].text))):
        s += 1
    while e - s >= 2 and (doc[e - 1].tag_ in _NON_NAME_END_TAGS or (label == "PERSON" and doc[e - 1].like_num)):
        e -= 1
    # "the Maduro Socialist regime": a creed or nationality word closing the span modifies the noun
    # after it and is not part of the name.
    if e - s >= 2 and e < len(doc) and gaz.is_demonym(doc[e - 1].text) and not gaz.is_demonym(doc[s].text) \
            and doc[e - 2].lower_ not in _COMPASS and doc[e].pos_ == "NOUN" and doc[e].text.islower():
        e -= 1
    # "Mil Mi-17", "Boeing 737": a maker's name in front of a model code names a product.
    if e < len(doc) and label in ("PERSON", "ORG", "GPE", "NORP") and doc[e - 1].whitespace_ == " " \
            and _MODEL_CODE_RE.fullmatch(doc.text[doc[e].idx:].split(maxsplit=1)[0].rstrip(".,;:")):
        return None
    # Headline case: keep the words the prose attests as parts of names.
    if any(i in ctx.headline_tokens for i in range(s, e)):
        kept = [i for i in range(s, e) if _attested(doc[i], ctx)]
        if not kept:
            # A name no prose attests is kept only in a credit line ("Martin Mejia / AP / TASS").
            if not (label == "PERSON" and 2 <= e - s <= 3 and s in ctx.caption_tokens and all(
                    doc[i].text[:1].isupper() and doc[i].lower_ not in ctx.lower_words for i in range(s, e))):
                return None
        else:
            s, e = max(_runs(kept), key=lambda r: (r[1] - r[0], -r[0]))
    titled = False
    if _is_job(doc, s, e):
        # "Ruler of Umm Al Quwain": the job goes, the place or body it is of stays
        s += 2
        while s < e and doc[s].lower_ in _DETERMINERS:
            s += 1
        if s >= e or not doc[s].text[:1].isupper() or (e - s == 1 and _portfolio(doc, s)):
            return None
    if e - s >= 2 and (label in ("PERSON", "ORG", "GPE", "NORP") or gaz.is_honorific(doc[s].text)):
        s2, titled = _strip_titles(doc, s, e)
        # Titles come off a person's name; an ORG or place keeps its words unless what is left
        # after the title reads as a person's name ("Comptroller Gerardo Solís").
        # A nationality makes no person of the one word after it ("the Egyptian Exchange").
        if s2 > s and _person_like(doc, s2, e) and (titled or label == "PERSON" or e - s2 >= 2):
            s = s2
            if label != "PERSON" and _person_like(doc, s, e):
                label = "PERSON"
        else:
            titled = False
        if label == "PERSON" and e - s >= 3:
            s3, inner = _inner_title_cut(doc, s, e)
            s, titled = s3, titled or inner
        if titled and e - s == 1 and gaz.is_honorific(doc[s].text):
            return None  # "His Majesty King": titles only, the name follows
    # "Venezuela Map": a person's name does not open with a country's name; what follows the
    # country is a person only when it reads as a full name.
    if label == "PERSON" and e - s >= 2 and gaz.is_country(doc[s].text) and not gaz.is_given_name(doc[s].text) \
            and gaz.fold(doc[s].text) not in gaz.AMBIGUOUS_PLACES:
        if e - s >= 3 and _person_like(doc, s + 1, e):
            s += 1
        else:
            e, label = s + 1, "GPE"
    # Honorific or rank left at the end of an ORG ("... Academy of Sciences Dr.").
    while e - s >= 2 and label != "PERSON" and (
            (gaz.is_honorific(doc[e - 1].text) and doc[e - 1].text[:1].isupper()) or doc[e - 1].lower_ in _JOB_WORDS):
        e -= 1
    # The first words of a job title after an organisation ("MTC Public Relations Officer",
    # "Delta Marketing Manager", "U.N. High Commissioner") belong to the title.
    if label == "ORG" and e < len(doc) and (doc[e].lower_ in _JOB_WORDS or gaz.is_honorific(doc[e].text)):
        while e - s >= 2 and doc[e - 1].lower_ in _JOB_MODIFIERS:
            e -= 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space) and doc[e - 1].text not in (")",) \
            and not (doc[e - 1].text == "." and e - 2 >= s and len(doc[e - 2].text) == 1):
        e -= 1
    if s >= e:
        return None
    if any(i in ctx.url_tokens for i in range(s, e)):
        return None
    span_text = doc[s:e].text
    if not re.search(r"[^\W\d_]", span_text) or not any(c.isupper() for c in span_text):
        return None
    if label == "PERSON" and len(span_text) >= 2 and _ROMAN_RE.match(span_text):
        return None  # "XV" of "King Kusae Edu XV": a regnal number, not a name
    if span_text.upper().rstrip("S") in gaz.COMMON_ACRONYMS or span_text.upper() in gaz.COMMON_ACRONYMS:
        return None
    # A model, product or disease code ("COVID-19", "Mi-17", "RCIP-4") is not a name of anything we keep.
    if re.fullmatch(r"[A-Za-z]+-\d+[A-Za-z]?", span_text):
        return None
    # A portfolio next to a job title ("Minister of Education", "the Finance Minister").
    if e - s == 1 and label == "ORG" and _portfolio(doc, s):
        return None
    if e - s == 1:
        tok = doc[s]
        # A lone verb or function word the model took for a name ("has Tweeted that").
        if tok.tag_ in _NON_NAME_START_TAGS and not tok.text.isupper() and (label != "PERSON" or tok.tag_ != "VBN"):
            return None
        # One word left over from a span cut at a line break ("Spencer Fernando\n\nPhoto"): a name
        # only when the article uses it as one elsewhere.
        if cut and not tok.text.isupper() and ctx.attested[tok.text.casefold()] < 2 and not gaz.place(tok.text):
            return None
    return Mention(s, e, label, titled=titled, strong=titled)


def _person_like(doc, s: int, e: int) -> bool:
    """Tokens that can be a person's name: 1-4 capitalised words, no function word, no head word of
    an organisation or place, not a known place."""
    toks = [t for t in doc[s:e] if t.text not in ("-", ".", "'", "’")]
    if not 1 <= len(toks) <= 4:
        return False
    for t in toks:
        low = t.lower_
        if not t.text[:1].isupper() or low in gaz.ORG_HEADS or low in gaz.PLACE_HEADS_LOC \
                or low in gaz.PLACE_HEADS_GPE or t.is_stop:
            return False
    return gaz.place(doc[s:e].text) is None and outlets.lookup(doc[s:e].text) is None


def _portfolio(doc, i: int) -> bool:
    """True when token i is the portfolio of a job title: 'Minister of X', 'Member on X', 'X Minister'."""
    if gaz.place(doc[i].text) is not None:
        return False
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in _JOB_WORDS:
        return True
    k = i - 1
    while k >= 0 and doc[k].lower_ in _DETERMINERS:
        k -= 1
    if k >= 1 and doc[k].lower_ in ("of", "for", "on") and doc[k - 1].lower_ in _JOB_WORDS:
        return True
    return False


def person_name_shape(doc, s: int, e: int) -> bool:
    """Two or three capitalised words that can be a person's name."""
    return 2 <= len([t for t in doc[s:e] if t.is_alpha]) <= 3 and _person_like(doc, s, e)


def _is_job(doc, s: int, e: int) -> bool:
    """'Minister of Health', 'Member of Parliament for Ablekuma': a job, not a name."""
    words = [t.lower_ for t in doc[s:e]]
    return len(words) >= 2 and words[0] in _JOB_WORDS and words[1] in ("of", "for", "general")


def _attested(tok, ctx: Context) -> bool:
    low = tok.text.casefold()
    return (low in ctx.attested or gaz.place(tok.text) is not None or gaz.is_demonym(tok.text)
            or (tok.text.isupper() and len(tok.text) >= 2 and not tok.text.isdigit() and
                tok.text.casefold() in ctx.attested) or outlets.lookup(tok.text) is not None)


def _runs(idx: list[int]) -> list[tuple[int, int]]:
    runs, start, prev = [], idx[0], idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs


# --- Labels ------------------------------------------------------------------------------------


def _words(doc, m: Mention) -> list[str]:
    return [t.lower_ for t in doc[m.start:m.end] if not t.is_punct]


def relabel(doc, m: Mention) -> None:
    """Set the label from registry and head-word evidence; mark the label strong when a rule set it."""
    text = doc[m.start:m.end].text
    words = _words(doc, m)
    if not words:
        return
    before = doc[m.start - 1] if m.start > 0 else None
    entry = outlets.lookup(text)
    if entry is not None and text not in ("Time", "Insider", "Sun", "Star", "Fortune") \
            and not (m.label == "PERSON" and len(words) == 1 and not text.isupper()):
        m.label, m.strong, m.canonical = "ORG", True, entry.name
        return
    if gaz.is_known_org(text) and not (text.isupper() and len(text) <= 3 and m.label in PLACE_LABELS):
        m.label, m.strong = "ORG", True
        return
    if m.titled or (before is not None and _titles_before(doc, m.start)):
        if m.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC") \
                and _person_like(doc, m.start, m.end):
            m.label, m.strong = "PERSON", True
            return
    # "Ricardo Lombana", "Nana Kusae Edu": a given name or a name marker opens a person's name.
    if len(words) >= 2 and (gaz.is_given_name(doc[m.start].text) or doc[m.start].lower_ in gaz.NAME_MARKERS) \
            and _person_like(doc, m.start, m.end) and m.label in ("ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT",
                                                                  "WORK_OF_ART", "PERSON"):
        m.label, m.strong = "PERSON", True
        return
    known = gaz.place(text)
    if known is not None:
        canonical, label = known
        ambiguous = gaz.fold(text) in gaz.AMBIGUOUS_PLACES
        if not ambiguous or m.label in PLACE_LABELS or m.label in ("ORG", "NORP"):
            m.label, m.strong, m.canonical = label, not ambiguous, canonical
            return
    last, first = words[-1], words[0]
    # In "National Council of Provinces" or "Bank of Ghana" the head is the word before "of".
    if "of" in words[1:-1]:
        before_of = words[words.index("of", 1) - 1]
        if before_of in gaz.ORG_HEADS or before_of in gaz.PLACE_HEADS_LOC or before_of in gaz.PLACE_HEADS_GPE:
            last = before_of
    if len(words) >= 2 and last in gaz.LAW_HEADS and m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT"):
        m.label, m.strong = "LAW", True
        return
    if len(words) >= 2 and (last in gaz.EVENT_HEADS or first in gaz.EVENT_STARTS) \
            and m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT", "FAC"):
        m.label, m.strong = "EVENT", True
        return
    if len(words) >= 2 and (last in gaz.ORG_HEADS or (first in gaz.ORG_STARTS and words[1] == "of")):
        if m.label in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "ORG"):
            m.label, m.strong = "ORG", True
        return
    if len(words) >= 2 and (last in gaz.PLACE_HEADS_LOC or first in gaz.PLACE_STARTS):
        if m.label in ("PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC"):
            m.label, m.strong = ("GPE" if m.label == "GPE" else "LOC"), True
        return
    if len(words) >= 2 and last in gaz.PLACE_HEADS_GPE and last not in ("state", "city", "town"):
        if m.label in ("PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
            m.label, m.strong = "GPE", True
        return
    if len(words) == 1 and gaz.is_demonym(text) and m.label in ("ORG", "NORP", "PERSON", "GPE", "LOC"):
        m.label = "NORP"
    elif m.label == "NORP" and not any(gaz.is_demonym(t.text) or _DEMONYM_END.search(t.text)
                                       for t in doc[m.start:m.end]):
        m.label = "ORG"  # "Rostec": a name that reads as no people, faith or party is an organisation


def _titles_before(doc, i: int) -> bool:
    """True when a title or honorific stands right before token i ("Mr. Maduro", "President Maduro")."""
    k = i - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    return k >= 0 and doc[k].text[:1].isupper() and gaz.is_honorific(doc[k].text) \
        and doc[k].lower_ not in ("chief", "head", "private", "general", "major", "leader", "chair")


def is_job_span(doc, m: Mention) -> bool:
    """A single job word left as an ORG ('Minister')."""
    words = _words(doc, m)
    return len(words) == 1 and words[0] in _JOB_WORDS


# --- Extra mentions ----------------------------------------------------------------------------


def acronym_mentions(doc, mentions: list[Mention]) -> list[Mention]:
    """'Bank of Ghana (BoG)': the bracketed acronym is a mention of the entity before it."""
    by_end = {m.end: m for m in mentions}
    out = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1]
        if not _ACRONYM_RE.match(acr.text):
            continue
        prev = by_end.get(tok.i)
        if prev is None:
            continue
        initials = [t.text[0].lower() for t in doc[prev.start:prev.end] if t.is_alpha]
        if prev.label == "PERSON" and [c.lower() for c in acr.text if c.isalpha()] != initials:
            # "Matlhodi Maseko (DA)": an acronym after a person's name is their party or employer,
            # unless it spells the person's initials ("Derrick America (DA)")
            out.append(Mention(acr.i, acr.i + 1, "ORG", strong=True))
            continue
        out.append(Mention(acr.i, acr.i + 1, prev.label, strong=prev.strong,
                           aliases=[doc[prev.start:prev.end].text]))
        prev.aliases.append(acr.text)
    return out


_ACRONYM_GLUE = {"and", "of", "for", "the", "in", "on", "&", ",", "-"}


def common_noun_acronyms(doc) -> set[str]:
    """Acronyms the article defines by lowercase words ("unmanned aerial systems (UAS)", "active
    electronically scanned array, or AESA"): abbreviations of things, not names."""
    found = set()
    for tok in doc:
        if not _ACRONYM_RE.match(tok.text) or tok.i < 2:
            continue
        k = tok.i - 1
        if doc[k].text == "(":
            k -= 1
        elif doc[k].lower_ == "or" and doc[k - 1].text == ",":
            k -= 2
        else:
            continue
        letters = [c.lower() for c in tok.text if c.isalpha()]
        words = []
        while k >= 0 and len(words) < len(letters) and (doc[k].is_alpha or doc[k].text in _ACRONYM_GLUE):
            if doc[k].text not in _ACRONYM_GLUE:
                words.append(doc[k].text)
            k -= 1
        if len(words) == len(letters) and all(w.islower() for w in words) \
                and [w[0] for w in reversed(words)] == letters and words[0] not in gaz.ORG_HEADS:
            found.add(tok.text)
    return found


_DATELINE_RE = re.compile(r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}?)(?=\s*(?:[,:/]|\s[-–—]|\())")


def dateline_mentions(doc, layout, covered: set[int]) -> list[Mention]:
    """'KIGALI, Jun 15 2022 (IPS) -', 'PARIS: ...': an all-caps place opening a paragraph."""
    out = []
    for b in layout.blocks:
        if b.kind not in ("body", "dateline", "subtitle"):
            continue
        m = _DATELINE_RE.match(b.text)
        if not m:
            continue
        place = m.group("place").strip()
        if len(place) < 3 or len(place.split()) > 3 or outlets.lookup(place):
            continue
        span = doc.char_span(b.start, b.start + len(place), alignment_mode="strict")
        if span is None or any(t.i in covered for t in span):
            continue
        known = gaz.place(place)
        out.append(Mention(span.start, span.end, known[1] if known else "GPE", strong=True,
                           canonical=known[0] if known else None))
    return out


def _free(doc, s: int, e: int, covered: set[int]) -> bool:
    """True when tokens [s, e) are not in a mention and not part of a longer capitalised name."""
    if any(i in covered for i in range(s, e)):
        return False
    prev = doc[s - 1] if s > 0 else None
    nxt = doc[e] if e < len(doc) else None

    def namey(t):
        return t is not None and t.text[:1].isupper() and t.tag_ in ("NNP", "NNPS") and not t.is_sent_start

    return not namey(prev) and not (nxt is not None and nxt.text[:1].isupper() and nxt.tag_ in ("NNP", "NNPS"))


def gazetteer_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Known countries, cities and regions the model left untagged ('Russia-Ukraine war')."""
    out = []
    for tok in doc:
        if tok.i in covered or not tok.text[:1].isupper() or tok.i in ctx.url_tokens or tok.lower_ == "the":
            continue
        for n in (4, 3, 2, 1):
            if tok.i + n > len(doc):
                continue
            span = doc[tok.i:tok.i + n]
            text = span.text
            if any(t.is_space or "\n" in t.whitespace_ for t in span[:-1]) or span[-1].is_space:
                continue
            known = gaz.place(text)
            if known is None or gaz.fold(text) in gaz.AMBIGUOUS_PLACES:
                continue
            if len(text) < 4 and not re.fullmatch(r"(?:[A-Z]\.){2,}|U[SK]|UAE|DRC", text):
                continue
            if not (text[:1].isupper() and (text.istitle() or text.isupper() or "." in text or " " in text
                                            or text == known[0])):
                continue
            if not _free(doc, span.start, span.end, covered) and not text.isupper():
                continue
            if any(i in covered for i in range(span.start, span.end)):
                continue
            out.append(Mention(span.start, span.end, known[1], strong=True, canonical=known[0]))
            covered.update(range(span.start, span.end))
            break
    return out


def repeat_mentions(doc, mentions: list[Mention], covered: set[int], ctx: Context) -> list[Mention]:
    """Later bare uses of a name the article introduced ('the JSC', '(Judge) Hlophe') that the
    model missed: the same words, capitalised as a name, not part of a longer name."""
    forms: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        toks = doc[m.start:m.end]
        words = tuple(t.text for t in toks)
        if m.label not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
            continue
        if len(words) == 1:
            w = words[0]
            if len(w) < 2 or (not w.isupper() and (len(w) < 3 or w.lower() in ctx.lower_words)):
                continue
        forms.setdefault(words, m)
        if m.label == "PERSON" and len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) >= 3:
            forms.setdefault((words[-1],), m)
    out = []
    if not forms:
        return out
    first_words: dict[str, list[tuple[str, ...]]] = {}
    for words in forms:
        first_words.setdefault(words[0], []).append(words)
        if len(words[0]) >= 3:
            first_words.setdefault(words[0].upper(), []).append(words)  # the same name in capitals
    for tok in doc:
        cands = first_words.get(tok.text)
        if not cands or tok.i in covered or tok.i in ctx.url_tokens:
            continue
        for words in sorted(cands, key=len, reverse=True):
            e = tok.i + len(words)
            if e > len(doc):
                continue
            found = tuple(t.text for t in doc[tok.i:e])
            if found != words and not (all(t.isupper() for t in found if t.isalpha())
                                       and tuple(t.upper() for t in words) == found):
                continue
            capitals = found != words  # the name written in capitals, as in a heading
            if any(i in covered for i in range(tok.i, e)) or (not capitals and not _free(doc, tok.i, e, covered)):
                continue
            src = forms[words]
            if len(words) == 1 and not tok.text.isupper() and tok.tag_ not in ("NNP", "NNPS") \
                    and not (src.label == "PERSON" and not tok.is_sent_start):
                continue
            if capitals and len(found) == 1 and len(found[0]) < 4:
                continue
            out.append(Mention(tok.i, e, src.label, strong=src.strong, canonical=src.canonical))
            covered.update(range(tok.i, e))
            break
    return out


# --- Boundary repair and context labels ------------------------------------------------------


def _name_word(tok) -> bool:
    """A capitalised word that can continue a person's name."""
    t = tok.text
    return (re.fullmatch(r"[^\W\d_][\w'’.-]*", t) is not None and t[:1].isupper() and tok.tag_ in ("NNP", "NNPS") and not tok.is_sent_start and not t.isupper()
            and not gaz.is_honorific(t) and not gaz.is_demonym(t) and gaz.place(t) is None
            and outlets.lookup(t) is None and tok.lower_ not in gaz.ORG_HEADS and not tok.ent_type_
            and "\n" not in tok.whitespace_)


def _org_word(tok) -> bool:
    """A capitalised word the model left out of an organisation's name."""
    return (re.fullmatch(r"[^\W\d_][\w'’.-]*", tok.text) is not None and tok.text[:1].isupper()
            and tok.tag_ in ("NNP", "NNPS") and not tok.is_sent_start and not tok.ent_type_
            and not gaz.is_honorific(tok.text) and tok.lower_ not in _JOB_WORDS
            and tok.lower_ not in ("senior", "junior", "general", "relations", "public", "officer"))


def extend(doc, m: Mention) -> None:
    """Grow a mention to the whole name: a person's name the model cut short ("Qillulaaq" +
    "Arngna'naaq"), across a hyphen written without spaces ("Yoon Suk-yeol"), to a longer known
    place ("Trinidad" -> "Trinidad and Tobago"), and over a compass word in front of a place
    ("northern Kenya")."""
    if m.label == "PERSON" and m.start > 0 and doc[m.start - 1].lower_ in gaz.NAME_MARKERS \
            and doc[m.start - 1].text[:1].isupper() and "\n" not in doc[m.start - 1].whitespace_:
        m.start -= 1  # "Nana Kusae Edu": the marker is part of the name
    if m.label == "PERSON":
        while m.end < len(doc) and m.end - m.start < 5 and _name_word(doc[m.end]) \
                and "\n" not in doc[m.end - 1].whitespace_:
            m.end += 1
        while m.start > 0 and m.end - m.start < 5 and _name_word(doc[m.start - 1]) \
                and "\n" not in doc[m.start - 1].whitespace_:
            m.start -= 1
    if m.label == "ORG":
        # "the Ministry of Fisheries" + "and Oceans": an organisation's name the model cut short
        j = m.end
        while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
            if doc[j].lower_ in ("and", "&") and doc[j - 1].lower_ in gaz.ORG_HEADS:
                break  # "Socovia Belle Vue Ltd and Neel-Agro Ltd" are two companies
            k = j + 1 if doc[j].lower_ in ("and", "of", "for", "in", "on", "&") else j
            n = k
            while n < len(doc) and _org_word(doc[n]) and "\n" not in doc[n - 1].whitespace_:
                n += 1
            if n == k or n - m.start > 14:
                break
            j = n
        m.end = j
    while m.end + 1 < len(doc) and not doc[m.end - 1].whitespace_ and doc[m.end].text == "-" \
            and not doc[m.end].whitespace_ and doc[m.end + 1].is_alpha and m.label == "PERSON":
        m.end += 2
    best = None
    for left in range(0, 3):
        for right in range(0, 4):
            if left == right == 0 or m.start - left < 0 or m.end + right > len(doc):
                continue
            span = doc[m.start - left:m.end + right]
            if "\n" in span.text or not span.text[:1].isupper() or span[0].lower_ == "the":
                continue
            known = gaz.place(span.text)
            if known and (best is None or len(span) > len(best[0])):
                best = (span, known)
    if best is not None and (m.label in PLACE_LABELS or gaz.place(doc[m.start:m.end].text)
                             or gaz.fold(best[0].text) not in gaz.AMBIGUOUS_PLACES):
        span, (canonical, label) = best
        m.start, m.end, m.label, m.canonical, m.strong = span.start, span.end, label, canonical, True
    if m.label in PLACE_LABELS and m.start > 0 and doc[m.start - 1].lower_ in _COMPASS \
            and doc[m.start - 1].text.islower():
        m.start -= 1
        m.canonical = None


_ROMAN_RE = re.compile(r"^[IVXLC]+$")
# Model designations: "Mi-17", "A320", "T-72B", "737-800" (a bare number or year is not one).
_MODEL_CODE_RE = re.compile(r"[A-Z][A-Za-z]{0,2}-?\d+[A-Za-z0-9-]*|\d{2,}-\d+[A-Za-z]*")
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "across", "around", "inside", "throughout"}


def context_labels(doc, mentions: list[Mention]) -> list[Mention]:
    """Labels from the words around a mention, for what the model reads as a person but news
    English never writes of a person introduced by surname alone:
    - a one-word 'person' that no full name in the article contains and no title precedes is an
      acronym (ORG) when in capitals, not a person when it follows 'the' (dropped: names of
      people take no article), and a place after 'in', 'at', 'from' or 'near';
    - a one-word ORG after 'in' ("in Vellore") is a place unless it names an organisation.
    """
    full_words, titled_words = set(), set()
    for m in mentions:
        words = re.split(r"[\s\-‐]+", doc[m.start:m.end].text)
        if m.label == "PERSON" and len(words) >= 2:
            full_words.update(w.casefold() for w in words)
        if m.titled:
            titled_words.add(doc[m.start:m.end].text.casefold())
    out = []
    for m in mentions:
        text = doc[m.start:m.end].text
        one_word = len(re.split(r"\s+", text)) == 1
        prev = doc[m.start - 1].lower_ if m.start > 0 else ""
        if prev in ("storm", "hurricane", "typhoon", "cyclone") and one_word:
            m.label, m.strong = "EVENT", True  # "tropical storm Bonnie" is weather, not a person
        elif m.label == "PERSON" and one_word and not m.strong and text.casefold() not in full_words \
                and text.casefold() not in titled_words and not _titles_before(doc, m.start):
            if text.isupper() and len(text) >= 2:
                if _ROMAN_RE.match(text):
                    continue
                m.label = "ORG"
            elif prev == "the":
                continue
            elif m.end < len(doc) and doc[m.end].pos_ == "NOUN" and doc[m.end].text.islower() \
                    and doc[m.start].dep_ == "compound":
                continue  # "Zongo communities": a modifier of a common noun, not a person
            elif prev in _PLACE_PREPOSITIONS:
                m.label, m.strong = "GPE", True
        elif m.label in PLACE_LABELS and one_word and prev in ("in", "at", "near"):
            m.strong = True
        elif m.label == "ORG" and one_word and not m.strong and prev in ("in", "from", "near") and not text.isupper() \
                and text.lower() not in gaz.ORG_HEADS and outlets.lookup(text) is None:
            m.label, m.strong = "GPE", True
        out.append(m)
    return out


_LINKERS = {"of", "and", "for", "de", "del", "la", "las", "los", "le", "du", "des", "da", "do", "dos", "on", "&"}


def pattern_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Names the model missed that announce their type in their last word: a run of capitalised
    words ending in an organisation head ("Mauritius Meat Authority", "Mashonaland Turf Club") or
    a place head ("Nigeria Street", "Ehime Prefecture", "Barbilla National Park")."""
    out = []
    for tok in doc:
        low = tok.lower_
        is_org = low in gaz.ORG_HEADS
        is_place = low in gaz.PLACE_HEADS_LOC or low in gaz.PLACE_HEADS_GPE
        if not (is_org or is_place) or not tok.text[:1].isupper() or tok.i in covered \
                or tok.i in ctx.headline_tokens or tok.i in ctx.url_tokens:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.text[:1].isupper() and "\n" not in tok.whitespace_:
            continue  # the name goes on past the head word ("Wall Street Journal")
        s = tok.i
        while s > 0:
            prev = doc[s - 1]
            if prev.i in covered or "\n" in prev.text or "\n" in prev.whitespace_ or prev.i in ctx.headline_tokens:
                break
            if prev.text[:1].isupper() and any(c.isalpha() for c in prev.text) and prev.lower_ not in _DETERMINERS:
                s -= 1
                if prev.is_sent_start or s in ctx.block_starts:
                    break
            elif prev.lower_ in _LINKERS and s - 1 > 0 and doc[s - 2].text[:1].isupper():
                s -= 1
            else:
                break
        while s < tok.i and (doc[s].lower_ in _LINKERS or (doc[s].is_sent_start and doc[s].lower_ in ctx.lower_words)
                             or doc[s].lower_ in _JOB_WORDS or gaz.is_honorific(doc[s].text)):
            s += 1  # "Member of Parliament" is a job; "the Parliament" alone is left to the model
        words = [t for t in doc[s:tok.i + 1] if t.lower_ not in _LINKERS]
        if len(words) < 2 or all(w.lower_ in gaz.ORG_HEADS or w.lower_ in gaz.PLACE_HEADS_LOC
                                 or w.lower_ in gaz.PLACE_HEADS_GPE for w in words):
            continue
        if any(i in covered for i in range(s, tok.i + 1)):
            continue
        label = "ORG" if is_org else ("GPE" if low in gaz.PLACE_HEADS_GPE else "LOC")
        out.append(Mention(s, tok.i + 1, label, strong=True))
        covered.update(range(s, tok.i + 1))
    return out


def marker_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'Nana Kwadumanu', 'Datuk Noorsiah Mohd Saaduddin': a name marker and the capitalised words
    after it are a person the model missed."""
    out = []
    for tok in doc:
        if tok.lower_ not in gaz.NAME_MARKERS or not tok.text[:1].isupper() or tok.i in covered:
            continue
        e = tok.i + 1
        while e < len(doc) and e - tok.i <= 4 and doc[e].text[:1].isupper() and doc[e].is_alpha \
                and e not in covered and "\n" not in doc[e - 1].whitespace_ and gaz.place(doc[e].text) is None:
            e += 1
        if e - tok.i < 2:
            continue
        out.append(Mention(tok.i, e, "PERSON", strong=True))
        covered.update(range(tok.i, e))
    return out


def titled_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'ASI Masud said', 'Sister Ponce', 'PM Modi': the capitalised name words after a title are a
    person the model missed (the title stays out of the mention)."""
    out = []
    for tok in doc:
        if tok.i in covered or not _titles_before(doc, tok.i) or tok.tag_ not in ("NNP", "NNPS") \
                or (tok.i in ctx.headline_tokens and tok.text.casefold() not in ctx.attested):
            continue
        e = tok.i
        while e < len(doc) and e - tok.i < 3 and e not in covered and doc[e].is_alpha and doc[e].tag_ in ("NNP", "NNPS") \
                and not gaz.is_honorific(doc[e].text) and doc[e].lower_ not in _JOB_WORDS \
                and (e == tok.i or "\n" not in doc[e - 1].whitespace_):
            e += 1
        if e == tok.i or not _person_like(doc, tok.i, e) or gaz.is_demonym(tok.text) \
                or any(_ROMAN_RE.match(t.text) for t in doc[tok.i:e]):
            continue
        if e < len(doc) and doc[e].text[:1].isupper() and "\n" not in doc[e - 1].whitespace_:
            continue  # "Deputy Prime Minister", "King Kusae Edu Asona Royal Stool": not a bare name
        out.append(Mention(tok.i, e, "PERSON", strong=True, titled=True))
        covered.update(range(tok.i, e))
    return out


def given_name_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'Ricardo Lombana': a given name followed by capitalised name words is a person the model
    missed."""
    out = []
    for tok in doc:
        if tok.i in covered or tok.i in ctx.headline_tokens or not tok.text[:1].isupper() or tok.text.isupper() \
                or not gaz.is_given_name(tok.text) or tok.tag_ not in ("NNP", "NNPS"):
            continue
        e = tok.i + 1
        while e < len(doc) and e - tok.i <= 3 and e not in covered and _name_word(doc[e]) \
                and doc[e].lower_ not in gaz.PLACE_HEADS_LOC and doc[e].lower_ not in gaz.PLACE_HEADS_GPE \
                and "\n" not in doc[e - 1].whitespace_:
            e += 1
        if e - tok.i < 2:
            continue
        out.append(Mention(tok.i, e, "PERSON", strong=True))
        covered.update(range(tok.i, e))
    return out


def outlet_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Outlets and agencies of the registry the model left untagged ("- Bernama", "/MONTSAME/")."""
    out = []
    pattern = outlets.alias_pattern()
    if not pattern:
        return out
    for m in re.finditer(rf"(?<![\w@./-])(?:{pattern})(?![\w@-])", doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
        if span is None or any(t.i in covered or t.i in ctx.url_tokens for t in span):
            continue
        if len(span) == 1 and not span[0].text.isupper() and span[0].tag_ not in ("NNP", "NNPS"):
            continue
        entry = outlets.lookup(span.text)
        out.append(Mention(span.start, span.end, "ORG", strong=True, canonical=entry.name if entry else None))
        covered.update(range(span.start, span.end))
    return out


def _head(doc, m: Mention):
    """The syntactic head of a mention: the token whose head lies outside the span."""
    for t in doc[m.start:m.end]:
        if not (m.start <= t.head.i < m.end) or t.head.i == t.i:
            return t
    return doc[m.end - 1]


_KIN_NOUNS = {"son", "daughter", "wife", "husband", "father", "mother", "brother", "sister", "widow", "uncle",
              "aunt", "nephew", "niece", "grandson", "granddaughter", "grandfather", "grandmother", "child",
              "children", "parents", "cousin", "family", "friend", "lawyer", "biographer"}
_SPEECH_VERBS = {"say", "tell", "add", "explain", "note", "state", "stress", "insist", "argue", "warn", "recall",
                 "remark", "observe", "reply", "respond", "ask", "urge", "claim", "told"}


def _noun_type(lemma: str) -> str | None:
    if lemma in gaz.PERSON_NOUNS:
        return "PERSON"
    if lemma in gaz.PLACE_NOUNS:
        return "GPE"
    if lemma in gaz.ORG_NOUNS:
        return "ORG"
    return None


def syntax_labels(doc, mentions: list[Mention]) -> None:
    """Labels the sentence states: an apposition says what a name is ("Bata, the largest city";
    "Tama Talum, a Bunun man"), and the members of a list ("in Malabo and Bata") share the type
    of a member whose type a rule already knows."""
    by_head = {}
    for m in mentions:
        by_head[_head(doc, m).i] = m
    for m in mentions:
        if m.strong or m.label not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
            continue
        head = _head(doc, m)
        nouns = [c for c in head.children if c.dep_ == "appos" and c.i not in by_head and c.pos_ == "NOUN"]
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i not in by_head:
            nouns.append(head.head)
        for noun in nouns:
            kind = _noun_type(noun.lemma_.lower())
            if kind and not (kind == "GPE" and m.label == "LOC"):
                m.label, m.strong = kind, True
                break
        if m.strong:
            continue
        # The subject of a verb of saying with a person's kind of name ("Erasmus Nekundi said").
        if m.label in ("ORG", "GPE", "NORP", "FAC") and m.end - m.start >= 2 and _person_like(doc, m.start, m.end) \
                and head.dep_ == "nsubj" and head.head.lemma_ in _SPEECH_VERBS:
            m.label, m.strong = "PERSON", True
            continue
        # "the cities of Lod, Ramle and Acre", "communities such as Madina", "daughter of Shaheen Miah"
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in ("of", "as") and prep.head.pos_ == "NOUN" \
                and prep.head.i not in by_head and prep.head.text.islower():
            lemma = prep.head.lemma_.lower()
            kind = "PERSON" if lemma in _KIN_NOUNS else ("GPE" if lemma in gaz.PLACE_NOUNS else None)
            if kind == "PERSON" and prep.lower_ == "as":
                kind = None
            if lemma in _JOB_WORDS and prep.lower_ == "of" and not gaz.place(doc[m.start:m.end].text) \
                    and m.label == "PERSON":
                kind = "ORG"  # "member of the National Union of Namibian Workers"
            if kind and not (kind == "GPE" and m.label == "LOC"):
                m.label, m.strong = kind, True
                continue
        # "Charababil village", "Joypurhat district": a name modifying a place noun
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.text.islower() \
                and head.head.lemma_.lower() in gaz.PLACE_NOUNS and m.label not in PLACE_LABELS:
            m.label, m.strong = "GPE", True
    for m in mentions:
        if m.strong or m.label not in ("PERSON", "ORG", "GPE", "LOC", "NORP") or gaz.is_demonym(doc[m.start:m.end].text):
            continue
        head = _head(doc, m)
        labels = [by_head[c.i].label for c in head.conjuncts if c.i in by_head and by_head[c.i].strong
                  and by_head[c.i].label in ("GPE", "LOC", "PERSON", "ORG")]
        if labels and _type(m.label) != _type(labels[0]):
            m.label = labels[0]


def _type(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def _closed_by_head(doc, m: Mention) -> bool:
    """True when a mention's last word is the head word of an organisation's or a place's name."""
    last = doc[m.end - 1].lower_
    return last in gaz.ORG_HEADS or last in gaz.PLACE_HEADS_LOC or last in gaz.PLACE_HEADS_GPE


def join_adjacent_names(doc, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Two mentions with only a space between them, on one line, are one name the model cut in two:
    a person's ("Clemente Engonga" + "Nguema Onguene") or one the second closes with its head word
    ("Vuntut Gwitchin" + "First Nation", "Barra Honda" + "National Park"). A known place or outlet
    in front ("United States National Hurricane Center") stays a name of its own."""
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if a is None or m.start != a.end or not doc[a.end - 1].whitespace_ or "\n" in doc[a.end - 1].whitespace_ \
                or not {a.label, m.label} <= {"PERSON", "ORG", "GPE", "LOC"} or gaz.is_demonym(doc[a.start].text) \
                or _ROMAN_RE.match(doc[m.start:m.end].text) \
                or any(i in ctx.headline_tokens for i in range(a.start, m.end)) or a.canonical or m.canonical \
                or gaz.place(doc[a.start:a.end].text) or outlets.lookup(doc[a.start:a.end].text):
            out.append(m)
            continue
        if m.label in ("ORG", "GPE", "LOC") and _closed_by_head(doc, m) and not _closed_by_head(doc, a):
            label = m.label
        elif "PERSON" in (a.label, m.label) and m.end - a.start <= 5 and _person_like(doc, a.start, m.end):
            label = "PERSON"
        else:
            out.append(m)
            continue
        out[-1] = Mention(a.start, m.end, label, strong=a.strong or m.strong, titled=a.titled,
                          aliases=a.aliases + m.aliases)
    return out


def join_qualified_places(doc, mentions: list[Mention]) -> list[Mention]:
    """'Kigali, Rwanda', 'Baker Lake, Nunavut', 'Washington, DC': a place qualified by the country or
    state it lies in is one place reference; it keeps the inner place's identity. A list of
    places ('Mali, Niger and Chad') is left alone."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and a.label in PLACE_LABELS + ("FAC", "ORG") and b.label in PLACE_LABELS \
                and b.start == a.end + 1 and doc[a.end].text == "," and "\n" not in doc[a.start:b.end].text:
            a_text, b_text = doc[a.start:a.end].text, doc[b.start:b.end].text
            after = doc[b.end] if b.end < len(doc) else None
            after2 = doc[b.end + 1] if b.end + 1 < len(doc) else None
            in_list = after is not None and (after.lower_ in ("and", "or") or (
                after.text == "," and after2 is not None and after2.text[:1].isupper() and after2.ent_type_ in (
                    "GPE", "LOC")))
            if gaz.is_region(b_text) and not gaz.is_country(a_text) and not in_list \
                    and (a.label in PLACE_LABELS or a.label == "FAC"):
                merged = Mention(a.start, b.end, "GPE", strong=True, canonical=a.canonical or a_text)
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out
