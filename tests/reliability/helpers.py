"""Helpers for the reliability tests: synthetic articles, a logical snapshot of a database, and a
database that already holds data (so "unchanged" means something).

The snapshot is every row of every table of the models, ordered by primary key, plus the audit head: two
equal snapshots mean the database is logically unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import invoke

SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "zu", "ber", "dan", "fel", "gor", "hul", "jin",
             "kar", "lum", "mor", "nis", "pel", "quo", "rin", "sel", "tam", "ulv", "wen", "yor", "zed")


def article_text(i: int, revision: int = 0, *, claims: int = 2) -> str:
    """A small English article with two (or `claims=1`: one) check-worthy sentences; `revision` changes one
    figure.

    Names are made-up words seeded by `i`, so that articles are not near-duplicates of each other (claim
    matching compares similar claims, and a corpus of one template would measure only that).
    """
    import random

    rng = random.Random(i)

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(3))

    def words(n: int) -> str:
        return " ".join(word() for _ in range(n))

    place, person = word().title(), word().title()
    first = (f"The {words(2)} of {place} spent {i + 3}.5 million dollars on {words(3)} in {2000 + i % 25}, "
             f"{person} said. ")
    second = (f"{words(2).capitalize()} fell by {i % 9 + 1}.{revision} percent among {words(3)}, according to "
              f"{words(2)}. ")
    return f"News from {place}\n\n{first}{second if claims > 1 else ''}It rained on Tuesday.\n"


def write_articles(folder: Path, count: int, *, start: int = 0, revision: int = 0, claims: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"article-{i:04d}.txt"
        path.write_text(article_text(i, revision, claims=claims), encoding="utf-8")
        paths.append(path)
    return paths


def engine_for(db_url: str):
    from claimtrack.store.db import create_db_engine, resolve_url

    return create_db_engine(resolve_url(db_url))


def snapshot(db_url: str) -> dict[str, Any]:
    """Every row of every model table (by primary key) and the audit head: equal snapshots = unchanged."""
    from sqlalchemy import select

    from claimtrack.store import audit
    from claimtrack.store.models import Base

    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            tables = {
                t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables
            }
        from sqlalchemy.orm import Session

        with Session(engine) as session:
            tables["@head"] = audit.head(session)
    finally:
        engine.dispose()
    return tables


def counts(snap: dict[str, Any]) -> dict[str, int]:
    return {name: len(rows) for name, rows in snap.items() if name != "@head"}


def context_for(db_url: str, **settings: Any):
    from claimtrack.config import Settings
    from claimtrack.context import AppContext

    resolve = settings.pop("resolve", None)
    return AppContext(Settings(db=db_url, **{"reviewer": "alice", "review_single_user": True, **settings}),
                      resolve=resolve)


def run(db_url: str, *args: str, input: str | None = None, **settings: Any):
    """The CLI in-process against `db_url` (fresh context each call, closed afterwards)."""
    context = context_for(db_url, **settings)
    try:
        return invoke(*args, context=context, input=input)
    finally:
        context.close()


def populate(db_url: str, folder: Path) -> str:
    """Fill `db_url` with two articles (one of them in two versions), evidence and a verdict."""
    write_articles(folder, 2)
    assert run(db_url, "import", str(folder)).exit_code == 0
    write_articles(folder, 1, revision=5)
    assert run(db_url, "import", str(folder / "article-0000.txt")).exit_code == 0
    added = run(db_url, "evidence", "add", "1", "https://stats.example.org/t1", "--stance", "refutes",
                "--no-fetch")
    assert added.exit_code == 0, added.stderr
    rated = run(db_url, "verdict", "set", "1", "false", "--rationale", "the table says otherwise")
    assert rated.exit_code == 0, rated.stderr
    return db_url
