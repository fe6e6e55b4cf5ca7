"""Canonical JSON: one byte sequence per value, so that hashes and exports are stable.

Sorted keys, no insignificant whitespace, UTF-8 (non-ASCII kept as is), floats in Python's shortest
round-trip form, datetimes as ISO 8601 UTC with microseconds and a `Z`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return isoformat(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def dumps(value: Any) -> str:
    """The canonical JSON text of `value`."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default,
                      allow_nan=False)


def isoformat(value: datetime) -> str:
    """`2026-11-29T11:49:07.763904Z`: UTC, always with microseconds."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
