"""The importer's analysis: furniture lines and the headline never become claims; empty rows never repeat."""

from __future__ import annotations

from claimtrack.ingest.importer import analyze_with_repeats

TEXT = """Nearly 2,000 AI firms are based in Haidian

Nearly 2,000 AI firms are based in Haidian, the district government said on Tuesday in a statement.

| |
| |
| |
| |

Related stories:
- 15 Amazing Images of Stars Taken in 2024
- Shipments of humanoid robots reached almost 1,000 units

© 2025 Daily Tech. 40% of rights reserved since 2019.
"""


def test_headline_and_furniture_are_not_claims():
    analysis, _ = analyze_with_repeats(TEXT, "en", 0.5, title="Nearly 2,000 AI firms are based in Haidian")
    claims = [s.sentence.text for s in analysis if s.check_worthy]
    assert claims == ["Nearly 2,000 AI firms are based in Haidian, the district government said on Tuesday in a "
                      "statement."]


def test_empty_table_rows_are_not_a_repeated_block():
    _, repeats = analyze_with_repeats(TEXT, "en", 0.5)
    assert repeats == []
