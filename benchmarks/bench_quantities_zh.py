"""Chinese quantities on real labelled text: exact-match rate per split, per script and per source.

Gold: the hand-labelled quantities of real passages (issue 15).  The project-owned label files live in
``benchmarks/data/zh/`` (branch zh); until they are present the raw labelling output under
``/work/labelwork`` is read, with the same split rule (by document).  The passages themselves stay in
``../shared/data/checkworthy-zh/``.

**Exact** (one gold quantity counts as exact when one parsed quantity of the same sentence has):

* a span that overlaps the gold surface (character offsets in the sentence);
* value, low and high each equal to the gold field within 1e-6 relative, where the gold field is given
  (gold leaves low/high empty except for ranges; gold value is empty for ranges);
* the gold unit: money compares the ISO currency, shares "%" , percentage points "pp", counts the
  measure word after a small Traditional→Simplified fold (個→个), bare numbers "none";
* a qualifier in the gold's accepted list (gold "none" = no qualifier).

The rate is exact / gold.  The place hint each passage gets is what the importer can know: the
outlet's place (mainland, Taiwan, Hong Kong), as ``locale_hint`` derives it from the text and script.

Usage:  PYTHONPATH=src python benchmarks/bench_quantities_zh.py [--split dev|test|train|all] [--misses N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src")]

from claimtrack.text.quantities import locale_hint, parse_quantities  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "checkworthy-zh"
for _candidate in (SHARED, Path("/work/shared/data/checkworthy-zh")):
    if _candidate.is_dir():
        SHARED = _candidate
        break
PROJECT_LABELS = ROOT / "benchmarks" / "data" / "zh"
RAW_LABELS = Path("/work/labelwork")
_FOLD = str.maketrans("個點歲萬億戶項條張間類週場臺臺噸種場隻顆輛筆", "个点岁万亿户项条张间类周场台台吨种场只颗辆笔")


def split_of(passage: str) -> str:
    """By document, stable: 60% train, 20% dev, 20% test (used only while the project's split is absent)."""
    bucket = int(hashlib.sha256(passage.encode()).hexdigest()[:8], 16) % 10
    return "train" if bucket < 6 else ("dev" if bucket < 8 else "test")


def load(split: str = "all") -> list[dict]:
    """One row per gold quantity: passage, source, script, sentence text, gold fields."""
    if (PROJECT_LABELS / "quantities.jsonl").is_file():
        return _load_project(split)
    return _load_raw(split)


def _load_project(split: str) -> list[dict]:
    rows = []
    for line in (PROJECT_LABELS / "quantities.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if split in ("all", row.get("split")):
            rows.append(row)
    return rows


def _load_raw(split: str) -> list[dict]:
    sentences, meta = {}, {}
    for path in sorted((RAW_LABELS / "in").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            meta[d["passage"]] = (d["source"], d["script"])
            for s in d["sentences"]:
                sentences[d["passage"], s["i"]] = s["text"]
    rows = []
    for path in sorted((RAW_LABELS / "labels_final").glob("L*.jsonl")):
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            if split not in ("all", split_of(d["passage"])):
                continue
            source, script = meta[d["passage"]]
            for q in d["quantities"]:
                text = sentences.get((d["passage"], q["i"]))
                if text is None or q["surface"] not in text:
                    continue
                rows.append({"passage": d["passage"], "source": source, "script": script, "sentence": text,
                             "split": split_of(d["passage"]), **q})
    return rows


def passage_text(passage: str) -> str:
    path = SHARED / passage
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def unit_of(q) -> str:
    if q.kind == "money" or q.currency:
        return q.currency or "none"
    if q.kind in ("percent", "fraction"):
        return "%"
    if q.kind == "points":
        return "pp"
    return (q.unit or "none").translate(_FOLD)


def exact(gold: dict, q, span: tuple[int, int]) -> bool:
    if not (q.start < span[1] and span[0] < q.end):
        return False
    for field in ("value", "low", "high"):
        want = gold.get(field)
        if want is not None and not _close(float(want), getattr(q, field)):
            return False
    if gold.get("value") is None and q.value is not None:
        return False
    if str(gold.get("unit") or "none").translate(_FOLD) != unit_of(q):
        return False
    accepted = gold["qualifier"] if isinstance(gold["qualifier"], list) else [gold["qualifier"]]
    return (q.qualifier or "none") in accepted


def evaluate(rows: list[dict]) -> tuple[dict, list]:
    """{(group, key): [exact, total]} and the misses."""
    hints, parsed = {}, {}
    stats: dict = defaultdict(lambda: [0, 0])
    misses = []
    for row in rows:
        if row["passage"] not in hints:
            hints[row["passage"]] = locale_hint(passage_text(row["passage"]) or row["sentence"], row["script"])
        key = (row["passage"], row["sentence"])
        if key not in parsed:
            parsed[key] = parse_quantities(row["sentence"], locale=hints[row["passage"]])
        start = row["sentence"].find(row["surface"])
        span = (start, start + len(row["surface"]))
        ok = any(exact(row, q, span) for q in parsed[key])
        for group in (("all", "all"), ("script", row["script"]), ("source", row["source"])):
            stats[group][0] += ok
            stats[group][1] += 1
        if not ok:
            misses.append((row, [q for q in parsed[key] if q.start < span[1] and span[0] < q.end]))
    return dict(stats), misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    ap.add_argument("--misses", type=int, default=0, help="print this many misses (never on test while tuning)")
    args = ap.parse_args(argv)
    rows = load(args.split)
    if not rows:
        print("no labelled quantities found (need ../shared and the zh labels)")
        return 1
    stats, misses = evaluate(rows)
    print(f"Chinese quantities, split {args.split} ({'project labels' if (PROJECT_LABELS / 'quantities.jsonl').is_file() else 'raw labels'})")
    print(f"{'group':<8} {'key':<22} {'exact':>6} {'gold':>6} {'rate':>7}")
    for (group, key), (ok, total) in sorted(stats.items(), key=lambda kv: (kv[0][0] != "all", kv[0][0], kv[0][1])):
        print(f"{group:<8} {key:<22} {ok:>6} {total:>6} {ok / total:>7.1%}")
    for row, near in misses[: args.misses]:
        got = [(q.text, q.value, q.low, q.high, q.qualifier, unit_of(q)) for q in near]
        print(f"MISS {row['surface']!r} v={row['value']} lo={row['low']} hi={row['high']} q={row['qualifier']} "
              f"u={row['unit']} | got {got} | {row['sentence'][:80]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
