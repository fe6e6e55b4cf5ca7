"""One-line descriptions for exceptions that are not ours (database, OS) when they reach the user."""

from __future__ import annotations


def describe(exc: BaseException) -> str:
    """A short, single-line description of an unexpected exception."""
    from sqlalchemy.exc import OperationalError, SQLAlchemyError

    if isinstance(exc, OperationalError):
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        if "locked" in detail or "busy" in detail:
            return f"the database stayed busy too long ({detail}); try again"
        return f"database error: {detail}"
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {str(getattr(exc, 'orig', exc)).strip().splitlines()[0]}"
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}"
    return f"internal error: {type(exc).__name__}: {exc}"
