"""Per-article rules that correct spaCy's small model where it is systematically wrong on news.

Each rule works on token spans of the one shared parse (never a new parse) and holds for news
writing in general:

- span cleanup: a mention never crosses a line break, a bracket, a spaced slash or an internal
  possessive ("Thailand's Sthisak Chukomarn" is two mentions); it loses a leading determiner,
  a sentence-opening verb ("Said Xulu"), titles and honorifics ("Comptroller Gerardo Solís"),
  a nationality in front of a person ("Kuwaiti Al-Anzi"), and a trailing possessive or punctuation;
- headline case: in a title-case or all-caps line every word is capitalised, so the model reads
  "Russia Slashes" as a person; such a span keeps only the words the article's prose attests as
  parts of names;
- labels: a known outlet or agency is an ORG, a known place is a GPE or LOC, a phrase ending in
  "Ministry" or "Party" is an ORG and one ending in "Park" or "Province" a place, a name after
  "Mr." or "President" is a PERSON;
- recall: an acronym defined in brackets ("Bank of Ghana (BoG)"), a dateline place ("KIGALI, Jun
  15 (IPS) -"), and later bare uses of names the article has already introduced.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline import outlets
from pipeline.extract import entity_gazetteer as gaz

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
              "registrar", "auditor", "treasurer", "ceo", "manager", "officer", "representative"}


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


def build_context(doc, layout) -> Context:
    text = doc.text
    head_ranges = []
    block_starts = set()
    for b in layout.blocks:
        if b.kind in ("title", "subtitle", "promo", "section", "caption") and _is_headline_case(b.text):
            head_ranges.append((b.start, b.end))
        elif b.kind == "body" and b.text.isupper() and len(b.text.split()) >= 3:
            head_ranges.append((b.start, b.end))
    headline_tokens = set()
    url_tokens = set()
    for tok in doc:
        if any(s <= tok.idx < e for s, e in head_ranges):
            headline_tokens.add(tok.i)
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
    lower_words = {t.text for t in doc if t.text.islower()}
    del text
    return Context(headline_tokens, attested, lower_words, url_tokens, block_starts)


# --- Span cleanup ------------------------------------------------------------------------------


def cut_points(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) between tokens no name runs across."""
    pieces, cur = [], start
    for i in range(start, end):
        tok = doc[i]
        cut = (tok.is_space or "\n" in tok.text or tok.text in _CUT_TEXTS
               or (tok.text in _DASHES and (doc[i - 1].whitespace_ if i > 0 else True) and tok.whitespace_)
               or (tok.tag_ == "POS" and i < end - 1 and _possessor_ends(doc, cur, i, end)))
        if not cut and i > start and "\n" in doc[i - 1].whitespace_:
            pieces.append((cur, i))
            cur = i
        if cut:
            pieces.append((cur, i))
            cur = i + 1
    pieces.append((cur, end))
    return [(s, e) for s, e in pieces if e > s]


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
    # "Submissions Xulu"; or lowercase words in front of it ("neighbours-- Reagan").
    while e - s >= 2 and not doc[s].text.isupper() and (
            doc[s].tag_ in _NON_NAME_START_TAGS
            or (doc[s].text[:1].islower() and doc[s].lower_ not in _NAME_PARTICLES)
            or ((doc[s].is_sent_start or s in ctx.block_starts) and doc[s].lower_ in ctx.lower_words
                and doc[s].lower_ not in _NAME_PARTICLES and not gaz.place(doc[s].text))):
        s += 1
    while e - s >= 2 and (doc[e - 1].tag_ in _NON_NAME_END_TAGS or (label == "PERSON" and doc[e - 1].like_num)):
        e -= 1
    # Headline case: keep the words the prose attests as parts of names.
    if any(i in ctx.headline_tokens for i in range(s, e)):
        kept = [i for i in range(s, e) if _attested(doc[i], ctx)]
        if not kept:
            if not (label == "PERSON" and 2 <= e - s <= 3 and all(
                    doc[i].text[:1].isupper() and doc[i].lower_ not in ctx.lower_words for i in range(s, e))):
                return None
        else:
            s, e = max(_runs(kept), key=lambda r: (r[1] - r[0], -r[0]))
    titled = False
    if _is_job(doc, s, e):
        return None
    if e - s >= 2 and (label in ("PERSON", "ORG", "GPE", "NORP") or gaz.is_honorific(doc[s].text)):
        s2, titled = _strip_titles(doc, s, e)
        # Titles come off a person's name; an ORG or place keeps its words unless what is left
        # after the title reads as a person's name ("Comptroller Gerardo Solís").
        if s2 > s and _person_like(doc, s2, e):
            s = s2
            if label != "PERSON" and _person_like(doc, s, e):
                label = "PERSON"
        else:
            titled = False
        if label == "PERSON" and e - s >= 3:
            s3, inner = _inner_title_cut(doc, s, e)
            s, titled = s3, titled or inner
    # Honorific or rank left at the end of an ORG ("... Academy of Sciences Dr.").
    while e - s >= 2 and gaz.is_honorific(doc[e - 1].text) and doc[e - 1].text.endswith("."):
        e -= 1
    if s >= e:
        return None
    if any(i in ctx.url_tokens for i in range(s, e)):
        return None
    span_text = doc[s:e].text
    if not re.search(r"[^\W\d_]", span_text) or not any(c.isupper() for c in span_text):
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
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in _JOB_WORDS:
        return True
    if i >= 2 and doc[i - 1].lower_ in ("of", "for", "on") and doc[i - 2].lower_ in _JOB_WORDS:
        return True
    return False


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
    before2 = doc[m.start - 2] if m.start > 1 else None
    entry = outlets.lookup(text)
    if entry is not None and text not in ("Time", "Insider", "Sun", "Star", "Fortune") \
            and not (m.label == "PERSON" and len(words) == 1 and not text.isupper()):
        m.label, m.strong, m.canonical = "ORG", True, entry.name
        return
    if m.titled or (before is not None and _titles_before(doc, m.start)):
        if m.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC") \
                and _person_like(doc, m.start, m.end):
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
    del before2


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
        out.append(Mention(acr.i, acr.i + 1, prev.label, strong=prev.strong,
                           aliases=[doc[prev.start:prev.end].text]))
        prev.aliases.append(acr.text)
    return out


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
            if not _free(doc, tok.i, e, covered):
                continue
            if len(words) == 1 and not tok.text.isupper() and tok.tag_ not in ("NNP", "NNPS"):
                continue
            if found != words and not _free(doc, tok.i, e, covered):
                continue
            src = forms[words]
            out.append(Mention(tok.i, e, src.label, strong=src.strong, canonical=src.canonical))
            covered.update(range(tok.i, e))
            break
    return out


# --- Boundary repair and context labels ------------------------------------------------------


def extend(doc, m: Mention) -> None:
    """Grow a mention to the whole name: across a hyphen written without spaces ("Yoon Suk-yeol"),
    to a longer known place ("Trinidad" -> "Trinidad and Tobago"), and over a compass word in front
    of a place ("northern Kenya")."""
    while m.end + 1 < len(doc) and not doc[m.end - 1].whitespace_ and doc[m.end].text == "-" \
            and not doc[m.end].whitespace_ and doc[m.end + 1].is_alpha and m.label == "PERSON":
        m.end += 2
    best = None
    for left in range(0, 3):
        for right in range(0, 4):
            if left == right == 0 or m.start - left < 0 or m.end + right > len(doc):
                continue
            span = doc[m.start - left:m.end + right]
            if "\n" in span.text or not span.text[:1].isupper():
                continue
            known = gaz.place(span.text)
            if known and (best is None or len(span) > len(best[0])):
                best = (span, known)
    if best is not None and (m.label in PLACE_LABELS or gaz.place(doc[m.start:m.end].text)):
        span, (canonical, label) = best
        m.start, m.end, m.label, m.canonical, m.strong = span.start, span.end, label, canonical, True
    if m.label in PLACE_LABELS and m.start > 0 and doc[m.start - 1].lower_ in _COMPASS \
            and doc[m.start - 1].text.islower():
        m.start -= 1
        m.canonical = None


_ROMAN_RE = re.compile(r"^[IVXLC]+$")
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
        if m.label == "PERSON" and one_word and not m.strong and text.casefold() not in full_words \
                and text.casefold() not in titled_words and not _titles_before(doc, m.start):
            if text.isupper() and len(text) >= 2:
                if _ROMAN_RE.match(text):
                    continue
                m.label = "ORG"
            elif prev == "the":
                continue
            elif prev in _PLACE_PREPOSITIONS:
                m.label, m.strong = "GPE", True
        elif m.label == "ORG" and one_word and not m.strong and prev == "in" and not text.isupper() \
                and text.lower() not in gaz.ORG_HEADS and outlets.lookup(text) is None:
            m.label = "GPE"
        out.append(m)
    return out


_LINKERS = {"of", "and", "for", "de", "del", "la", "las", "los", "le", "du", "des", "da", "do", "dos", "on", "&"}


def _title_word(tok) -> bool:
    t = tok.text
    return t[:1].isupper() and any(c.isalpha() for c in t) and not tok.is_sent_start


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
        if nxt is not None and not tok.whitespace_ == "" and nxt.text[:1].isupper() and nxt.is_alpha:
            continue  # the name goes on past the head word ("Wall Street Journal")
        if nxt is not None and tok.whitespace_ == "" and nxt.text[:1].isupper():
            continue
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
        while s < tok.i and (doc[s].lower_ in _LINKERS or (doc[s].is_sent_start and doc[s].lower_ in ctx.lower_words)):
            s += 1
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
