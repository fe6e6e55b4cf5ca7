"""Chinese check-worthiness: a small logistic regression over cue features and hashed character n-grams.

The one idea, as in English: *cues explain, n-grams decide*.  Hand cue features — a number with a
measure word, a share, money, a comparison, a superlative, an attribution (说/表示/指/据/称…), an event
or ruling verb, a causal or trend verb, opinion, exhortation, a question, an exclamation, a missing
final punctuation mark, Traditional script — give the human-readable reasons and generalise across
outlets; hashed character uni-, bi- and tri-grams (CRC-32 into :data:`BUCKETS` slots) carry the rest.
A sentence is also read in its passage's *register* (:func:`passage_context`: told in the first person,
about a family, in a work report's verbs), which only the whole passage shows: a register is a feature
alone and crossed with the sentence's cues, so a figure in a life story can weigh less than in a report.
Everything is read on the *folded* text (:func:`.fold.fold`: Simplified, same length, so the weights
learned on one script serve the other), with full-width forms made half-width and digit runs
collapsed to ``0``.

The weights in ``data/zh_weights.bin`` were learned by ``benchmarks/train_checkworthy_zh.py`` on the train
split of the project's labelled real Chinese sentences (``benchmarks/data/zh/``); the file holds only
hashed bucket weights, no text.  The bias is shifted so that 0.5 is the threshold calibrated on the dev
split.  Quantities (from the quantity parser) only name reasons; the model does not read them, so the
weights do not depend on the parser's version.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

from . import linear
from ._lazy import lazy
from .fold import fold
from .quantities import Quantity

__all__ = ["score_zh", "features", "passage_context", "normalize_zh", "BUCKETS", "load_weights", "bucket"]

BUCKETS = 1 << 18

# The lookbehinds keep these linear: a number is tried from its first character only (a start inside a
# digit run or numeral run can never succeed where the run's start failed, so the matches are the same).
_NUM = r"(?:(?<!\d)(?<!\d[.,])\d+(?:[.,]\d+)*|(?<![零〇一二两三四五六七八九十百千万亿])[零〇一二两三四五六七八九十百千万亿]+|数|几|逾|近)"
_MEASURE = (r"(?:万|亿|千|百)?(?:多|余)?(?:个|人次|人|名|位|家|户|宗|起|件|项|条|次|例|辆|台|架|艘|座|所|间|栋|套|只|头|"
            r"吨|公斤|千克|克|斤|公里|千米|米|平方米|平方公里|亩|公顷|立方米|升|度|千瓦时|千瓦|瓦|小时|分钟|秒|天|日|周|年|"
            r"个月|岁|倍|成|股|张|份|批|片|支|枚|篇|部|场|届|期|轮|元|块|角|美元|港元|港币|欧元|英镑|日元|韩元|点|基点|"
            r"个百分点|百分点|%|‰|票|席|箱|包|袋|瓶|盒|剂|针|床|所|省|市|县|国|人民币)")
_PUSH = "坚持|坚决|切实|着力|大力|进一步|全面|深入|推动|推进|加快|加强|加大|强化|完善|优化|提升|促进|确保"  # a work report's verbs
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, lazy(pattern))
    for name, pattern in (
        ("measure", rf"{_NUM}{_MEASURE}"),
        ("digit", r"\d"),
        ("cn-numeral", r"[一二两三四五六七八九十百千万亿]{2,}|[一二两三四五六七八九十][个名人家位次项条件]"),
        ("percent", r"\d\s*[%‰]|百分之|百分点|[一二三四五六七八九十0-9]成(?![为功立员果熟长])"),
        ("money", r"[元$¥￥]|美元|港元|港币|欧元|英镑|日元|人民币|新台币|台币|nt\$|hk\$|us\$|美金|资金|投资|营收|收入|利润|亏损|罚款|补贴|预算"),
        ("big-number", r"\d{3,}|[万亿]"),
        ("date", r"(?<!\d)\d+月\d*日?|\d{4}年|[上下本今去明前]年|(?<![一二三四五六七八九十])[一二三四五六七八九十]+月|(?<!\d)\d+日|周[一二三四五六日]|昨[日天]|今[日天]|上午|下午|晚间"),
        ("comparison", r"同比|环比|按年|按月|按季|较(?:去年|上年|上月|前|同期|年初)|比(?:去年|上年|上月|前一日|前年)|增长|增加|增幅|"
                       r"下降|下跌|上涨|上升|下滑|回落|回升|升至|降至|跌至|涨至|增至|减少|减至|提高|降低|扩大|收窄|超过|超出|突破|"
                       r"高于|低于|多于|少于|翻番|翻倍|倍|跌|涨|升|降|报收|收报|收盘|收于|收市|达到|高达|达|共计|累计|合计|总计|逾|超"),
        ("superlative", r"最[高大长多低少快早深新好严重佳差]|首次|首个|首家|首位|首批|首度|第一|之最|纪录|历史新高|历史新低|历年|新高|新低|"
                        r"居首|冠军|排名|名列|位列|位居|前列|榜首|唯一"),
        ("attribution", r"说|表示|指出|称|据|报道|透露|介绍|强调|宣布|公布|通报|显示|证实|承认|否认|回应|指责|批评|质疑|"
                        r"指(?!导|引|挥|示|标|数|南)|坦言|直言|提到|告诉|声明|声称|问|答|发言人|记者|消息|获悉|了解到|援引|引述|转述"),
        ("named-source", r"(?:统计局|海关|央行|人民银行|银行|部|局|署|委|厅|法院|检察院|警方|政府|世卫|联合国|新华社|路透|美联社|协会|"
                         r"研究院|大学|公司|集团|医院|中心|交易所|办公室|委员会|议会|国会|总统|总理|主席|部长|市长|官员|专家)"
                         r"(?:数据|统计|表示|称|说|公布|通报|宣布|发布|显示|介绍|指出|报告|证实|发言人)"),
        ("event", r"举行|召开|开幕|闭幕|会见|会谈|出席|访问|抵达|签署|签订|发布|发生|爆发|逮捕|被捕|拘捕|拘留|起诉|控告|判处|判决|判|裁定|"
                  r"裁决|罚款|罚|死亡|身亡|遇难|丧生|受伤|伤亡|确诊|感染|病例|辞职|当选|任命|批准|通过|实施|施行|生效|启动|上线|"
                  r"推出|开通|成立|收购|并购|上市|关闭|停止|暂停|取消|禁止|撤销|撤回|解散|投票|选举|获得|获|夺得|举办|完成|建成|竣工|"
                  r"落成|开工|交付|发射|成功|失败|破获|查处|涉嫌|调查|搜查|冲突|袭击|爆炸|火灾|地震|事故|抗议|示威|游行|罢工"),
        ("causal", r"因为|由于|导致|造成|引发|引起|致使|使得|以致|因此|所以|结果|源于|归因|因(?!素|此)|致(?:死|病|癌)"),
        ("trend", r"连续|持续|逐年|逐月|逐步|不断|一直|创下|创|稳步|大幅|小幅|明显|显著|首超|仍"),
        ("policy", r"规定|条例|法律|法案|修例|立法|办法|通知|决定|意见|方案|政策|措施|标准|要求|许可|牌照|条款|合同|协议|草案|"
                   r"起施行|施行|印发|出台|审议通过|获得通过"),
        ("prediction", r"预计|预期|预测|预估|有望|将于|将会|即将|计划|拟|可望|料将|料|估计"),
        ("opinion", r"认为|觉得|相信|我想|看来|在我看来|或许|也许|恐怕|似乎|显然|毫无疑问|不可否认|说到底|归根结底|应当|应该|必须|务必|"
                    r"需要|亟需|亟待|希望|呼吁|建议|提醒|值得|不妨|可以说|其实|难免|真的|真是|太|非常|十分|极其|令人|感动|感谢|"
                    r"遗憾|可惜|幸好|幸亏|居然|竟然|一定|肯定"),
        ("exhortation", rf"^.{{0,8}}要|{_PUSH}|"
                        r"努力|奋斗|奋进|勇于|积极|扎实|持续推进|高质量|让我们|一起|携手|共同|号召"),
        ("rhetoric", r"既是.{1,20}也是|不是.{1,20}而是|不仅.{1,24}更|只有.{1,20}才|未来已来|之路|底色|号角|点赞|致敬|加油|"
                     r"哈哈|呵呵|嘻嘻|[😀-🙏🤣🤔👍❤♥]|\[[^\]]{1,6}\]|~|～|!!|！！"),
        ("question", r"[?？]|吗|呢[。！!]?$|难道|何不|为什么|为何|怎么|怎样|如何|谁|什么|哪|是否|多少|几时"),
        ("exclaim", r"[!！]"),
        ("first-person", r"我|咱|本人|笔者|小编"),
        ("second-person", r"你|您|大家|各位"),
        ("quote", r"[“「『\"]"),
        ("latin", r"[a-z]{3,}"),
        ("hashtag", r"#[^#]{1,30}#|【"),
        ("fragment", r"^.{0,6}$|网页链接|秒拍视频|的微博视频|http|t\.cn|记者|摄影|报导|报道╱|／|编辑|责任编辑|来源[:：]|转载|原标题|"
                     r"图[/／]|相关报道|延伸阅读|订阅|版权"),
        ("place-org", r"[省市县区镇村国州]|政府|部门|公司|集团|银行|大学|医院|法院|警方|警察|机构|组织|协会|联盟|交易所|议会|军"),
        ("list-marker", r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[、.．](?!\d)|[①-⑩])"),
        ("ends-terminal", r"[。！？!?.…]['\"”’」』)）\]】》]*$"),
        ("ends-colon", r"[:：]$"),
    )
)
_REASON_OF_CUE = {"comparison": "comparison", "superlative": "superlative", "attribution": "attribution",
                  "named-source": "named-source", "event": "event", "causal": "causal", "trend": "trend",
                  "policy": "policy", "prediction": "prediction", "opinion": "opinion", "exhortation": "opinion",
                  "rhetoric": "rhetoric", "question": "question", "quote": "quote"}
_REASON_OF_KIND = {"percent": "percentage", "points": "percentage", "money": "money", "fraction": "percentage",
                   "count": "quantity", "ratio": "statistic", "number": "statistic", "year": "date", "date": "date"}
_REASON_OF_REGISTER = {"ctx:first-person": "personal", "ctx:family": "personal"}  # a life story's figures
_DIGITS = lazy(r"\d+(?:[.,:]\d+)*")
_SPACE = lazy(r"\s+")
# cue pairs the linear model cannot form on its own
_PAIRS = (("measure", "comparison"), ("measure", "attribution"), ("attribution", "event"), ("measure", "opinion"),
          ("measure", "exhortation"), ("digit", "question"), ("attribution", "quote"), ("measure", "ends-terminal"),
          ("event", "date"), ("causal", "event"), ("measure", "prediction"), ("first-person", "opinion"))


# Passage registers: a figure or a quote means something else in a life story, a column or a work report than
# in a news report, and the sentence alone cannot tell.  A passage is of a register when a marker's matches per
# 100 characters of the whole (folded) passage reach a cut; a register is a feature alone and crossed with the
# sentence's own cues in _CROSSED.  Cuts: between the news sources' and the register's passages (train split).
_REGISTERS = (
    ("first-person", dict(_CUES)["first-person"], 0.4),
    ("family", lazy(r"爸|妈|父亲|母亲|阿嬷|阿公|奶奶|爷爷|外婆|儿子|女儿|太太|丈夫|老公|老婆|孩子|家人|弟弟|妹妹|哥哥|姐姐|孙"), 0.5),
    ("exhortation", lazy(_PUSH), 1.0),
)
_CROSSED = ("measure", "digit", "date", "money", "percent", "event", "attribution", "named-source", "quote",
            "first-person", "opinion", "place-org", "policy")


def passage_context(text: str) -> tuple[str, ...]:
    """The registers of a whole passage (or document) as feature names, e.g. ``ctx:family``."""
    folded = fold(text)  # the markers are Chinese characters: no width or case folding needed
    per = 100 / max(len(folded), 1)
    return tuple(f"ctx:{name}" for name, pattern, cut in _REGISTERS if len(pattern.findall(folded)) * per >= cut)


def normalize_zh(text: str) -> str:
    """The form the features read: folded to Simplified, half-width, lower case, digit runs → ``0``."""
    low = unicodedata.normalize("NFKC", fold(text)).lower()
    return _SPACE.sub(" ", _DIGITS.sub("0", low)).strip()


def features(text: str, quantities: list[Quantity],
             context: tuple[str, ...] = ()) -> tuple[set[int], list[str]]:
    """(feature buckets, reasons) for one Chinese sentence, in a passage of register ``context``
    (:func:`passage_context`; empty when the sentence stands alone).

    Cue features are names hashed by :func:`bucket`; character n-grams are hashed straight from the UTF-32
    bytes of the normalized text (CRC-32 continued from the CRC of their order's prefix), which is what
    keeps inference fast.
    """
    folded = fold(text)
    raw = unicodedata.normalize("NFKC", folded).lower().strip()
    norm = _SPACE.sub(" ", _DIGITS.sub("0", raw))
    names = ["bias", f"len:{min(len(norm) // 8, 12)}"]
    hits = set()
    for name, pattern in _CUES:
        if pattern.search(raw):
            hits.add(name)
            names.append(f"cue:{name}")
            if name in _COUNTED:
                names.append(f"cue:{name}:{min(len(pattern.findall(raw)), 3)}")
    if folded != text:
        names.append("cue:traditional")
    names += [f"pair:{a}+{b}" for a, b in _PAIRS if a in hits and b in hits]
    if "ends-terminal" not in hits:
        names.append(f"cue:no-terminal:{'short' if len(norm) < 20 else 'long'}")
    names += context
    names += [f"{c}+{h}" for c in context for h in _CROSSED if h in hits]
    buckets = {bucket(n) for n in names}
    u = f"^{norm}$".encode("utf-32-le")
    n = len(u) // 4
    crc = zlib.crc32
    for order, prefix in _NGRAM_PREFIX:
        width = 4 * order
        buckets.update(crc(u[i : i + width], prefix) & _MASK for i in range(0, 4 * (n - order + 1), 4))
    reasons = [_REASON_OF_CUE[h] for h, _ in _CUES if h in hits and h in _REASON_OF_CUE]
    reasons += [_REASON_OF_REGISTER[c] for c in context if c in _REASON_OF_REGISTER]
    if "ends-terminal" not in hits and "ends-colon" not in hits and len(norm) < 40:
        reasons.append("headline")
    kinds = [_REASON_OF_KIND.get(q.kind, "statistic") for q in quantities]
    if any(q.kind not in ("year", "date", "ordinal") for q in quantities):
        kinds.append("statistic")
    return buckets, kinds + reasons


def bucket(name: str) -> int:
    return zlib.crc32(name.encode("utf-8")) & _MASK


_MASK = BUCKETS - 1
_COUNTED = frozenset(("measure", "digit", "comparison", "attribution", "event"))
_NGRAM_PREFIX = tuple((order, zlib.crc32(f"{order}:".encode())) for order in (1, 2, 3))


def load_weights() -> tuple[dict[int, float], float]:
    """(bucket → weight, bias shift) from the packaged weights file, read once."""
    return linear.load_weights("zh_weights.bin")


def score_zh(text: str, quantities: list[Quantity],
             context: tuple[str, ...] = ()) -> tuple[float, tuple[str, ...]]:
    """Score a Chinese sentence (in a passage of register ``context``); reasons come from the cue features."""
    weights, shift = load_weights()
    buckets, reasons = features(text, quantities, context)
    score = linear.probability(weights, shift, buckets)  # binary features, as trained
    if score < 0.5:
        reasons = [r for r in reasons if r in _NEGATIVE] + [r for r in reasons if r not in _NEGATIVE]
    return score, tuple(dict.fromkeys(reasons))


_NEGATIVE = {"opinion", "question", "rhetoric", "headline", "prediction", "personal"}
