"""Streaming the claims in scope, a batch at a time, with everything a report shows about them.

The one idea: memory stays flat and the query count stays constant per batch. Claims are read in id order
by keyset (`id > last ORDER BY id LIMIT n`); each batch is loaded by the read model's one loader
(`views.claims.load`: one IN query per related table, big columns never loaded, merged claims'
appearances under their survivor) and the session is emptied before the next batch. Everything is ordered
by integer ids, so the order is the same on SQLite and PostgreSQL whatever their collations.

Call it inside one read transaction (see `snapshot`) so that every batch sees the same database state.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack.report.scope import Scope, claim_filter
from claimtrack.store.models import Claim
from claimtrack.views.claims import Loaded, load

BATCH = 500

__all__ = ["BATCH", "Loaded", "snapshot", "stream"]


def snapshot(session: Session) -> None:
    """Make the session's transaction one consistent snapshot (PostgreSQL: REPEATABLE READ)."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def stream(session: Session, scope: Scope, batch: int | None = None) -> Iterator[Loaded]:
    """Every claim in scope, in id order, fully loaded, `batch` (default BATCH) claims per round of queries."""
    batch = batch or BATCH
    where = claim_filter(scope)
    last = 0
    while True:
        query = select(Claim).where(Claim.id > last).order_by(Claim.id).limit(batch)
        claims = list(session.scalars(query if where is None else query.where(where)))
        if not claims:
            return
        last = claims[-1].id
        yield from load(session, claims)
        session.expunge_all()
