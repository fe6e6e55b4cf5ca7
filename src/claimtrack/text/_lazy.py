"""Regexes compiled on first use, so that ``import claimtrack.text`` stays fast (< 30 ms).

Compiling the package's patterns costs more than everything else it imports; a
:class:`LazyPattern` behaves like the compiled pattern (attribute access is forwarded) but compiles
only when a method is first called.
"""

from __future__ import annotations

import re

__all__ = ["LazyPattern", "lazy"]


class LazyPattern:
    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:
        compiled = object.__getattribute__(self, "_compiled")
        if compiled is None:
            compiled = re.compile(*object.__getattribute__(self, "_args"))
            self._compiled = compiled
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as ``re.Pattern`` so call sites type-check)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
