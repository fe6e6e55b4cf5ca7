"""claimtrack.text — the pure text core: canonical text, sentences, quantities, scores, anchors.

Everything here takes and returns plain values and does no I/O (a test scans the imports), so it
can be tested exhaustively and fast.  The one rule to keep: every span is a pair of Unicode
code-point offsets into the exact string the caller passed, and ``text[start:end]`` is always
the quoted text.  The importer calls :func:`analyze`; the rest is public for matching (``normalize``,
``fingerprint``), re-anchoring (``anchor``) and duplicate-body detection (``find_repeats``).
"""

import importlib

# Every public name and the submodule defining it, imported on first use (PEP 562): the CLI's renderer needs
# `claimtrack.text.sanitize` alone, and loading the analyser, the quantity grammar and the segmenter with
# it costs a read command a tenth of its start-up (issue 21).
_WHERE = {
    "Anchor": "anchor", "Quantity": "quantities", "REASONS": "analyze", "Repeat": "repeats", "Scored": "analyze",
    "Sentence": "segment", "THRESHOLD_DEFAULT": "analyze", "analyze": "analyze", "anchor": "anchor",
    "canonicalize": "canonical", "detect_language": "canonical", "find_repeats": "repeats",
    "fingerprint": "normalize", "normalize": "normalize", "parse_quantities": "quantities",
    "score_sentence": "analyze", "segment": "segment",
}

__all__ = [
    "REASONS", "THRESHOLD_DEFAULT", "Anchor", "Quantity", "Repeat", "Scored", "Sentence", "analyze", "anchor",
    "canonicalize", "detect_language", "find_repeats", "fingerprint", "normalize", "parse_quantities",
    "score_sentence", "segment",
]


class _Package(type(importlib)):  # a module type (the test of purity allows `importlib` only)
    """`analyze`, `anchor`, `normalize`, `segment` name both a submodule and its function: the package's
    attribute is the function (as when this file imported them all), also after the submodule loads."""

    def __getattr__(self, name: str):
        if name in _WHERE:
            value = getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
            super().__setattr__(name, value)
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, type(importlib)) and name in _WHERE and _WHERE[name] == name:
            return  # the import system binding the submodule: the name stays the function's (see above)
        super().__setattr__(name, value)


importlib.import_module(__name__).__class__ = _Package  # this package, now initialising
