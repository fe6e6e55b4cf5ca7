"""Has this been checked elsewhere? Judging a claim against a published fact-check.

Pure functions (no database). The one idea: a fact-check's `claimReviewed` and the claim a reviewer sees
are rarely the same size — a headline, one sentence, or a whole forwarded message with a share template and
a link — so both sides are cut into *pieces* (the whole text without links and share lines, and each of its
sentences) and the best pair decides. Numbers decide against a match: pieces that assert different numbers
(a different amount, place count or year) are never suggested, and a confident match further needs the
same numbers on both sides and wording that differs only one-sidedly or barely at all. A suggestion is only
ever shown to a reviewer; nothing here merges anything.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from claimtrack.text.normalize import normalize
from claimtrack.text.segment import segment
from claimtrack.text.similarity import claim_keys, long_enough, number_signature, one_sided, similarity

SUGGEST = 0.62  # least similarity of the best piece pair for a suggestion
CONFIDENT = 0.8  # least similarity for a confident match (with the same numbers and a one-sided difference)
NEAR_SAME = 0.93  # similarity at which two-sided rewording still counts as confident
MAX_PIECES = 40  # most pieces taken from one text (a long message is judged on its first sentences)

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9.-]+\.(?:com|net|org|tw|cn|hk|cc|me|ly|gl)/\S*", re.I)
# Lines that only ask to pass the message on (or name where it came from): never part of what is claimed.
_SHARE = re.compile(
    r"^\W*(?:请|請|快|大家|麻烦|麻煩|拜托|拜託)?[^\n]{0,12}(?:转发|轉發|转传|轉傳|分享|扩散|擴散|传出去|傳出去|告诉|告訴)"
    r"[^\n]{0,30}$|^\W*(?:please\s+)?(?:share|forward|pass (?:this|it) on|spread the word)\b[^\n]{0,60}$|"
    r"^\W*(?:line|wechat|微信|facebook|fb)\W*$", re.I | re.M)


@dataclass(frozen=True)
class Judgement:
    """How a claim compares with a fact-check: best piece similarity, and whether it is suggested/confident."""

    similarity: float
    suggested: bool
    confident: bool
    reason: str  # "same numbers", "different numbers", "reworded", "too far apart", ...


def matchable(text: str) -> str:
    """`text` without links, share templates and "forward this" lines, whitespace folded."""
    text = _SHARE.sub(" ", _URL.sub(" ", text))
    return " ".join(text.split())


def pieces(text: str) -> list[str]:
    """The whole matchable text, then each of its sentences long enough to mean something."""
    whole = matchable(text)
    if not whole:
        return []
    found = [whole]
    for sentence in segment(whole):
        piece = sentence.text.strip()
        if piece != whole and long_enough(normalize(piece)):
            found.append(piece)
        if len(found) >= MAX_PIECES:
            break
    return found


def keys(text: str) -> set[int]:
    """The LSH keys of every piece of `text` (a fact-check is found through any of its sentences)."""
    return {k for piece in pieces(text) for k in claim_keys(normalize(piece))}


def judge(claim: str, factcheck: str) -> Judgement:
    """Compare a claim (or a whole message) with a fact-check's claim text."""
    best: tuple[float, str, str] | None = None
    for a in pieces(claim):
        a_norm = normalize(a)
        for b in pieces(factcheck):
            b_norm = normalize(b)
            if not a_norm or not b_norm:
                continue
            score = _containment(a_norm, b_norm) or similarity(a, b, a_norm, b_norm)
            if best is None or score > best[0]:
                best = (score, a, b)
    if best is None:
        return Judgement(0.0, False, False, "nothing to compare")
    score, a, b = best
    score = round(min(score, 1.0), 4)
    if score < SUGGEST:
        return Judgement(score, False, False, "too far apart")
    numbers_a, numbers_b = number_signature(a), number_signature(b)
    if numbers_a != numbers_b:
        fewer, more = sorted((Counter(numbers_a), Counter(numbers_b)), key=lambda c: c.total())
        if fewer - more:  # a number on the side with fewer numbers that the other side does not state
            return Judgement(score, False, False, "different numbers")
        return Judgement(score, True, False, "numbers on one side only")
    a_norm, b_norm = normalize(a), normalize(b)
    confident = score >= CONFIDENT and (score >= NEAR_SAME or one_sided(a, b, a_norm, b_norm))
    return Judgement(score, True, confident, "same numbers" if numbers_a else "reworded")


def _containment(a_norm: str, b_norm: str) -> float | None:
    """A short claim quoted whole inside a longer text reads as the same claim (0.95), when long enough."""
    shorter, longer = sorted((a_norm, b_norm), key=len)
    if shorter != longer and long_enough(shorter) and shorter in longer:
        return 0.95
    return None
