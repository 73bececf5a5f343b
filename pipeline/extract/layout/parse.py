"""Layout: find the headline, byline, outlet, date, URL, cited outlets and the body of a raw article.

Scraped news text is a column of blocks (one per line). The parser classifies each block with
rules that hold for news pages in general: a headline first, then meta lines (byline, outlet and
date, aggregator header), then prose interleaved with boilerplate (captions and photo credits,
video teasers, "Related article" links, promo headlines, paywall teasers, signatures). Only the
prose becomes `body`; its character spans tell extractors which mentions are `in_body`.

Everything here is a pure function of the text: no model, no I/O.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

from pipeline.extract.layout import outlets
from pipeline.lexicons import entries, entry_set, rows


def _month_names() -> dict[str, int]:
    """Month names and abbreviations as written ("September", "Sept") -> number, from months.tsv."""
    return {name.strip(): int(row["number"]) for row in rows("months.tsv")
            for name in (row["name"], *row["abbreviations"].split(","))}


MONTHS = {name.lower(): number for name, number in _month_names().items()}
# Capitalised as written: the dateline pattern is case-sensitive, the date pattern is not.
_MONTH_RE = "(?:" + "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True)) + r")\.?"
# "June 2, 2019", "June 03, 2019", "2 June 2019", "2019-06-02"; an optional weekday in front.
_DATE_RE = re.compile(
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_RE}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d))",
    re.IGNORECASE)
# A dateline opening a paragraph: "FLINT, Mich., Oct. 4 (UPI) —", "MIDWAY ATOLL -".
_DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][A-Z .'-]{{2,40}}(?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z][\w.]*)?)?),?\s*"
    rf"(?P<date>{_MONTH_RE}\s+\d{{1,2}})?\s*(?:\((?P<agency>[A-Za-z .-]{{2,30}})\))?\s*[-–—]+\s")

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MD_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_ANGLE_URL_RE = re.compile(r"^<?(https?://[^\s<>]+)>?$")
_URL_LABEL_RE = re.compile(
    r"^(?:(?:original\s+)?(?:url|link|source\s+url|web\s*address)\s*:\s*(?P<url><?(?:https?://\S*)?>?)"
    r"|source\s*:\s*(?P<src_url><?https?://\S*>?))$", re.I)
_BYLINE_RE = re.compile(r"^(?:By|BY|Written by|Words by)\s+(?P<names>[A-Z][^\n]{1,150})$")
_HEADING_RE = re.compile(r"^#{1,6}\s+")
# An aggregator header: SITE: “Title” – Outlet/ Author, Author
_AGGREGATOR_RE = re.compile(
    r"^(?P<site>[A-Z][A-Za-z0-9 .&'’-]{1,40}):\s*[“\"](?P<title>[^”\"]{5,300})[”\"]\s*[–—-]+\s*"
    r"(?P<outlet>[^/\n]{2,60}?)\s*/\s*(?P<authors>[^\n]{2,200})$")
_PROMO_START_RE = re.compile(
    r"^\W*(?:related(?: article| story| content| reading)?s?|read (?:also|more|next)|see also|also read|"
    r"more on this|recommended|watch|listen)\s*[:|]", re.I)
_PAYWALL_RE = re.compile(
    r"^(?:to continue reading|continue reading|read the (?:rest|full (?:story|article))|read more\b|"
    r"click here|subscribe (?:now|to|today)|sign up (?:for|to)|already a subscriber|"
    r"this (?:article|content) is (?:for|available to) subscribers|support (?:our|independent) journalism)",
    re.I)
# Editorial notes and reporting credits: about the article, not part of its prose.
_NOTE_RE = re.compile(
    r"^\W*(?:correction|clarification|editor['’]?s note|update|updated)\s*:|"
    r"^this (?:article|story|post|report) (?:has been|was) (?:updated|revised|corrected|amended)", re.I)
_CREDIT_LINE_RE = re.compile(
    r"^\W*(?:\(?(?:reporting|additional reporting|writing|editing) (?:by|from)\b.*|"
    r"[A-Z][\w.'’ -]+(?:,\s*[A-Z][\w.'’ -]+)*(?:,?\s+and\s+[A-Z][\w.'’ -]+)? contributed (?:reporting|to this (?:report|story|article))\.?|"
    r"follow (?:\w+\s+){1,4}on (?:twitter|facebook|instagram|x)\b.*|"
    r"(?:copyright|©|\(c\))\s.{0,120}|.{0,120}\ball rights reserved\.?)$", re.I)
# Kinds of boilerplate whose hard-wrapped next line (starting in lower case) belongs to them.
_WRAPPING_KINDS = {"note", "credit", "caption", "promo"}
_UI_LINES = entry_set("layout_ui_lines.txt")
_SECTION_LABEL_RE = re.compile(
    "^(?:" + "|".join(sorted(map(re.escape, entries("layout_section_labels.txt")), key=len, reverse=True))
    .replace(r"\ ", " ") + ")[.:]?$", re.I)
_CAPTION_START_RE = re.compile(
    r"^(?:(?:prior |a |an |the )?(?:file )?(?:photo|image|picture|photograph|illustration|screenshot|"
    r"screengrab|map|video still)s?\b(?! op\b)|(?:top|above|below|left|right|main|featured) (?:photo|image))",
    re.I)
_CREDIT_TAIL_RE = re.compile(
    r"(?:\b(?:image|photo|picture|video) (?:source|credit|courtesy)s?\s*:?\s*[^.\n]{1,60}$|"
    r",?\s*(?:via|courtesy of|credit:|photo:|photo by|image by)\s+[A-Z][\w&.'/ -]{1,50}$|"
    r"\badapted from (?:an )?(?:image|photo|map)\b[^\n]{0,60}$)")
# "... AFP/Getty Images": an agency of the registry, a slash, a second credit. Searched only in a line
# with a slash, since the alternation of every agency is slow to try at each position.
_AGENCY_CREDIT_TAIL_RE = re.compile(
    rf"\b(?:{outlets.agency_pattern()})\s*/\s*(?:Getty(?: Images)?|[A-Z][\w ]{{1,30}})(?: photo)?$")
# "Photo – YouTube", "Image: Reuters", "Photo credit: Jane Doe"
_SHORT_CREDIT_RE = re.compile(
    r"^(?:photo|image|picture|video|source|credit|photo credit|image credit)s?\s*(?:[–—:|-]|by)\s*\S.{0,60}$",
    re.I)
_NAME_WORD = r"[A-ZÀ-Þ][a-zà-ÿ'’.-]+"
_NAME_RE = re.compile(rf"^{_NAME_WORD}(?:\s+(?:[A-Z]\.\s*)?{_NAME_WORD}){{1,2}}$")
_ATTRIBUTION_VERBS = "|".join(re.escape(w).replace(r"\ ", " ") for w in entries("layout_cite_cues.txt"))
_GLUED_CAPTION_RE = re.compile(r"(?<=[a-z0-9)])(?=[A-Z][a-z]+\b[^.]{0,400}?[a-z]{2}[,.;:!?])")


@dataclass
class Block:
    start: int
    end: int
    text: str
    kind: str = "body"


@dataclass
class Layout:
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published_date: dt.date | None = None
    published_date_raw: str | None = None
    url: str | None = None
    cites: list[str] = field(default_factory=list)
    body: str = ""
    body_spans: list[tuple[int, int]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)

    @property
    def n_words(self) -> int:
        return len(re.findall(r"\w+(?:['’]\w+)*", self.body))


def split_blocks(text: str) -> list[Block]:
    """One block per non-empty line, with stripped text and the offsets of that stripped text."""
    blocks = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        stripped = line.strip()
        if stripped:
            s = m.start() + lead
            blocks.append(Block(s, s + len(stripped), stripped))
    return blocks


def strip_markup(s: str) -> str:
    """Markdown links keep their text; emphasis markers, heading marks and zero-width characters go."""
    s = _ZERO_WIDTH_RE.sub("", s)
    s = _MD_LINK_RE.sub(r"\1", s)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    s = _HEADING_RE.sub("", s)
    return s.strip()


def parse_date(s: str) -> tuple[dt.date | None, str | None]:
    """The first full date in s, and the date as written; (None, None) when there is none."""
    m = _DATE_RE.search(s)
    if not m:
        return None, None
    try:
        if m.group("y1"):
            y, mo, d = int(m.group("y1")), MONTHS[m.group("m1").rstrip(".").lower()], int(m.group("d1"))
        elif m.group("y2"):
            y, mo, d = int(m.group("y2")), MONTHS[m.group("m2").rstrip(".").lower()], int(m.group("d2"))
        else:
            y, mo, d = int(m.group("y3")), int(m.group("m3")), int(m.group("d3"))
        return dt.date(y, mo, d), m.group().strip()
    except (KeyError, ValueError):
        return None, None


def split_names(s: str) -> list[str]:
    """Byline names: 'A, B and C' -> [A, B, C]; job titles and outlet suffixes dropped."""
    s = re.split(r"\s+(?:[|•·]|[–—-]{1,2})\s+|\s*\|\s*", s)[0]
    parts = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", s)
    names = []
    for part in parts:
        part = strip_markup(part).strip(" .")
        part = re.sub(r"^(?:and|by)\s+", "", part, flags=re.I)
        if not part or outlets.lookup(part):
            continue
        if re.search(r"\b(?:staff|correspondent|reporter|writer|editor|contributor|bureau|news)\b", part, re.I):
            continue
        if _NAME_RE.match(part) or re.match(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}$", part):
            names.append(part)
    return names


def _is_link_only(s: str) -> bool:
    return bool(_MD_LINK_RE.search(s)) and not _MD_LINK_RE.sub("", s).strip(" .,:;|*-–—")


def _is_caps_headline(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    words = s.split()
    return (len(words) >= 3 and len(letters) >= 10 and sum(c.isupper() for c in letters) / len(letters) > 0.9
            and not s.rstrip().endswith((".", ",", ";")))


def _is_photo_credit(s: str) -> bool:
    """'Martin Mejia / AP / TASS': short segments separated by slashes, one a known agency or a name."""
    parts = [p.strip() for p in re.split(r"\s*/\s*", s)]
    if len(parts) < 2 or len(s.split()) > 10 or re.search(r"[.!?,;:]$", s) or "://" in s:
        return False
    known = [p for p in parts if (o := outlets.lookup(p)) is not None and o.agency]
    return bool(known) and all(re.match(r"^[A-Z][\w.'’ -]{0,40}$", p) for p in parts)


def _is_caption(s: str) -> bool:
    if _SHORT_CREDIT_RE.match(s) and len(s.split()) <= 8:
        return True
    if _is_photo_credit(s):
        return True
    if (_CREDIT_TAIL_RE.search(s) or ("/" in s and _AGENCY_CREDIT_TAIL_RE.search(s))) and len(s.split()) <= 60:
        return True
    # "Prior file photo of the minister (center) during exercises": captions rarely end as sentences do.
    return (bool(_CAPTION_START_RE.match(s)) and len(s.split()) <= 40 and not re.search(r"[\"“”]", s)
            and not re.search(r"[.!?]$", s))


def _glued_caption_end(block: Block) -> int | None:
    """Offset where prose starts in a caption glued to its paragraph ('…BannerIn the oil sector')."""
    if not _CAPTION_START_RE.match(block.text):
        return None
    for m in re.finditer(r"[a-z0-9)](?=[A-Z][a-z]*\s)", block.text):
        head, rest = block.text[:m.end()], block.text[m.end():]
        if len(head.split()) > 25:
            break
        # What follows the junction must read as prose: several words and a sentence end.
        if len(rest.split()) >= 8 and re.search(r"[.!?][\"”’]?(\s|$)", rest):
            return block.start + m.end()
    return None


def find_cites(body_text: str, own_outlet: str | None) -> list[str]:
    """Outlets the article says it reports from: 'X reported', 'according to X', 'per the X', 'X's report'."""
    known = outlets.alias_pattern()
    generic = rf"(?:[A-Z][\w&.'’-]*\s+){{0,3}}(?:{'|'.join(outlets.OUTLET_NAME_HEADS)})"
    name = rf"(?P<name>{known}|{generic})"
    the = r"(?P<the>[Tt]he\s+)?"
    patterns = [
        rf"\b(?i:according to|per|citing|cited by|reported by|reported in|quoted by|told|in an interview with|"
        rf"writing in|wrote in|a report (?:in|by)|what was reported by|published by)\s+{the}{name}\b",
        rf"(?<![\w’'-]){the}{name}(?:['’]s)?\s+(?:(?:\w+\s+){{0,2}}?)(?:{_ATTRIBUTION_VERBS})\b",
    ]
    found: list[str] = []
    own = outlets.lookup(own_outlet) if own_outlet else None
    for pat in patterns:
        for m in re.finditer(pat, body_text):
            raw = m.group("name").strip()
            entry = outlets.lookup(raw)
            if entry is None and not re.search(rf"\b(?:{'|'.join(outlets.OUTLET_NAME_HEADS)})$", raw):
                continue
            if entry is None and len(raw.split()) < 2:
                continue  # a bare "News" or "Post" is not a name
            canonical = entry.name if entry else ("The " if m.group("the") else "") + raw
            if entry is not None and entry.photo_only:
                continue
            if (own and entry is own) or (own_outlet and canonical.casefold() == own_outlet.casefold()):
                continue
            if canonical not in found:
                found.append(canonical)
    return found


# --- Steps of parse_layout -------------------------------------------------------------------------
# Each step reads and updates the Layout in place; parse_layout runs them in the order of STEPS.

def read_headline(lay: Layout, text: str) -> None:
    """The first block is the headline, or an aggregator header carrying title, site, outlet, authors."""
    first = lay.blocks[0]
    first.kind = "title"
    agg = _AGGREGATOR_RE.match(first.text)
    if agg:
        lay.title = agg.group("title").strip()
        lay.outlet = agg.group("site").strip()
        lay.authors = split_names(agg.group("authors"))
        source = outlets.lookup(agg.group("outlet").strip())
        lay.cites.append(source.name if source else agg.group("outlet").strip())
    else:
        lay.title = strip_markup(first.text) or None


def _read_dateline_meta(lay: Layout, s: str, date: dt.date, raw_date: str) -> None:
    """'The Wall Street Journal, June 2, 2019' or a bare 'June 03, 2019': the date, and the outlet before it."""
    lay.published_date, lay.published_date_raw = date, raw_date
    rest = s.replace(raw_date, "").strip(" ,|–—-")
    rest = re.sub(r"^(?:Published|Updated|Posted)\s*(?:on)?\s*:?", "", rest, flags=re.I).strip(" ,")
    if rest and not lay.outlet and len(rest.split()) <= 6 and rest[0].isupper():
        entry = outlets.lookup(rest)
        lay.outlet = entry.name if entry else rest


def read_meta_lines(lay: Layout, text: str) -> None:
    """Byline and dateline in the (at most six) lines under the headline; link-only lines are skipped."""
    blocks = lay.blocks
    for b in blocks[1:7]:
        s = strip_markup(b.text)
        by = _BYLINE_RE.match(s)
        date, raw_date = parse_date(s)
        if by and not lay.authors:
            b.kind = "byline"
            # "By Jane Doe, The Outlet" or "By Jane Doe | June 2, 2019"
            names_part = by.group("names").replace(raw_date, "") if raw_date else by.group("names")
            lay.authors = split_names(names_part)
            if date and not lay.published_date:
                lay.published_date, lay.published_date_raw = date, raw_date
        elif date and len(s) - len(raw_date) <= 60 and not re.search(r"[.!?]\s*$", s.replace(raw_date, "")):
            b.kind = "dateline"
            _read_dateline_meta(lay, s, date, raw_date)
        elif not (_is_link_only(b.text) or b.text.strip("[]() #*") == ""):
            break  # the prose has started


@dataclass
class BlockContext:
    """What a block rule sees: the block, its text without markup, the block above, the teaser state."""
    block: Block
    s: str
    low: str
    prev: Block | None
    teaser: str | None  # "marker" after a [Video] link, "headline" after the teaser's linked headline
    cut: int | None = None  # set by the glued-caption rule: where the prose starts


def _glued_caption(ctx: BlockContext) -> bool:
    ctx.cut = _glued_caption_end(ctx.block)
    return ctx.cut is not None


# The block rules, in order: the first that holds gives the block's kind; a body block none holds
# for stays body. Each is a predicate over a BlockContext, testable alone.
BLOCK_RULES: tuple[tuple[str, str | None, Callable[[BlockContext], bool]], ...] = (
    # (rule name, kind it gives (None: the kind of the block above), predicate)
    ("markup only", "markup", lambda c: not c.s),
    ("wrapped continuation", None, lambda c: c.prev is not None and c.prev.kind in _WRAPPING_KINDS
     and c.s[:1].islower()),
    ("link only", "promo", lambda c: _is_link_only(c.block.text)),
    ("interface word", "ui", lambda c: c.low in _UI_LINES),
    ("url label", "url", lambda c: bool(_URL_LABEL_RE.match(c.s))),
    ("url under a url label", "url", lambda c: bool(_ANGLE_URL_RE.match(c.s)) and c.prev is not None
     and c.prev.kind == "url"),
    ("promo or paywall", "promo", lambda c: bool(_PROMO_START_RE.match(c.s) or _PAYWALL_RE.match(c.s))),
    ("editorial note", "note", lambda c: bool(_NOTE_RE.match(c.s))),
    ("reporting credit", "credit", lambda c: bool(_CREDIT_LINE_RE.match(c.s))),
    ("section label", "section", lambda c: bool(_SECTION_LABEL_RE.match(c.s))),
    ("teaser description", "promo", lambda c: c.teaser == "headline" and len(c.s.split()) <= 40),
    ("capitals headline", "promo", lambda c: _is_caps_headline(c.s)),
    ("caption glued to prose", "caption", _glued_caption),
    ("caption", "caption", lambda c: _is_caption(c.s)),
)
_VIDEO_MARKERS = {"video", "watch", "watch video", "play video"}


def classify_block(ctx: BlockContext) -> tuple[str, str]:
    """(rule name, kind) of the first rule that holds, or ("prose", "body")."""
    for name, kind, holds in BLOCK_RULES:
        if holds(ctx):
            return name, kind or ctx.prev.kind
    return "prose", "body"


def classify_blocks(lay: Layout, text: str) -> None:
    """Give every block not yet classified (the body) its kind by BLOCK_RULES; split glued captions."""
    blocks, teaser, j = lay.blocks, None, 0
    while j < len(blocks):
        b = blocks[j]
        if b.kind == "body":
            s = strip_markup(b.text)
            ctx = BlockContext(b, s, s.lower().strip(" .:!"), blocks[j - 1] if j else None, teaser)
            rule, b.kind = classify_block(ctx)
            # A navigation link opens a video teaser: its marker, then the teaser's headline.
            teaser = None
            if rule == "link only":
                teaser = "marker" if ctx.low in _VIDEO_MARKERS else ("headline" if ctx.teaser == "marker" else None)
            if ctx.cut is not None:
                blocks.insert(j + 1, Block(ctx.cut, b.end, text[ctx.cut:b.end]))
                b.end, b.text = ctx.cut, text[b.start:ctx.cut]
        j += 1


def read_url(lay: Layout, text: str) -> None:
    """The article's own URL: the first http URL of a url block."""
    for b in lay.blocks:
        if b.kind != "url" or lay.url:
            continue
        s = strip_markup(b.text)
        label = _URL_LABEL_RE.match(s)
        if label:
            url = (label.group("url") or label.group("src_url") or "").strip("<>")
            lay.url = url if url.startswith("http") else None
        elif _ANGLE_URL_RE.match(s):
            lay.url = _ANGLE_URL_RE.match(s).group(1)


def mark_dek(lay: Layout, text: str) -> None:
    """A dek: the short line under the headline and meta lines, before the prose starts."""
    blocks = lay.blocks
    body_idx = [k for k, b in enumerate(blocks) if b.kind == "body"]
    if len(body_idx) < 2:
        return
    k = body_idx[0]
    cand = blocks[k]
    if (k <= 4 and len(cand.text.split()) <= 20 and not cand.text.endswith(":")
            and not re.search(r"[\"“”]", cand.text) and all(b.kind != "promo" for b in blocks[1:k])
            # a dek summarises in the third person; "I have a deal for you." opens an op-ed
            and not re.search(r"\b(?:I|me|my|we|our|you|your)\b", cand.text)
            and not cand.text.rstrip(".").endswith(",")):
        cand.kind = "subtitle"
        lay.subtitle = strip_markup(cand.text)


def mark_signature(lay: Layout, text: str) -> None:
    """A signature: a lone name line closing the article (only captions, UI, promos or URLs may follow)."""
    if lay.authors or sum(b.kind in ("body", "subtitle") for b in lay.blocks) < 3:
        return
    for b in reversed(lay.blocks[-4:]):
        if b.kind in ("caption", "ui", "promo", "url"):
            continue
        # No trailing punctuation: "Staunton, Va." or "John Doe." close letters, not bylines.
        if b.kind == "body" and _NAME_RE.match(b.text) and not b.text.endswith("."):
            b.kind = "signature"
            lay.authors = [b.text]
        return


def outlet_from_url(lay: Layout, text: str) -> None:
    if lay.url and not lay.outlet:
        entry = outlets.by_domain(lay.url)
        if entry:
            lay.outlet = entry.name


def assemble_body(lay: Layout, text: str) -> None:
    """The body from the prose blocks, a dateline's date as written, and the outlets the body cites."""
    body_blocks = [b for b in lay.blocks if b.kind == "body"]
    # A dateline opening the prose ("FLINT, Mich., Oct. 4 (UPI) —") gives the date as written;
    # without a year it is not a full date, so published_date stays null rather than guessed.
    if body_blocks and not lay.published_date_raw:
        m = _DATELINE_RE.match(body_blocks[0].text)
        if m and m.group("date"):
            lay.published_date_raw = m.group("date")
    lay.body_spans = [(b.start, b.end) for b in body_blocks]
    lay.body = "\n\n".join(strip_markup(b.text) for b in body_blocks)
    for c in find_cites(lay.body, lay.outlet):
        if c not in lay.cites and not (lay.outlet and c.casefold() == lay.outlet.casefold()):
            lay.cites.append(c)


STEPS: tuple[Callable[[Layout, str], None], ...] = (
    read_headline, read_meta_lines, classify_blocks, read_url, mark_dek, mark_signature, outlet_from_url,
    assemble_body,
)


def parse_layout(text: str) -> Layout:
    """Classify every block of an article and assemble its metadata and body, step by step."""
    lay = Layout(blocks=split_blocks(text))
    if lay.blocks:
        for step in STEPS:
            step(lay, text)
    return lay
