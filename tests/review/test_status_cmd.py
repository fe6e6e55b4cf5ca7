"""`claimtrack status` (issue 18 item 2): what needs the current reviewer, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO, invoke
from tests.review.conftest import make_article, make_claim

SECTIONS = ["awaiting_approval", "in_review", "evidence_changed", "new_claims", "checked_elsewhere"]


def ok(*args: str, context) -> str:
    """Run the CLI in-process (the context keeps the last --reviewer given: each call names its own)."""
    result = invoke(*args, context=context)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout


def status(context, reviewer: str = "alice") -> dict:
    return json.loads(ok("--reviewer", reviewer, "status", "--json", context=context))


def test_status_follows_a_working_day(web_context, seeded, pages):
    firms, output, critics = (seeded.claims[k] for k in ("firms", "output", "critics"))
    fresh = status(web_context)
    assert set(fresh) == {"reviewer", "last_session", "threshold", *SECTIONS}
    assert (fresh["reviewer"], fresh["last_session"], fresh["threshold"]) == ("alice", None, 0.5)
    assert all(set(fresh[s]) == {"count", "capped", "items", "more"} for s in SECTIONS)
    # alice never wrote: every unreviewed claim at or above the threshold is new to her (critics scores 0.4)
    assert fresh["new_claims"]["count"] == 2
    assert [(c["claim_id"], c["score"]) for c in fresh["new_claims"]["items"]] == [(firms, 0.9), (output, 0.7)]
    assert [fresh[s]["count"] for s in SECTIONS if s != "new_claims"] == [0, 0, 0, 0]

    ok("evidence", "add", str(firms), "https://x.example.org/a", "--stance", "supports", context=web_context)
    ok("verdict", "set", str(firms), "true", "--rationale", "registry agrees", context=web_context)
    ok("--reviewer", "bob", "verdict", "set", str(output), "unverifiable", "--rationale", "no source",
       context=web_context)
    alice = status(web_context)
    assert alice["last_session"] is not None  # her verdict's event: nothing imported since
    assert alice["new_claims"]["count"] == 0
    assert [(v["claim_id"], v["reviewer"], v["rating"]) for v in alice["awaiting_approval"]["items"]] == \
        [(output, "bob", "unverifiable")]
    assert [(v["claim_id"], v["reviewer"]) for v in alice["in_review"]["items"]] == [(firms, "alice")]
    # names compare as approval does: "ALICE" is alice, so her verdict is not hers to approve
    shouting = status(web_context, "ALICE")
    assert [v["claim_id"] for v in shouting["awaiting_approval"]["items"]] == [output]
    assert [v["claim_id"] for v in shouting["in_review"]["items"]] == [firms]
    bob = status(web_context, "bob")
    assert [v["claim_id"] for v in bob["awaiting_approval"]["items"]] == [firms]
    assert bob["new_claims"]["count"] == 0

    pages["/a"] = (200, "text/html; charset=utf-8", b"<html><title>Firm count</title><body>2013</body></html>")
    ok("--reviewer", "alice", "evidence", "check", context=web_context)
    changed = status(web_context)["evidence_changed"]
    assert changed["count"] == 1
    assert [(e["claim_id"], e["evidence_id"], e["since_verdict"], e["url"]) for e in changed["items"]] == \
        [(firms, 1, "changed", "https://x.example.org/a")]

    ok("--reviewer", "bob", "verdict", "approve", str(firms), context=web_context)
    after = status(web_context)
    assert after["in_review"]["count"] == 0 and status(web_context, "bob")["awaiting_approval"]["count"] == 0
    assert after["evidence_changed"]["count"] == 1  # approved, and still changed since the verdict

    with web_context.store.write() as session:  # an import after alice's last write: new to her, not to the importer
        version = make_article(session, "Later story. Exports rose 12% in May.", source="/tmp/later.txt")
        later = make_claim(session, version, "Exports rose 12% in May.", 0.8).id
    assert [c["claim_id"] for c in status(web_context)["new_claims"]["items"]] == [later]
    assert critics not in [c["claim_id"] for c in status(web_context)["new_claims"]["items"]]


def test_human_output_counts_items_and_the_command_for_more_with_text_escaped(web_context, seeded):
    with web_context.store.write() as session:
        hostile = "Sales [bold red]doubled[/] \x1b[2J to 5,000 units :smile:."
        version = make_article(session, f"Header. {hostile} End.", source="/tmp/hostile.txt")
        claim = make_claim(session, version, hostile, 0.95).id
    out = ok("status", "--first", "1", context=web_context)
    lines = out.splitlines()
    assert lines[0] == "status for alice: last session never (no write of yours yet), threshold 0.50"
    assert "new claims above the threshold since your last session: 3" in lines
    at = lines.index("new claims above the threshold since your last session: 3")
    assert lines[at + 1] == f"  claim #{claim} 0.95: Sales [bold red]doubled[/]  to 5,000 units :smile:."
    assert lines[at + 2] == "  … 2 more: claimtrack claims list --status unreviewed --min-score 0.5"
    assert "\x1b" not in out
    assert "verdicts awaiting your approval: 0" in lines and "checked elsewhere, awaiting a decision: 0" in lines


def test_checked_elsewhere_suggestions_until_decided(context, store, tmp_path):
    from claimtrack.ingest.factchecks import import_factchecks
    from claimtrack.ingest.importer import import_sources
    from claimtrack.review.factchecks import decide
    from tests.factchecks.test_factchecks import ARTICLE, FEED

    article = tmp_path / "drones.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(FEED, ensure_ascii=False), encoding="utf-8")
    import_sources(context, [str(article)])
    import_factchecks(store, [str(feed)], actor="bob")
    pending = status(context)["checked_elsewhere"]
    assert pending["count"] >= 1 and pending["more"] == "claimtrack factchecks suggestions"
    assert "https://checks.example.net/drones" in [s["url"] for s in pending["items"]]
    assert all(s["decision"] is None for s in pending["items"])
    for s in pending["items"]:
        decide(store, s["id"], "reject", reviewer="bob", reason="different campaign")
    assert status(context)["checked_elsewhere"]["count"] == pending["count"] - len(pending["items"])


def test_read_commands_configure_no_orm_mappers(seeded, db_url):
    """`status`, `claims list/show` and `search` read on the DB-API connection (`store.reader`): neither
    SQLAlchemy nor the models are imported, nor, piped, rich or the text analyser (issue 21)."""
    probe = (
        "import sys\n"
        "from claimtrack.cli.app import main\n"
        "for argv in (['status'], ['claims', 'list'], ['claims', 'show', '1'], ['search', 'firms']):\n"
        "    try:\n"
        "        main(['--db', sys.argv[1], *argv])\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, (argv, exc.code)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'rich', 'alembic')\n"
        "             or m in ('claimtrack.store.models', 'claimtrack.store.db', 'claimtrack.text.analyze')))\n")
    done = subprocess.run([sys.executable, "-c", probe, db_url], capture_output=True, text=True, cwd=REPO,
                          env={"CLAIMTRACK_REVIEW_SINGLE_USER": "true", "CLAIMTRACK_REVIEWER": "alice",
                               "PATH": "/usr/bin:/bin", "CLAIMTRACK_CONFIG": "/nonexistent/claimtrack.toml", "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"},
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
