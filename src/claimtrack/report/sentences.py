"""A whole sentence of context either side of a mention, from the window of text the report query loads.

The one idea: the query loads only a window of the version's text around each mention (`query.CONTEXT`
characters either side); the window is split into sentences with the same segmenter the extractor uses,
and the sentence before and the sentence after the one(s) holding the span are kept whole. A sentence cut
by the window's edge is marked with `…` rather than passed off as whole.
"""

from __future__ import annotations

from claimtrack.text import segment


def around(window: tuple[int, str] | None, start: int | None, end: int | None, language: str | None,
           prefix: str = "", suffix: str = "", *, reach: int = 400) -> dict[str, str]:
    """`before`/`after`: the text from the start of the previous sentence to the span, and from the span to
    the end of the next sentence. `reach` is how far the window was asked to extend past the span (so a
    window that stops that far away may have been cut). Falls back to the stored prefix/suffix."""
    fallback = {"before": prefix, "after": suffix}
    if window is None or start is None or end is None or not window[1]:
        return fallback
    offset, text = window
    s, e = start - offset, end - offset
    if not (0 <= s < e <= len(text)):
        return fallback
    try:
        sentences = [x for x in segment(text, language) if x.text.strip()]
    except Exception:  # noqa: BLE001 - context is a convenience: fall back to what the mention stores
        return fallback
    first = next((i for i, x in enumerate(sentences) if x.end > s), None)
    last = next((i for i in range(len(sentences) - 1, -1, -1) if sentences[i].start < e), None)
    if first is None or last is None:
        return fallback
    lo_index, hi_index = max(first - 1, 0), min(last + 1, len(sentences) - 1)
    lo = min(sentences[lo_index].start, s)
    hi = max(sentences[hi_index].end, e)
    cut_start = offset > 0 and lo_index == 0
    cut_end = len(text) - e >= reach and hi_index == len(sentences) - 1
    before = ("…" if cut_start else "") + text[lo:s].lstrip()
    after = text[e:hi].rstrip() + ("…" if cut_end else "")
    return {"before": before, "after": after}
