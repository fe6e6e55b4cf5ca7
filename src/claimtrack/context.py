"""The application context: what a command needs (settings, the database, HTTP), built once per run.

The root CLI callback builds it from the global options; tests build their own (pointing at a temporary
database, or handing in an `httpx.MockTransport`). The database is opened lazily, on first use, so that
commands which don't need one (`--help`, `extract`, `config path`) never touch it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimtrack.config import Settings

if TYPE_CHECKING:
    from claimtrack.fetch.client import Fetcher
    from claimtrack.store.db import Store
    from claimtrack.store.reader import Reader


def default_reviewer() -> str:
    """The OS account of this process (from its uid: LOGNAME and USER are anyone's to set)."""
    from claimtrack.store.accounts import os_account

    return os_account()


@dataclass
class AppContext:
    settings: Settings
    transport: Any = None  # an httpx transport for tests (MockTransport); None = the network
    resolve: Any = None  # a host resolver for tests; None = DNS
    account: str | None = None  # who is acting, fixed by code (the example build); None = resolved (below)
    _store: Store | None = field(default=None, repr=False)
    _reviewer: tuple[Any, str] | None = field(default=None, repr=False)
    _reader: Any = field(default=None, repr=False)  # a store.reader.Reader, the Store, or None: not opened yet

    @property
    def reviewer(self) -> str:
        """Who is acting, as verdicts and events record it.

        On PostgreSQL, for a session user who is a `claimtrack_reviewer` (migration 0005), that database user
        and nobody else: a declared `--reviewer` naming anyone else is refused. Elsewhere the account (the
        OS account from the process uid, or the PostgreSQL session user); a declared name that is not the
        account's is allowed only where the configuration says the database is single-user
        (`[review] single_user = true`), and every event records the account it was declared by.
        """
        key = (self.settings.reviewer, self.settings.review_single_user)
        if self._reviewer is None or self._reviewer[0] != key:  # the CLI may replace the settings
            self._reviewer = (key, self._resolve_reviewer())
        return self._reviewer[1]

    def _resolve_reviewer(self) -> str:
        from claimtrack.errors import InputError
        from claimtrack.store.accounts import normalise_reviewer

        declared = (self.settings.reviewer or "").strip()
        store = self._reader or self.store  # a read command's Reader knows the account too (no SQLAlchemy)
        account = store.account
        if store.reviewer_session:
            if declared and normalise_reviewer(declared) != normalise_reviewer(account):
                raise InputError(f"you are signed in to the database as {account}: acting as {declared!r} is "
                                 "refused (each reviewer signs in as their own database user)")
            return account
        if declared and normalise_reviewer(declared) != normalise_reviewer(account) \
                and not self.settings.review_single_user:
            raise InputError(f"--reviewer {declared!r} is not your account ({account}): naming another reviewer "
                             "is allowed only on a single-user database ([review] single_user = true)")
        return declared or account

    @property
    def store(self) -> Store:
        """The open, migrated database (opened on first use). It must exist: a command never creates a
        database by reading it (a mistyped `--db` fails instead); only `creating_store()` does."""
        return self._open(create=False)

    @property
    def reader(self) -> Reader | Store:
        """The database for a read command (`claims list/show`, `search`, `status`): the DB-API `Reader` of
        `store.reader` (no SQLAlchemy imported, issue 21), or the `Store` where that path does not open it
        (another kind of URL; an error to word). Both are read by `views.quick`, `review.search`, `review.desk`."""
        if self._reader is None:
            if self._store is not None or self.account is not None:
                self._reader = self.store
            else:
                from claimtrack.store.reader import open_reader

                self._reader = open_reader(self.settings.db, lambda: self.store) or self.store
        return self._reader

    def creating_store(self) -> Store:
        """The database, created and migrated if there is none yet: for `import` (and `db upgrade`)."""
        return self._open(create=True)

    def _open(self, *, create: bool) -> Store:
        if self._store is None:
            from claimtrack.store.db import open_store

            self._store = open_store(self.settings.db, migrate_new=create)
            if self.account is not None:
                self._store.account = self.account
        return self._store

    def fetcher(self, *, allow_private: bool = False) -> Fetcher:
        """The one configured HTTP fetcher (timeouts, redirects, size caps, address checks).

        `allow_private` is a deprecated alias that widens nothing: private hosts are fetched only when listed
        in `[fetch] allow_hosts`, for every fetch (import, evidence add, evidence check)."""
        from claimtrack.fetch.client import fetcher_for

        del allow_private
        return fetcher_for(self.settings, transport=self.transport, resolve=self.resolve)

    def address_check(self):
        """The address policy alone (no HTTP client): for URLs stored without being fetched."""
        from claimtrack.fetch.policy import AddressCheck, resolve_host

        return AddressCheck(self.settings.fetch_allow_hosts, self.resolve or resolve_host)

    @contextmanager
    def fetching(self, *, allow_private: bool = False, wanted: bool = True) -> Iterator[Any]:
        """A fetcher for one use case, closed after it; when not `wanted` (`--no-fetch`), the address policy
        alone (`address_check()`, no HTTP client), so that a URL stored unfetched is checked all the same."""
        if not wanted:
            yield self.address_check()
            return
        fetcher = self.fetcher(allow_private=allow_private)
        try:
            yield fetcher
        finally:
            fetcher.client.close()

    def close(self) -> None:
        if self._reader is not None and self._reader is not self._store:
            self._reader.close()
        self._reader = None
        if self._store is not None:
            self._store.dispose()
            self._store = None
