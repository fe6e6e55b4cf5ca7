"""Give the pure text core its Traditional→Simplified converter: OpenCC's ``t2s`` dictionary.

``claimtrack.text`` imports nothing outside the standard library (a test checks), so the converter is
injected: :func:`install` hands :func:`claimtrack.text.fold.install` a factory that imports OpenCC on
the first fold (so start-up pays nothing).  The importer calls it before analysing; call it yourself
when you use ``claimtrack.text`` directly on Traditional text.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["install", "opencc_t2s"]


def opencc_t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


def install() -> None:
    """Install OpenCC's converter once (idempotent)."""
    from claimtrack.text import fold

    if not fold.installed():
        fold.install(opencc_t2s)
