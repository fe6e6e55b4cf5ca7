"""Chinese check-worthiness and segmentation on the labelled real text: the dev split stays above a floor.

The figures come from ``benchmarks/bench_zh.py`` (the test split is only for the final report and is never
read by tests or tuning).  Skips when ``shared/data/checkworthy-zh`` is not beside the checkout.
"""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import bench_zh  # noqa: E402
import zh_data  # noqa: E402

from claimtrack.ingest.folding import install  # noqa: E402
from claimtrack.text import analyze, score_sentence  # noqa: E402
from claimtrack.text import fold as fold_module  # noqa: E402

needs_data = pytest.mark.skipif(not zh_data.available(), reason="shared/data/checkworthy-zh not beside the checkout")


@pytest.fixture(autouse=True)
def opencc():
    install()
    yield


@needs_data
def test_dev_split_scores_above_the_floor(capsys):
    result = bench_zh.scoring("dev")
    overall = result["overall"]
    with capsys.disabled():
        print(f"\nChinese dev: F1 {overall['claimtrack']['f1']} P {overall['claimtrack']['p']} "
              f"R {overall['claimtrack']['r']} (digit-or-numeral F1 {overall['digit-or-numeral']['f1']})")
    assert overall["claimtrack"]["f1"] >= 0.82 and overall["claimtrack"]["p"] >= 0.78
    for script in ("script:Hans", "script:Hant"):
        assert result[script]["claimtrack"]["f1"] >= 0.80, (script, result[script])
    assert overall["claimtrack"]["f1"] >= overall["digit-or-numeral"]["f1"] + 0.1


@needs_data
def test_dev_split_segmentation_above_the_floor():
    seg = bench_zh.segmentation("dev")
    assert seg["exact_rate"] >= 0.98 and seg["precision"] >= 0.98, seg


def test_folding_keeps_length_and_spans_on_the_original():
    trad = "據統計，臺灣去年數據顯示營收約新台幣1,250億元，超過兩萬個點。"
    folded = fold_module.fold(trad)
    assert len(folded) == len(trad) and folded.startswith("据统计，台湾去年数据显示")
    rows = analyze(trad, "zh")
    assert all(trad[r.sentence.start:r.sentence.end] == r.sentence.text for r in rows)
    assert rows[0].sentence.text == trad  # the original characters, never the fold


def test_traditional_scores_like_simplified():
    simp = "据台湾经济部统计，去年出口额增长12%，创历史新高。"
    trad = "據臺灣經濟部統計，去年出口額增長12%，創歷史新高。"
    s, reasons = score_sentence(simp, "zh")
    t, _ = score_sentence(trad, "zh")
    assert s >= 0.5 and t >= 0.5 and abs(s - t) < 0.2
    assert {"attribution", "comparison", "percentage"} <= set(reasons)


def test_a_length_changing_conversion_falls_back_to_characters():
    table = {"計程車": "的士", "車": "车", "體": "体"}

    def convert(text):
        for k, v in table.items():
            text = text.replace(k, v)
        return text

    fold_module.install(lambda: convert)
    try:
        assert fold_module.fold("軟體") == "軟体"  # same length: the whole-text conversion
        assert fold_module.fold("坐計程車") == "坐計程车"  # 3 → 2 would move spans: one character at a time
    finally:
        fold_module.install(None)
        install()
