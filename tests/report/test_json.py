"""The canonical JSON report: schema-valid, canonical, byte-identical, complete, `--since last` chains."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from claimtrack import canonical_json as canonical
from claimtrack.store.models import Event, Export
from tests.report.helpers import report, validate

STAMP = "2026-11-01T00:00:00Z"


def test_json_report_is_schema_valid_canonical_and_complete(context, hostile, tmp_path):
    out = tmp_path / "r.json"
    result = report(context, "json", out, "--generated-at", STAMP)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("report json: 8 claim row(s), since the beginning, until now -> ")
    text = out.read_text("utf-8")
    document = json.loads(text)
    validate(document)
    lines = text.splitlines()
    assert len(lines) == 10  # header, one line per claim, summary
    assert all(canonical.dumps(c) == line.rstrip(",") for c, line in zip(document["claims"], lines[1:-1]))
    assert [c["id"] for c in document["claims"]] == sorted(c["id"] for c in document["claims"])
    firms = document["claims"][0]
    assert firms["text"] == "The council said 2,000 firms closed in 2025."
    assert [v["rating"] for v in firms["verdicts"]] == ["false", "mostly-false"]
    assert [v["current"] for v in firms["verdicts"]] == [False, True]
    assert firms["verdicts"][1]["approved_by"] == "bob"
    assert firms["mentions"][0]["start"] == 0 and firms["mentions"][0]["version"]["number"] == 1
    assert firms["quantities"][0]["value"] == 2000.0
    assert [e["capture"]["outcome"] for e in firms["evidence"]] == ["ok", "dead"]
    summary = document["summary"]
    assert summary["claims"] == 8
    assert summary["by_status"] == {"approved": 1, "dismissed": 1, "rated": 6}
    assert summary["by_rating"]["mostly-false"] == 1 and summary["by_rating"]["false"] == 1
    assert summary["reviewers"]["bob"] == {"approvals": 1, "dismissals": 0, "verdicts": 0}
    assert summary["evidence_links"] == {"dead": 1, "not_captured": 1, "ok": 1}
    assert summary["median_seconds_to_first_verdict"] > 0
    integrity = document["about"]["integrity"]
    assert integrity["audit_verify"]["ok"] is True
    with context.store.read() as session:
        events_before_export = session.scalar(select(func.count(Event.id))) - 1
    assert integrity["audit_verify"]["events"] == events_before_export


def test_same_database_and_generation_time_give_identical_bytes(context, hostile, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert report(context, "json", first, "--generated-at", STAMP).exit_code == 0
    assert report(context, "json", second, "--generated-at", STAMP).exit_code == 0
    # the first export appended an audit event, so only the chain head in the header may differ
    a, b = first.read_text().splitlines(), second.read_text().splitlines()
    assert a[1:] == b[1:]
    assert json.loads(first.read_text())["about"]["generated_at"] == "2026-11-01T00:00:00.000000Z"


def test_identical_bytes_when_nothing_was_written_in_between(context, hostile, tmp_path):
    from claimtrack.report import write_report

    store = context.store
    results = []
    for name in ("a.json", "b.json"):
        results.append(write_report(store, "json", str(tmp_path / name), settings=context.settings, actor="t",
                                    generated_at=canonical_time()))
        with store.write() as session:  # drop the export's own event and row to restore the same database
            session.delete(session.get(Export, results[-1].export_id))
            session.delete(session.scalar(select(Event).order_by(Event.id.desc()).limit(1)))
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert results[0].sha256 == results[1].sha256


def canonical_time():
    return datetime(2026, 11, 1, tzinfo=UTC)


def test_since_last_twice_gives_an_empty_but_valid_report(context, hostile, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert report(context, "json", first, "--since", "last").exit_code == 0
    result = report(context, "json", second, "--since", "last")
    assert result.exit_code == 0, result.stderr
    assert "0 claim row(s)" in result.stderr
    document = json.loads(second.read_text())
    validate(document)
    assert document["claims"] == [] and document["summary"]["claims"] == 0
    assert len(json.loads(first.read_text())["claims"]) == 8
    assert document["about"]["scope"]["mode"] == "last"
    with context.store.read() as session:
        exports = list(session.scalars(select(Export).order_by(Export.id)))
    assert [e.rows for e in exports] == [8, 0]
    assert exports[1].since == exports[0].until
    assert document["about"]["scope"]["previous_export"] == exports[0].id


def test_since_last_picks_up_new_activity_only(context, make, hostile, tmp_path):
    assert report(context, "json", tmp_path / "1.json", "--since", "last").exit_code == 0
    make.clock.now, make.clock.step = datetime.now(UTC), timedelta(microseconds=1)  # after the first export
    make.verdict(hostile["spaced"], "false", "Re-opened and rated.")
    assert report(context, "json", tmp_path / "2.json", "--since", "last").exit_code == 0
    claims = json.loads((tmp_path / "2.json").read_text())["claims"]
    assert [c["id"] for c in claims] == [hostile["spaced"].id]


def test_since_last_is_per_format(context, hostile, tmp_path):
    assert report(context, "json", tmp_path / "1.json", "--since", "last").exit_code == 0
    assert report(context, "csv", tmp_path / "1.csv", "--since", "last").stderr.startswith("report csv: 8 claim")


def test_json_on_postgres_and_sqlite_match(hostile, context, tmp_path, request):
    """Both parametrisations write the claims and summary lines to one shared file; the second compares."""
    out = tmp_path / "r.json"
    assert report(context, "json", out, "--generated-at", STAMP).exit_code == 0
    body = "\n".join(out.read_text().splitlines()[1:])
    cache = request.config.stash.setdefault(_BODIES, {})
    cache[context.store.engine.dialect.name] = body
    if len(cache) == 2:
        assert cache["sqlite"] == cache["postgresql"]


_BODIES = __import__("pytest").StashKey[dict]()
