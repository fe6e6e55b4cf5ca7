"""How alike two claims are, and the keys that find alike claims without comparing against all of them.

Pure functions (no database). The one idea: a wrong automatic merge hides a claim from reviewers, a missed
one only costs a second look, so `auto_merge` is deliberately strict while `similarity` is generous:

- `similarity` (0..1) is rapidfuzz over the normalized texts: character-level for Chinese (no word
  boundaries; character bigrams catch reordered phrases), word-level sort-insensitive for other languages.
- `auto_merge` additionally demands the same numbers (parsed quantities: value and bounds, so 2000 ≠ 3000
  and 近2000 ≠ 超2000), a claim long enough to mean something, and a one-sided difference: wording that
  only adds or drops a few words (filler, attribution) is the same claim, while words replaced on both sides
  (海淀 → 朝阳, companies → universities) make a different one. An added negation never merges.
- `claim_keys` is MinHash LSH over character n-grams: BANDS keys of ROWS min-hashes each. Texts whose n-gram
  sets have Jaccard similarity s share at least one key with probability 1 - (1 - s^ROWS)^BANDS
  (s = 0.5 → 0.99, s = 0.3 → 0.84), and buckets stay small because a key needs ROWS coincidences.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import cache, lru_cache

from rapidfuzz import fuzz

BANDS, ROWS = 20, 2
HIGH, LOW = 0.86, 0.6
MIN_CJK, MIN_OTHER = 10, 24  # shortest normalized claim that may merge automatically (characters)
_PRIME = (1 << 61) - 1
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff\uf900-\ufaff]+(?:\.\d+)?%?")
_NEGATIONS = frozenset("not no never none neither nor without 不 没 未 非 无 否 别 勿".split())
_PERCENT = [(re.compile(r"(?<!\s)\s*\b(?:percent|per cent)\b"), "%"),  # (?<!\s): linear on long space runs (re.compile(r"百分之(\d+(?:\.\d+)?)"), r"\1%"),
            (re.compile(r"(?<![\d.])(\d)成"), r"\g<1>0%")]  # 40 percent = 百分之40 = 40%; 7成 = 70%
_MAX_EXTRA = 0.5
_FUNCTION_WORDS = frozenset("了 的 已 于 就 仅 也 都 还 共 其 之 将 经 the a an has have had already also of is are was were "
                            "been now".split())
_ATTRIBUTION = frozenset("said says say according reported report reports showed shows data statistics "
                         "称 表 示 显 据 统 计 介 绍 报 道 数 说".split())  # one-sided extra words, as a share of the shorter claim's words


@cache
def _permutations() -> tuple[tuple[int, int], ...]:
    rng = random.Random(20261129)  # fixed: stored keys must not change between runs
    return tuple((rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(BANDS * ROWS))


@lru_cache(maxsize=8192)  # grams recur across claims (templates, common bigrams): each costs 40 products once
def _gram_hashes(gram: str) -> tuple[int, ...]:
    """(a * h + b) mod p of the gram's hash h for every permutation (a, b), in C-level loops."""
    h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "big")
    a, b = _coefficients()
    return tuple(map(_PRIME.__rmod__, map(int.__add__, map(h.__mul__, a), b)))


@cache
def _coefficients() -> tuple[tuple[int, ...], tuple[int, ...]]:
    perms = _permutations()
    return tuple(a for a, _ in perms), tuple(b for _, b in perms)


@lru_cache(maxsize=16384)  # pure; during an import one claim is compared with dozens of others
def is_cjk(normalized: str) -> bool:
    return len(_CJK.findall(normalized)) * 2 >= len(normalized) > 0


def grams(normalized: str) -> set[str]:
    """Character bigrams for Chinese, trigrams otherwise (of the normalized text, spaces already gone)."""
    return set(_grams(normalized))


@lru_cache(maxsize=16384)
def _grams(normalized: str) -> frozenset[str]:
    n = 2 if is_cjk(normalized) else 3
    if len(normalized) <= n:
        return frozenset((normalized,)) if normalized else frozenset()
    return frozenset(normalized[i:i + n] for i in range(len(normalized) - n + 1))


@lru_cache(maxsize=4096)
def claim_keys(normalized: str) -> tuple[int, ...]:
    """The LSH keys of a claim (signed 63-bit integers, stable across runs and machines).

    Cached: an import computes them to find candidates and again to index the new claim.
    """
    found = _grams(normalized)
    if not found:
        return ()
    mins = list(map(min, zip(*map(_gram_hashes, found))))  # per permutation, the least over the grams
    keys = []
    for band in range(BANDS):
        chunk = ",".join(str(m) for m in mins[band * ROWS:(band + 1) * ROWS])
        digest = hashlib.blake2b(f"{band}:{chunk}".encode(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return tuple(sorted(set(keys)))


def words(text: str) -> list[str]:
    """Comparable words: NFKC, case-folded, thousands separators dropped; each Chinese character is a word."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", folded)
    for pattern, repl in _PERCENT:
        folded = pattern.sub(repl, folded)
    return tuple(_WORD.findall(folded))


@lru_cache(maxsize=16384)
def _joined_words(text: str) -> str:
    return " ".join(_words(text))


def similarity(a_text: str, b_text: str, a_norm: str, b_norm: str) -> float:
    """0..1: how alike two claims read (texts as written, and their `claimtrack.text.normalize` forms)."""
    if a_norm == b_norm:
        return 1.0
    if is_cjk(a_norm) or is_cjk(b_norm):
        a_grams, b_grams = _grams(a_norm), _grams(b_norm)
        dice = 2 * len(a_grams & b_grams) / ((len(a_grams) + len(b_grams)) or 1)
        return max(fuzz.ratio(a_norm, b_norm) / 100, dice)
    return max(fuzz.ratio(a_norm, b_norm), fuzz.token_sort_ratio(_joined_words(a_text), _joined_words(b_text))) / 100


@lru_cache(maxsize=4096)  # pure; a popular existing claim is compared again and again during an import
def number_signature(text: str) -> tuple:
    """The numbers a claim asserts, comparable: sorted (kind, value, low, high)."""
    from claimtrack.text import parse_quantities

    return signature(parse_quantities(text))


def signature(quantities) -> tuple:
    """`number_signature` of a text from its `parse_quantities` (the analysis has parsed every sentence)."""
    def r(x: float | None) -> tuple[int, float]:
        return (1, 0.0) if x is None else (0, round(x, 6))  # sortable, and None never equals a number

    return tuple(sorted((q.kind, r(q.value), r(q.low), r(q.high)) for q in quantities))


def one_sided(a_text: str, b_text: str, a_norm: str, b_norm: str) -> bool:
    """Whether the two wordings differ only by words one of them adds, and only harmless ones.

    Chinese is compared on the normalized form (numerals already folded: 两千 = 2000), character by character.
    Added words may open the sentence (据统计, / According to data,), close it only when they attribute
    (国家统计局称 / police said), and stand inside it only when they are function words (了, 已, the, has);
    anything else added inside (快速, 海外, young) narrows the claim, and a negation reverses it.
    """
    if is_cjk(a_norm) or is_cjk(b_norm):
        a_text, b_text = a_norm, b_norm
    a, b = words(a_text), words(b_text)
    only_a, only_b = Counter(a) - Counter(b), Counter(b) - Counter(a)
    if only_a and only_b:
        return False
    extra = only_a or only_b
    if any(w in _NEGATIONS for w in extra):
        return False
    shorter, longer = (b, a) if only_a else (a, b)
    return sum(extra.values()) <= max(1, _MAX_EXTRA * len(shorter)) and _harmless(shorter, longer, extra)


def _harmless(shorter: list[str], longer: list[str], extra: Counter) -> bool:
    remaining = Counter(extra)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, shorter, longer, autojunk=False).get_opcodes():
        added = [w for w in longer[j1:j2] if remaining[w] > 0]
        remaining.subtract(added)
        if tag == "equal" or not added or i1 == 0:
            continue
        if i2 >= len(shorter) and any(w in _ATTRIBUTION for w in added):
            continue
        if not all(w in _FUNCTION_WORDS for w in added):
            return False
    return True


def long_enough(normalized: str) -> bool:
    return len(normalized) >= (MIN_CJK if is_cjk(normalized) else MIN_OTHER)


def auto_merge(a_text: str, b_text: str, a_norm: str, b_norm: str, score: float | None = None, *,
               a_numbers: tuple | None = None, b_numbers: tuple | None = None) -> bool:
    """Whether a new claim may silently become another mention of an existing one.

    `a_numbers`, `b_numbers`: the texts' `number_signature`, when the caller has it already."""
    if score is None:
        score = similarity(a_text, b_text, a_norm, b_norm)
    if score < HIGH or not (long_enough(a_norm) and long_enough(b_norm)):
        return False
    a_numbers = number_signature(a_text) if a_numbers is None else a_numbers
    if a_numbers != (number_signature(b_text) if b_numbers is None else b_numbers):
        return False
    return a_norm == b_norm or one_sided(a_text, b_text, a_norm, b_norm)
