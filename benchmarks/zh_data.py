"""Load the Chinese check-worthiness data: the project's label files joined back to the texts in shared/.

The project owns ``benchmarks/data/zh/{sentences,quantities,segments}.tsv`` (labels keyed by source, passage,
offsets and a 12-hex SHA-1 of the sentence text; no text).  The passages themselves stay in
``shared/data/checkworthy-zh/passages/`` beside the checkout; :func:`shared_dir` finds that folder
(``$CLAIMTRACK_SHARED_ZH`` first, else ``shared/data/checkworthy-zh`` in the checkout's parent or any
ancestor).  Every join verifies the hash, so a changed passage file fails loudly instead of silently
mislabelling.  How the labels were made: ``benchmarks/data/zh/README.md``.

    from zh_data import sentences, quantities, gold_segments, kappa
    rows = sentences("train")          # [Sentence(source, passage, i, text, label, genre, script, split, ...)]
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "zh"
SPLITS = ("train", "dev", "test")

__all__ = ["DATA", "SPLITS", "HashMismatch", "LabelledSentence", "GoldQuantity", "shared_dir", "available",
           "sentences", "quantities", "gold_segments", "kappa", "passage_text", "extra_passages", "extra_built"]


class HashMismatch(ValueError):
    """A passage in shared/ no longer matches the hash the label was keyed by."""


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    source: str
    passage: str  # "<source>/<NNN>", the file passages/<source>/<NNN>.txt
    i: int  # index of the piece in the passage (segmentation at labelling time)
    start: int  # offsets into the passage file
    end: int
    text: str
    label: bool  # Yes = check-worthy
    annotator: str
    label2: bool | None  # the second annotator's label on double-labelled passages
    annotator2: str
    genre: str
    script: str  # Hans | Hant
    split: str


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    source: str
    passage: str
    i: int
    sentence: str  # the sentence text
    start: int  # offsets of the surface inside the sentence
    end: int
    surface: str
    value: float | None
    low: float | None
    high: float | None
    qualifiers: tuple[str, ...]  # one, or two accepted readings
    unit: str
    kind: str
    script: str
    genre: str
    split: str


def shared_dir() -> Path | None:
    env = os.environ.get("CLAIMTRACK_SHARED_ZH")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in Path(__file__).resolve().parents[1:]:
        cand = parent / "shared" / "data" / "checkworthy-zh"
        if (cand / "passages").is_dir():
            return cand
    return None


def available() -> bool:
    return shared_dir() is not None and (DATA / "sentences.tsv").exists()


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


EXTRA = DATA / "extra"  # passages rebuilt by zh_extra_build.py from public repositories (git-ignored)


@lru_cache(maxsize=None)
def passage_text(passage: str) -> str:
    extra = EXTRA / "passages" / f"{passage}.txt"
    if extra.exists():
        return extra.read_text(encoding="utf-8")
    root = shared_dir()
    if root is None:
        raise FileNotFoundError("shared/data/checkworthy-zh not found beside the checkout (set CLAIMTRACK_SHARED_ZH)")
    return (root / "passages" / f"{passage}.txt").read_text(encoding="utf-8")


def _rows(name: str):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def _check(text: str, digest: str, where: str) -> str:
    if _sha(text) != digest:
        raise HashMismatch(f"{where}: text hash {_sha(text)} != labelled {digest}")
    return text


@lru_cache(maxsize=None)
def extra_passages() -> frozenset[str]:
    """Passages cut from public repositories by ``zh_extra_build.py`` (listed in ``extra_sources.tsv``)."""
    if not (DATA / "extra_sources.tsv").exists():
        return frozenset()
    return frozenset(r["passage"] for r in _rows("extra_sources.tsv"))


def extra_built() -> bool:
    """Whether ``zh_extra_build.py`` has rebuilt every extra passage here (else their labels are skipped)."""
    return all((EXTRA / "passages" / f"{p}.txt").exists() for p in extra_passages())


@lru_cache(maxsize=None)
def _all_sentences() -> tuple[LabelledSentence, ...]:
    out = []
    extra, built = extra_passages(), extra_built()
    for r in _rows("sentences.tsv"):
        if r["passage"] in extra and not built:
            continue  # texts not rebuilt on this machine (no mirrors): those labels cannot be joined
        start, end = int(r["start"]), int(r["end"])
        text = _check(passage_text(r["passage"])[start:end], r["sha"], f"{r['passage']}#{r['i']}")
        out.append(LabelledSentence(r["source"], r["passage"], int(r["i"]), start, end, text, r["label"] == "Yes",
                                    r["annotator"], (r["label2"] == "Yes") if r["label2"] else None, r["annotator2"], r["genre"],
                                    r["script"], r["split"]))
    return tuple(out)


def sentences(split: str | tuple[str, ...] | None = None) -> list[LabelledSentence]:
    """Labelled sentences of one split (or several, or all), hashes verified."""
    want = (split,) if isinstance(split, str) else split
    return [s for s in _all_sentences() if want is None or s.split in want]


def _float(v: str) -> float | None:
    return float(v) if v else None


def quantities(split: str | tuple[str, ...] | None = None) -> list[GoldQuantity]:
    want = (split,) if isinstance(split, str) else split
    by_key = {(s.passage, s.i): s for s in _all_sentences()}
    out = []
    for r in _rows("quantities.tsv"):
        if want is not None and r["split"] not in want:
            continue
        s = by_key[(r["passage"], int(r["i"]))]
        _check(s.text, r["sha"], f"{r['passage']}#{r['i']}")
        start, end = int(r["start"]), int(r["end"])
        surface = _check(s.text[start:end], r["surface_sha"], f"{r['passage']}#{r['i']} quantity")
        out.append(GoldQuantity(r["source"], r["passage"], s.i, s.text, start, end, surface, _float(r["value"]),
                                _float(r["low"]), _float(r["high"]), tuple(r["qualifier"].split("|")), r["unit"],
                                r["kind"], s.script, s.genre, r["split"]))
    return out


def gold_segments(split: str | tuple[str, ...] | None = None) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """passage → (passage text, gold sentence spans), hashes verified."""
    want = (split,) if isinstance(split, str) else split
    out: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for r in _rows("segments.tsv"):
        if want is not None and r["split"] not in want:
            continue
        text = passage_text(r["passage"])
        start, end = int(r["start"]), int(r["end"])
        _check(text[start:end], r["sha"], f"{r['passage']} segment {start}-{end}")
        out.setdefault(r["passage"], (text, []))[1].append((start, end))
    return out


def kappa() -> tuple[float, int, float]:
    """Cohen's kappa on the double-labelled passages: (kappa, sentences, raw agreement)."""
    pairs = [(s.label, s.label2) for s in _all_sentences() if s.label2 is not None]
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (agree - expected) / (1 - expected), n, agree
