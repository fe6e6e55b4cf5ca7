"""The interactive review queue, without the terminal: which claim is next, and what each key does.

The one idea: the loop talks to the person through a tiny `ReviewUI` (show a claim, ask a question,
say something), so it runs the same at a terminal, from a pipe (answers on stdin) and in tests. Every
action is one of the ordinary use cases (evidence, verdict, dismissal) with its own write transaction;
a rating passes `expect_current` for the verdict the reviewer was shown, so a colleague's verdict saved
in the meantime is reported as a conflict instead of being silently superseded.

The queue: first, rated claims whose evidence went dead or changed since the verdict (the verdict needs
a fresh look; a new verdict relies on the new captures and so takes it out again), then claims still
needing a verdict (unreviewed or in review), neither merged into another claim, highest score first; a claim stays at the front after evidence is added, leaves it when rated or
dismissed, and a skipped claim is not shown again in this session. End of input is the same as `q`.

Both front ends (this line loop and the full-screen `cli.tui`) take their claims from here: a `QueueFilter`
narrows the queue (article, language, minimum score, status, created since) and sorts it by score or by
age (oldest first); `approve=True` makes it the approver's queue instead: claims whose current verdict
awaits approval and was written by someone other than the reviewer (never their own).

`u` undoes the session's last action by a new audited row (`undo`): evidence and approvals by a retraction,
a verdict by one reinstating the previous rating (a first verdict by a retraction), a dismissal by a
restoration and back; the line loop offers it at the end of the queue too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.store.audit import normalise_reviewer
from claimtrack.store.db import Store, reading
from claimtrack.store.models import CLAIM_STATUSES, STANCES, Claim, Verdict
from claimtrack.views.merges import merged_away

QUEUE_STATUSES = ("unreviewed", "in_review")
QUEUE_SORTS = ("score", "age")
KEYS = "[e]vidence  [r]ate  [d]ismiss  [s]kip  [u]ndo  [q]uit"
APPROVE_KEYS = "[a]pprove  [s]kip  [u]ndo  [q]uit"
END_KEYS = "[u]ndo  [q]uit"


@dataclass(frozen=True)
class QueueFilter:
    """What the queue holds: every field optional. `status` replaces the default statuses (unreviewed, in
    review, and rated claims whose evidence went dead or changed); `sort` is "score" (highest first) or
    "age" (oldest claim first); `approve` is the approver's queue (see the module docstring)."""

    article_id: int | None = None
    language: str | None = None
    min_score: float | None = None
    status: str | None = None
    since: datetime | None = None
    sort: str = "score"
    approve: bool = False

    def check(self) -> None:
        if self.status is not None and self.status not in CLAIM_STATUSES:
            raise InputError(f"unknown status {self.status!r}: use one of {', '.join(CLAIM_STATUSES)}")
        if self.sort not in QUEUE_SORTS:
            raise InputError(f"unknown sort {self.sort!r}: use one of {', '.join(QUEUE_SORTS)}")
        if self.min_score is not None and not 0 <= self.min_score <= 1:
            raise InputError(f"--min-score is between 0 and 1, not {self.min_score}")
        if self.approve and self.status not in (None, "rated"):
            raise InputError("--approve lists rated claims awaiting approval: it takes no other --status")

    def describe(self) -> str:
        """The filters in force, as the command line would spell them ("" for none)."""
        parts = [f"--article {self.article_id}" if self.article_id is not None else "",
                 f"--lang {self.language}" if self.language else "",
                 f"--min-score {self.min_score:g}" if self.min_score is not None else "",
                 f"--status {self.status}" if self.status else "",
                 f"--since {self.since.date().isoformat()}" if self.since else "",
                 "--sort age" if self.sort == "age" else "", "--approve" if self.approve else ""]
        return " ".join(p for p in parts if p)


class ReviewUI(Protocol):
    def show(self, view: dict[str, Any]) -> None: ...
    def ask(self, prompt: str, *, key: bool = False) -> str | None: ...  # None = end of input
    def say(self, text: str) -> None: ...


@dataclass
class Tally:
    evidence: int = 0
    rated: int = 0
    dismissed: int = 0
    skipped: int = 0
    errors: int = 0
    approved: int = 0
    restored: int = 0
    undone: int = 0

    def summary(self) -> str:
        extra = "".join(f", {n} {what}" for n, what in ((self.approved, "approved"), (self.restored, "restored"),
                                                        (self.undone, "undone")) if n)
        return (f"{self.rated} rated, {self.dismissed} dismissed, {self.evidence} evidence added, "
                f"{self.skipped} skipped{extra}")


@dataclass
class Review:
    """One reviewer's session over the queue."""

    store: Store
    ui: ReviewUI
    actor: str
    ratings: tuple[str, ...]
    fetcher: Callable[[], Any] | None = None  # makes the fetcher; None: no address check, no fetch (tests)
    tally: Tally = field(default_factory=Tally)
    fetch_now: bool = True  # False (--no-fetch): store evidence unfetched, after the same address check
    skipped: set[int] = field(default_factory=set)
    queue: QueueFilter = field(default_factory=QueueFilter)
    history: list[Done] = field(default_factory=list)  # this session's actions, newest last (for `u`)

    def run(self) -> Tally:
        while True:
            view = self._next()
            if view is None:
                self.ui.say("nothing (more) to review")
                if not self.history or not self._undo_at_end():
                    break
                continue
            self.ui.show(view)
            if not self._act(view):
                break
        return self.tally

    def _undo_at_end(self) -> bool:
        """At the end of the queue, the last action can still be undone (True: it was, look again)."""
        answer = self.ui.ask(END_KEYS, key=True)
        return answer is not None and answer.strip().lower().startswith("u") and self._undo()

    def _next(self) -> dict[str, Any] | None:
        from claimtrack.views.claims import show_claim

        claim_id = next_claim(self.store, self.skipped, self.queue, actor=self.actor)
        return None if claim_id is None else show_claim(self.store, claim_id)

    def _act(self, view: dict[str, Any]) -> bool:
        """Handle keys for one claim until it leaves the queue; False when the reviewer quits."""
        while True:
            answer = self.ui.ask(APPROVE_KEYS if self.queue.approve else KEYS, key=True)
            if answer is None or answer.strip().lower().startswith("q"):
                return False
            key = answer.strip().lower()[:1]
            if key == "s":
                self.skipped.add(view["id"])
                self.tally.skipped += 1
                self.history.append(Done("skip", view["id"]))
                return True
            if key == "u":
                if self._undo():
                    return True  # the queue is read again: an undone claim is back where it belongs
                continue
            actions = {"a": self._approve} if self.queue.approve else {
                "e": self._evidence, "r": self._rate, "d": self._dismiss}
            action = actions.get(key)
            if action is None:
                if key:
                    self.ui.say(f"unknown key {answer.strip()[:10]!r}: use "
                                f"{'a, s, u' if self.queue.approve else 'e, r, d, s, u'} or q")
                continue
            try:
                done = action(view)
            except ClaimtrackError as exc:
                self.tally.errors += 1
                self.ui.say(f"Error: {exc}")
                continue
            if done is None:
                return False
            return True

    def _evidence(self, view: dict[str, Any]) -> bool | None:
        from claimtrack.review.evidence import add_evidence

        url = self.ui.ask("URL")
        stance = None if url is None else self.ui.ask(f"stance ({'/'.join(STANCES)})")
        note = None if stance is None else self.ui.ask("note (optional)")
        if note is None:
            return None
        fetcher = self.fetcher() if self.fetcher else None
        try:
            result = add_evidence(self.store, fetcher, view["id"], url, _stance(stance), note=note,
                                  fetch_now=fetcher is not None and self.fetch_now, actor=self.actor)
        finally:
            if fetcher is not None:
                fetcher.client.close()
        self.tally.evidence += 1
        self.history.append(Done("evidence", view["id"], result.evidence["id"]))
        self.ui.say(result.warning or f"evidence {result.evidence['id']} added")
        return True

    def _rate(self, view: dict[str, Any]) -> bool | None:
        from claimtrack.review.verdicts import set_verdict

        rating = self.ui.ask(f"rating ({', '.join(self.ratings)})")
        rationale = None if rating is None else self.ui.ask("rationale")
        if rationale is None:
            return None
        shown = next((v["id"] for v in view["verdicts"] if v.get("current")), None)
        verdict = set_verdict(self.store, view["id"], rating.strip(), rationale, actor=self.actor,
                              ratings=self.ratings, expect_current=shown if shown is not None else "none")
        self.tally.rated += 1
        self.history.append(Done("rate", view["id"], verdict.id))
        self.ui.say(f"verdict {verdict.id}: claim {view['id']} rated {verdict.rating}")
        return True

    def _approve(self, view: dict[str, Any]) -> bool | None:
        from claimtrack.review.verdicts import approve

        shown = current_verdict_id(view)
        approval = approve(self.store, view["id"], actor=self.actor,
                           expect_current=shown if shown is not None else "none")
        self.tally.approved += 1
        self.history.append(Done("approve", view["id"], approval.id))
        self.ui.say(f"verdict {approval.verdict_id} on claim {view['id']} approved")
        return True

    def _dismiss(self, view: dict[str, Any]) -> bool | None:
        from claimtrack.review.dismissals import dismiss_claim

        reason = self.ui.ask("reason")
        if reason is None:
            return None
        dismissal = dismiss_claim(self.store, view["id"], reason, actor=self.actor)
        self.tally.dismissed += 1
        self.history.append(Done("dismiss", view["id"], dismissal.id))
        self.ui.say(f"claim {view['id']} dismissed")
        return True


    def _undo(self) -> bool:
        """Undo this session's last action (`undo`); False when there is none or it was refused (said)."""
        if not self.history:
            self.ui.say("nothing to undo in this session")
            return False
        done = self.history[-1]
        try:
            message = undo(self.store, done, actor=self.actor, ratings=self.ratings)
        except ClaimtrackError as exc:
            self.tally.errors += 1
            self.ui.say(f"Error: {exc}")
            return False
        self.history.pop()
        self.tally.undone += 1
        self.skipped.discard(done.claim_id)
        self.ui.say(message)
        return True


def _stance(answer: str) -> str:
    """A stance, also by its first letter (s, r, c)."""
    answer = answer.strip().lower()
    return next((s for s in STANCES if answer and s.startswith(answer)), answer)


def current_verdict_id(view: dict[str, Any]) -> int | None:
    """The id of the verdict a claim view shows as current (what a rating or approval expects)."""
    return next((v["id"] for v in view["verdicts"] if v.get("current")), None)


def next_claim(db: Store | Session, skipped: set[int], queue: QueueFilter | None = None, *,
               actor: str | None = None) -> int | None:
    """The id of the first claim of the queue (highest score first, or oldest with `sort="age"`), not
    skipped in this session and not merged into another claim (its appearances are reviewed under the
    survivor)."""
    ids = queue_ids(db, skipped, queue, actor=actor, limit=1)
    return ids[0] if ids else None


def queue_ids(db: Store | Session, skipped: set[int], queue: QueueFilter | None = None, *,
              actor: str | None = None, limit: int | None = None) -> list[int]:
    """The queue's claim ids in order (the first `limit` of them)."""
    with reading(db) as session:
        query = _queue_query(session, skipped, queue or QueueFilter(), actor)
        return list(session.scalars(query.limit(limit) if limit else query))


def queue_count(db: Store | Session, skipped: set[int], queue: QueueFilter | None = None, *,
                actor: str | None = None) -> int:
    """How many claims the queue still holds (for "3 of 52")."""
    with reading(db) as session:
        query = _queue_query(session, skipped, queue or QueueFilter(), actor).order_by(None)
        return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def queue_rows(db: Store | Session, ids: list[int]) -> list[dict[str, Any]]:
    """id, score, status, language and text of `ids`, in that order (the queue pane's lines)."""
    if not ids:
        return []
    with reading(db) as session:
        rows = {r.id: r for r in session.execute(select(Claim.id, Claim.score, Claim.status, Claim.language,
                                                        Claim.text).where(Claim.id.in_(ids)))}
        return [{"id": i, "score": rows[i].score, "status": rows[i].status, "language": rows[i].language,
                 "text": rows[i].text} for i in ids if i in rows]


def _queue_query(session: Session, skipped: set[int], f: QueueFilter, actor: str | None):
    from claimtrack.views.claims import in_article
    from claimtrack.views.evidence import flagged_claims

    f.check()
    passed = set(skipped) | merged_away(session)
    if f.approve:
        query = select(Claim.id).where(Claim.status == "rated")
    elif f.status:
        query = select(Claim.id).where(Claim.status == f.status)
    else:
        recheck = [c for c in flagged_claims(session) if c not in passed]
        query = select(Claim.id).where(Claim.id.in_(recheck) if recheck else Claim.status.in_(QUEUE_STATUSES))
    if f.approve:
        passed |= _own_verdicts(session, actor)
    if passed:
        query = query.where(Claim.id.not_in(passed))
    if f.language:
        query = query.where(Claim.language == f.language)
    if f.min_score is not None:
        query = query.where(Claim.score >= f.min_score)
    if f.since is not None:
        query = query.where(Claim.created_at >= f.since)
    if f.article_id is not None:
        query = query.where(in_article(f.article_id))
    if f.sort == "age":
        return query.order_by(Claim.created_at, Claim.id)
    return query.order_by(Claim.score.desc(), Claim.id)


def _own_verdicts(session: Session, actor: str | None) -> set[int]:
    """Rated claims whose current (unapproved) verdict the reviewer wrote: never in their approval queue."""
    me = normalise_reviewer(actor)
    superseded = select(Verdict.supersedes_id).where(Verdict.supersedes_id.is_not(None))
    rows = session.execute(select(Verdict.claim_id, Verdict.reviewer).join(Claim, Claim.id == Verdict.claim_id)
                           .where(Claim.status == "rated", Verdict.id.not_in(superseded)))
    return {claim_id for claim_id, reviewer in rows if normalise_reviewer(reviewer) == me}


def in_queue(db: Store | Session, claim_id: int, skipped: set[int], queue: QueueFilter | None = None, *,
             actor: str | None = None) -> bool:
    """Whether the claim is (again) in the queue, e.g. after an undo."""
    with reading(db) as session:
        query = _queue_query(session, skipped, queue or QueueFilter(), actor).where(Claim.id == claim_id)
        return session.scalar(query.limit(1)) is not None


# -- undo ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Done:
    """One action of a session, as much as undoing it needs: what, on which claim, the row it wrote."""

    kind: str  # "evidence", "rate", "dismiss", "restore", "approve", "skip"
    claim_id: int
    row_id: int | None = None


UNDO_REASON = "undone in review"


def undo(db: Store, done: Done, *, actor: str, ratings: tuple[str, ...]) -> str:
    """Undo one action by a new, audited row (nothing is deleted or changed): added evidence and an approval
    are retracted (`evidence.retract_evidence`, `verdicts.retract_approval`), a verdict is retracted
    (`verdicts.retract_verdict`: the one before reinstated, or for a first verdict none left in force), a
    dismissal restored, a restoration dismissed again; a skip only puts the claim back."""
    from claimtrack.review.dismissals import dismiss_claim, restore_claim
    from claimtrack.review.evidence import retract_evidence
    from claimtrack.review.verdicts import retract_approval, retract_verdict
    from claimtrack.store.models import Retraction

    if done.kind == "skip":
        return f"claim {done.claim_id} is back in the queue"
    if done.kind == "evidence":
        retraction = retract_evidence(db, done.row_id, UNDO_REASON, actor=actor)
        return f"evidence {done.row_id} on claim {done.claim_id} retracted (retraction {retraction.id})"
    if done.kind == "approve":
        retraction = retract_approval(db, done.row_id, UNDO_REASON, actor=actor)
        return f"approval {done.row_id} on claim {done.claim_id} retracted (retraction {retraction.id}): unapproved"
    if done.kind == "rate":
        result = retract_verdict(db, done.row_id, UNDO_REASON, actor=actor, ratings=ratings)
        if isinstance(result, Retraction):
            return (f"verdict {done.row_id} retracted (retraction {result.id}): claim {done.claim_id} has no "
                    "verdict again")
        return f"verdict {done.row_id} retracted by verdict {result.id} (rating {result.rating} again)"
    if done.kind == "dismiss":
        restoration = restore_claim(db, done.claim_id, f"{UNDO_REASON}: dismissal {done.row_id}", actor=actor)
        return f"dismissal {restoration.dismissal_id} of claim {done.claim_id} undone (restoration {restoration.id})"
    if done.kind == "restore":
        dismissal = dismiss_claim(db, done.claim_id, f"{UNDO_REASON}: restoration {done.row_id}", actor=actor)
        return f"restoration {done.row_id} undone: claim {done.claim_id} dismissed again (dismissal {dismissal.id})"
    raise InputError(f"{done.kind} cannot be undone (claim {done.claim_id})")
