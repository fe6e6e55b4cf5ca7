"""claimtrack.text — the pure text core (no I/O)."""
from .canonical import canonicalize, detect_language
from .normalize import fingerprint, normalize
from .quantities import Quantity, parse_quantities
from .segment import Sentence, segment
