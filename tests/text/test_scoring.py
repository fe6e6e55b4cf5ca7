import csv
from pathlib import Path

import pytest

from claimtrack.text import REASONS, analyze, score_sentence, segment
from claimtrack.text.analyze import document_context

from .cases import chinese_checkworthy

# The CheckThat! data is not redistributed in this repository; it lies in shared/ beside the checkout.
EN_DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "checkworthy-en" / "CT24_checkworthy_english_dev.tsv"


def test_chinese_labelled_set_precision_and_recall():
    rows = chinese_checkworthy()
    assert len(rows) >= 300
    predicted = [(label, score_sentence(text, "zh")[0] >= 0.5) for label, text in rows]
    tp = sum(1 for y, p in predicted if y and p)
    precision = tp / sum(1 for _, p in predicted if p)
    recall = tp / sum(1 for y, _ in predicted if y)
    print(f"\nChinese check-worthiness P {precision:.3f} R {recall:.3f} (n={len(rows)})")
    assert precision >= 0.9 and recall >= 0.9


@pytest.mark.skipif(not EN_DEV.exists(), reason="CheckThat! dev data not available")
def test_english_dev_f1_is_reported(capsys):
    with EN_DEV.open(encoding="utf-8", newline="") as fh:
        rows = [(r["Text"], r["class_label"] == "Yes") for r in csv.DictReader(fh, delimiter="\t")]
    pred = [(y, score_sentence(t, "en")[0] >= 0.5) for t, y in rows]
    tp = sum(1 for y, p in pred if y and p)
    precision, recall = tp / max(1, sum(p for _, p in pred)), tp / max(1, sum(y for y, _ in pred))
    f1 = 2 * precision * recall / (precision + recall)
    with capsys.disabled():
        print(f"\nEnglish dev F1 {f1:.3f} P {precision:.3f} R {recall:.3f}")
    assert f1 >= 0.60 and precision >= 0.60


def test_reasons_are_from_the_documented_set_and_scores_in_range():
    for text in ["数据显示,全市去年新增就业18.6万人,同比增长3%。", "我们相信明天会更好!", "这是真的吗?",
                 "Unemployment fell to 3.9 percent last year, the lowest since 1969.", "I think we can do better."]:
        score, reasons = score_sentence(text)
        assert 0 <= score <= 1
        assert set(reasons) <= set(REASONS), reasons


def test_opinion_question_and_attributed_statistic():
    assert score_sentence("我们相信,只要坚持下去,就一定能够成功!")[0] < 0.2
    assert "question" in score_sentence("这样的做法到底合不合理?")[1]
    high, reasons = score_sentence("国家统计局数据显示,10月份社会消费品零售总额同比增长2.9%。")
    assert high > 0.8 and {"percentage", "comparison", "attribution"} <= set(reasons)


def test_analyze_rows_carry_sentence_relative_quantities_and_threshold():
    text = "标题\n数据显示,企业近2000家。我们相信未来。"
    rows = analyze(text, threshold=0.5)
    assert [r.check_worthy for r in rows] == [False, True, False]
    q = rows[1].quantities[0]
    assert rows[1].sentence.text[q.start : q.end] == "近2000家"
    assert analyze(text, threshold=0.0)[0].check_worthy
    assert len(rows[1].fingerprint) == 64


def test_a_chinese_document_is_read_in_its_register():
    story = "阿美今年40岁,和女儿、儿子住在一起。我每天打两份工,一个月赚2万元。妈妈说孩子们很乖。"
    news = "国家统计局数据显示,10月份社会消费品零售总额同比增长2.9%。"
    assert document_context(story, "zh") == ("ctx:first-person", "ctx:family")
    assert document_context(news, "zh") == () and document_context(story, "en") == ()
    alone, in_story = score_sentence("一个月赚2万元。", "zh"), score_sentence("一个月赚2万元。", "zh", ("ctx:family",))
    assert "personal" in in_story[1] and "personal" not in alone[1]
    assert [r.reasons for r in analyze(story, "zh")] == [
        score_sentence(s.text, "zh", document_context(story, "zh"))[1] for s in segment(story, "zh")]
