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


def test_english_score_of_one_huge_sentence_holds_no_list_of_its_words():
    from claimtrack.text.score_en import score_en

    text = "the council spent 5 percent more " * 30_000  # ~1 MB, one sentence
    score_en("warm up the weights", [])
    tracemalloc.start()
    try:
        score_en(text, [])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12 * len(text)  # a feature-name list cost about 45 bytes per byte of sentence before


def test_english_features_keep_the_trained_order():
    from claimtrack.text.quantities import parse_quantities
    from claimtrack.text.score_en import features

    text = "Unemployment fell by 3.2 percent last year, the mayor said."
    names, reasons = features(text, parse_quantities(text, "en"))
    words = ["unemployment", "fell", "by", "<n>", "percent", "last", "year", "the", "mayor", "said"]
    assert names[:2 + len(words)] == ["bias", "len:2", *[f"w:{w}" for w in words]]
    assert names[2 + len(words)] == "b:<s>_unemployment" and "b:said_</s>" in names
    assert names[-2:] == ["q:percent", "q:percent:unit"] and "attribution" in reasons


def test_english_features_in_small_pieces_equal_in_one(monkeypatch):
    from functools import partial

    import claimtrack.text.score_en as score_en

    rng = random.Random(15)
    vocabulary = ["the", "rose", "5", "3.2", "percent", "i", "don't", "$", "?", "!", "  ", "\n", "Council", "12,000"]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 40))) for _ in range(2000)]
    whole = [score_en.features(t, []) for t in texts]
    pieces = score_en._word_pieces
    for size in (1, 4, 9):
        monkeypatch.setattr(score_en, "_word_pieces", partial(pieces, size=size))
        assert [score_en.features(t, []) for t in texts] == whole
