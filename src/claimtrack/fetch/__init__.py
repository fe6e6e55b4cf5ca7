"""Fetch (floor 2): HTTP — the one configured client (timeouts, redirects, size caps, address checks), decoding
bytes to text (`decode`) and reducing HTML to its main text (`html`). Knows nothing of the database (`store/`,
its neighbour on floor 2) nor of the use cases above it.
"""

from claimtrack.fetch.client import Fetched, Fetcher, make_client

__all__ = ["Fetched", "Fetcher", "make_client"]
