"""Append the sentences of passages labelled after the first import (``data/zh/added_*.txt``) to sentences.tsv.

Each line of an ``added_<annotator>.txt`` file is ``<passage> <split> <indices of the Yes pieces>``; every
other piece of the passage is No.  The pieces are those of ``claimtrack.text.segment(text, "zh")`` when the
labels were made, stored with their offsets and hash like every other row, so a later segmenter does not
move them.  New passages go to train or dev only (the test split's documents stay fixed); they were labelled
once, so the agreement figure in README.md does not cover them.  Idempotent: passages already present are skipped.

Usage:  PYTHONPATH=src python benchmarks/zh_add_labels.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import zh_data  # noqa: E402

from claimtrack.text import segment  # noqa: E402


def main() -> None:
    path = zh_data.DATA / "sentences.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        present = {r["passage"] for r in csv.DictReader(fh, delimiter="\t")}
    meta = {}
    for table in (zh_data.shared_dir() / "PASSAGES.tsv", zh_data.EXTRA / "PASSAGES.tsv"):
        if not table.exists():
            continue
        with table.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                key = r["passage"].removeprefix("passages/").removesuffix(".txt")
                meta[key] = (r["source"], r["genre"], r["script"])
    rows = []
    for added in sorted(zh_data.DATA.glob("added_*.txt")):
        annotator = added.stem.removeprefix("added_")
        for line in added.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            passage, split, *yes = line.split()
            if passage in present:
                continue
            if split not in ("train", "dev"):
                raise SystemExit(f"{added.name}: {passage}: new passages go to train or dev, not {split}")
            source, genre, script = meta[passage]
            text = zh_data.passage_text(passage)
            pieces = segment(text, "zh")
            wanted = {int(i) for i in yes}
            if wanted - set(range(len(pieces))):
                raise SystemExit(f"{added.name}: {passage}: no piece {sorted(wanted - set(range(len(pieces))))}")
            for i, s in enumerate(pieces):
                rows.append([source, passage, i, s.start, s.end, zh_data._sha(text[s.start : s.end]),
                             "Yes" if i in wanted else "No", annotator, "", "", genre, script, split])
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter="\t", lineterminator="\n").writerows(rows)
    print(f"appended {len(rows)} sentences ({sum(r[6] == 'Yes' for r in rows)} Yes) to {path}")


if __name__ == "__main__":
    main()
