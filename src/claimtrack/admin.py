"""Database use cases: upgrade, current revision, `db check` (every invariant that can be checked), backup,
and the audit trail's verify and log.

`check` gathers problems by section instead of stopping at the first, so that one run names every kind of
damage: engine integrity (SQLite pages), foreign keys (checked by query from the models, so the same check
runs on PostgreSQL, where a restore with triggers off or `session_replication_role = replica` can leave
dangling references), article versions (gaps, articles without one), span invariants, the audit chain
(both directions: every event's rows, every audited row's event, text re-derived from the raw bytes; see
`store/audit.py`), and the derived claim caches. A section that itself fails (a table unreadable) reports
that as its problem rather than hiding the other sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from claimtrack.store.db import Store
from claimtrack.store.engine import create_db_engine, current_revision as _revision, resolve_url
from claimtrack.store.schema import HEAD_REVISION


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def upgrade(db: str) -> UpgradeResult:
    """Migrate `db` to head (creating it if new); SQLite databases with data are backed up first."""
    from claimtrack.store.migrate import upgrade as migrate

    url = resolve_url(db)
    if url.get_backend_name() == "sqlite":
        from claimtrack.store.engine import check_sqlite_path

        check_sqlite_path(Path(url.database or ""))
    before = _peek(url)
    backup = migrate(url)
    return UpgradeResult(before, _peek(url) or HEAD_REVISION, backup)


def current_revision(db: str) -> dict[str, Any]:
    """The stamped revision (without migrating anything) and whether it is this code's head."""
    url = resolve_url(db)
    missing = url.get_backend_name() == "sqlite" and not Path(url.database or "").exists()
    revision = None if missing else _peek(url)
    return {"revision": revision, "head": HEAD_REVISION, "is_head": revision == HEAD_REVISION}


def _peek(url) -> str | None:
    from sqlalchemy.exc import OperationalError

    from claimtrack.errors import DatabaseError

    engine = create_db_engine(url)
    try:
        return _revision(engine)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database: {str(exc.orig).splitlines()[0]}") from None
    finally:
        engine.dispose()


@dataclass
class CheckReport:
    sections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.sections.values())

    @property
    def count(self) -> int:
        return sum(len(p) for p in self.sections.values())

    @property
    def first(self) -> str:
        return next((f"{name}: {p[0]}" for name, p in self.sections.items() if p), "")

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.sections}


def check(store: Store) -> CheckReport:
    """Run every check; each section lists its problems (empty = fine)."""
    from claimtrack.store import audit
    from claimtrack.store.maintenance import integrity_problems

    report = CheckReport()
    report.sections["integrity"] = _guarded(lambda: integrity_problems(store.engine))
    with store.read() as session:
        sections = {
            "foreign keys": foreign_key_problems, "versions": version_problems, "spans": span_problems,
            "audit chain": lambda s: _chain_problems(audit.verify(s, rederive=rederive_version)),
            "claim caches": cache_problems,
        }
        for name, run in sections.items():
            report.sections[name] = _guarded(lambda run=run: run(session))
            session.rollback()  # a failed section must not poison the next one (PostgreSQL)
    return report


def _guarded(run) -> list[str]:
    from sqlalchemy.exc import SQLAlchemyError

    try:
        return run()
    except (SQLAlchemyError, ValueError, TypeError) as exc:
        return [f"check could not run: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}"]


def _chain_problems(chain) -> list[str]:
    return [] if chain.ok else list(chain.problems) or [chain.problem or f"broken at event {chain.bad_event}"]


def rederive_version(version) -> tuple[str, str, str]:
    """A stored version's text as this code derives it from the stored raw bytes (for `audit.verify`)."""
    from claimtrack.fetch.derive import rederive

    return rederive(version.raw, version.content_type, fetched=version.http_status is not None,
                    final_url=version.final_url, label=f"article version {version.id}")


def foreign_key_problems(session, limit: int = 20) -> list[str]:
    """Rows whose foreign key names a row that does not exist, for every foreign key of the models."""
    from sqlalchemy import and_

    from claimtrack.store.models import Base

    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            child, parent = fk.parent, fk.column
            target = parent.table.alias()
            pk = list(table.primary_key.columns)
            query = (select(*pk, child).select_from(table.outerjoin(target, target.c[parent.name] == child))
                     .where(and_(child.is_not(None), target.c[parent.name].is_(None))).limit(limit))
            for row in session.execute(query):
                key = "/".join(str(v) for v in row[:-1])
                problems.append(f"{table.name} {key}: {child.name} = {row[-1]} points at a missing "
                                f"{parent.table.name}")
            if len(problems) >= limit:
                return problems
    return problems


def cache_problems(session) -> list[str]:
    """Claims whose cached status/rating disagrees with their review rows (the review service's rule)."""
    from claimtrack.review.status import status_problems

    return status_problems(session)


def version_problems(session) -> list[str]:
    """Articles whose version numbers have gaps (a missing article version) or that have none."""
    from sqlalchemy import func

    from claimtrack.store.models import Article, ArticleVersion

    rows = session.execute(
        select(Article.id, func.count(ArticleVersion.id), func.max(ArticleVersion.number))
        .outerjoin(ArticleVersion, ArticleVersion.article_id == Article.id)
        .group_by(Article.id)
    )
    return [
        f"article {article_id} has {count} version(s) but numbers up to {highest}"
        if count else f"article {article_id} has no version"
        for article_id, count, highest in rows
        if not count or count != highest
    ]


def span_problems(session, batch: int = 2000) -> list[str]:
    """Mentions whose span does not quote the version text exactly (invariant 1)."""
    from claimtrack.store.models import ArticleVersion, Mention

    problems: list[str] = []
    last = 0
    while len(problems) < 50:
        rows = session.execute(
            select(Mention.id, Mention.start, Mention.end, Mention.quote, Mention.version_id)
            .where(Mention.id > last, Mention.orphaned.is_(False))
            .order_by(Mention.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        versions = {v.id: v.text for v in session.execute(
            select(ArticleVersion.id, ArticleVersion.text).where(
                ArticleVersion.id.in_({r.version_id for r in rows})))}
        for row in rows:
            text = versions.get(row.version_id)
            if text is None:
                problems.append(f"mention {row.id} points at missing article version {row.version_id}")
            elif text[row.start:row.end] != row.quote:
                problems.append(f"mention {row.id}: version {row.version_id} text [{row.start}:{row.end}] "
                                f"is not its quote")
        last = rows[-1].id
    return problems


def backup(store: Store, target: Path) -> Path:
    """An online copy of a SQLite database in use (PostgreSQL: pg_dump)."""
    from claimtrack.store.maintenance import backup_sqlite

    return backup_sqlite(store.engine, target)


def verify_audit(store: Store, witness: list[Any] | None = None):
    """Recompute the audit chain, prove every audited row against it (text re-derived from the raw bytes),
    and check the witnessed heads (`witness.Head`); an `audit.ChainReport`."""
    from claimtrack.store import audit

    with store.read() as session:
        return audit.verify(session, rederive=rederive_version, witness=witness or [])


def anchor_head(store: Store, key: Path | None = None, witness_file: Path | None = None):
    """The chain's current head as a witness line (signed with `key`), appended to `witness_file` if given."""
    from claimtrack.store import audit, witness

    with store.read() as session:
        head = witness.make_head(audit.head_info(session), key)
    if witness_file is not None:
        witness.append(witness_file, head)
    return head


def audit_total(store: Store) -> int:
    """How many audit events there are (for "100 of 5,432 shown"): ids are the chain's sequence, 1 to the head."""
    from sqlalchemy import text

    with store.connect() as conn:
        return conn.execute(text("SELECT max(id) FROM event")).scalar() or 0  # no scan: the newest id is the count


def audit_events(store: Store, *, claim_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Audit events as records, oldest first: the newest `limit`, or every event about one claim's rows."""
    from claimtrack.store import audit
    from claimtrack.views.claims import claim_entities
    from claimtrack.views.records import event

    with store.read() as session:
        if claim_id is None:
            events = audit.log(session, limit=limit)
        else:
            events = audit.log(session, entities=claim_entities(session, claim_id))
        return [event(e) for e in events]
