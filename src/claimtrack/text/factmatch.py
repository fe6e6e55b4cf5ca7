"""Has this been checked elsewhere? Judging a claim against a published fact-check.

Pure functions (no database). The one idea: a fact-check's `claimReviewed` and the claim a reviewer sees
are rarely the same size — a headline, one sentence, or a whole forwarded message with a share template, a
link and sometimes its own debunk below — so both sides are cut into *pieces* (the whole text without links
and share lines, and each sentence of each line) and every pair is scored *asymmetrically*: the fact-check is
the summary, so what counts is how much of its key content (n-grams, and its content words) the claim states.
The best-scoring pair that agrees decides; a better-scoring pair that states another number, date or name
vetoes (then the two are about another case of the same story).

Agreement — every guard tells what one side ADDS (a paraphrase: suggested, never confident) from what it
REPLACES (another claim). Amounts: every one the fact-check states must be the claim's too, exactly or rounded
down by the summary (超460万 for 4,608,206; a summary adds no precision), unless the claim states no figure of
that kind anywhere (then one is added); likewise its dates (6月24日 ≠ 7月24日, 8月初 ~ 8月4日), seasons and
periods (a year ≠ a month). Names (`text.factnames`): one standing, aligned, where the other side has another
(青岛 -> 大连, Japan / China has a surplus), or two names of one kind missing from each other (a place for a
place) is a replacement; handles, hashtags, a tweet's signature, a shortened or respelled name are not. A
negation on one side counts when the other side states what it denies (并未封城 / 已经封城), as do opposite
directions (rose / was cut) and antonyms. A confident match further needs near-identical wording; a suggestion
is only ever shown to a reviewer, nothing here merges anything.

Retrieval (`keys`): the claim index's own LSH keys of every piece, plus word keys (MinHash of the content
words, one word a key: a short summary inside a long message) and one key per stated figure (two significant
digits, so 4.6 million / 460万 / 4,608,206 meet — across languages too).

Across languages (a Chinese text against an English one): suggested, never confident, when the figures agree,
the Chinese side's dictionary glosses cover most of the English content words and its names.

Both scripts compare alike through `text.fold` (Simplified). What the standard library cannot do is injected
by the caller (`ingest.factchecks.install_matching_tools`): `install_tokenizer` (jieba: words with their kind —
place, person, organisation — plus a fast segmenter for content words) and `install_dictionary` (CC-CEDICT).
Without them Chinese names and negations are not compared, and nothing is matched across languages (numbers
still are).
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claimtrack.text import factnames, factnumbers
from claimtrack.text.fold import fold
from claimtrack.text.normalize import normalize
from claimtrack.text.segment import segment
from claimtrack.text.similarity import claim_keys, grams, long_enough, number_signature, one_sided, similarity

SUGGEST = 0.45  # least similarity (symmetric, or coverage of the shorter text) of the best piece pair
CONFIDENT = 0.8  # least similarity for a confident match (with the same numbers and a one-sided difference)
NEAR_SAME = 0.93  # similarity at which two-sided rewording still counts as confident
MAX_PIECES = 40  # most pieces taken from one text (a long message is judged on its first sentences)
MAX_PAIRS = 12  # most piece pairs judged, best-scoring first
VETO_MARGIN = 0.0  # a better pair asserting another number or name vetoes a weaker agreeing pair by this much
DENIED_WORDS = 2  # content words after a negation taken as what it denies (no mention of terrorism)
NEGATION_WINDOW = 1.5  # a claim piece this many times the fact-check's length is read for negation where they align
WORD_BANDS = 16  # word keys of a text (MinHash over its content words, one word a key)
_PRIME = (1 << 61) - 1
_HAN = re.compile(r"[\u4e00-\u9fff]")

_tokenizer: Callable[[str], list[tuple[str, str]]] | None = None  # text -> [(word, kind)]; kind "ns", "nr", "nt"…
_segmenter: Callable[[str], list[str]] | None = None  # text -> [word]: a fast segmentation, for content words
_dictionary: Callable[[str], tuple[str, ...]] | None = None  # Chinese word -> English glosses (CC-CEDICT)
_name_kind: Callable[[str], str | None] | None = None  # English name -> "ns", "nr" or "nt" (CC-CEDICT + jieba)
XL_SUGGEST = 0.4  # least share of an English text's content words a Chinese text's glosses must cover

_EN_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())
_ZH_NEGATIONS = frozenset("不 没 没有 未 未曾 并非 非 无 无法 别 勿 不是 不会 不能 从未 否认 并未".split())
_ANTONYMS = [frozenset(pair) for pair in (
    ("higher", "lower"), ("highest", "lowest"), ("high", "low"), ("increase", "decrease"), ("increased", "decreased"),
    ("increases", "decreases"), ("rise", "fall"), ("rose", "fell"), ("risen", "fallen"), ("rising", "falling"),
    ("up", "down"), ("more", "less"), ("more", "fewer"), ("gain", "loss"), ("gained", "lost"), ("won", "lost"),
    ("grew", "shrank"), ("climbed", "dropped"), ("climbed", "fell"), ("raised", "cut"), ("raise", "cut"),
    ("support", "oppose"), ("supported", "opposed"), ("true", "false"), ("legal", "illegal"), ("safe", "unsafe"),
    ("上升", "下降"), ("增加", "减少"), ("增长", "下降"), ("增长", "减少"), ("提高", "降低"), ("升高", "降低"), ("上涨", "下跌"),
    ("涨", "跌"), ("升", "降"), ("高", "低"), ("多", "少"), ("增", "减"), ("扩大", "缩小"), ("支持", "反对"), ("真", "假"),
    ("合法", "违法"), ("安全", "危险"), ("有效", "无效"), ("盈利", "亏损"), ("顺差", "逆差"), ("最高", "最低"))]
_NAME_KINDS = ("ns", "nr", "nt", "nrt", "nrfg")  # jieba: place, person, organisation names
_PLACE_SUFFIX = re.compile(r"(?<=..)(?:省|市|区|县|州|镇|乡|村|特别行政区|自治区)$")
# Capitalised words (DeVos, McDonald) or an acronym, not opening a sentence or a quote.
_EN_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)*"
_EN_NAME = re.compile(rf"(?<![.!?:]\s)(?<![“\"(])(?<!^)\b(?:{_EN_WORD}"
                      rf"(?:\s+(?:[A-Z]\.\s+|(?:of|for|of the)\s+)?{_EN_WORD})*"  # Academy of Sciences, Robert E. Lee
                      r"|[A-Z]{2,}|(?:[A-Z]\.){2,})")
_EN_FIRST_NAME = re.compile(r"\W*([A-Z][a-z]+(?:[A-Z][a-z]+)*(?:\s+[A-Z][a-z]+(?:[A-Z][a-z]+)*)*)\b(?!['’]t)")
_OPENERS = frozenset("look whether right instead well now here today yesterday yes since when while if because although "
                     "though so then also again let just even only every last next first second third once what why "
                     "how where who which whatever unless until after before despite however meanwhile indeed "
                     "actually basically frankly listen remember imagine think see".split())  # sentence openers
_EN_NOT_NAMES = frozenset("i i'm i've i'd we you he she they it the a an and but or so if in on at of for by "
                          "this that these those there here mr mrs ms dr my our your his her their".split())
_EN_NOT_NAMES |= frozenset("january february march april may june july august september october november december "
                           "monday tuesday wednesday thursday friday saturday sunday".split())  # compared as dates

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9.-]+\.(?:com|net|org|tw|cn|hk|cc|me|ly|gl)/\S*", re.I)
# Lines that only ask to pass the message on (or name where it came from): never part of what is claimed.
_SHARE = re.compile(
    r"^\W*(?:请|請|快|大家|麻烦|麻煩|拜托|拜託)?[^\n]{0,12}(?:转发|轉發|转传|轉傳|分享|扩散|擴散|传出去|傳出去|告诉|告訴)"
    r"[^\n]{0,30}$|^[^\n]{0,6}不(?:转|轉|传|傳)[^\n]{0,12}$|^\W*(?:please\s+)?(?:share|forward|pass (?:this|it) on|spread the word)\b[^\n]{0,60}$|"
    r"^\W*(?:line|wechat|微信|facebook|fb)\W*$", re.I | re.M)


@dataclass(frozen=True)
class Judgement:
    """How a claim compares with a fact-check: best piece similarity, and whether it is suggested/confident."""

    similarity: float
    suggested: bool
    confident: bool
    reason: str  # "same numbers", "different numbers", "reworded", "too far apart", ...


def install_tokenizer(tokenizer: Callable[[str], list[tuple[str, str]]] | None,
                      segmenter: Callable[[str], list[str]] | None = None) -> None:
    """Use `tokenizer(text) -> [(word, kind)]` for Chinese words and names (None: compare no Chinese words),
    and `segmenter(text) -> [word]` (default: the tokenizer's words) for the content words that index keys
    and coverage read — whole article texts go through it, so it should be fast."""
    global _tokenizer, _segmenter
    _tokenizer = tokenizer
    _segmenter = segmenter if segmenter is not None or tokenizer is None else (lambda t: [w for w, _ in tokenizer(t)])
    _words.cache_clear()
    _content.cache_clear()
    _kind.cache_clear()


def install_dictionary(lookup: Callable[[str], tuple[str, ...]] | None,
                       name_kind: Callable[[str], str | None] | None = None) -> None:
    """Use `lookup(simplified_word) -> English glosses` to judge a Chinese text against an English one, and
    `name_kind(english_name) -> "ns" | "nr" | "nt" | None` to tell what an English name is (see `_kind`)."""
    global _dictionary, _name_kind
    _dictionary, _name_kind = lookup, name_kind
    _glossed.cache_clear()
    _kind.cache_clear()


def dictionary_installed() -> bool:
    return _dictionary is not None


def tokenizer_installed() -> bool:
    return _tokenizer is not None


def matchable(text: str) -> str:
    """`text` without links, share templates and "forward this" lines, whitespace folded."""
    text = _SHARE.sub(" ", _URL.sub(" ", text))
    return " ".join(text.split())


def pieces(text: str, most: int = MAX_PIECES) -> list[str]:
    """The whole matchable text, then each sentence of each of its lines long enough to mean something.

    Lines count as sentence ends: a forwarded message's headline, its "谣言" label line and its body are
    separate statements even without punctuation between them.
    """
    whole = matchable(text)
    if not whole:
        return []
    found = [whole]
    cleaned = _SHARE.sub(" ", _URL.sub(" ", text))
    for line in cleaned.splitlines():
        line = " ".join(line.split())
        for sentence in segment(line) if line else ():
            piece = sentence.text.strip()
            if piece != whole and piece not in found and long_enough(normalize(piece)):
                found.append(piece)
            if len(found) >= most:
                return found
    return found


def keys(text: str, most: int = MAX_PIECES) -> set[int]:
    """The index keys of `text`: LSH keys of its first `most` pieces, and word keys of its content words.

    The piece keys are `similarity.claim_keys` (the claim index's own keys, so a fact-check is found from a
    claim's keys too); the WORD_BANDS word keys (MinHash of the content words, one word a key) find a short
    summary inside a long message whose n-gram sets are far apart (on the dev pairs: 67 of 68 same pairs
    share a key, against 53 with piece keys alone). All are integers in the same key column.
    """
    folded = fold(text)
    found = {k for piece in pieces(folded, most) for k in claim_keys(normalize(piece))}
    return found | set(_word_keys(_content(matchable(folded)))) | set(_number_keys(matchable(folded)))


def _number_keys(text: str) -> tuple[int, ...]:
    """One key per amount stated (two significant digits, cut down): the same figure in any language or
    wording (4,608,206 / 超460万 / 4.6 million) shares it, which is how a Chinese claim finds an English check."""
    out = set()
    for kind, value, _ in factnumbers.amounts(text):
        if kind in factnumbers.EXACT_KINDS or value <= 0:
            continue
        magnitude = math.floor(math.log10(value)) - 1
        cut = math.floor(value / 10.0 ** magnitude + 1e-9)
        label = f"{'p' if kind == 'percent' else 'n'}:{cut}e{magnitude}"
        out.add(int.from_bytes(hashlib.blake2b(label.encode(), digest_size=8).digest(), "big") >> 1)
    return tuple(sorted(out))


def _word_keys(words: frozenset[str]) -> tuple[int, ...]:
    if not words:
        return ()
    hashes = [int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "big") for w in sorted(words)]
    out = []
    for band, (a, b) in enumerate(_word_permutations()):
        low = min((a * h + b) % _PRIME for h in hashes)
        out.append(int.from_bytes(hashlib.blake2b(f"w{band}:{low}".encode(), digest_size=8).digest(), "big") >> 1)
    return tuple(sorted(set(out)))


@lru_cache(maxsize=1)
def _word_permutations() -> tuple[tuple[int, int], ...]:
    rng = random.Random(20261201)  # fixed: stored keys must not change between runs
    return tuple((rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(WORD_BANDS))


def judge(claim: str, factcheck: str) -> Judgement:
    """Compare a claim (or a whole message) with a fact-check's claim text.

    Asymmetric: the fact-check is the summary. Every pair of pieces is scored; the best-scoring pair that
    agrees (numbers, dates, periods, names, negation, direction) decides, unless a better-scoring pair
    asserts a different number or name (then the texts are about another case of the same story).
    """
    if _dictionary is not None and _across(claim, factcheck):
        return _judge_across(claim, factcheck)
    pairs = []
    fc_pieces = [(b, normalize(b)) for b in pieces(fold(factcheck))]
    for a in pieces(fold(claim)):
        a_norm = normalize(a)
        for b, b_norm in fc_pieces:
            if a_norm and b_norm:
                pairs.append((_score(a, b, a_norm, b_norm), a, b))
    if not pairs:
        return Judgement(0.0, False, False, "nothing to compare")
    pairs.sort(key=lambda p: -p[0])
    first: Judgement | None = None
    whole = matchable(fold(claim))
    for score, a, b in pairs[:MAX_PAIRS]:
        score = round(min(score, 1.0), 4)
        if score < SUGGEST:
            break
        verdict = _decide(score, a, b, whole)
        if verdict.suggested:
            if first is not None and first.reason in _VETO and first.similarity - score >= VETO_MARGIN:
                return first
            return verdict
        first = first or verdict
    return first or Judgement(round(min(pairs[0][0], 1.0), 4), False, False, "too far apart")


def _score(a: str, b: str, a_norm: str, b_norm: str) -> float:
    return _containment(a_norm, b_norm) or max(similarity(a, b, a_norm, b_norm), _coverage(a_norm, b_norm),
                                               _content_coverage(a, b))


def _decide(score: float, a: str, b: str, whole: str) -> Judgement:
    """The judgement of one piece pair (claim piece `a` of the claim's text `whole`, fact-check piece `b`)."""
    numbers = factnumbers.compare(a, b, whole)
    if numbers == "different numbers" or numbers == "different dates" or numbers == "different period":
        return Judgement(score, False, False, numbers)
    conflict = _word_conflict(a, b, whole)
    if conflict:
        return Judgement(score, False, False, conflict)
    if numbers != "same":
        return Judgement(score, True, False, numbers)
    a_norm, b_norm = normalize(a), normalize(b)
    confident = score >= CONFIDENT and (score >= NEAR_SAME or one_sided(a, b, a_norm, b_norm)) and \
        number_signature(a) == number_signature(b) and _names(a, b, _words(a)[1], _words(b)[1]) is None
    stated = factnumbers.amounts(a) or factnumbers.dates(a)
    return Judgement(score, True, confident, "same numbers" if stated else "reworded")


_VETO = frozenset({"different numbers", "different dates", "different names", "different period"})


# A fact-check's opener saying where the claim circulates: not part of what is claimed.
_ATTRIBUTION = re.compile(r"^(?:网传|網傳|有消息称|消息称|有人称|传言|据传|据报道|视频称|网传视频(?:称|显示)?|帖文称|"
                          r"网文称|有帖子称|claim|viral posts? (?:claims?|says?)|social media posts? (?:claims?|says?)|"
                          r"a claim that|claims? that)\s*[:：,，]?\s*", re.I)
_STOP_EN = frozenset("the a an and or but of to in on at for by with from as is are was were be been being has have had "
                     "it its this that these those there their they them he she his her we our us you your i me my "
                     "will would can could should may might do does did not no so than then also about more most "
                     "says said say claim claims according post posts viral social media shows show video".split())
_STOP_ZH = frozenset("网传 视频 称 显示 表示 的 了 是 在 和 与 及 将 已 已经 有 为 对 等 都 也 就 被 把 这 那 其 之 一 个 "
                     "据 据悉 消息 报道 目前 今天 今日 近日 日前 记者 新闻 我们 你们 他们 大家 一个 一名 一些 这个 这些 "
                     "它 他 她 我 你".split())

_UP = frozenset("higher more rise rose risen rising increase increased increases increasing grew grow growing gain "
                "gained up climbed greater larger bigger above exceeded 高出 高于 上升 增加 增长 提高 升高 上涨 扩大 攀升 激增 暴涨".split())
_DOWN = frozenset("lower less fewer fall fell fallen falling decrease decreased decreases decreasing shrank shrink "
                  "loss lost down dropped declined decline smaller below cut cuts slashed reduced 下降 减少 降低 下跌 缩小 下滑 骤降 暴跌".split())


def _core(text: str) -> str:
    return _ATTRIBUTION.sub("", text.strip())


def _coverage(a_norm: str, b_norm: str) -> float:
    """How much of the shorter text the longer one contains (n-grams), after a fact-check's "网传 …" opener.

    A fact-check summarises: its few words are all in the claim, which says more. Discounted a little, so that
    a symmetric near-copy still ranks above a mere summary.
    """
    a_norm, b_norm = _ATTRIBUTION.sub("", a_norm), _ATTRIBUTION.sub("", b_norm)
    a_grams, b_grams = grams(a_norm), grams(b_norm)
    if not a_grams or not b_grams:
        return 0.0
    shorter, longer = sorted((a_grams, b_grams), key=len)
    return 0.9 * len(shorter & longer) / len(shorter)


@lru_cache(maxsize=4096)
def _content(text: str) -> frozenset[str]:
    """Content words: English words (not stop words, crudely stemmed), Chinese words of two or more characters."""
    core = _core(text)
    lowered = core.casefold().replace("’", "'")
    found = {_stem(w) for w in re.findall(r"[a-z][a-z'-]+", lowered) if w not in _STOP_EN and len(w) > 2}
    if _segmenter is not None and _HAN.search(core):
        found |= {w for w in _segmenter(core) if len(w) >= 2 and _HAN.search(w) and w not in _STOP_ZH}
    return frozenset(found)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def _content_coverage(a: str, b: str) -> float:
    """Share of the fact-check's content words (by length) that the claim states, discounted like `_coverage`.

    A Chinese word counts as stated when the claim's text contains it (segmentation differs between a short
    summary and a long message); an English word when the claim has it (stemmed).
    """
    words_b = _content(b)
    if len(words_b) < 2:
        return 0.0
    words_a = _content(a)
    a_text = _core(a)
    total = sum(len(w) for w in words_b)
    found = sum(len(w) for w in words_b if w in words_a or (_HAN.search(w) and w in a_text))
    return 0.9 * found / total


def _aligned(a: str, b: str, factor: float = 3) -> str:
    """The part of a claim piece `a` over `factor` times as long as the fact-check piece `b` that `b` lines up
    with (else `a`)."""
    if len(a) <= factor * len(b):
        return a
    hit = fuzz.partial_ratio_alignment(_core(b).casefold(), a.casefold())
    if hit is None:
        return a
    pad = max(4, len(b) // 2)
    return a[max(0, hit.dest_start - pad):hit.dest_end + pad]


def _word_conflict(a: str, b: str, whole: str = "") -> str | None:
    """Why two alike texts (claim piece `a` of the claim's text `whole`, fact-check piece `b`) still make
    different claims: a replaced name, a one-sided negation, an antonym."""
    a_words, a_names = _words(a)
    b_words, b_names = _words(b)
    names = _names(a, b, a_names, b_names)
    if names == "different names":
        return names
    window = _aligned(a, b, NEGATION_WINDOW)
    a_words = _words(window)[0]
    a_denied, b_denied = _denied(window), _denied(b)  # the claim's negations where b lines up
    whole = whole or a  # what b denies must not be stated anywhere in the claim
    if _contradicts(a_denied, b, b_denied) or _contradicts(b_denied, whole, _denied(whole)):
        return "negation on one side"
    a_up, a_down = bool(a_words & _UP), bool(a_words & _DOWN)
    b_up, b_down = bool(b_words & _UP), bool(b_words & _DOWN)
    if (a_up != a_down) and (b_up != b_down) and a_up != b_up:
        return "opposite words"
    for pair in _ANTONYMS:
        x, y = tuple(pair)
        if (x in a_words and y in b_words and y not in a_words and x not in b_words) or \
                (y in a_words and x in b_words and x not in a_words and y not in b_words):
            return "opposite words"
    return None


_NEGATIONS_ALL = _EN_NEGATIONS | _ZH_NEGATIONS | frozenset("并不 并不是 并没有 绝非 毫无 不要 不得 不再 不必 不用 不可 并无".split())
_NOT_NEGATION = frozenset("不同 不少 不断 不仅 不过 不久 不但 不论 不管 不足 不止 不到 未来 未知 无论 非常 非典 没想到 "
                          "不得不 不由 不少于 无数 无疑".split())




def _denied(text: str) -> list[str]:
    """What the negations of `text` deny: the rest of a Chinese word opening with one (不能治愈 -> 治愈, 不进 -> 进),
    else the first DENIED_WORDS content words after it in its clause ("" when none: it counts against anything)."""
    tokens = _ordered_words(text)
    out = []
    for i, token in enumerate(tokens):
        rest = _negation_rest(token)
        if rest is None or (token == "not" and tokens[i + 1:i + 2] and tokens[i + 1] in _NOT_ONLY_WORDS):
            continue  # "not just a tragedy of …, but …": no denial
        if rest:
            out.append(rest)
            continue
        following: list[str] = []
        for word in tokens[i + 1:]:
            if _CLAUSE_END.match(word) or len(following) == DENIED_WORDS:
                break
            following += [word] if _is_content(word) else []
        out += following or [""]
    return out


def _contradicts(denied: list[str], other: str, other_denied: list[str]) -> bool:
    """Whether `other` states what `denied` denies (并未封城 / 已经封城) and denies none of it itself (no mention
    / not mentioned); a bare negation ("") contradicts a text that denies nothing."""
    if any(x and y and (_stem(x) == _stem(y) or (_HAN.match(x) and (x in y or y in x)))
           for x in denied for y in other_denied):
        return False  # both deny it (没把它称作 / 没有被称作)
    return any(_states(other, word) if word else not other_denied for word in denied)


def _negation_rest(word: str) -> str | None:
    """None unless `word` is or opens with a negation; then what follows it inside the word ("" for none)."""
    if word in _NOT_NEGATION:
        return None
    if word in _NEGATIONS_ALL or word.endswith("n't"):
        return ""
    if _HAN.match(word):
        opener = max((n for n in _NEGATIONS_ALL if _HAN.match(n) and word.startswith(n)), key=len, default="")
        if opener and (len(opener) >= 2 or opener in "不没未"):
            return word[len(opener):]
    return None


def _ordered_words(text: str) -> list[str]:
    """The words of `text` in order, punctuation kept as clause ends: Chinese through the tokenizer."""
    if _tokenizer is not None and _HAN.search(text):
        return [w.casefold() for w, _ in _tokenizer(text) if w.strip()]
    return re.findall(r"[a-z]+(?:'[a-z]+)?|n't|[^\w\s]", text.casefold().replace("’", "'"))


def _is_content(word: str) -> bool:
    if _HAN.match(word):
        return word not in _STOP_ZH and _negation_rest(word) is None
    return len(word) > 2 and word not in _STOP_EN and word not in _NOT_CONTENT and _negation_rest(word) is None


def _states(text: str, word: str) -> bool:
    """Whether `text` states `word` (a Chinese word as a substring, an English one stemmed); "" is anything."""
    if word in _UP or word in _DOWN:  # 并无增加 against 高出了15%: any change of direction states it
        return bool(_words(text)[0] & (_UP | _DOWN))
    if not word or _HAN.match(word):
        return word in text
    return _stem(word) in {_stem(w) for w in _words(text)[0]}


_CLAUSE_END = re.compile(r"^[^\w\s'\u4e00-\u9fff]+$")
_NOT_ONLY_WORDS = frozenset("just only merely".split())
_NOT_CONTENT = frozenset("even longer ever yet just only single really always once get got any".split())


def _names(a: str, b: str, a_names: frozenset[str], b_names: frozenset[str]) -> str | None:
    """"different names" when a name stands where the aligned other side has another (青岛 -> 大连), "names
    added" when both sides name what the other does not but nothing lines up as a swap, else None (one side
    merely adding a name is a paraphrase). The rules are `text.factnames`'."""
    missing_a = factnames.missing(a_names, b_names, b)
    missing_b = factnames.missing(b_names, a_names, a)
    core = _core(b)
    if any(factnames.replaced(n, core, _aligned(a, b), missing_a) for n in missing_b) or \
            any(factnames.replaced(n, _aligned(a, b, 1.5), core, missing_b) for n in missing_a):
        return "different names"
    kinds_a = {_kind(n) for n in missing_a} - {None}
    if kinds_a & {_kind(n) for n in missing_b} or \
            any(factnames.same_head(x, y) for x in missing_a for y in missing_b):
        return "different names"  # a place for a place, an office for an office: the same role, another name
    return "names added" if missing_a and missing_b else None


_DEMONYMS = (("ese", ""), ("ese", "a"), ("ians", "ia"), ("ian", "ia"), ("ian", "y"), ("ans", "a"), ("an", "a"),
             ("n", ""), ("s", "y"), ("ish", ""))


@lru_cache(maxsize=4096)
def _kind(name: str) -> str | None:
    """"ns" place, "nr" person, "nt" organisation, or None: a Chinese name's by the tokenizer, an English one's
    by the installed `name_kind` (its last word's for a longer name: President Obama, George Bush)."""
    if _HAN.search(name):
        words = _tokenizer(name) if _tokenizer is not None else []
        kind = words[0][1] if len(words) == 1 else None
    elif _name_kind is not None:
        kind = _name_kind(name) or (_name_kind(name.split()[-1]) if " " in name else None)
        if kind is None and " " not in name:  # Chinese -> China, Japanese -> Japan, Germans -> Germany
            kind = "ns" if any(_name_kind(name[:-len(end)] + stem) == "ns" for end, stem in _DEMONYMS
                               if name.endswith(end) and len(name) > len(end) + 2) else None
    else:
        kind = None
    return "nr" if kind in ("nrt", "nrfg") else kind if kind in ("ns", "nr", "nt") else None


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words, names) of a text: English by spelling and capitals, Chinese through the installed tokenizer."""
    lowered = text.casefold().replace("’", "'")
    words = set(re.findall(r"[a-z]+(?:'[a-z]+)?", lowered)) | ({"n't"} if "n't" in lowered else set())
    names = _english_names(text)
    if _tokenizer is not None and _HAN.search(text):
        for word, kind in _tokenizer(text):
            words.add(word)
            if kind in _NAME_KINDS and len(word) >= 2:
                names.add(factnames.ALIASES.get(word, _PLACE_SUFFIX.sub("", word)))
    return frozenset(words), frozenset(names)


def _english_names(text: str) -> set[str]:
    """Names by capitals, read in the text's own part (`factnames.body`: no tweet signature, handles or
    hashtags), none when it is written in headline case; a middle initial left out (Donald J. Trump)."""
    own = factnames.body(text)
    if factnames.headline_case(own):
        return set()
    found = [m.group() for m in _EN_NAME.finditer(own)]
    first = _EN_FIRST_NAME.match(own)  # Greece spends …: a name opening the text, unless a common opener
    if first and first.group(1).split()[0].casefold() not in _STOP_EN | _EN_NOT_NAMES | _STARTERS | _OPENERS:
        found.append(first.group(1))
    names = (_INITIAL.sub("", name.casefold()) for name in found)
    return {factnames.ALIASES.get(name, name) for name in names if name not in _EN_NOT_NAMES}


_INITIAL = re.compile(r"(?<=\s)[a-z]\.\s+")


def _containment(a_norm: str, b_norm: str) -> float | None:
    """A short claim quoted whole inside a longer text reads as the same claim (0.95), when long enough."""
    a_norm, b_norm = _ATTRIBUTION.sub("", a_norm), _ATTRIBUTION.sub("", b_norm)
    shorter, longer = sorted((a_norm, b_norm), key=len)
    if shorter != longer and long_enough(shorter) and shorter in longer:
        return 0.95
    return None


# --- Across languages (issue 20, item 4): a Chinese text against an English one ---------------------------------

def _across_stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ied", "ies", "ed", "es", "s", "d"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[:-len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
    return word


def _english_words(text: str) -> frozenset[str]:
    """The English content words compared across languages: letters only, stop words and figures' words out."""
    words = re.findall(r"[a-z]+", _core(text).casefold().replace("'s", "").replace("’s", ""))
    return frozenset(_across_stem(w) for w in words if w not in _STOP_EN and w not in _ACROSS_STOP and len(w) > 2)


def _dictionary_words(text: str) -> list[str]:
    """`text` cut into the longest dictionary headwords, left to right (新冠病毒 -> 新冠, 病毒)."""
    words, i = [], 0
    while i < len(text):
        for size in range(min(_LONGEST_WORD, len(text) - i), 0, -1):
            if size == 1 or (_HAN.match(text[i]) and _dictionary(text[i:i + size])):
                if _HAN.match(text[i]):
                    words.append(text[i:i + size])
                i += size
                break
    return words


def _across(a: str, b: str) -> bool:
    return _mostly_han(a) != _mostly_han(b)


def _mostly_han(text: str) -> bool:
    letters = re.findall(r"[^\W\d_]", text)
    return bool(letters) and 2 * len(_HAN.findall(text)) >= len(letters)


def _judge_across(claim: str, factcheck: str) -> Judgement:
    """Suggested when the figures agree (the fact-check states at least one, and all it states are the
    claim's), the Chinese side's dictionary glosses cover most of the English side's content words, and the
    English side's names are among those glosses. Never confident: a reviewer reads both languages."""
    zh, en = (fold(claim), factcheck) if _mostly_han(claim) else (fold(factcheck), claim)
    best: Judgement | None = None
    for a in pieces(fold(claim)):
        for b in pieces(fold(factcheck)):
            z, e = (a, b) if _mostly_han(claim) else (b, a)
            verdict = _across_pair(a, b, z, e)
            if best is None or (verdict.suggested, verdict.similarity) > (best.suggested, best.similarity):
                best = verdict
    del zh, en
    return best or Judgement(0.0, False, False, "nothing to compare")


def _across_pair(a: str, b: str, zh: str, en: str) -> Judgement:
    english = _english_words(en)
    if len(english) < 2:
        return Judgement(0.0, False, False, "too far apart")
    glossed = _glossed(zh)
    found = sum(1 for w in english if w in glossed)
    score = round(found / len(english), 4)
    if score < XL_SUGGEST:
        return Judgement(score, False, False, "too far apart")
    if not factnumbers.amounts(b):
        return Judgement(score, False, False, "no figure to compare")
    numbers = factnumbers.compare(a, b)
    if numbers.startswith("different"):
        return Judgement(score, False, False, numbers)
    names = {n for n in _words(en)[1] if n not in _EN_NOT_NAMES}
    first = re.match(r"\W*([A-Z][a-z]+)", _core(en))  # a name opening the sentence (Brazil has …)
    if first and first.group(1).casefold() not in _STOP_EN | _EN_NOT_NAMES | _STARTERS:
        names.add(first.group(1).casefold())
    def known(part: str) -> bool:  # British ~ Britain: a demonym of a glossed name counts
        return _across_stem(part) in glossed or part in factnames.ALIASES or part in _ACROSS_STOP or \
            (len(part) >= 5 and any(g[:4] == part[:4] and factnames.alike(part, g) for g in glossed))

    missing = [n for n in names if not all(known(part) for part in re.findall(r"[a-z]+", n.replace("'s", "")))]
    if missing:
        return Judgement(score, False, False, "different names")
    return Judgement(score, True, False, "across languages")


_ACROSS_STOP = frozenset(_stem(w) for w in "million billion thousand hundred percent pass passed exceed exceeded top topped "
                         "surpass surpassed total number more over nearly almost reach reached record new".split())
_ACROSS_STOP |= frozenset("january february march april may june july august september october november december "
                          "covid sars cov".split())  # dates are compared as dates; COVID-19 is 新冠 in CEDICT
_STARTERS = frozenset("during as since after before according officials data more most some about nearly almost over "
                      "under there experts researchers scientists reports report media global worldwide total new "
                      "half one two three every each many few all".split())
_IRREGULAR = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
              "found": "find", "died": "die", "dead": "die", "deaths": "death", "people": "person", "men": "man",
              "women": "woman", "children": "child", "said": "say", "says": "say", "cases": "case", "got": "get"}
_LONGEST_WORD = 8  # longest dictionary headword tried when cutting a Chinese text into dictionary words


@lru_cache(maxsize=2048)
def _glossed(zh: str) -> frozenset[str]:
    """The English words (stemmed) of the dictionary glosses of every word of a Chinese text, and its digits."""
    if _dictionary is None:
        return frozenset()
    out: set[str] = set()
    for word in _dictionary_words(_core(zh)):
        for gloss in _dictionary(word):
            for w in re.findall(r"[a-z]+", re.sub(r"\[[^]]*\]|\S*\|\S*", " ", gloss.casefold())):
                out.add(_across_stem(w))
                if w in factnames.ALIASES:
                    out.add(factnames.ALIASES[w])
    if out & {"america", "united", "usa", "us"}:
        out |= {"us", "u.s.", "american", "states", "united"}
    return frozenset(out)
