"""Normalization for matching: two wordings of one claim should fold to the same string.

The idea: fold away everything a reader would not count as a different claim — width (NFKC),
case, spacing and punctuation — and write every number one way (Arabic digits, multipliers
applied, no thousands separators), so ``近2000家AI企业`` and ``近两千家 AI 企业`` are equal.  Only
the decimal point between digits and the percent sign survive punctuation removal, because
``3.5%`` and ``35`` are different claims.  The result is for comparing and hashing, never for display.
"""

from __future__ import annotations

import re
import unicodedata

from ._lazy import lazy
from .numerals import chinese_to_number, parse_number

__all__ = ["normalize", "fingerprint"]

_THOUSANDS = lazy(r"(?<=\d),(?=\d{3}(?!\d))")
_ARABIC_MULT = lazy(r"(?<!\d)\d+(?:\.\d+)?(?:万亿|千万|百万|亿|万|千(?![米克瓦卡])|百(?![分]))")
_CN_RUN = lazy(r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*")
_PUNCT = lazy(r"(?!(?<=\d)\.(?=\d))[\W_]+")


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.10g}"


def _arabic(m: re.Match[str]) -> str:
    value = parse_number(m.group())
    return _fmt(value) if value is not None else m.group()


def _chinese(m: re.Match[str]) -> str:
    value = chinese_to_number(m.group())
    return _fmt(value) if value is not None and value < 1e16 else m.group()


def normalize(text: str) -> str:
    """Fold ``text`` for matching (NFKC, case, width, punctuation, spacing, numerals)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _THOUSANDS.sub("", text)
    text = _CN_RUN.sub(_chinese, text)
    text = _ARABIC_MULT.sub(_arabic, text)
    return _punct(text)


_CHUNK = 1 << 16
_INSIDE_WORD = lazy(r"(?<=[^\W_])[^\W_]")


def _drop(m: re.Match[str]) -> str:
    return "%" if "%" in m.group() else ""


def _punct(text: str) -> str:
    """``_PUNCT`` removed, in pieces of about ``_CHUNK`` characters cut inside a word (a run of punctuation and its
    look-arounds never cross a cut, so the result is the same): ``re.sub`` holds one piece per match until it joins
    them, which for one 20 MB sentence was 16 bytes of text costing hundreds of bytes each."""
    if len(text) <= _CHUNK:
        return _PUNCT.sub(_drop, text)
    parts, start = [], 0
    while start < len(text):
        cut = _INSIDE_WORD.search(text, start + _CHUNK)
        end = cut.start() if cut else len(text)
        parts.append(_PUNCT.sub(_drop, text[start:end]))
        start = end
    return "".join(parts)


def fingerprint(text: str) -> str:
    """SHA-256 hex digest of :func:`normalize` — the claim's identity for de-duplication."""
    import hashlib  # deferred: costs 2 ms at import

    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()
