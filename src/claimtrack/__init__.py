"""claimtrack: fact-claim verification and provenance tracker."""

__version__ = "0.1.0"
