"""The tamper-evident audit trail: an append-only chain of events, each hashing the one before.

The one idea: `record()` runs inside the caller's write transaction (so the event commits with the change
it describes, or not at all) and that transaction already holds the write lock (`Store.write()`), so
reading the chain's head and appending to it cannot interleave with another writer. Event ids are
therefore the commit order: a read snapshot always sees a prefix of the chain.

hash = sha256(canonical JSON of {id, created_at, actor, action, entity, entity_id, payload, prev_hash}).
Including the id makes a deleted or inserted row break the chain; a truncated tail or a chain recomputed
from an edit onwards is caught only against a head kept elsewhere (`store/witness.py`, `audit anchor`).

`verify` proves both directions. Every event that records rows carries their digests in its payload
(`digest` for the event's own row, `row_digests` = {table: {id: digest}} for the rows it commits to
together, e.g. an article version's mentions or a claim's quantities), and every row of every table in
`AUDITED` must be committed to by exactly one event with a matching digest (or, for a row the application may change, such
as an article's metadata, by its latest `*.update` event): an edited row, a deleted row and a row inserted
behind the application's back (no event) are each named. Content checks that need no event come on top:
a version's bytes and text match their sha256, its text is what the recorded extractor derives from the
stored raw bytes (when that extractor is this code's), and every mention quotes its version exactly, with
its prefix and suffix the words around the quote. Caches that the application itself refreshes
(`claim.status`, `claim.rating`) are left out of the digest.

Every event also names the account that wrote it (`payload.account`: the PostgreSQL session user, else the
OS account of the process), so that an approval by the verdict's own account shows, whatever name either
was declared under.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import event as sa_event, inspect, select
from sqlalchemy.orm import Session

from claimtrack import canonical_json as canonical
from claimtrack.store.models import Base, Event
from claimtrack.clock import utcnow

GENESIS = "0" * 64

UNAUDITED_COLUMNS = {"claim": {"status", "rating"}}
# Columns added by a later migration enter a row's digest only when set, so digests recorded before the
# column existed still match (the column is NULL on those rows).
LATER_COLUMNS = {"article_version": {"canonical_url"}}
# Every table whose rows record something that happened; each row must be committed to by one event.
# (`rating` is the scale, seeded by the migration; `claim_key`, `factcheck_key` are derived indexes.)
AUDITED = ("article", "article_version", "claim", "quantity", "mention", "evidence", "capture", "verdict",
           "approval", "dismissal", "claim_link", "link_decision", "export", "factcheck", "factcheck_match",
           "factcheck_decision", "restoration", "retraction")
ACCOUNT = "claimtrack.audit.account"


# who an account is, and how reviewer names compare: `store.accounts` (no ORM, for fast read commands)
from claimtrack.store.accounts import _INVISIBLE, normalise_reviewer, os_account  # noqa: E402,F401


def record(session: Session, actor: str, action: str, row: Base | None = None, *,
           rows: Iterable[Base] | None = None, entity: str | None = None, entity_id: int | None = None,
           payload: dict[str, Any] | None = None) -> Event:
    """Append one event to the chain, in the caller's (write) transaction.

    With `row`, the event names that row and its payload carries the row's digest; `rows` are further rows
    the event commits to (`payload.row_digests`). The chain's head is read once per transaction and then kept
    in `session.info` (the write lock means no one else appends), so an import that records hundreds of rows
    costs no query per event; events are inserted at the next flush.
    """
    payload = dict(payload or {})
    committed = rows is not None
    rows = list(rows or ())
    if (row is not None and inspect(row).pending) or any(inspect(r).pending for r in rows):
        session.flush()
    if row is not None:
        entity, entity_id = row.__tablename__, row.id
        payload["digest"] = row_digest(row)
    if committed:  # even none: the event says these are all the rows it stands for
        covered: dict[str, dict[str, str]] = payload.setdefault("row_digests", {})
        for r in rows:
            covered.setdefault(r.__tablename__, {})[str(r.id)] = row_digest(r)
    payload["account"] = session.info.get(ACCOUNT) or os_account()
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
    return values_digest(row.__tablename__, {attr.key: getattr(row, attr.key)
                                             for attr in inspect(row).mapper.column_attrs})


def values_digest(table: str, values: dict[str, Any]) -> str:
    """`row_digest` of a row given as {attribute key: value} (every column of the model, as the row object
    would hold it): the import path inserts rows with Core and digests them without ORM objects."""
    skip = UNAUDITED_COLUMNS.get(table, ())
    later = LATER_COLUMNS.get(table, ())
    kept = {}
    for key, value in values.items():
        if key in skip or (value is None and key in later):
            continue
        if isinstance(value, bytes):
            value = hashlib.sha256(value).hexdigest()
        elif isinstance(value, datetime):  # the text canonical JSON writes for it, made once per timestamp
            value = _isoformat(value)
        kept[key] = value
    return hashlib.sha256(canonical.dumps(kept).encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)  # an import stamps all the rows of an article with one `now`
def _isoformat(value: datetime) -> str:
    return canonical.isoformat(value)


@dataclass
class PendingEvent:
    """An event to append with `append_events` (the import path's batched form of `record`)."""

    actor: str
    action: str
    entity: str
    entity_id: int | None
    payload: dict[str, Any]


def append_events(session: Session, events: list[PendingEvent]) -> int:
    """Append `events` to the chain in the caller's write transaction with one Core executemany.

    The same events `record` writes (ids follow the head, each hash over its content and its predecessor's
    hash, `payload.account` the writing account), without an ORM object per event. Returns the new head id.
    """
    if not events:
        return _head(session)[0]
    from claimtrack.store.rows import insert_values

    account = session.info.get(ACCOUNT) or os_account()
    head_id, head_hash = _head(session)
    rows = []
    for pending in events:
        payload = dict(pending.payload)
        payload["account"] = account
        row = {"id": head_id + 1, "created_at": utcnow(), "actor": pending.actor, "action": pending.action,
               "entity": pending.entity or "", "entity_id": pending.entity_id,
               "payload": canonical.dumps(payload), "prev_hash": head_hash}
        row["hash"] = _content_hash(row)
        rows.append(row)
        head_id, head_hash = row["id"], row["hash"]
    insert_values(session, Event.__table__, rows)
    session.info[_HEAD] = (head_id, head_hash)
    return head_id


def event_hash(event: Event) -> str:
    """The hash an event must carry, computed from its content and its predecessor's hash."""
    return _content_hash({"id": event.id, "created_at": event.created_at, "actor": event.actor,
                          "action": event.action, "entity": event.entity, "entity_id": event.entity_id,
                          "payload": event.payload, "prev_hash": event.prev_hash})


def _content_hash(row: dict[str, Any]) -> str:
    content = {
        "id": row["id"],
        "created_at": canonical.isoformat(row["created_at"]),
        "actor": row["actor"],
        "action": row["action"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "payload": row["payload"],
        "prev_hash": row["prev_hash"],
    }
    return hashlib.sha256(canonical.dumps(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verifying the chain and the rows: `ok`, how many events, the head, the first problem
    (`bad_event` and/or `bad_row`, e.g. "verdict 3") and up to 50 problems in all.

    `self_approved` lists approvals whose writing account is the verdict's own (a mark, not a failure: a
    single-user database has only one account); `unchecked_text` counts versions whose recorded extractor
    is not this code's, so their text could not be re-derived (and quantities of claims created before claim
    events recorded them); `witnessed` counts the witnessed heads checked.
    """

    ok: bool
    events: int
    head: str
    bad_event: int | None = None
    problem: str | None = None
    bad_row: str | None = None
    problems: tuple[str, ...] = ()
    self_approved: tuple[int, ...] = ()
    unchecked_text: int = 0
    witnessed: int = 0
    rows_checked: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "events": self.events, "sequence": self.events, "head": self.head,
                "bad_event": self.bad_event, "bad_row": self.bad_row, "problem": self.problem,
                "problems": list(self.problems), "self_approved": list(self.self_approved),
                "unchecked_text": self.unchecked_text, "witnessed": self.witnessed,
                "rows_checked": self.rows_checked}


Rederive = Callable[[Any], tuple[str, str, str]]


@dataclass
class _Found:
    """Problems keyed for ordering: (0, event id) for an event's row, (1, table rank, row id) for rows."""

    items: list[tuple[tuple, int | None, str | None, str]] = field(default_factory=list)

    def add(self, key: tuple, event_id: int | None, row: str | None, message: str) -> None:
        self.items.append((key, event_id, row, message))
        if len(self.items) > 500:  # keep the 50 first: a wholly unlogged database must not fill memory
            self.items.sort(key=lambda item: item[0])
            del self.items[50:]


def verify(session: Session, batch: int = 2000, *, rows: bool = True, rederive: Rederive | None = None,
           witness: Iterable[Any] = ()) -> ChainReport:
    """Recompute the chain from the first event, then prove every audited row against the events.

    `rederive(version) -> (text, extractor, extractor_version)` re-derives a version's text from its raw
    bytes (the ingest layer's; None skips that check). `witness` are heads kept outside the database
    (`witness.Head`): each must still be on the chain.
    """
    heads = {h.sequence: h for h in witness}
    covered: dict[str, dict[int, tuple[int, str]]] = {name: {} for name in AUDITED}
    found = _Found()
    verdict_account: dict[int, str] = {}
    approvals: list[tuple[int, int, str]] = []
    legacy: set[int] = set()
    expected_prev, expected_id, count = GENESIS, 1, 0
    for events in _batches(session, batch):
        for event in events:
            problem = _problem(event, expected_id, expected_prev)
            if problem:
                bad = expected_id if event.id > expected_id else event.id  # a deleted event is named itself
                return ChainReport(False, count, expected_prev, bad, problem, problems=(problem,))
            if (h := heads.get(event.id)) is not None and h.hash != event.hash:
                found.add((0, event.id), event.id, None,
                          f"event {event.id} is not the witnessed head {h.sequence} ({h.hash[:16]}…, "
                          f"anchored {h.time}): the chain was rewritten at or before it")
            payload = json.loads(event.payload)
            for table, row_id, digest in _covers(event, payload):
                if table not in covered:
                    continue
                if (prior := covered[table].get(row_id)) is not None and not event.action.endswith(".update"):
                    found.add((0, event.id), event.id, f"{table} {row_id}",
                              f"{table} {row_id} is recorded by event {prior[0]} and again by event {event.id}")
                else:
                    covered[table][row_id] = (event.id, digest)
            if event.action == "claim.create" and "row_digests" not in payload and event.entity_id is not None:
                legacy.add(event.entity_id)  # written before claims committed to their quantities
            account = payload.get("account")
            if account and event.action == "verdict.set" and event.entity_id is not None:
                verdict_account[event.entity_id] = account
            elif account and event.action == "verdict.approve" and event.entity_id is not None:
                approvals.append((event.entity_id, payload.get("verdict_id"), account))
            expected_prev, expected_id, count = event.hash, event.id + 1, count + 1
        session.expunge_all()
    for sequence, h in heads.items():
        if sequence > count:
            found.add((0, count + 1), None, None,
                      f"witnessed head {sequence} ({h.hash[:16]}…, anchored {h.time}) is gone: the chain "
                      f"ends at event {count} (truncated)")
        elif sequence == 0 and h.hash != GENESIS:
            found.add((0, 0), None, None, "witnessed head 0 is not the genesis hash")
    unchecked = 0
    if rows:
        unchecked = _check_rows(session, covered, found, rederive, legacy)
    self_approved = tuple(sorted(
        approval_id for approval_id, verdict_id, account in approvals
        if verdict_id in verdict_account and normalise_reviewer(verdict_account[verdict_id])
        == normalise_reviewer(account)))
    if found.items:
        found.items.sort(key=lambda item: item[0])
        _, bad_event, bad_row, message = found.items[0]
        return ChainReport(False, count, expected_prev, bad_event, message, bad_row,
                           tuple(m for *_, m in found.items[:50]), self_approved, unchecked, len(heads), rows)
    return ChainReport(True, count, expected_prev, self_approved=self_approved, unchecked_text=unchecked,
                       witnessed=len(heads), rows_checked=rows)


def _covers(event: Event, payload: dict[str, Any]) -> Iterator[tuple[str, int, str]]:
    """(table, row id, digest) of every row the event commits to."""
    if payload.get("digest") and event.entity_id is not None:
        yield event.entity, event.entity_id, payload["digest"]
    for table, by_id in (payload.get("row_digests") or {}).items():
        for row_id, digest in by_id.items():
            yield table, int(row_id), digest
    if event.action == "mention.create":  # events written before `rows`: the version's mention digests
        for row_id, digest in (payload.get("digests") or {}).items():
            yield "mention", int(row_id), digest


def _check_rows(session: Session, covered: dict[str, dict[int, tuple[int, str]]], found: _Found,
                rederive: Rederive | None, legacy: set[int]) -> int:
    """Every row of every audited table against the event that committed to it; content checks on top.

    The quantities of a claim created before claim events committed to them (`legacy`) are counted as
    unchecked rather than unlogged: nothing recorded them, so nothing can prove them either way."""
    tables = {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}
    unchecked = 0
    for rank, name in enumerate(AUDITED):
        model, wanted = tables[name], covered[name]
        size = 100 if name in ("article_version", "capture") else 2000
        last = 0
        while True:
            batch = list(session.scalars(select(model).where(model.id > last).order_by(model.id).limit(size)))
            if not batch:
                break
            texts = _version_texts(session, batch) if name == "mention" else {}
            for row in batch:
                label = f"{name} {row.id}"
                entry = wanted.pop(row.id, None)
                if entry is None and name == "quantity" and row.claim_id in legacy:
                    unchecked += 1
                    continue
                if entry is None:
                    found.add((1, rank, row.id), None, label,
                              f"{label} is not recorded by any event (a row written behind the audit trail, "
                              f"or its event was deleted)")
                    continue
                event_id, digest = entry
                if row_digest(row) != digest:
                    found.add((0, event_id), event_id, label, f"{label} recorded by event {event_id} was changed")
                    continue
                if name == "article_version":
                    problem, skipped = _version_problem(row, rederive)
                    unchecked += skipped
                elif name == "mention":
                    problem = _mention_problem(row, texts.get(row.version_id))
                else:
                    problem = None
                if problem:
                    found.add((0, event_id), event_id, label, f"{label}: {problem}")
            last = batch[-1].id
            session.expunge_all()
        for row_id, (event_id, _) in wanted.items():
            found.add((0, event_id), event_id, f"{name} {row_id}",
                      f"{name} {row_id} recorded by event {event_id} was deleted")
    return unchecked


def _version_texts(session: Session, mentions: list[Any]) -> dict[int, str]:
    from claimtrack.store.models import ArticleVersion

    ids = {m.version_id for m in mentions}
    query = select(ArticleVersion.id, ArticleVersion.text).where(ArticleVersion.id.in_(ids))
    return {row.id: row.text for row in session.execute(query)}


def _version_problem(version: Any, rederive: Rederive | None) -> tuple[str | None, int]:
    """What is wrong with a version's bytes or text (None), and 1 if its text could not be re-derived."""
    if hashlib.sha256(version.raw).hexdigest() != version.raw_sha256 or len(version.raw) != version.size:
        return "raw bytes do not match raw_sha256/size", 0
    if hashlib.sha256(version.text.encode("utf-8")).hexdigest() != version.text_sha256:
        return "text does not match text_sha256", 0
    if rederive is None:
        return None, 0
    try:
        text, extractor, extractor_version = rederive(version)
    except Exception as exc:  # noqa: BLE001 - a version whose bytes no longer decode is a finding, not a crash
        return f"raw bytes no longer yield text ({type(exc).__name__})", 0
    if (extractor, extractor_version) != (version.extractor, version.extractor_version):
        return None, 1  # another extractor (or version) made this text: nothing to compare it with here
    if text != version.text:
        return (f"text is not what extractor {extractor} {extractor_version} derives from the stored raw "
                "bytes (rewritten text)"), 0
    return None, 0


def _mention_problem(mention: Any, text: str | None) -> str | None:
    if mention.orphaned or text is None:
        return None
    start, end = mention.start, mention.end
    if start is None or end is None or text[start:end] != mention.quote:
        return f"span [{start}:{end}] of version {mention.version_id} is not its quote"
    if not text[:start].endswith(mention.prefix or ""):
        return f"prefix is not the text before its span in version {mention.version_id}"
    if not text[end:].startswith(mention.suffix or ""):
        return f"suffix is not the text after its span in version {mention.version_id}"
    return None


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


def head_info(session: Session) -> dict[str, Any]:
    """The chain's head as a witness keeps it: sequence (the newest event id, 0 when empty), hash, time."""
    newest = session.execute(select(Event.id, Event.hash, Event.created_at).order_by(Event.id.desc())
                             .limit(1)).first()
    if newest is None:
        return {"sequence": 0, "hash": GENESIS, "time": None}
    return {"sequence": newest.id, "hash": newest.hash, "time": canonical.isoformat(newest.created_at)}


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
