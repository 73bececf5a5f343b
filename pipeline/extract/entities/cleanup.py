"""Span cleanup: a model entity trimmed to the name itself, as a sequence of named passes.

A mention never crosses a line break, a bracket, a spaced dash or slash, or a possessive that ends
one name and starts another; it loses a leading determiner, a sentence-opening verb, titles and
honorifics, a nationality in front of a person, a job title in front of a place, and trailing
possessives and punctuation."""
from __future__ import annotations

import re

from pipeline.extract.entities import gazetteer as gaz
from pipeline.extract.entities.common import (
    COMPASS, CUT_TEXTS, DASHES, DETERMINERS, JOB_MODIFIERS, JOB_WORDS, MODEL_CODE_RE, NAME_PARTICLES,
    NON_NAME_END_TAGS, NON_NAME_START_TAGS, POSSESSIVE, ROMAN_RE, TITLE_WORDS, Context, Mention, attested, is_job,
    is_portfolio, person_like, possessive_in_name, runs_of,
)


def cut_points(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) between tokens no name runs across."""
    pieces, cur = [], start
    for i in range(start, end):
        tok = doc[i]
        cut = (tok.is_space or "\n" in tok.text or tok.text in CUT_TEXTS
               or (tok.text in DASHES and (doc[i - 1].whitespace_ if i > 0 else True) and tok.whitespace_)
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
    Elders")."""
    words = [t.lower_ for t in toks if t.is_alpha]
    heads = [words[-1]] + [words[k - 1] for k in range(1, len(words)) if words[k] == "of"] if words else []
    return any(w in gaz.ORG_HEADS or w.removesuffix("s") in gaz.PLACE_HEADS_LOC or w in gaz.PLACE_HEADS_GPE
               for w in heads)


def _joins_two_names(doc, s: int, i: int, e: int) -> bool:
    """True when the 'and' at token i joins two complete names ("the State Senate and Regional
    Council of Elders", "Ana Vell and Tomas Reyes Ortiz", one opening with a given name),
    not the parts of one ("Trinidad
    and Tobago", "Ministry of Fisheries and Oceans", "Ministry of Agriculture and Rural Development")."""
    left, right = doc[s:i], doc[i + 1:e]
    if sum(t.is_alpha for t in left) < 2 or sum(t.is_alpha for t in right) < 2:
        return False
    last = left[-1].lower_
    if (last in gaz.ORG_HEADS or last.removesuffix("s") in gaz.PLACE_HEADS_LOC or last in gaz.PLACE_HEADS_GPE) \
            and _has_head(right):
        return True
    return person_like(doc, s, i) and person_like(doc, i + 1, e) \
        and (gaz.is_given_name(doc[s].text) or gaz.is_given_name(doc[i + 1].text))


def _possessor_ends(doc, s: int, i: int, e: int) -> bool:
    """True when the possessive at token i ends one name and starts another ("Ruritania's Anna
    Vell", "Clinton's State Department"). A name built on a possessive stays whole: the possessor is
    a common noun for people ("Magistrate's Court", "People's Liberation Army", "Children's
    Hospital"), a plural ("Farmers' Union") or a saint ("St Agnes's Hospital")."""
    right = [t.lower_ for t in doc[i + 1:e] if not t.is_punct]
    if not right:
        return False
    if right[-1] in gaz.ORG_HEADS or right[-1] in gaz.PLACE_HEADS_LOC or right[-1] in gaz.PLACE_HEADS_GPE:
        return not possessive_in_name(doc, s, i)
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
            s += 1  # "Kenyan Wanjiru", "US President ..."
        elif gaz.place(doc[s].text) and titled is False and any(
                gaz.is_honorific(doc[k].text) for k in range(s + 1, min(e - 1, s + 3))):
            s += 1  # "Ruritania Dr. Ana Vell": the place belongs to the title
        else:
            break
    return s, titled


def _inner_title_cut(doc, s: int, e: int) -> tuple[int, bool]:
    """A title inside a person span ('Northfield MP Dana Okafor'): keep what follows it."""
    for k in range(e - 2, s, -1):
        if gaz.is_honorific(doc[k].text) and doc[k].text[:1].isupper() and doc[k].lower_ not in TITLE_WORDS:
            return k + 1 if doc[k + 1].text != "." else k + 2, True
    return s, False


def _next_word(doc, i: int) -> str:
    """The whitespace-delimited word that starts at token i ("737-800" is three tokens)."""
    k = i
    while k < len(doc) - 1 and not doc[k].whitespace_:
        k += 1
    return doc[i:k + 1].text


def clean_span(doc, s: int, e: int, label: str, ctx: Context, cut: bool = False) -> Mention | None:
    """Trim one piece of a model entity to the name itself; None when nothing of a name is left."""
    while s < e and (doc[s].lower_ in DETERMINERS or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_space
                     or (doc[e - 1].is_punct and doc[e - 1].text not in (")",))):
        e -= 1
    if s >= e:
        return None
    # A capitalised sentence opener glued to the name: "Said Vell", "Following Okafor",
    # "Meanwhile Vell"; or lowercase words in front of it ("rivals-- Okafor"). A word the
    # tagger reads as a verb inside a sentence is a verb only if the article also writes it in
    # lowercase ("members Lerato Dube-Mokoena" keeps its given name).
    while e - s >= 2 and not doc[s].text.isupper() and (
            (doc[s].tag_ in NON_NAME_START_TAGS and (
                not doc[s].tag_.startswith("VB") or doc[s].is_sent_start or s in ctx.block_starts
                or doc[s].lower_ in ctx.lower_words))
            or (doc[s].text[:1].islower() and doc[s].lower_ not in NAME_PARTICLES)
            or ((doc[s].is_sent_start or s in ctx.block_starts) and doc[s].lower_ in ctx.lower_words
                and doc[s].lower_ not in NAME_PARTICLES and not gaz.place(doc[s].text))):
        s += 1
    # the hyphen a cut prefix leaves behind ("anti-", "pro-", "ex-") is not part of the name
    while s < e - 1 and doc[s].is_punct and doc[s].text not in ("(", "["):
        s += 1
    while e - s >= 2 and (doc[e - 1].tag_ in NON_NAME_END_TAGS or (label == "PERSON" and doc[e - 1].like_num)):
        e -= 1
    # "the Okafor Socialist government": a creed or nationality word closing the span modifies the noun
    # after it and is not part of the name.
    if e - s >= 2 and e < len(doc) and gaz.is_demonym(doc[e - 1].text) and not gaz.is_demonym(doc[s].text) \
            and doc[e - 2].lower_ not in COMPASS and doc[e].pos_ == "NOUN" and doc[e].text.islower():
        e -= 1
    # "Boeing 737", "Airbus A320": a maker's name in front of a model code names a product.
    if e < len(doc) and label in ("PERSON", "ORG", "GPE", "NORP") and doc[e - 1].whitespace_ == " " \
            and MODEL_CODE_RE.fullmatch(_next_word(doc, e).rstrip(".,;:")):
        return None
    # Headline case: keep the words the prose attests as parts of names.
    if any(i in ctx.headline_tokens for i in range(s, e)):
        kept = [i for i in range(s, e) if attested(doc[i], ctx)]
        if not kept:
            # A name no prose attests is kept only in a credit line ("Ana Vell / AP").
            if not (label == "PERSON" and 2 <= e - s <= 3 and s in ctx.caption_tokens and all(
                    doc[i].text[:1].isupper() and doc[i].lower_ not in ctx.lower_words for i in range(s, e))):
                return None
        else:
            s, e = max(runs_of(kept), key=lambda r: (r[1] - r[0], -r[0]))
    titled = False
    if is_job(doc, s, e):
        # "Governor of Eastland Province": the job goes, the place or body it is of stays
        s += 2
        while s < e and doc[s].lower_ in DETERMINERS:
            s += 1
        if s >= e or not doc[s].text[:1].isupper() or (e - s == 1 and is_portfolio(doc, s)):
            return None
    if e - s >= 2 and (label in ("PERSON", "ORG", "GPE", "NORP") or gaz.is_honorific(doc[s].text)):
        s2, titled = _strip_titles(doc, s, e)
        # Titles come off a person's name; an ORG or place keeps its words unless what is left
        # after the title reads as a person's name ("Comptroller Lucia Ferreira").
        # A nationality makes no person of the one word after it ("the Egyptian Exchange").
        if s2 > s and person_like(doc, s2, e) and (titled or label == "PERSON" or e - s2 >= 2):
            s = s2
            if label != "PERSON" and person_like(doc, s, e):
                label = "PERSON"
        else:
            titled = False
        if label == "PERSON" and e - s >= 3:
            s3, inner = _inner_title_cut(doc, s, e)
            s, titled = s3, titled or inner
        if titled and e - s == 1 and gaz.is_honorific(doc[s].text):
            return None  # "Her Majesty Queen": titles only, the name follows
    # "Germany Map": a person's name does not open with a country's name; what follows the
    # country is a person only when it reads as a full name.
    if label == "PERSON" and e - s >= 2 and gaz.is_country(doc[s].text) and not gaz.is_given_name(doc[s].text) \
            and not gaz.is_ambiguous_place(doc[s].text):
        if e - s >= 3 and person_like(doc, s + 1, e):
            s += 1
        else:
            e, label = s + 1, "GPE"
    # Honorific or rank left at the end of an ORG ("... Academy of Sciences Dr.").
    while e - s >= 2 and label != "PERSON" and (
            (gaz.is_news_title(doc[e - 1].text) and doc[e - 1].text[:1].isupper()) or doc[e - 1].lower_ in JOB_WORDS):
        e -= 1
    # The first words of a job title after an organisation ("Acme Public Relations Officer",
    # "Samsung Marketing Manager", "U.N. High Commissioner") belong to the title.
    if label == "ORG" and e < len(doc) and (doc[e].lower_ in JOB_WORDS or gaz.is_honorific(doc[e].text)):
        while e - s >= 2 and doc[e - 1].lower_ in JOB_MODIFIERS:
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
    if label == "PERSON" and len(span_text) >= 2 and ROMAN_RE.match(span_text):
        return None  # "IV" of "King Osei Tutu IV": a regnal number, not a name
    if span_text.upper().rstrip("S") in gaz.COMMON_ACRONYMS or span_text.upper() in gaz.COMMON_ACRONYMS:
        return None
    # A model, product or disease code ("COVID-19", "MiG-29", "A-10") is not a name of anything we keep.
    if re.fullmatch(r"[A-Za-z]+-\d+[A-Za-z]?", span_text):
        return None
    # A portfolio next to a job title ("Minister of Education", "the Finance Minister").
    if e - s == 1 and label == "ORG" and is_portfolio(doc, s):
        return None
    if e - s == 1:
        tok = doc[s]
        # A lone verb or function word the model took for a name ("has Tweeted that").
        if tok.tag_ in NON_NAME_START_TAGS and not tok.text.isupper() and (label != "PERSON" or tok.tag_ != "VBN"):
            return None
        # One word left over from a span cut at a line break ("Harriet Quill\n\nPhoto"): a name
        # only when the article uses it as one elsewhere.
        if cut and not tok.text.isupper() and ctx.attested[tok.text.casefold()] < 2 and not gaz.place(tok.text):
            return None
    return Mention(s, e, label, titled=titled, strong=titled)
