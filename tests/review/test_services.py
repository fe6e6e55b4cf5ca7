"""Review services: listing, context, manual claims, dismissal, verdict history, approval, the status cache."""

from __future__ import annotations

import pytest

from claimtrack.errors import Conflict, InputError, NotFound
from claimtrack.store import audit
from claimtrack.ingest import manual
from claimtrack.review import dismissals, status, verdicts
from claimtrack.views import claims
from claimtrack.review.evidence import add_evidence
from claimtrack.store.models import Evidence
from tests.review.conftest import TEXT, snapshot

RATINGS = ("true", "false", "misleading", "unverifiable")


def _evidence(session, claim_id, who="alice"):
    e = Evidence(claim_id=claim_id, url="https://example.org/x", stance="supports", added_by=who)
    session.add(e)
    audit.record(session, who, "evidence.add", e)
    status.refresh_status(session, claims.get_claim(session, claim_id))


def test_list_sorts_filters_and_pages(store, seeded):
    with store.read() as s:
        ids = [c["id"] for c in claims.list_claims(s, claims.ClaimFilter())]
        assert ids == [seeded.claims["firms"], seeded.claims["output"], seeded.claims["critics"]]
        page = claims.list_claims(s, claims.ClaimFilter(limit=1, offset=1))
        assert [c["id"] for c in page] == [seeded.claims["output"]]
        assert [c["id"] for c in claims.list_claims(s, claims.ClaimFilter(min_score=0.5))] == ids[:2]
        assert claims.list_claims(s, claims.ClaimFilter(article_id=seeded.article_id + 1)) == []
        first = claims.list_claims(s, claims.ClaimFilter(article_id=seeded.article_id, limit=1))[0]
    assert first["mentions"][0]["quote"] == "The city now hosts nearly 2000 AI firms."
    assert TEXT[first["mentions"][0]["start"]:first["mentions"][0]["end"]] == first["mentions"][0]["quote"]
    with store.write() as s:
        _evidence(s, seeded.claims["critics"], who="bob")
    with store.read() as s:
        assert [c["id"] for c in claims.list_claims(s, claims.ClaimFilter(status="in_review"))] == [seeded.claims["critics"]]
        assert [c["id"] for c in claims.list_claims(s, claims.ClaimFilter(reviewer="bob"))] == [seeded.claims["critics"]]
        with pytest.raises(InputError, match="unknown status 'nope'"):
            claims.list_claims(s, claims.ClaimFilter(status="nope"))


def test_show_gives_context_around_the_span(store, seeded):
    with store.read() as s:
        view = claims.show_claim(s, seeded.claims["output"], around=1)
    ctx = view["context"]
    assert ctx["text"][ctx["start"]:ctx["end"]] == "Output grew 30% in 2024."
    assert ctx["text"].startswith("Officials cheered the news.") and ctx["text"].endswith("Critics disagree.")
    assert view["evidence"] == [] and view["verdicts"] == []
    with store.read() as s, pytest.raises(NotFound, match="no claim with id 99"):
        claims.show_claim(s, 99)


def test_add_by_quote_and_refuse_ambiguous_or_missing(store, seeded):
    with store.write() as s:
        added = manual.add_claim(s, seeded.article_id, quote="Nobody knows the real number.", actor="alice")
        claim, mention, created = added.claim, added.mention, added.created
        assert created and claim.origin == "manual" and mention.anchor == "manual"
        assert TEXT[mention.start:mention.end] == mention.quote
    before = snapshot(store)
    offsets = [i for i in range(len(TEXT)) if TEXT.startswith("the ", i)]
    assert len(offsets) == 3
    with store.write() as s, pytest.raises(InputError, match=f"occurs 3 times .* at offsets {', '.join(map(str, offsets))}:"):
        manual.add_claim(s, seeded.article_id, quote="the ", actor="alice")
    with store.write() as s, pytest.raises(InputError, match="does not occur"):
        manual.add_claim(s, seeded.article_id, quote="not there", actor="alice")
    assert snapshot(store) == before
    with store.write() as s:
        start = TEXT.index("The end.")
        added = manual.add_claim(s, seeded.article_id, start=start, end=start + 8, actor="alice")
        again, created = added.claim, added.created
        assert created and again.text == "The end."


def test_dismiss_then_rating_again_undismisses(store, seeded):
    cid = seeded.claims["critics"]
    with store.write() as s:
        dismissals.dismiss_claim(s, cid, "opinion, not a fact", actor="alice")
    with store.read() as s:
        assert claims.get_claim(s, cid).status == "dismissed"
    with store.write() as s, pytest.raises(InputError, match="reason is required"):
        dismissals.dismiss_claim(s, seeded.claims["firms"], "  ", actor="alice")
    with store.write() as s:
        verdicts.set_verdict(s, cid, "unverifiable", "cannot be checked", actor="alice", ratings=RATINGS)
    with store.read() as s:
        assert claims.get_claim(s, cid).status == "rated"
        assert status.status_problems(s) == []


def test_verdicts_append_supersede_and_approve(store, seeded):
    cid = seeded.claims["firms"]
    with store.write() as s, pytest.raises(InputError, match="has no evidence"):
        verdicts.set_verdict(s, cid, "true", "looks right", actor="alice", ratings=RATINGS)
    with store.write() as s:
        _evidence(s, cid)
    with store.read() as s:
        assert claims.get_claim(s, cid).status == "in_review"
    with store.write() as s:
        first = verdicts.set_verdict(s, cid, "true", "per the registry", actor="alice", ratings=RATINGS,
                                     expect_current="none").id
    with store.write() as s, pytest.raises(Conflict, match=f"now has verdict {first} by alice, not no verdict"):
        verdicts.set_verdict(s, cid, "false", "no", actor="bob", ratings=RATINGS, expect_current="none")
    with store.write() as s:
        second = verdicts.set_verdict(s, cid, "misleading", "counts branches", actor="bob", ratings=RATINGS,
                                      expect_current=first).id
    with store.write() as s, pytest.raises(InputError, match="approval needs a second reviewer"):
        verdicts.approve(s, cid, actor="bob")
    with store.write() as s:
        verdicts.approve(s, cid, actor="alice")
    with store.write() as s, pytest.raises(InputError, match="already approved by alice"):
        verdicts.approve(s, cid, actor="carol")
    with store.read() as s:
        hist = claims.verdict_history(s, cid)
        claim = claims.get_claim(s, cid)
        assert (claim.status, claim.rating) == ("approved", "misleading")
        assert audit.verify(s).ok
    assert [(v["id"], v["supersedes"], v["current"], v["approved_by"]) for v in hist] == [
        (first, None, False, None), (second, first, True, "alice")]


def test_unknown_rating_lists_valid_ones_and_configured_ratings_are_added(store, seeded):
    cid = seeded.claims["firms"]
    with store.write() as s, pytest.raises(InputError, match="valid ratings are true, false, misleading, unverifiable"):
        verdicts.set_verdict(s, cid, "pants-on-fire", "x", actor="alice", ratings=RATINGS)
    with store.write() as s:
        _evidence(s, cid)
        v = verdicts.set_verdict(s, cid, "pants-on-fire", "x", actor="alice", ratings=RATINGS + ("pants-on-fire",))
        assert v.rating == "pants-on-fire"
    with store.read() as s:
        assert audit.verify(s).ok


def test_status_problems_finds_a_stale_cache(store, seeded):
    from sqlalchemy import text

    with store.write() as s:
        s.execute(text("UPDATE claim SET status = 'rated' WHERE id = :id"), {"id": seeded.claims["output"]})
    with store.read() as s:
        assert status.status_problems(s) == [
            f"claim {seeded.claims['output']}: cached rated/-, derived unreviewed/-"]


def test_add_evidence_without_fetch_moves_claim_to_review(context, seeded):
    result = add_evidence(context.store, None, seeded.claims["output"], "https://example.org/r", "refutes",
                          actor="alice", fetch_now=False)
    assert result.warning is None and result.evidence["capture"] is None
    with context.store.read() as s:
        assert claims.get_claim(s, seeded.claims["output"]).status == "in_review"


def test_a_racing_first_verdict_is_a_conflict_not_a_second_history(store, seeded, monkeypatch):
    """Should two writers ever get past the lock, the unique index on first verdicts decides: Conflict."""
    cid = seeded.claims["firms"]
    with store.write() as s:
        verdicts.set_verdict(s, cid, "unverifiable", "first", actor="alice", ratings=RATINGS)
    before = snapshot(store)
    monkeypatch.setattr(verdicts, "current_verdict", lambda session, claim_id: None)  # a stale view
    monkeypatch.setattr(verdicts, "head_verdict", lambda session, claim_id: None)
    with pytest.raises(Conflict, match=f"another verdict on claim {cid} was saved at the same moment"):
        with store.write() as s:
            verdicts.set_verdict(s, cid, "unverifiable", "second", actor="bob", ratings=RATINGS)
    assert snapshot(store) == before
