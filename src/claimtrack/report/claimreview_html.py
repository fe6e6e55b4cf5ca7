"""ClaimReview as HTML to paste into a page: one `<script type="application/ld+json">` block per review.

The one idea: JSON inside a `<script>` element ends at the first `</script`, whatever the JSON says, so
claim text is made inert before it is embedded: `<`, `>` and `&` are written as `\\u003c`, `\\u003e` and
`\\u0026` (JSON escapes, so the parsed object is unchanged), and U+2028/U+2029 as `\\u2028`/`\\u2029`. The
reviews are exactly those of the JSON feed (claimreview.py), with the same warnings.
"""

from __future__ import annotations

from claimtrack.canonical_json import dumps
from claimtrack.report.claimreview import reviews
from claimtrack.report.model import Record, Report

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(review: Record) -> str:
    """Canonical JSON with every character that could end or confuse a `<script>` element escaped."""
    text = dumps(review)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return text


def render(report: Report, sink) -> int:
    """One script block per review, a line each; the number written."""
    count = 0
    for review in reviews(report):
        sink.write(f'<script type="application/ld+json">{script_json(review)}</script>\n')
        count += 1
    return count
