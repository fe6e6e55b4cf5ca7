"""Loaders for the hand-labelled text-core data sets under tests/text/data (shared by tests and benchmarks)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def english_golden(name: str = "en_golden.txt") -> list[tuple[str, list[str]]]:
    """(input, expected sentences) pairs from en_golden.txt (format described in the file header)."""
    cases = []
    for block in (DATA / name).read_text(encoding="utf-8").split("\n---\n"):
        lines = [ln for ln in block.strip("\n").split("\n") if ln and not ln.startswith("#")]
        if not lines:
            continue
        if lines[0].startswith("input: "):
            text = lines[0][7:].replace("\\n", "\n")
            cases.append((text, [ln.replace("\\n", "\n") for ln in lines[1:]]))
        else:
            expected = lines[0].split(" || ")
            cases.append((" ".join(expected), expected))
    return cases


def chinese_segments() -> list[tuple[str, list[str]]]:
    """(input, expected sentences) pairs from zh_segments.txt: blank-line separated paragraphs."""
    cases = []
    for block in (DATA / "zh_segments.txt").read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.strip("\n").split("\n") if ln and not ln.startswith("#")]
        if not lines:
            continue
        if lines[0].startswith("input: "):
            cases.append((lines[0][7:].replace("\\n", "\n"), lines[1:]))
        else:
            cases.append(("".join(lines), lines))
    return cases


def boundary_counts(text: str, got: list[str], expected: list[str]) -> tuple[int, int, int]:
    """True positives, false positives, false negatives of sentence-end offsets."""

    def ends(sentences: list[str]) -> set[int]:
        found, pos = set(), 0
        for sentence in sentences:
            pos = text.index(sentence, pos) + len(sentence)
            found.add(pos)
        return found

    g, e = ends(got), ends(expected)
    return len(g & e), len(g - e), len(e - g)


def chinese_checkworthy(name: str = "zh_checkworthy.tsv") -> list[tuple[bool, str]]:
    """(label, sentence) pairs from a Chinese labelled TSV (label 1 = check-worthy)."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, sentence = line.split("\t", 1)
            rows.append((label == "1", sentence))
    return rows
