"""Repeated passages: an article whose body appears twice (a common extraction fault).

The idea: compare *sentences*, not characters — a dictionary from sentence text to its first
occurrences finds each candidate in O(1), and a run is extended while the following sentences keep
matching.  A run counts when it spans at least two sentences, or one sentence that is a whole long
paragraph (:data:`LONG_SENTENCE` characters).
"""

from __future__ import annotations

from dataclasses import dataclass

from .segment import Sentence

__all__ = ["Repeat", "find_repeats", "LONG_SENTENCE"]

LONG_SENTENCE = 200


@dataclass(frozen=True, slots=True)
class Repeat:
    """``text[start:end]`` repeats ``text[first_start:first_end]``; ``sentences`` is the run length."""

    start: int
    end: int
    first_start: int
    first_end: int
    sentences: int


def find_repeats(text: str, sentences: list[Sentence]) -> list[Repeat]:
    """Maximal runs of sentences that repeat an earlier run, in order."""
    seen: dict[str, list[int]] = {}
    repeats: list[Repeat] = []
    i = 0
    while i < len(sentences):
        j, length = _longest_earlier_run(sentences, seen.get(sentences[i].text, []), i)
        if length >= 2 or (length == 1 and len(sentences[i].text) >= LONG_SENTENCE):
            a, b = sentences[i], sentences[i + length - 1]
            repeats.append(Repeat(a.start, b.end, sentences[j].start, sentences[j + length - 1].end, length))
        for k in range(i, i + max(length, 1)):
            seen.setdefault(sentences[k].text, []).append(k)
        i += max(length, 1)
    return repeats


def _longest_earlier_run(sentences: list[Sentence], candidates: list[int], i: int) -> tuple[int, int]:
    best_j, best = -1, 0
    for j in candidates[:50]:
        length = 0
        while i + length < len(sentences) and j + length < i and \
                sentences[j + length].text == sentences[i + length].text:
            length += 1
        if length > best:
            best_j, best = j, length
    return best_j, best
