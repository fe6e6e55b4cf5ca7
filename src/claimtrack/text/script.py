"""Is this Chinese? The one definition of a Chinese (CJK unified ideograph) character, and the share rule.

The one idea: "Chinese" is a property of characters first — the CJK Unified Ideographs, Extension A, the
compatibility ideographs and the supplementary-plane extensions (`CJK_RANGES`) — and of a text only as a
share of its letters: a text is Chinese when ideographs make up at least a third of its letters (one
Chinese character carries about as much as a short English word, so Chinese prose with English names and
acronyms is still Chinese). Segmentation, scoring and language detection all use these.
(`similarity.is_cjk` keeps its own narrower range on purpose: the LSH keys stored for every claim depend on
it, and changing it would need a migration that rebuilds them.)
"""

from __future__ import annotations

from ._lazy import lazy

__all__ = ["CJK_RANGES", "cjk_count", "has_cjk", "is_chinese"]

CJK_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"  # for a regex character class

_CJK = lazy(f"[{CJK_RANGES}]")
_LETTER = lazy(r"[^\W\d_]")


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` holds."""
    return len(_CJK.findall(text))


def has_cjk(text: str) -> bool:
    """Whether `text` holds at least one Chinese character."""
    return _CJK.search(text) is not None


def is_chinese(text: str, sample: int = 20000) -> bool:
    """Whether Chinese characters make up at least a third of the letters of (the first `sample` of) `text`."""
    head = text[:sample]
    cjk = cjk_count(head)
    return cjk > 0 and cjk * 3 >= len(_LETTER.findall(head))
