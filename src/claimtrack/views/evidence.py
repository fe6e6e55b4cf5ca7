"""Evidence as a reader sees it: each item's state since the verdict, and the id of its captured copy.

The one idea: "unchanged" only means something relative to a moment. The verdict is that moment: each
verdict records the captures it relied on (`verdict_capture`), and an item's `since_verdict` compares the
newest capture with the one the claim's *current* verdict relied on:

- `unchanged`: the newest capture has the same sha256 (or is the very capture relied on);
- `changed`: a later capture has a different body; `dead`: the newest capture failed (error, dead);
- `new`: the evidence was added after the verdict; `uncaptured`: the verdict had no capture of it;
- None: the claim has no verdict in force (none, or a retracted one), or the evidence was retracted (a
  retracted item no longer counts, so it flags nothing).

`record_id` names the captured copy (the WARC response record of the capture relied on, else of the newest
capture with a body); it is derived from the capture itself, so reports and `evidence export` agree on it
without storing anything, and the same database always yields the same ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from claimtrack import canonical_json as canonical

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["evidence_states", "flagged_claims", "record_id", "state_fields", "DEAD_OUTCOMES", "FLAGGED"]

DEAD_OUTCOMES = ("error", "dead")
FLAGGED = ("changed", "dead")
_NAMESPACE = uuid.UUID("5b0e7c3e-3f7a-4d59-9a43-6b1f2f0c9e11")


def record_id(capture_id: int, fetched_at, sha256: str | None, kind: str = "response") -> str:
    """The WARC-Record-ID of one record of a capture (`kind`: response, request, metadata, resource…)."""
    name = f"claimtrack:capture:{capture_id}:{canonical.isoformat(fetched_at)}:{sha256 or '-'}:{kind}"
    return f"<urn:uuid:{uuid.uuid5(_NAMESPACE, name)}>"


def state_fields(state: dict[str, Any] | None) -> dict[str, Any]:
    """The keys an evidence record carries from its state: since_verdict, relied_capture_id, record_id."""
    state = state or {}
    return {"since_verdict": state.get("since_verdict"), "relied_capture_id": state.get("relied_capture_id"),
            "record_id": state.get("record_id")}


def evidence_states(session: Session, claim_ids: Iterable[int],
                    retractions: list | None = None) -> dict[int, dict[str, Any]]:
    """Evidence id -> {since_verdict, verdict_id, relied_capture_id, newest_capture_id, record_id};
    `retractions`: these claims' retraction rows when the caller has read them already."""
    from sqlalchemy import select

    from claimtrack.store.models import Evidence, Retraction

    ids = list(claim_ids)
    if not ids:
        return {}
    evidence = list(session.execute(select(Evidence.id, Evidence.claim_id, Evidence.added_at)
                                    .where(Evidence.claim_id.in_(ids))))
    if not evidence:
        return {}
    if retractions is None:
        retractions = list(session.execute(select(Retraction.evidence_id, Retraction.verdict_id)
                                           .where(Retraction.claim_id.in_(ids))))
    verdicts = _current_verdicts(session, ids, {r.verdict_id for r in retractions if r.verdict_id})
    captures = _captures(session, [e.id for e in evidence])
    relied = _relied(session, [v.id for v in verdicts.values()])
    return states_of(evidence, verdicts, captures, relied, {r.evidence_id for r in retractions if r.evidence_id})


def current_of(rows: list, withdrawn: set[int]) -> dict[int, Any]:
    """Claim id -> its verdict in force, of verdict rows (id, claim_id, supersedes_id…): the head of each
    claim's history unless a retraction withdrew it (`withdrawn`: retracted verdict ids)."""
    superseded = {r.supersedes_id for r in rows}
    return {r.claim_id: r for r in rows if r.id not in superseded and r.id not in withdrawn}


def states_of(evidence, verdicts: dict, captures: dict[int, list], relied: set[tuple[int, int]],
              withdrawn: set[int] = frozenset()) -> dict[int, dict]:
    """Each evidence item's state since its claim's current verdict, from rows already read (the ORM read
    model and the Core read path of `views.quick` share this); `withdrawn`: retracted evidence ids."""
    states = {}
    for e in evidence:
        verdict = verdicts.get(e.claim_id)
        mine = captures.get(e.id, [])
        base = next((c for c in mine if verdict and (verdict.id, c.id) in relied), None)
        states[e.id] = _state(verdict, e.added_at, base, mine)
        if e.id in withdrawn:
            states[e.id]["since_verdict"] = None
    return states


def _state(verdict, added_at, base, mine: list) -> dict[str, Any]:
    newest = mine[-1] if mine else None
    if verdict is None:
        since = None
    elif base is None:
        since = "new" if added_at > verdict.created_at else "uncaptured"
    elif newest.outcome in DEAD_OUTCOMES:
        since = "dead"
    elif newest.id == base.id or newest.sha256 == base.sha256:
        since = "unchanged"
    else:
        since = "changed"
    shown = base if base is not None and base.sha256 else next((c for c in reversed(mine) if c.sha256), None)
    return {"since_verdict": since, "verdict_id": verdict.id if verdict else None,
            "relied_capture_id": base.id if base else None, "newest_capture_id": newest.id if newest else None,
            "record_capture_id": shown.id if shown else None,
            "record_id": record_id(shown.id, shown.fetched_at, shown.sha256) if shown else None}


def _current_verdicts(session: Session, claim_ids: list[int], withdrawn: set[int]) -> dict[int, Any]:
    from sqlalchemy import select

    from claimtrack.store.models import Verdict

    rows = list(session.execute(select(Verdict.id, Verdict.claim_id, Verdict.created_at, Verdict.supersedes_id)
                                .where(Verdict.claim_id.in_(claim_ids))))
    return current_of(rows, withdrawn)


def _captures(session: Session, evidence_ids: list[int]) -> dict[int, list[Any]]:
    from sqlalchemy import select

    from claimtrack.store.models import Capture

    found: dict[int, list[Any]] = {}
    for start in range(0, len(evidence_ids), 1000):
        chunk = evidence_ids[start:start + 1000]
        for row in session.execute(select(Capture.id, Capture.evidence_id, Capture.fetched_at, Capture.outcome,
                                          Capture.sha256).where(Capture.evidence_id.in_(chunk))
                                   .order_by(Capture.id)):
            found.setdefault(row.evidence_id, []).append(row)
    return found


def _relied(session: Session, verdict_ids: list[int]) -> set[tuple[int, int]]:
    from sqlalchemy import select

    from claimtrack.store.models import VerdictCapture

    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(verdict_ids), 1000):
        chunk = verdict_ids[start:start + 1000]
        pairs.update((r.verdict_id, r.capture_id) for r in session.execute(
            select(VerdictCapture.verdict_id, VerdictCapture.capture_id)
            .where(VerdictCapture.verdict_id.in_(chunk))))
    return pairs


def flagged_claims(session: Session, statuses: tuple[str, ...] = ("rated", "approved")) -> list[int]:
    """Claims (with a verdict, in `statuses`) whose evidence is dead or changed since the verdict.

    Candidates are found in SQL (evidence captured again after a capture some verdict relied on), so that
    only those few are examined; the exact answer is `evidence_states`.
    """
    from sqlalchemy import select

    from claimtrack.store.models import Capture, Claim, Evidence, VerdictCapture

    later = Capture.__table__.alias("later")
    candidates = list(session.scalars(
        select(Evidence.claim_id).distinct()
        .join(Capture, Capture.evidence_id == Evidence.id)
        .join(VerdictCapture, VerdictCapture.capture_id == Capture.id)
        .join(later, (later.c.evidence_id == Evidence.id) & (later.c.id > Capture.id))
        .join(Claim, Claim.id == Evidence.claim_id).where(Claim.status.in_(statuses))))
    states = evidence_states(session, candidates)
    flagged = {cid for cid, e in session.execute(select(Evidence.claim_id, Evidence.id)
                                                 .where(Evidence.claim_id.in_(candidates)))
               if states.get(e, {}).get("since_verdict") in FLAGGED} if candidates else set()
    return sorted(flagged)
