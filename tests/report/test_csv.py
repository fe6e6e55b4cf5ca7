"""The CSV report: no cell a spreadsheet would evaluate, per claim and per mention, BOM by default, spreadsheet
times and scores, evidence in columns, and the same column names in both --per modes."""

from __future__ import annotations

import csv
import io
import re

import pytest

from claimtrack.report.csv_report import neutralise
from tests.report.helpers import report


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def dangerous(cell: str) -> bool:
    """Would a spreadsheet treat this cell as a formula (or a command)?"""
    if _is_number(cell):
        return False
    return cell[:1] in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@")


def rows_of(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("per", ["claim", "mention"])
def test_no_cell_a_spreadsheet_would_evaluate(context, hostile, tmp_path, per):
    out = tmp_path / "r.csv"
    result = report(context, "csv", out, "--per", per)
    assert result.exit_code == 0, result.stderr
    rows = rows_of(out)
    assert len(rows) == 1 + 8
    cells = [cell for row in rows for cell in row]
    assert [c for c in cells if dangerous(c)] == []
    texts = {row[1] for row in rows[1:]}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\") sold 40 units in May." in texts
    assert "'-2+3 is what 5% of voters said in the 2024 poll." in texts
    assert "'@SUM(A1:A9) rose by 12% in a single month." in texts
    assert "'  =1+1 was the answer in 7 of 10 surveys." in texts


def test_claim_rows_carry_the_current_verdict_and_evidence(context, hostile, tmp_path):
    out = tmp_path / "r.csv"
    assert report(context, "csv", out).exit_code == 0
    header, first = rows_of(out)[:2]
    row = dict(zip(header, first))
    assert (row["rating"], row["rating_label"], row["verdict_approved"]) == ("mostly-false", "Mostly false", "yes")
    assert row["verdict_rationale"] == "'=1+1 register lists 1,412 firms."
    assert row["approved_by"] == "bob"
    assert (row["evidence_1_url"], row["evidence_1_stance"], row["evidence_1_capture"]) == (
        "https://stats.example.gov/t?a=1&b=<2>", "refutes", "ok")
    assert (row["evidence_2_url"], row["evidence_2_capture"], row["evidence_2_note"]) == (
        "javascript:alert(3)", "dead", "'-bad")
    assert (row["evidence_3_url"], row["evidence_count"]) == ("", "2")
    assert row["quantities"] == "2,000"
    assert out.read_bytes().startswith(b"\xef\xbb\xbfclaim_id,claim_text,")
    assert b"\r\n" in out.read_bytes()


def test_bom_by_default_and_no_bom_option(context, hostile, tmp_path):
    out = tmp_path / "r.csv"
    assert report(context, "csv", out).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfclaim_id,")
    assert report(context, "csv", out, "--no-bom").exit_code == 0
    assert out.read_bytes().startswith(b"claim_id,claim_text,")


def test_bom_and_per_only_apply_to_csv(context, store, tmp_path):
    result = report(context, "json", tmp_path / "r.json", "--bom")
    assert (result.exit_code, result.stderr) == (1, "Error: --per and --bom/--no-bom apply to --format csv only\n")
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("  =x", "'  =x"), ("\n@x", "'\n@x"), ("a=b", "a=b"), ("", ""), (3, 3), (-1.5, -1.5),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def test_scores_times_and_same_columns_in_both_modes(context, hostile, publishing, tmp_path):
    claim_rows, mention_rows = [], []
    for per, rows in (("claim", claim_rows), ("mention", mention_rows)):
        out = tmp_path / f"{per}.csv"
        assert report(context, "csv", out, "--per", per).exit_code == 0
        rows.extend(rows_of(out))
    claim_header, mention_header = claim_rows[0], mention_rows[0]
    assert mention_header[:len(claim_header)] == claim_header  # the same name for the same field
    assert len(set(mention_header)) == len(mention_header)
    by_id = {row[0]: dict(zip(claim_header, row)) for row in claim_rows[1:]}
    later = {"audit_sequence", "audit_head"}  # the second export is made after the first one's audit event
    for row in mention_rows[1:]:  # and the same values
        assert {k: v for k, v in zip(claim_header, row) if k not in later} == \
            {k: v for k, v in by_id[row[0]].items() if k not in later}
    for record in by_id.values():
        assert re.fullmatch(r"\d\.\d\d", record["score"]), record["score"]
        for name in ("created_at", "verdict_at", "approved_at"):
            assert record[name] == "" or TIME.match(record[name]), (name, record[name])
    approved = by_id[str(publishing["claims"]["approved"].id)]
    assert (approved["summary"], approved["claimant"], approved["published_rating"]) == (
        "2,000 firms closed in 2025", "City Council", "false")
    assert approved["created_at"].startswith("2026-01-01 00:") and approved["score"] == "0.75"
    awaiting = by_id[str(publishing["claims"]["awaiting"].id)]
    assert (awaiting["rating"], awaiting["verdict_approved"], awaiting["published_rating"]) == ("true", "no",
                                                                                              "half-true")
    local = by_id[str(publishing["claims"]["local"].id)]
    assert (local["article_url"], local["article_source"]) == ("", "/home/desk/articles/story.html")
