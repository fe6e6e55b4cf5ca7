"""The seed article (issue 4's acceptance case): statistics are check-worthy, slogans are not."""

from pathlib import Path

import pytest

from claimtrack.text import analyze, canonicalize, find_repeats, segment

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_000_6cc3342621404e45.txt"


@pytest.fixture(scope="module")
def rows():
    return analyze(canonicalize(SEED.read_text(encoding="utf-8")))


def row_with(rows, fragment):
    return next(r for r in rows if fragment in r.sentence.text)


@pytest.mark.parametrize(
    "fragment,quantities",
    [
        ("近2000家", ["近2000家"]),
        ("近1000台", ["近1000台", "超40%"]),
        ("最高4000万元", ["最高4000万元"]),
        ("四分之一", ["四分之一", "约60%"]),
        ("数千台", ["数千台"]),
        ("7×24小时", ["7×24小时"]),
    ],
)
def test_statistics_are_check_worthy_with_their_quantities(rows, fragment, quantities):
    row = row_with(rows, fragment)
    assert row.check_worthy, (row.score, row.reasons)
    found = [q.text for q in row.quantities]
    assert all(q in found for q in quantities), found


@pytest.mark.parametrize("fragment", ["人工智能不是选择题", "海淀已经起跑,北京正在加速", "新质生产力的本质是"])
def test_slogans_and_opinions_are_not(rows, fragment):
    assert not row_with(rows, fragment).check_worthy


def test_the_whole_second_copy_is_one_repeat():
    text = canonicalize(SEED.read_text(encoding="utf-8"))
    repeats = find_repeats(text, segment(text))
    assert len(repeats) == 1
    r = repeats[0]
    assert text[r.start : r.end] == text[r.first_start : r.first_end]
    assert r.first_start == 0 and r.end == len(text) and r.start > len(text) // 2 - 5
