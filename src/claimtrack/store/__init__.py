"""Store (floor 2): the schema (models, column types), the engine and sessions, migrations glue, the audit trail.

`Store.read()`/`Store.write()` are the only ways into the database; use cases reach them through
`writing(db)`/`reading(db)`, which open the use case's own transaction or join the caller's. The store
knows nothing of HTTP (`fetch/`, its neighbour on floor 2) nor of the use cases above it.
"""

from claimtrack.store.db import Store, open_store, reading, resolve_url, writing

__all__ = ["Store", "open_store", "reading", "resolve_url", "writing"]
