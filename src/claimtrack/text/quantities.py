"""Quantities: every number a sentence asserts, with its span, value, bounds, qualifier and unit.

The one idea: *one master regex finds the whole quantity phrase* — qualifier, currency sign, number,
multiplier, unit and trailing qualifier — and alternatives are ordered so that dates and years are
tried before amounts at the same position (so ``2025年`` is a year and never 2025 of something).
A small interpreter then turns the named groups into a :class:`Quantity`.

Conventions (stable; other modules and stored rows rely on them):

* ``value`` is the asserted number in base units: ``18.6亿人次`` → 1.86e9, ``最高4000万元`` → 4e7 (CNY).
* Percentages, shares and fractions are on a 0..1 scale: ``40%`` → 0.40, ``三成`` → 0.3, ``四分之一`` → 0.25.
* Percentage points (``约2个百分点``, ``0.8 percentage points``) are kind ``points`` on the *same* 0..1 scale
  (2 points → 0.02), so a difference of two percentages compares directly; ``unit`` keeps the surface
  (``个百分点``) so a reader sees points, not percent.
* Bounds by qualifier: exact → low = high = value; ``approx`` → no bounds; ``nearly``/``under``/``at_most``
  → high = value; ``over``/``at_least`` → low = value; ``range`` → low/high and value None.
* Vague amounts are ranges: 数十/几十 = 20–99, 数百/几百 = 200–999, 数千/几千/several thousand = 2,000–9,999,
  数万 = 20,000–99,999 (and so on up the scale), 十几 = 11–19, 二十几 = 21–29; "hundreds of" = 200–999,
  "thousands of" = 2,000–9,999, "millions of" = 2e6–9.99e6.
* ``7×24小时`` is kind ``number`` with no value (a schedule, not an amount).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import _qpatterns as P
from .fold import fold
from .numerals import parse_number

__all__ = ["Quantity", "parse_quantities", "locale_hint", "KINDS", "QUALIFIERS", "LOCALES"]

KINDS = ("count", "percent", "points", "money", "fraction", "ratio", "year", "date", "ordinal", "number")
QUALIFIERS = (None, "nearly", "approx", "over", "under", "at_most", "at_least", "range")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text; ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None
    currency: str | None
    kind: str


LOCALES = {"CN": "CNY", "HK": "HKD", "TW": "TWD", "MO": "MOP"}
"""Place hint → the currency a bare 元 means there."""


def locale_hint(text: str, script: str | None = None, url: str | None = None) -> str:
    """The place an article writes from, for bare 元: ``"HK"``, ``"TW"`` or ``"CN"`` (the default).

    Derived from what the importer knows: the URL's country domain, then the place words and currency
    names the text itself uses (港元, 香港, 新台幣, 臺灣 …), counted over the first 20,000 characters.
    """
    host = (url or "").split("//", 1)[-1].split("/", 1)[0].lower()
    for suffix, place in ((".hk", "HK"), (".tw", "TW"), (".mo", "MO"), (".cn", "CN")):
        if host.endswith(suffix):
            return place
    head = text[:20_000]
    if (script or _script(head)) == "Hans":
        return "CN"  # mainland usage: a Simplified text's bare 元 is renminbi even when it names Hong Kong
    hk = sum(head.count(w) for w in P.HK_WORDS)
    tw = sum(head.count(w) for w in P.TW_WORDS)
    return "HK" if hk > tw else "TW"  # Traditional script with no place named: Taiwan, the larger readership


def _script(text: str) -> str:
    trad = sum(text.count(ch) for ch in P.TRADITIONAL_ONLY)
    simp = sum(text.count(ch) for ch in P.SIMPLIFIED_ONLY)
    return "Hant" if trad > simp else "Hans"


def parse_quantities(text: str, locale: str | None = None, *,
                     check: Callable[[], None] | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order, with offsets into ``text``.

    ``locale`` (``"CN"``, ``"HK"``, ``"TW"``; see :func:`locale_hint`) says what a bare 元 is: CNY by default.
    ``check`` is called every 1,000 matches (a caller's time budget may raise from it).
    """
    found = []
    yuan = LOCALES.get(locale or "CN", "CNY")
    folded = fold(text)  # same length: every offset found in it is an offset into text
    pos, n, seen = 0, len(text), 0
    while pos < n:
        m = P.MASTER.search(folded, pos)
        if m is None:
            break
        q = _interpret(m, yuan)
        if q is None and m.lastgroup == "range":  # 10.1%、24.4% or 26%至221.45美元: two amounts, not a range
            m = P.MASTER.search(folded, m.start(), m.end() - 1) or m
            q = _interpret(m, yuan) if m.lastgroup != "range" else None
        if q is not None:
            found.append(q if folded is text else _on_original(q, m, text))
        pos = max(m.end(), m.start() + 1)
        seen += 1
        if check is not None and seen % 1000 == 0:
            check()
    return found


_UNIT_GROUPS = ("unit", "eunit", "runit", "lunit", "vunit", "veunit", "pct")


def _on_original(q: Quantity, m: re.Match[str], text: str) -> Quantity:
    """The quantity found on the folded text, with its surface and unit as the original writes them."""
    unit = q.unit
    if unit:
        for name in _UNIT_GROUPS:
            found = m.group(name)
            if found and found.strip().endswith(unit):
                original = text[m.start(name):m.end(name)].strip()
                unit = original[len(original) - len(unit):]
                break
    return Quantity(text[q.start:q.end], q.start, q.end, q.value, q.low, q.high, q.qualifier, unit, q.currency,
                    q.kind)


def _interpret(m: re.Match[str], yuan: str = "CNY") -> Quantity | None:
    g = m.groupdict()
    start, end = m.span()
    if g["pre"] and g["pre"] == "近" and start > 0 and m.string[start - 1] in "最附邻鄰":
        start, g["pre"] = start + 1, None  # 最近3年 is "recently", not "nearly"
    elif g["pre"] and g["pre"] == "超" and start > 0 and m.string[start - 1] in "买買卖賣":
        start, g["pre"] = start + 1, None  # 賣超1萬張: a net sale, not "more than"
    elif g["pre"] == "近" and (g.get("unit") or "").strip() in _SPANS:
        start, g["pre"] = start + 1, None  # 近五年: "the past five years", not "nearly"
    handler = _HANDLERS.get(m.lastgroup or "")
    if handler is None:
        return None
    fields = handler(g)
    if fields is None:
        return None
    value, low, high, qualifier, unit, currency, qkind = fields
    if currency == "CNY" and yuan != "CNY" and P.is_bare_yuan(m.group()):
        currency = yuan
    return Quantity(m.string[start:end], start, end, value, low, high, qualifier, unit, currency, qkind)


Fields = tuple[float | None, float | None, float | None, str | None, str | None, str | None, str]


def _bounds(value: float | None, qualifier: str | None) -> tuple[float | None, float | None]:
    if value is None or qualifier == "approx":
        return None, None
    if qualifier in ("nearly", "under", "at_most"):
        return None, value
    if qualifier in ("over", "at_least"):
        return value, None
    return value, value


def _qualifier(g: dict[str, str | None]) -> str | None:
    for key in ("pre", "post0", "post", "tail", "ftail", "ctail"):
        word = g.get(key)
        if word:
            return P.QUALIFIER_OF.get(word.lower().strip().replace("  ", " "))
    return None


def _amount(g: dict[str, str | None]) -> Fields | None:
    value = _number(g["num"], g.get("mult"))
    if value is None:
        return None
    if not g["num"][0].isdigit() and not _chinese_amount_ok(g, value):
        return None
    if g.get("half"):
        value += 0.5
    if g.get("neg") and any(w in (g.get("pct") or "") for w in "点點比"):
        value = -value  # 負50個百分比; 負85%的責任 is "bears 85%"
    qualifier = _qualifier(g)
    unit, currency = _unit_and_currency(g)
    pct = (g.get("pct") or "").strip()
    if pct:
        basis = pct.lower().startswith("bp") or pct.endswith(("基点",))
        kind = "points" if basis or any(w in pct.lower() for w in ("点", "點", "比", "point")) else "percent"
        value = round(value / (10_000 if basis else 100), 10)
        unit = "%" if kind == "percent" else pct
    elif (g.get("curword") or "").strip() in ("美仙", "美分"):
        value, kind = round(value / 100, 10), "money"
    elif currency:
        kind = "money"
    else:
        kind = "count" if unit else "number"
    low, high = _bounds(value, qualifier)
    return value, low, high, qualifier, unit, currency, kind


def _chinese_amount_ok(g: dict[str, str | None], value: float) -> bool:
    """A Chinese numeral counts only with a unit and when it is not the article-like 一 (一场, 一家)."""
    has_unit = bool(g.get("unit") or g.get("pct") or g.get("curword") or g.get("mult") or g.get("cur"))
    big = any(ch in "万亿萬億" for ch in g["num"] or "")  # 一百万, 三万亿: a count by itself
    one_ok = (g.get("unit") or "").strip() in P.ONE_OK or bool(g.get("half"))
    return (has_unit or big) and (value >= 2 or one_ok or any(ch in "十百千万亿萬億点點" for ch in g["num"] or ""))


_SPANS = frozenset("年 个月 個月 天 日 周 週 小时 小時".split())


def _number(num: str | None, mult: str | None) -> float | None:
    if not num:
        return None
    if num == "半":
        return 0.5
    value = parse_number(num.replace(" ", "").replace("，", ","))
    if value is None:
        return None
    factor = P.MULTIPLIER_OF.get((mult or "").strip().lower(), 1)
    if factor != 1 and any(ch in "万亿萬億兆" for ch in num):
        return None  # 1万亿 is read as one numeral; a multiplier after a mixed numeral would be doubled
    return round(value * factor, 6)


def _unit_and_currency(g: dict[str, str | None], prefix: str = "") -> tuple[str | None, str | None]:
    cur = g.get(prefix + "cur") or g.get(prefix + "curword")
    currency = P.CURRENCY_OF.get(cur.strip().upper()) if cur else None
    unit = g.get(prefix + "unit") or g.get(prefix + "eunit")
    unit = unit.strip() if unit else None
    if unit and len(unit) > 2 and unit[0] in "个個" and unit[1:] not in ("月",):
        unit = unit[1:]  # 個基本點: the classifier is not the unit
    return unit, currency


def _vague(g: dict[str, str | None]) -> Fields | None:
    low, high = P.vague_range(g["vtok"] or "")
    if low is None:
        return None
    unit, currency = _unit_and_currency(g, "v")
    if (g["vtok"] or "").startswith("上"):  # 上百款, 上亿: "upwards of" a round figure
        value = low / 2
        return value, value, None, "over", unit, currency, "money" if currency else ("count" if unit else "number")
    return None, low, high, "range", unit, currency, "money" if currency else ("count" if unit else "number")


def _range(g: dict[str, str | None]) -> Fields | None:
    mult = g.get("rmult")
    high = _number(g["rhigh"], mult)
    low = _number(g["rlow"], g.get("lmult"))
    if low is None or high is None:
        return None
    rhigh = g["rhigh"]
    if not mult and not rhigh[0].isdigit() and len(rhigh) > 1 and rhigh[-1] in "千万萬亿億" \
            and not g["rlow"][0].isdigit() and not any(ch in "千万萬亿億" for ch in g["rlow"]):
        mult, rhigh = rhigh[-1], rhigh[:-1]  # 三到五千元, 六到十萬元: the multiplier is shared
        high = _number(rhigh, mult)
        if high is None:
            return None
    if not g.get("lmult") and mult:  # 三到五千元 = 3000–5000, 1-2万 = 1万–2万
        scaled = _number(g["rlow"], mult)
        if scaled is not None and scaled < high:
            low = scaled
    if low > high and "." in g["rlow"] + g["rhigh"]:  # a quote's day range: 30.42-30.375元
        low, high = high, low
    if low >= high:
        return None
    if g.get("rcomma") and not (len(g["rlow"]) == len(rhigh) == 1 and not g["rlow"].isdigit()
                                and high - low == (1 if not mult else P.MULTIPLIER_OF.get(mult.strip(), 1))):
        return None  # 、 joins two neighbouring Chinese numerals (兩、三萬), never a list of figures
    if not g["rlow"][0].isdigit() and not (mult or g.get("rcur") or g.get("runit") or g.get("rpct")):
        return None
    unit, currency = _unit_and_currency(g, "r")
    if not unit and g.get("lunit"):
        unit = g["lunit"].strip()
    if not currency and g.get("lcur"):
        currency = P.CURRENCY_OF.get(g["lcur"].strip().upper())
    if g.get("rpct") or g.get("lpct") and not (unit or currency):
        return None, low / 100, high / 100, "range", "%", None, "percent"
    return None, low, high, "range", unit, currency, "money" if currency else ("count" if unit else "number")


def _fraction(g: dict[str, str | None]) -> Fields | None:
    value = P.fraction_value(g)
    if value is None:
        return None
    qualifier = _qualifier(g)
    low, high = _bounds(value, qualifier)
    return value, low, high, qualifier, None, None, "fraction" if not g.get("cheng") else "percent"


def _cnpct(g: dict[str, str | None]) -> Fields | None:
    value = P.cn_percent((g["bpct"] or "").rstrip("点點.．"))
    if value is None:
        return None
    qualifier = _qualifier(g)
    low, high = _bounds(value, qualifier)
    return value, low, high, qualifier, "%", None, "percent"


def _ratio(g: dict[str, str | None]) -> Fields | None:
    a, b = parse_number(g["ra"] or ""), parse_number(g["rb"] or "")
    if a is None or not b:
        return None
    return round(a / b, 6), a / b, a / b, None, None, None, "ratio"


def _schedule(g: dict[str, str | None]) -> Fields:
    return None, None, None, None, g.get("sunit"), None, "number"


def _year(g: dict[str, str | None]) -> Fields:
    value = float(g["year"] or 0)
    if g.get("pre"):  # "about 2000": a qualified number is an amount, not a year
        qualifier = _qualifier(g)
        low, high = _bounds(value, qualifier)
        return value, low, high, qualifier, None, None, "number"
    return value, value, value, None, None, None, "year"


def _date(g: dict[str, str | None]) -> Fields:
    return None, None, None, None, None, None, "date"


def _ordinal(g: dict[str, str | None]) -> Fields | None:
    value = P.ordinal_value(g)
    if value is None:
        return None
    return value, value, value, None, None, None, "ordinal"


_HANDLERS = {
    "amount": _amount,
    "vague": _vague,
    "range": _range,
    "fraction": _fraction,
    "cnpct": _cnpct,
    "ratio": _ratio,
    "schedule": _schedule,
    "yearword": _year,
    "date": _date,
    "ordinal": _ordinal,
}
