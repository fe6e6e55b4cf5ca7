"""The one exception hierarchy of claimtrack.

Every failure a user can act on is a `ClaimtrackError`; the CLI edge turns it into one line
`Error: <message>` on stderr and exit code 1. Anything else is a bug and is reported the same way,
with the traceback only under `--debug`.
"""


class ClaimtrackError(Exception):
    """A failure the user can act on (bad input, not found, conflict, fetch failed)."""

    exit_code = 1


class ConfigError(ClaimtrackError):
    """The configuration file, an environment variable or an option holds an invalid value."""


class DatabaseError(ClaimtrackError):
    """The database cannot be opened, is at an unknown revision, or failed a check."""


class NotFound(ClaimtrackError):
    """A claim, article, verdict or other record the user named does not exist."""


class InputError(ClaimtrackError):
    """Input that cannot be used: an undecodable file, an empty article, a bad URL, a bad quote."""


class FetchError(ClaimtrackError):
    """An HTTP fetch failed: refused address, timeout, bad status, wrong content type, too large."""


class Conflict(ClaimtrackError):
    """A concurrent change got in first (e.g. another reviewer's verdict); nothing was written."""
