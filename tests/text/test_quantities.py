import pytest

from claimtrack.text import parse_quantities
from claimtrack.text.numerals import chinese_to_number


def one(text):
    found = parse_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


@pytest.mark.parametrize(
    "text,value,low,high,qualifier,unit,currency,kind",
    [
        ("近2000家", 2000, None, 2000, "nearly", "家", None, "count"),
        ("最高4000万元", 4e7, None, 4e7, "at_most", None, "CNY", "money"),
        ("超40%", 0.40, 0.40, None, "over", "%", None, "percent"),
        ("四分之一", 0.25, 0.25, 0.25, None, None, None, "fraction"),
        ("缩短约60%", 0.60, None, None, "approx", "%", None, "percent"),
        ("数千台", None, 2000, 9999, "range", "台", None, "count"),
        ("18.6亿人次", 1.86e9, 1.86e9, 1.86e9, None, "人次", None, "count"),
        ("约2个百分点", 0.02, None, None, "approx", "个百分点", None, "points"),
        ("两千家", 2000, 2000, 2000, None, "家", None, "count"),
        ("1.2万辆", 12000, 12000, 12000, None, "辆", None, "count"),
        ("3亿元", 3e8, 3e8, 3e8, None, None, "CNY", "money"),
        ("十几家", None, 11, 19, "range", "家", None, "count"),
        ("三成", 0.3, 0.3, 0.3, None, None, None, "percent"),
        ("近三分之一", 1 / 3, None, 1 / 3, "nearly", None, None, "fraction"),
        ("$48.5 million", 48.5e6, 48.5e6, 48.5e6, None, None, "USD", "money"),
        ("€12.50", 12.5, 12.5, 12.5, None, None, "EUR", "money"),
        ("more than 3,000 jobs", 3000, 3000, None, "over", "jobs", None, "count"),
        ("up to 500 containers", 500, None, 500, "at_most", "containers", None, "count"),
        ("several thousand troops", None, 2000, 9999, "range", "troops", None, "count"),
        ("逾1,200.5公里", 1200.5, 1200.5, None, "over", "公里", None, "count"),
        ("1500余人", 1500, 1500, None, "over", "人", None, "count"),
        ("百分之四十", 0.4, 0.4, 0.4, None, "%", None, "percent"),
        ("10至20万元", None, 1e5, 2e5, "range", None, "CNY", "money"),
        ("0.8 percentage points", 0.008, 0.008, 0.008, None, "percentage points", None, "points"),
        ("2025年", 2025, 2025, 2025, None, None, None, "year"),
        ("2025年11月15日", None, None, None, None, None, None, "date"),
        ("第三", 3, 3, 3, None, None, None, "ordinal"),
        ("3比1", 3, 3, 3, None, None, None, "ratio"),
    ],
)
def test_quantity(text, value, low, high, qualifier, unit, currency, kind):
    q = one(text)
    assert (q.qualifier, q.unit, q.currency, q.kind) == (qualifier, unit, currency, kind)
    for got, want in ((q.value, value), (q.low, low), (q.high, high)):
        assert got == pytest.approx(want) if want is not None else got is None


def test_years_are_not_amounts():
    kinds = [(q.text, q.kind) for q in parse_quantities("2025国际人工智能科学家大会在2025年举办,in 2019 too.")]
    assert kinds == [("2025", "year"), ("2025年", "year"), ("2019", "year")]


def test_seed_quantities_in_context():
    text = "海外市场占比超40%,成本可降至传统方法四分之一,制作时间缩短约60%,可提供7×24小时的智能反馈"
    got = [(q.text, q.kind) for q in parse_quantities(text)]
    assert got == [("超40%", "percent"), ("四分之一", "fraction"), ("约60%", "percent"), ("7×24小时", "number")]


def test_article_like_one_and_recently_are_not_quantities():
    got = [(q.text, q.start, q.qualifier) for q in parse_quantities("这是一场技术革命,最近3年")]
    assert got == [("3年", 11, None)]


@pytest.mark.parametrize("numeral,value", [("两千", 2000), ("十五", 15), ("一亿二千万", 1.2e8), ("二〇二五", 2025),
                                           ("一百零五", 105), ("三千五百万", 3.5e7)])
def test_chinese_numerals(numeral, value):
    assert chinese_to_number(numeral) == value


def test_fraction_words_take_a_trailing_qualifier():
    (q,) = parse_quantities("占北京全市的一半以上")
    assert (q.text, q.value, q.low, q.high, q.qualifier) == ("一半以上", 0.5, 0.5, None, "over")
    (q,) = parse_quantities("成本降至四分之一左右")
    assert (q.text, q.value, q.qualifier) == ("四分之一左右", 0.25, "approx")


@pytest.mark.parametrize(("text", "surface", "value"), [
    ("roughly one fifth of the cobalt", "roughly one fifth", 0.2),
    ("two-thirds of firms", "two-thirds", 2 / 3),
    ("a quarter of the cost", "a quarter", 0.25),
    ("one tenth", "one tenth", 0.1),
])
def test_english_fractions(text, surface, value):
    (q,) = parse_quantities(text)
    assert (q.text, q.kind) == (surface, "fraction")
    assert q.value == pytest.approx(value)


def test_a_third_term_is_not_a_fraction():
    assert [q.kind for q in parse_quantities("She won a third term in 2019.")] == ["ordinal", "year"]


@pytest.mark.parametrize("text", ["COVID-19 cases", "H100 chips", "the A380-800 fleet"])
def test_digits_inside_a_name_are_not_amounts(text):
    assert [q for q in parse_quantities(text) if q.kind in ("count", "number", "money")] == []


@pytest.mark.parametrize("text", ["“1+2”政策包", "the 12+3 plan"])
def test_numbers_joined_by_plus_name_a_policy_not_amounts(text):
    assert parse_quantities(text) == []
