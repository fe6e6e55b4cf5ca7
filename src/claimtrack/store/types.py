"""Column types that behave the same on SQLite and PostgreSQL.

`UTCDateTime` always hands back timezone-aware UTC datetimes: SQLite has no time zones, so values are
stored as naive UTC there and made aware again on the way out. Hashes and reports depend on this.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is UTC-aware in Python, whatever the database stores."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_clock: Callable[[], datetime] | None = None


def utcnow() -> datetime:
    """Now, in UTC, to the microsecond (the precision both databases keep).

    Every timestamp claimtrack writes comes from here, so that `set_clock` can make a run reproducible
    (the example database is rebuilt byte for byte that way).
    """
    return _clock() if _clock is not None else datetime.now(UTC)


def set_clock(clock: Callable[[], datetime] | None) -> None:
    """Replace the clock (None restores the real one)."""
    global _clock
    _clock = clock
