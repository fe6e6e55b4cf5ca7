"""The review loop: driven by a scripted UI, and through the real command with answers on stdin."""

from __future__ import annotations

from claimtrack.review.queue import Review
from tests.conftest import invoke
from tests.review.conftest import snapshot

RATINGS = ("true", "false", "misleading", "unverifiable")


class Script:
    """A ReviewUI that answers from a list and records what it was shown and told."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.shown, self.said = [], []

    def show(self, view):
        self.shown.append(view["id"])

    def ask(self, prompt, *, key=False):
        return self.answers.pop(0) if self.answers else None

    def say(self, text):
        self.said.append(text)


def test_queue_order_actions_and_end_of_input(store, seeded):
    firms, output, critics = seeded.claims["firms"], seeded.claims["output"], seeded.claims["critics"]
    ui = Script(["r", "true", "no evidence yet",          # refused: needs evidence; same claim again
                 "e", "https://example.org/a", "s", "",   # stance by its first letter, no note
                 "x",                                      # unknown key
                 "r", "true", "the registry agrees",       # rated: leaves the queue
                 "s",                                      # skip output
                 "d", "opinion"])                          # dismiss critics; then end of input
    tally = Review(store, ui, "alice", RATINGS).run()
    assert ui.shown == [firms, firms, output, critics]
    assert (tally.rated, tally.evidence, tally.skipped, tally.dismissed, tally.errors) == (1, 1, 1, 1, 1)
    assert ui.said[0].startswith(f"Error: claim {firms} has no evidence")
    assert "unknown key 'x': use e, r, d, s, u or q" in ui.said
    assert ui.said[-1] == "nothing (more) to review"


def test_rating_passes_the_verdict_it_showed(store, seeded):
    firms = seeded.claims["firms"]
    ui = Script(["r", "unverifiable", "cannot know"])
    review = Review(store, ui, "alice", RATINGS)
    view = review._next()
    # a colleague rates the claim after it was shown to alice
    Review(store, Script(["r", "unverifiable", "first"]), "bob", RATINGS).run()
    before = snapshot(store)
    assert review._act(view) is False  # the conflict is reported, then input ends
    assert any(s.startswith(f"Error: claim {firms} now has verdict 1 by bob, not no verdict") for s in ui.said)
    assert snapshot(store) == before


def test_review_command_through_stdin(web_context, seeded):
    firms = seeded.claims["firms"]
    result = invoke("review", "--no-fetch", context=web_context,
                    input="e\nhttps://example.org/a\nsupports\nsee table\nr\nmisleading\ncounts branches\nq\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"claim {firms}  score 0.90  status unreviewed  rating -  (statistic)"
    assert "«The city now hosts nearly 2000 AI firms.»" in result.stdout
    assert f"verdict 1: claim {firms} rated misleading" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == "review ended: 1 rated, 0 dismissed, 1 evidence added, 0 skipped"


def test_review_with_no_input_quits_cleanly(web_context, seeded):
    result = invoke("review", context=web_context, input="")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "stdin is not a terminal: reading one answer a line"
    assert result.stderr.rstrip().splitlines()[-1] == "review ended: 0 rated, 0 dismissed, 0 evidence added, 0 skipped"


def test_line_mode_undoes_evidence_a_first_verdict_and_an_approval(store, seeded):
    """`u` at the line prompt: the same audited retractions as the full-screen desk (issue 18)."""
    from sqlalchemy import select

    from claimtrack.review.queue import QueueFilter
    from claimtrack.store import audit
    from claimtrack.store.models import Claim, Retraction

    firms = seeded.claims["firms"]
    ui = Script(["u",                                      # nothing yet
                 "e", "https://example.org/a", "s", "",   # evidence 1 ...
                 "u",                                      # ... retracted
                 "r", "true", "the registry agrees",       # refused: the retracted evidence does not count
                 "r", "unverifiable", "cannot know",       # the first verdict ...
                 "u",                                      # ... retracted: no verdict again, back in the queue
                 "e", "https://example.org/b", "s", "", "r", "true", "the registry agrees", "q"])
    tally = Review(store, ui, "alice", RATINGS).run()
    assert (tally.evidence, tally.rated, tally.undone, tally.errors) == (2, 2, 2, 1)
    assert ui.said[0] == "nothing to undo in this session"
    assert f"evidence 1 on claim {firms} retracted (retraction 1)" in ui.said
    assert any(s.startswith(f"Error: claim {firms} has no evidence") for s in ui.said)
    assert f"verdict 1 retracted (retraction 2): claim {firms} has no verdict again" in ui.said
    approver = Script(["a", "u", "q"])
    tally = Review(store, approver, "bob", RATINGS, queue=QueueFilter(approve=True)).run()
    assert (tally.approved, tally.undone) == (1, 1)
    assert f"approval 1 on claim {firms} retracted (retraction 3): unapproved" in approver.said
    assert approver.shown == [firms, firms]  # the unapproved verdict is back in the approver's queue
    with store.read() as session:
        assert session.get(Claim, firms).status == "rated"
        assert [r.kind for r in session.scalars(select(Retraction).order_by(Retraction.id))] == [
            "evidence", "verdict", "approval"]
        assert audit.verify(session).ok
