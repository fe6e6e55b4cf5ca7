"""The big-document paths that avoid per-match pieces give the same results as the plain ones (issue 14, memory)."""

from __future__ import annotations

import random
import sys
import tracemalloc

from claimtrack.text import canonicalize, normalize
from claimtrack.text.boilerplate import furniture_lines, is_heading_like


def test_normalize_in_pieces_equals_in_one(monkeypatch):
    rng = random.Random(14)
    alphabet = "ab1 .%,_9.3 一二 ,,\t"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(3000)]
    whole = [normalize(t) for t in texts]
    for chunk in (1, 3, 7):
        monkeypatch.setattr(sys.modules["claimtrack.text.normalize"], "_CHUNK", chunk)
        assert [normalize(t) for t in texts] == whole


def test_canonical_spaces_unchanged():
    for raw, want in (("a  b", "a b"), ("a\tb", "a b"), ("a \u3000 b", "a b"), ("a b", "a b"), ("a\u00a0b", "a b"),
                      (" a \t\n b ", "a\nb")):
        assert canonicalize(raw) == want


def test_heading_like_stops_counting():
    assert is_heading_like("15 Amazing Images of Stars")
    assert not is_heading_like(" ".join(["Word"] * 15))


def test_one_huge_line_costs_no_copy_per_word():
    text = "word " * 200_000
    tracemalloc.start()
    try:
        furniture_lines(text)
        normalize(text)
        canonicalize(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(text)  # per-word pieces cost about 60 bytes a word (12x the text) before
