"""Fuzzing: arbitrary bytes and arbitrary Unicode fed to decoding, HTML extraction, the text pipeline,
quantities and anchoring. Nothing may raise anything but a `ClaimtrackError`, and what comes back must keep
its promises (spans index the exact text they were computed on; anchors quote the text they point at).

Hypothesis example counts are modest so the file runs in seconds; `CLAIMTRACK_FUZZ_EXAMPLES=5000` hunts.
"""

from __future__ import annotations

import codecs
import os

from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from claimtrack.errors import ClaimtrackError

EXAMPLES = int(os.environ.get("CLAIMTRACK_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHARSETS = st.sampled_from([None, "utf-8", "gbk", "gb2312", "big5", "shift_jis", "latin-1", "utf-16", "utf-32",
                            "koi8-r", "x-unknown", "", "utf-7", "hz", "iso-2022-jp", "cp1252 ", "UTF8"])

# Bytes that look like the start of something: BOMs, signatures, meta tags, UTF-16 shapes.
PREFIXES = st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
                            b"<meta charset=gbk>", b'<?xml version="1.0" encoding="utf-16"?>', b"\x00T\x00h",
                            b"T\x00h\x00", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"<html><head>"])


def decode_or_refuse(data: bytes, **kwargs):
    from claimtrack.fetch.decode import decode

    try:
        return decode(data, **kwargs)
    except ClaimtrackError:
        return None


@FUZZ
@given(PREFIXES, st.binary(max_size=2048), CHARSETS, st.booleans())
@example(b"", b"\xff\xfe\x00", None, False)
@example(codecs.BOM_UTF16_LE, b"\x00\xd8", None, False)  # a lone surrogate after a BOM
@example(b"", b"\x00" * 7, "utf-16", False)
def test_decode_returns_text_or_refuses(prefix, data, declared, html):
    decoded = decode_or_refuse(prefix + data, declared=declared, html=html)
    if decoded is not None:
        assert isinstance(decoded.text, str) and "\x00" not in decoded.text
        codecs.lookup(decoded.encoding)  # names a codec Python knows


@FUZZ
@given(st.text(max_size=600), st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "cp1252", "shift_jis"]))
def test_decode_round_trips_what_it_accepts(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    decoded = decode_or_refuse(data, declared=codec)
    if decoded is not None and decoded.method == "declared":
        # bytes-level: shift_jis maps both "¥" and "\\" to 0x5C, so text equality is too strong
        assert decoded.text.encode(decoded.encoding) == data


@FUZZ
@given(st.text(max_size=800))
def test_declared_charset_and_sniffing_never_raise(header):
    from claimtrack.fetch.decode import declared_charset, sniff_charset

    declared_charset(header)
    sniff_charset(header.encode("utf-8", "surrogatepass"))


HTML_PIECES = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>", "</script>",
                               "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<table><tr><td>", "&amp;", "&#0;",
                               "&#x110000;", "<meta charset=x>", "<title>", "</title>", "<article>", "<", ">",
                               "\x00", "\ufeff", "<p>The council spent 4.5 million dollars in 2023.</p>"])


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=40)), max_size=60))
def test_html_extraction_never_raises(pieces):
    from claimtrack.fetch.html import extract_html

    try:
        page = extract_html("".join(pieces), url=None)
    except ClaimtrackError:
        return
    assert isinstance(page.text, str)


@FUZZ
@given(st.text(max_size=1500))
def test_text_pipeline_keeps_spans_on_arbitrary_unicode(raw):
    from claimtrack.text import analyze, canonicalize, detect_language, find_repeats

    try:
        text = canonicalize(raw)
        language = detect_language(text)
        scored = analyze(text, language, 0.5)
        find_repeats(text, [s.sentence for s in scored])
    except ClaimtrackError:
        return
    for s in scored:
        assert text[s.sentence.start:s.sentence.end] == s.sentence.text
        assert 0.0 <= s.score <= 1.0
        for q in s.quantities:
            assert s.sentence.text[q.start:q.end] == q.text


NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789.,%$¥€-–~ 约近超过多余万亿千百十一二三四五六七八九零两"
                                                  "millionbilionthousandpercentoverunderabout")), max_size=80)


@FUZZ
@given(st.one_of(st.text(max_size=400), NUMBERISH))
@example("1" * 400)
@example("9" * 320 + "e999")
@example("1e308万亿")
def test_quantities_never_raise_and_quote_their_text(text):
    import math

    from claimtrack.text import parse_quantities

    try:
        found = parse_quantities(text)
    except ClaimtrackError:
        return
    for q in found:
        assert text[q.start:q.end] == q.text
        for value in (q.value, q.low, q.high):
            assert value is None or isinstance(value, float | int) and not math.isnan(value)


@FUZZ
@given(st.text(max_size=500), st.text(max_size=80), st.text(max_size=30), st.text(max_size=30),
       st.integers(-50, 600), st.integers(-50, 600))
def test_anchor_points_at_a_quote_of_the_new_text(new_text, quote, prefix, suffix, start, end):
    from claimtrack.text import anchor

    try:
        found = anchor(new_text, quote=quote, prefix=prefix, suffix=suffix, start=start, end=end)
    except ClaimtrackError:
        return
    if found is not None:
        assert 0 <= found.start < found.end <= len(new_text)


@FUZZ
@given(st.text(min_size=1, max_size=400), st.data())
def test_anchor_finds_an_unchanged_quote_where_it_was(text, data):
    from claimtrack.text import anchor

    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(quote.strip())
    found = anchor(text, quote=quote, prefix=text[max(0, start - 32):start], suffix=text[end:end + 32],
                   start=start, end=end)
    assert found is not None and text[found.start:found.end] == quote


@FUZZ
@given(st.one_of(st.text(max_size=200), NUMBERISH))
@example("Shipments reached almost 1,000 units, with more than 40% sold overseas.政策包抛出最高4000万元红包，"
         "线上线下订单已达数千台。")
def test_number_signature_never_raises(text):
    """Matching compares the numbers of two claims; an open range beside an exact number crashed it once."""
    from claimtrack.text.similarity import number_signature

    number_signature(text)
