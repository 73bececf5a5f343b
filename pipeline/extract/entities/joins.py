"""Boundaries: a mention grows to the whole name (a person's name cut short, a hyphenated name, a
longer known place, a compass word), and neighbouring mentions join ("Dana Okafor" + "Mbeki",
"Lake Vell" + "National Park") or qualify each other ("Lyon, France")."""
from __future__ import annotations

from pipeline.extract.layout import outlets
from pipeline.extract.entities import gazetteer as gaz
from pipeline.extract.entities.matcher import gazetteer_spans
from pipeline.extract.entities.common import (
    COMPASS, PLACE_LABELS, ROMAN_RE, Context, Mention, closed_by_head, is_name_word, is_org_word,
    person_like, possessive_in_name,
)


def extend(doc, m: Mention) -> None:
    """Grow a mention to the whole name: a person's name the model cut short ("Ana" +
    "Vell-Okafor"), across a hyphen written without spaces ("Jean-Paul Okafor"), to a longer known
    place ("Trinidad" -> "Trinidad and Tobago"), and over a compass word in front of a place
    ("northern Kenya")."""
    if m.label == "PERSON" and m.tok_start > 0 and doc[m.tok_start - 1].lower_ in gaz.NAME_MARKERS \
            and doc[m.tok_start - 1].text[:1].isupper() and "\n" not in doc[m.tok_start - 1].whitespace_:
        m.tok_start -= 1  # "Nana Osei Bekoe": the marker is part of the name
    if m.label in ("ORG", "FAC", "GPE", "LOC") and m.tok_end + 1 < len(doc) and doc[m.tok_end].tag_ == "POS" \
            and possessive_in_name(doc, m.tok_start, m.tok_end):
        # "St Agnes" + "'s Hospital": a name built on a possessive, closed by its head word
        e = m.tok_end + 1
        while e < len(doc) and e - m.tok_start < 10 and is_org_word(doc[e]) and "\n" not in doc[e - 1].whitespace_:
            e += 1
        if e > m.tok_end + 1 and closed_by_head(doc, Mention(m.tok_start, e, m.label)):
            m.tok_end = e
            m.label = "ORG" if doc[e - 1].lower_ in gaz.ORG_HEADS else m.label
    if m.label == "PERSON":
        while m.tok_end < len(doc) and m.tok_end - m.tok_start < 5 and is_name_word(doc[m.tok_end]) \
                and "\n" not in doc[m.tok_end - 1].whitespace_:
            m.tok_end += 1
        while m.tok_start > 0 and m.tok_end - m.tok_start < 5 and is_name_word(doc[m.tok_start - 1]) \
                and "\n" not in doc[m.tok_start - 1].whitespace_:
            m.tok_start -= 1
    if m.label == "ORG":
        # "the Ministry of Fisheries" + "and Oceans": an organisation's name the model cut short
        j = m.tok_end
        while j < len(doc) and "\n" not in doc[j - 1].whitespace_:
            if doc[j].lower_ in ("and", "&") and doc[j - 1].lower_ in gaz.ORG_HEADS:
                break  # "Acme Mining Ltd and Vell Farms Ltd" are two companies
            k = j + 1 if doc[j].lower_ in ("and", "of", "for", "in", "on", "&") else j
            n = k
            while n < len(doc) and is_org_word(doc[n]) and "\n" not in doc[n - 1].whitespace_:
                n += 1
            if n == k or n - m.tok_start > 14:
                break
            j = n
        m.tok_end = j
    while m.tok_end + 1 < len(doc) and not doc[m.tok_end - 1].whitespace_ and doc[m.tok_end].text == "-" \
            and not doc[m.tok_end].whitespace_ and doc[m.tok_end + 1].is_alpha and m.label == "PERSON":
        m.tok_end += 2
    # the longest known place around the mention, at most two words before and three after it
    best = None
    for span in gazetteer_spans(doc):
        if span.label_ in PLACE_LABELS and m.tok_start - 2 <= span.start <= m.tok_start and \
                m.tok_end <= span.end <= m.tok_end + 3 and len(span) > m.tok_end - m.tok_start \
                and "\n" not in span.text and span.text[:1].isupper() and span[0].lower_ != "the" \
                and (best is None or len(span) > len(best[0])):
            best = (span, (span.id_, span.label_))
    if best is not None and (m.label in PLACE_LABELS or gaz.place(doc[m.tok_start:m.tok_end].text)
                             or not gaz.is_ambiguous_place(best[0].text)):
        span, (canonical, label) = best
        m.tok_start, m.tok_end, m.label, m.canonical, m.strong = span.start, span.end, label, canonical, True
    if m.label in PLACE_LABELS and m.tok_start > 0 and doc[m.tok_start - 1].lower_ in COMPASS \
            and doc[m.tok_start - 1].text.islower():
        m.tok_start -= 1
        m.canonical = None


def join_adjacent_names(doc, mentions: list[Mention], ctx: Context) -> list[Mention]:
    """Two mentions with only a space between them, on one line, are one name the model cut in two:
    a person's ("Oyelaran Adebayo" + "Okonkwo Eze") or one the second closes with its head word
    ("Kelmore Creek" + "First Nation", "Cerro Blanco" + "National Park"). A known place or outlet
    in front ("United States National Weather Service") stays a name of its own."""
    out: list[Mention] = []
    for m in mentions:
        a = out[-1] if out else None
        if a is None or m.tok_start != a.tok_end or not doc[a.tok_end - 1].whitespace_ or "\n" in doc[a.tok_end - 1].whitespace_ \
                or not {a.label, m.label} <= {"PERSON", "ORG", "GPE", "LOC"} or gaz.is_demonym(doc[a.tok_start].text) \
                or ROMAN_RE.match(doc[m.tok_start:m.tok_end].text) \
                or any(i in ctx.headline_tokens for i in range(a.tok_start, m.tok_end)) or a.canonical or m.canonical \
                or gaz.place(doc[a.tok_start:a.tok_end].text) or outlets.lookup(doc[a.tok_start:a.tok_end].text):
            out.append(m)
            continue
        if m.label in ("ORG", "GPE", "LOC") and closed_by_head(doc, m) and not closed_by_head(doc, a):
            label = m.label
        elif "PERSON" in (a.label, m.label) and m.tok_end - a.tok_start <= 5 and person_like(doc, a.tok_start, m.tok_end):
            label = "PERSON"
        else:
            out.append(m)
            continue
        out[-1] = Mention(a.tok_start, m.tok_end, label, strong=a.strong or m.strong, titled=a.titled,
                          aliases=a.aliases + m.aliases)
    return out


def join_qualified_places(doc, mentions: list[Mention]) -> list[Mention]:
    """'Lyon, France', 'Red Deer, Alberta', 'Washington, DC': a place qualified by the country or
    state it lies in is one place reference; it keeps the inner place's identity. A list of
    places ('Mali, Niger and Chad') is left alone."""
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and a.label in PLACE_LABELS + ("FAC", "ORG") and b.label in PLACE_LABELS \
                and b.tok_start == a.tok_end + 1 and doc[a.tok_end].text == "," and "\n" not in doc[a.tok_start:b.tok_end].text:
            a_text, b_text = doc[a.tok_start:a.tok_end].text, doc[b.tok_start:b.tok_end].text
            after = doc[b.tok_end] if b.tok_end < len(doc) else None
            after2 = doc[b.tok_end + 1] if b.tok_end + 1 < len(doc) else None
            in_list = after is not None and (after.lower_ in ("and", "or") or (
                after.text == "," and after2 is not None and after2.text[:1].isupper() and after2.ent_type_ in (
                    "GPE", "LOC")))
            if gaz.is_region(b_text) and not gaz.is_country(a_text) and not in_list \
                    and (a.label in PLACE_LABELS or a.label == "FAC"):
                merged = Mention(a.tok_start, b.tok_end, "GPE", strong=True, canonical=a.canonical or a_text)
                out.append(merged)
                i += 2
                continue
        out.append(a)
        i += 1
    return out
