"""Who is acting: the OS account of this process, and how reviewer names compare.

Kept apart from `store.audit` (which imports the ORM models) so that opening a store to read does not
load the models: the read commands start at the pace of start-up (issue 21).
"""

from __future__ import annotations

import os
import unicodedata


def os_account() -> str:
    """The OS account of this process, from its uid (not LOGNAME/USER, which anyone can set)."""
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return f"uid:{os.getuid()}"


_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}


def normalise_reviewer(name: str | None) -> str:
    """A reviewer name as compared: NFKC, case-folded, without whitespace or zero-width characters."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in folded if not ch.isspace() and ch not in _INVISIBLE
                   and unicodedata.category(ch) != "Cf")
