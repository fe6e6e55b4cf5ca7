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
successful export *of the same format* ended, counted in audit sequence numbers, not time: activity is then
the events after the previous export's `until_event` up to the newest event of this report's snapshot (its
`until_event`, recorded in the export's audit event). Event ids are commit order and a snapshot sees a
prefix of the chain, so every event lands in exactly one `--since last` report even with writers in flight
(a clock cannot promise that: a transaction that began before the report may commit after it with an
earlier timestamp). With no previous export, the report covers everything; a previous export recorded
before sequence windows existed falls back to its recorded `until` time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.errors import InputError
from claimtrack.store.models import (
    Approval, Capture, Claim, Dismissal, Event, Evidence, Export, Mention, Retraction, Verdict,
)

_RELATIVE = re.compile(r"^\s*(\d{1,6})\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class Scope:
    """The resolved window. `since`/`until` None = unbounded; `mode` says how `since` was chosen."""

    since: datetime | None
    until: datetime | None
    mode: str  # "all", "date" or "last"
    previous_export: int | None = None
    since_event: int | None = None  # "last": activity is the events (since_event, until_event]
    until_event: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "since": canonical.isoformat(self.since) if self.since else None,
            "until": canonical.isoformat(self.until) if self.until else None,
            "mode": self.mode,
            "previous_export": self.previous_export,
            "since_event": self.since_event,
            "until_event": self.until_event,
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
        mode, previous = "last", previous_row.id if previous_row else None
        since_event = _until_event(session, previous_row) if previous_row else 0
        if since_event is not None:
            if end is not None:
                raise InputError("--since last counts audit events: it cannot be combined with --until")
            shown = (previous_row.until or previous_row.created_at) if previous_row else None  # for the reader
            return Scope(shown, None, mode, previous, since_event, None)
        start = previous_row.until or previous_row.created_at
    else:
        start, mode, previous = parse_when(since, now=now), "date", None
    if start is not None and end is not None and start > end:
        raise InputError(f"--since ({canonical.isoformat(start)}) is after --until ({canonical.isoformat(end)})")
    return Scope(start, end, mode, previous)


def _until_event(session: Session, export: Export) -> int | None:
    """The audit sequence an export's window ended at (None for an export recorded before windows had one)."""
    import json

    payload = session.scalar(select(Event.payload).where(Event.entity == "export", Event.entity_id == export.id)
                             .order_by(Event.id).limit(1))
    value = json.loads(payload).get("until_event") if payload else None
    return int(value) if value is not None else None


def event_claims(scope: Scope):
    """The ids of the claims that the events (since_event, until_event] are about (the activity rule, by
    sequence): a claim created, mentioned (an article version's mentions), evidence added or captured, a
    verdict, approval, dismissal or retraction."""
    from sqlalchemy import union

    window = [Event.id > (scope.since_event or 0)]
    if scope.until_event is not None:
        window.append(Event.id <= scope.until_event)

    def about(entity: str, model, column, key):
        return select(column).select_from(model).join(Event, and_(Event.entity == entity, Event.entity_id == key,
                                                                   *window))

    return union(
        select(Event.entity_id).where(Event.entity == "claim", *window),
        about("mention", Mention, Mention.claim_id, Mention.id),
        about("article_version", Mention, Mention.claim_id, Mention.version_id),
        about("evidence", Evidence, Evidence.claim_id, Evidence.id),
        about("capture", Capture, Evidence.claim_id, Capture.id).join(Evidence, Evidence.id == Capture.evidence_id),
        about("verdict", Verdict, Verdict.claim_id, Verdict.id),
        about("approval", Approval, Verdict.claim_id, Approval.id).join(Verdict, Verdict.id == Approval.verdict_id),
        about("dismissal", Dismissal, Dismissal.claim_id, Dismissal.id),
        about("retraction", Retraction, Retraction.claim_id, Retraction.id),
    )


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
    if scope.since_event is not None:
        return Claim.id.in_(event_claims(scope))
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
        exists().where(Retraction.claim_id == Claim.id, in_window(Retraction.created_at, scope)),
    )
