"""The pure judgement: a claim (or a whole message) against a published fact-check's claim."""

from __future__ import annotations

import pytest

from claimtrack.text.factmatch import judge, matchable, pieces


@pytest.fixture(autouse=True, params=["with tokenizer", "without"])
def tools(request):
    """The importer installs OpenCC and jieba; the pure core must judge sensibly either way."""
    from claimtrack.ingest.factchecks import install_matching_tools
    from claimtrack.text import factmatch

    install_matching_tools()
    if request.param == "without":
        factmatch.install_tokenizer(None)
    yield
    factmatch.install_tokenizer(None)

CLAIM = "数据显示，海淀目前聚集人工智能相关企业近2000家，占北京全市的一半以上。"


def test_the_same_claim_reworded_is_confident():
    j = judge("More than 1,200 companies in China now hold licences to recycle electric-vehicle batteries.",
              "More than 1,200 companies in China hold licences to recycle electric-vehicle batteries")
    assert j.suggested and j.confident


def test_a_different_number_is_never_suggested():
    assert not judge(CLAIM, "海淀目前聚集人工智能相关企业近3000家，占北京全市的一半以上").suggested
    assert not judge("The unemployment rate fell to 4.1% in 2023.", "The unemployment rate fell to 4.1% in 2021.").suggested


def test_a_different_place_is_not_confident():
    j = judge("Flooding closed 40 schools in Kowloon on Monday.", "Flooding closed 40 schools in Sha Tin on Monday.")
    assert not j.confident


def test_fewer_numbers_on_one_side_is_a_suggestion_only():
    j = judge(CLAIM, "海淀目前聚集人工智能相关企业近2000家")
    assert j.suggested and not j.confident and j.reason == "numbers on one side only"


def test_a_whole_forwarded_message_matches_through_its_sentence():
    message = ("【緊急通知】\n請大家轉傳給親友！\n衛生署證實，喝熱檸檬水可以殺死新冠病毒。\n"
               "https://line.me/R/ti/p/abcdef\n不轉不是中國人")
    j = judge(message, "喝熱檸檬水可以殺死新冠病毒")
    assert j.suggested and j.similarity >= 0.9


def test_urls_and_share_lines_are_not_matched_on():
    assert "line.me" not in matchable("看這裡 https://line.me/R/ti/p/abc 快")
    a = "請轉傳！\nhttps://line.me/R/ti/p/abc\n國道一號今晚封閉施工"
    b = "請轉傳！\nhttps://line.me/R/ti/p/abc\n台北捷運明天停駛"
    assert not judge(a, b).suggested
    assert all("line.me" not in p for p in pieces(a))


def test_unrelated_texts_are_far_apart():
    assert not judge(CLAIM, "Tesla recalled 2 million cars over autopilot concerns").suggested
