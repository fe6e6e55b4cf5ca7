"""Real identity and append-only review rows on PostgreSQL (nothing changes on SQLite).

A group role `claimtrack_reviewer` (created once per server if the migrating user may create roles) holds
what a reviewer's own login role may do in this schema: read everything, insert rows, refresh the claim
caches (`claim.status`, `claim.rating`) and an article's metadata (`articles set`), and nothing else: no UPDATE or DELETE of verdicts, approvals,
dismissals, evidence, captures, link decisions or events. For a session user who is a direct member of it,
triggers stamp the reviewer columns with the session user (authenticated by the server; `SET ROLE` does
not change it) and refuse an event whose actor or account is anyone else. For everyone, the database refuses
an approval by the verdict's author, comparing names normalised as the application does (NFKC, case-folded,
whitespace and zero-width characters removed).

Setting up a reviewer: `CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE claimtrack_reviewer;`. Later
migrations that add tables must grant them to `claimtrack_reviewer` the same way.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 20:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the column that names who wrote the row (stamped with the session user for reviewer sessions)
STAMPED = {"article": "created_by", "claim": "created_by", "evidence": "added_by", "verdict": "reviewer",
           "approval": "reviewer", "dismissal": "reviewer", "claim_link": "created_by",
           "link_decision": "reviewer", "export": "actor", "factcheck": "imported_by",
           "factcheck_match": "created_by", "factcheck_decision": "reviewer"}
APPEND_ONLY = ("verdict", "approval", "dismissal", "evidence", "capture", "link_decision", "event",
               "article_version", "mention", "quantity", "export", "factcheck_decision")

FUNCTIONS = r"""
CREATE FUNCTION claimtrack_is_reviewer() RETURNS boolean LANGUAGE sql STABLE AS $f$
  SELECT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
                 JOIN pg_roles u ON u.oid = m.member
                 WHERE r.rolname = 'claimtrack_reviewer' AND u.rolname = session_user)
$f$;

CREATE FUNCTION claimtrack_norm(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
  SELECT regexp_replace(lower(normalize(coalesce(name, ''), NFKC)),
                        E'[\\s\\u200B\\u200C\\u200D\\u2060\\uFEFF\\u00AD\\u180E]', '', 'g')
$f$;

CREATE FUNCTION claimtrack_stamp() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF claimtrack_is_reviewer() THEN
    NEW := jsonb_populate_record(NEW, jsonb_build_object(TG_ARGV[0], session_user));
  END IF;
  RETURN NEW;
END $f$;

CREATE FUNCTION claimtrack_event_actor() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF claimtrack_is_reviewer() AND (NEW.actor IS DISTINCT FROM session_user
      OR (NEW.payload::jsonb ->> 'account') IS DISTINCT FROM session_user) THEN
    RAISE EXCEPTION 'event % names % as its writer, but the session user is %', NEW.id, NEW.actor, session_user
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $f$;

CREATE FUNCTION claimtrack_not_author() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE author text;
BEGIN
  SELECT reviewer INTO author FROM verdict WHERE id = NEW.verdict_id;
  IF claimtrack_norm(author) = claimtrack_norm(NEW.reviewer) THEN
    RAISE EXCEPTION 'verdict % was written by %: approval needs a second reviewer', NEW.verdict_id, author
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;

CREATE FUNCTION claimtrack_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF claimtrack_is_reviewer() THEN
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $f$;
"""

ROLE = r"""
DO $d$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claimtrack_reviewer') THEN
    CREATE ROLE claimtrack_reviewer NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN RAISE NOTICE 'cannot create role claimtrack_reviewer: ask an administrator';
END $d$;

DO $d$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claimtrack_reviewer') THEN
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO claimtrack_reviewer', current_schema());
    EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA %I TO claimtrack_reviewer', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO claimtrack_reviewer', current_schema());
    EXECUTE 'GRANT UPDATE (status, rating) ON claim TO claimtrack_reviewer';
    EXECUTE 'GRANT UPDATE ON article TO claimtrack_reviewer';  -- `articles set`, audited as article.update
  END IF;
END $d$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    for table, column in STAMPED.items():
        op.execute(f"CREATE TRIGGER a_claimtrack_stamp BEFORE INSERT ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION claimtrack_stamp('{column}')")
    op.execute("CREATE TRIGGER a_claimtrack_actor BEFORE INSERT ON event FOR EACH ROW "
               "EXECUTE FUNCTION claimtrack_event_actor()")
    op.execute("CREATE TRIGGER b_claimtrack_not_author BEFORE INSERT ON approval FOR EACH ROW "
               "EXECUTE FUNCTION claimtrack_not_author()")
    for table in APPEND_ONLY:
        op.execute(f"CREATE TRIGGER claimtrack_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION claimtrack_append_only()")
    op.execute(ROLE)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in APPEND_ONLY:
        op.execute(f"DROP TRIGGER IF EXISTS claimtrack_append_only ON {table}")
    for table in STAMPED:
        op.execute(f"DROP TRIGGER IF EXISTS a_claimtrack_stamp ON {table}")
    op.execute("DROP TRIGGER IF EXISTS a_claimtrack_actor ON event")
    op.execute("DROP TRIGGER IF EXISTS b_claimtrack_not_author ON approval")
    for name in ("claimtrack_append_only", "claimtrack_not_author", "claimtrack_event_actor", "claimtrack_stamp",
                 "claimtrack_norm", "claimtrack_is_reviewer"):
        op.execute(f"DROP FUNCTION IF EXISTS {name}()" if name != "claimtrack_norm"
                   else "DROP FUNCTION IF EXISTS claimtrack_norm(text)")
    op.execute(r"""
DO $d$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claimtrack_reviewer') THEN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM claimtrack_reviewer', current_schema());
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM claimtrack_reviewer', current_schema());
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM claimtrack_reviewer', current_schema());
  END IF;
END $d$;
""")
