"""Which claims a report covers: the time window and the rule that selects claims from it.

The one idea: a report covers the claims that saw *activity* in a half-open window `[since, until)`, and a
claim in scope is reported whole (its full history as stored), so that a report never shows half a claim.
Activity is any row that records something happening to a claim:

- the claim was created (`claim.created_at`),
- a mention of it was added (`mention.created_at`, e.g. a new article version quoting it),
- evidence was attached (`evidence.added_at`) or one of its evidence URLs was captured (`capture.fetched_at`),
- a verdict was given (`verdict.created_at`), approved (`approval.created_at`), or the claim was dismissed
  (`dismissal.created_at`).

`--since` / `--until` take an ISO 8601 date (`2026-11-28`, midnight UTC), datetime (`2026-11-28T06:00`,
naive = UTC, or with an offset) or a relative age (`30m`, `24h`, `7d`, `2w`) counted back from the generation
time, so that `--generated-at` makes a relative window reproducible. `--since last` starts where the previous
successful export *of the same format* ended (its recorded `until`, or its `created_at` for a row without
one); with no previous export, the report covers everything. An open `until` is recorded as the snapshot
time (taken after every in-flight writer finished), so consecutive `--since last` runs neither overlap nor
leave a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError
from claimtrack.store.models import Approval, Capture, Claim, Dismissal, Evidence, Export, Mention, Verdict

_RELATIVE = re.compile(r"^\s*(\d{1,6})\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class Scope:
    """The resolved window. `since`/`until` None = unbounded; `mode` says how `since` was chosen."""

    since: datetime | None
    until: datetime | None
    mode: str  # "all", "date" or "last"
    previous_export: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "since": canonical.isoformat(self.since) if self.since else None,
            "until": canonical.isoformat(self.until) if self.until else None,
            "mode": self.mode,
            "previous_export": self.previous_export,
            "rule": "claims with activity in [since, until): created, mentioned, evidence added or "
                    "captured, verdict, approval or dismissal",
        }


def parse_when(value: str, *, now: datetime, option: str = "--since") -> datetime:
    """An ISO 8601 date or datetime, or an age like `24h` before `now`, as an aware UTC datetime."""
    if match := _RELATIVE.match(value):
        amount, unit = int(match.group(1)), match.group(2).lower()
        return now - timedelta(**{_UNITS[unit]: amount})
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        parsed = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise InputError(f"{option}: not an ISO 8601 date or time, nor an age like 24h or 7d: {value!r}") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def resolve(session: Session, fmt: str, since: str | None, until: str | None, *, now: datetime) -> Scope:
    """The window for a report of `fmt` generated at `now` (relative ages count back from it)."""
    end = parse_when(until, now=now, option="--until") if until else None
    if since is None or since == "":
        start, mode, previous = None, "all", None
    elif since.strip().lower() == "last":
        previous_row = session.scalar(select(Export).where(Export.format == fmt).order_by(Export.id.desc()).limit(1))
        start = (previous_row.until or previous_row.created_at) if previous_row else None
        mode, previous = "last", previous_row.id if previous_row else None
    else:
        start, mode, previous = parse_when(since, now=now), "date", None
    if start is not None and end is not None and start > end:
        raise InputError(f"--since ({canonical.isoformat(start)}) is after --until ({canonical.isoformat(end)})")
    return Scope(start, end, mode, previous)


def in_window(column, scope: Scope) -> ColumnElement[bool]:
    """`column` falls inside the scope's half-open window."""
    parts = []
    if scope.since is not None:
        parts.append(column >= scope.since)
    if scope.until is not None:
        parts.append(column < scope.until)
    return and_(*parts)


def claim_filter(scope: Scope) -> ColumnElement[bool] | None:
    """A WHERE clause on `Claim` selecting the claims with activity in the window (None = every claim)."""
    if scope.since is None and scope.until is None:
        return None
    verdict_of_claim = Verdict.claim_id == Claim.id
    return or_(
        in_window(Claim.created_at, scope),
        exists().where(Mention.claim_id == Claim.id, in_window(Mention.created_at, scope)),
        exists().where(Evidence.claim_id == Claim.id, in_window(Evidence.added_at, scope)),
        exists().where(Evidence.claim_id == Claim.id, Capture.evidence_id == Evidence.id,
                       in_window(Capture.fetched_at, scope)),
        exists().where(verdict_of_claim, in_window(Verdict.created_at, scope)),
        exists().where(verdict_of_claim, Approval.verdict_id == Verdict.id, in_window(Approval.created_at, scope)),
        exists().where(Dismissal.claim_id == Claim.id, in_window(Dismissal.created_at, scope)),
    )
