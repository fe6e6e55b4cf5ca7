"""An adversary with write access to the database: each damage makes `audit verify` (and `db check`) exit 1
naming the first bad row or event, or needs the witness file (`audit anchor`) to show.

The database is `populated` (two articles, one in two versions, evidence and a verdict on claim 1); the
damage is raw SQL, as an adversary holding the file (or the PostgreSQL owner's password) would do it.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import text

from tests.reliability.helpers import engine_for, run
from tests.reliability.test_db_check import damage


def verify_fails(db_url: str, *names: str, check: bool = True, witness: str | None = None) -> str:
    """`audit verify` (and `db check`) exit 1 with one `Error:` line naming each of `names`; the line."""
    args = ("audit", "verify") + (("--witness", witness) if witness else ())
    result = run(db_url, *args)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr.startswith("Error: audit chain broken at ") and result.stderr.count("\n") == 1
    for name in names:
        assert name in result.stderr, result.stderr
    if check:
        checked = run(db_url, "db", "check")
        assert checked.exit_code == 1, checked.stdout
        assert names[-1] in checked.stdout, checked.stdout
    return result.stderr


def last_event(db_url: str) -> int:
    engine = engine_for(db_url)
    with engine.connect() as conn:
        value = conn.execute(text("SELECT max(id) FROM event")).scalar()
    engine.dispose()
    return value


def redigest_and_rechain(db_url: str, table: str, row_id: int, *statements: str) -> None:
    """The strong adversary: edit rows, then recompute the digest the covering event holds and every hash
    from that event on, exactly as `audit.record` would have. Only a witness or a content check sees it."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from claimtrack import canonical_json as canonical
    from claimtrack.store import audit
    from claimtrack.store.models import Base, Event

    damage(db_url, *statements)
    model = {m.local_table.name: m.class_ for m in Base.registry.mappers}[table]
    engine = engine_for(db_url)
    with Session(engine) as session, session.begin():
        row = session.get(model, row_id)
        digest = audit.row_digest(row)
        first = None
        events = list(session.scalars(select(Event).order_by(Event.id)))
        prev = audit.GENESIS
        for event in events:
            payload = json.loads(event.payload)
            if event.entity == table and event.entity_id == row_id and "digest" in payload:
                payload["digest"] = digest
            elif str(row_id) in (payload.get("row_digests") or {}).get(table, {}):
                payload["row_digests"][table][str(row_id)] = digest
            if canonical.dumps(payload) != event.payload and first is None:
                first = event.id
            event.payload = canonical.dumps(payload)
            if first is not None:
                event.prev_hash = prev
                event.hash = audit.event_hash(event)
            prev = event.hash
        assert first is not None, f"no event covers {table} {row_id}"
    engine.dispose()


def test_undamaged_database_verifies_both_ways(populated):
    result = run(populated, "audit", "verify", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] and data["problems"] == [] and data["unchecked_text"] == 0


def test_unlogged_row_is_named(populated):
    damage(populated, "INSERT INTO verdict (id, claim_id, rating, rationale, reviewer, created_at, supersedes_id) "
                      "VALUES (99, 1, 'true', 'forged', 'mallory', '2026-01-01 00:00:00', 1)")
    verify_fails(populated, "verdict 99 is not recorded by any event")


def test_deleted_middle_event_is_named(populated):
    damage(populated, "DELETE FROM event WHERE id = 9")
    verify_fails(populated, "at event 9", "event 9 is missing (next is 10)")


def test_deleted_last_event_leaves_its_row_unlogged(populated):
    damage(populated, f"DELETE FROM event WHERE id = {last_event(populated)}")
    verify_fails(populated, "verdict 1 is not recorded by any event")


def test_deleted_log_leaves_every_row_unlogged(populated):
    damage(populated, "DELETE FROM event")
    verify_fails(populated, "article 1 is not recorded by any event")


def test_edited_row_is_named(populated):
    damage(populated, "UPDATE verdict SET rationale = 'it is all true' WHERE id = 1")
    verify_fails(populated, f"at event {last_event(populated)}", "verdict 1 recorded by event")


def test_edited_quantity_is_named(populated):
    damage(populated, "UPDATE quantity SET value = 35 WHERE id = 1")
    verify_fails(populated, "at event 3", "quantity 1 recorded by event 3 was changed")


def test_moved_span_is_named(populated):
    """The span, quote and affixes of mention 1 moved onto other words of its version, consistently."""
    engine = engine_for(populated)
    with engine.connect() as conn:
        body = conn.execute(text("SELECT text FROM article_version WHERE id = 1")).scalar()
    engine.dispose()
    start, end = 137, 160
    damage(populated, f"UPDATE mention SET span_start = {start}, span_end = {end}, "
                      f"quote = '{body[start:end]}', prefix = '{body[start - 32:start]}', "
                      f"suffix = '{body[end:end + 32]}' WHERE id = 1")
    verify_fails(populated, "at event 5", "mention 1 recorded by event 5 was changed")


def test_edited_prefix_is_named(populated):
    damage(populated, "UPDATE mention SET prefix = 'Officials confirmed: ' WHERE id = 2")
    verify_fails(populated, "mention 2 recorded by event 5 was changed")


def test_edited_suffix_redigested_is_caught_by_the_text(populated):
    """Even with its digest and the chain recomputed, a suffix that is not the text after the span shows."""
    redigest_and_rechain(populated, "mention", 2, "UPDATE mention SET suffix = ' (unconfirmed)' WHERE id = 2")
    verify_fails(populated, "mention 2: suffix is not the text after its span in version 1")


def test_rewritten_text_is_named(populated):
    damage(populated, "UPDATE article_version SET text = replace(text, 'rained', 'snowed') WHERE id = 1")
    verify_fails(populated, "at event 2", "article_version 1 recorded by event 2 was changed")


def test_rewritten_text_redigested_is_caught_by_the_raw_bytes(populated):
    """Text, its sha256, the version's digest and the whole chain rewritten: the raw bytes still say otherwise."""
    engine = engine_for(populated)
    with engine.connect() as conn:
        body = conn.execute(text("SELECT text FROM article_version WHERE id = 2")).scalar()
    engine.dispose()
    forged = body.replace("rained", "snowed")
    sha = hashlib.sha256(forged.encode("utf-8")).hexdigest()
    redigest_and_rechain(populated, "article_version", 2,
                         f"UPDATE article_version SET text = '{forged}', text_sha256 = '{sha}' WHERE id = 2")
    verify_fails(populated, "article_version 2: text is not what extractor plain",
                 "derives from the stored raw bytes")


def test_redigested_rechained_edit_needs_the_witness(populated, tmp_path):
    witness = tmp_path / "heads.jsonl"
    anchored = run(populated, "audit", "anchor", "--witness", str(witness), "--json")
    assert anchored.exit_code == 0, anchored.stderr
    head = json.loads(anchored.stdout)
    assert head["sequence"] == last_event(populated) and len(head["hash"]) == 64
    assert run(populated, "audit", "verify", "--witness", str(witness)).exit_code == 0
    redigest_and_rechain(populated, "verdict", 1, "UPDATE verdict SET rationale = 'it is all true' WHERE id = 1")
    assert run(populated, "audit", "verify").exit_code == 0  # consistent: only the witness knows better
    verify_fails(populated, f"at event {head['sequence']}", "is not the witnessed head", check=False,
                 witness=str(witness))


def test_truncated_tail_needs_the_witness(populated, tmp_path):
    """The last event and the row it recorded both deleted: consistent, except for the head kept elsewhere."""
    witness = tmp_path / "heads.jsonl"
    assert run(populated, "audit", "anchor", "--witness", str(witness)).exit_code == 0
    top = last_event(populated)
    damage(populated, f"DELETE FROM event WHERE id = {top}", "DELETE FROM verdict",
           "UPDATE claim SET status = 'unreviewed', rating = NULL WHERE id = 1")
    assert run(populated, "audit", "verify").exit_code == 0
    verify_fails(populated, f"witnessed head {top}", "(truncated)", check=False, witness=str(witness))


def test_signed_witness_is_checked_against_the_key(populated, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519

    key = ed25519.Ed25519PrivateKey.generate()
    private, public = tmp_path / "newsroom.pem", tmp_path / "newsroom.pub"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    witness = tmp_path / "heads.jsonl"
    assert run(populated, "audit", "anchor", "--witness", str(witness), "--key", str(private)).exit_code == 0
    ok = run(populated, "audit", "verify", "--witness", str(witness), "--public-key", str(public))
    assert ok.exit_code == 0, ok.stderr
    line = json.loads(witness.read_text())
    assert line["signature"] and line["public_key"]
    # the adversary rewrites the chain and the witness line to match: the signature no longer verifies
    line["hash"] = "ab" * 32
    witness.write_text(json.dumps(line) + "\n")
    forged = run(populated, "audit", "verify", "--witness", str(witness), "--public-key", str(public))
    assert forged.exit_code == 1
    assert "signature of head" in forged.stderr and "does not verify" in forged.stderr
    # an unsigned line where the key is pinned is refused too
    witness.write_text(json.dumps({k: line[k] for k in ("sequence", "hash", "time")}) + "\n")
    unsigned = run(populated, "audit", "verify", "--witness", str(witness), "--public-key", str(public))
    assert unsigned.exit_code == 1 and "is not signed" in unsigned.stderr
