"""Sentence segmentation with exact code-point offsets, for Chinese, English and mixed text.

The one idea: *find candidate terminators with one regex, then judge each candidate by its
neighbours*.  Candidates are only the characters that can end a sentence (``。！？!?.…;；``), so the
Python-level work is per punctuation mark, never per character, and the judge sees just the
character after the mark and, for a ``.``, the word before it.  Offsets are never recomputed from
stripped copies: every sentence is a ``(start, end)`` pair into the caller's text and
``text[start:end] == sentence.text`` always holds (property-tested).

Rules, in brief:

* A line break always ends a sentence (headlines and list items carry no final punctuation), except
  that in English a line that does not end in punctuation and is followed by a line starting with a
  lower-case letter is a hard-wrapped line and is joined to it.  Each resulting line-block is one
  ``paragraph``.
* ``。！？`` always end a sentence; closing quotes and brackets after a terminator stay with it (``“……。”``).
* ASCII ``!?`` end a sentence unless a Latin letter or digit follows directly (``Yahoo!News``,
  ``?id=3``) or the next word is lower case (``"Hi!" she said``).
* ``.`` ends a sentence only before whitespace (so decimals, ``U.S.A``, URLs and e-mail addresses
  hold together) or directly before a Chinese character; before whitespace it is judged by the word
  before it (titles ``Dr.``, initials ``J.``, ``e.g.``, ``No. 5``, ``Jan. 5``, a list number ``1.``) and
  the word after it (lower case continues the sentence).
* Ellipses (``...``, ``…``, ``……``) end a sentence before a capital letter or a Chinese character.
* A semicolon (``；``, or ``;`` between Chinese characters) ends a sentence only in Chinese text and only
  where the clause stands alone: both sides at least :data:`MIN_CLAUSE` characters long and no quote or
  bracket left open.  English semicolons never split (they join clauses of one sentence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lazy import lazy
from .canonical import detect_language
from .script import CJK_RANGES

__all__ = ["Sentence", "segment", "MIN_CLAUSE"]

MIN_CLAUSE = 8
"""Minimum length, in characters, of each side of a Chinese semicolon for it to split."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end] == self.text``; ``paragraph`` is the index of its line-block."""

    start: int
    end: int
    text: str
    paragraph: int
    index: int


_LB = "\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"
_LINE = lazy(rf"\S(?:[^{_LB}]*\S)?")
_CLOSERS = "”’\"'」』）)\\]】》〕〉›»"
_TERM = lazy(
    rf"(?:(?P<ell>\.{{3,}}|…+|(?:\.[ ]){{2,}}\.)|(?P<cjk>[。！？][。！？!?]*)|(?P<bang>[!?‼⁇⁈⁉]+)"
    rf"|(?P<semi>[;；])|(?P<dot>\.))[{_CLOSERS}]*"
)
_CJK_CH = lazy(f"[{CJK_RANGES}“「『（《【]")  # a Chinese character or an opening quote/bracket
_WS = lazy(r"\s*")
_NEXT_WORD = lazy(r"\s+([^\s]+)")
_PREV_WORD = lazy(r"([A-Za-z0-9][A-Za-z0-9.'’]*)$")
_MULTI_DOT = lazy(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_LIST_MARK = lazy(r"(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,5})")
_SPEECH_TAG = lazy(
    r"[^。！？!?“”\n]{0,20}?(?:说|表示|称|指出|介绍|透露|强调|坦言|告诉记者|回应|感叹|解释|补充|问|答|写道)道?[。！？!?]"
)
_QUOTE_SPAN = 120
_CLAUSE_END = lazy(r"[;；。！？!?]")
_LINE_END_PUNCT = lazy(rf"[.!?。！？…:;：；,，{_CLOSERS}-]$")

_TITLES = frozenset(
    "mr mrs ms dr prof st sen rep gov gen col capt lt sgt rev hon pres mt ft messrs mme mlle "
    "adm maj cmdr supt insp det atty sup".split()
)
_NEVER_END = frozenset("e.g i.e cf viz vs v eg ie approx ca".split())
_BEFORE_NUMBER = frozenset(
    "no nos vol vols pp p fig figs art sec ch op nr tel ext jan feb mar apr jun jul aug sep sept oct nov dec "
    "ed eds pt para".split()
)
_ABBREVIATIONS = frozenset(
    "inc ltd co corp dept univ est assn bros ave blvd rd jr sr etc al min max misc govt intl dist mfg "
    "a.m p.m u.s u.k u.n u.s.a e.u d.c ph.d b.a m.a".split()
)
_STARTERS = frozenset(
    "the a an he she it they we i you this that these those but and so then in on at if when there "
    "his her their our my its however also after before as for some many most what why how who yes "
    "no one all while since meanwhile still yet now today later each both".split()
)


def segment(text: str, lang: str | None = None) -> list[Sentence]:
    """Split ``text`` into sentences with code-point offsets into ``text`` itself."""
    lang = lang or detect_language(text)
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(_blocks(text, lang)):
        for s, e in _split_block(text, start, end):
            sentences.append(Sentence(s, e, text[s:e], paragraph, len(sentences)))
    return sentences


def _blocks(text: str, lang: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped; hard-wrapped English lines are joined into one block."""
    blocks: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        if blocks and lang == "en" and text[s].islower() and text[s].isascii():
            ps, pe = blocks[-1]
            if not _LINE_END_PUNCT.search(text, pe - 1, pe):
                blocks[-1] = (ps, e)
                continue
        blocks.append((s, e))
    return blocks


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    s = start
    for m in _TERM.finditer(text, start, end):
        if m.end() <= s or not _is_boundary(text, m, s, end):
            continue
        spans.append((s, m.end()))
        s = _WS.match(text, m.end(), end).end()
    if s < end:
        spans.append((s, end))
    return [(a, b) for a, b in spans if b > a]


def _is_boundary(text: str, m: re.Match[str], sent_start: int, end: int) -> bool:
    j = m.end()
    if j >= end:
        return True
    kind = m.lastgroup
    if kind == "cjk":
        return _cjk_splits(text, m, sent_start, end)
    if kind == "semi":
        return _semicolon_splits(text, m, sent_start, end)
    if kind == "ell":
        return _ellipsis_splits(text, j, end)
    if kind == "bang":
        return _bang_splits(text, j, end)
    return _dot_splits(text, m, sent_start, end)


def _cjk_splits(text: str, m: re.Match[str], sent_start: int, end: int) -> bool:
    """``。！？`` split, except inside a short open quote and before a short speech tag."""
    j = m.end()
    if m.group().endswith(("”", "」", "』")):
        return not _SPEECH_TAG.match(text, j, end)  # “……。”他说。 is one sentence
    opened = text.count("“", sent_start, j) - text.count("”", sent_start, j)
    if opened > 0:
        close = text.find("”", j, min(end, j + _QUOTE_SPAN))
        return close < 0 or "“" in text[j:close]
    return True


def _next_char(text: str, j: int, end: int) -> str:
    """The first non-space character at or after ``j`` (before ``end``), or ``""``."""
    k = _WS.match(text, j, end).end()
    return text[k] if k < end else ""


def _bang_splits(text: str, j: int, end: int) -> bool:
    c = text[j]
    if not c.isspace():
        return not (c.isascii() and c.isalnum())
    nc = _next_char(text, j, end)
    return not nc.islower()


def _ellipsis_splits(text: str, j: int, end: int) -> bool:
    c = text[j]
    if not c.isspace():
        return bool(_CJK_CH.match(c))
    nc = _next_char(text, j, end)
    return nc.isupper() or bool(_CJK_CH.match(nc))


def _semicolon_splits(text: str, m: re.Match[str], sent_start: int, end: int) -> bool:
    i, j = m.start(), m.end()
    chinese = text[i] == "；" or not text[i - 1].isascii() or bool(_CJK_CH.match(text[j]))
    if not chinese:
        return False
    clause = text[sent_start:i]
    last = max(clause.rfind(";"), clause.rfind("；"))
    if len(clause) - last - 1 < MIN_CLAUSE or _CLAUSE_END.search(text, j, min(end, j + MIN_CLAUSE)):
        return False
    return end - j >= MIN_CLAUSE and _balanced(clause)


def _balanced(clause: str) -> bool:
    return (
        clause.count("“") == clause.count("”")
        and clause.count("（") + clause.count("(") == clause.count("）") + clause.count(")")
        and clause.count("「") == clause.count("」")
        and clause.count("《") == clause.count("》")
    )


def _dot_splits(text: str, m: re.Match[str], sent_start: int, end: int) -> bool:
    i, j = m.start(), m.end()
    c = text[j]
    if not c.isspace():
        if c.isupper() and text[i - 2 : i].isalpha() and text[i - 2 : i].islower():
            return True  # "world.Today": a missing space
        # "完成.下一步" ends; decimals, domains, "U.S.A" and a list number "1.申请表" hold
        return bool(_CJK_CH.match(c)) and not (text[i - 1].isascii() and text[i - 1].isalnum())
    if j > i + 1:  # closers were taken: `."` / `.)` end the sentence unless lower case follows
        return not _next_char(text, j, end).islower()
    nxt = _NEXT_WORD.match(text, j, end)
    if nxt is None:
        return True
    word = nxt.group(1)
    prev = _PREV_WORD.search(text, max(sent_start, i - 24), i)
    return _judge_dot(prev.group(1) if prev else "", prev.start(1) if prev else i, sent_start, word)


def _judge_dot(prev: str, prev_start: int, sent_start: int, word: str) -> bool:
    low = prev.lower()
    first = word[0]
    if first.islower():
        return False
    if low in _TITLES or low in _NEVER_END:
        return False
    if prev_start == sent_start and _LIST_MARK.fullmatch(prev):
        return False  # "1. Item", "a. item", "iv. item"
    if prev.isdigit() and _CJK_CH.match(first):
        return False  # "附件:1.申请表 2.承诺书"
    if low in _BEFORE_NUMBER and first.isdigit():
        return False
    starter = word.strip("\"'“‘(").lower() in _STARTERS
    if len(prev) == 1 and prev.isupper():
        return starter and word not in ("A", "I")  # initials: "J. R. Ellis"
    if low in ("a.m", "p.m"):
        return word.rstrip(".").lower() not in _TITLES  # "at 5 a.m. Mr. Smith" vs "at 3 a.m. Passengers"
    if low in _ABBREVIATIONS or _MULTI_DOT.fullmatch(prev):
        return starter
    return True
