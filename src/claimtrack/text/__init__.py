"""claimtrack.text — the pure text core (placeholder, filled below)."""
from .canonical import canonicalize, detect_language
from .segment import Sentence, segment
