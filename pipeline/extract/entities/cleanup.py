"""Span cleanup: a model entity trimmed to the name itself, as a sequence of named passes.

A mention never crosses a line break, a bracket, a spaced dash or slash, or a possessive that ends
one name and starts another; it loses a leading determiner, a sentence-opening verb, titles and
honorifics, a nationality in front of a person, a job title in front of a place, and trailing
possessives and punctuation."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.layout import outlets
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


@dataclass
class Draft:
    """A span being cleaned: the passes move its token bounds and may change its label."""

    s: int
    e: int
    label: str
    ctx: Context
    cut: bool  # a piece of a longer model span cut at a line break or bracket
    titled: bool = False


# Each pass trims a draft in place and returns False when nothing of a name is left.


def trim_edges(doc, d: Draft) -> bool:
    """A leading determiner or punctuation, a trailing possessive, punctuation or space."""
    while d.s < d.e and (doc[d.s].lower_ in DETERMINERS or doc[d.s].is_punct or doc[d.s].is_space):
        d.s += 1
    while d.e > d.s and (doc[d.e - 1].text in POSSESSIVE or doc[d.e - 1].is_space
                         or (doc[d.e - 1].is_punct and doc[d.e - 1].text not in (")",))):
        d.e -= 1
    return d.s < d.e


def trim_sentence_opener(doc, d: Draft) -> bool:
    """A capitalised sentence opener glued to the name ("Said Vell", "Following Okafor", "Meanwhile
    Vell"), lowercase words in front of it ("rivals-- Okafor") and the hyphen a cut prefix leaves
    ("anti-", "pro-", "ex-"). A word the tagger reads as a verb inside a sentence is a verb only if
    the article also writes it in lowercase ("members Lerato Dube-Mokoena" keeps its given name)."""
    ctx = d.ctx
    while d.e - d.s >= 2 and not doc[d.s].text.isupper() and (
            (doc[d.s].tag_ in NON_NAME_START_TAGS and (
                not doc[d.s].tag_.startswith("VB") or doc[d.s].is_sent_start or d.s in ctx.block_starts
                or doc[d.s].lower_ in ctx.lower_words))
            or (doc[d.s].text[:1].islower() and doc[d.s].lower_ not in NAME_PARTICLES)
            or ((doc[d.s].is_sent_start or d.s in ctx.block_starts) and doc[d.s].lower_ in ctx.lower_words
                and doc[d.s].lower_ not in NAME_PARTICLES and not gaz.place(doc[d.s].text))):
        d.s += 1
    while d.s < d.e - 1 and doc[d.s].is_punct and doc[d.s].text not in ("(", "["):
        d.s += 1
    while d.e - d.s >= 2 and (doc[d.e - 1].tag_ in NON_NAME_END_TAGS
                              or (d.label == "PERSON" and doc[d.e - 1].like_num)):
        d.e -= 1
    return True


def trim_modifying_creed(doc, d: Draft) -> bool:
    """"the Okafor Socialist government": a creed or nationality word closing the span modifies the
    noun after it and is not part of the name."""
    s, e = d.s, d.e
    if e - s >= 2 and e < len(doc) and gaz.is_demonym(doc[e - 1].text) and not gaz.is_demonym(doc[s].text) \
            and doc[e - 2].lower_ not in COMPASS and doc[e].pos_ == "NOUN" and doc[e].text.islower():
        d.e -= 1
    return True


def drop_maker_of_model(doc, d: Draft) -> bool:
    """"Boeing 737", "Airbus A320": a maker's name in front of a model code names a product."""
    e = d.e
    return not (e < len(doc) and d.label in ("PERSON", "ORG", "GPE", "NORP") and doc[e - 1].whitespace_ == " "
                and MODEL_CODE_RE.fullmatch(_next_word(doc, e).rstrip(".,;:")))


def keep_attested_headline_words(doc, d: Draft) -> bool:
    """Headline case: keep the words the prose attests as parts of names; a name no prose attests
    is kept only in a credit line ("Ana Vell / AP")."""
    ctx = d.ctx
    if not any(i in ctx.headline_tokens for i in range(d.s, d.e)):
        return True
    kept = [i for i in range(d.s, d.e) if attested(doc[i], ctx)]
    if kept:
        d.s, d.e = max(runs_of(kept), key=lambda r: (r[1] - r[0], -r[0]))
        return True
    return d.label == "PERSON" and 2 <= d.e - d.s <= 3 and d.s in ctx.caption_tokens and all(
        doc[i].text[:1].isupper() and doc[i].lower_ not in ctx.lower_words for i in range(d.s, d.e))


def drop_job_of(doc, d: Draft) -> bool:
    """"Governor of Eastland Province": the job goes, the place or body it is of stays."""
    if not is_job(doc, d.s, d.e):
        return True
    d.s += 2
    while d.s < d.e and doc[d.s].lower_ in DETERMINERS:
        d.s += 1
    return not (d.s >= d.e or not doc[d.s].text[:1].isupper() or (d.e - d.s == 1 and is_portfolio(doc, d.s)))


def strip_titles(doc, d: Draft) -> bool:
    """Titles come off a person's name; an ORG or place keeps its words unless what is left after the
    title reads as a person's name ("Comptroller Lucia Ferreira"). A nationality makes no person of
    the one word after it ("the Peruvian Exchange"). Titles alone ("Her Majesty Queen") are no name."""
    s, e = d.s, d.e
    if not (e - s >= 2 and (d.label in ("PERSON", "ORG", "GPE", "NORP") or gaz.is_honorific(doc[s].text))):
        return True
    if gaz.is_known_org(doc[s:e].text) or gaz.place(doc[s:e].text) or outlets.lookup(doc[s:e].text):
        return True  # a registry's name ("Credit Suisse") keeps a first word that can be a title
    s2, titled = _strip_titles(doc, s, e)
    if s2 > s and person_like(doc, s2, e) and (titled or d.label == "PERSON" or e - s2 >= 2):
        d.s = s2
        if d.label != "PERSON" and person_like(doc, d.s, e):
            d.label = "PERSON"
    else:
        titled = False
    if d.label == "PERSON" and e - d.s >= 3:
        d.s, inner = _inner_title_cut(doc, d.s, e)
        titled = titled or inner
    d.titled = titled
    return not (titled and e - d.s == 1 and gaz.is_honorific(doc[d.s].text))


def split_country_from_person(doc, d: Draft) -> bool:
    """"Germany Map": a person's name does not open with a country's name; what follows the country
    is a person only when it reads as a full name."""
    s, e = d.s, d.e
    if d.label == "PERSON" and e - s >= 2 and gaz.is_country(doc[s].text) and not gaz.is_given_name(doc[s].text) \
            and not gaz.is_ambiguous_place(doc[s].text):
        if e - s >= 3 and person_like(doc, s + 1, e):
            d.s += 1
        else:
            d.e, d.label = s + 1, "GPE"
    return True


def trim_trailing_titles(doc, d: Draft) -> bool:
    """A title left at the end of an ORG ("... Institute of Botany Dr."), and the first words of a
    job title after an organisation ("Acme Public Relations Officer", "U.N. High Commissioner")."""
    while d.e - d.s >= 2 and d.label != "PERSON" and doc[d.e - 2].lower_ not in ("of", "for") and (
            (gaz.is_news_title(doc[d.e - 1].text) and doc[d.e - 1].text[:1].isupper())
            or doc[d.e - 1].lower_ in JOB_WORDS):  # after "of" it is a portfolio ("Ministry of Justice")
        d.e -= 1
    if d.label == "ORG" and d.e < len(doc) and (doc[d.e].lower_ in JOB_WORDS or gaz.is_honorific(doc[d.e].text)):
        while d.e - d.s >= 2 and doc[d.e - 1].lower_ in JOB_MODIFIERS:
            d.e -= 1
    while d.e > d.s and (doc[d.e - 1].is_punct or doc[d.e - 1].is_space) and doc[d.e - 1].text not in (")",) \
            and not (doc[d.e - 1].text == "." and d.e - 2 >= d.s and len(doc[d.e - 2].text) == 1):
        d.e -= 1
    return d.s < d.e


def drop_non_names(doc, d: Draft) -> bool:
    """What is left is no name: a URL, no letter or capital, a regnal number ("IV"), a common
    abbreviation ("GDP"), a model or disease code ("COVID-19", "MiG-29"), a portfolio next to a job
    title ("Minister of Education"), a lone verb or function word ("has Tweeted that"), or one word
    left from a span cut at a line break ("Harriet Quill\n\nPhoto") that the article uses nowhere else."""
    s, e, ctx = d.s, d.e, d.ctx
    if any(i in ctx.url_tokens for i in range(s, e)):
        return False
    span_text = doc[s:e].text
    if not re.search(r"[^\W\d_]", span_text) or not any(c.isupper() for c in span_text):
        return False
    if d.label == "PERSON" and len(span_text) >= 2 and ROMAN_RE.match(span_text):
        return False
    if span_text.upper().rstrip("S") in gaz.COMMON_ACRONYMS or span_text.upper() in gaz.COMMON_ACRONYMS:
        return False
    if re.fullmatch(r"[A-Za-z]+-\d+[A-Za-z]?", span_text):
        return False
    if e - s == 1 and d.label == "ORG" and is_portfolio(doc, s):
        return False
    if e - s == 1:
        tok = doc[s]
        if tok.tag_ in NON_NAME_START_TAGS and not tok.text.isupper() and (d.label != "PERSON" or tok.tag_ != "VBN"):
            return False
        if d.cut and not tok.text.isupper() and ctx.attested[tok.text.casefold()] < 2 and not gaz.place(tok.text):
            return False
    return True


CLEANUP_PASSES = (trim_edges, trim_sentence_opener, trim_modifying_creed, drop_maker_of_model,
                  keep_attested_headline_words, drop_job_of, strip_titles, split_country_from_person,
                  trim_trailing_titles, drop_non_names)


def clean_span(doc, s: int, e: int, label: str, ctx: Context, cut: bool = False) -> Mention | None:
    """Trim one piece of a model entity to the name itself, pass by pass; None when nothing of a
    name is left."""
    draft = Draft(s, e, label, ctx, cut)
    for step in CLEANUP_PASSES:
        if not step(doc, draft):
            return None
    return Mention(draft.s, draft.e, draft.label, titled=draft.titled, strong=draft.titled)
