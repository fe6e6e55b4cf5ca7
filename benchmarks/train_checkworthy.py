"""Train the English check-worthiness model shipped in src/claimtrack/text/data/en_weights.bin.

Pure Python (no numpy): logistic regression with AdaGrad over the features of
``claimtrack.text.score_en.features`` (cue features + hashed word uni/bi-grams).

Data discipline: the CheckThat! 2024 *train* file is split once (fixed seed) into a fitting part (85%)
and a tuning part (15%).  Weights are fitted on the first; the number of epochs and the decision
threshold are chosen on the second; the *dev* file is only evaluated, never used to choose anything.
The threshold is folded into the stored bias shift so that score 0.5 is the tuned threshold.

Usage:  PYTHONPATH=src python benchmarks/train_checkworthy.py [DATA_DIR]
"""

from __future__ import annotations

import csv
import math
import random
import sys
import zlib
from array import array
from pathlib import Path

from claimtrack.text import parse_quantities
from claimtrack.text.score_en import bucket, features

DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data" / "checkworthy-en"
OUT = Path(__file__).resolve().parents[1] / "src/claimtrack/text/data/en_weights.bin"
MIN_PRECISION = 0.62


def load(path: Path) -> list[tuple[str, int]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            label = (row.get("class_label") or "").strip()
            if label in ("Yes", "No"):
                rows.append((row["Text"], int(label == "Yes")))
    return rows


def vectorize(rows: list[tuple[str, int]]) -> list[tuple[list[int], int]]:
    out = []
    for text, y in rows:
        names, _ = features(text, parse_quantities(text))
        out.append((sorted({bucket(n) for n in names}), y))
    return out


def fit_epoch(data, w, g2, rng, lr=0.1, pos_weight=1.6):
    rng.shuffle(data)
    for idx, y in data:
        z = max(-30.0, min(30.0, sum(w.get(i, 0.0) for i in idx)))
        grad = (1 / (1 + math.exp(-z)) - y) * (pos_weight if y else 1.0)
        for i in idx:
            g2[i] = g2.get(i, 1e-8) + grad * grad
            w[i] = w.get(i, 0.0) - lr * grad / math.sqrt(g2[i])


def probs(data, w):
    return [(1 / (1 + math.exp(-max(-30.0, min(30.0, sum(w.get(i, 0.0) for i in idx))))), y) for idx, y in data]


def prf(scored, threshold):
    tp = sum(1 for p, y in scored if p >= threshold and y)
    fp = sum(1 for p, y in scored if p >= threshold and not y)
    fn = sum(1 for p, y in scored if p < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), precision, recall


def best_threshold(scored):
    best = (0.0, 0.5)
    for t in (i / 100 for i in range(5, 96)):
        f1, p, _ = prf(scored, t)
        if p >= MIN_PRECISION and f1 > best[0]:
            best = (f1, t)
    return best


def main() -> None:
    train = load(DATA / "CT24_checkworthy_english_train.tsv")
    dev = vectorize(load(DATA / "CT24_checkworthy_english_dev.tsv"))
    rng = random.Random(20240501)
    rng.shuffle(train)
    cut = int(len(train) * 0.85)
    fit, tune = vectorize(train[:cut]), vectorize(train[cut:])
    w: dict[int, float] = {}
    g2: dict[int, float] = {}
    best = (-1.0, 0.5, 0, {})
    for epoch in range(1, 9):
        fit_epoch(fit, w, g2, rng)
        f1, t = best_threshold(probs(tune, w))
        print(f"epoch {epoch}: tune F1 {f1:.3f} at threshold {t:.2f}", file=sys.stderr)
        if f1 > best[0]:
            best = (f1, t, epoch, dict(w))
    f1, threshold, epoch, w = best
    dev_f1, dev_p, dev_r = prf(probs(dev, w), threshold)
    print(f"chosen epoch {epoch}, threshold {threshold:.2f}; tune F1 {f1:.3f}; dev F1 {dev_f1:.3f} P {dev_p:.3f} R {dev_r:.3f}")
    save(w, math.log(threshold / (1 - threshold)))


def save(w: dict[int, float], shift: float) -> None:
    kept = sorted((i, v) for i, v in w.items() if abs(v) >= 1e-3)
    index, values = array("I", (i for i, _ in kept)), array("f", (v for _, v in kept))
    payload = len(kept).to_bytes(4, "little") + index.tobytes() + values.tobytes() + array("f", [shift]).tobytes()
    OUT.write_bytes(zlib.compress(payload, 9))
    print(f"wrote {OUT} ({len(kept)} weights, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
