"""Names in a claim and a fact-check: stated by both, added by one, or replaced (issue 20).

A post and the fact-check of it name things differently without making another claim: a tweet adds @handles,
#hashtags and its signature (`— Donald J. Trump (@realDonaldTrump) July 5, 2016`), shortens a name (DeVos for
Education Secretary Betsy DeVos) or respells it (@BarackObama, #cesarsayoc); a summary adds who said it or
where. What makes another claim is a *replacement*: a name standing, once the two texts are aligned word by
word (character by character in Chinese), where the other text has something else in a slot barely wider
than the name (Japan has a $15 billion surplus / China has …, 青岛 -> 大连).

The one idea: a name the other side does not state is an addition — a paraphrase, suggested but never
confident — unless alignment shows what stands in its place.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from rapidfuzz import fuzz

_HAN = re.compile(r"[\u4e00-\u9fff]")
ALIASES = {"america": "us", "united states": "us", "u.s.": "us", "usa": "us", "u.s.a.": "us", "us": "us",
           "britain": "uk", "united kingdom": "uk", "u.k.": "uk", "great britain": "uk", "england": "uk",
           "美帝": "美国", "美方": "美国", "中方": "中国", "英方": "英国", "日方": "日本", "俄方": "俄罗斯"}  # one name, many spellings
SLOT = 3  # tokens a replacement's slot may hold beyond the name itself (a title, a place suffix, 在/in)

# An embedded tweet's signature: "— Name (@handle) Month D, YYYY" at its end (the dash may have been eaten by a
# link before it). Who posted and when is not what the post claims.
_SIGNATURE = re.compile(r"(?:[—–][^—–()\n]{0,60}|(?:\S+\s+){0,2})\(@\w+\)"
                        r"\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})?\s*$")
_TAG = re.compile(r"(?<![\w@#])[@#](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]+(?:['’.][a-z0-9]+)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def body(text: str) -> str:
    """`text` without its tweet signature, @handles and #hashtags: the part whose names are the claim's own."""
    return _TAG.sub(" ", _SIGNATURE.sub("", text))


def mentions(text: str) -> str:
    """The words the tags and the signature of `text` spell, casefolded: @BarackObama -> barack obama."""
    signature = _SIGNATURE.search(text)
    tags = [_CAMEL.sub(" ", m.group(1)) for m in _TAG.finditer(text)]
    return " ".join(tags + [signature.group() if signature else ""]).casefold()


def headline_case(text: str) -> bool:
    """Most longer words capitalised (BREAKING: Trump Just Declare To Ban …): capitals then mark no names."""
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def covered(name: str, others: frozenset[str], other_text: str) -> bool:
    """Whether the other side states `name`: its text (with what its tags spell) contains it, one of its names
    contains it or is alike (Japanese ~ Japan, CBO ~ Congressional Budget Office), or a Chinese name is one
    transliteration apart (帕什尼扬 / 帕希尼扬)."""
    if name in other_text or (len(name) >= 6 and " " in name and name.replace(" ", "") in other_text):
        return True
    if _HAN.search(name) and len(name) >= 3 and fuzz.partial_ratio(name, other_text) >= 66:
        return True
    return any(name in o or o in name or alike(name, o) for o in others)


def alike(x: str, y: str) -> bool:
    """Demonym and stem (japanese / japan), an acronym of the other's words (cbo / congressional budget office),
    or the same words, some abbreviated (natl science foundation / national science foundation)."""
    if x.isascii() and y.isascii():
        short, long_ = sorted((x, y), key=len)
        if len(short) >= 4 and long_.startswith(short[:max(4, len(short) - 2)]):
            return True
        for acr, full in ((x, y), (y, x)):
            parts = full.split()
            if len(parts) >= 2 and "".join(p[0] for p in parts) == acr.replace(".", ""):
                return True
        x_words, y_words = x.split(), y.split()
        return len(x_words) == len(y_words) >= 2 and all(_abbreviates(*sorted(pair, key=len))
                                                          for pair in zip(x_words, y_words))
    return False


def _abbreviates(short: str, word: str) -> bool:
    """natl / national: the same first letter, and the short word's letters in order in the long one."""
    letters = iter(word)
    return short[:1] == word[:1] and all(c in letters for c in short.rstrip("."))


def same_head(x: str, y: str) -> bool:
    """Two names of several words sharing one (Congressional Budget Office / Government Accountability Office):
    two of a kind, so one stands in the other's role."""
    x_words, y_words = set(x.split()) - _SMALL, set(y.split()) - _SMALL
    return len(x.split()) >= 2 and len(y.split()) >= 2 and bool({w.rstrip("s") for w in x_words} &
                                                                 {w.rstrip("s") for w in y_words})


_SMALL = frozenset("of the and for in on at to a an".split())


def missing(names: frozenset[str], other_names: frozenset[str], other: str) -> list[str]:
    """The names of one side the other side (text `other`) does not state."""
    other_text = other.casefold() + " " + mentions(other)
    return sorted(n for n in names if not covered(n, other_names, other_text))


def replaced(name: str, own: str, other: str, other_missing: list[str]) -> bool:
    """Whether `name`, in text `own`, stands where the aligned `other` has something else in a slot at most
    SLOT tokens wider than the name: a name the other side alone states, or (Chinese) two characters or more
    (瓜地马拉 where the other has 海地)."""
    own_tokens, other_tokens = _tokens(own), _tokens(other)
    for spelling in _spellings(name):
        name_tokens = _tokens(spelling)
        at = next((i for i in range(len(own_tokens)) if own_tokens[i:i + len(name_tokens)] == name_tokens), -1)
        if at >= 0 and name_tokens:
            break
    else:
        return False
    end = at + len(name_tokens)
    blocks = [b for b in SequenceMatcher(None, own_tokens, other_tokens, autojunk=False).get_opcodes()
              if b[1] < end and at < b[2] or b[1] == b[2] == at]
    if all(tag in ("equal", "delete") for tag, *_ in blocks):
        return False  # the name is the other's too, or merely added: nothing stands in its place
    i1, i2, j1, j2 = blocks[0][1], blocks[-1][2], blocks[0][3], blocks[-1][4]
    if max(i2 - i1, j2 - j1) > len(name_tokens) + SLOT:
        return False  # a clause reworded, not a name swapped
    slot = " ".join(other_tokens[j1:j2])
    return any(" ".join(_tokens(form)) in slot for n in other_missing for form in _spellings(n)) or \
        (bool(_HAN.match(name)) and len(_HAN.findall(slot)) >= 2)


def _spellings(name: str) -> list[str]:
    return [name] + [k for k, v in ALIASES.items() if v == name and k != name]


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())
