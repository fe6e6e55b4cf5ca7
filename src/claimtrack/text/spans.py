"""Spans: the one maker of W3C Web Annotation selectors for a quoted stretch of a canonical text.

The one idea: a span is a pair of code-point offsets into the canonical text *plus* the words it quotes
and a little context on either side, so that it can be found again after the text changes: the W3C
TextPositionSelector (`start`, `end`) and TextQuoteSelector (`exact`, `prefix`, `suffix`). Every stored
mention is made here — by the importer and by `claims add` alike — so both keep the same context length
(`CONTEXT_CHARS`) and the invariant `text[start:end] == quote` holds by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CONTEXT_CHARS", "Span", "occurrences", "span"]

CONTEXT_CHARS = 32  # characters of prefix and of suffix kept with every span (TextQuoteSelector)


@dataclass(frozen=True, slots=True)
class Span:
    """`quote` is `text[start:end]`; `prefix`/`suffix` the CONTEXT_CHARS before and after it."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str

    def selectors(self) -> list[dict[str, object]]:
        """The span as W3C Web Annotation selectors (position, then quote)."""
        return [{"type": "TextPositionSelector", "start": self.start, "end": self.end},
                {"type": "TextQuoteSelector", "exact": self.quote, "prefix": self.prefix, "suffix": self.suffix}]


def span(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Span:
    """The span of `text[start:end]` with its context."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}:{end}] is outside a text of {len(text)} characters")
    return Span(start, end, text[start:end], text[max(0, start - context):start], text[end:end + context])


def occurrences(text: str, quote: str) -> list[int]:
    """Every offset at which `quote` occurs in `text` (overlapping ones too), in order."""
    found, i = [], text.find(quote)
    while i != -1:
        found.append(i)
        i = text.find(quote, i + 1)
    return found
