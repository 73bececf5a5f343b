"""Recall: mentions the model missed, each found by one named rule: a bracketed acronym, a dateline
place, a known place or outlet (from the gazetteer matcher's spans), a name marker or title followed
by capitalised words, a given name followed by name words, a capitalised run closed by a head
word, and later bare uses of a name the article introduced."""
from __future__ import annotations

import re

from pipeline.extract.layout import outlets
from pipeline.extract.entities import gazetteer as gaz
from pipeline.extract.entities.matcher import gazetteer_spans
from pipeline.extract.entities.common import (
    ACRONYM_RE, DETERMINERS, JOB_WORDS, LINKERS, PLACE_LABELS, ROMAN_RE, Context, Mention, attested,
    is_free, is_name_word, mention_text, person_like, titles_before,
)


def acronym_mentions(doc, mentions: list[Mention]) -> list[Mention]:
    """'Bank of Ghana (BoG)': the bracketed acronym is a mention of the entity before it."""
    by_end = {m.tok_end: m for m in mentions}
    out = []
    for tok in doc:
        if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
            continue
        acr = doc[tok.i + 1]
        if not ACRONYM_RE.match(acr.text):
            continue
        prev = by_end.get(tok.i)
        if prev is None:
            continue
        initials = [t.text[0].lower() for t in doc[prev.tok_start:prev.tok_end] if t.is_alpha]
        if prev.label == "PERSON" and [c.lower() for c in acr.text if c.isalpha()] != initials:
            # "Ana Vell (NDP)": an acronym after a person's name is their party or employer,
            # unless it spells the person's initials ("Diane Anders (DA)")
            out.append(Mention(acr.i, acr.i + 1, "ORG", strong=True))
            continue
        out.append(Mention(acr.i, acr.i + 1, prev.label, strong=prev.strong,
                           aliases=[mention_text(doc, prev)]))
        prev.aliases.append(acr.text)
    return out


_ACRONYM_GLUE = {"and", "of", "for", "the", "in", "on", "&", ",", "-"}


def common_noun_acronyms(doc) -> set[str]:
    """Acronyms the article defines by lowercase words ("unmanned aerial vehicles (UAV)", "light
    detection and ranging, or LIDAR"): abbreviations of things, not names."""
    found = set()
    for tok in doc:
        if not ACRONYM_RE.match(tok.text) or tok.i < 2:
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
    """'NAIROBI, May 3 (Reuters) -', 'PARIS: ...': an all-caps place opening a paragraph."""
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


def gazetteer_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Known countries, cities and regions the model left untagged ('Ruritania-Borduria war'): the
    gazetteer matcher's place spans, longest first at each token, when written as a name."""
    out = []
    for span in gazetteer_spans(doc):
        if span.label_ not in PLACE_LABELS or span.start in covered or span.start in ctx.url_tokens \
                or span[0].lower_ == "the":
            continue
        text = span.text
        if not text[:1].isupper() or gaz.is_ambiguous_place(text):
            continue
        # a short form is a place only in capitals ("UK", "U.S."), never as a word ("Ica", "Oyo")
        if len(text) < 4 and not (text.replace(".", "").isupper() and gaz.is_country(text)):
            continue
        if not (text.istitle() or text.isupper() or "." in text or " " in text or text == span.id_):
            continue
        if not is_free(doc, span.start, span.end, covered) and not text.isupper():
            continue
        if any(i in covered for i in range(span.start, span.end)):
            continue
        out.append(Mention(span.start, span.end, span.label_, strong=True, canonical=span.id_))
        covered.update(range(span.start, span.end))
    return out


def repeat_mentions(doc, mentions: list[Mention], covered: set[int], ctx: Context) -> list[Mention]:
    """Later bare uses of a name the article introduced ('the NGB', '(Judge) Okafor') that the
    model missed: the same words, capitalised as a name, not part of a longer name."""
    forms: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        toks = doc[m.tok_start:m.tok_end]
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
            if any(i in covered for i in range(tok.i, e)) or (not capitals and not is_free(doc, tok.i, e, covered)):
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


def pattern_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Names the model missed that announce their type in their last word: a run of capitalised
    words ending in an organisation head ("Eastland Meat Authority", "Harbour Turf Club") or
    a place head ("Market Street", "Greywater National Park")."""
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
            if prev.text[:1].isupper() and any(c.isalpha() for c in prev.text) and prev.lower_ not in DETERMINERS:
                s -= 1
                if prev.is_sent_start or s in ctx.block_starts:
                    break
            elif prev.lower_ in LINKERS and s - 1 > 0 and doc[s - 2].text[:1].isupper():
                s -= 1
            else:
                break
        while s < tok.i and (doc[s].lower_ in LINKERS or (doc[s].is_sent_start and doc[s].lower_ in ctx.lower_words)
                             or doc[s].lower_ in JOB_WORDS or gaz.is_honorific(doc[s].text)):
            s += 1  # "Member of Parliament" is a job; "the Parliament" alone is left to the model
        words = [t for t in doc[s:tok.i + 1] if t.lower_ not in LINKERS]
        if len(words) < 2 or all(w.lower_ in gaz.ORG_HEADS or w.lower_ in gaz.PLACE_HEADS_LOC
                                 or w.lower_ in gaz.PLACE_HEADS_GPE for w in words):
            continue
        if any(i in covered for i in range(s, tok.i + 1)):
            continue
        label = "ORG" if is_org else ("GPE" if low in gaz.PLACE_HEADS_GPE else "LOC")
        out.append(Mention(s, tok.i + 1, label, strong=True))
        covered.update(range(s, tok.i + 1))
    return out


def _names_after(doc, triggers, covered: set[int], max_words: int, name_word) -> list[Mention]:
    """A person from each trigger token (a name marker, a given name) and the name words after it:
    at most max_words of them, on the trigger's line, none already covered. Triggers are read
    lazily, so a mention made here covers the tokens later triggers would have started on."""
    out = []
    for tok in triggers:
        e = tok.i + 1
        while e < len(doc) and e - tok.i <= max_words and e not in covered \
                and "\n" not in doc[e - 1].whitespace_ and name_word(doc[e]):
            e += 1
        if e - tok.i < 2:
            continue
        out.append(Mention(tok.i, e, "PERSON", strong=True))
        covered.update(range(tok.i, e))
    return out


def marker_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'Nana Osei Bekoe', 'Datuk Aminah Yusof': a name marker and the capitalised words
    after it are a person the model missed."""
    triggers = (tok for tok in doc
                if tok.lower_ in gaz.NAME_MARKERS and tok.text[:1].isupper() and tok.i not in covered)
    return _names_after(doc, triggers, covered, 4,
                        lambda t: t.text[:1].isupper() and t.is_alpha and gaz.place(t.text) is None)


def titled_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'Inspector Vell said', 'Sister Okafor', 'PM Varga': the capitalised name words after a title are a
    person the model missed (the title stays out of the mention)."""
    out = []
    for tok in doc:
        if tok.i in covered or not titles_before(doc, tok.i) or tok.tag_ not in ("NNP", "NNPS") \
                or (tok.i in ctx.headline_tokens and tok.text.casefold() not in ctx.attested):
            continue
        e = tok.i
        while e < len(doc) and e - tok.i < 3 and e not in covered and doc[e].is_alpha and doc[e].tag_ in ("NNP", "NNPS") \
                and not gaz.is_honorific(doc[e].text) and doc[e].lower_ not in JOB_WORDS \
                and (e == tok.i or "\n" not in doc[e - 1].whitespace_):
            e += 1
        if e == tok.i or not person_like(doc, tok.i, e) or gaz.is_demonym(tok.text) \
                or any(ROMAN_RE.match(t.text) for t in doc[tok.i:e]):
            continue
        if e < len(doc) and doc[e].text[:1].isupper() and "\n" not in doc[e - 1].whitespace_:
            continue  # "Deputy Prime Minister", "King Osei Tutu Royal Court": not a bare name
        out.append(Mention(tok.i, e, "PERSON", strong=True, titled=True))
        covered.update(range(tok.i, e))
    return out


def given_name_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """'Ricardo Almeyda': a given name followed by capitalised name words is a person the model
    missed."""
    triggers = (tok for tok in doc
                if tok.i not in covered and tok.i not in ctx.headline_tokens and tok.text[:1].isupper()
                and not tok.text.isupper() and gaz.is_given_name(tok.text) and tok.tag_ in ("NNP", "NNPS"))
    return _names_after(doc, triggers, covered, 3,
                        lambda t: is_name_word(t) and t.lower_ not in gaz.PLACE_HEADS_LOC
                        and t.lower_ not in gaz.PLACE_HEADS_GPE)


def outlet_mentions(doc, covered: set[int], ctx: Context) -> list[Mention]:
    """Outlets and agencies of the registry the model left untagged ("- Reuters", "/AFP/")."""
    out = []
    for m in outlets.find_in(doc.text):
        span = doc.char_span(m.start, m.end, alignment_mode="strict")
        if span is None or any(t.i in covered or t.i in ctx.url_tokens for t in span):
            continue
        if len(span) == 1 and not span[0].text.isupper() and span[0].tag_ not in ("NNP", "NNPS"):
            continue
        out.append(Mention(span.start, span.end, "ORG", strong=True, canonical=m.outlet.name if m.outlet else None))
        covered.update(range(span.start, span.end))
    return out
