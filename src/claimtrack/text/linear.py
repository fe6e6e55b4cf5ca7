"""The inference half shared by the learned scorers (:mod:`.score_en`, :mod:`.score_zh`).

A weights file is ``zlib(n:uint32, n bucket indices:uint32, n weights:float32, bias shift:float32)``, little
endian, as written by ``benchmarks/linear_train.py``; a score is the logistic of the summed weights of a
sentence's binary features minus the shift (the shift puts the tuned threshold at 0.5).  Pure: no I/O
beyond reading the packaged file, once per file.
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

__all__ = ["load_weights", "probability"]


@lru_cache(maxsize=None)
def load_weights(name: str) -> tuple[dict[int, float], float]:
    """(bucket → weight, bias shift) from ``data/<name>`` in this package, read once."""
    raw = zlib.decompress(resources.files(__package__).joinpath(f"data/{name}").read_bytes())
    n = int.from_bytes(raw[:4], "little")
    index, values = array("I"), array("f")
    index.frombytes(raw[4 : 4 + 4 * n])
    values.frombytes(raw[4 + 4 * n : 4 + 8 * n])
    shift = array("f")
    shift.frombytes(raw[4 + 8 * n : 8 + 8 * n])
    return dict(zip(index, values)), shift[0]


def probability(weights: dict[int, float], shift: float, buckets: Iterable[int]) -> float:
    """Logistic of the summed weights of the (binary, distinct) feature buckets, minus the shift."""
    z = sum(weights.get(b, 0.0) for b in buckets) - shift
    z = max(-30.0, min(30.0, z))
    return 1 / (1 + math.exp(-z))
