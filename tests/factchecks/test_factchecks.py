"""Importing published fact-checks and matching them both ways, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from claimtrack.ingest.factchecks import import_factchecks
from claimtrack.ingest.importer import import_sources
from claimtrack.review.factchecks import decide, suggestions
from claimtrack.store import audit
from claimtrack.store.models import Event, FactCheck, FactCheckMatch
from tests.conftest import invoke

ARTICLE = ("深圳低空经济快速发展。\n\n今年前10个月，深圳无人机配送订单已突破120万单，同比增长约85%。\n\n"
           "全市已开通无人机航线超过250条，建成起降点近600个。\n")
MESSAGE = "【緊急通知】\n請大家轉傳給親友！\n衛生署證實，喝熱檸檬水可以殺死新冠病毒。\nhttps://line.me/R/ti/p/abcdef\n"


def review(url: str, claim: str, rating: str, date: str = "2025-01-11") -> dict:
    return {"@context": "https://schema.org", "@type": "ClaimReview", "url": url, "claimReviewed": claim,
            "author": {"@type": "Organization", "name": "Net Checks"}, "datePublished": date,
            "reviewRating": {"@type": "Rating", "alternateName": rating}}


FEED = [review("https://checks.example.net/drones", "深圳无人机配送订单已突破120万单", "True"),
        review("https://checks.example.net/drones-150", "深圳无人机配送订单已突破150万单", "False"),
        review("https://checks.example.net/lemon", "喝熱檸檬水可以殺死新冠病毒", "錯誤")]


@pytest.fixture
def feed(tmp_path):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(FEED, ensure_ascii=False), encoding="utf-8")
    return str(path)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_reimport_is_idempotent_and_audited(store, feed):
    [first] = import_factchecks(store, [feed], actor="alice")
    [again] = import_factchecks(store, [feed], actor="alice")
    assert (first.imported, first.unchanged, again.imported, again.unchanged) == (3, 0, 0, 3)
    with store.read() as session:
        assert session.scalar(select(func.count(FactCheck.id))) == 3
        assert session.scalar(select(func.count(Event.id)).where(Event.action == "factcheck.import")) == 3
        assert audit.verify(session).ok


def test_new_factcheck_against_existing_claims(context, store, tmp_path, feed):
    import_sources(context, [write(tmp_path, "drones.txt", ARTICLE)])
    [outcome] = import_factchecks(store, [feed], actor="alice")
    assert outcome.matched == 1  # 120万 matches; the 150万 fact-check is a different number, never suggested
    [s] = suggestions(store)
    assert s["url"] == "https://checks.example.net/drones" and s["claim_id"] is not None


def test_new_article_against_the_archive_including_whole_messages(context, store, tmp_path, feed):
    import_factchecks(store, [feed], actor="alice")
    summary = import_sources(context, [write(tmp_path, "drones.txt", ARTICLE), write(tmp_path, "msg.txt", MESSAGE)])
    by_source = {r.given.rsplit("/", 1)[-1]: r for r in summary.results}
    assert [s["url"] for s in by_source["drones.txt"].checked_elsewhere] == ["https://checks.example.net/drones"]
    [lemon] = by_source["msg.txt"].checked_elsewhere
    assert lemon["url"] == "https://checks.example.net/lemon"
    assert lemon["claim_id"] is not None or lemon["version_id"] is not None


def test_decisions_are_appended_and_rejected_suggestions_stop_showing(context, store, tmp_path, feed):
    import_sources(context, [write(tmp_path, "drones.txt", ARTICLE)])
    import_factchecks(store, [feed], actor="alice")
    [s] = suggestions(store)
    decide(store, s["id"], "reject", reviewer="bob", reason="different campaign")
    assert suggestions(store) == []
    assert [x["decision"] for x in suggestions(store, undecided=False)] == ["rejected"]
    decide(store, s["id"], "confirm", reviewer="carol")
    assert [x["decision"] for x in suggestions(store, undecided=False)] == ["confirmed"]
    with store.read() as session:
        assert session.scalar(select(func.count(FactCheckMatch.id))) == 1
        assert audit.verify(session).ok


def test_cli_show_search_and_errors(context, tmp_path, feed):
    assert invoke("import", write(tmp_path, "drones.txt", ARTICLE), context=context).exit_code == 0
    result = invoke("factchecks", "import", feed, "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 3
    [s] = json.loads(invoke("factchecks", "suggestions", "--json", context=context).stdout)
    shown = invoke("claims", "show", str(s["claim_id"]), context=context)
    assert "checked elsewhere: Net Checks True 2025-01-11 https://checks.example.net/drones" in shown.stdout
    found = json.loads(invoke("search", "檸檬水", "--in", "factchecks", "--json", context=context).stdout)
    assert [h["kind"] for h in found] == ["factcheck"]
    missing = invoke("factchecks", "confirm", "999", context=context)
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no suggestion #999")
    bad = invoke("factchecks", "import", str(tmp_path / "nope.json"), context=context)
    assert bad.exit_code == 1 and "no such file" in bad.stderr


def test_a_bad_source_does_not_stop_the_others(store, tmp_path, feed):
    outcomes = import_factchecks(store, [str(tmp_path / "missing.json"), feed], actor="alice")
    assert outcomes[0].error and outcomes[1].imported == 3


# A forwarded message from which no claim is extracted (no figure, a share line, a link): only its whole text
# can be found by a fact-check imported later.
RUMOUR = "網傳：吃大蒜可以預防新冠肺炎。\n看完請轉傳給家人！\nhttps://line.me/R/ti/p/xyz\n"
GARLIC = [review("https://checks.example.net/garlic", "吃大蒜可以預防新冠肺炎", "錯誤", "2025-02-01")]


def _rumour_without_claims(context, store, tmp_path) -> int:
    from claimtrack.store.models import ArticleVersion, Mention

    import_sources(context, [write(tmp_path, "rumour.txt", RUMOUR)])
    with store.read() as session:
        [version_id] = session.scalars(select(ArticleVersion.id))
        assert session.scalar(select(func.count(Mention.id))) == 0  # the point: nothing for claim_key to find
    return version_id


def test_new_factcheck_finds_a_whole_message_from_which_no_claim_was_extracted(context, store, tmp_path):
    version_id = _rumour_without_claims(context, store, tmp_path)
    [outcome] = import_factchecks(store, [write(tmp_path, "garlic.json", json.dumps(GARLIC, ensure_ascii=False))],
                                  actor="alice")
    assert outcome.matched == 1
    [s] = suggestions(store)
    assert (s["version_id"], s["claim_id"], s["url"]) == (version_id, None, "https://checks.example.net/garlic")
    assert s["article_id"] is not None
    status = json.loads(invoke("status", "--json", context=context).stdout)
    assert "garlic" in json.dumps(status)


def test_reindex_finds_existing_versions_once_and_keeps_decisions(context, store, tmp_path):
    from sqlalchemy import delete

    from claimtrack.ingest.factchecks import reindex
    from claimtrack.store.models import VersionKey

    version_id = _rumour_without_claims(context, store, tmp_path)
    with store.write() as session:  # a database from before version_key: the table is empty
        session.execute(delete(VersionKey))
    import_factchecks(store, [write(tmp_path, "garlic.json", json.dumps(GARLIC, ensure_ascii=False))], actor="alice")
    assert suggestions(store) == []
    first = reindex(store, actor="alice")
    assert (first["versions"], first["factchecks"], first["suggestions"]) == (1, 1, 1) and first["version_keys"] > 0
    [s] = suggestions(store)
    assert s["version_id"] == version_id
    decide(store, s["id"], "reject", reviewer="bob")
    result = invoke("factchecks", "reindex", "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["suggestions"] == 0
    assert suggestions(store) == [] and [x["decision"] for x in suggestions(store, undecided=False)] == ["rejected"]
    with store.read() as session:
        assert session.scalar(select(func.count(FactCheckMatch.id))) == 1
        assert session.scalar(select(func.count()).select_from(VersionKey)) == first["version_keys"]
        assert audit.verify(session).ok


def test_english_names_get_a_kind_from_cedict_proper_nouns():
    from claimtrack.ingest.factchecks import _cedict_entries, cedict_name_kind

    if not _cedict_entries():
        pytest.skip("the CC-CEDICT package is not installed")
    assert cedict_name_kind("Canada") == "ns" and cedict_name_kind("Bush") == "nr"
    assert cedict_name_kind("Anons") is None
