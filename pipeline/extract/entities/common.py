"""What the entity rules share: the Mention a rule produces (token indices `tok_start`/`tok_end`),
the article Context computed once, the word classes read from the lexicons, and the small
predicates several passes ask ("can these tokens be a person's name?")."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.extract.layout import outlets
from pipeline.extract.entities import gazetteer as gaz
from pipeline.lexicons import rows


LABELS = tuple(r["label"] for r in rows("entity_labels.tsv"))  # in tie-breaking order


PLACE_LABELS = ("GPE", "LOC")
TITLE_WORDS = gaz.words("title_word")
STORM_WORDS = gaz.words("storm_word")
OUTLET_WORDS = gaz.words("outlet_word")
FUNCTION_WORDS = gaz.words("function_word")


DETERMINERS = gaz.words("determiner")


POSSESSIVE = {"'s", "’s", "'", "’", "s", "'S", "’S"}


# Tags a name never starts with: a capitalised sentence opener that the model glued to a name.
NON_NAME_START_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "RB", "RBR", "RBS", "UH", "CC",
                        "PRP", "PRP$", "MD", "WDT", "WP", "WRB", "TO", "CD", "EX", "DT", "PDT", ":", ",",
                        "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "SYM", "LS", "."}


NON_NAME_END_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "IN", "CC", "DT", "TO", "PRP", "PRP$",
                      "WDT", ":", ",", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "SYM", "."}


# Tokens a mention is cut at: brackets, quotes, bars, spaced slashes and dashes.
CUT_TEXTS = {"(", ")", "[", "]", "{", "}", "|", "“", "”", "\"", "«", "»", ";", "•", "·"}


DASHES = {"-", "–", "—", "--", "/"}


# Lowercase words that are parts of names ("Juan de Dios", "Osama bin Laden").
NAME_PARTICLES = gaz.words("name_particle")


COMPASS = gaz.words("compass")


DEMONYM_END = re.compile(r"(?:an|ans|ian|ians|ese|ish|i|is|ic|ics|ist|ists|ite|ites|er|ers|ch|ean|eans|ene|"
                          r"ine|ino|inos|ina|as|ais|ois|ais)$", re.I)


ACRONYM_RE = re.compile(r"^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9&.\-]{1,11}$")


# Words that read as a job rather than a name when they open an ORG span ("Minister of Health").
JOB_WORDS = gaz.words("job")


# Words that open a job title in front of the job word ("Public Relations Officer", "High Commissioner").
JOB_MODIFIERS = gaz.words("job_modifier")


@dataclass
class Mention:
    tok_start: int  # token index of the first token
    tok_end: int  # token index after the last token
    label: str
    strong: bool = False  # label set by a rule that outranks the model
    titled: bool = False  # a title or honorific stood in front of it
    canonical: str | None = None  # a registry name (place, outlet) when one applies
    aliases: list[str] = field(default_factory=list)


@dataclass
class Context:
    """Facts about one article that several rules need, computed once from the doc and layout."""

    headline_tokens: set[int]
    attested: Counter  # casefolded word -> how often it is part of a model entity outside headlines
    lower_words: set[str]
    url_tokens: set[int]
    block_starts: set[int]
    caption_tokens: set[int]  # headline-case credit and caption lines, where a photographer may be named


def is_headline_case(text: str) -> bool:
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


def common_capitalised(word: str, lower_words: set[str]) -> bool:
    """A common word written with a capital, as headlines do ("Cuts", "Officials"); the head
    words of names ("National Park", "Royal Court") do not count."""
    low = word.lower()
    return low in lower_words and low not in gaz.ORG_HEADS and low not in gaz.PLACE_HEADS_LOC \
        and low not in gaz.PLACE_HEADS_GPE and low not in NAME_ADJECTIVES


NAME_ADJECTIVES = gaz.words("name_adjective")


def build_context(doc, layout) -> Context:
    lower_words = {t.text for t in doc if t.text.islower()}
    head_ranges, caption_ranges = [], []
    block_starts = set()
    for b in layout.blocks:
        if b.kind in ("title", "subtitle", "promo", "section", "caption") and is_headline_case(b.text):
            head_ranges.append((b.start, b.end))
            if b.kind == "caption":
                caption_ranges.append((b.start, b.end))
        elif b.kind == "body" and b.text.isupper() and len(b.text.split()) >= 3:
            head_ranges.append((b.start, b.end))
        elif b.kind == "body" and len(b.text.split()) >= 6 and is_headline_case(b.text) \
                and sum(common_capitalised(w, lower_words) for w in re.findall(r"\b[A-Z][a-z]{3,}\b", b.text)) >= 3:
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


def person_like(doc, s: int, e: int) -> bool:
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


def is_portfolio(doc, i: int) -> bool:
    """True when token i is the portfolio of a job title: 'Minister of X', 'Member on X', 'X Minister'."""
    if gaz.place(doc[i].text) is not None:
        return False
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in JOB_WORDS:
        return True
    k = i - 1
    while k >= 0 and doc[k].lower_ in DETERMINERS:
        k -= 1
    if k >= 1 and doc[k].lower_ in ("of", "for", "on") and doc[k - 1].lower_ in JOB_WORDS:
        return True
    return False


def person_name_shape(doc, s: int, e: int) -> bool:
    """Two or three capitalised words that can be a person's name."""
    return 2 <= len([t for t in doc[s:e] if t.is_alpha]) <= 3 and person_like(doc, s, e)


def is_job(doc, s: int, e: int) -> bool:
    """'Minister of Health', 'Member of Parliament for Ablekuma': a job, not a name."""
    words = [t.lower_ for t in doc[s:e]]
    return len(words) >= 2 and words[0] in JOB_WORDS and words[1] in ("of", "for", "general")


def attested(tok, ctx: Context) -> bool:
    low = tok.text.casefold()
    return (low in ctx.attested or gaz.place(tok.text) is not None or gaz.is_demonym(tok.text)
            or (tok.text.isupper() and len(tok.text) >= 2 and not tok.text.isdigit() and
                tok.text.casefold() in ctx.attested) or outlets.lookup(tok.text) is not None)


def runs_of(idx: list[int]) -> list[tuple[int, int]]:
    runs, start, prev = [], idx[0], idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs


def mention_words(doc, m: Mention) -> list[str]:
    return [t.lower_ for t in doc[m.tok_start:m.tok_end] if not t.is_punct]


def titles_before(doc, i: int) -> bool:
    """True when a title or honorific stands right before token i ("Mr. Okafor", "President Okafor")."""
    k = i - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    return k >= 0 and doc[k].text[:1].isupper() and gaz.is_honorific(doc[k].text) \
        and doc[k].lower_ not in TITLE_WORDS


def is_free(doc, s: int, e: int, covered: set[int]) -> bool:
    """True when tokens [s, e) are not in a mention and not part of a longer capitalised name."""
    if any(i in covered for i in range(s, e)):
        return False
    prev = doc[s - 1] if s > 0 else None
    nxt = doc[e] if e < len(doc) else None

    def namey(t):
        return t is not None and t.text[:1].isupper() and t.tag_ in ("NNP", "NNPS") and not t.is_sent_start

    return not namey(prev) and not (nxt is not None and nxt.text[:1].isupper() and nxt.tag_ in ("NNP", "NNPS"))


def is_name_word(tok) -> bool:
    """A capitalised word that can continue a person's name."""
    t = tok.text
    return (re.fullmatch(r"[^\W\d_][\w'’.-]*", t) is not None and t[:1].isupper() and tok.tag_ in ("NNP", "NNPS") and not tok.is_sent_start and not t.isupper()
            and not gaz.is_honorific(t) and not gaz.is_demonym(t) and gaz.place(t) is None
            and outlets.lookup(t) is None and tok.lower_ not in gaz.ORG_HEADS and not tok.ent_type_
            and "\n" not in tok.whitespace_)


def is_org_word(tok) -> bool:
    """A capitalised word the model left out of an organisation's name."""
    return (re.fullmatch(r"[^\W\d_][\w'’.-]*", tok.text) is not None and tok.text[:1].isupper()
            and tok.tag_ in ("NNP", "NNPS") and not tok.is_sent_start and not tok.ent_type_
            and not gaz.is_honorific(tok.text) and tok.lower_ not in JOB_WORDS
            and tok.lower_ not in JOB_MODIFIERS)


ROMAN_RE = re.compile(r"^[IVXLC]+$")


# Model designations: "Mi-17", "A320", "T-72B", "737-800" (a bare number or year is not one).
MODEL_CODE_RE = re.compile(r"[A-Z][A-Za-z]{0,2}-?\d+[A-Za-z0-9-]*|\d{2,}-\d+[A-Za-z]*")


PLACE_PREPOSITIONS = gaz.words("place_preposition")


LINKERS = gaz.words("linker")


def head_token(doc, m: Mention):
    """The syntactic head of a mention: the token whose head lies outside the span."""
    for t in doc[m.tok_start:m.tok_end]:
        if not (m.tok_start <= t.head.i < m.tok_end) or t.head.i == t.i:
            return t
    return doc[m.tok_end - 1]


KIN_NOUNS = gaz.words("kin")


SPEECH_VERBS = frozenset(r["lemma"] for r in rows("speech_verbs.tsv"))


def type_class(label: str) -> str:
    return "PLACE" if label in PLACE_LABELS else label


def closed_by_head(doc, m: Mention) -> bool:
    """True when a mention's last word is the head word of an organisation's or a place's name."""
    last = doc[m.tok_end - 1].lower_
    return last in gaz.ORG_HEADS or last in gaz.PLACE_HEADS_LOC or last in gaz.PLACE_HEADS_GPE


# A possessive ending a mention's last token ("Obama's", "Obama‘s", "Jones'"), with any apostrophe or
# quote mark standing in for one; the name keeps its own final "s" ("Jones").
_POSSESSIVE_END = re.compile(r"(?<=\w)[’'‘`´](?:s|S)?$")


def mention_offsets(doc, m: Mention) -> tuple[int, int] | None:
    """Character offsets of a mention: its tokens' extent less a possessive ending and the
    punctuation left at its edges when a prefix or a joined word was cut off ("anti-" of
    "anti-Ruritania", "-" of "Vell-"), or None when nothing of a name is left. A closing period of
    an abbreviation ("U.S.") and brackets stay."""
    span = doc[m.tok_start:m.tok_end]
    text = span.text  # the span's own text: doc.text would be rebuilt on every call
    start, end = 0, len(text)
    while start < end and not (text[start].isalnum() or text[start] in "(["):
        start += 1
    while end > start:
        cut = _POSSESSIVE_END.search(text, start, end)
        if cut is not None:
            end = cut.start()
        elif not (text[end - 1].isalnum() or text[end - 1] in ".)]!"):
            end -= 1
        else:
            break
    return (span.start_char + start, span.start_char + end) if end > start else None


def mention_text(doc, m: Mention) -> str:
    offsets = mention_offsets(doc, m)
    if offsets is None:
        return ""
    base = doc[m.tok_start].idx
    return doc[m.tok_start:m.tok_end].text[offsets[0] - base:offsets[1] - base]


def possessive_in_name(doc, s: int, i: int) -> bool:
    """True when the possessor before token i belongs inside an organisation's or place's name."""
    if i == s:
        return False
    last = doc[i - 1]
    return (doc[i].text in ("'", "’") or last.lower_ in gaz.PERSON_NOUNS or last.lemma_.lower() in gaz.PERSON_NOUNS
            or doc[s].lower_.rstrip(".") in ("st", "saint"))
