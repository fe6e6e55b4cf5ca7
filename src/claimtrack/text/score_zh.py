"""Rule-based check-worthiness for Chinese: weighted cues, summed into a logit, squashed to [0, 1].

The one idea: *a number is only weak evidence on its own*; what makes a Chinese news sentence
worth checking is a number that measures something (a unit, a currency, a share), the verbs that
compare (同比, 增长, 突破, 位居) and a source that asserts it (数据显示, 据…统计, 表示).  Opinion
markers (认为, 我们相信, 应当/必须/要), slogans (parallel 既是…也是…更是, 不是…而是…), questions and
exclamations pull the score down.  Weights were set by hand on a separate hand-labelled set
(tests/text/data/zh_checkworthy.tsv) and are meant to be read: each cue adds its weight and names a
reason.  A sentence with no cue at all scores sigmoid(BIAS) ≈ 0.1.
"""

from __future__ import annotations

import math
import re

from .quantities import Quantity

__all__ = ["score_zh"]

BIAS = -2.2

_CUES: tuple[tuple[str, float, re.Pattern[str]], ...] = tuple(
    (reason, weight, re.compile(pattern))
    for reason, weight, pattern in (
        ("comparison", 1.0, r"同比|环比|比上年|较(?:去年|上年|常年|前年|上届|上月)|增长|增加|增至|下降|上涨|下跌|下调|上调|提高|降低|减少|"
                            r"超过|突破|缩短|延长|翻番|翻了?一番|一倍|位居|位列|居全|排名|高于|低于|达到?|累计|共计|为\d"),
        ("superlative", 0.6, r"最[高大长多低少快早深]|首个|首次|首艘|首位|第一|之最|纪录|前列|历史新高|创.{0,6}新[高低]"),
        ("attribution", 0.9, r"数据显示|统计显示|调查显示|研究显示|报告显示|显示|据.{1,16}?(?:统计|数据|报道|介绍|测算|了解|悉|显示|公布|称)|"
                             r"表示|指出|介绍|透露|通报|公布|宣布|发布|获悉|研究发现|报告称|称[,，:：]"),
        ("named-source", 0.4, r"(?:统计局|海关|央行|银行|[部局署委厅]|世卫组织|联合国|新华社|美联社|协会|研究院|大学|公司|集团|医院|中心)"
                              r"(?:数据|统计|表示|称|公布|通报|宣布|发布|显示|介绍|指出|报告)"),
        ("policy", 1.4, r"起施行|施行|规定|签署|审议通过|获得通过|印发|出台|宣布将"),
        ("prediction", 0.3, r"预计|预期|预测|有望|将于|到20\d\d年"),
        ("opinion", -1.6, r"认为|我们相信|相信|我觉得|我想|在我看来|或许|也许|应当|应该|必须|务必|坚持|坚决|切实|希望|呼吁|建议|提醒|"
                          r"毫无疑问|不可否认|显然|说到底|归根结底|可以预见|有理由|值得|要(?:坚持|把|以|进一步|结合|切实|坚决|发挥)|^.{0,8}要"),
        ("rhetoric", -1.4, r"既是.{1,20}也是|不是.{1,20}而是|不仅.{1,24}更|只有.{1,20}才|让我们|一起向|就是金山|未来已来|"
                           r"[!！]\s*[)）]?$|之路|底色|号角|点赞|致敬|加油"),
        ("question", -2.5, r"[?？]\s*[”」]?$|吗[。]?$|难道|何不|为什么|怎样|如何|谁来"),
    )
)
_STRONG_KINDS = {"percent": 2.6, "points": 2.6, "money": 2.6, "fraction": 2.2, "count": 2.4, "ratio": 1.2}
_REASON_OF_KIND = {"percent": "percentage", "points": "percentage", "money": "money", "fraction": "percentage",
                   "count": "quantity", "ratio": "statistic", "number": "statistic", "year": "date", "date": "date"}
_HEADLINE = re.compile(r"[。！？!?.…;；”」)）]$")
_QUOTE = re.compile(r"“[^”]*\d[^”]*”")


def score_zh(text: str, quantities: list[Quantity]) -> tuple[float, tuple[str, ...]]:
    """Score a Chinese sentence; ``quantities`` are those parsed from it."""
    logit, reasons = BIAS + _quantity_weight(quantities, reasons := []), reasons
    for reason, weight, pattern in _CUES:
        if pattern.search(text):
            logit += weight
            reasons.append(reason)
    if _QUOTE.search(text):
        reasons.append("quote")
    if not _HEADLINE.search(text):
        logit -= 0.8
        reasons.append("headline")
    return 1 / (1 + math.exp(-logit)), tuple(dict.fromkeys(reasons))


def _quantity_weight(quantities: list[Quantity], reasons: list[str]) -> float:
    """The strongest quantity counts fully, each further one adds a little; dates add a little."""
    weights = []
    for q in quantities:
        reasons.append(_REASON_OF_KIND.get(q.kind, "statistic"))
        if q.kind in _STRONG_KINDS:
            measured = any(ch.isdigit() for ch in q.text) or q.qualifier == "range" or q.unit == "%"
            weights.append(_STRONG_KINDS[q.kind] if measured or q.kind == "fraction" else 1.3)
        elif q.kind in ("year", "date"):
            weights.append(1.0 if q.kind == "date" and ("日" in q.text or "年" in q.text) else 0.5)
        elif q.kind == "number":
            weights.append(_number_weight(q))
    if any(q.kind in _STRONG_KINDS for q in quantities):
        reasons.append("statistic")
    weights.sort(reverse=True)
    return sum(w * (1 if i == 0 else 0.25) for i, w in enumerate(weights[:4]))


def _number_weight(q: Quantity) -> float:
    """A bare number: strong with a unit (7×24小时) or when large (5亿), weak when small."""
    if q.unit or (q.value is not None and q.value >= 1000):
        return 1.6
    return 0.9 if q.value is None or q.value >= 10 else 0.3
