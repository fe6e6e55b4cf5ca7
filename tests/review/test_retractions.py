"""Retractions (issue 18's undo): who may withdraw what, what each reader makes of it, and migration 0011
round trips with retractions in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from claimtrack.errors import InputError
from claimtrack.review.evidence import add_evidence, retract_evidence
from claimtrack.review.status import status_problems
from claimtrack.review.verdicts import approve, retract_approval, retract_verdict, set_verdict
from claimtrack.store import audit
from claimtrack.store.models import Claim, Retraction, VerdictCapture
from claimtrack.views.claims import show_claim
from claimtrack.views.quick import show_claim as quick_show
from tests.review.conftest import snapshot

RATINGS = ("true", "false", "misleading", "unverifiable")


def _rated_and_approved(store, claim_id):
    evidence = add_evidence(store, None, claim_id, "https://example.org/a", "refutes", actor="alice",
                            fetch_now=False).evidence
    verdict = set_verdict(store, claim_id, "false", "the registry says otherwise", actor="alice", ratings=RATINGS)
    return evidence, verdict, approve(store, claim_id, actor="bob")


def test_an_approved_verdict_is_retracted_only_after_its_approval(store, seeded):
    firms = seeded.claims["firms"]
    evidence, verdict, approval = _rated_and_approved(store, firms)
    before = snapshot(store)
    with pytest.raises(InputError, match=f"verdict {verdict.id} is approved by bob: that approval must be "
                                         "retracted first"):
        retract_verdict(store, verdict.id, "oops", actor="alice", ratings=RATINGS)
    with pytest.raises(InputError, match="a reason is required"):
        retract_approval(store, approval.id, "  ", actor="bob")
    assert snapshot(store) == before  # refusals write nothing
    retract_approval(store, approval.id, "too fast", actor="bob")
    with pytest.raises(InputError, match="already retracted"):
        retract_approval(store, approval.id, "again", actor="bob")
    retraction = retract_verdict(store, verdict.id, "wrong claim", actor="alice", ratings=RATINGS)
    assert isinstance(retraction, Retraction) and retraction.kind == "verdict"
    with store.read() as session:
        assert (session.get(Claim, firms).status, session.get(Claim, firms).rating) == ("in_review", None)
        assert status_problems(session) == []
        assert audit.verify(session).ok
    shown = show_claim(store, firms)
    assert shown == quick_show(store, firms)  # the Core read path agrees with the read model
    assert shown["current_verdict"] is None
    assert shown["verdicts"][0]["retracted"]["reason"] == "wrong claim"
    assert [a["approved_by"] for a in shown["verdicts"][0]["retracted_approvals"]] == ["bob"]
    # rated again: the new verdict supersedes the retracted one (one line of history)
    again = set_verdict(store, firms, "misleading", "counts branches", actor="carol", ratings=RATINGS,
                        expect_current="none")
    assert again.supersedes_id == verdict.id


def test_retracted_evidence_no_longer_counts(store, seeded):
    firms = seeded.claims["firms"]
    kept = add_evidence(store, None, firms, "https://example.org/keep", "supports", actor="carol",
                        fetch_now=False).evidence
    dropped = add_evidence(store, None, firms, "https://example.org/drop", "refutes", actor="alice",
                           fetch_now=False).evidence
    with pytest.raises(InputError, match="only its author retracts it"):
        retract_evidence(store, kept["id"], "not mine", actor="alice")
    retract_evidence(store, dropped["id"], "wrong page", actor="alice")
    with store.read() as session:
        assert session.get(Claim, firms).status == "in_review"  # carol's evidence still counts
    retract_evidence(store, kept["id"], "also wrong", actor="carol")
    with store.read() as session:
        assert session.get(Claim, firms).status == "unreviewed"
    with pytest.raises(InputError, match="has no evidence"):
        set_verdict(store, firms, "true", "agrees", actor="alice", ratings=RATINGS)
    listed = {e["id"]: e["retracted"]["reason"] for e in show_claim(store, firms)["evidence"]}
    assert listed == {kept["id"]: "also wrong", dropped["id"]: "wrong page"}


def test_a_new_verdict_does_not_rely_on_retracted_evidence(store, seeded, web_context):
    from claimtrack.review.captures import list_evidence

    firms = seeded.claims["firms"]
    with web_context.fetching() as fetcher:
        kept = add_evidence(store, fetcher, firms, "https://example.org/a", "supports", actor="alice").evidence
        dropped = add_evidence(store, fetcher, firms, "https://example.org/b", "refutes", actor="alice").evidence
    retract_evidence(store, dropped["id"], "wrong page", actor="alice")
    verdict = set_verdict(store, firms, "true", "agrees", actor="alice", ratings=RATINGS)
    with store.read() as session:
        relied = list(session.scalars(select(VerdictCapture.capture_id).where(VerdictCapture.verdict_id == verdict.id)))
    assert relied == [kept["capture"]["id"]] if kept["capture"] else relied == []
    states = {e["id"]: (e["since_verdict"], e["retracted"] is not None) for e in list_evidence(store, firms)}
    assert states[dropped["id"]] == (None, True)
    from claimtrack.review.evidence import check_evidence

    with web_context.fetching() as fetcher:  # a retracted item is no longer re-checked
        assert [i["evidence_id"] for i in check_evidence(store, fetcher, actor="alice", claim_id=firms).items] == [
            kept["id"]]


def test_migration_0011_round_trips_with_retractions(store, seeded):
    from claimtrack.store.migrate import downgrade, upgrade

    firms, output = seeded.claims["firms"], seeded.claims["output"]
    evidence, verdict, approval = _rated_and_approved(store, firms)
    retract_approval(store, approval.id, "too fast", actor="bob")
    add_evidence(store, None, output, "https://example.org/o", "context", actor="alice", fetch_now=False)
    url = store.engine.url
    store.engine.dispose()
    downgrade(url, "0010")
    from claimtrack.store.db import create_db_engine

    engine = create_db_engine(url)
    with engine.connect() as conn:
        assert "retraction" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT count(*) FROM approval")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM evidence")).scalar() == 2
    engine.dispose()
    upgrade(url)
    retract_approval(store, approval.id, "too fast", actor="bob")  # the retraction went with the table
    approve(store, firms, actor="bob")  # approved anew: two approval rows for one verdict
    store.engine.dispose()
    with pytest.raises(RuntimeError, match=f"verdict {verdict.id} was approved again"):
        downgrade(url, "0010")
    with store.read() as session:  # refused: still at 0011, every row there
        assert len(list(session.scalars(select(Retraction)))) == 1
        assert session.get(Claim, firms).status == "approved"


def test_retract_commands_say_one_line_and_change_nothing_when_refused(context, store, seeded):
    from tests.conftest import invoke

    firms = seeded.claims["firms"]
    evidence, verdict, approval = _rated_and_approved(store, firms)
    before = snapshot(store)
    for args, message in [
        (("--reviewer", "alice", "evidence", "retract", str(evidence["id"])), "Error: a reason is required to retract evidence (--reason)\n"),
        (("--reviewer", "carol", "evidence", "retract", str(evidence["id"]), "--reason", "x"),
         f"Error: evidence {evidence['id']} was added by alice: only its author retracts it\n"),
        (("--reviewer", "alice", "verdict", "retract", str(firms), "--reason", "x"),
         f"Error: verdict {verdict.id} is approved by bob: that approval must be retracted first (by its approver)\n"),
        (("--reviewer", "carol", "verdict", "unapprove", str(firms), "--reason", "x"),
         f"Error: approval {approval.id} was given by bob: only its approver retracts it\n"),
        (("--reviewer", "bob", "verdict", "unapprove", str(seeded.claims["output"]), "--reason", "x"),
         f"Error: claim {seeded.claims['output']} has no approved verdict: nothing to unapprove\n"),
    ]:
        result = invoke(*args, context=context)
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", message), args
    assert snapshot(store) == before
    done = invoke("--reviewer", "bob", "verdict", "unapprove", str(firms), "--reason", "too fast", context=context)
    assert done.stdout == f"approval {approval.id} on claim {firms} retracted: the verdict awaits approval again\n"
    done = invoke("--reviewer", "alice", "verdict", "retract", str(firms), "--reason", "wrong claim", context=context)
    assert done.stdout == (f"verdict {verdict.id} on claim {firms} retracted: the claim has no verdict until rated "
                           "again\n")
    done = invoke("--reviewer", "alice", "evidence", "retract", str(evidence["id"]), "--reason", "wrong page",
                  context=context)
    assert done.stdout == f"evidence {evidence['id']} on claim {firms} retracted\n"
    history = invoke("verdict", "history", str(firms), context=context).stdout.splitlines()
    assert history[1].split("\t")[6] == "retracted"
    shown = invoke("claims", "show", str(firms), context=context).stdout
    assert "RETRACTED by alice" in shown and "approval retracted at" in shown
    with store.read() as session:
        assert session.get(Claim, firms).status == "unreviewed"
        assert audit.verify(session).ok


def test_reports_show_retractions_and_the_feed_drops_an_unapproved_verdict(store, seeded, settings, tmp_path):
    import csv
    import json
    from dataclasses import replace

    from claimtrack.report import write_report
    from tests.report.conftest import PUBLISH_SETTINGS

    firms = seeded.claims["firms"]
    evidence, verdict, approval = _rated_and_approved(store, firms)
    add_evidence(store, None, firms, "https://example.org/wrong", "supports", actor="alice", fetch_now=False)
    retract_evidence(store, evidence["id"] + 1, "wrong page", actor="alice")
    publish = replace(settings, **PUBLISH_SETTINGS)

    def written(fmt: str, name: str) -> str:
        write_report(store, fmt, str(tmp_path / name), settings=publish, actor="carol")
        return (tmp_path / name).read_text(encoding="utf-8-sig")

    assert len(json.loads(written("claimreview", "before.json"))) == 1
    retract_approval(store, approval.id, "too fast", actor="bob")
    assert json.loads(written("claimreview", "after.json")) == []  # unapproved again: not published
    report = json.loads(written("json", "r.json"))
    claim = next(c for c in report["claims"] if c["id"] == firms)
    assert [e["retracted"] is not None for e in claim["evidence"]] == [False, True]
    assert claim["verdicts"][0]["approved_by"] is None
    assert [a["approved_by"] for a in claim["verdicts"][0]["retracted_approvals"]] == ["bob"]
    assert claim["published_verdict"] is None
    assert report["summary"]["evidence_links"] == {"not_captured": 1}  # the retracted item no longer counts
    markdown = written("md", "r.md")
    assert "RETRACTED by alice" in markdown and "approval RETRACTED by bob" in markdown
    html = written("html", "r.html")
    assert "retracted by alice" in html and "approval by bob retracted" in html
    rows = {int(r["claim_id"]): r for r in csv.DictReader(written("csv", "r.csv").splitlines())}
    assert rows[firms]["evidence_2_stance"] == "supports (retracted)"
    assert rows[firms]["evidence_since_verdict"].endswith("retracted")


@pytest.mark.parametrize("table", ["retraction", "restoration"])
def test_an_edited_undo_row_breaks_the_audit(store, seeded, table):
    """Retractions and restorations (the undo rows) are proven by `audit verify` like every review row."""
    from claimtrack.review.dismissals import dismiss_claim, restore_claim

    if "postgresql" in str(store.engine.url):
        pytest.skip("PostgreSQL refuses the edit itself (append-only trigger)")
    firms = seeded.claims["firms"]
    evidence = add_evidence(store, None, firms, "https://example.org/a", "refutes", actor="alice",
                            fetch_now=False).evidence
    retract_evidence(store, evidence["id"], "wrong page", actor="alice")
    dismiss_claim(store, firms, "opinion", actor="alice")
    restore_claim(store, firms, "a figure after all", actor="alice")
    with store.read() as session:
        assert audit.verify(session).ok
    with store.engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET reason = 'forged' WHERE id = 1"))
    with store.read() as session:
        report = audit.verify(session)
    assert not report.ok and report.bad_row == f"{table} 1"


def test_status_lists_an_unapproved_verdict_as_awaiting_approval_again(store, seeded):
    from claimtrack.review.desk import status

    firms = seeded.claims["firms"]
    _, verdict, approval = _rated_and_approved(store, firms)
    assert status(store, "carol", threshold=0.5)["awaiting_approval"]["count"] == 0
    retract_approval(store, approval.id, "too fast", actor="bob")
    waiting = status(store, "carol", threshold=0.5)["awaiting_approval"]
    assert [(v["claim_id"], v["verdict_id"]) for v in waiting["items"]] == [(firms, verdict.id)]
    assert [v["verdict_id"] for v in status(store, "alice", threshold=0.5)["in_review"]["items"]] == [verdict.id]
