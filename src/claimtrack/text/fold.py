"""Script folding: a Simplified form of Chinese text with the same length, so spans never move.

The one idea: *fold character for character*.  Scoring (and quantity parsing, if it wants) reads the
folded text, but every offset found there is an offset into the caller's text, because ``fold(t)`` has
exactly ``len(t)`` code points and character ``k`` of it is the Simplified form of character ``k`` of
``t``.  The converter itself is OpenCC's Traditional→Simplified dictionary (``t2s``), a maintained
dictionary rather than a hand-made table; the pure text core does not import it but is *given* it:
:func:`install` takes a factory that returns a ``str → str`` converter (``claimtrack.ingest.folding.install()``
installs OpenCC's, lazily; the importer, the CLI, the tests and the benchmarks call it).  Without an
installed converter :func:`fold` is the identity, and Traditional text is scored as written.

Where the converter changes the length of a text (a phrase rule mapping two characters to one or
three), the text is folded one character at a time instead, each character converted on its own and
kept as written when its conversion is not a single character.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

__all__ = ["fold", "install", "installed"]

_factory: Callable[[], Callable[[str], str]] | None = None
_convert: Callable[[str], str] | None = None


def install(factory: Callable[[], Callable[[str], str]] | None) -> None:
    """Use ``factory()`` (called once, on the first fold) as the converter; ``None`` uninstalls."""
    global _factory, _convert
    _factory, _convert = factory, None
    _char.cache_clear()


def installed() -> bool:
    return _factory is not None


def _converter() -> Callable[[str], str] | None:
    global _convert
    if _convert is None and _factory is not None:
        _convert = _factory()
    return _convert


@lru_cache(maxsize=8192)
def _char(ch: str) -> str:
    convert = _converter()
    out = convert(ch) if convert else ch
    return out if len(out) == 1 else ch


def fold(text: str) -> str:
    """The Simplified form of ``text``, ``len(fold(text)) == len(text)`` always."""
    convert = _converter()
    if convert is None or text.isascii():
        return text
    out = convert(text)
    if len(out) == len(text):
        return out
    return "".join(map(_char, text))
