"""claimtrack.text — the pure text core: canonical text, sentences, quantities, scores, anchors.

Everything here takes and returns plain values and does no I/O (a test scans the imports), so it
can be tested exhaustively and fast.  The one rule to keep: every span is a pair of Unicode
code-point offsets into the exact string the caller passed, and ``text[start:end]`` is always
the quoted text.  The importer calls :func:`analyze`; the rest is public for matching (``normalize``,
``fingerprint``), re-anchoring (``anchor``) and duplicate-body detection (``find_repeats``).
"""

from .analyze import REASONS, THRESHOLD_DEFAULT, Scored, analyze, score_sentence
from .anchor import Anchor, anchor
from .canonical import canonicalize, detect_language
from .normalize import fingerprint, normalize
from .quantities import Quantity, parse_quantities
from .repeats import Repeat, find_repeats
from .segment import Sentence, segment

__all__ = [
    "REASONS", "THRESHOLD_DEFAULT", "Anchor", "Quantity", "Repeat", "Scored", "Sentence", "analyze", "anchor",
    "canonicalize", "detect_language", "find_repeats", "fingerprint", "normalize", "parse_quantities",
    "score_sentence", "segment",
]
