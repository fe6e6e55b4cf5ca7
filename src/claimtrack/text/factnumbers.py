"""Figures in a claim and a fact-check: amounts, dates, seasons and periods, and whether they agree (issue 20).

Pure (the quantity parser and regular expressions). The one idea: the fact-check summarises, so every figure it
states must be the claim's too — exactly, or rounded down (超460万 for 4,608,206; a summary adds no precision)
— unless the claim states no figure of that kind anywhere: then the summary *added* it (a suggestion, never
confident), while another figure of the same kind is a *replaced* one (another claim).
"""

from __future__ import annotations

import math
import re

from claimtrack.text.normalize import normalize

_HAN = re.compile(r"[\u4e00-\u9fff]")
EXACT_KINDS = frozenset({"year", "ordinal", "schedule", "age"})  # rounding never changes these
_COMPATIBLE = {"count": "number", "money": "number", "fraction": "percent"}  # a bare number and a counted one
# (两千万 / 两千万元) may state the same amount, and so may a fraction and a share (half / 50%)
_DECADES = ("twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet")
_FORMAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟", "一二三四五六七八九十百千")
_SPELLED = [(re.compile(r"减半"), "减少一半"),  # halved: by one half
            # 四拾五亿: the formal numerals of cheques and contracts
            (re.compile(r"[壹贰叁肆伍陆柒捌玖一二三四五六七八九两\d][拾佰仟][壹贰叁肆伍陆柒捌玖拾佰仟一二三四五六七八九十百千万亿]*"),
             lambda m: m.group().translate(_FORMAL)),
            (re.compile(r"([\d一二三四五六七八九两][千百十])([多余])([万亿])"), r"\1\3\2"),  # 2千多万 is 2千万多
            # the late sixties: the 1960s, a year
            (re.compile(r"\b(?:nineteen[- ])?(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b", re.I),
             lambda m: f"19{_DECADES.index(m.group(1).lower()) + 2}0s")]
_WORD_VALUES = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                           "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_WORD_VALUES |= {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
# An English number word before a scale or percent (nine million, Twenty percent): written as digits for the parser.
_EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(_WORD_VALUES, key=len, reverse=True)) + r")(?:[- ](one|two|three|"
                             r"four|five|six|seven|eight|nine))?(?=\s+(?:million|billion|trillion|thousand|hundred|percent|"
                             r"per cent)\b|\s*%)", re.I)
# ... and one from two up before a plural noun (six cases, the last six months): "one" is too often a pronoun.
_EN_COUNT_WORD = re.compile(r"\b(" + "|".join(sorted(set(_WORD_VALUES) - {"zero", "one"}, key=len, reverse=True)) +
                            r")(?:-(one|two|three|four|five|six|seven|eight|nine))?(?=\s+[a-z]+s\b)", re.I)
_RELATIVE_DAY = re.compile(r"(?<=[前后後同上次])一(?=[天日年月周])")  # 前一天, 后一年: a relative time, not an amount


def _digits(m: re.Match) -> str:
    return str(_WORD_VALUES[m.group(1).casefold()] + (_WORD_VALUES[m.group(2).casefold()] if m.group(2) else 0))



_BOUNDED = frozenset({"over", "at_least", "above", "more_than"})  # 超10万 / more than 100,000: a rounded-down floor

_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})[日号]|(初|上旬|中旬|下旬|底|末))?|(?<![\d月])(\d{1,2})[日号]")
_EN_DATE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})\b|"
                      r"\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
# 12/16, 5/1, 2020.01.11 in a Chinese text: month and day (Taiwan writes them so); its digits are no amounts.
_SLASH_DATE = re.compile(r"(?<![\d/.])(?:\d{4}([./])(?=\d+\1))?(1[0-2]|0?[1-9])(?(1)\1|/)([12]\d|3[01]|0?[1-9])(?![\d/.])")
_PART = {"初": (1, 10), "上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (20, 31), "末": (20, 31)}
_PERIODS = [(re.compile(r"\b(?:a|per|every|each)\s+year\b|\bannual(?:ly)?\b|\byearly\b|每年|年均|全年"), "year"),
            (re.compile(r"\b(?:a|per|every|each)\s+month\b|\bmonthly\b|每月|月均"), "month"),
            (re.compile(r"\b(?:a|per|every|each)\s+week\b|\bweekly\b|每周|每星期"), "week"),
            (re.compile(r"\b(?:a|per|every|each)\s+(?:working\s+|business\s+|single\s+)?day\b|\bdaily\b|每天|每日|单日|日均"),
             "day")]
_SEASONS = re.compile(r"\b(spring|summer|autumn|winter)\b|(年初|年中|年底|年末|上半年|下半年|春天|夏天|秋天|冬天|春季|夏季|秋季|冬季)",
                      re.I)

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def amounts(text: str) -> list[tuple]:
    """The amounts a text states, comparable: (kind, value, qualifier); dates and times of day left out."""
    from claimtrack.text import parse_quantities

    if _HAN.search(text):
        text = _SLASH_DATE.sub(" ", text)
    for pattern, spelled in _SPELLED:
        text = pattern.sub(spelled, text)
    text = _RELATIVE_DAY.sub("", _EN_COUNT_WORD.sub(_digits, _EN_NUMBER_WORD.sub(_digits, text)))
    out = []
    for q in parse_quantities(text):
        if q.kind == "date":
            out += [("year", float(y), "") for y in _YEAR.findall(text[q.start:q.end])]  # April 2019: its year
            continue
        if q.unit in ("点", "时", "分") and q.kind in ("count", "number"):
            continue
        if q.kind == "number" and q.end < len(text) and text[q.end:q.end + 1] in "号日月":
            continue  # 25号: a day of a date the parser did not recognise
        value = q.value if q.value is not None else q.low if q.low is not None else q.high
        if value is not None:
            out.append((_COMPATIBLE.get(q.kind, q.kind), float(value), q.qualifier or ""))
    return out


def dates(text: str) -> list[tuple]:
    """Month-day dates stated: (month or None, first day, last day), days as a range for 8月初 / late in May."""
    out = []
    for m in _ZH_DATE.finditer(normalize(text) if _HAN.search(text) else ""):  # 五月 -> 5月
        year, month, day, part, bare_day = m.groups()
        if bare_day:
            out.append((None, int(bare_day), int(bare_day)))
        elif day:
            out.append((int(month), int(day), int(day)))
        else:
            low, high = _PART.get(part or "", (1, 31))
            out.append((int(month), low, high))
    for m in _EN_DATE.finditer(text):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        out.append((_MONTHS[month[:3].lower()], int(day), int(day)))
    for m in _SLASH_DATE.finditer(text if _HAN.search(text) else ""):
        out.append((int(m.group(2)), int(m.group(3)), int(m.group(3))))
    return out


_SEASON_FOLD = {"春季": "春天", "夏季": "夏天", "秋季": "秋天", "冬季": "冬天", "年末": "年底"}


def _seasons(text: str) -> set[str]:
    return {_SEASON_FOLD.get(m.group().casefold(), m.group().casefold()) for m in _SEASONS.finditer(text)}


def _periods(text: str) -> set[str]:
    lowered = text.casefold()
    return {name for pattern, name in _PERIODS if pattern.search(lowered)}


def compare(claim: str, factcheck: str, whole: str = "") -> str:
    """How the numbers of a claim piece and a fact-check piece agree.

    The fact-check summarises: every amount, date and period it states must be stated by the claim too
    (rounded: 超460万 for 4,608,206); the claim may state more. "different …" rules a suggestion out. A figure
    the claim's piece does not state is *replaced* when the claim's `whole` text states none like it but one
    of its kind (another year, another amount), *added* (suggested only) when the claim states none of its
    kind at all — once: a summary stating two figures the claim lacks tells another account.
    """
    a_amounts, b_amounts = amounts(claim), amounts(factcheck)
    context = amounts(whole) if whole else a_amounts
    exact, added = True, 0
    for x in b_amounts:
        if any(_equal(x, y) for y in a_amounts):
            continue
        if any(_rounded(x, y) for y in a_amounts):  # the summary rounds; it never adds precision
            exact = False
            continue
        if any(_equal(x, y) or _rounded(x, y) for y in context):
            exact = None  # stated elsewhere in the claim
            continue
        if any(y[0] == x[0] for y in context) or added:
            return "different numbers"  # the claim states another amount of that kind: one replaced
        added = 1  # a kind of figure the claim does not state at all: added by the summary
    if len(b_amounts) < len(a_amounts) and not all(any(_equal(y, x) or _rounded(x, y) or _rounded(y, x)
                                                       for x in b_amounts) for y in a_amounts):
        # the claim states more: fine for a summary, unless a year the claim states is replaced
        a_years = {y[1] for y in a_amounts if y[0] == "year"}
        b_years = {x[1] for x in b_amounts if x[0] == "year"}
        if a_years and b_years and not b_years <= a_years:
            return "different numbers"
        exact = None
    a_dates, b_dates = dates(claim), dates(factcheck)
    context_dates = dates(whole) if whole else a_dates
    for d in b_dates:
        dated = [e for e in context_dates if e[0] is not None] if d[0] is not None else []
        if not any(_same_date(d, e) for e in dated or context_dates):  # 6月24日 is not 7月24日's 24日
            return "different dates" if context_dates else "numbers on one side only"  # replaced, or added
    a_seasons, b_seasons = _seasons(claim), _seasons(factcheck)
    if a_seasons and b_seasons and not (a_seasons & b_seasons):
        return "different dates"
    a_periods, b_periods = _periods(claim), _periods(factcheck)
    if a_periods and b_periods and not (a_periods & b_periods):
        return "different period"
    if added or exact is None or (not b_amounts and a_amounts) or len(a_dates) != len(b_dates):
        return "numbers on one side only"
    return "same" if exact else "rounded numbers"


def _equal(x: tuple, y: tuple) -> bool:
    if {x[0], y[0]} == {"year", "number"}:
        return x[1] == y[1]  # 1823投票所 / 1823个投票所: the same figure, whatever the parser took it for
    if x[0] != y[0]:
        return False
    if x[0] in EXACT_KINDS:
        return x[1] == y[1]
    return math.isclose(x[1], y[1], rel_tol=1e-4)  # rounding is `_rounded`'s, and only the summary's


def _rounded(coarse: tuple, fine: tuple) -> bool:
    """`coarse` is `fine` said with fewer significant digits: rounded, or cut down to a floor (超10万 ~ 105,792)."""
    if coarse[0] != fine[0] or coarse[0] in EXACT_KINDS or coarse[1] <= 0 or fine[1] <= 0:
        return False
    digits = len(f"{coarse[1]:.6g}".replace(".", "").replace("-", "").strip("0").split("e")[0]) or 1
    magnitude = math.floor(math.log10(coarse[1])) - digits + 1
    step = 10.0 ** magnitude
    if fine[1] < coarse[1] * 0.5 or fine[1] > coarse[1] * 2:
        return False
    if math.isclose(round(fine[1] / step) * step, coarse[1], rel_tol=1e-9):
        return True
    return coarse[2] in _BOUNDED and math.isclose(math.floor(fine[1] / step + 1e-9) * step, coarse[1], rel_tol=1e-9)


def _same_date(d: tuple, e: tuple) -> bool:
    if d[0] is not None and e[0] is not None and d[0] != e[0]:
        return False
    return d[1] <= e[2] and e[1] <= d[2]
