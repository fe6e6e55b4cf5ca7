"""The application context: what a command needs (settings, the database, HTTP), built once per run.

The root CLI callback builds it from the global options; tests build their own (pointing at a temporary
database, or handing in an `httpx.MockTransport`). The database is opened lazily, on first use, so that
commands which don't need one (`--help`, `extract`, `config path`) never touch it.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtrack.config import Settings

if TYPE_CHECKING:
    from claimtrack.fetch.client import Fetcher
    from claimtrack.store.db import Store


def default_reviewer() -> str:
    """The OS user name, the last fallback for who is acting."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


@dataclass
class AppContext:
    settings: Settings
    transport: Any = None  # an httpx transport for tests (MockTransport); None = the network
    resolve: Any = None  # a host resolver for tests; None = DNS
    _store: Store | None = field(default=None, repr=False)

    @property
    def reviewer(self) -> str:
        return self.settings.reviewer or default_reviewer()

    @property
    def store(self) -> Store:
        """The open, migrated database (opened on first use). It must exist: a command never creates a
        database by reading it (a mistyped `--db` fails instead); only `creating_store()` does."""
        return self._open(create=False)

    def creating_store(self) -> Store:
        """The database, created and migrated if there is none yet: for `import` (and `db upgrade`)."""
        return self._open(create=True)

    def _open(self, *, create: bool) -> Store:
        if self._store is None:
            from claimtrack.store.db import open_store

            self._store = open_store(self.settings.db, migrate_new=create)
        return self._store

    def fetcher(self, *, allow_private: bool = False) -> Fetcher:
        """The one configured HTTP fetcher (timeouts, redirects, size caps, address checks)."""
        from claimtrack.fetch.client import fetcher_for

        return fetcher_for(self.settings, transport=self.transport, allow_private=allow_private,
                           resolve=self.resolve)

    @contextmanager
    def fetching(self, *, allow_private: bool = False, wanted: bool = True) -> Iterator[Fetcher | None]:
        """A fetcher for one use case, closed after it (None when not `wanted`, e.g. `--no-fetch`)."""
        fetcher = self.fetcher(allow_private=allow_private) if wanted else None
        try:
            yield fetcher
        finally:
            if fetcher is not None:
                fetcher.client.close()

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None
