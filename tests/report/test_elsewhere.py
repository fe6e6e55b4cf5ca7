""""Checked elsewhere" in every report format: the published fact-checks suggested for a claim (issue 20).

Suggestions for the claim itself and for the whole text of its article's version are listed, confirmed ones
first; rejected ones are left out; publisher, rating and URL are untrusted text and are escaped in each format
(a `javascript:` URL is never a link). JSON on both databases; the layouts on SQLite.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimtrack.store import audit
from claimtrack.store.models import FactCheck, FactCheckDecision, FactCheckMatch
from tests.report.helpers import active_content, report, validate

HOSTILE_PUBLISHER = "<script>alert('p')</script>=Fact Desk"


def _factcheck(session, n: int, *, publisher: str, url: str, rating: str) -> FactCheck:
    fc = FactCheck(key=f"{n:064x}", url=url, publisher=publisher, claim_text=f"2,000 firms closed <b>{n}</b>",
                   rating=rating, rating_value=1.0, published="2026-01-0" + str(n), language="en",
                   source="feed.json", raw="{}", imported_by="importer")
    session.add(fc)
    session.flush()
    audit.record(session, "importer", "factcheck.import", fc)
    return fc


@pytest.fixture
def elsewhere(make, store):
    version = make.article()
    claim = make.claim(version, "The council said 2,000 firms closed in 2025.", quantity="2,000")
    other = make.claim(version, "Officials <script>alert(1)</script> claimed 40% of shops shut.", quantity="40%")

    def build(session):
        a = _factcheck(session, 1, publisher=HOSTILE_PUBLISHER, url="javascript:alert(9)", rating="-False")
        b = _factcheck(session, 2, publisher="Checkers", url="https://checkers.example/fc?a=1&b=<2>", rating="True")
        c = _factcheck(session, 3, publisher="Rejected Desk", url="https://rejected.example/", rating="False")
        matches = [FactCheckMatch(factcheck_id=a.id, claim_id=claim.id, similarity=0.91, confident=False,
                                  reason="same numbers", created_by="importer"),
                   FactCheckMatch(factcheck_id=b.id, version_id=version.id, similarity=0.62, confident=False,
                                  reason="reworded", created_by="importer"),
                   FactCheckMatch(factcheck_id=c.id, claim_id=claim.id, similarity=0.7, confident=False,
                                  reason="reworded", created_by="importer")]
        session.add_all(matches)
        session.flush()
        for m in matches:
            audit.record(session, "importer", "factcheck.suggest", m)
        for match, decision in ((matches[1], "confirmed"), (matches[2], "rejected")):
            row = FactCheckDecision(match_id=match.id, decision=decision, reviewer="alice")
            session.add(row)
            session.flush()
            audit.record(session, "alice", "factcheck.decide", row)
        return claim.id, other.id

    return make._write(build)


def test_json_lists_checked_elsewhere_confirmed_first_without_rejected(context, elsewhere, tmp_path):
    claim_id, other_id = elsewhere
    out = tmp_path / "r.json"
    result = report(context, "json", out)
    assert result.exit_code == 0, result.stderr
    document = json.loads(out.read_text("utf-8"))
    validate(document)
    by_id = {c["id"]: c for c in document["claims"]}
    listed = by_id[claim_id]["checked_elsewhere"]
    assert [s["publisher"] for s in listed] == ["Checkers", HOSTILE_PUBLISHER]  # confirmed first, rejected left out
    assert listed[0]["decision"] == "confirmed" and listed[1]["decision"] is None
    # the version-level suggestion concerns every claim of that article version
    assert [s["publisher"] for s in by_id[other_id]["checked_elsewhere"]] == ["Checkers"]


@pytest.mark.parametrize("db_url", [pytest.param("sqlite", id="sqlite")], indirect=True)
def test_csv_has_a_checked_elsewhere_column_safe_for_spreadsheets(context, elsewhere, tmp_path):
    claim_id, _ = elsewhere
    out = tmp_path / "r.csv"
    assert report(context, "csv", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    cell = next(r for r in rows if r["claim_id"] == str(claim_id))["checked_elsewhere"]
    assert cell.startswith("Checkers True 2026-01-02 https://checkers.example/fc?a=1&b=<2> (confirmed")
    assert "javascript:alert(9)" in cell and "Rejected Desk" not in cell
    for row in rows:
        assert not row["checked_elsewhere"].lstrip()[:1] in ("=", "+", "-", "@")


@pytest.mark.parametrize("db_url", [pytest.param("sqlite", id="sqlite")], indirect=True)
def test_markdown_and_html_show_checked_elsewhere_escaped(context, elsewhere, tmp_path):
    from markdown_it import MarkdownIt

    from tests.report.test_markdown import MARKDOWN_TAGS

    md_out, html_out = tmp_path / "r.md", tmp_path / "r.html"
    assert report(context, "md", md_out).exit_code == 0
    text = md_out.read_text("utf-8")
    assert "- Checked elsewhere: Checkers True 2026-01-02 https://checkers.example/fc?a=1\\&b=\\<2\\>" in text
    assert "Rejected Desk" not in text
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    assert active_content(rendered, allowed=MARKDOWN_TAGS) == []
    assert "<script>alert('p')" not in rendered

    assert report(context, "html", html_out).exit_code == 0
    page = html_out.read_text("utf-8")
    assert "Checked elsewhere:" in page and "Rejected Desk" not in page
    assert '<a href="https://checkers.example/fc?a=1&amp;b=&lt;2&gt;"' in page
    assert "&lt;script&gt;alert(&#39;p&#39;)&lt;/script&gt;=Fact Desk" in page
    assert 'href="javascript:' not in page and "<script>alert('p')" not in page
