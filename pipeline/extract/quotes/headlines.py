"""Reported speech in a headline, whose parse (title case, no sentence around it) cannot be trusted:
read off its words instead.

- "Name: what they said" (the source before a colon);
- "Name says what they said", "Club backs Díaz", "Roads will reopen, mayor says" (a cue verb in
  the present or past, the source right before it).

The source must be a name (a person or organisation of the model's entities or of the article's
entity rows) or a described speaker ("Board denies ...", "Club backs ...").
"""
from __future__ import annotations

import re

from pipeline.extract.quotes.article import Article, Reported
from pipeline.extract.quotes.attribution import ANON_HEADS, CUE_CLASSES, ORG_HEADS, PUBLICATION_HEADS, Speaker
from pipeline.extract.quotes.cues import regular_forms
from pipeline.extract.quotes.naming import ROLE_HEADS
from pipeline.lexicons import rows


# A headline that gives its source before a colon: "Mayor Brown: Budget Will Pass".
_HEADLINE_SOURCE_RE = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S.*\S)[ \t]*$")
_DESCRIBED = ANON_HEADS | ORG_HEADS | PUBLICATION_HEADS | ROLE_HEADS
_NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE")


# Headlines put their cue in the present ("says", "urges", "denies"): the regular "-s" forms, and
# the past of the two verbs headlines use it for.
HEADLINE_CUES = {form: cls for lemma, cls in CUE_CLASSES.items()
                 for form in regular_forms(lemma) if form.endswith("s") and form != lemma} | \
    {"said": "say", "told": "say"}
_SAY = frozenset({"says", "said"})  # never a noun, whatever the tagger reads

# Prepositions that open a setting or an addressee after a verb ("speaks at", "talks to"), where
# "calls for", "warns against", "talks about" open what was said.
_SETTING = frozenset(r["preposition"] for r in rows("content_prepositions.tsv") if r["use"] in ("setting", "addressee"))
# Prepositions that open what was said ("Warns Against Cuts"), which title case may hide from the tagger.
_CONTENT_PREPOSITIONS = frozenset(r["preposition"] for r in rows("content_prepositions.tsv")
                                  if r["use"] in ("any_cue", "not_after_say"))
# Classes whose object is a name on its own ("Club Backs Díaz"); any other cue needs two words or more.
_NAME_OBJECT = frozenset({"judge", "announce"})


def _names_source(art: Article, toks, described: bool = True) -> bool:
    """The words before a headline's cue are a source: a name the model or the article's entity rows
    know, or (`described`) a noun of a described speaker ("Judge", "Union")."""
    if not toks or not toks[0].text[:1].isupper():
        return False
    # the name ends the source: "Díaz Harbour Plan Stalls" is a plan of Díaz's, not Díaz speaking
    e = toks[-1].idx + len(toks[-1])
    if any(x.label_ in _NAME_LABELS and x.start_char < e <= x.end_char for x in art.doc.ents):
        return True
    last = re.sub(r"['’]s?$", "", toks[-1].text.lower())
    if any(m.label in _NAME_LABELS and m.text.split() and m.text.lower().split()[-1] == last
           for m in art.resolver.mentions):
        return True
    return described and (toks[-1].lower_ in _DESCRIBED or toks[-1].lemma_.lower() in _DESCRIBED)


def _edges(toks):
    """Tokens without punctuation or quote marks at their ends."""
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    while toks and (toks[0].is_punct or toks[0].is_space):
        toks = toks[1:]
    return toks


def headline_cue(art: Article, avoid) -> list[Reported]:
    """"Brown Says the Roads Will Reopen", "Roads Will Reopen, Brown Says": a cue verb in a headline."""
    out = []
    for block in art.layout.blocks:
        if block.kind != "title" or _colon_source(art, block) is not None:
            continue  # "Brown: ..." is headline_source's ("Live Updates: Brown Urges ..." is not)
        span = art.doc.char_span(block.start, block.end, alignment_mode="expand")
        toks = [t for t in span if not t.is_space] if span is not None else []
        for k, cue in enumerate(toks):
            cls = HEADLINE_CUES.get(cue.lower_)
            if k == 0 or cls is None or avoid(cue.idx):
                continue
            # an intention ("plans", "seeks") is a cue only with its infinitive: "Club Plans for Stadium
            # Are Late" is a noun
            if cls == "intend":
                if not (k + 1 < len(toks) and toks[k + 1].lower_ == "to"):
                    continue
            elif cue.pos_ not in ("VERB", "AUX") and cue.lower_ not in _SAY:
                continue  # "Harbour Works Face Delay": the tagger reads a noun
            j = k
            while j > 0 and toks[j - 1].text not in (":", ",", "—", "–", ";"):
                j -= 1
            source = toks[j:k]
            if not 1 <= len(source) <= 6 or not _names_source(art, source):
                break  # the first cue decides: "Brown Says ..." or nothing
            content = _edges(toks[k + 1:])
            if content and content[0].lower_ in _SETTING and cls != "intend":  # "Plans to": an infinitive
                break  # "Coach Speaks at Club Dinner": a place or an addressee, not what was said
            if content and (content[0].pos_ == "ADP" or content[0].lower_ in _CONTENT_PREPOSITIONS) and cls != "intend":
                content = content[1:]  # "Calls for Calm", "Warns Against Cuts": what was said, as in the body
            if not content and j > 1 and toks[j - 1].text == ",":
                content = _edges(toks[:j - 1])  # "Roads Will Reopen, Brown Says"
            if len(content) < 2 and not (content and cls in _NAME_OBJECT and content[0].ent_type_ in _NAME_LABELS):
                break  # one word is content only as a name endorsed or announced: "Club Backs Díaz"
            spk = Speaker(art.text[source[0].idx:source[-1].idx + len(source[-1])], source[0].idx,
                          source[-1].idx + len(source[-1]), source[-1], cue.text)
            out.append(Reported(content[0].idx, content[-1].idx + len(content[-1]), cue, spk))
            break
    return out


def _colon_source(art: Article, block):
    """(match, source span) of a headline "Name: what they said", or None. Before a colon a described
    speaker ("REPORT:", "ANALYSIS:"), a shouted label or a rubric ("Live Updates:") is no source."""
    m = _HEADLINE_SOURCE_RE.match(art.text[block.start:block.end])
    if m is None:
        return None
    span = art.doc.char_span(block.start + m.start(1), block.start + m.end(1), alignment_mode="expand")
    if span is None or span.text.isupper() or not _names_source(art, list(span), described=False):
        return None
    return m, span


def headline_source(art: Article, avoid) -> list[Reported]:
    """A headline "Name: what they said", when the name is a source (`_names_source`)."""
    out = []
    for block in art.layout.blocks:
        if block.kind != "title":
            continue
        found = _colon_source(art, block)
        if found is None:
            continue
        m, span = found
        s, e = block.start + m.start(1), block.start + m.end(1)
        spk = Speaker(m.group(1), s, e, span.root, ":")
        out.append(Reported(block.start + m.start(2), block.start + m.end(2), span.root, spk))
    return out
