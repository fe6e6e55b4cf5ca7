"""Verdicts: a rating with its rationale, appended to a claim's history, and a second reviewer's approval.

The one idea: a verdict is never overwritten. Each new verdict names the one it supersedes, and the
database makes that history a single line per claim (one first verdict per claim, no verdict superseded
twice), so two reviewers rating the same claim at once cannot silently lose one verdict: writers are
serialised (`Store.write()`), `expect_current` lets a reviewer insist on the verdict they were shown
(otherwise a `Conflict`), and should two writers ever race past that, the unique constraints turn the
loser's insert into an IntegrityError that is reported as a `Conflict` too.

Undo (issue 18) never deletes: a verdict is withdrawn by a verdict reinstating the one before, or, for a
claim's first verdict, by a `Retraction` row (no verdict in force until the claim is rated again, and the
next verdict still supersedes the withdrawn one: one line of history); an approval is withdrawn by a
`Retraction` too, after which the verdict is unapproved (unpublished) and may be approved again. Only the
author of a row withdraws it, and an approved verdict only once its approval is withdrawn.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimtrack.errors import Conflict, InputError, NotFound
from claimtrack.store import audit
from claimtrack.store.db import Store, writing
from claimtrack.review.evidence import record_relied_on
from claimtrack.review.status import current_verdict, head_verdict, refresh_status
from claimtrack.store.models import Approval, Evidence, Rating, Retraction, Verdict
from claimtrack.views.claims import get_claim

NO_EVIDENCE_NEEDED = "unverifiable"
ExpectCurrent = int | Literal["none"] | None


def parse_expect_current(value: str | None) -> ExpectCurrent:
    """`--expect-current` as given: a verdict id, "none" (no verdict yet), or None (not given)."""
    if value is None:
        return None
    if value.strip().lower() == "none":
        return "none"
    if not value.strip().isdigit():
        raise InputError(f"--expect-current takes a verdict id or 'none', not {value!r}")
    return int(value)


def set_verdict(db: Store | Session, claim_id: int, rating: str, rationale: str, *, actor: str,
                ratings: tuple[str, ...], expect_current: ExpectCurrent = None) -> Verdict:
    """Append a verdict that supersedes the claim's current one (if `expect_current` allows)."""
    with writing(db) as session:
        return _set_verdict(session, claim_id, rating, rationale, actor=actor, ratings=ratings,
                            expect_current=expect_current)


def _set_verdict(session: Session, claim_id: int, rating: str, rationale: str, *, actor: str,
                ratings: tuple[str, ...], expect_current: ExpectCurrent = None) -> Verdict:
    """Append a verdict that supersedes the claim's current one (if `expect_current` allows)."""
    if rating not in ratings:
        raise InputError(f"unknown rating {rating!r}: valid ratings are {', '.join(ratings)}")
    if not rationale or not rationale.strip():
        raise InputError("a rationale is required (--rationale)")
    claim = get_claim(session, claim_id)
    if rating != NO_EVIDENCE_NEEDED and session.scalar(
            select(Evidence.id).where(Evidence.claim_id == claim_id, Evidence.id.not_in(
                select(Retraction.evidence_id).where(Retraction.claim_id == claim_id,
                                                     Retraction.evidence_id.is_not(None)))).limit(1)) is None:
        raise InputError(f"claim {claim_id} has no evidence: add some first (`evidence add`); "
                         f"only {NO_EVIDENCE_NEEDED!r} needs none")
    current = current_verdict(session, claim_id)
    _check_expected(claim_id, current, expect_current)
    _ensure_rating(session, rating, ratings, actor)
    head = current or head_verdict(session, claim_id)  # a retracted verdict is still superseded: one line
    verdict = Verdict(claim_id=claim_id, rating=rating, rationale=rationale.strip(), reviewer=actor,
                      supersedes_id=head.id if head else None)
    session.add(verdict)
    _flush_or_conflict(session, f"another verdict on claim {claim_id} was saved at the same moment; "
                                "look at `verdict history` and try again")
    audit.record(session, actor, "verdict.set", verdict,
                 payload={"claim_id": claim_id, "rating": rating, "supersedes": verdict.supersedes_id})
    record_relied_on(session, verdict, actor)
    refresh_status(session, claim)
    return verdict


def _check_expected(claim_id: int, current: Verdict | None, expected: ExpectCurrent) -> None:
    if expected is None:
        return
    have = current.id if current else None
    want = None if expected == "none" else expected
    if have != want:
        seen = f"verdict {have} by {current.reviewer}" if current else "no verdict"
        raise Conflict(f"claim {claim_id} now has {seen}, not {'no verdict' if want is None else f'verdict {want}'}"
                       f" as expected: another reviewer got there first (see `verdict history {claim_id}`)")


def _ensure_rating(session: Session, rating: str, ratings: tuple[str, ...], actor: str) -> None:
    """A configured rating missing from the `rating` table is added (verdicts reference it by name)."""
    if session.get(Rating, rating) is not None:
        return
    row = Rating(name=rating, value=ratings.index(rating) + 1)
    session.add(row)
    session.flush()
    audit.record(session, actor, "rating.add", entity="rating", payload={"name": rating, "value": row.value})


def _flush_or_conflict(session: Session, message: str) -> None:
    try:
        session.flush()
    except IntegrityError:
        raise Conflict(message) from None


def approve(db: Store | Session, claim_id: int, *, actor: str, expect_current: ExpectCurrent = None) -> Approval:
    """A second reviewer signs off the claim's current verdict (never its author; once per verdict)."""
    with writing(db) as session:
        return _approve(session, claim_id, actor=actor, expect_current=expect_current)


def _approve(session: Session, claim_id: int, *, actor: str, expect_current: ExpectCurrent = None) -> Approval:
    """A second reviewer signs off the claim's current verdict (never its author; once per verdict)."""
    claim = get_claim(session, claim_id)
    verdict = current_verdict(session, claim_id)
    if verdict is None:
        raise InputError(f"claim {claim_id} has no verdict to approve")
    _check_expected(claim_id, verdict, expect_current)
    if audit.normalise_reviewer(verdict.reviewer) == audit.normalise_reviewer(actor):  # "ALICE", "ali\u200bce"
        raise InputError(f"verdict {verdict.id} was written by {actor}: approval needs a second reviewer")
    if verdict.approval is not None:
        raise InputError(f"verdict {verdict.id} is already approved by {verdict.approval.reviewer}")
    approval = Approval(verdict_id=verdict.id, reviewer=actor)
    session.add(approval)
    _flush_or_conflict(session, f"verdict {verdict.id} was approved by someone else at the same moment")
    audit.record(session, actor, "verdict.approve", approval, payload={"claim_id": claim_id,
                                                                        "verdict_id": verdict.id})
    refresh_status(session, claim)
    return approval


def get_verdict(session: Session, verdict_id: int) -> Verdict:
    verdict = session.get(Verdict, verdict_id)
    if verdict is None:
        raise NotFound(f"no verdict with id {verdict_id}")
    return verdict


def retract_verdict(db: Store | Session, verdict_id: int, reason: str, *, actor: str,
                    ratings: tuple[str, ...]) -> Verdict | Retraction:
    """Withdraw the claim's current verdict (the reviewer's own, not approved); nothing is deleted.

    A verdict that superseded another is withdrawn by appending a verdict that supersedes it and reinstates
    the rating and rationale of the one before (a `verdict.set` event, so every reader of verdict events,
    the self-approval check among them, sees the new verdict, whose payload names what it `retracts` and
    `reinstates`); that new verdict is returned. A claim's first verdict has nothing to reinstate: it is
    withdrawn by a `Retraction` (event `verdict.retract`), which is returned, and the claim has no verdict
    in force until it is rated again. An approved verdict's approval must be retracted first."""
    with writing(db) as session:
        _need_reason(reason, "a verdict")
        verdict = get_verdict(session, verdict_id)
        current = current_verdict(session, verdict.claim_id)
        if current is None or current.id != verdict.id:
            raise Conflict(f"verdict {verdict_id} is no longer claim {verdict.claim_id}'s current verdict "
                           f"(see `verdict history {verdict.claim_id}`)")
        if audit.normalise_reviewer(verdict.reviewer) != audit.normalise_reviewer(actor):
            raise InputError(f"verdict {verdict_id} was written by {verdict.reviewer}: only its author retracts it")
        if verdict.approval is not None:
            raise InputError(f"verdict {verdict_id} is approved by {verdict.approval.reviewer}: that approval "
                             "must be retracted first (by its approver)")
        claim = get_claim(session, verdict.claim_id)
        previous = session.get(Verdict, verdict.supersedes_id) if verdict.supersedes_id else None
        if previous is None or session.scalar(select(Retraction.id).where(Retraction.verdict_id == previous.id)):
            # nothing (in force) to reinstate: the claim is left with no verdict
            retraction = Retraction(claim_id=verdict.claim_id, verdict_id=verdict.id, reason=reason.strip(),
                                    reviewer=actor)
            session.add(retraction)
            _flush_or_conflict(session, f"verdict {verdict_id} was retracted at the same moment")
            audit.record(session, actor, "verdict.retract", retraction,
                         payload={"claim_id": verdict.claim_id, "verdict_id": verdict.id, "reason": reason.strip()})
            refresh_status(session, claim)
            return retraction
        _ensure_rating(session, previous.rating, ratings if previous.rating in ratings else
                       (*ratings, previous.rating), actor)
        reinstated = Verdict(claim_id=verdict.claim_id, rating=previous.rating, reviewer=actor,
                             rationale=f"retracts verdict {verdict.id} ({reason.strip()}); reinstates verdict "
                                       f"{previous.id}: {previous.rationale}",
                             supersedes_id=verdict.id)
        session.add(reinstated)
        _flush_or_conflict(session, f"another verdict on claim {verdict.claim_id} was saved at the same moment")
        audit.record(session, actor, "verdict.set", reinstated,
                     payload={"claim_id": verdict.claim_id, "rating": previous.rating, "supersedes": verdict.id,
                              "retracts": verdict.id, "reinstates": previous.id, "reason": reason.strip()})
        record_relied_on(session, reinstated, actor)
        refresh_status(session, claim)
        return reinstated


def retract_approval(db: Store | Session, approval_id: int, reason: str, *, actor: str) -> Retraction:
    """Withdraw an approval (its approver's own) of a claim's current verdict by a `Retraction` (event
    `approval.retract`): the verdict is rated, unapproved, again (no longer published) and may be approved
    again; the approval row stays."""
    with writing(db) as session:
        _need_reason(reason, "an approval")
        approval = session.get(Approval, approval_id)
        if approval is None:
            raise NotFound(f"no approval with id {approval_id}")
        verdict = approval.verdict
        if audit.normalise_reviewer(approval.reviewer) != audit.normalise_reviewer(actor):
            raise InputError(f"approval {approval_id} was given by {approval.reviewer}: only its approver "
                             "retracts it")
        if session.scalar(select(Retraction.id).where(Retraction.approval_id == approval.id)) is not None:
            raise InputError(f"approval {approval_id} of verdict {verdict.id} is already retracted")
        current = current_verdict(session, verdict.claim_id)
        if current is None or current.id != verdict.id:
            raise Conflict(f"verdict {verdict.id} is no longer claim {verdict.claim_id}'s current verdict "
                           f"(see `verdict history {verdict.claim_id}`)")
        retraction = Retraction(claim_id=verdict.claim_id, approval_id=approval.id, reason=reason.strip(),
                                reviewer=actor)
        session.add(retraction)
        _flush_or_conflict(session, f"approval {approval_id} was retracted at the same moment")
        audit.record(session, actor, "approval.retract", retraction,
                     payload={"claim_id": verdict.claim_id, "verdict_id": verdict.id, "approval_id": approval.id,
                              "reason": reason.strip()})
        refresh_status(session, get_claim(session, verdict.claim_id))
        return retraction


def _need_reason(reason: str, what: str) -> None:
    if not reason or not reason.strip():
        raise InputError(f"a reason is required to retract {what} (--reason)")


def retract_current(db: Store, claim_id: int, reason: str, *, actor: str, ratings: tuple[str, ...],
                    expect_current: ExpectCurrent = None) -> dict:
    """`verdict retract`: withdraw the claim's verdict in force (`retract_verdict`), as a withdrawal record
    (`views.records.withdrawal`; `id` None and `reinstated_by` the new verdict when the one before was
    reinstated; `rating`: the claim's rating after it)."""
    from claimtrack.views.records import timestamp, withdrawal

    verdict_id = current_verdict_of(db, claim_id, expect_current)
    result = retract_verdict(db, verdict_id, reason, actor=actor, ratings=ratings)
    if isinstance(result, Retraction):
        return {**withdrawal(result), "rating": None}
    return {"id": None, "kind": "verdict", "target_id": verdict_id, "claim_id": claim_id, "reason": reason.strip(),
            "reviewer": result.reviewer, "created_at": timestamp(result.created_at), "reinstated_by": result.id,
            "rating": result.rating}


def current_verdict_of(db: Store | Session, claim_id: int, expect_current: ExpectCurrent = None) -> int:
    """The id of the claim's verdict in force (what `verdict retract` withdraws), as `expect_current` allows."""
    from claimtrack.store.db import reading

    with reading(db) as session:
        get_claim(session, claim_id)
        current = current_verdict(session, claim_id)
        _check_expected(claim_id, current, expect_current)
        if current is None:
            raise InputError(f"claim {claim_id} has no verdict to retract")
        return current.id


def approval_of(db: Store | Session, claim_id: int) -> int:
    """The id of the approval in force of the claim's current verdict (what `verdict unapprove` retracts)."""
    from claimtrack.store.db import reading

    with reading(db) as session:
        get_claim(session, claim_id)
        current = current_verdict(session, claim_id)
        if current is None or current.approval is None:
            raise InputError(f"claim {claim_id} has no approved verdict: nothing to unapprove")
        return current.approval.id
