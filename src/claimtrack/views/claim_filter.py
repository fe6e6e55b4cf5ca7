"""What `claims list` selects and how `claims show` cuts a claim's context: shared by both read paths.

`views.claims` (the ORM read model) and `views.quick` (the read commands' Core path) take these from here,
so that neither imports the other at load time and both select and cut alike.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONTEXT_CAP", "SORTS", "STATUSES", "ClaimFilter", "window"]

CONTEXT_CAP = 600  # at most this many characters of context on either side of the span
STATUSES = ("unreviewed", "in_review", "rated", "approved", "dismissed")  # == store.models.CLAIM_STATUSES
SORTS = ("score", "newest")


@dataclass(frozen=True)
class ClaimFilter:
    """What `claims list` selects: every field optional; `reviewer` = claims that reviewer worked on."""

    status: str | None = None
    article_id: int | None = None
    min_score: float | None = None
    rating: str | None = None
    reviewer: str | None = None
    sort: str = "score"
    limit: int = 50
    offset: int = 0


def window(text_: str, start: int, end: int, language: str | None, around: int) -> tuple[int, int]:
    """The offsets of `around` sentences either side of [start, end), at most CONTEXT_CAP characters away."""
    from claimtrack.text import segment

    try:
        sentences = segment(text_, language)
    except Exception:  # noqa: BLE001 - context is a convenience; fall back to characters
        sentences = []
    if not sentences:
        return max(0, start - 200), min(len(text_), end + 200)
    first = next((i for i, s in enumerate(sentences) if s.end > start), len(sentences) - 1)
    last = next((i for i in range(len(sentences) - 1, -1, -1) if sentences[i].start < end), first)
    lo = max(sentences[max(0, first - around)].start, start - CONTEXT_CAP)
    hi = min(sentences[min(len(sentences) - 1, last + around)].end, end + CONTEXT_CAP)
    return min(lo, start), max(hi, end)
