"""Benchmark the text core: check-worthiness quality and segmentation / analyze throughput.

Prints one table.  English figures: the CheckThat! 2024 *dev* file (never used for fitting or
tuning) and the 15% *tuning* split of the train file (used only to pick epochs and threshold, so it
is held out from the weights but not from the threshold).  Chinese: the hand-labelled set in
tests/text/data.  Throughput compares claimtrack.text.segment with pySBD (benchmark-only
dependency) on the same English text, and times analyze() on the seed article.

Usage:  PYTHONPATH=src:. python benchmarks/bench_text.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "benchmarks"), str(ROOT / "tests" / "text")]

from cases import chinese_checkworthy, chinese_segments, english_golden  # noqa: E402
from train_checkworthy import DATA, load  # noqa: E402

from claimtrack.text import analyze, canonicalize, score_sentence, segment  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed_000_6cc3342621404e45.txt"


def prf(pairs):
    tp = sum(1 for y, p in pairs if y and p)
    precision = tp / max(1, sum(1 for _, p in pairs if p))
    recall = tp / max(1, sum(1 for y, _ in pairs if y))
    return 2 * precision * recall / ((precision + recall) or 1), precision, recall


def english_rows():
    train = load(DATA / "CT24_checkworthy_english_train.tsv")
    random.Random(20240501).shuffle(train)
    tune = train[int(len(train) * 0.85):]
    dev = load(DATA / "CT24_checkworthy_english_dev.tsv")
    out = []
    for name, rows in (("English dev (CT24, never tuned on)", dev), ("English train tuning split (15%)", tune)):
        pairs = [(bool(y), score_sentence(t, "en")[0] >= 0.5) for t, y in rows]
        out.append((name, len(rows), *prf(pairs)))
    return out


def chinese_rows():
    out = []
    for name, label in (("zh_checkworthy.tsv", "Chinese hand-labelled set (rules tuned on it)"),
                        ("zh_checkworthy_holdout.tsv", "Chinese held-out set (written after tuning)")):
        pairs = [(y, score_sentence(t, "zh")[0] >= 0.5) for y, t in chinese_checkworthy(name)]
        out.append((label, len(pairs), *prf(pairs)))
    return out


def throughput(fn, text, repeat=3):
    best = min(_timed(fn, text) for _ in range(repeat))
    return len(text) / best


def _timed(fn, text):
    t = time.perf_counter()
    fn(text)
    return time.perf_counter() - t


def main() -> None:
    print(f"{'measure':<44} {'n':>6} {'F1':>6} {'P':>6} {'R':>6}")
    for name, n, f1, p, r in [*english_rows(), *chinese_rows()]:
        print(f"{name:<44} {n:>6} {f1:>6.3f} {p:>6.3f} {r:>6.3f}")
    golden = english_golden()
    ours = sum([s.text for s in segment(t, "en")] == e for t, e in golden)
    print(f"{'English segmentation hard cases (exact)':<44} {len(golden):>6} {ours / len(golden):>6.3f}")
    en_text = " ".join(t for t, _ in golden) * 20
    zh_text = canonicalize(SEED.read_text(encoding="utf-8")) if SEED.exists() else "".join(
        t for t, _ in chinese_segments()) * 5
    ours_en = throughput(lambda t: segment(t, "en"), en_text)
    print(f"{'segment() English, chars/s':<44} {len(en_text):>6} {ours_en:>20,.0f}")
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        theirs = throughput(seg.segment, en_text, repeat=1)
        print(f"{'pySBD English, chars/s':<44} {len(en_text):>6} {theirs:>20,.0f}  (claimtrack {ours_en / theirs:.0f}x)")
    except ImportError:
        print("pySBD not installed: skipped")
    print(f"{'segment() Chinese seed, chars/s':<44} {len(zh_text):>6} {throughput(segment, zh_text):>20,.0f}")
    print(f"{'analyze() Chinese seed, chars/s':<44} {len(zh_text):>6} {throughput(analyze, zh_text):>20,.0f}")
    print(f"{'analyze() English, chars/s':<44} {len(en_text):>6} {throughput(analyze, en_text):>20,.0f}")


if __name__ == "__main__":
    main()
