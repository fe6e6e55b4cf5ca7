"""Invariants for arbitrary Unicode: spans point at their text, nothing raises."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.text import analyze, anchor, canonicalize, normalize, parse_quantities, segment

PIECES = st.sampled_from(
    ["。", "!", "?", ".", "...", "……", ";", "；", "“", "”", "\r\n", "\n", "\n\n", "\x00", "\u2028", " ", "\u3000",
     "e\u0301", "👍🏽", "مرحبا", "שלום", "Dr.", "U.S.", "3.5%", "近2000家", "最高4000万元", "数千台", "\ufeff", "\u200b",
     "两千", "四分之一", "2025年", "$48.5 million", "http://a.b/c?d=1", "a@b.cn", "J. R.", "1.", "\t", "\x85"]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, st.sampled_from([None, "zh", "en"]))
def test_segment_spans_are_exact_ordered_and_stripped(text, lang):
    previous_end = 0
    for i, s in enumerate(segment(text, lang)):
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        assert s.index == i
        previous_end = s.end


@FAST
@given(TEXT)
def test_canonicalize_is_idempotent(text):
    once = canonicalize(text)
    assert canonicalize(once) == once
    assert "\r" not in once and "\x00" not in once and "\n\n\n" not in once


@FAST
@given(TEXT)
def test_quantity_spans_and_analyze_never_raise(text):
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.text
    for row in analyze(text):
        assert 0.0 <= row.score <= 1.0
        for q in row.quantities:
            assert row.sentence.text[q.start : q.end] == q.text
    normalize(text)


@FAST
@given(TEXT, st.data())
def test_anchor_returns_an_in_bounds_span(text, data):
    old = data.draw(TEXT)
    if not old:
        return
    a = data.draw(st.integers(0, len(old) - 1))
    b = data.draw(st.integers(a + 1, len(old)))
    quote = old[a:b]
    found = anchor(text, quote=quote, prefix=old[max(0, a - 32) : a], suffix=old[b : b + 32], start=a, end=b)
    if found is not None:
        assert 0 <= found.start <= found.end <= len(text)
        if found.method in ("position", "exact"):
            assert text[found.start : found.end] == quote
