"""The master quantity regex and its lookup tables (kept apart so quantities.py reads as logic).

Alternatives are ordered: a date or a year is tried before an amount at the same position, a range
before a single number, so the first alternative that matches decides the kind.
"""

from __future__ import annotations

import re

from ._lazy import lazy
from .numerals import CN_DIGITS, chinese_to_number, parse_number

QUALIFIER_OF = {
    **dict.fromkeys(["近", "将近", "將近", "接近", "近乎", "逼近", "nearly", "almost", "close to"], "nearly"),
    **dict.fromkeys(["约", "約", "大约", "大約", "约为", "約為", "约合", "約合", "约在", "約在", "大概", "左右", "上下",
                     "about", "around", "roughly", "approximately", "an estimated", "some", "approx.", "estimated"],
                    "approx"),
    **dict.fromkeys(["超", "超过", "超過", "逾", "超出", "多于", "多於", "高于", "高於", "突破", "多", "余", "餘", "以上",
                     "之多", "more than", "over", "above", "in excess of", "upwards of", "exceeding"], "over"),
    **dict.fromkeys(["不到", "不足", "低于", "低於", "少于", "少於", "未满", "未滿", "以下", "less than", "under",
                     "fewer than", "below"], "under"),
    **dict.fromkeys(["最高", "最多", "至多", "不超过", "不超過", "不能超过", "不能超過", "不要超过", "不要超過", "最长", "最長",
                     "以内", "以內", "或以下", "up to", "at most", "as many as", "as much as", "no more than"],
                    "at_most"),
    **dict.fromkeys(["内", "內"], "at_most"),
    **dict.fromkeys(["至少", "不少于", "不少於", "不低于", "不低於", "最少", "起码", "起碼", "或以上", "at least",
                     "no fewer than", "no less than"], "at_least"),
}
MULTIPLIER_OF = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12, "千万": 1e7, "百万": 1e6,
                 "萬": 1e4, "億": 1e8, "萬億": 1e12, "千萬": 1e7, "百萬": 1e6, "兆": 1e12,
                 "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6,
                 "mn": 1e6, "bn": 1e9}
CURRENCY_OF = {"$": "USD", "US$": "USD", "USD": "USD", "美元": "USD", "美金": "USD", "DOLLARS": "USD",
               "DOLLAR": "USD", "€": "EUR", "EUR": "EUR", "欧元": "EUR", "歐元": "EUR", "EUROS": "EUR", "£": "GBP",
               "GBP": "GBP", "英镑": "GBP", "英鎊": "GBP", "POUNDS": "GBP", "¥": "CNY", "￥": "CNY", "RMB": "CNY",
               "CNY": "CNY", "元": "CNY", "圆": "CNY", "人民币": "CNY", "人民幣": "CNY", "块钱": "CNY", "塊錢": "CNY",
               "YUAN": "CNY", "JPY": "JPY", "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "日幣": "JPY", "日币": "JPY",
               "YEN": "JPY", "HK$": "HKD", "HKD": "HKD", "港元": "HKD", "港币": "HKD", "港幣": "HKD",
               "NT$": "TWD", "TWD": "TWD", "NTD": "TWD", "新台币": "TWD", "新台幣": "TWD", "新臺幣": "TWD",
               "台币": "TWD", "台幣": "TWD", "臺幣": "TWD", "加元": "CAD", "加幣": "CAD", "加币": "CAD", "CAD": "CAD",
               "澳元": "AUD", "澳幣": "AUD", "澳币": "AUD", "AUD": "AUD", "韩元": "KRW", "韓元": "KRW", "KRW": "KRW",
               "鎂": "USD", "镁": "USD", "美仙": "USD", "美分": "USD", "元人民币": "CNY", "元人民幣": "CNY", "卢比": "INR", "盧比": "INR", "INR": "INR", "澳门元": "MOP", "澳門元": "MOP", "MOP": "MOP", "瑞郎": "CHF", "CHF": "CHF"}

_DIGIT = r"[0-9０-９]"
_CN = "零〇一二两兩三四五六七八九十廿卅百千万亿萬億"
_CNNUM = (rf"(?:[零〇一二两兩三四五六七八九十廿卅][{_CN}]*(?:[点點][零〇一二两三四五六七八九]+)?"
          rf"|[百千万萬亿億][百千万萬亿億]?(?=[多余餘]?(?:{{units}}|{{curword}}))"
          r"|半(?=小[时時]|[天年]|[个個]月|[个個]鐘頭|[个個]钟头))")
# Possessive repeats (++, *+) keep no backtracking state per group: a 100,000-group number costs no memory.
_ARABIC = (r"(?<![\d.．])(?:\d{1,3}(?:,\d{3}(?!\d))++|[０-９]{1,3}(?:，[０-９]{3}(?![０-９]))++|\d++)"
           r"(?:[.．]\d++)?")
# A mixed numeral (7萬8337, 1兆5451億): Arabic sections between big units.
_MIXEDNUM = (r"(?<![\d.．])(?>\d{1,4}(?:[兆亿億万萬]\d{1,4}(?:[千百](?=[兆亿億万萬]))?)++[兆亿億万萬千百]?)"
             r"(?![\d.．]|[,，]\d)")  # 2亿4千万; a comma after it ends a clause unless a digit follows (1万2,000)
_MULT = (r"\s?(?:万亿|萬億|千万|千萬|百万|百萬|亿|億|万|萬|兆|千(?![米克瓦卡])|百(?![分]))"
         r"|\s(?i:million|billion|trillion|thousand)\b|(?i:bn|mn)\b")
_CN_UNITS = sorted(
    "人次 万人 人(?![口民员員工士类類才们們]) 家 台 臺 辆 輛 个月 個月 个 個 件 项 項 条 條 次 名 位 所 座 套 户 戶 "
    "公里 千米 平方公里 平方米 平米 立方米 米 公尺 公分 厘米 釐米 毫米 千克 公斤 克 毫克 吨 噸 亩 畝 公顷 公頃 坪 "
    "小时 小時 分钟 分鐘 秒 天 周年 週年 周岁 週歲 周歲 周(?![一二三四五六日末边邊围圍期年]) 週(?![一二三四五六日末]) "
    "年 岁 歲 倍 组 組 页 頁 篇 部 场 場 架 艘 枚 颗 顆 只 隻 头 頭 张 張 本 块 塊 级 級 届 屆 期 批 股 支 门 門 摄氏度 "
    "攝氏度 度 千瓦时 千瓦時 千瓦 兆瓦 瓦 斤 票 分(?![之别別析子布配享钟鐘]) 例 起 宗 笔 筆 单 單 款 种 種 类 類 处 處 "
    "栋 棟 间 間 床 辆次 輛次 架次 GB TB MB km kg ml mg 万元 户次 余人 多人 班次 趟 列 口 株 夜 把 席 省(?![委级級政份]) 市(?![场場民值长長区區委政级級]) 县(?![委级級政城]) 縣(?![委級政]) 国(?![际際家内內外民产產企有营營务務]) 國(?![际際家内內外民产產企有营營务務]) "
    "车道 車道 方面 大(?![学學陆陸会會约約家型楼樓厦廈队隊道街门門使师師臣多概都致体體量半幅]) 点 點 基点 基點 "
    "基本点 基本點 个基本点 個基本點 薪点 薪點 奈米 纳米 毫升 升 秒钟 秒鐘 元(?!素) 成员 成員 亿人次 億人次 城 县市 縣市 所 名人 桶 兄 姊妹 女 子女 公司 部门 部門 國家 国家 "
    "日(?![本报報子常前后後内內期均间間益渐漸前]) 连霸 連霸 ms GW MW kW GWh TWh 桌 盒 瓶 包 箱 袋 碗 杯 人份 份 代 名额 名額 "
    "分钟 度电 度電 美仙 个小时 個小時 个钟头 個鐘頭 平方呎 呎 吋 英尺 英里 英畝 副本 道(?![路理歉德]) 才 世紀 世纪 ℃ °C 盎司 蒲式耳 伙(?![伴食计計同]) 街道".split(),
    key=lambda u: len(u.split("(")[0]), reverse=True,
)


def _guarded(alternatives: list[str], fold_case: bool = False) -> str:
    """``(?=[first characters])(?:a|b|…)``: a position no alternative can start at fails in one test.

    Python's ``re`` tries the alternatives of a group one by one; hundreds of units after every number
    made parsing slow (not superlinear, but 30 µs a number).  The guard keeps that cost to one test.
    """
    first = set()
    for alt in alternatives:
        if alt.startswith("\\"):
            first.add(alt[:2])
        else:
            first.update({alt[0].lower(), alt[0].upper()} if fold_case else {alt[0]})
    cls = "".join(sorted(c if c.startswith("\\") else re.escape(c) for c in first))
    return f"(?=[{cls}])(?:{'|'.join(alternatives)})"


_UNITS = _guarded([u for u in _CN_UNITS if not u.startswith(("万", "余", "多", "亿", "億", "元"))])
_STOP = ("and|or|to|the|a|an|of|in|on|at|for|by|with|from|than|as|is|are|was|were|be|that|this|it|he|she|"
         "they|we|you|i|but|so|if|when|per|percent|cent|million|billion|trillion|thousand|years?\\s+ago|and")
# English units come from a lexicon of measure nouns and currencies, never from "the next word"
# ($41,640 while, 120 monitoring); one adjective may stand between (3,000 new jobs, 120 monitoring stations).
_EN_MEASURES = (
    "person people man men woman women child children adult baby babies patient resident citizen voter vote "
    "worker employee job staff student pupil teacher doctor nurse officer soldier troop police policeman "
    "member user customer subscriber viewer visitor tourist passenger traveller traveler migrant immigrant "
    "refugee asylum-seeker protester prisoner inmate victim casualty death fatality injury case infection "
    "arrest crime incident attack shooting accident complaint signature application applicant household "
    "family home house apartment flat unit building school hospital bed clinic company firm business "
    "store shop restaurant factory plant farm farmer bank branch country nation state city town village "
    "county district province region seat lawmaker delegate candidate species animal tree bird fish "
    "ton tonne kilogram kilo kg gram pound-weight ounce barrel gallon litre liter cubic-metre bushel "
    "mile kilometre kilometer km metre meter foot feet inch yard acre hectare square-mile square-foot "
    "square-feet square-metre square-meter container vehicle car truck lorry bus train ship vessel boat "
    "plane aircraft jet flight drone missile rocket satellite weapon gun round shell "
    "year month week day hour minute second decade century "
    "point degree calorie megawatt gigawatt kilowatt watt kwh mwh gwh twh mw gw kw volt byte megabyte "
    "gigabyte terabyte mb gb tb page word book copy title film song episode item product project "
    "contract loan share stock bond dose vaccine vaccination test sample "
    "meal ticket bottle box bag package parcel pallet "
    "station stop route line lane road bridge tunnel well mine site facility centre center office "
    "outlet location acre-foot life lives part piece"
)


def _plural(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word, word + "es"]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith("fe"):
        return [word, word[:-2] + "ves"]
    return [word, word + "s"]


_EN_UNIT_WORDS = sorted({form.replace("-", r"[\s-]") for w in _EN_MEASURES.split() if w != "pound-weight"
                         for form in _plural(w)}, key=len, reverse=True)
_EN_UNITS = _guarded(_EN_UNIT_WORDS, fold_case=True)
_EUNIT = (rf"\s(?:(?!(?:{_STOP})\b)[a-z]+(?:-[a-z]+)?\s(?=(?i:{_EN_UNITS})\b))??"
          rf"(?P<eunit>(?i:{_EN_UNITS}))\b(?![-'’])")
_CURPRE = (r"US\$|HK\$|NT\$|\$|€|£|¥|￥|(?:RMB|USD|EUR|GBP|JPY|HKD|CNY|TWD|NTD)\s?"
           r"|(?:新台币|新台幣|新臺幣|台币|台幣|臺幣|人民币|人民幣|港币|港幣|港元|美金)\s?")
_CURWORD = _guarded(
    r"美元 美金 欧元 歐元 英镑 英鎊 日元 日圆 日圓 日幣 日币 港元 港币 港幣 新台币 新台幣 新臺幣 台币 台幣 臺幣 美仙 美分 鎂 镁 "
    r"卢比 盧比 MOP\b HKD\b TWD\b NTD\b USD\b CNY\b RMB\b EUR\b GBP\b JPY\b \s(?:MOP|HKD|TWD|NTD|USD|CNY|RMB|EUR|GBP|JPY)\b "
    r"加元 加幣 加币 澳元 澳幣 澳币 韩元 韓元 澳门元 澳門元 瑞郎 人民币 人民幣 元人民币 元人民幣 元 圆(?!满|滿|形) 块钱 塊錢 "
    r"\s(?i:dollars?|euros|pounds|yen|yuan)\b".split())
_PCT = (r"%|％|\s?(?i:per\s?cent|percent)\b|\s?[个個]?百分[点點]|\s?[个個]百分比"
        r"|\s?(?i:percentage[ -]points?)\b")
_QUAL_PRE = "|".join(sorted((k for k in QUALIFIER_OF if k not in ("多", "余", "餘", "以上", "以下", "左右", "上下",
                                                                 "之多", "以内", "以內", "或以上", "或以下", "内", "內")),
                            key=len, reverse=True))
_TAIL = r"左右|上下|以上|以下|之多|以内|以內|或以上|或以下|内(?![容地部外])|內(?![容地部外])"
_MONTHS = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_YEAR_STOP = rf"\d|[,.]\d|\s?(?:%|％|多|余|{_UNITS}|{_MULT}|{_CURWORD}|个|\s(?i:people|jobs|workers|students|troops|votes|cases|deaths|homes|units|barrels|tons|miles|acres)\b)"
_POST = r"多|余|餘"
_CNNUM = _CNNUM.replace("{units}", _UNITS).replace("{curword}", _CURWORD)
_RANGE_END = rf"(?:{_MIXEDNUM}|{_ARABIC}|{_CNNUM})"

# Every character a quantity phrase can start with: a position that is none of these fails in one test,
# so Chinese prose (most of whose characters start nothing) is scanned at the cost of one class test.
_STARTS = set(_CN) | {k[0] for k in QUALIFIER_OF if not k.isascii()} | set(
    "第数數几幾好上成半负負新台臺人港美百分之一$€£¥￥#(（") | {chr(c) for c in range(0x0660, 0x066a)}
_START = "(?=[\\d\\sA-Za-z" + "".join(sorted(re.escape(c) for c in _STARTS if not c.isascii() or c in "$#(")) + "])"

MASTER = lazy(
    _START +
    rf"(?:(?P<pre>(?i:{_guarded(_QUAL_PRE.split('|'), fold_case=True)}))(?:为|為|有)?\s?)?(?:"
    rf"(?P<date>(?:1[89]|20)\d{{2}}年\d{{1,2}}月(?:\d{{1,2}}[日号號])?|\d{{1,2}}月\d{{1,2}}[日号號]|(?<!\d)\d{{1,2}}月(?:份|底|初|中旬|上旬|下旬)?"
    rf"|(?<![\d.])\d{{1,2}}[日号號](?![\d元])|(?<![\d.])(?:1[89]|20)\d{{2}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d)|(?<![\d.])\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\d)"
    rf"|(?<!\d)\d{{1,2}}(?::\d{{2}})?\s?(?i:a\.m\.|p\.m\.|am\b|pm\b)|(?<!\d)\d{{1,2}}[时時](?:\d{{1,2}}分)?|{_MONTHS}\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s\d{{4}})?(?!\d)"
    rf"|\d{{1,2}}\s{_MONTHS}(?:\s\d{{4}})?|{_MONTHS}\s\d{{4}})"
    rf"|(?P<yearword>(?<![\d$€£¥.,])(?P<year>(?:1[89]|20)\d{{2}})(?:年代|年度|年|s\b|(?!{_YEAR_STOP})))"
    rf"|(?P<listnum>(?:^|(?<=\n))[ \t]*(?:\(\d{{1,3}}\)|\d{{1,3}}[.)]\)?|[a-z][.)]\)?|#\d+)(?=\s)|\(\d{{1,2}}\)(?=\s)|(?<!\S)\d{{1,3}}\.\)(?=\s)|(?i:No\.|Nos\.|#)\s?\d+)"
    rf"|(?P<compound>\b(?:\d+(?:st|nd|rd|th)|(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|half))[-‐](?i:quarter|half|largest|biggest|highest|lowest|place|round|year|tier|generation|party|class|degree|rate|hand|time|grade|best|worst|most)\w*)"
    rf"|(?P<ordinal>第(?P<ord>\d+|[{_CN}]+)|(?<!\d)(?P<ordn>\d+)(?:st|nd|rd|th)\b|\b(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)"
    rf"|(?P<schedule>(?<!\d)\d+\s?[×xX*]\s?\d+(?P<sunit>小时|小時|天|h\b)?)"
    rf"|(?P<ratio>(?<![\d.])(?P<ra>\d+(?:\.\d+)?)\s?(?::|：|比)\s?(?P<rb>\d+(?:\.\d+)?)(?!\d))"
    rf"|(?P<range>(?<![A-Za-z\d])(?<![A-Za-z\d]-)(?!0\d)(?P<rlow>{_RANGE_END})(?P<lmult>{_MULT})?(?P<lpct>%|％)?(?P<lcur>{_CURWORD})?(?P<lunit>{_UNITS})?"
    rf"\s?(?:-|–|—|~|～|〜|至|到|(?P<rcomma>、)(?=[二三四五六七八九十]))\s?(?P<rhigh>{_RANGE_END})"
    rf"(?P<rmult>{_MULT})?(?P<rpct>%|％)?(?P<rcur>{_CURWORD})?\s?(?P<runit>{_UNITS})?(?P<rtail>左右|上下|之间|之間)?)"
    rf"|(?P<vague>(?P<vtok>(?:数|數|几|幾|好几|好幾|上)(?:十万|十萬|百万|百萬|千万|千萬|十|百|千|万|萬|亿|億)|[二三四五六七八九]?十几|[二三四五六七八九]?十幾|成千上万|成千上萬|成百上千"
    rf"|(?i:several\s(?:hundred|thousand|million|billion)|(?:hundreds|thousands|millions|billions|tens\sof\sthousands)\sof))"
    rf"(?P<vcur>{_CURWORD})?(?:(?P<vunit>{_UNITS})|\s(?:[a-z]+\s(?=(?i:{_EN_UNITS})\b))?(?P<veunit>(?i:{_EN_UNITS}))\b)?)"
    rf"|(?P<cnpct>百分之(?P<bpct>[{_CN}点點.．\d]+)(?P<ctail>{_TAIL})?)"
    rf"|(?P<fraction>(?:(?P<fden>(?<!\d)\d+|{_CNNUM})分之(?P<fnum>\d+|{_CNNUM})|(?P<cheng>(?:[一二两兩三四五六七八九十]|(?<![\d.])\d)成(?:(?P<chalf>半)|(?P<chd>[一二三四五六七八九])(?![般样樣致定些直起同]))?)(?![为為本立功果员員绩績长長熟交就都了])"
    rf"|一半|(?i:(?P<ennum>a(?=[\s-]\w+\s+of\b)|one|two|three|four|five|six|seven|eight|nine)[\s-](?P<enden>third|quarter|fifth|sixth"
    rf"|seventh|eighth|ninth|tenth)s?\b|half\sof))"
    rf"(?P<ftail>{_TAIL})?)"
    rf"|(?P<amount>(?<![A-Za-z\d])(?<![A-Za-z\d][-+＋])(?P<neg>[负負])?(?P<cur>{_CURPRE})?(?P<num>{_MIXEDNUM}|{_ARABIC}|{_CNNUM})(?![\d.,]{{0,12}}[+＋]\d)"
    rf"(?P<post0>\s?(?:{_POST}))?(?P<mult>{_MULT})?(?P<post>{_POST})?(?P<half>[个個]半(?=小时|小時|月|钟头|鐘頭))?"
    rf"(?:(?P<pct>{_PCT}|\s(?:%|％)|\s?(?i:bps?\b)|\s?[个個]?基点)|\s?(?P<curword>{_CURWORD})|\s?(?P<unit>{_UNITS})|{_EUNIT})?(?:\s?(?P<tail>{_TAIL}))?)"
    rf")"
)

HK_WORDS = ("香港", "港元", "港幣", "港币", "HK$", "港府", "港人", "特首", "立法會", "九龍", "新界", "港鐵")
TW_WORDS = ("台灣", "臺灣", "新台幣", "新臺幣", "NT$", "台北", "臺北", "立法院", "行政院", "台股", "國民黨", "民進黨",
            "台幣", "高雄", "台中", "台南", "縣市")
TRADITIONAL_ONLY = "這個們來時說為國會發經過對還與實點萬億歲學機關區價體運動當業務從後見長開門問題間電話網給統將應該無陸灣員處聯"
SIMPLIFIED_ONLY = "这个们来时说为国会发经过对还与实点万亿岁学机关区价体运动当业务从后见长开门问题间电话网给统将应该无陆湾员处联"


def is_bare_yuan(surface: str) -> bool:
    """True when the currency of ``surface`` is only 元 (or 块钱): no 人民币/RMB/¥ that fixes it as CNY."""
    return not any(w in surface for w in ("人民币", "人民幣", "RMB", "CNY", "¥", "￥"))


ONE_OK = frozenset("年 天 日 周 週 月 个月 個月 小时 小時 分钟 分鐘 秒 倍 公里 米 公尺 公斤 吨 噸 席 组 組 成 半".split())
"""Units after which 一 is an amount (一年, 一倍, 一席), not the article-like 一 of 一场, 一家."""

_VAGUE_SCALE = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
                "萬": 1e4, "十萬": 1e5, "百萬": 1e6, "千萬": 1e7, "億": 1e8,
                "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def vague_range(token: str) -> tuple[float | None, float | None]:
    """数千 → (2000, 9999), 十几 → (11, 19), 二十几 → (21, 29), several thousand → (2000, 9999)."""
    t = token.lower()
    t = t.replace("幾", "几").replace("數", "数")
    if t.endswith("十几"):
        tens = CN_DIGITS.get(t[0], 1) if len(t) == 3 else 1
        return tens * 10 + 1, tens * 10 + 9
    if t in ("成千上万", "成千上萬", "成百上千"):
        return (1000, 99_999) if t != "成百上千" else (100, 9999)
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
    low = 2 * scale
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
        tenths = parse_number((g["cheng"] or "").split("成")[0])
        half = 0.05 if g.get("chalf") else (CN_DIGITS[g["chd"]] / 100 if g.get("chd") else 0)
        return round(tenths / 10 + half, 10) if tenths is not None and tenths <= 10 else None
    if g.get("enden"):
        num = _EN_SMALL[(g["ennum"] or "").lower()]
        return round(num / _EN_DENOMINATORS[(g["enden"] or "").lower()], 10)
    words = {"一半": 0.5, "half of": 0.5}
    word = (g.get("fraction") or "").removesuffix(g.get("ftail") or "")
    return words.get(re.sub(r"\s+", " ", word.lower()))


def cn_percent(token: str) -> float | None:
    """百分之四十 → 0.4, 百分之三点五 → 0.035, 百分之15 → 0.15."""
    whole, _, frac = token.replace("点", ".").replace("點", ".").replace("．", ".").partition(".")
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
