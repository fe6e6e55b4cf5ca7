"""English check-worthiness: a small logistic regression over cue features and hashed n-grams.

The one idea: *cues explain, n-grams decide*.  Hand cue features (a number with a unit, a
comparison, an attribution, first person, a question, a modal...) give the human-readable reasons
and generalise beyond the training debates; hashed word uni- and bi-grams (CRC-32 into
:data:`BUCKETS` slots) carry the rest.  The weights in ``data/en_weights.bin`` were learned by
``benchmarks/train_checkworthy.py`` from the ClaimBuster / CheckThat! 2024 English training sentences
(ClaimBuster data © its authors, CC BY 4.0, Zenodo record 3609356); the file holds only hashed
bucket weights, no text.  The model's bias is shifted so that 0.5 is the threshold tuned on a split
of the training data that the weights never saw.  Weights load lazily on the first call, so
importing this module costs nothing.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from . import linear
from .quantities import Quantity

__all__ = ["score_en", "features", "BUCKETS", "load_weights"]

BUCKETS = 1 << 18
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*|[$%?!]")
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("comparison", r"\b(?:more|less|fewer|higher|lower|increase[ds]?|decrease[ds]?|rose|fell|doubled|tripled|"
                       r"cut|raised|grew|dropped|than|up|down|percent|times as)\b"),
        ("superlative", r"\b(?:most|least|largest|biggest|highest|lowest|first|only|record|ever|best|worst)\b"),
        ("attribution", r"\b(?:said|says|according to|reported|report|study|survey|data|statistics|found)\b"),
        ("prediction", r"\b(?:will|going to|would|forecast|expect(?:s|ed)?|projected)\b"),
        ("opinion", r"\b(?:i think|i believe|we believe|i feel|in my opinion|i hope|should|must|ought|need to|"
                    r"let's|let us|we can|we will|i will|i want|i'm going to|we're going to)\b"),
        ("first-person", r"\b(?:i|me|my|we|our|us)\b"),
        ("question", r"\?\s*[\"”']?$"),
        ("rhetoric", r"!\s*[\"”']?$|\b(?:thank you|god bless|folks|great|wonderful|terrible|believe me)\b"),
        ("time", r"\b(?:19|20)\d\d\b|\b(?:years?|months?|days?|since|ago|last year|this year)\b"),
        ("legislation", r"\b(?:bill|law|voted|vote|act|tax|taxes|budget|deficit|debt|program|plan)\b"),
    )
)
_REASON_OF_KIND = {"percent": "percentage", "points": "percentage", "money": "money", "fraction": "percentage",
                   "count": "quantity", "ratio": "statistic", "number": "statistic", "year": "date", "date": "date"}
_NEGATIVE_REASONS = {"opinion", "question", "rhetoric"}
_ORDER = {"bias": 0, "len": 1, "w": 2, "b": 3}
_SHOWN = {"comparison", "superlative", "attribution", "prediction", "opinion", "question", "rhetoric"}


def features(text: str, quantities: list[Quantity]) -> tuple[list[str], list[str]]:
    """(feature names, reasons) for one sentence; names are hashed by :func:`bucket`."""
    reasons: list[str] = []
    names = list(_names(text, quantities, reasons))
    return sorted(names, key=_trained_order), reasons


def _word_pieces(low: str, size: int = 1 << 16) -> Iterator[list[str]]:
    """The words of `low` (numbers as `<n>`), in lists of pieces of about `size` characters cut at a space
    (no word spans a space), so that a huge sentence is never one list of all its words."""
    start = 0
    while start < len(low):
        end = len(low) if len(low) - start <= size else low.find(" ", start + size)
        end = len(low) if end < 0 else end
        words = ["<n>" if w[0].isdigit() else w for w in _WORD.findall(low, start, end)]
        if words:
            yield words
        start = end


def _trained_order(name: str) -> int:
    """The order `features` always listed: bias, len, words, bigrams, then cues and quantities as they came."""
    return _ORDER.get(name.split(":", 1)[0], len(_ORDER))


def _names(text: str, quantities: list[Quantity], reasons: list[str]) -> Iterator[str]:
    """The feature names (bias, words and bigrams a piece at a time, `len:`, cues, quantities), appending the
    reasons: a 20 MB sentence is never held as one list of its words or of its feature names."""
    yield "bias"
    count, previous = 0, "<s>"
    for words in _word_pieces(text.lower()):
        yield from [f"w:{w}" for w in words]
        yield from [f"b:{a}_{b}" for a, b in zip([previous, *words], words)]
        count, previous = count + len(words), words[-1]
    yield f"b:{previous}_</s>"
    yield f"len:{min(count // 5, 8)}"
    for name, pattern in _CUES:
        if pattern.search(text):
            yield f"cue:{name}"
            if name in _SHOWN:
                reasons.append(name)
    for q in quantities:
        yield f"q:{q.kind}"
        yield f"q:{q.kind}:{'unit' if q.unit or q.currency else 'bare'}"
        reasons.append(_REASON_OF_KIND.get(q.kind, "statistic"))
    if any(q.kind not in ("year", "date", "ordinal") for q in quantities):
        reasons.append("statistic")


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & (BUCKETS - 1)


def load_weights() -> tuple[dict[int, float], float]:
    """(bucket → weight, bias shift) from the packaged weights file, read once."""
    return linear.load_weights("en_weights.bin")


def score_en(text: str, quantities: list[Quantity]) -> tuple[float, tuple[str, ...]]:
    """Score an English sentence with the learned model; reasons come from the cue features."""
    weights, shift = load_weights()
    reasons: list[str] = []
    buckets = {bucket(n) for n in _names(text, quantities, reasons)}  # binary features, as trained
    score = linear.probability(weights, shift, buckets)
    return score, tuple(dict.fromkeys(reasons))
