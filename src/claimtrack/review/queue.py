"""The interactive review queue, without the terminal: which claim is next, and what each key does.

The one idea: the loop talks to the person through a tiny `ReviewUI` (show a claim, ask a question,
say something), so it runs the same at a terminal, from a pipe (answers on stdin) and in tests. Every
action is one of the ordinary use cases (evidence, verdict, dismissal) with its own write transaction;
a rating passes `expect_current` for the verdict the reviewer was shown, so a colleague's verdict saved
in the meantime is reported as a conflict instead of being silently superseded.

The queue: claims still needing a verdict (unreviewed or in review) and not merged into another claim,
highest score first; a claim stays at the front after evidence is added, leaves it when rated or
dismissed, and a skipped claim is not shown again in this session. End of input is the same as `q`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimtrack.errors import ClaimtrackError
from claimtrack.store.db import Store, reading
from claimtrack.store.models import STANCES, Claim
from claimtrack.views.merges import merged_away

QUEUE_STATUSES = ("unreviewed", "in_review")
KEYS = "[e]vidence  [r]ate  [d]ismiss  [s]kip  [q]uit"


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

    def summary(self) -> str:
        return (f"{self.rated} rated, {self.dismissed} dismissed, {self.evidence} evidence added, "
                f"{self.skipped} skipped")


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

    def run(self) -> Tally:
        while (view := self._next()) is not None:
            self.ui.show(view)
            if not self._act(view):
                break
        else:
            self.ui.say("nothing (more) to review")
        return self.tally

    def _next(self) -> dict[str, Any] | None:
        from claimtrack.views.claims import show_claim

        claim_id = next_claim(self.store, self.skipped)
        return None if claim_id is None else show_claim(self.store, claim_id)

    def _act(self, view: dict[str, Any]) -> bool:
        """Handle keys for one claim until it leaves the queue; False when the reviewer quits."""
        while True:
            answer = self.ui.ask(KEYS, key=True)
            if answer is None or answer.strip().lower().startswith("q"):
                return False
            key = answer.strip().lower()[:1]
            if key == "s":
                self.skipped.add(view["id"])
                self.tally.skipped += 1
                return True
            action = {"e": self._evidence, "r": self._rate, "d": self._dismiss}.get(key)
            if action is None:
                if key:
                    self.ui.say(f"unknown key {answer.strip()[:10]!r}: use e, r, d, s or q")
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
        self.ui.say(f"verdict {verdict.id}: claim {view['id']} rated {verdict.rating}")
        return True

    def _dismiss(self, view: dict[str, Any]) -> bool | None:
        from claimtrack.review.dismissals import dismiss_claim

        reason = self.ui.ask("reason")
        if reason is None:
            return None
        dismiss_claim(self.store, view["id"], reason, actor=self.actor)
        self.tally.dismissed += 1
        self.ui.say(f"claim {view['id']} dismissed")
        return True


def _stance(answer: str) -> str:
    """A stance, also by its first letter (s, r, c)."""
    answer = answer.strip().lower()
    return next((s for s in STANCES if answer and s.startswith(answer)), answer)


def next_claim(db: Store | Session, skipped: set[int]) -> int | None:
    """The id of the highest-scoring claim still needing a verdict, not skipped in this session and not
    merged into another claim (its appearances are reviewed under the survivor)."""
    with reading(db) as session:
        query = select(Claim.id).where(Claim.status.in_(QUEUE_STATUSES))
        passed = skipped | merged_away(session)
        if passed:
            query = query.where(Claim.id.not_in(passed))
        return session.scalar(query.order_by(Claim.score.desc(), Claim.id).limit(1))
