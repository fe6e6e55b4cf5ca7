"""Adversarial inputs for the linear-time checks (shared by tests/text/test_linear.py and benchmarks/bench_linear.py).

Each generator takes a size in characters (approximately) and returns a text built to make a regex or a
per-candidate judge do work that grows faster than the input: long digit runs with separators,
thousands of qualifiers, deep brackets, many tiny sentences, one huge sentence, unclosed quotes.
"""

from __future__ import annotations

import time


def _rep(unit: str, n: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (n - len(head) - len(tail)) // len(unit)) + tail


GENERATORS = {
    # numbers
    "comma digit run (1,1,1,…,2 percent)": lambda n: _rep("1,", n, "Sales rose ", "2 percent."),
    "thousands groups (1,111,…,1111)": lambda n: _rep(",111", n, "1", "1 jobs"),
    "digit run after a letter (x111…)": lambda n: _rep("1", n, "x"),
    "digit run (111…)": lambda n: _rep("1", n),
    "dotted digits (1.1.1.…)": lambda n: _rep("1.", n),
    "ranges (1-1-1-…)": lambda n: _rep("1-", n),
    "ratios (1:1:1…)": lambda n: _rep("1:", n),
    "schedules (1×1×1…)": lambda n: _rep("1×", n),
    "plus run (1+1+1…)": lambda n: _rep("1+", n),
    "full-width digits (１，１，…)": lambda n: _rep("１，", n),
    "mixed numerals (1萬1萬…)": lambda n: _rep("1萬", n),
    "Chinese numeral run (一二三…)": lambda n: _rep("一二三四五六七八九十", n),
    "Chinese numerals with 点 (一点一点…)": lambda n: _rep("一点", n),
    "vague run (数数数…)": lambda n: _rep("数", n),
    "fraction run (1分之1分之…)": lambda n: _rep("1分之", n),
    "money run ($1 $1 …)": lambda n: _rep("$1 ", n),
    "ordinal run (1st1st…)": lambda n: _rep("1st", n),
    # qualifiers and units
    "Chinese qualifiers (约约约…5)": lambda n: _rep("约", n, "", "5家"),
    "English qualifiers (about about … 5)": lambda n: _rep("about ", n, "", "5 jobs"),
    "more than … (more than more than …)": lambda n: _rep("more than ", n, "", "5"),
    "number then long word (5 aaaa…)": lambda n: _rep("a", n, "5 "),
    "numbers and adjectives (5 new 5 new …)": lambda n: _rep("5 new ", n),
    "Chinese percent (百分之百分之…)": lambda n: _rep("百分之", n),
    # brackets and quotes
    "deep round brackets": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "deep Chinese brackets and quotes": lambda n: "（“【「" * (n // 8) + "」】”）" * (n // 8),
    "unclosed quote, many 。": lambda n: _rep("甲乙丙。", n, "“"),
    "unclosed quote, many ；": lambda n: _rep("长长长长长长长长长；", n, "“"),
    "short Chinese clauses (甲；甲；…)": lambda n: _rep("甲；", n),
    # sentences
    "many tiny English sentences": lambda n: _rep("A b. ", n),
    "many tiny Chinese sentences": lambda n: _rep("甲乙。", n),
    "many check-worthy sentences": lambda n: _rep("Sales rose 5%. ", n),
    "one huge English sentence": lambda n: _rep("word ", n, "", "."),
    "one huge Chinese sentence": lambda n: _rep("增长了近2000家企业", n, "", "。"),
    "abbreviations (Mr. Mr. …)": lambda n: _rep("Mr. ", n),
    "initials (A.B.C.…)": lambda n: _rep("A.", n),
    "ellipses (... ... …)": lambda n: _rep("... ", n),
    "bangs (!?!?…)": lambda n: _rep("!?", n),
    "semicolons (a; a; …)": lambda n: _rep("a; ", n),
    # whitespace and lines
    "spaces": lambda n: _rep(" ", n, "a", "a"),
    "blank lines": lambda n: _rep("\n", n, "a", "a"),
    "hard-wrapped lines": lambda n: _rep("word\nword ", n),
    "control characters": lambda n: _rep("\x00\u200b\r\n", n),
}


def timed(fn, text: str, repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` runs (process time: other processes on a shared machine do not count)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn(text)
        best = min(best, time.process_time() - t)
    return best


def functions():
    """name → callable(text): every text-core entry point an imported document reaches."""
    from claimtrack.text import (analyze, anchor, canonicalize, detect_language, find_repeats, fingerprint,
                                 normalize, parse_quantities, score_sentence, segment)
    from claimtrack.text.similarity import claim_keys, grams, words

    def anchoring(text: str):
        q = text[len(text) // 2: len(text) // 2 + 40] or "x"
        return anchor(text + "!", quote=q + "?", prefix="zz", suffix="yy", start=0, end=len(q))

    return {
        "canonicalize": canonicalize,
        "detect_language": detect_language,
        "segment en": lambda t: segment(t, "en"),
        "segment zh": lambda t: segment(t, "zh"),
        "parse_quantities": parse_quantities,
        "score en": lambda t: score_sentence(t, "en"),
        "score zh": lambda t: score_sentence(t, "zh"),
        "analyze": analyze,
        "normalize": normalize,
        "fingerprint": fingerprint,
        "anchor": anchoring,
        "find_repeats": lambda t: find_repeats(t, segment(t)),
        "similarity words/grams/keys": lambda t: (words(t), grams(normalize(t)), claim_keys(normalize(t))),
    }


def doubling_ratio(fn, gen, n: int, repeat: int = 3) -> tuple[float, float, float]:
    """(seconds at n, seconds at 2n, ratio) — linear code gives about 2."""
    small, big = gen(n), gen(2 * n)
    t1, t2 = timed(fn, small, repeat), timed(fn, big, repeat)
    return t1, t2, t2 / max(t1, 1e-6)
