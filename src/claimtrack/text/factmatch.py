"""Has this been checked elsewhere? Judging a claim against a published fact-check.

Pure functions (no database). The one idea: a fact-check's `claimReviewed` and the claim a reviewer sees
are rarely the same size — a headline, one sentence, or a whole forwarded message with a share template and
a link — so both sides are cut into *pieces* (the whole text without links and share lines, and each of its
sentences) and the best pair decides. Numbers decide against a match: pieces that assert different numbers
(a different amount, place count or year) are never suggested, and a confident match further needs the
same numbers on both sides and wording that differs only one-sidedly or barely at all. Words decide against it too: a
replaced name (another place, person or organisation), a negation on one side only, or a word against its
antonym (rose / fell, 上升 / 下降) make a different claim, however alike the rest reads. A suggestion is only
ever shown to a reviewer; nothing here merges anything.

Both scripts compare alike through `text.fold` (Simplified); Chinese words and their kinds (place, person,
organisation) come from a tokenizer the caller installs (`install_tokenizer`: jieba's, from
`ingest.factchecks`), since the text core imports nothing outside the standard library. Without one, Chinese
names and negations are not compared (numbers still are).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from claimtrack.text.fold import fold
from claimtrack.text.normalize import normalize
from claimtrack.text.segment import segment
from claimtrack.text.similarity import claim_keys, grams, long_enough, number_signature, one_sided, similarity

SUGGEST = 0.45  # least similarity (symmetric, or coverage of the shorter text) of the best piece pair
CONFIDENT = 0.8  # least similarity for a confident match (with the same numbers and a one-sided difference)
NEAR_SAME = 0.93  # similarity at which two-sided rewording still counts as confident
MAX_PIECES = 40  # most pieces taken from one text (a long message is judged on its first sentences)

_tokenizer: Callable[[str], list[tuple[str, str]]] | None = None  # text -> [(word, kind)]; kind "ns", "nr", "nt"…

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
_EN_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|[A-Z]{2,}|(?:[A-Z]\.){2,})")
_EN_ALIASES = {"america": "us", "united states": "us", "u.s.": "us", "usa": "us", "u.s.a.": "us", "us": "us",
               "britain": "uk", "united kingdom": "uk", "u.k.": "uk", "great britain": "uk", "england": "uk"}
_EN_NOT_NAMES = frozenset("i i'm i've i'd we you he she they it the a an and but or so if in on at of for by "
                          "this that these those there here mr mrs ms dr my our your his her their".split())

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


def install_tokenizer(tokenizer: Callable[[str], list[tuple[str, str]]] | None) -> None:
    """Use `tokenizer(text) -> [(word, kind)]` for Chinese words and names (None: compare no Chinese words)."""
    global _tokenizer
    _tokenizer = tokenizer
    _words.cache_clear()


def tokenizer_installed() -> bool:
    return _tokenizer is not None


def matchable(text: str) -> str:
    """`text` without links, share templates and "forward this" lines, whitespace folded."""
    text = _SHARE.sub(" ", _URL.sub(" ", text))
    return " ".join(text.split())


def pieces(text: str) -> list[str]:
    """The whole matchable text, then each of its sentences long enough to mean something."""
    whole = matchable(text)
    if not whole:
        return []
    found = [whole]
    for sentence in segment(whole):
        piece = sentence.text.strip()
        if piece != whole and long_enough(normalize(piece)):
            found.append(piece)
        if len(found) >= MAX_PIECES:
            break
    return found


def keys(text: str) -> set[int]:
    """The LSH keys of every piece of `text` (a fact-check is found through any of its sentences)."""
    return {k for piece in pieces(text) for k in claim_keys(normalize(piece))}


def judge(claim: str, factcheck: str) -> Judgement:
    """Compare a claim (or a whole message) with a fact-check's claim text."""
    best: tuple[float, str, str] | None = None
    for a in pieces(fold(claim)):
        a_norm = normalize(a)
        for b in pieces(fold(factcheck)):
            b_norm = normalize(b)
            if not a_norm or not b_norm:
                continue
            score = _containment(a_norm, b_norm) or max(similarity(a, b, a_norm, b_norm), _coverage(a_norm, b_norm))
            if best is None or score > best[0]:
                best = (score, a, b)
    if best is None:
        return Judgement(0.0, False, False, "nothing to compare")
    score, a, b = best
    score = round(min(score, 1.0), 4)
    if score < SUGGEST:
        return Judgement(score, False, False, "too far apart")
    numbers_a, numbers_b = number_signature(a), number_signature(b)
    if numbers_a != numbers_b:
        fewer, more = sorted((numbers_a, numbers_b), key=len)
        if any(not any(_same_amount(x, y) for y in more) for x in fewer):
            return Judgement(score, False, False, "different numbers")  # a number the other side does not state
        if len(fewer) == len(more):
            return Judgement(score, True, False, "rounded numbers")
        return Judgement(score, True, False, "numbers on one side only")
    conflict = _word_conflict(a, b)
    if conflict:
        return Judgement(score, False, False, conflict)
    a_norm, b_norm = normalize(a), normalize(b)
    confident = score >= CONFIDENT and (score >= NEAR_SAME or one_sided(a, b, a_norm, b_norm))
    return Judgement(score, True, confident, "same numbers" if numbers_a else "reworded")


_ATTRIBUTION = re.compile(r"^(?:网传|有消息称|消息称|有人称|传言|据传|据报道|viral posts? (?:claims?|says?)|"
                          r"social media posts? (?:claims?|says?)|a claim that|claims? that)")


_EXACT_KINDS = frozenset({"year", "date", "time", "ordinal", "schedule", "age"})  # rounding never changes these


def _same_amount(x: tuple, y: tuple) -> bool:
    """Two parsed amounts (kind, value, low, high) that a summary may state alike: within 2 % (460万 ~ 4,608,206)."""
    if x[0] != y[0]:
        return False
    if x[0] in _EXACT_KINDS:
        return x == y
    xs = [v for flag, v in x[1:] if flag == 0]
    ys = [v for flag, v in y[1:] if flag == 0]
    return any(abs(a - b) <= 0.02 * max(abs(a), abs(b)) for a in xs for b in ys) or (not xs and not ys)


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


def _word_conflict(a: str, b: str) -> str | None:
    """Why two alike texts still make different claims: a replaced name, a one-sided negation, an antonym."""
    a_words, a_names = _words(a)
    b_words, b_names = _words(b)
    if _replaced(a_names, b_names):
        return "different names"
    a_neg, b_neg = bool(a_words & _NEGATIONS_ALL), bool(b_words & _NEGATIONS_ALL)
    if a_neg != b_neg:
        return "negation on one side"
    for pair in _ANTONYMS:
        x, y = tuple(pair)
        if (x in a_words and y in b_words and y not in a_words and x not in b_words) or \
                (y in a_words and x in b_words and x not in a_words and y not in b_words):
            return "opposite words"
    return None


_NEGATIONS_ALL = _EN_NEGATIONS | _ZH_NEGATIONS


def _replaced(a_names: frozenset[str], b_names: frozenset[str]) -> bool:
    """Both sides name something the other does not (one side merely adding a name is a paraphrase)."""
    def covered(name: str, others: frozenset[str]) -> bool:
        return any(name in o or o in name for o in others)

    return any(not covered(n, b_names) for n in a_names) and any(not covered(n, a_names) for n in b_names)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(words, names) of a text: English by spelling and capitals, Chinese through the installed tokenizer."""
    lowered = text.casefold().replace("’", "'")
    words = set(re.findall(r"[a-z]+(?:'[a-z]+)?", lowered)) | ({"n't"} if "n't" in lowered else set())
    names = set()
    for m in _EN_NAME.finditer(text):
        name = m.group().casefold()
        if name not in _EN_NOT_NAMES:
            names.add(_EN_ALIASES.get(name, name))
    if _tokenizer is not None and re.search(r"[\u4e00-\u9fff]", text):
        for word, kind in _tokenizer(text):
            words.add(word)
            if kind in _NAME_KINDS and len(word) >= 2:
                names.add(_PLACE_SUFFIX.sub("", word))
    return frozenset(words), frozenset(names)


def _containment(a_norm: str, b_norm: str) -> float | None:
    """A short claim quoted whole inside a longer text reads as the same claim (0.95), when long enough."""
    shorter, longer = sorted((a_norm, b_norm), key=len)
    if shorter != longer and long_enough(shorter) and shorter in longer:
        return 0.95
    return None
