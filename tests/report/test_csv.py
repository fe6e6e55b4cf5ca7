"""The CSV report: no cell a spreadsheet would evaluate, per claim and per mention, BOM option."""

from __future__ import annotations

import csv
import io

import pytest

from claimtrack.report.csv_report import neutralise
from tests.report.helpers import report


@pytest.fixture
def db_url(sqlite_url) -> str:
    """Layout only: the database side of reports is tested on both databases in test_json/test_scope/test_writer."""
    return sqlite_url


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
    assert row["rating"] == "mostly-false"
    assert row["verdict_rationale"] == "'=1+1 register lists 1,412 firms."
    assert row["approved_by"] == "bob"
    assert row["evidence_links"] == "ok | dead"
    assert row["quantities"] == "2,000"
    assert out.read_bytes().startswith(b"claim_id,text,")
    assert b"\r\n" in out.read_bytes()


def test_bom_option(context, hostile, tmp_path):
    out = tmp_path / "r.csv"
    assert report(context, "csv", out, "--bom").exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfclaim_id,")


def test_bom_and_per_only_apply_to_csv(context, store, tmp_path):
    result = report(context, "json", tmp_path / "r.json", "--bom")
    assert (result.exit_code, result.stderr) == (1, "Error: --per and --bom apply to --format csv only\n")
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("  =x", "'  =x"), ("\n@x", "'\n@x"), ("a=b", "a=b"), ("", ""), (3, 3), (-1.5, -1.5),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected
