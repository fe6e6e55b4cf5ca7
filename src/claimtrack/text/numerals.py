"""Chinese numerals to numbers, shared by quantity parsing and normalization.

The idea: a Chinese numeral is read like an abacus with two registers — a *section* below 万 that
collects 十/百/千 multiples, and a *total* that 万 and 亿 shift up — so ``三千五百万`` is
(3000 + 500) × 10⁴ and ``一亿二千万`` is 10⁸ + 2000 × 10⁴.  A run with no unit characters at all
(``二〇二五``) is read digit by digit, as years are written.
"""

from __future__ import annotations

import re

__all__ = ["CN_DIGITS", "CN_NUMERAL", "chinese_to_number", "parse_number"]

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000, "萬": 10_000, "億": 100_000_000}
CN_NUMERAL = "零〇一二两兩三四五六七八九十百千万亿萬億"
_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 1e12, "千万": 1e7, "百万": 1e6,
               "萬": 10_000, "億": 100_000_000, "萬億": 1e12, "千萬": 1e7, "百萬": 1e6, "兆": 1e12}
_ARABIC = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万亿|千万|百万|萬億|千萬|百萬|[十百千万亿萬億])?")
_MIXED = re.compile(r"(?:\d{1,4}(?:[千百](?=[兆亿億万萬]))?[兆亿億万萬])+(?:\d{1,4}[千百]?)?")  # 2亿4千万
_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_BIG_LEVEL = {"兆": 1e12, "亿": 1e8, "億": 1e8, "万": 1e4, "萬": 1e4, "千": 1e3, "百": 100}


def chinese_to_number(numeral: str) -> float | None:
    """``两千`` → 2000, ``十五`` → 15, ``一亿二千万`` → 1.2e8, ``二〇二五`` → 2025, ``一点二`` → 1.2;
    None if not a numeral."""
    whole, point, frac = numeral.replace("點", "点").partition("点")
    if point:
        if not frac or any(ch not in CN_DIGITS for ch in frac):
            return None
        value = chinese_to_number(whole)
        return None if value is None else value + float("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    numeral = numeral.replace("廿", "二十").replace("卅", "三十")
    if not numeral or any(ch not in CN_DIGITS and ch not in _SMALL and ch not in _BIG for ch in numeral):
        return None
    if all(ch in CN_DIGITS for ch in numeral):
        return float("".join(str(CN_DIGITS[ch]) for ch in numeral))
    total, section, digit = 0.0, 0.0, 0.0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in _SMALL:
            section += (digit or 1) * _SMALL[ch]
            digit = 0
        elif ch in "万萬":
            total += (section + digit or (0 if total else 1)) * 10_000  # a bare 萬 (萬點) is ten thousand
            section = digit = 0
        else:  # 亿 scales everything read so far
            total = (total + section + digit or 1) * 100_000_000
            section = digit = 0
    return total + section + digit


def parse_number(token: str) -> float | None:
    """A number written in Arabic digits (``1,120.5``, ``1.2万``, ``18.6亿``, full width ``４．８``), mixed
    (``7萬8337``, ``1兆5451億``) or Chinese numerals."""
    token = token.translate(_WIDTH)
    m = _ARABIC.fullmatch(token)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        return round(value * _MULTIPLIER[m.group(2)], 6) if m.group(2) else value
    if _MIXED.fullmatch(token):
        return _mixed(token)
    return chinese_to_number(token)


def _mixed(token: str) -> float:
    """Arabic sections between big units, read like the abacus above: ``1兆5451億`` → 1.5451e12,
    ``2亿4千万`` → 2.4e8 (千 and 百 collect a section that the next big unit scales)."""
    total, section, last, digits = 0.0, 0.0, float("inf"), ""
    for ch in token:
        if ch.isdigit():
            digits += ch
            continue
        value, digits = float(digits or 0), ""
        if ch in "千百":
            section += value * _BIG_LEVEL[ch]
            continue
        level, group, section = _BIG_LEVEL[ch], section + value, 0.0
        if level > last:  # 万亿: a bigger unit scales everything read so far
            total = (total + group) * level
        else:
            total += group * level
        last = level
    return total + section + float(digits or 0)
