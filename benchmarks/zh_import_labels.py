"""Turn the annotators' JSONL label files into the project's Chinese check-worthiness data (run once).

Input (outside the project, from the labelling session of 2026-12-01): a folder with ``in/<source>.jsonl``
(the passages of ``shared/data/checkworthy-zh`` pre-segmented by ``claimtrack.text.segment``, one record per
passage with each sentence's offsets and text), ``labels_final/L{1..4}.jsonl`` (one record per passage:
``labels`` per input sentence, ``seg_fixes``, ``quantities``) and ``labels_final/overlap_L{k}.jsonl`` (the
double-labelled passages: L1 labelled 3 passages of L2's set, L2 of L3's, L3 of L4's, L4 of L1's).

Output, ``benchmarks/data/zh/`` (no sentence text: every row is keyed by source, passage and the first 12
hex digits of the SHA-1 of the sentence's UTF-8 text, so the texts stay in shared/):

* ``sentences.tsv`` — one row per labelled sentence piece (program segmentation at labelling time):
  source, passage, i, start, end (offsets into the passage file), sha, label, annotator, label2 and
  annotator2 (the second annotator where the passage was double-labelled, else empty), genre, script, split.
* ``quantities.tsv`` — one row per gold quantity: source, passage, i, sha (of the sentence), start, end
  (of the surface inside the sentence), surface_sha, value, low, high, qualifier (``a|b`` when two readings
  are accepted), unit, kind, split.
* ``segments.tsv`` — the gold sentence spans of each passage (the program's pieces with the annotators'
  ``merge_next`` / ``split_before`` fixes applied): source, passage, start, end, sha, split.

The split is by **source document** (one passage is one document, or one bundle of Weibo posts / rumour
items): for each source, its labelled passages in path order are shuffled with ``random.Random(SEED)`` and
cut about 30% test, 20% dev, 50% train, with at least one passage of every source in each split.

Usage:  python benchmarks/zh_import_labels.py /work/labelwork [SHARED_ZH_DIR]
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "zh"
SEED = 20261201
TEST, DEV = 0.30, 0.20


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def split_of(passages_by_source: dict[str, list[str]]) -> dict[str, str]:
    split = {}
    for source in sorted(passages_by_source):
        ps = sorted(passages_by_source[source])
        random.Random(f"{SEED}:{source}").shuffle(ps)
        n = len(ps)
        n_test = max(1, round(n * TEST))
        n_dev = max(1, round(n * DEV))
        for k, p in enumerate(ps):
            split[p] = "test" if k < n_test else "dev" if k < n_test + n_dev else "train"
    return split


def gold_spans(sentences: list[dict], fixes: list[dict]) -> list[tuple[int, int]]:
    """The gold sentence spans: program pieces, merged and split as the annotator said."""
    merge = {f["i"] for f in fixes if f["fix"] == "merge_next"}
    splits: dict[int, list[str]] = {}
    for f in fixes:
        if f["fix"] == "split_before":
            splits.setdefault(f["i"], []).append(f["at"])
    pieces: list[tuple[int, int]] = []
    for s in sentences:
        cuts = sorted(s["start"] + s["text"].index(at) for at in splits.get(s["i"], []))
        bounds = [s["start"], *cuts, s["end"]]
        pieces.extend((a, b) for a, b in zip(bounds, bounds[1:]) if b > a)
    # merges refer to input pieces; map each input index to its last sub-piece
    out: list[tuple[int, int]] = []
    last_of = []
    for s in sentences:
        n = 1 + len(splits.get(s["i"], []))
        last_of.append(n)
    k = 0
    joined_to_next = False
    for s, n in zip(sentences, last_of):
        for j in range(n):
            a, b = pieces[k]
            k += 1
            if joined_to_next and j == 0:
                out[-1] = (out[-1][0], b)
            else:
                out.append((a, b))
        joined_to_next = s["i"] in merge
    return out


def main() -> None:
    work = Path(sys.argv[1])
    shared = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/work/shared/data/checkworthy-zh")
    inputs = {}
    for f in sorted((work / "in").glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            rec = json.loads(line)
            inputs[rec["passage"]] = rec
    labels, owner = {}, {}
    for k in range(1, 5):
        for line in (work / "labels_final" / f"L{k}.jsonl").open(encoding="utf-8"):
            rec = json.loads(line)
            assert rec["passage"] not in labels, rec["passage"]
            labels[rec["passage"]], owner[rec["passage"]] = rec, f"L{k}"
    second = {}
    for k in range(1, 5):
        for line in (work / "labels_final" / f"overlap_L{k}.jsonl").open(encoding="utf-8"):
            rec = json.loads(line)
            second[rec["passage"]] = (rec, f"L{k}")
    by_source: dict[str, list[str]] = {}
    for p in labels:
        by_source.setdefault(inputs[p]["source"], []).append(p)
    split = split_of(by_source)
    OUT.mkdir(parents=True, exist_ok=True)
    sent_rows, q_rows, seg_rows = [], [], []
    for p in sorted(labels, key=lambda p: (inputs[p]["source"], p)):
        rec, inp = labels[p], inputs[p]
        text = (shared / p).read_text(encoding="utf-8")
        key = p.removeprefix("passages/").removesuffix(".txt")
        sents = inp["sentences"]
        assert len(rec["labels"]) == len(sents), p
        l2, a2 = (second[p][0]["labels"], second[p][1]) if p in second else (None, "")
        for s, lab in zip(sents, rec["labels"]):
            assert text[s["start"]:s["end"]] == s["text"], (p, s["i"])
            sent_rows.append([inp["source"], key, s["i"], s["start"], s["end"], sha(s["text"]), lab, owner[p],
                              l2[s["i"]] if l2 else "", a2, inp["genre"], inp["script"], split[p]])
        used: dict[tuple[int, str], int] = {}
        for q in rec["quantities"]:
            st = sents[q["i"]]["text"]
            # repeated surfaces in one sentence: the n-th record takes the n-th occurrence
            n = used.get((q["i"], q["surface"]), 0)
            pos = -1
            for _ in range(n + 1):
                pos = st.find(q["surface"], pos + 1)
            if pos < 0:
                pos = st.find(q["surface"])
            used[(q["i"], q["surface"])] = n + 1
            qual = q["qualifier"]
            qual = "|".join(qual) if isinstance(qual, list) else qual
            q_rows.append([inp["source"], key, q["i"], sha(st), pos, pos + len(q["surface"]), sha(q["surface"]),
                           _num(q.get("value")), _num(q.get("low")), _num(q.get("high")), qual, q.get("unit") or "",
                           q.get("kind") or "", split[p]])
        for a, b in gold_spans(sents, rec["seg_fixes"]):
            seg_rows.append([inp["source"], key, a, b, sha(text[a:b]), split[p]])
    _write("sentences.tsv", ["source", "passage", "i", "start", "end", "sha", "label", "annotator", "label2",
                             "annotator2", "genre", "script", "split"], sent_rows)
    _write("quantities.tsv", ["source", "passage", "i", "sha", "start", "end", "surface_sha", "value", "low",
                              "high", "qualifier", "unit", "kind", "split"], q_rows)
    _write("segments.tsv", ["source", "passage", "start", "end", "sha", "split"], seg_rows)
    for name in ("train", "dev", "test"):
        rows = [r for r in sent_rows if r[-1] == name]
        print(f"{name}: {len({r[1] for r in rows})} passages, {len(rows)} sentences, "
              f"{sum(r[6] == 'Yes' for r in rows)} Yes, {sum(r[-1] == name for r in q_rows)} quantities")


def _num(v) -> str:
    if v is None:
        return ""
    return repr(float(v)) if isinstance(v, float) and not float(v).is_integer() else str(int(v)) if float(v).is_integer() else str(v)


def _write(name: str, header: list[str], rows: list[list]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


if __name__ == "__main__":
    main()
