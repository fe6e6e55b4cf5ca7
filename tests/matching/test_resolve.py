"""resolve_claim on a real database (SQLite and PostgreSQL): fingerprint, fuzzy, similar links, merges."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from claimtrack.views.merges import family, mentions, survivor
from claimtrack.ingest.matching import resolve_claim
from claimtrack.store.models import Claim, ClaimLink, Event, LinkDecision
from claimtrack.text import fingerprint, parse_quantities
from tests.conftest import invoke

FIRST = "数据显示,仅海淀辖区内就聚集了人工智能相关企业近2000家,形成了国内最密集的AI产业集群之一。"
REWORDED = "数据显示,海淀辖区内聚集了人工智能相关企业近两千家,形成了国内最密集的AI产业集群之一。"
OTHER_NUMBER = "数据显示,仅海淀辖区内就聚集了人工智能相关企业近3000家,形成了国内最密集的AI产业集群之一。"


@dataclass(frozen=True)
class Span:
    text: str
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Sentence:
    """Quacks like `claimtrack.text.Scored`."""

    sentence: Span
    fingerprint: str
    score: float = 0.9
    reasons: tuple[str, ...] = ("statistic",)
    quantities: list = field(default_factory=list)


def scored(text: str) -> Sentence:
    return Sentence(Span(text, 0, len(text)), fingerprint(text), quantities=parse_quantities(text))


def resolve(store, text: str):
    with store.write() as session:
        r = resolve_claim(session, scored(text), language="zh", actor="alice")
        return r, r.claim.id


def rate(store, claim_id: int, rating: str = "false") -> None:
    with store.write() as session:
        session.get(Claim, claim_id).rating = rating


def test_reworded_claim_is_the_same_claim_and_reports_its_rating(store):
    first, first_id = resolve(store, FIRST)
    assert first.created and first.matched_by is None
    rate(store, first_id)
    again, again_id = resolve(store, REWORDED)
    assert (again.created, again.matched_by, again_id) == (False, "fuzzy", first_id)
    assert 0.86 <= again.similarity < 1
    assert again.previously_checked == [(first_id, "false")]
    exact, _ = resolve(store, FIRST)
    assert (exact.matched_by, exact.previously_checked) == ("fingerprint", [(first_id, "false")])


def test_other_number_is_a_new_claim_linked_as_similar(store):
    _, first_id = resolve(store, FIRST)
    rate(store, first_id, "mostly-true")
    other, other_id = resolve(store, OTHER_NUMBER)
    assert other.created and other_id != first_id
    assert [cid for cid, _ in other.similar] == [first_id] and other.similar[0][1] > 0.9
    assert other.previously_checked == [(first_id, "mostly-true")]
    with store.read() as session:
        link = session.scalars(select(ClaimLink)).one()
        assert (link.claim_id, link.other_id, link.method, link.created_by) == (other_id, first_id, "fuzzy", "alice")
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
    assert actions == ["claim.create", "claim.create", "claim.link"]


def test_unrelated_claim_is_neither_merged_nor_linked(store):
    resolve(store, FIRST)
    other, _ = resolve(store, "The robot maker has shipped nearly 1,000 humanoid robots worldwide this year.")
    assert other.created and other.similar == []


def test_merge_then_fingerprint_match_resolves_to_survivor(store, context):
    _, first_id = resolve(store, FIRST)
    _, other_id = resolve(store, OTHER_NUMBER)
    result = invoke("claims", "merge", str(first_id), str(other_id), "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"decision": "merged", "survivor": first_id, "merged": other_id, "link": 1}
    again, again_id = resolve(store, OTHER_NUMBER)
    assert (again.matched_by, again_id) == ("fingerprint", first_id)
    with store.read() as session:
        assert family(session, first_id) == [first_id, other_id]
        assert survivor(session, session.get(Claim, other_id)).id == first_id
        assert session.get(Claim, other_id) is not None  # nothing deleted


def test_unlink_after_merge_undoes_it_and_keeps_history(store, context):
    _, first_id = resolve(store, FIRST)
    _, other_id = resolve(store, OTHER_NUMBER)
    assert invoke("claims", "merge", str(first_id), str(other_id), context=context).stdout == \
        f"merged claim #{other_id} into #{first_id}\n"
    result = invoke("claims", "unlink", str(other_id), str(first_id), context=context)
    assert (result.exit_code, result.stdout) == (0, f"unlinked claims #{other_id} and #{first_id}\n")
    with store.read() as session:
        assert [d.decision for d in session.scalars(select(LinkDecision).order_by(LinkDecision.id))] == \
            ["merged", "unlinked"]
        assert family(session, first_id) == [first_id]
        actions = [e.action for e in session.scalars(select(Event).order_by(Event.id))]
    assert actions[-2:] == ["claim.merge", "claim.unlink"]
    again = invoke("claims", "unlink", str(first_id), str(other_id), context=context)
    assert (again.exit_code, again.stderr) == (1, f"Error: claims #{first_id} and #{other_id} are already unlinked\n")


@pytest.mark.parametrize("args, message", [
    (("1", "1"), "claim #1 cannot be merged or unlinked with itself"),
    (("1", "99"), "claim #99 does not exist"),
])
def test_merge_refuses_bad_pairs(store, context, args, message):
    resolve(store, FIRST)
    result = invoke("claims", "merge", *args, context=context)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_merge_of_unlinked_claims_records_a_manual_link_and_refuses_twice(store, context):
    _, a = resolve(store, FIRST)
    _, b = resolve(store, "The robot maker has shipped nearly 1,000 humanoid robots worldwide this year.")
    assert invoke("claims", "merge", str(a), str(b), context=context).exit_code == 0
    with store.read() as session:
        assert session.scalars(select(ClaimLink.method)).all() == ["manual"]
    twice = invoke("claims", "merge", str(b), str(a), context=context)
    assert (twice.exit_code, twice.stderr) == (1, f"Error: claims #{b} and #{a} are already merged\n")
    assert invoke("claims", "unlink", str(a), "1", context=context).exit_code == 1


def test_unlink_of_claims_never_linked_is_not_found(store, context):
    _, a = resolve(store, FIRST)
    _, b = resolve(store, "The robot maker has shipped nearly 1,000 humanoid robots worldwide this year.")
    result = invoke("claims", "unlink", str(a), str(b), context=context)
    assert (result.exit_code, result.stderr) == (1, f"Error: claims #{a} and #{b} are not linked\n")


def test_second_article_repeating_a_rated_claim_in_other_words(store, context, tmp_path):
    (tmp_path / "a.txt").write_text(f"第一篇报道。{FIRST}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"另一家媒体转述。{REWORDED}\n", encoding="utf-8")
    assert invoke("import", str(tmp_path / "a.txt"), context=context).exit_code == 0
    with store.read() as session:
        claim_id = session.scalar(select(Claim.id).where(Claim.text == FIRST))
    rate(store, claim_id, "false")
    result = invoke("import", str(tmp_path / "b.txt"), "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["claims_matched"] == 1
    with store.read() as session:
        appearances = mentions(session, claim_id)
    assert sorted(m.quote for m in appearances) == sorted([FIRST, REWORDED])
    assert len({m.version_id for m in appearances}) == 2


def test_claims_show_lists_the_appearances_of_merged_claims(context, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER_NUMBER + "\n", encoding="utf-8")
    assert invoke("import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), context=context).exit_code == 0
    claims = json.loads(invoke("claims", "list", "--json", context=context).stdout)
    keep, other = sorted(c["id"] for c in claims)
    assert invoke("claims", "merge", str(keep), str(other), context=context).exit_code == 0
    shown = json.loads(invoke("claims", "show", str(keep), "--json", context=context).stdout)
    assert shown["merged"] == [other]
    assert {m["article_id"] for m in shown["mentions"]} == {1, 2}
    assert [m.get("via_claim") for m in shown["mentions"]] == [None, other]


def test_reports_list_the_appearances_of_merged_claims(context, tmp_path):
    (tmp_path / "a.txt").write_text(FIRST + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER_NUMBER + "\n", encoding="utf-8")
    assert invoke("import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), context=context).exit_code == 0
    keep, other = sorted(c["id"] for c in json.loads(invoke("claims", "list", "--json", context=context).stdout))
    assert invoke("claims", "merge", str(keep), str(other), context=context).exit_code == 0
    out = tmp_path / "report.json"
    assert invoke("report", "--format", "json", "--out", str(out), context=context).exit_code == 0
    claims = {c["id"]: c for c in json.loads(out.read_text(encoding="utf-8"))["claims"]}
    assert len(claims[keep]["mentions"]) == 2
