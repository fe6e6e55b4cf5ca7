"""The master quantity regex and its lookup tables (kept apart so quantities.py reads as logic).

Alternatives are ordered: a date or a year is tried before an amount at the same position, a range
before a single number, so the first alternative that matches decides the kind.
"""

from __future__ import annotations

import re

from ._lazy import lazy
from .numerals import CN_DIGITS, chinese_to_number, parse_number

QUALIFIER_OF = {
    **dict.fromkeys(["近", "将近", "接近", "近乎", "nearly", "almost", "close to"], "nearly"),
    **dict.fromkeys(["约", "大约", "约为", "大概", "左右", "上下", "about", "around", "roughly",
                     "approximately", "an estimated", "some", "approx.", "estimated"], "approx"),
    **dict.fromkeys(["超", "超过", "逾", "超出", "多于", "高于", "多", "余", "以上", "之多", "more than",
                     "over", "above", "in excess of", "upwards of", "exceeding"], "over"),
    **dict.fromkeys(["不到", "不足", "低于", "少于", "未满", "以下", "less than", "under", "fewer than",
                     "below"], "under"),
    **dict.fromkeys(["最高", "最多", "至多", "不超过", "高达", "up to", "at most", "as many as", "as much as",
                     "no more than"], "at_most"),
    **dict.fromkeys(["至少", "不少于", "不低于", "最少", "起码", "at least", "no fewer than", "no less than"],
                    "at_least"),
}
MULTIPLIER_OF = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12, "千万": 1e7, "百万": 1e6,
                 "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6,
                 "mn": 1e6, "bn": 1e9}
CURRENCY_OF = {"$": "USD", "US$": "USD", "USD": "USD", "美元": "USD", "DOLLARS": "USD", "DOLLAR": "USD",
               "€": "EUR", "EUR": "EUR", "欧元": "EUR", "EUROS": "EUR", "£": "GBP", "GBP": "GBP", "英镑": "GBP",
               "POUNDS": "GBP", "¥": "CNY", "￥": "CNY", "RMB": "CNY", "CNY": "CNY", "元": "CNY", "人民币": "CNY",
               "块钱": "CNY", "YUAN": "CNY", "JPY": "JPY", "日元": "JPY", "YEN": "JPY", "HK$": "HKD",
               "HKD": "HKD", "港元": "HKD", "港币": "HKD"}

_CN = "零〇一二两三四五六七八九十百千万亿"
_CNNUM = rf"[零〇一二两三四五六七八九十][{_CN}]*"
_ARABIC = r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MULT = r"万亿|千万|百万|亿|万|千(?![米克瓦卡])|百(?!分)|\s(?i:million|billion|trillion|thousand)\b|(?i:bn|mn)\b"
_CN_UNITS = sorted(
    "人次 万人 人 家 台 辆 个月 个 件 项 条 次 名 位 所 座 套 户 公里 千米 平方公里 平方米 平米 米 千克 公斤 吨 亩 公顷 "
    "小时 分钟 秒 天 周 年 岁 倍 组 页 篇 部 场 架 艘 枚 颗 只 头 张 本 块 级 届 期 批 股 支 门 摄氏度 度 千瓦时 千瓦 "
    "兆瓦 瓦 斤 票 分 例 起 宗 笔 单 款 种 类 处 栋 间 床 辆次 架次 所 GB TB MB km kg 万元 户次 余人 多人 班次 趟 列".split(),
    key=len, reverse=True,
)
_UNITS = "|".join(u for u in _CN_UNITS if not u.startswith(("万", "余", "多")))
_STOP = ("and|or|to|the|a|an|of|in|on|at|for|by|with|from|than|as|is|are|was|were|be|that|this|it|he|she|"
         "they|we|you|i|but|so|if|when|per|percent|cent|million|billion|trillion|thousand|years?\\s+ago|and")
_EUNIT = rf"\s(?!(?:{_STOP})\b)(?P<eunit>[a-z]+(?:-[a-z]+)?)"
_CURPRE = r"US\$|HK\$|\$|€|£|¥|￥|(?:RMB|USD|EUR|GBP|JPY|HKD|CNY)\s?"
_CURWORD = r"美元|欧元|英镑|日元|港元|港币|人民币|元|块钱|\s(?i:dollars?|euros|pounds|yen|yuan)\b"
_PCT = r"%|％|\s?(?i:per\s?cent|percent)\b|\s?个?百分点|\s?(?i:percentage[ -]points?)\b"
_QUAL_PRE = "|".join(sorted((k for k in QUALIFIER_OF if k not in ("多", "余", "以上", "以下", "左右", "上下", "之多")),
                            key=len, reverse=True))
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_YEAR_STOP = rf"\d|[,.]\d|\s?(?:%|％|多|余|{_UNITS}|{_MULT}|{_CURWORD}|个|\s(?i:people|jobs|workers|students|troops|votes|cases|deaths|homes|units|barrels|tons|miles|acres)\b)"

MASTER = lazy(
    rf"(?:(?P<pre>(?i:{_QUAL_PRE}))\s?)?(?:"
    rf"(?P<date>\d{{4}}年\d{{1,2}}月(?:\d{{1,2}}[日号])?|\d{{1,2}}月\d{{1,2}}[日号]|(?<!\d)\d{{1,2}}月(?:份|底|初|中旬|上旬|下旬)?"
    rf"|(?<![\d.])\d{{1,2}}[日号](?![\d元])|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|(?<![\d.])\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\d)"
    rf"|(?<!\d)\d{{1,2}}(?::\d{{2}})?\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)|(?<!\d)\d{{1,2}}时(?:\d{{1,2}}分)?|{_MONTHS}\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?(?!\d)"
    rf"|\d{{1,2}}\s{_MONTHS}(?:\s\d{{4}})?|{_MONTHS}\s\d{{4}})"
    rf"|(?P<yearword>(?<![\d$€£¥.,])(?P<year>(?:1[89]|20)\d{{2}})(?:年代|年度|年|s\b|(?!{_YEAR_STOP})))"
    rf"|(?P<ordinal>第(?P<ord>\d+|[{_CN}]+)|(?P<ordn>\d+)(?:st|nd|rd|th)\b|\b(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)"
    rf"|(?P<schedule>\d+\s?[×xX*]\s?\d+(?P<sunit>小时|天|h\b)?)"
    rf"|(?P<ratio>(?P<ra>\d+(?:\.\d+)?)\s?(?::|：|比)\s?(?P<rb>\d+(?:\.\d+)?)(?!\d))"
    rf"|(?P<range>(?<![A-Za-z\d])(?<![A-Za-z\d]-)(?!0\d)(?P<rlow>{_ARABIC}|{_CNNUM})\s?(?:-|–|—|~|～|至|到)\s?(?P<rhigh>{_ARABIC}|{_CNNUM})"
    rf"(?P<rmult>{_MULT})?(?P<rpct>%|％)?(?P<rcur>{_CURWORD})?(?P<runit>{_UNITS})?)"
    rf"|(?P<vague>(?P<vtok>(?:数|几|好几|上)(?:十万|百万|千万|十|百|千|万|亿)|[二三四五六七八九]?十几|成千上万|成百上千"
    rf"|(?i:several\s(?:hundred|thousand|million|billion)|(?:hundreds|thousands|millions|billions|tens\sof\sthousands)\sof))"
    rf"(?P<vcur>{_CURWORD})?(?:(?P<vunit>{_UNITS})|\s(?P<veunit>[a-z]+))?)"
    rf"|(?P<cnpct>百分之(?P<bpct>[{_CN}点.\d]+))"
    rf"|(?P<fraction>(?:(?P<fden>\d+|{_CNNUM})分之(?P<fnum>\d+|{_CNNUM})|(?P<cheng>[一二两三四五六七八九十]成)(?![为本立功果员绩长熟交就都了])"
    rf"|一半|(?i:(?P<ennum>a(?=[\s-]\w+\s+of\b)|one|two|three|four|five|six|seven|eight|nine)[\s-](?P<enden>third|quarter|fifth|sixth"
    rf"|seventh|eighth|ninth|tenth)s?\b|half\sof))"
    rf"(?P<ftail>左右|上下|以上|以下|之多)?)"
    rf"|(?P<amount>(?<![A-Za-z\d])(?<![A-Za-z\d][-+＋])(?P<cur>{_CURPRE})?(?P<num>{_ARABIC}|{_CNNUM})(?![\d.,]*[+＋]\d)(?P<mult>{_MULT})?(?P<post>多|余)?"
    rf"(?:(?P<pct>{_PCT})|(?P<curword>{_CURWORD})|(?P<unit>{_UNITS})|{_EUNIT})?(?P<tail>左右|上下|以上|以下|之多)?)"
    rf")"
)

_VAGUE_SCALE = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
                "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def vague_range(token: str) -> tuple[float | None, float | None]:
    """数千 → (2000, 9999), 十几 → (11, 19), 二十几 → (21, 29), several thousand → (2000, 9999)."""
    t = token.lower()
    if t.endswith("十几"):
        tens = CN_DIGITS.get(t[0], 1) if len(t) == 3 else 1
        return tens * 10 + 1, tens * 10 + 9
    if t in ("成千上万", "成百上千"):
        return (1000, 99_999) if t == "成千上万" else (100, 9999)
    if t.startswith("tens of thousands"):
        return 20_000, 99_999
    for word in ("hundred", "thousand", "million", "billion"):
        if word in t:
            scale = _VAGUE_SCALE[word]
            return 2 * scale, 10 * scale - (1 if scale < 1e6 else scale / 1000)
    unit = t.lstrip("数几好上")
    scale = _VAGUE_SCALE.get(unit)
    if scale is None:
        return None, None
    low = scale if t.startswith("上") else 2 * scale
    return low, 10 * scale - 1


_EN_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9}
_EN_DENOMINATORS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
                    "tenth": 10}


def fraction_value(g: dict[str, str | None]) -> float | None:
    """四分之一 → 0.25, 三成 → 0.3, 一半 → 0.5, a quarter → 0.25, 百分之四十 → 0.4."""
    if g.get("fden"):
        den, num = parse_number(g["fden"] or ""), parse_number(g["fnum"] or "")
        return round(num / den, 10) if den and num is not None else None
    if g.get("cheng"):
        tenths = chinese_to_number((g["cheng"] or "")[:-1])
        return tenths / 10 if tenths is not None and tenths <= 10 else None
    if g.get("enden"):
        num = _EN_SMALL[(g["ennum"] or "").lower()]
        return round(num / _EN_DENOMINATORS[(g["enden"] or "").lower()], 10)
    words = {"一半": 0.5, "half of": 0.5}
    word = (g.get("fraction") or "").removesuffix(g.get("ftail") or "")
    return words.get(re.sub(r"\s+", " ", word.lower()))


def cn_percent(token: str) -> float | None:
    """百分之四十 → 0.4, 百分之三点五 → 0.035, 百分之15 → 0.15."""
    whole, _, frac = token.replace("点", ".").partition(".")
    value = parse_number(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in frac)
        if not digits.isdigit():
            return None
        value += float("0." + digits)
    return round(value / 100, 10)


_ORDINAL_WORDS = {w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}


def ordinal_value(g: dict[str, str | None]) -> float | None:
    token = g.get("ord") or g.get("ordn")
    if token:
        return parse_number(token)
    return float(_ORDINAL_WORDS.get((g.get("ordinal") or "").lower(), 0)) or None
