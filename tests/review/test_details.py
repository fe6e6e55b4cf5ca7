"""`claims set`: a claim's summary, claimant and public appearances, appended (never overwritten) and audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from claimtrack.store import audit
from claimtrack.store.models import ClaimAppearance, ClaimDetail, Event
from tests.conftest import invoke
from tests.review.conftest import snapshot


def test_set_records_details_with_audit_events(context, seeded):
    firms = seeded.claims["firms"]
    result = invoke("claims", "set", str(firms), "--summary", "  Nearly 2,000 AI   firms ", "--claimant",
                    "City Hall", "--claimant-type", "Organization", "--appearance", "https://social.example/p/1",
                    "--json", context=context)
    assert result.exit_code == 0, result.stderr
    view = json.loads(result.stdout)
    assert (view["summary"], view["claimant"], view["claimant_type"]) == ("Nearly 2,000 AI firms", "City Hall",
                                                                          "organization")
    assert [a["url"] for a in view["appearances"]] == ["https://social.example/p/1"]
    again = invoke("claims", "set", str(firms), "--summary", "AI firms: nearly 2,000",
                   "--appearance", "https://social.example/p/1", "--appearance", "https://tv.example/clip",
                   context=context)
    assert again.exit_code == 0, again.stderr
    assert again.stdout == (f"claim {firms}: summary AI firms: nearly 2,000; claimant City Hall (organization); "
                            "2 appearance URL(s)\n")
    with context.store.read() as session:
        details = list(session.scalars(select(ClaimDetail).order_by(ClaimDetail.id)))
        assert [(d.summary, d.claimant) for d in details] == [("Nearly 2,000 AI firms", "City Hall"),
                                                             ("AI firms: nearly 2,000", "City Hall")]
        assert session.scalar(select(ClaimAppearance.url).order_by(ClaimAppearance.id.desc())) == "https://tv.example/clip"
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
        assert actions[-4:] == ["claim.details", "claim.appearance", "claim.details", "claim.appearance"]
        assert audit.verify(session).ok
    log = invoke("audit", "log", "--claim", str(firms), "--json", context=context)
    assert log.exit_code == 0
    assert [e["action"] for e in json.loads(log.stdout)].count("claim.details") == 2


def test_claimant_type_defaults_to_person_and_keeps_what_was_set(context, seeded):
    firms = seeded.claims["firms"]
    assert invoke("claims", "set", str(firms), "--claimant", "Jo", context=context).exit_code == 0
    view = json.loads(invoke("claims", "set", str(firms), "--summary", "s", "--json", context=context).stdout)
    assert (view["claimant"], view["claimant_type"], view["summary"]) == ("Jo", "person", "s")
    cleared = json.loads(invoke("claims", "set", str(firms), "--summary", "", "--json", context=context).stdout)
    assert cleared["summary"] is None and cleared["claimant"] == "Jo"


@pytest.mark.parametrize("args, message", [
    ((), "Error: nothing to set: give --summary, --claimant, --claimant-type or --appearance\n"),
    (("--appearance", "/home/desk/story.html"), "Error: --appearance must be a public http(s) URL, not "
                                                "'/home/desk/story.html'\n"),
    (("--appearance", "stdin:c435dcef"), "Error: --appearance must be a public http(s) URL, not 'stdin:c435dcef'\n"),
    (("--claimant", "X", "--claimant-type", "robot"), "Error: --claimant-type must be person or organization "
                                                     "(got 'robot')\n"),
    (("--claimant-type", "person"), "Error: --claimant-type needs a --claimant\n"),
    (("--summary", "x" * 501), "Error: --summary is 501 characters: at most 500 (search engines show about 75)\n"),
])
def test_bad_input_changes_nothing(context, seeded, args, message):
    before = snapshot(context.store)
    result = invoke("claims", "set", str(seeded.claims["firms"]), *args, context=context)
    assert (result.exit_code, result.stderr) == (1, message)
    assert snapshot(context.store) == before


def test_unknown_claim(context, seeded):
    result = invoke("claims", "set", "999", "--summary", "x", context=context)
    assert (result.exit_code, result.stderr) == (1, "Error: no claim with id 999\n")
