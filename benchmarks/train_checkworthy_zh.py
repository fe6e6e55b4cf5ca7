"""Train the Chinese check-worthiness model shipped in src/claimtrack/text/data/zh_weights.bin.

Pure Python (no numpy): logistic regression with AdaGrad and L2 over the features of
``claimtrack.text.score_zh.features`` (cue features + hashed character uni/bi/tri-grams), on the folded
(Simplified) text, with OpenCC installed as the folder; each labelled sentence is read in the register of its
whole passage (``passage_context`` of the passage file, as the importer reads a document), the invented
sentences alone.

Recipe: AdaGrad for EPOCHS epochs, weights averaged over the epochs' end points, and the models of three
shuffling seeds averaged (a linear model, so this averages their logits): one run's weights swing with
the order of a small training set, the average does not.

Training data: the **train** split of the real labelled sentences plus the project's own invented
Chinese set ``tests/text/data/zh_checkworthy.tsv`` (354 tidy sentences the rule-based scorer was tuned on:
they teach the model what the project's tests and examples mean by a figure, e.g. a short
``近2000家AI企业落户海淀。``); its held-out twin ``zh_checkworthy_holdout.tsv`` is not used.

Data discipline: weights are fitted on the **train** split of ``benchmarks/data/zh`` (split by source
document); the recipe (learning rate, epochs: ``/tmp`` sweeps, not kept) and the decision threshold were
chosen on **dev**; the **test** split is never read here.  The threshold is the one that maximises the
mean dev F1 over genres with pooled dev precision >= MIN_PRECISION (``ZH_CALIBRATE=micro``: pooled dev F1,
the rule before 2026-12-03), and it is folded into the stored bias shift so that score 0.5 is that threshold.

``--loso`` also prints the leave-one-source-out figure on train+dev (for each source: fit on
the other sources' train+dev sentences with the chosen epochs, predict that source at the chosen
threshold; pooled F1/P/R, and the same per genre, script and source), the honest cross-outlet number;
``--dump FILE`` writes its per-sentence predictions.  The dev figures are printed per genre and script too.

Sweeps (selection by LOSO and dev, never test) read these environment variables: ``ZH_L2``, ``ZH_POSW``,
``ZH_EPOCHS``, ``ZH_MIN_P``,
``ZH_CALIBRATE``, ``ZH_SEEDS`` (e.g. ``1`` for a quick run), ``ZH_CUE_LR`` (the cue features' rate as
a multiple of the n-grams'); unset, they are the shipped recipe.  The training loop is ``linear_train.py``'s,
shared with the English trainer.

Usage:  PYTHONPATH=src python benchmarks/train_checkworthy_zh.py [--loso [--dump FILE]] [--dry-run]
"""

from __future__ import annotations

import math
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import linear_train  # noqa: E402
import zh_data  # noqa: E402
from linear_train import probs, prf  # noqa: E402

from claimtrack.ingest.folding import install  # noqa: E402
from claimtrack.text import parse_quantities  # noqa: E402
from claimtrack.text.score_zh import (  # noqa: E402
    _COUNTED, _CROSSED, _CUES, _PAIRS, _REGISTERS, bucket, features, passage_context)

OUT = Path(__file__).resolve().parents[1] / "src/claimtrack/text/data/zh_weights.bin"
MIN_PRECISION = float(os.environ.get("ZH_MIN_P", 0.78))
EPOCHS = int(os.environ.get("ZH_EPOCHS", 8))
LR, L2, POS_WEIGHT = 0.03, float(os.environ.get("ZH_L2", 1e-5)), float(os.environ.get("ZH_POSW", 1.0))
CUE_LR = LR * float(os.environ.get("ZH_CUE_LR", 1.0))  # the cue features' own rate (n-grams keep LR)
CUE_BUCKETS = {bucket(n) for n in ("bias", *(f"len:{k}" for k in range(13)), *(f"cue:{c}" for c, _ in _CUES),
                                   *(f"cue:{c}:{k}" for c in _COUNTED for k in range(4)), "cue:traditional",
                                   *(f"pair:{a}+{b}" for a, b in _PAIRS), "cue:no-terminal:short",
                                   "cue:no-terminal:long", *(f"ctx:{r}" for r, _, _ in _REGISTERS),
                                   *(f"ctx:{r}+{c}" for r, _, _ in _REGISTERS for c in _CROSSED))}
CALIBRATE = os.environ.get("ZH_CALIBRATE", "macro")  # macro: mean dev F1 over genres; micro: pooled dev F1
SEEDS = tuple(int(x) for x in os.environ.get("ZH_SEEDS", "1,2,3").split(","))
INVENTED_WEIGHT = 2  # each invented sentence counts twice: a prior, 354 tidy sentences against 1,639 real ones


INVENTED = Path(__file__).resolve().parents[1] / "tests" / "text" / "data" / "zh_checkworthy.tsv"


@dataclass(frozen=True)
class _Row:
    text: str
    label: bool
    passage: str | None = None  # invented sentences stand alone


def invented() -> list[_Row]:
    rows = []
    for line in INVENTED.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append(_Row(text, label == "1"))
    return rows


def vectorize(rows) -> list[tuple[list[int], int]]:
    """Each sentence's features in the register of its passage (read whole, as the importer reads a document)."""
    context = {p: passage_context(zh_data.passage_text(p)) for p in {s.passage for s in rows} - {None}}
    return [(sorted(features(s.text, parse_quantities(s.text), context.get(s.passage, ()))[0]), int(s.label))
            for s in rows]


def best_threshold(scored, min_precision=MIN_PRECISION, groups=None):
    """(dev F1, threshold): with ``groups`` (the dev sentences' genres), the threshold maximising the **mean F1
    over genres** among those whose pooled precision is at least ``min_precision`` (ties: the higher pooled F1);
    without, the pooled-F1 maximum (``ZH_CALIBRATE=micro`` selects that for the shipped model too).

    Why macro: the issue's targets are per genre, and pooled dev F1 is flat over a wide band of thresholds
    (0.83 ± 0.002 from 0.30 to 0.45 on the 2026-12-03 dev split) whose low end buys the news genres' last
    points of recall with the low-base-rate genres' precision (commentary, charity stories, the work report).
    """
    if groups is None or CALIBRATE == "micro":
        return linear_train.best_threshold(scored, min_precision)
    by_group: dict[str, list] = {}
    for pair, g in zip(scored, groups):
        by_group.setdefault(g, []).append(pair)
    best, best_key = (0.0, 0.5), (-1.0, -1.0)
    for t in (i / 100 for i in range(5, 96)):
        f1, p, _ = prf(scored, t)
        if p < min_precision:
            continue
        key = (round(sum(prf(v, t)[0] for v in by_group.values()) / len(by_group), 4), f1)
        if key > best_key:
            best, best_key = (f1, t), key
    return best


def train(fit, epochs=EPOCHS, seeds=SEEDS) -> dict[int, float]:
    """Epoch-averaged AdaGrad weights, averaged again over the shuffling seeds."""
    total: dict[int, float] = {}
    for seed in seeds:
        w: dict[int, float] = {}
        g2: dict[int, float] = {}
        rng = random.Random(seed)
        data = list(fit)
        for _ in range(epochs):
            linear_train.fit_epoch(data, w, g2, rng, lr=LR, pos_weight=POS_WEIGHT, l2=L2,
                                   lr_of=dict.fromkeys(CUE_BUCKETS, CUE_LR) if CUE_LR != LR else None)
            for i, v in w.items():
                total[i] = total.get(i, 0.0) + v
    n = epochs * len(seeds)
    return {i: v / n for i, v in total.items()}


def loso(threshold: float, dump: Path | None = None):
    """Pooled leave-one-source-out (F1, P, R) on train+dev, and the same per source, genre and script."""
    rows = zh_data.sentences(("train", "dev"))
    vec = vectorize(rows)
    prior = vectorize(invented()) * INVENTED_WEIGHT
    pooled: list[tuple[float, int]] = []
    scored_of: dict[int, float] = {}
    for source in sorted({s.source for s in rows}):
        w = train([*(v for v, s in zip(vec, rows) if s.source != source), *prior])
        held = [k for k, s in enumerate(rows) if s.source == source]
        for k, (p, _) in zip(held, probs([vec[k] for k in held], w)):
            scored_of[k] = p
    groups: dict[str, list[tuple[float, int]]] = {}
    for k, s in enumerate(rows):
        pair = (scored_of[k], int(s.label))
        pooled.append(pair)
        for g in (f"genre:{s.genre}", f"script:{s.script}", f"source:{s.source}"):
            groups.setdefault(g, []).append(pair)
    if dump is not None:
        with dump.open("w", encoding="utf-8") as fh:
            for k, s in enumerate(rows):
                fh.write(f"{scored_of[k]:.3f}\t{int(s.label)}\t{s.split}\t{s.genre}\t{s.passage}\t{s.i}\t{s.text}\n")
    return (*prf(pooled, threshold), {g: prf(v, threshold) for g, v in sorted(groups.items())})


def main() -> None:
    install()
    fit = vectorize([*zh_data.sentences("train"), *invented() * INVENTED_WEIGHT])
    dev = vectorize(zh_data.sentences("dev"))
    w = train(fit)
    f1, threshold = best_threshold(probs(dev, w), groups=[s.genre for s in zh_data.sentences("dev")])
    _, p, r = prf(probs(dev, w), threshold)
    print(f"{EPOCHS} epochs x seeds {SEEDS}, threshold {threshold:.2f} (dev F1 with dev P >= {MIN_PRECISION}); "
          f"dev F1 {f1:.3f} P {p:.3f} R {r:.3f}")
    dev_rows, dev_scored = zh_data.sentences("dev"), probs(dev, w)
    for g in sorted({f"genre:{s.genre}" for s in dev_rows} | {f"script:{s.script}" for s in dev_rows}):
        sub = [x for x, s in zip(dev_scored, dev_rows) if g in (f"genre:{s.genre}", f"script:{s.script}")]
        print(f"  dev {g:<32} F1 {prf(sub, threshold)[0]:.3f} P {prf(sub, threshold)[1]:.3f} R {prf(sub, threshold)[2]:.3f}")
    if "--loso" in sys.argv:
        dump = Path(sys.argv[sys.argv.index("--dump") + 1]) if "--dump" in sys.argv else None
        lf, lp, lr, per = loso(threshold, dump)
        print(f"leave-one-source-out on train+dev: F1 {lf:.3f} P {lp:.3f} R {lr:.3f}")
        for source, (sf, sp, sr) in per.items():
            print(f"  {source:<36} F1 {sf:.3f} P {sp:.3f} R {sr:.3f}")
    if "--dry-run" not in sys.argv:
        save(w, math.log(threshold / (1 - threshold)))


def save(w: dict[int, float], shift: float) -> None:
    linear_train.save(w, shift, OUT, 2e-3)


if __name__ == "__main__":
    main()
