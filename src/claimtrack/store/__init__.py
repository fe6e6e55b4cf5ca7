"""Store (floor 2): the schema (models, column types), the engine and sessions, migrations glue, the audit trail.

`Store.read()`/`Store.write()` are the only ways into the database; use cases reach them through
`writing(db)`/`reading(db)`, which open the use case's own transaction or join the caller's. The store
knows nothing of HTTP (`fetch/`, its neighbour on floor 2) nor of the use cases above it. The read
commands read through `store.reader` (DB-API, no SQLAlchemy), so the names below are imported on first
use: importing `claimtrack.store.reader` must not import SQLAlchemy (issue 21).
"""

__all__ = ["Store", "open_store", "reading", "resolve_url", "writing"]


def __getattr__(name: str):
    if name in __all__:
        from claimtrack.store import db

        return getattr(db, name)
    raise AttributeError(f"module 'claimtrack.store' has no attribute {name!r}")
