"""The canonical JSON report: one JSON document, streamed, with sorted keys and one claim per line.

The one idea: the top-level keys `about` < `claims` < `summary` are already in sorted order, so the document
can be written in the order it is produced (header, then each claim as it streams in, then the totals)
and still be canonical: every object is `canonical.dumps` (sorted keys, no insignificant whitespace,
shortest round-trip floats); the only whitespace is the newline before each claim, so that two reports
diff line by line. `report.schema.json` (next to this module) describes the document.
"""

from __future__ import annotations

from claimtrack.canonical_json import dumps
from claimtrack.report.model import Report, Summary


def render(report: Report, sink) -> int:
    """Write the whole document to `sink` (anything with `write(str)`); the number of claims."""
    sink.write('{"about":' + dumps(report.about) + ',"claims":[')
    summary, count = Summary(report.scale), 0
    for record in report.claims():
        sink.write(("\n" if count == 0 else ",\n") + dumps(record))
        summary.add(record)
        count += 1
    sink.write(("\n" if count else "") + '],"summary":' + dumps(summary.as_dict()) + "}\n")
    return count
