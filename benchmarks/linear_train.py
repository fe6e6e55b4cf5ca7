"""The training loop shared by benchmarks/train_checkworthy.py (English) and train_checkworthy_zh.py (Chinese).

Pure Python (no numpy): logistic regression with AdaGrad (optionally L2) over sorted lists of binary feature
buckets; threshold search under a precision floor; the weights file that ``claimtrack.text.linear`` reads.
"""

from __future__ import annotations

import math
import zlib
from array import array
from pathlib import Path

__all__ = ["fit_epoch", "probs", "prf", "best_threshold", "save"]


def fit_epoch(data, w, g2, rng, lr, pos_weight=1.0, l2=0.0, lr_of=None):
    """One shuffled AdaGrad pass over ``data`` = [(buckets, y)]; ``lr_of`` maps buckets to their own rate."""
    rng.shuffle(data)
    for idx, y in data:
        z = max(-30.0, min(30.0, sum(w.get(i, 0.0) for i in idx)))
        grad = (1 / (1 + math.exp(-z)) - y) * (pos_weight if y else 1.0)
        for i in idx:
            wi = w.get(i, 0.0)
            g = grad + l2 * wi if l2 else grad
            g2[i] = g2.get(i, 1e-8) + g * g
            w[i] = wi - (lr_of.get(i, lr) if lr_of else lr) * g / math.sqrt(g2[i])


def probs(data, w):
    return [(1 / (1 + math.exp(-max(-30.0, min(30.0, sum(w.get(i, 0.0) for i in idx))))), y) for idx, y in data]


def prf(scored, threshold):
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    fn = sum(1 for p, y in scored if p < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), precision, recall


def best_threshold(scored, min_precision):
    """(F1, threshold) maximising F1 among thresholds 0.05..0.95 whose precision is at least ``min_precision``."""
    best = (0.0, 0.5)
    for t in (i / 100 for i in range(5, 96)):
        f1, p, _ = prf(scored, t)
        if p >= min_precision and f1 > best[0]:
            best = (f1, t)
    return best


def save(w: dict[int, float], shift: float, out: Path, min_abs: float) -> None:
    kept = sorted((i, v) for i, v in w.items() if abs(v) >= min_abs)
    index, values = array("I", (i for i, _ in kept)), array("f", (v for _, v in kept))
    payload = len(kept).to_bytes(4, "little") + index.tobytes() + values.tobytes() + array("f", [shift]).tobytes()
    out.write_bytes(zlib.compress(payload, 9))
    print(f"wrote {out} ({len(kept)} weights, {out.stat().st_size} bytes)")
