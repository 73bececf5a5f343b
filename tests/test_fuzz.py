"""Property-based tests: arbitrary text never crashes the layout parser or an extractor, and every
span stays inside its article with text[start:end] equal to the span."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import extract_spans
from pipeline.extract.layout import parse_layout

# Text that looks like news: words, numbers, quote marks of every kind, markdown, newlines, odd spaces.
PIECES = st.sampled_from([
    "Maduro", "said", "the", "Rostec", "U.S.", "about 1,000", "$800 million", "3.5%", "a few dozen", "T-72B",
    "“", "”", "\"", "'", "‘", "’", "«", "»", "[", "](#)", "**", "# ", "By ", "June 2, 2019", "—", "…",
    "\n", "\n\n", " ", "\u00a0", "\u200b", ".", ",", ":", "(", ")", "/", "Photo – ", "Related article:",
])
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(NEWSY, st.text(max_size=300)))
def test_layout_never_crashes_and_spans_are_inside(text):
    lay = parse_layout(text)
    assert isinstance(lay.body, str) and isinstance(lay.authors, list)
    for start, end in lay.body_spans:
        assert 0 <= start < end <= len(text)
    for b in lay.blocks:
        assert text[b.start:b.end] == b.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(NEWSY, st.text(max_size=200)))
def test_extractors_never_crash_and_spans_are_inside(nlp, text):
    doc = nlp(text)
    rows = extract_spans(doc, parse_layout(text), "0" * 16)
    for table, table_rows in rows.items():
        for r in table_rows:
            assert 0 <= r["start"] < r["end"] <= len(text), (table, r)
            assert text[r["start"]:r["end"]] == r["text"], (table, r)
            for key in ("speaker_start", "sentence_start"):
                if r.get(key) is not None:
                    end_key = key.replace("start", "end")
                    assert 0 <= r[key] <= r[end_key] <= len(text), (table, key, r)


# --- Ingest: any bytes give text or a RejectedFile, never another exception ------------------------

from pipeline.ingest import IngestLimits, RejectedFile, check_text, decode_bytes, normalise_text  # noqa: E402

BYTE_PIECES = st.sampled_from([b"\x00", b"\x0b", b"\x92", b"\x81", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe2\x80",
                               "“".encode(), "é".encode(), b"\r\n", b"\n", b"Title ", b"word ", b"(", b'"'])
BYTES = st.lists(st.one_of(BYTE_PIECES, st.binary(max_size=8)), max_size=80).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(BYTES)
def test_ingest_never_raises_anything_but_a_reject(data):
    try:
        text, encoding = decode_bytes(data)
        check_text(normalise_text(text), IngestLimits(max_bytes=10_000, max_chars=10_000, max_line_chars=1_000,
                                                      max_lines=100, max_symbol_run=20))
    except RejectedFile as exc:
        assert exc.reason and "\n" not in exc.detail
        return
    assert encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1252", "utf-8+cp1252")
    assert "\x00" not in text
