"""The import and list benchmarks again on PostgreSQL, each in a fresh schema (dropped afterwards).

The one idea: the schema is selected through the URL's `options=-csearch_path=…` so that every claimtrack
child process lands in it, exactly as the test suite does; nothing outside that schema is touched.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import measure_core
from measure_db import cli_row
from harness import Bench, Row, Skip, fmt_time


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A URL whose search_path is a new, empty schema; the schema is dropped on exit."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001 - no server: a skipped row, not a failed run
        admin.dispose()
        raise Skip(f"PostgreSQL not reachable: {str(exc).splitlines()[0][:120]}") from None
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _count(url: str, table: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    finally:
        engine.dispose()


def postgres(bench: Bench) -> None:
    """Import N articles and `claims list` on a bulk database, on PostgreSQL (beside the SQLite rows)."""
    if not bench.pg:
        raise Skip("no --pg URL given")
    if bench.has("import"):
        _import(bench)
    else:
        bench.rows.append(Row("import → PostgreSQL", "—", "skipped: `claimtrack import` not available yet"))
    if bench.has("claims"):
        _list(bench)


def _import(bench: Bench) -> None:
    articles = bench.sizes["articles"]
    folder, stats = measure_core.corpus_folder(bench, articles)
    size = f"{articles:,} articles ({stats['bytes'] / 1e6:.1f} MB)"
    floor_rows = [r for r in bench.rows if r.measurement.startswith("import floor")]
    floor = _parse_seconds(floor_rows[0].median) if floor_rows else measure_core.floor_time(bench, folder, size)
    schemas = []

    def fresh(i: int) -> str:
        context = fresh_schema(bench.pg)
        url = context.__enter__()
        schemas.append(context)
        bench.cli(url, "db", "upgrade")
        return url

    try:
        wall, rss, url, done = measure_core.import_runs(bench, folder, fresh, count=lambda u: _count(u, "article"))
        measure_core.import_rows(bench, "PostgreSQL", size, articles, floor, wall, rss, done,
                                 _count(url, "claim"))
    finally:
        for context in schemas:
            context.__exit__(None, None, None)


def _list(bench: Bench) -> None:
    import bulk

    n = bench.sizes["claims"]
    with fresh_schema(bench.pg) as url:
        built = bulk.build(url, bulk.Plan(claims=n))
        bench.rows.append(Row("bulk database build → PostgreSQL", f"{n:,} claims", fmt_time(built["seconds"])))
        bench.rows.append(cli_row(bench, url, "claims list --limit 50 (PostgreSQL)", ["claims", "list", "--limit", "50"], n))
        show_id = (n // 2) // 20 * 20
        bench.rows.append(cli_row(bench, url, f"claims show {show_id} (PostgreSQL)", ["claims", "show", str(show_id)], n))


def _parse_seconds(cell: str) -> float:
    value = cell.split()[0]
    return float(value) / 1000 if cell.split()[1].startswith("ms") else float(value)

