"""A merged family reads the same everywhere: `claims list`, `claims show`, `articles show`, every report
format, and the review queue (which never serves the merged claim). SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re

from claimtrack.review.queue import next_claim
from tests.conftest import invoke
from tests.matching.test_resolve import FIRST, OTHER_NUMBER


def _ok(*args, context):
    result = invoke(*args, context=context)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout


def _family(context, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER_NUMBER + "\n", encoding="utf-8")
    _ok("import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), context=context)
    keep, other = sorted(c["id"] for c in json.loads(_ok("claims", "list", "--json", context=context)))
    _ok("evidence", "add", str(keep), "https://example.org/register", "--stance", "refutes", "--no-fetch",
        context=context)
    _ok("claims", "merge", str(keep), str(other), context=context)
    return keep, other


def _report(context, tmp_path, fmt: str) -> str:
    out = tmp_path / f"report.{fmt}"
    _ok("report", "--format", fmt, "--out", str(out), context=context)
    return out.read_text(encoding="utf-8")


def test_a_merged_family_agrees_across_every_reader(context, tmp_path):
    keep, other = _family(context, tmp_path)

    listed = {c["id"]: c for c in json.loads(_ok("claims", "list", "--json", context=context))}
    shown = json.loads(_ok("claims", "show", str(keep), "--json", context=context))
    shown_other = json.loads(_ok("claims", "show", str(other), "--json", context=context))
    reported = {c["id"]: c for c in json.loads(_report(context, tmp_path, "json"))["claims"]}
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(_report(context, tmp_path, "csv").lstrip("\ufeff")))}
    markdown = _report(context, tmp_path, "md")

    appearances = [m["id"] for m in shown["mentions"]]
    assert len(appearances) == 2
    assert [m["id"] for m in listed[keep]["mentions"]] == appearances
    assert [m["id"] for m in reported[keep]["mentions"]] == appearances
    assert int(rows[keep]["mentions"]) == 2
    keep_section = markdown.split(f"### Claim {keep}:")[1].split("### Claim")[0]
    assert sorted(int(i) for i in re.findall(r"- Mention (\d+) in article", keep_section)) == sorted(appearances)
    assert [m["via_claim"] for m in listed[keep]["mentions"]] == [None, other]
    assert listed[keep]["merged"] == shown["merged"] == [other]

    statuses = {listed[keep]["status"], shown["status"], reported[keep]["status"], rows[keep]["status"]}
    assert statuses == {"in_review"}
    assert listed[other]["merged_into"] == shown_other["merged_into"] == keep
    assert listed[keep]["merged_into"] is None and shown["merged_into"] is None
    assert {link["claim_id"]: link["state"] for link in shown["links"]} == {other: "merged"}

    article = json.loads(_ok("articles", "show", "2", "--json", context=context))
    assert [(m["claim_id"], m["survivor_id"]) for m in article["mentions"]] == [(other, keep)]
    assert f"]]#{keep}" in _ok("articles", "show", "2", context=context)


def test_merged_claims_never_enter_the_review_queue(context, tmp_path):
    keep, other = _family(context, tmp_path)
    served, skipped = [], set()
    while (claim_id := next_claim(context.store, skipped)) is not None:
        served.append(claim_id)
        skipped.add(claim_id)
    assert served == [keep]
    result = invoke("review", "--no-fetch", context=context, input="s\ns\nq\n")
    assert result.exit_code == 0, result.stderr
    assert re.findall(r"^claim (\d+) ", result.stdout, re.M) == [str(keep)]
    _ok("claims", "unlink", str(keep), str(other), context=context)  # undone: the claim is reviewable again
    assert next_claim(context.store, {keep}) == other


def test_claims_show_names_similar_claims_and_the_decision_on_them(context, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER_NUMBER + "\n", encoding="utf-8")
    _ok("import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), context=context)
    keep, other = sorted(c["id"] for c in json.loads(_ok("claims", "list", "--json", context=context)))
    assert re.search(rf"^similar to:\n  #{other} \(similarity 0\.\d\d, \w+\): linked$",
                     _ok("claims", "show", str(keep), context=context), re.M)
    _ok("claims", "merge", str(keep), str(other), context=context)
    assert re.search(rf"^  #{keep} \(similarity 0\.\d\d, \w+\): merged$",
                     _ok("claims", "show", str(other), context=context), re.M)
    assert f"merged into claim {keep}" in _ok("claims", "show", str(other), context=context)
