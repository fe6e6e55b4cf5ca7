"""The full-screen review (Textual), driven headlessly by Textual's pilot: keys in, database state, audit
trail and screen text out, on SQLite and PostgreSQL. pytest-asyncio is not a dependency: each test runs its
session with `asyncio.run`.
"""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from sqlalchemy import select

from claimtrack.cli.tui.app import ReviewApp, screen_text
from claimtrack.review.dismissals import dismiss_claim
from claimtrack.review.queue import QueueFilter
from claimtrack.review.verdicts import set_verdict
from claimtrack.store import audit
from claimtrack.store.models import Approval, Claim, Dismissal, Event, Evidence, Restoration, Retraction, Verdict
from tests.review.conftest import make_article, make_claim

RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading", "unverifiable")


def drive(app: ReviewApp, steps, size=(80, 24)):
    """Run `app` headlessly; `steps(pilot, screen)` is an async function; returns the app's result."""

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()

            async def screen() -> str:
                await app.workers.wait_for_complete()  # the evidence dialog saves in a worker thread
                await pilot.pause()
                return screen_text(app)

            await steps(pilot, screen)
        return app.return_value

    return asyncio.run(main())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


def events(store, *actions):
    with store.read() as session:
        rows = session.scalars(select(Event).where(Event.action.in_(actions)).order_by(Event.id))
        return [(e.action, e.actor, json.loads(e.payload)) for e in rows]


def test_full_session_then_a_second_reviewer_approves(store, seeded):
    firms, output, critics = (seeded.claims[k] for k in ("firms", "output", "critics"))

    async def alice(pilot, screen):
        text = await screen()
        assert "1 of 3" in text and f"claim {firms}" in text and "nearly 2000 AI firms" in text
        await pilot.press("e")
        await type_text(pilot, "https://e.org/r")
        await pilot.press("enter", "down", "enter")  # stance: refutes
        await type_text(pilot, "reg")
        await pilot.press("enter")
        text = await screen()
        assert "evidence 1 added" in text and "refutes https://e.org/r" in text
        await pilot.press("r", "enter")  # "true": allowed now that there is evidence
        await type_text(pilot, "ok")
        await pilot.press("enter")
        text = await screen()
        assert f"claim {firms} rated true" in text and "2 of 3" in text and f"claim {output}" in text
        await pilot.press("d")
        await type_text(pilot, "opinion")
        await pilot.press("enter")
        text = await screen()
        assert f"claim {output} dismissed" in text and "3 of 3" in text and f"claim {critics}" in text
        await pilot.press("u")  # undo the dismissal: a restoration, the claim is back
        text = await screen()
        assert "undone" in text and "2 of 3" in text and f"claim {output}" in text
        await pilot.press("s")
        await pilot.press("r", "end", "enter")
        await type_text(pilot, "hal")
        await pilot.press("ctrl+c")  # cancels the dialog only
        text = await screen()
        assert "cancelled: nothing saved" in text and f"claim {critics}" in text
        await pilot.press("question_mark")
        text = await screen()
        assert "undo the last action" in text
        await pilot.press("x")
        await pilot.press("q")

    tally = drive(ReviewApp(store, "alice", RATINGS), alice)
    assert (tally.rated, tally.dismissed, tally.evidence, tally.skipped, tally.undone) == (1, 1, 1, 1, 1)
    assert tally.summary() == "1 rated, 1 dismissed, 1 evidence added, 1 skipped, 1 undone"

    # alice never sees her own verdict in the approval queue; bob does, and approves it
    async def alice_approves(pilot, screen):
        assert "nothing (more) to review" in await screen()
        await pilot.press("q")

    drive(ReviewApp(store, "alice", RATINGS, QueueFilter(approve=True)), alice_approves)

    async def bob(pilot, screen):
        text = await screen()
        assert "approve 1 of 1" in text and f"claim {firms}" in text and "true by alice" in text
        await pilot.press("a")
        text = await screen()
        assert f"on claim {firms} approved" in text and "nothing (more) to review" in text
        await pilot.press("u")  # the approval is retracted (a row of its own): the claim awaits approval again
        text = await screen()
        assert "approval 1 on claim" in text and "retracted" in text and "approve 1 of 1" in text
        await pilot.press("a")  # and may be approved anew
        assert f"on claim {firms} approved" in await screen()
        await pilot.press("ctrl+c")  # no dialog open: quits

    tally = drive(ReviewApp(store, "bob", RATINGS, QueueFilter(approve=True)), bob)
    assert tally.approved == 2 and tally.undone == 1 and tally.errors == 0

    with store.read() as session:
        statuses = dict(session.execute(select(Claim.id, Claim.status)).all())
        assert statuses == {firms: "approved", output: "unreviewed", critics: "unreviewed"}
        verdict = session.scalars(select(Verdict)).one()
        assert (verdict.claim_id, verdict.rating, verdict.reviewer) == (firms, "true", "alice")
        assert [a.reviewer for a in session.scalars(select(Approval))] == ["bob", "bob"]
        assert [(r.approval_id, r.reviewer) for r in session.scalars(select(Retraction))] == [(1, "bob")]
        assert session.scalars(select(Evidence)).one().stance == "refutes"
        dismissal = session.scalars(select(Dismissal)).one()
        restoration = session.scalars(select(Restoration)).one()
        assert (dismissal.claim_id, dismissal.reason) == (output, "opinion")
        assert restoration.dismissal_id == dismissal.id and restoration.reason.startswith("undone in review")
        assert audit.verify(session).ok
    trail = events(store, "evidence.add", "verdict.set", "claim.dismiss", "claim.restore", "verdict.approve",
                   "approval.retract")
    assert [(a, who) for a, who, _ in trail] == [("evidence.add", "alice"), ("verdict.set", "alice"),
                                                 ("claim.dismiss", "alice"), ("claim.restore", "alice"),
                                                 ("verdict.approve", "bob"), ("approval.retract", "bob"),
                                                 ("verdict.approve", "bob")]


def test_restore_undo_and_verdict_retraction(store, seeded):
    firms, output, critics = (seeded.claims[k] for k in ("firms", "output", "critics"))
    first = set_verdict(store, firms, "unverifiable", "cannot know yet", actor="alice", ratings=RATINGS)
    dismiss_claim(store, critics, "opinion", actor="bob")

    async def restore(pilot, screen):
        text = await screen()
        assert "1 of 1" in text and f"claim {critics}" in text and "--status dismissed" in text
        await pilot.press("b")
        await type_text(pilot, "fig")
        await pilot.press("enter")
        assert f"claim {critics} restored" in await screen()
        await pilot.press("u")  # undo the restoration: dismissed again, by a new row
        text = await screen()
        assert "dismissed again" in text and f"claim {critics}" in text
        await pilot.press("q")

    drive(ReviewApp(store, "alice", RATINGS, QueueFilter(status="dismissed")), restore)

    async def rerate(pilot, screen):
        assert f"claim {firms}" in await screen()
        await pilot.press("r", "down", "enter")  # mostly-true needs evidence: refused before any typing
        text = await screen()
        assert "'mostly-true' needs evidence" in text
        await pilot.press("end", "enter")
        await type_text(pilot, "still")
        await pilot.press("enter")
        assert "rated unverifiable" in await screen()
        await pilot.press("u")  # retraction: a new verdict reinstating the first one
        text = await screen()
        assert f"verdict {first.id + 1} retracted" in text
        await pilot.press("u")
        assert "nothing to undo" in await screen()
        await pilot.press("q")

    drive(ReviewApp(store, "alice", RATINGS, QueueFilter(status="rated")), rerate)

    async def first_verdict(pilot, screen):
        assert f"claim {output}" in await screen()
        await pilot.press("r", "end", "enter")
        await type_text(pilot, "no")
        await pilot.press("enter", "u")
        assert f"claim {output} has no verdict again" in await screen()  # withdrawn by a retraction row
        await pilot.press("q")

    drive(ReviewApp(store, "alice", RATINGS, QueueFilter(article_id=seeded.article_id, min_score=0.5)),
          first_verdict)

    with store.read() as session:
        history = list(session.scalars(select(Verdict).where(Verdict.claim_id == firms).order_by(Verdict.id)))
        assert [(v.rating, v.supersedes_id) for v in history] == [
            ("unverifiable", None), ("unverifiable", first.id), ("unverifiable", first.id + 1)]
        assert history[2].rationale.startswith(f"retracts verdict {first.id + 1}")
        assert session.get(Claim, critics).status == "dismissed"
        assert len(list(session.scalars(select(Dismissal)))) == 2
        assert len(list(session.scalars(select(Restoration)))) == 1
        assert session.get(Claim, output).status == "unreviewed"
        assert audit.verify(session).ok
    retraction = [p for a, _, p in events(store, "verdict.set") if p.get("retracts")]
    assert retraction == [{**retraction[0], "retracts": first.id + 1, "reinstates": first.id}]


def test_undo_of_evidence_first_verdict_and_approval_is_an_audited_retraction(store, seeded, settings, tmp_path):
    """Issue 18: `u` undoes added evidence, a claim's first verdict and an approval, each by a retraction row
    (nothing deleted or changed): retracted evidence no longer counts, the claim has no verdict again, and an
    unapproved verdict leaves the ClaimReview feed until it is approved anew."""
    from dataclasses import replace

    from claimtrack.report import write_report
    from tests.report.conftest import PUBLISH_SETTINGS

    firms = seeded.claims["firms"]

    def feed() -> list[dict]:
        out = tmp_path / "feed.json"
        write_report(store, "claimreview", str(out), settings=replace(settings, **PUBLISH_SETTINGS), actor="carol")
        return json.loads(out.read_text())

    async def alice(pilot, screen):
        assert f"claim {firms}" in await screen()
        await pilot.press("e")
        await type_text(pilot, "https://e.org/r")
        await pilot.press("enter", "down", "enter")
        await type_text(pilot, "reg")
        await pilot.press("enter")
        assert "evidence 1 added" in await screen()
        await pilot.press("u")
        text = await screen()
        assert "evidence 1 on claim" in text and "retracted" in text and "RETRACTED by alice" in text
        await pilot.press("r", "enter")  # retracted evidence does not count: "true" needs evidence again
        assert "'true' needs evidence" in await screen()
        await pilot.press("end", "enter")
        await type_text(pilot, "no")
        await pilot.press("enter")
        assert f"claim {firms} rated unverifiable" in await screen()
        await pilot.press("u")  # the claim's first verdict: withdrawn by a retraction, none left in force
        text = await screen()
        assert f"claim {firms} has no verdict again" in text and f"claim {firms}" in text
        await pilot.press("e")
        await type_text(pilot, "https://e.org/s")
        await pilot.press("enter", "enter")
        await type_text(pilot, "stats")
        await pilot.press("enter")
        assert "evidence 2 added" in await screen()
        await pilot.press("r", "enter")
        await type_text(pilot, "ok")
        await pilot.press("enter")
        assert f"claim {firms} rated true" in await screen()
        await pilot.press("q")

    drive(ReviewApp(store, "alice", RATINGS), alice)
    with store.read() as session:
        assert session.get(Claim, firms).status == "rated"
    assert feed() == []  # rated, not approved: not published

    async def bob(pilot, screen):
        assert f"claim {firms}" in await screen()
        await pilot.press("a")
        assert f"on claim {firms} approved" in await screen()
        await pilot.press("u")
        assert f"approval 1 on claim {firms} retracted" in await screen()
        await pilot.press("q")

    drive(ReviewApp(store, "bob", RATINGS, QueueFilter(approve=True)), bob)
    assert feed() == []  # the approval was retracted: the verdict is unapproved again and not published

    from claimtrack.errors import InputError
    from claimtrack.review.queue import Done, undo

    with pytest.raises(InputError, match="only its approver retracts it"):  # only an action's author undoes it
        undo(store, Done("approve", firms, 1), actor="alice", ratings=RATINGS)
    with pytest.raises(InputError, match="only its author retracts it"):
        undo(store, Done("evidence", firms, 2), actor="bob", ratings=RATINGS)

    with store.read() as session:
        claim = session.get(Claim, firms)
        assert (claim.status, claim.rating) == ("rated", "true")
        verdicts = list(session.scalars(select(Verdict).order_by(Verdict.id)))
        assert [(v.rating, v.supersedes_id) for v in verdicts] == [("unverifiable", None), ("true", verdicts[0].id)]
        assert len(list(session.scalars(select(Evidence)))) == 2 and len(list(session.scalars(select(Approval)))) == 1
        assert [(r.kind, r.target_id, r.reviewer, r.reason) for r in session.scalars(
            select(Retraction).order_by(Retraction.id))] == [
            ("evidence", 1, "alice", "undone in review"), ("verdict", verdicts[0].id, "alice", "undone in review"),
            ("approval", 1, "bob", "undone in review")]
        assert audit.verify(session).ok
    trail = events(store, "evidence.add", "evidence.retract", "verdict.set", "verdict.retract", "verdict.approve",
                   "approval.retract")
    assert [(a, who) for a, who, _ in trail] == [
        ("evidence.add", "alice"), ("evidence.retract", "alice"), ("verdict.set", "alice"),
        ("verdict.retract", "alice"), ("evidence.add", "alice"), ("verdict.set", "alice"),
        ("verdict.approve", "bob"), ("approval.retract", "bob")]
    assert trail[3][2]["verdict_id"] == verdicts[0].id and trail[7][2]["approval_id"] == 1

    async def bob_again(pilot, screen):
        assert f"claim {firms}" in await screen()  # back in the approval queue, and approvable anew
        await pilot.press("a")
        assert f"on claim {firms} approved" in await screen()
        await pilot.press("q")

    drive(ReviewApp(store, "bob", RATINGS, QueueFilter(approve=True)), bob_again)
    published = feed()
    assert len(published) == 1 and published[0]["reviewRating"]["alternateName"]
    shown = show_claim_record(store, firms)
    assert [e["retracted"] is not None for e in shown["evidence"]] == [True, False]
    assert [(v["current"], v["retracted"] is not None, len(v["retracted_approvals"]), v["approved_by"])
            for v in shown["verdicts"]] == [(False, True, 0, None), (True, False, 1, "bob")]


def show_claim_record(store, claim_id):
    """The claim as both read paths build it (the ORM read model and the Core path must agree)."""
    from claimtrack.views import claims, quick

    orm, core = claims.show_claim(store, claim_id), quick.show_claim(store, claim_id)
    assert orm == core
    return orm


def test_typed_text_survives_a_failed_save_and_untrusted_text_is_not_markup(store):
    text = "国家统计局称，[bold]2024年[/bold] 全市产值约960亿元，较上年增长逾20%。[link=http://x]点此[/link]"
    with store.write() as session:
        version = make_article(session, text=text, title="[red]标题[/red]")
        claim = make_claim(session, version, text, 0.8).id

    async def steps(pilot, screen):
        shown = await screen()
        assert "[bold]2024年[/bold]" in shown and "[red]标题[/red]" in shown
        await pilot.press("r", "end", "enter")
        await type_text(pilot, "my note")
        set_verdict(store, claim, "unverifiable", "got there first", actor="bob", ratings=RATINGS)
        await pilot.press("enter")
        shown = await screen()
        assert "Error: claim" in shown and "another reviewer got there first" in shown
        assert app.screen.query_one("#rationale").value == "my note"
        await pilot.press("escape", "q")

    app = ReviewApp(store, "alice", RATINGS)
    drive(app, steps)
    with store.read() as session:
        assert [(v.reviewer, v.rationale) for v in session.scalars(select(Verdict))] == [("bob", "got there first")]


def test_line_mode_takes_the_same_filters(web_context, seeded):
    from tests.conftest import invoke

    result = invoke("review", "--no-fetch", "--min-score", "0.5", "--sort", "age", context=web_context, input="s\ns\n")
    assert result.exit_code == 0
    assert f"claim {seeded.claims['firms']}" in result.stdout and f"claim {seeded.claims['output']}" in result.stdout
    assert f"claim {seeded.claims['critics']}" not in result.stdout
    assert "review ended: 0 rated, 0 dismissed, 0 evidence added, 2 skipped" in result.stderr
    bad = invoke("review", "--status", "nonsense", context=web_context, input="")
    assert bad.exit_code != 0 and "unknown status 'nonsense'" in bad.stderr


def test_tmux_script_drives_the_real_terminal(tmp_path):
    """scripts/tmux_review.sh: the review in a real (tmux) terminal at 80x24, keys in, screen text out."""
    import os
    import shutil
    import subprocess
    import sys

    import pytest

    from tests.conftest import REPO

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the terminal run needs it")
    env = {**os.environ, "PYTHON": sys.executable, "TMUX": "",
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH", "")) if p)}
    done = subprocess.run(["bash", str(REPO / "scripts" / "tmux_review.sh"), str(tmp_path / "screens.txt")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    screens = (tmp_path / "screens.txt").read_text(encoding="utf-8")
    assert re.search(r"^1 of \d+ · claim \d+", screens, re.M) and "Rate claim" in screens and "undo the last action" in screens


def test_line_mode_approver_queue(web_context, store, seeded):
    from tests.conftest import invoke

    firms = seeded.claims["firms"]
    set_verdict(store, firms, "unverifiable", "cannot know", actor="alice", ratings=RATINGS)
    own = invoke("review", "--approve", context=web_context, input="a\n")  # alice: her own verdict is not listed
    assert own.exit_code == 0 and "nothing (more) to review" in own.stderr
    bob = invoke("--reviewer", "bob", "review", "--approve", context=web_context, input="a\n")
    assert bob.exit_code == 0 and f"on claim {firms} approved" in bob.stderr, bob.stderr
    assert "1 approved" in bob.stderr
    with store.read() as session:
        assert session.scalars(select(Approval)).one().reviewer == "bob"


def test_queue_filters(store, seeded):
    import datetime as dt

    import pytest

    from claimtrack.errors import InputError
    from claimtrack.review.queue import queue_count, queue_ids

    firms, output, critics = (seeded.claims[k] for k in ("firms", "output", "critics"))
    with store.write() as session:
        version = make_article(session, text="今年产值约960亿元。", source="/tmp/zh.txt", title="中文")
        zh = make_claim(session, version, "今年产值约960亿元。", 0.95)
        zh.language = "zh"
        zh_id, zh_article = zh.id, version.article_id
    assert queue_ids(store, set()) == [zh_id, firms, output, critics]
    assert queue_ids(store, set(), QueueFilter(sort="age")) == [firms, output, critics, zh_id]
    assert queue_ids(store, set(), QueueFilter(language="zh")) == [zh_id]
    assert queue_ids(store, set(), QueueFilter(article_id=zh_article)) == [zh_id]
    assert queue_ids(store, {zh_id}, QueueFilter(min_score=0.5)) == [firms, output]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    assert queue_ids(store, set(), QueueFilter(since=future)) == []
    dismiss_claim(store, critics, "opinion", actor="bob")
    assert queue_ids(store, set(), QueueFilter(status="dismissed")) == [critics]
    assert queue_count(store, set()) == 3
    with pytest.raises(InputError, match="unknown sort"):
        queue_ids(store, set(), QueueFilter(sort="random"))
    with pytest.raises(InputError, match="--approve"):
        QueueFilter(approve=True, status="dismissed").check()
