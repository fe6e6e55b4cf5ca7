"""Page furniture lines (story lists, copyright, comments, tickers, teasers, headings) are found by shape."""

from __future__ import annotations

import pytest

from claimtrack.text.boilerplate import furniture_lines, is_heading_like


def furniture(text, title=None, headings=()):
    return [text[s:e] for s, e in furniture_lines(text, title, headings)]


@pytest.mark.parametrize("line", [
    "延伸阅读：北京海淀集聚近2000家人工智能企业", "相關報導：台北房價再漲15%", "Read more: Inflation hits 40-year high",
    "© 2024 Example Media Ltd. All rights reserved.", "版权所有 2006-2024 某某网", "跟贴 19 参与 206", "326 comments",
    "AAPL 189.30 +1.2%  MSFT 402.10 -0.4%", "上证指数 3021.5 +0.52% 深证成指 9350.2 -0.31%",
    "- 15 Amazing Images of Stars", "23 Super Silly Birthday Jokes for Kids", "# Robots on the march",
])
def test_furniture_shapes(line):
    text = f"The district hosts nearly 2,000 AI firms, officials said on Monday.\n{line}\nExports rose 40% in 2024."
    assert furniture(text) == [line]


def test_lines_under_a_story_list_header_until_prose_resumes():
    text = ("Nearly 2,000 AI firms are based in the district, officials said.\nRelated stories\n"
            "Robot shipments hit 1,000 units\nSubsidies of 40 million yuan\n"
            "Production costs fell to a quarter of the traditional level, according to the company, which said so.")
    assert furniture(text) == ["Related stories", "Robot shipments hit 1,000 units", "Subsidies of 40 million yuan"]


def test_the_headline_is_furniture_wherever_it_repeats():
    text = "Nearly 2,000 AI firms\nNearly 2,000 AI firms are based in Haidian.\nNearly 2,000 AI firms"
    assert furniture(text, "Nearly 2,000 AI firms") == ["Nearly 2,000 AI firms", "Nearly 2,000 AI firms"]


def test_article_sentences_are_not_furniture():
    text = ("Copyright law changed in 2019, when 40% of publishers sued.\n- Prices rose 5% in May.\n"
            "Comments from the minister came later.\n1. The company shipped 1,000 robots.")
    assert furniture(text) == []


def test_heading_shape():
    assert is_heading_like("15 Amazing Images of Stars")
    assert not is_heading_like("Prices rose 5% in May.")
    assert not is_heading_like("prices rose in may")


def test_marked_headings_are_furniture_but_a_full_sentence_dek_is_prose():
    text = "Average price was $640,479\nSales fell 9% in September, the association said.\nPrices rose 3% in May."
    assert furniture(text, headings=["Average price was $640,479", "Prices rose 3% in May."]) == [
        "Average price was $640,479"]


def test_a_dated_list_item_is_a_story_list_entry():
    text = "府方不可能操作美國。\n- 反服貿、反反服貿 港街頭互嗆03-31 01:55\n- Fed holds rates 2024-05-03\n- 物价上涨3%。"
    assert furniture(text) == ["- 反服貿、反反服貿 港街頭互嗆03-31 01:55", "- Fed holds rates 2024-05-03"]
