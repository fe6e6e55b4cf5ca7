"""HTTP: the one configured client, address checks, size caps. Knows nothing of the database."""

from claimtrack.fetch.client import Fetched, Fetcher, make_client

__all__ = ["Fetched", "Fetcher", "make_client"]
