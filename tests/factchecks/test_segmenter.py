"""The match keys' Chinese segmenter (rjieba) cuts exactly as jieba's dictionary cut it replaced.

Stored `version_key` rows were made by `jieba.lcut(text, HMM=False)`; a fact-check imported later is keyed by
`ingest.factchecks.jieba_segment`. Any difference between the two would silently stop old texts being found.
"""

import logging
import sys
from pathlib import Path

import jieba
import pytest

from claimtrack.ingest.factchecks import jieba_segment

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import zh_data  # noqa: E402

jieba.setLogLevel(logging.WARNING)

SAMPLES = (
    "网传武汉病毒研究所所长石正丽发出警告：蚊虫叮咬将成为新冠病毒第三种传播途径。",
    "行政院宣布，自明年起基本工資調升至每月２８，５９０元，約２３０萬名勞工受惠。",
    "2024年GDP增长5.2%，比上年加快0.2个百分点；CPI上涨0.2%。",
    "「食安五环」政策上路后，抽验不合格率下降3成……😂",
    "Tesla 在上海的超级工厂 2023 年交付 94.7 万辆 Model Y。",
)


@pytest.mark.parametrize("text", SAMPLES)
def test_cuts_as_jieba_dictionary_cut(text):
    assert jieba_segment(text) == jieba.lcut(text, HMM=False)


@pytest.mark.skipif(not zh_data.available(), reason="shared/data/checkworthy-zh not beside the checkout")
def test_cuts_every_real_passage_as_jieba():
    passages = sorted(zh_data.shared_dir().rglob("*.txt"))
    assert len(passages) > 100
    for path in passages:
        text = path.read_text(encoding="utf-8")
        assert jieba_segment(text) == jieba.lcut(text, HMM=False), path.name
