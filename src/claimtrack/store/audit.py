"""The tamper-evident audit trail: an append-only chain of events, each hashing the one before.

The one idea: `record()` runs inside the caller's write transaction (so the event commits with the change
it describes, or not at all) and that transaction already holds the write lock (`Store.write()`), so
reading the chain's head and appending to it cannot interleave with another writer.

hash = sha256(canonical JSON of {id, created_at, actor, action, entity, entity_id, payload, prev_hash}).
Including the id makes a deleted or inserted row break the chain; the head hash (printed by
`audit verify` and stamped into every report) detects a truncated tail.

An event that records a row (a verdict, an evidence, a mention...) carries that row's digest in its
payload, so `verify` also finds a row edited or deleted behind the application's back. Caches that the
application itself refreshes (`claim.status`, `claim.rating`) are left out of the digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event as sa_event, inspect, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.store.models import Base, Event
from claimtrack.clock import utcnow

GENESIS = "0" * 64


UNAUDITED_COLUMNS = {"claim": {"status", "rating"}}


def record(session: Session, actor: str, action: str, row: Base | None = None, *,
           entity: str | None = None, entity_id: int | None = None,
           payload: dict[str, Any] | None = None) -> Event:
    """Append one event to the chain, in the caller's (write) transaction.

    With `row`, the event names that row and its payload carries the row's digest. The chain's head is read
    once per transaction and then kept in `session.info` (the write lock means no one else appends), so an
    import that records hundreds of rows costs no query per event; events are inserted at the next flush.
    """
    payload = dict(payload or {})
    if row is not None:
        if inspect(row).pending:
            session.flush()
        entity, entity_id = row.__tablename__, row.id
        payload["digest"] = row_digest(row)
    head_id, head_hash = _head(session)
    event = Event(
        id=head_id + 1,
        created_at=utcnow(),
        actor=actor,
        action=action,
        entity=entity or "",
        entity_id=entity_id,
        payload=canonical.dumps(payload),
        prev_hash=head_hash,
    )
    event.hash = event_hash(event)
    session.add(event)
    session.info[_HEAD] = (event.id, event.hash)
    return event


_HEAD = "claimtrack.audit.head"


@sa_event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, transaction) -> None:
    """The cached head is only valid inside the transaction that holds the write lock (flushes open inner
    transactions of their own: only the outermost one's end counts)."""
    if transaction.parent is None:
        session.info.pop(_HEAD, None)


def _head(session: Session) -> tuple[int, str]:
    """(id, hash) of the newest event, from this transaction's cache or the database."""
    if _HEAD not in session.info:
        newest = session.execute(select(Event.id, Event.hash).order_by(Event.id.desc()).limit(1)).first()
        session.info[_HEAD] = (newest.id, newest.hash) if newest else (0, GENESIS)
    return session.info[_HEAD]


def row_digest(row: Base) -> str:
    """sha256 over the canonical form of a row's audited columns (bytes enter by their own sha256)."""
    skip = UNAUDITED_COLUMNS.get(row.__tablename__, set())
    values = {}
    for attr in inspect(row).mapper.column_attrs:
        if attr.key in skip:
            continue
        value = getattr(row, attr.key)
        values[attr.key] = hashlib.sha256(value).hexdigest() if isinstance(value, bytes) else value
    return hashlib.sha256(canonical.dumps(values).encode("utf-8")).hexdigest()


def event_hash(event: Event) -> str:
    """The hash an event must carry, computed from its content and its predecessor's hash."""
    content = {
        "id": event.id,
        "created_at": canonical.isoformat(event.created_at),
        "actor": event.actor,
        "action": event.action,
        "entity": event.entity,
        "entity_id": event.entity_id,
        "payload": event.payload,
        "prev_hash": event.prev_hash,
    }
    return hashlib.sha256(canonical.dumps(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying the chain: `ok`, how many events, the head, and the first bad event."""

    ok: bool
    events: int
    head: str
    bad_event: int | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.events, "head": self.head, "bad_event": self.bad_event,
                "problem": self.problem}


def verify(session: Session, batch: int = 2000) -> ChainReport:
    """Recompute the chain from the first event, and the rows events recorded; name the first bad event."""
    expected_prev, expected_id, count = GENESIS, 1, 0
    for events in _batches(session, batch):
        for event in events:
            problem = _problem(event, expected_id, expected_prev)
            if problem:
                bad = expected_id if event.id > expected_id else event.id  # a deleted event is named itself
                return ChainReport(False, count, expected_prev, bad, problem)
            expected_prev, expected_id, count = event.hash, event.id + 1, count + 1
        if bad := _row_problem(session, events):
            return ChainReport(False, count, expected_prev, bad[0], bad[1])
        session.expunge_all()
    return ChainReport(True, count, expected_prev)


def _row_problem(session: Session, events: list[Event]) -> tuple[int, str] | None:
    """The first event whose recorded row was since changed or deleted."""
    tables = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
    wanted: dict[str, dict[int, tuple[int, str]]] = {}
    for event in events:
        digest = json.loads(event.payload).get("digest")
        if digest and event.entity in tables and event.entity_id is not None:
            wanted.setdefault(event.entity, {})[event.entity_id] = (event.id, digest)
    found: list[tuple[int, str]] = []
    for entity, by_id in wanted.items():
        model = tables[entity]
        rows = {row.id: row for row in session.scalars(select(model).where(model.id.in_(by_id)))}
        for row_id, (event_id, digest) in by_id.items():
            row = rows.get(row_id)
            if row is None:
                found.append((event_id, f"{entity} {row_id} recorded by event {event_id} was deleted"))
            elif row_digest(row) != digest:
                found.append((event_id, f"{entity} {row_id} recorded by event {event_id} was changed"))
    return min(found) if found else None


def _problem(event: Event, expected_id: int, expected_prev: str) -> str | None:
    if event.id != expected_id:
        return f"event {expected_id} is missing (next is {event.id})" if event.id > expected_id else "id out of order"
    if event.prev_hash != expected_prev:
        return f"event {event.id} does not follow event {event.id - 1} (prev_hash mismatch)"
    if event.hash != event_hash(event):
        return f"event {event.id} was altered (hash mismatch)"
    return None


def _batches(session: Session, batch: int) -> Iterator[list[Event]]:
    last = 0
    while True:
        rows = list(session.scalars(select(Event).where(Event.id > last).order_by(Event.id).limit(batch)))
        if not rows:
            return
        yield rows
        last = rows[-1].id


def head(session: Session) -> str:
    """The hash of the newest event (the genesis hash for an empty log)."""
    return session.scalar(select(Event.hash).order_by(Event.id.desc()).limit(1)) or GENESIS


def log(session: Session, *, entities: dict[str, list[int]] | None = None, limit: int | None = None) -> list[Event]:
    """Events, oldest first: the newest `limit` of them, or only those about the given rows (table -> ids)."""
    from sqlalchemy import and_, or_

    query = select(Event)
    if entities is not None:
        about = [and_(Event.entity == name, Event.entity_id.in_(ids)) for name, ids in entities.items() if ids]
        if not about:
            return []
        query = query.where(or_(*about))
    query = query.order_by(Event.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return list(reversed(list(session.scalars(query))))
