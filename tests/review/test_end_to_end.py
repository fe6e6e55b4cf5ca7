"""The issue's "done when", with real processes: import the seed, capture evidence from a real local web
server, rate, approve, verify the audit chain; then tamper with the database behind claimtrack's back
(edit a rationale, delete an event, forge an event) and watch `audit verify` name the event.
Also: two real processes rating the same claim at the same moment never silently lose a verdict.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import text

from claimtrack.store.db import create_db_engine, resolve_url
from tests.conftest import SEED, invoke, run_cli

PAGES = {
    "/stats": b"<html><head><title>Registry: 1,873 AI firms</title></head><body>1,873 firms</body></html>",
    "/costs": b"<html><head><title>Film costs study</title></head><body>down 40%</body></html>",
}


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        if self.path == "/old-stats":
            self.send_response(301)
            self.send_header("Location", "/stats")
            self.end_headers()
            return
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body or b"")))
        self.end_headers()
        self.wfile.write(body or b"")

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    """A real HTTP server on 127.0.0.1 (a loopback address: evidence from it needs
    `[fetch] allow_hosts` to name 127.0.0.1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _ok(*args, db, reviewer="alice", **kwargs):
    result = run_cli("--reviewer", reviewer, *args, db=db, **kwargs)
    assert result.exit_code == 0, (args, result.stderr)
    return result


def _sql(db, statement, **params):
    engine = create_db_engine(resolve_url(db))
    with engine.begin() as conn:
        rows = conn.execute(text(statement), params)
        found = rows.all() if rows.returns_rows else None
    engine.dispose()
    return found


LOCAL = {"CLAIMTRACK_FETCH_ALLOW_HOSTS": "127.0.0.1"}


def _quick(*args, db, **settings):
    """In-process run (same command code, no interpreter start-up) for the many checks after tampering."""
    from claimtrack.config import Settings
    from claimtrack.context import AppContext

    return invoke(*args, context=AppContext(Settings(db=db, **{"reviewer": "alice", "review_single_user": True,
                                                               **settings})))


def _event(db, action, entity_id=None):
    events = json.loads(_quick("audit", "log", "--limit", "100000", "--json", db=db).stdout)
    return next(e for e in events if e["action"] == action and entity_id in (None, e["entity_id"]))


@pytest.mark.slow
def test_review_end_to_end_and_tampering(db_url, web):
    db = db_url
    _ok("import", str(SEED), db=db)
    claims = json.loads(_quick("claims", "list", "--limit", "2", "--json", db=db).stdout)
    first, second = claims[0]["id"], claims[1]["id"]

    refused = run_cli("evidence", "add", str(first), f"{web}/stats", "--stance", "refutes", db=db)
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == ("Error: refusing 127.0.0.1: it resolves to a non-public address 127.0.0.1 "
                              "(loopback); a trusted private host must be listed in [fetch] allow_hosts\n")
    ev = json.loads(_ok("evidence", "add", str(first), f"{web}/old-stats", "--stance", "refutes", "--note",
                        "registry count", "--json", db=db, env=LOCAL).stdout)
    assert (ev["capture"]["final_url"], ev["capture"]["status"], ev["capture"]["title"]) == (
        f"{web}/stats", 200, "Registry: 1,873 AI firms")
    _ok("evidence", "add", str(second), f"{web}/costs", "--stance", "supports", db=db, env=LOCAL)

    _ok("verdict", "set", str(first), "mostly-true", "--rationale", "registry says 1,873", "--expect-current",
        "none", db=db)
    _ok("verdict", "set", str(first), "mostly-false", "--rationale", "registry says 1,873: not near 2000",
        "--expect-current", "1", db=db, reviewer="carol")
    _ok("verdict", "set", str(second), "true", "--rationale", "the study agrees", db=db)
    assert _ok("verdict", "approve", str(first), db=db, reviewer="bob").stdout == \
        f"verdict 2 on claim {first} approved by bob\n"
    shown = json.loads(_quick("claims", "show", str(first), "--json", db=db).stdout)
    assert (shown["status"], shown["rating"]) == ("approved", "mostly-false")
    assert [(v["id"], v["supersedes"], v["approved_by"]) for v in shown["verdicts"]] == [(1, None, None),
                                                                                         (2, 1, "bob")]
    checked = json.loads(_quick("evidence", "check", "--json", db=db, fetch_allow_hosts=("127.0.0.1",)).stdout)
    assert (checked["checked"], checked["unchanged"], checked["changed"], checked["dead"]) == (2, 2, 0, 0)
    verified = _ok("audit", "verify", db=db)
    assert verified.stdout.startswith("events: ") and "head: " in verified.stdout
    assert _quick("db", "check", db=db).exit_code == 0

    # 1. a rationale edited behind claimtrack's back
    recorded = _event(db, "verdict.set", 1)
    _sql(db, "UPDATE verdict SET rationale = 'forged' WHERE id = 1")
    _bad(db, f"Error: audit chain broken at event {recorded['id']}: verdict 1 recorded by event "
             f"{recorded['id']} was changed")
    _sql(db, "UPDATE verdict SET rationale = 'registry says 1,873' WHERE id = 1")
    assert _quick("audit", "verify", db=db).exit_code == 0

    # 2. an event deleted
    victim = _event(db, "evidence.add")
    row = _sql(db, "SELECT * FROM event WHERE id = :id", id=victim["id"])[0]._mapping
    _sql(db, "DELETE FROM event WHERE id = :id", id=victim["id"])
    _bad(db, f"Error: audit chain broken at event {victim['id']}: event {victim['id']} is missing "
             f"(next is {victim['id'] + 1})")
    columns = ", ".join(row.keys())
    _sql(db, f"INSERT INTO event ({columns}) VALUES ({', '.join(':' + k for k in row.keys())})", **row)
    assert _quick("audit", "verify", db=db).exit_code == 0

    # 3. a forged event appended
    head = _sql(db, "SELECT id, hash, created_at FROM event ORDER BY id DESC LIMIT 1")[0]
    _sql(db, "INSERT INTO event (id, created_at, actor, action, entity, entity_id, payload, prev_hash, hash) "
             "VALUES (:id, :at, 'mallory', 'verdict.approve', 'approval', 1, '{}', :prev, :hash)",
         id=head.id + 1, at=head.created_at, prev=head.hash, hash="f" * 64)
    _bad(db, f"Error: audit chain broken at event {head.id + 1}: event {head.id + 1} was altered (hash mismatch)")
    assert run_cli("audit", "verify", db=db).exit_code == 1  # and so says the real command


def _bad(db, message):
    result = _quick("audit", "verify", db=db)
    assert result.exit_code == 1
    assert result.stderr == message + "\n"


def _start_verdict(db, claim_id, reviewer, rationale, *expect):
    argv = [sys.executable, "-m", "claimtrack", "--db", db, "--reviewer", reviewer, "verdict", "set",
            str(claim_id), "false", "--rationale", rationale, *expect]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
@pytest.mark.parametrize("expect", [["--expect-current", "none"], []], ids=["expect-none", "no-expectation"])
def test_two_reviewers_rating_at_the_same_moment(db_url, expect):
    db = db_url
    assert _quick("import", str(SEED), db=db).exit_code == 0
    claim = json.loads(_quick("claims", "list", "--limit", "1", "--json", db=db).stdout)[0]["id"]
    assert _quick("evidence", "add", str(claim), "https://example.org/x", "--stance", "refutes", "--no-fetch",
                  db=db).exit_code == 0
    procs = [_start_verdict(db, claim, who, f"{who}'s reasons", *expect) for who in ("alice", "bob")]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    history = json.loads(_quick("verdict", "history", str(claim), "--json", db=db).stdout)
    codes = sorted(code for code, _, _ in results)
    if expect:
        assert codes == [0, 1]
        loser = next(err for code, _, err in results if code == 1)
        assert loser.startswith(f"Error: claim {claim} now has verdict {history[0]['id']} by ")
        assert loser.count("\n") == 1
        assert len(history) == 1
    else:
        assert codes == [0, 0]
        assert [v["supersedes"] for v in history] == [None, history[0]["id"]]
    assert _quick("audit", "verify", db=db).exit_code == 0
