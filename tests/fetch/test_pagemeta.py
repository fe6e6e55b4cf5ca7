"""Page metadata from declarations: titles without site names, dates never guessed, bylines, editors."""

from __future__ import annotations

import lxml.html
import pytest

from claimtrack.fetch.pagemeta import clean_author, iso_date, read_meta, strip_site, text_byline


def meta(html, url=None):
    return read_meta(lxml.html.document_fromstring(html), url=url)


@pytest.mark.parametrize("title,expected", [
    ("Rates rise again - Example News", "Rates rise again"),
    ("海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", "海外留学生看两会：出国前后关注点大不同"),
    ("自由電子報 - 果汁？啤酒？難分", "果汁？啤酒？難分"),
    ("Letters: Roads | Taxes | Parks", "Letters: Roads | Taxes | Parks"),  # no site segment: kept whole
])
def test_strip_site(title, expected):
    assert strip_site(title) == expected


def test_the_heading_that_agrees_with_the_title_wins_over_a_navigation_h1():
    page = ("<html><head><title>Woman attacks inspector – Jamaica Observer</title></head><body><h1>Log In</h1>"
            "<h2>Woman attacks inspector</h2><p>Text.</p></body></html>")
    assert meta(page, url="https://www.jamaicaobserver.com/x").title == "Woman attacks inspector"


def test_no_date_from_body_text_or_a_copyright_line():
    page = ("<html><head><title>T</title></head><body><p>Homes would be built by 2026, on 2026-01-01.</p>"
            "<footer class='copyright'>© 2006-01-01 Example</footer></body></html>")
    assert meta(page).date is None


def test_dates_from_metadata_and_bylines():
    assert meta("<html><head><meta property='article:published_time' content='2019-09-08T00:20:15+0800'>"
                "</head><body></body></html>").date == "2019-09-08T00:20:15+08:00"
    assert meta("<html><body><div class='post-info'>2019年5月17日 08:18 来源：某报</div></body></html>"
                ).date == "2019-05-17T08:18:00"
    assert iso_date("next Tuesday") is None


def test_authors_without_outlets_editors_or_placeholders():
    assert clean_author("By Josh Haskell, DAVID CAPLAN and PATRICK REEVELL December 16, 2016") == (
        "Josh Haskell; DAVID CAPLAN; PATRICK REEVELL")
    assert clean_author("Pete Evans · CBC News", ["CBC News"]) == "Pete Evans"
    for junk in ("Username", "name, email@gmail.com", "责任编辑：孔德明", "Our Foreign Staff"):
        assert clean_author(junk) is None
    page = ("<html><head><meta name='author' content='严玉洁'><meta name='editor' content='严玉洁'></head>"
            "<body><p>x</p></body></html>")
    assert meta(page).author is None


@pytest.mark.parametrize("text,expected", [
    ("〔記者施曉光、吳亮儀、陳慧萍／台北報導〕市售水果口味啤酒", "施曉光; 吳亮儀; 陳慧萍"),
    ("（中央社記者楊思瑞台南4日電）台南市虱目魚養殖協會", "楊思瑞"),
    ("【王家俊／台北報導】配合行政院組織改造", "王家俊"),
    ("學生高喊口號。（記者林調遜／攝影） 記者王鼎鈞／台北報導 青年占領立法院", "王鼎鈞"),
    ("反服貿學生代表林飛帆21日晚間召開記者會", None),
])
def test_chinese_bylines_in_running_text(text, expected):
    assert text_byline(text) == expected


def test_a_date_in_the_byline_row_under_the_headline():
    page = ("<html><body><h1>Clinton speaks</h1><div><div class='x1'>By JOSH HASKELL</div>"
            "<div class='x2'>December 16, 2016, 4:19 PM</div></div><p>Text from 2014-01-01.</p></body></html>")
    assert meta(page).date == "2016-12-16T16:19:00"
    assert meta("<html><body><span itemprop='datePublished' content='2018-10-29'>Oct 29</span></body></html>"
                ).date == "2018-10-29"
