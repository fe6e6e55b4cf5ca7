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


# `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default,
# allow_nan=False)`, its encoder made once: json.dumps builds a new one per call with these options, which cost
# more than encoding the small rows the audit trail digests (~60,000 digests per 300 imported articles).
_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default,
                           allow_nan=False).encode
_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(value: Any, *, html_safe: bool = False) -> str:
    """The canonical JSON text of `value`; `html_safe` writes `<`, `>`, `&` as `\\u003c`, `\\u003e`, `\\u0026`
    (the same value), so that the text can sit inside an HTML `<script>` element (JSON-LD): these characters
    occur only inside JSON strings, where the escapes mean the same."""
    text = _ENCODE(value)
    return text.translate(_HTML_SAFE) if html_safe else text


def isoformat(value: datetime) -> str:
    """`2026-11-29T11:49:07.763904Z`: UTC, always with microseconds."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
