"""Scoring and the importer's one entry point, :func:`analyze`.

The idea: the score must be *language-appropriate* — Chinese sentences (read on their Simplified fold)
and English ones go each to their own learned linear model (:mod:`.score_zh`, :mod:`.score_en`) — but both
return a probability-like score in [0, 1] where 0.5 is the tuned decision point, so one
``threshold`` works for either.  A Chinese sentence is also read in its document's register
(:func:`document_context`: a life story, a column, a work report), which the whole text shows and the sentence
does not.  :func:`analyze` segments once, decides the language and the register once per document, and hands
back frozen :class:`Scored` rows whose quantity offsets are relative to the sentence text (add
``sentence.start`` for document offsets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .canonical import detect_language
from .normalize import fingerprint
from .quantities import Quantity, parse_quantities
from .script import has_cjk
from .segment import Sentence, segment

__all__ = ["Scored", "analyze", "document_context", "score_sentence", "score_sentences", "THRESHOLD_DEFAULT",
           "REASONS"]

THRESHOLD_DEFAULT = 0.5
REASONS = ("statistic", "percentage", "money", "quantity", "date", "comparison", "superlative", "attribution",
           "named-source", "policy", "quote", "event", "causal", "trend", "prediction", "opinion", "question",
           "rhetoric", "headline", "personal")
"""Every reason a score may carry; the last six lower a score (``personal``: a Chinese sentence in a passage told
in the first person or about a family, where figures are mostly the life story's)."""



@dataclass(frozen=True, slots=True)
class Scored:
    """A sentence with its check-worthiness; ``quantities`` offsets are relative to ``sentence.text``."""

    sentence: Sentence
    score: float
    check_worthy: bool
    reasons: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    fingerprint: str


def score_sentence(text: str, lang: str | None = None,
                   context: tuple[str, ...] = ()) -> tuple[float, tuple[str, ...]]:
    """Check-worthiness of one sentence: (score in [0, 1], reasons); ``context``: its document's
    :func:`document_context`, if known."""
    return _score(text, lang, parse_quantities(text), context)


def document_context(text: str, lang: str) -> tuple[str, ...]:
    """The register of a whole document as the scorer of ``lang`` reads it (Chinese only; English: none)."""
    if lang != "zh":
        return ()
    from .score_zh import passage_context

    return passage_context(text)


def _score(text: str, lang: str | None, quantities: list[Quantity],
           context: tuple[str, ...]) -> tuple[float, tuple[str, ...]]:
    if not text.strip():
        return 0.0, ()
    lang = lang or detect_language(text)
    if lang == "zh" and not has_cjk(text):
        lang = "en"  # an English sentence quoted inside a Chinese article
    if lang == "zh":
        from .score_zh import score_zh

        return score_zh(text, quantities, context)
    from .score_en import score_en

    return score_en(text, quantities)


def analyze(text: str, lang: str | None = None, threshold: float = THRESHOLD_DEFAULT, *,
            check: Callable[[], None] | None = None) -> list[Scored]:
    """Segment ``text`` and score every sentence (the importer's one call).

    ``check``, when given, is called between sentences and while long sentences are parsed; it may raise
    to abandon the analysis (the importer's per-document time budget), so the core itself keeps no clock.
    """
    lang = lang or detect_language(text)
    return list(score_sentences(segment(text, lang), lang, threshold, check=check,
                                context=document_context(text, lang)))


def score_sentences(sentences: Iterable[Sentence], lang: str, threshold: float = THRESHOLD_DEFAULT, *,
                    check: Callable[[], None] | None = None, context: tuple[str, ...] = ()) -> Iterator[Scored]:
    """:func:`analyze` of sentences already segmented (in language ``lang``; ``context``: their document's
    :func:`document_context`), one at a time: a caller that keeps only some rows never holds every sentence's
    scores, quantities and fingerprint at once."""
    for sentence in sentences:
        if check is not None:
            check()
        quantities = parse_quantities(sentence.text, check=check)
        score, reasons = _score(sentence.text, lang, quantities, context)
        yield Scored(sentence, score, score >= threshold, reasons, tuple(quantities), fingerprint(sentence.text))
