"""Re-anchoring a mention onto an edited text (W3C TextPositionSelector + TextQuoteSelector).

The idea: try the cheapest *certain* answer first and widen only when it fails — the old offsets
(``position``), then the quote itself (``exact``; among several occurrences the one whose
prefix/suffix context matches best, then the one nearest the old position), then the surrounding
context with a slightly changed quote between (``context``), and last a fuzzy alignment
(``fuzzy``, rapidfuzz) restricted to a window around the old position before the whole text.
Every answer is a span of ``new_text``; ``None`` means the caller should mark the mention orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Anchor", "anchor"]

_MAX_OCCURRENCES = 1000
_CONTEXT_MIN_SIMILARITY = 0.5


@dataclass(frozen=True, slots=True)
class Anchor:
    """``new_text[start:end]`` is the re-anchored quote; ``similarity`` in [0, 1]."""

    start: int
    end: int
    method: str
    similarity: float


def anchor(new_text: str, *, quote: str, prefix: str, suffix: str, start: int, end: int,
           min_similarity: float = 0.85) -> Anchor | None:
    """Find ``quote`` (last seen at ``start:end`` between ``prefix`` and ``suffix``) in ``new_text``."""
    if not quote:
        return None
    if 0 <= start <= end <= len(new_text) and new_text[start:end] == quote:
        return Anchor(start, end, "position", 1.0)
    found = _exact(new_text, quote, prefix, suffix, start)
    if found is not None:
        return found
    found = _context(new_text, quote, prefix, suffix, start)
    if found is not None:
        return found
    return _fuzzy(new_text, quote, start, min_similarity)


def _occurrences(text: str, needle: str) -> list[int]:
    hits, i = [], text.find(needle)
    while i >= 0 and len(hits) < _MAX_OCCURRENCES:
        hits.append(i)
        i = text.find(needle, i + 1)
    return hits


def _exact(text: str, quote: str, prefix: str, suffix: str, old: int) -> Anchor | None:
    hits = _occurrences(text, quote)
    if not hits:
        return None

    def rank(i: int) -> tuple[int, int]:
        context = _common_suffix(text[max(0, i - len(prefix)) : i], prefix)
        context += _common_prefix(text[i + len(quote) : i + len(quote) + len(suffix)], suffix)
        return (-context, abs(i - old))

    best = min(hits, key=rank)
    return Anchor(best, best + len(quote), "exact", 1.0)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _context(text: str, quote: str, prefix: str, suffix: str, old: int) -> Anchor | None:
    if not prefix or not suffix or len(prefix) + len(suffix) < 6:
        return None
    from rapidfuzz.fuzz import ratio

    best: Anchor | None = None
    span = 2 * len(quote) + 64
    for p in _occurrences(text, prefix)[:50]:
        s = p + len(prefix)
        e = text.find(suffix, s, s + span)
        if e < 0 or e == s:
            continue
        similarity = ratio(quote, text[s:e]) / 100
        if similarity >= _CONTEXT_MIN_SIMILARITY and (best is None or similarity > best.similarity
                                                      or (similarity == best.similarity and abs(s - old) < abs(best.start - old))):
            best = Anchor(s, e, "context", similarity)
    return best


def _fuzzy(text: str, quote: str, old: int, min_similarity: float) -> Anchor | None:
    from rapidfuzz.fuzz import partial_ratio_alignment

    width = max(2000, 4 * len(quote))
    lo = max(0, min(old, len(text)) - width)
    windows = [(lo, min(len(text), lo + 2 * width + len(quote)))]
    if windows[0] != (0, len(text)):
        windows.append((0, len(text)))
    for a, b in windows:
        hit = partial_ratio_alignment(quote, text[a:b], score_cutoff=min_similarity * 100)
        if hit is not None and hit.score >= min_similarity * 100:
            s, e = _trim(text, a + hit.dest_start, a + hit.dest_end)
            if e > s:
                return Anchor(s, e, "fuzzy", hit.score / 100)
    return None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
