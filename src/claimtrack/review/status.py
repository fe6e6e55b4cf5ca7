"""A claim's review status: the cache of what its append-only review rows say.

The one idea: `claim.status` and `claim.rating` are caches of what the append-only review rows say
(evidence, verdicts, approvals, dismissals). `derive_statuses` is the one definition of that summary;
`refresh_status` writes it back and is called by every write that can change it (in that write's
transaction), and `status_problems` recomputes it for `db check`:

    unreviewed -> in_review (has evidence) -> rated (has a current verdict) -> approved (verdict approved)
    dismissed: dismissed, and no verdict given after the (latest) dismissal that no restoration undid

A retraction (issue 18's undo) makes its row count for nothing: retracted evidence is no evidence, a
retracted approval leaves its verdict rated, a retracted verdict leaves the claim with no verdict in force
(in review, or unreviewed without evidence) until it is rated again.

`claim.rating` is always the current verdict's rating (None without one), whatever the status.

Reading claims (list, show, history) is the read model's: `views.claims`.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, union
from sqlalchemy.orm import Session

from claimtrack.store.models import Approval, Claim, Dismissal, Evidence, Restoration, Retraction, Verdict


def head_verdict(session: Session, claim_id: int) -> Verdict | None:
    """The newest verdict of the claim's history (the one no other verdict supersedes), retracted or not:
    a new verdict supersedes it."""
    superseded = select(Verdict.supersedes_id).where(Verdict.claim_id == claim_id,
                                                    Verdict.supersedes_id.is_not(None))
    return session.scalar(select(Verdict).where(Verdict.claim_id == claim_id, Verdict.id.not_in(superseded))
                          .order_by(Verdict.id.desc()).limit(1))


def current_verdict(session: Session, claim_id: int) -> Verdict | None:
    """The claim's verdict in force: the head of its history, unless a retraction withdrew it."""
    head = head_verdict(session, claim_id)
    if head is None or session.scalar(select(Retraction.id).where(Retraction.verdict_id == head.id)) is not None:
        return None
    return head


def retracted(session: Session, column, ids: Iterable[int]) -> set[int]:
    """Which of `ids` a retraction withdrew (`column`: Retraction.evidence_id, .approval_id or .verdict_id)."""
    ids = list(ids)
    return set(session.scalars(select(column).where(column.in_(ids)))) if ids else set()


def derive_statuses(session: Session, claim_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
    """(status, rating) of each claim as its review rows define it (retracted rows count for nothing)."""
    ids = list(claim_ids)
    result: dict[int, tuple[str, str | None]] = {i: ("unreviewed", None) for i in ids}
    if not ids:
        return result
    with_evidence = set(session.scalars(select(Evidence.claim_id).where(
        Evidence.claim_id.in_(ids), Evidence.id.not_in(select(Retraction.evidence_id).where(
            Retraction.claim_id.in_(ids), Retraction.evidence_id.is_not(None)))).distinct()))
    verdicts = list(session.execute(select(Verdict.id, Verdict.claim_id, Verdict.rating, Verdict.created_at,
                                           Verdict.supersedes_id).where(Verdict.claim_id.in_(ids))))
    superseded = {v.supersedes_id for v in verdicts}
    heads = {v.claim_id: v for v in verdicts if v.id not in superseded}
    withdrawn = retracted(session, Retraction.verdict_id, [v.id for v in heads.values()])
    current = {c: v for c, v in heads.items() if v.id not in withdrawn}
    approved = set(session.scalars(select(Approval.verdict_id).where(
        Approval.verdict_id.in_([v.id for v in current.values()]),
        Approval.id.not_in(select(Retraction.approval_id).where(Retraction.approval_id.is_not(None))))
    )) if current else set()
    dismissed = dict(session.execute(select(Dismissal.claim_id, func.max(Dismissal.created_at))
                                     .where(Dismissal.claim_id.in_(ids),
                                            Dismissal.id.not_in(select(Restoration.dismissal_id)))
                                     .group_by(Dismissal.claim_id)).all())
    for i in ids:
        v = current.get(i)
        if i in dismissed and (v is None or v.created_at < dismissed[i]):
            result[i] = ("dismissed", v.rating if v else None)
        elif v is not None:
            result[i] = ("approved" if v.id in approved else "rated", v.rating)
        elif i in with_evidence:
            result[i] = ("in_review", None)
    return result


def refresh_status(session: Session, claim: Claim) -> None:
    """Bring one claim's cached status and rating up to date (inside the caller's write)."""
    session.flush()
    claim.status, claim.rating = derive_statuses(session, [claim.id])[claim.id]
    session.flush()


def status_problems(session: Session, batch: int = 2000, cap: int = 50) -> list[str]:
    """Claims whose cached status or rating disagrees with their review rows (for `db check`)."""
    reviewed = union(select(Evidence.claim_id), select(Verdict.claim_id), select(Dismissal.claim_id)).subquery()
    problems = [f"claim {cid}: cached {status}/{rating or '-'}, derived unreviewed/-"
                for cid, status, rating in session.execute(
                    select(Claim.id, Claim.status, Claim.rating)
                    .where((Claim.status != "unreviewed") | Claim.rating.is_not(None))
                    .where(Claim.id.not_in(select(reviewed.c[0]))).order_by(Claim.id).limit(cap))]
    ids = sorted(session.scalars(select(reviewed.c[0])))
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        derived = derive_statuses(session, chunk)
        for cid, status, rating in session.execute(select(Claim.id, Claim.status, Claim.rating)
                                                   .where(Claim.id.in_(chunk)).order_by(Claim.id)):
            if (status, rating) != derived[cid]:
                problems.append(f"claim {cid}: cached {status}/{rating or '-'}, "
                                f"derived {derived[cid][0]}/{derived[cid][1] or '-'}")
    return problems[:cap]
