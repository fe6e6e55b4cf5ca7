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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from linear_train import best_threshold as _best, fit_epoch as _fit, probs, prf, save as _save  # noqa: E402

from claimtrack.text import parse_quantities  # noqa: E402
from claimtrack.text.score_en import bucket, features  # noqa: E402

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
        _fit(fit, w, g2, rng, lr=0.1, pos_weight=1.6)
        f1, t = _best(probs(tune, w), MIN_PRECISION)
        print(f"epoch {epoch}: tune F1 {f1:.3f} at threshold {t:.2f}", file=sys.stderr)
        if f1 > best[0]:
            best = (f1, t, epoch, dict(w))
    f1, threshold, epoch, w = best
    dev_f1, dev_p, dev_r = prf(probs(dev, w), threshold)
    print(f"chosen epoch {epoch}, threshold {threshold:.2f}; tune F1 {f1:.3f}; dev F1 {dev_f1:.3f} P {dev_p:.3f} R {dev_r:.3f}")
    _save(w, math.log(threshold / (1 - threshold)), OUT, 1e-3)


if __name__ == "__main__":
    main()
