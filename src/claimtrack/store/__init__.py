"""The database layer: models, engine and sessions, migrations."""

from claimtrack.store.db import Store, open_store, resolve_url

__all__ = ["Store", "open_store", "resolve_url"]
