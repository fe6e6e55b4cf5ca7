"""Canonical text: the one form every offset in claimtrack points into.

Every span stored by claimtrack (mention start/end, quantity offsets) is a count of Unicode code
points into the *canonical* text, so the canonical form must be stable: applying
:func:`canonicalize` twice gives the same string (a property test checks it).  The rules, in order:

1. Unicode NFC.
2. Line breaks: CRLF, CR, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029)
   all become ``"\\n"``.
3. Removed: NUL and the other C0/C1 control characters except ``\\n`` and ``\\t``; the BOM/ZERO WIDTH
   NO-BREAK SPACE (U+FEFF), zero-width space/joiners (U+200B..U+200D), WORD JOINER (U+2060).
4. Each line is stripped of leading and trailing whitespace (including U+3000 and NBSP), and any run
   of horizontal whitespace inside a line (space, tab, NBSP, U+3000, other Zs) becomes one ``" "``.
5. Two or more consecutive blank lines collapse to one blank line, so a paragraph break is ``"\\n\\n"``.
6. The whole text is stripped.

NFC runs again after the removals, because deleting a control character may bring a base character
next to a combining mark (that is what makes the function idempotent).
"""

from __future__ import annotations

import re
import unicodedata

from ._lazy import lazy
from .script import is_chinese

__all__ = ["canonicalize", "detect_language"]

_NEWLINES = lazy(r"\r\n|[\r\u0085\u2028\u2029]")
_REMOVED = lazy(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff]")
# runs of whitespace except the newline that are not already one " ": a single space stays unmatched, so a
# 20 MB text of words costs no per-space pieces (re.sub builds one piece per match; same result)
_HSPACE = lazy(r"[^\S\n]{2,}|[^\S\n ]")
_EDGE_SPACE = lazy(r"^[^\S\n]+|[^\S\n]+$", re.M)
_BLANK_RUNS = lazy(r"\n{3,}")
# whitespace str.isspace() knows but the regex \s does not (or vice versa) is folded first
_ODD_SPACE = lazy(r"[\x1c-\x1f\x85]")


def canonicalize(text: str) -> str:
    """Return the canonical form of ``text`` (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _REMOVED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _HSPACE.sub(" ", text)
    text = _EDGE_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def detect_language(text: str) -> str:
    """Return ``"zh"`` when CJK ideographs make up at least a third of the letters, else ``"en"``
    (the rule of :func:`claimtrack.text.script.is_chinese`)."""
    return "zh" if is_chinese(text) else "en"
