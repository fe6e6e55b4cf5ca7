"""Every text-core function is linear on adversarial input (issue 14): doubling the input at most about
doubles the time.

The ratio is measured here, never an absolute time: each case is calibrated to a size where the smaller
run takes some tens of milliseconds of CPU (process time, so other work on a shared machine does not
count), then timed at that size and at twice it.  A quadratic function gives a ratio near 4; the bound is
2.8, and a case that exceeds it is measured twice more before it fails (timer noise, not a trend).
Hand-made worst cases (tests/text/adversarial.py: long digit runs with separators, thousands of
qualifiers, deep brackets, many tiny sentences, one huge sentence) plus hypothesis-made texts.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .adversarial import GENERATORS, functions, timed

BOUND = 2.8
FNS = functions()

CASES = {
    "parse_quantities": ["comma digit run (1,1,1,…,2 percent)", "thousands groups (1,111,…,1111)",
                         "digit run after a letter (x111…)", "digit run (111…)", "ratios (1:1:1…)",
                         "schedules (1×1×1…)", "ordinal run (1st1st…)", "fraction run (1分之1分之…)",
                         "mixed numerals (1萬1萬…)", "Chinese numeral run (一二三…)", "Chinese qualifiers (约约约…5)",
                         "English qualifiers (about about … 5)", "number then long word (5 aaaa…)",
                         "ranges (1-1-1-…)", "plus run (1+1+1…)", "full-width digits (１，１，…)"],
    "segment en": ["many tiny English sentences", "one huge English sentence", "abbreviations (Mr. Mr. …)",
                   "initials (A.B.C.…)", "ellipses (... ... …)", "bangs (!?!?…)", "hard-wrapped lines", "spaces"],
    "segment zh": ["unclosed quote, many ；", "unclosed quote, many 。", "short Chinese clauses (甲；甲；…)",
                   "deep Chinese brackets and quotes", "many tiny Chinese sentences", "one huge Chinese sentence"],
    "normalize": ["digit run (111…)", "digit run after a letter (x111…)", "thousands groups (1,111,…,1111)",
                  "Chinese numeral run (一二三…)", "mixed numerals (1萬1萬…)"],
    "fingerprint": ["digit run (111…)", "one huge Chinese sentence"],
    "canonicalize": ["control characters", "blank lines", "spaces", "deep round brackets"],
    "detect_language": ["one huge Chinese sentence", "digit run (111…)"],
    "score en": ["one huge English sentence", "comma digit run (1,1,1,…,2 percent)", "numbers and adjectives (5 new 5 new …)"],
    "score zh": ["one huge Chinese sentence", "Chinese qualifiers (约约约…5)", "Chinese percent (百分之百分之…)"],
    "analyze": ["many check-worthy sentences", "many tiny Chinese sentences", "one huge English sentence",
                "unclosed quote, many ；"],
    "anchor": ["one huge English sentence", "one huge Chinese sentence"],
    "find_repeats": ["many tiny English sentences", "many check-worthy sentences"],
    "similarity words/grams/keys": ["one huge Chinese sentence", "digit run (111…)", "spaces", "blank lines"],
}


def calibrate(fn, gen, target: float = 0.015, n: int = 2000, cap: int = 1_000_000) -> int:
    while n < cap and timed(fn, gen(n), 1) < target:
        n *= 2
    return n


def ratio(fn, make, n: int) -> float:
    small, big = make(n), make(2 * n)
    return timed(fn, big, 3) / max(timed(fn, small, 3), 1e-4)


def assert_linear(fn, make, label: str) -> None:
    n = calibrate(fn, make)
    ratios = []
    for _ in range(3):
        ratios.append(ratio(fn, make, n))
        if ratios[-1] <= BOUND:
            return
    pytest.fail(f"{label}: doubling {n} → {2 * n} characters multiplied the time by {min(ratios):.2f} "
                f"(tries: {', '.join(f'{r:.2f}' for r in ratios)})")


@pytest.mark.parametrize(("function", "case"), [(f, c) for f, cases in CASES.items() for c in cases])
def test_doubling_the_input_at_most_about_doubles_the_time(function, case):
    assert_linear(FNS[function], GENERATORS[case], f"{function} on {case}")


PIECES = st.sampled_from(["1,", "1", ",", ".", "约", "近", "about ", "more than ", "(", ")", "“", "”", "；", "。",
                          "；甲乙丙丁戊己庚辛", "万", "億", "一", "点", "-", "至", "%", " ", "\n", "Mr.", "$", "第",
                          "百分之", "分之", "成", "多", "x", "A.", "!", "...", "5 new "])
UNIT = st.lists(PIECES, min_size=1, max_size=12).map("".join)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(UNIT, st.sampled_from(["parse_quantities", "segment zh", "segment en", "normalize", "analyze"]))
def test_random_repeated_units_are_linear(unit, function):
    assert_linear(FNS[function], lambda n: unit * max(1, n // len(unit)), f"{function} on {unit!r} repeated")
