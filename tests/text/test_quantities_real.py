"""Quantities as real text writes them (issues 15 and 16): Chinese width, script and place; English units.

The last test holds the parser to a floor on the dev split of the project's real labelled Chinese
quantities (benchmarks/data/zh), and skips, saying why, when ../shared is absent.
"""

import sys
from pathlib import Path

import pytest

from claimtrack.text import parse_quantities
from claimtrack.text.quantities import locale_hint

ROOT = Path(__file__).resolve().parents[2]


def only(text, **kw):
    found = [q for q in parse_quantities(text, **kw) if q.kind not in ("date", "year", "ordinal")]
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize(("text", "surface", "value", "qualifier", "unit", "currency", "kind"), [
    # full-width digits, points and commas
    ("营收４．８亿元", "４．８亿元", 4.8e8, None, None, "CNY", "money"),
    ("共有２，０００家企业", "２，０００家", 2000, None, "家", None, "count"),
    ("增长１２．５％", "１２．５％", 0.125, None, "%", None, "percent"),
    # Traditional multipliers and measure words
    ("營收逾1.2億元", "逾1.2億元", 1.2e8, "over", None, "CNY", "money"),
    ("約30萬個職位", "約30萬個", 3e5, "approx", "個", None, "count"),
    ("恒指收報17,989點", "17,989點", 17989, None, "點", None, "count"),
    ("超過兩千名學生", "超過兩千名", 2000, "over", "名", None, "count"),
    ("月退所得7萬8337元", "7萬8337元", 78337, None, None, "CNY", "money"),
    ("營收約新台幣1兆5451億元", "約新台幣1兆5451億元", 1.5451e12, "approx", None, "TWD", "money"),
    ("营收2亿4千万元", "2亿4千万元", 2.4e8, None, None, "CNY", "money"),  # 千 inside a section that 万 scales
    ("营收2亿4000万，同比增长", "2亿4000万", 2.4e8, None, None, None, "number"),  # a clause's comma ends it
    ("營收2億4千萬，年增", "2億4千萬", 2.4e8, None, None, None, "number"),
    # Chinese-numeral decimals, 百分点 with any numeral
    ("增长一点二个百分点", "一点二个百分点", 0.012, None, "个百分点", None, "points"),
    ("下降零點三個百分點", "零點三個百分點", 0.003, None, "個百分點", None, "points"),
    ("回落3个百分点", "3个百分点", 0.03, None, "个百分点", None, "points"),
    ("身高三十點三公分", "三十點三公分", 30.3, None, "公分", None, "count"),
    # 周岁 / 周年 are age and anniversaries, not weeks
    ("年满14周岁", "14周岁", 14, None, "周岁", None, "count"),
    ("建校75周年", "75周年", 75, None, "周年", None, "count"),
    ("慶祝建國150週年", "150週年", 150, None, "週年", None, "count"),
    # currency by context
    ("罚款港元100万", "港元100万", 1e6, None, None, "HKD", "money"),
    ("票價HK$5,000", "HK$5,000", 5000, None, None, "HKD", "money"),
    ("罰款5000港幣", "5000港幣", 5000, None, None, "HKD", "money"),
    ("補助新台幣3,000元", "新台幣3,000元", 3000, None, None, "TWD", "money"),
    ("投資新臺幣1億元", "新臺幣1億元", 1e8, None, None, "TWD", "money"),
    ("售價NT$500", "NT$500", 500, None, None, "TWD", "money"),
    ("投资人民币50亿元", "人民币50亿元", 5e9, None, None, "CNY", "money"),
    ("出口300万美元", "300万美元", 3e6, None, None, "USD", "money"),
    # ranges whose ends share or repeat their unit
    ("約3%到4%", "約3%到4%", None, "range", "%", None, "percent"),
    ("三到五千元", "三到五千元", None, "range", None, "CNY", "money"),
    ("4萬至5萬元", "4萬至5萬元", None, "range", None, "CNY", "money"),
])
def test_chinese_quantities_as_written(text, surface, value, qualifier, unit, currency, kind):
    q = only(text)
    assert (q.text, q.qualifier, q.unit, q.currency, q.kind) == (surface, qualifier, unit, currency, kind)
    assert q.value == pytest.approx(value) if value is not None else q.value is None


def test_range_bounds():
    assert (only("三到五千元").low, only("三到五千元").high) == (3000, 5000)
    assert (only("兩、三萬元").low, only("兩、三萬元").high) == (20000, 30000)
    assert (only("30.42-30.375元").low, only("30.42-30.375元").high) == (30.375, 30.42)


def test_a_list_of_figures_is_not_a_range():
    got = [(q.text, q.value) for q in parse_quantities("分别增长10.1%、24.4%和27.2%")]
    assert got == [("10.1%", 0.101), ("24.4%", 0.244), ("27.2%", 0.272)]


@pytest.mark.parametrize(("text", "locale", "currency"), [
    ("售價1,620元", None, "CNY"), ("售價1,620元", "TW", "TWD"), ("票價80元", "HK", "HKD"),
    ("人民幣中間價報6.8元", "TW", "TWD"), ("折合人民币6.8元", "TW", "CNY"), ("500萬元人民幣", "HK", "CNY"),
])
def test_bare_yuan_follows_the_place_hint(text, locale, currency):
    assert only(text, locale=locale).currency == currency


@pytest.mark.parametrize(("text", "script", "url", "place"), [
    ("香港特區政府今日公布，港鐵票價上升3%。", None, None, "HK"),
    ("行政院會今天通過，台北市將補助。", None, None, "TW"),
    ("國會今日表決，這項法案通過。", None, None, "TW"),  # Traditional, no place named: Taiwan
    ("国务院常务会议指出，香港经济回稳。", None, None, "CN"),  # Simplified: 元 is renminbi even about Hong Kong
    ("今日公布", None, "https://news.example.com.hk/a/1", "HK"),
    ("今日公布", "Hant", "https://www.example.com.tw/n", "TW"),
])
def test_locale_hint(text, script, url, place):
    assert locale_hint(text, script, url) == place


def test_spans_stay_on_traditional_characters_when_folding():
    from claimtrack.ingest.folding import install

    install()
    text = "失業率下降0.3個百分點，營收約1.5萬億元"
    for q in parse_quantities(text):
        assert text[q.start:q.end] == q.text
    assert [q.unit for q in parse_quantities(text)] == ["個百分點", None]


@pytest.mark.parametrize(("text", "surface", "unit", "kind"), [
    ("The fund paid $41,640 while others paid less.", "$41,640", None, "money"),
    ("Dispatchers took 911 calls an hour.", "911", None, "number"),
    ("The network has 120 monitoring stations.", "120 monitoring stations", "stations", "count"),
    ("Only 120 monitoring it daily.", "120", None, "number"),
    ("more than 3,000 new jobs", "more than 3,000 new jobs", "jobs", "count"),
    ("It shipped 2 million barrels of oil.", "2 million barrels", "barrels", "count"),
    ("some 40,000 tonnes of grain", "some 40,000 tonnes", "tonnes", "count"),
    ("about 1,200 homes were flooded", "about 1,200 homes", "homes", "count"),
    ("up to 500 containers a day", "up to 500 containers", "containers", "count"),
    ("a road of 26 miles through", "26 miles", "miles", "count"),
    ("it covers 5 square miles", "5 square miles", "square miles", "count"),
    ("1 person died", "1 person", "person", "count"),
    ("It cost 12 dollars.", "12 dollars", None, "money"),
    ("Revenue rose 7 percent.", "7 percent", "%", "percent"),
    ("He spoke for 20 minutes.", "20 minutes", "minutes", "count"),
])
def test_english_units_come_from_a_lexicon(text, surface, unit, kind):
    q = only(text)
    assert (q.text, q.unit, q.kind) == (surface, unit, kind)


@pytest.mark.parametrize("text", [
    "Third-quarter profit rose.", "Sales in the third-quarter fell.", "the 2nd-largest bank",
    "It was a first-class seat.", "a second-round vote",
])
def test_hyphenated_ordinals_are_not_amounts(text):
    assert parse_quantities(text) == []


def test_ordinals_are_ordinals_not_amounts():
    assert [(q.text, q.kind) for q in parse_quantities("She won a third term and finished 2nd.")] == [
        ("third", "ordinal"), ("2nd", "ordinal")]


@pytest.mark.parametrize("text", ["1. The council met.", "2) The council met.", "(3) The council met.",
                                  "a. The council met.", "1.) The council met.", "See No. 5 for details.",
                                  "first 1.) apples 2.) pears"])
def test_list_numbers_are_not_amounts(text):
    assert [q for q in parse_quantities(text) if q.kind not in ("ordinal",)] == []


def test_dev_split_floor():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import zh_data

    if not zh_data.available():
        pytest.skip("the real Chinese labels need ../shared/data/checkworthy-zh beside the checkout")
    import bench_quantities_zh as bench

    bench.zh_data_fold()
    stats, _ = bench.evaluate(bench.load("dev"))
    exact, total = stats[("all", "all")]
    print(f"\nChinese quantities, dev split: {exact}/{total} exact ({exact / total:.1%})")
    assert exact / total >= 0.88
    for script in ("Hans", "Hant"):
        ok, n = stats[("script", script)]
        assert ok / n >= 0.85, (script, ok, n)
