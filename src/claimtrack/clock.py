"""The clock (floor 1): every timestamp claimtrack writes comes from `utcnow`, so `set_clock` can make a run
reproducible (the example database is rebuilt byte for byte that way, and report tests pin the time)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

_clock: Callable[[], datetime] | None = None


def utcnow() -> datetime:
    """Now, in UTC, to the microsecond (the precision both databases keep)."""
    return _clock() if _clock is not None else datetime.now(UTC)


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Replace the clock (None restores the real one)."""
    global _clock
    _clock = clock
