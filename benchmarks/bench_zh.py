"""Chinese check-worthiness and segmentation on the project's labelled real text (benchmarks/data/zh).

Prints, for one split (``--split test`` by default; tune on ``dev`` only): F1, precision and recall of
the Yes class overall, per genre, per script and per source, for claimtrack's scorer against two
baselines — *digit-or-numeral* (Yes when the sentence holds an Arabic digit, full-width or not, or a
Chinese numeral character) and *always-yes* — and the segmentation exact-sentence rate (share of the
gold sentence spans that ``segment(passage, "zh")`` returns exactly, plus its precision: share of the
returned sentences that are gold).  The scorer reads each labelled sentence as it was labelled (the
pieces of the segmenter at labelling time), in the register of its whole passage (``document_context``, as
the importer reads a document), so scoring and segmentation are measured apart.

Usage:  PYTHONPATH=src python benchmarks/bench_zh.py [--split dev|test|train] [--json]
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import zh_data  # noqa: E402

from claimtrack.ingest.folding import install  # noqa: E402
from claimtrack.text import score_sentence, segment  # noqa: E402
from claimtrack.text.analyze import document_context  # noqa: E402

_NUMERAL = re.compile(r"[0-9０-９零〇一二两兩三四五六七八九十百千万萬亿億]")


def prf(pairs):
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if p and not y)
    fn = sum(1 for y, p in pairs if y and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(pairs), "f1": round(f1, 3), "p": round(precision, 3), "r": round(recall, 3)}


def scoring(split: str) -> dict[str, dict[str, dict]]:
    rows = zh_data.sentences(split)
    context = {p: document_context(zh_data.passage_text(p), "zh") for p in {s.passage for s in rows}}
    systems = {
        "claimtrack": lambda s: score_sentence(s.text, "zh", context[s.passage])[0] >= 0.5,
        "digit-or-numeral": lambda s: bool(_NUMERAL.search(s.text)),
        "always-yes": lambda s: True,
    }
    groups: dict[str, list] = defaultdict(list)
    for s in rows:
        for g in ("overall", f"genre:{s.genre}", f"script:{s.script}", f"source:{s.source}"):
            groups[g].append(s)
    return {g: {name: prf([(s.label, fn(s)) for s in members]) for name, fn in systems.items()}
            for g, members in sorted(groups.items(), key=lambda kv: (kv[0] != "overall", kv[0]))}


def segmentation(split: str) -> dict[str, float]:
    gold_total = got_total = exact = 0
    for passage, (text, gold) in zh_data.gold_segments(split).items():
        ours = {(s.start, s.end) for s in segment(text, "zh")}
        gold_set = set(gold)
        exact += len(ours & gold_set)
        gold_total += len(gold_set)
        got_total += len(ours)
    return {"gold": gold_total, "exact_rate": round(exact / gold_total, 3), "precision": round(exact / got_total, 3)}


def main() -> None:
    split = sys.argv[sys.argv.index("--split") + 1] if "--split" in sys.argv else "test"
    if not zh_data.available():
        sys.exit("Error: shared/data/checkworthy-zh not found beside the checkout (set CLAIMTRACK_SHARED_ZH)")
    install()
    result = {"split": split, "scoring": scoring(split), "segmentation": segmentation(split)}
    if "--json" in sys.argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"Chinese check-worthiness, {split} split (Yes class)")
    print(f"{'group':<34} {'n':>5}  {'claimtrack F1/P/R':<20} {'digit-or-numeral':<20} {'always-yes':<20}")
    for g, systems in result["scoring"].items():
        cells = [f"{m['f1']:.3f} {m['p']:.3f} {m['r']:.3f}" for m in systems.values()]
        print(f"{g:<34} {systems['claimtrack']['n']:>5}  " + "  ".join(f"{c:<18}" for c in cells))
    seg = result["segmentation"]
    print(f"segmentation: {seg['gold']} gold sentences, exact-sentence rate {seg['exact_rate']:.3f}, "
          f"precision {seg['precision']:.3f}")


if __name__ == "__main__":
    main()
