"""`claimtrack search`: substrings over claims and articles, Chinese included, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json

import pytest

from claimtrack.review.search import search, snippet
from claimtrack.store.models import Article, ArticleVersion, Claim
from tests.conftest import SEED, invoke

SEED_CLAIM = "数据显示,仅海淀辖区内就聚集了人工智能相关企业近2000家,形成了国内最密集的AI产业集群之一。"


@pytest.fixture
def seeded(context):
    result = invoke("import", str(SEED), context=context)
    assert result.exit_code == 0, result.stderr
    with context.store.read() as session:
        return session.query(Claim).filter(Claim.text == SEED_CLAIM).one().id


def add_version(session, text: str, source: str, title: str | None = None) -> Article:
    raw = text.encode()
    article = Article(source=source, title=title, created_by="t")
    session.add(article)
    session.flush()
    digest = hashlib.sha256(raw).hexdigest()
    session.add(ArticleVersion(article_id=article.id, number=1, raw=raw, raw_sha256=digest, size=len(raw), text=text,
                               text_sha256=digest, source=source, fetched_at=article.created_at))
    session.flush()
    return article


def add_claim(session, text: str) -> Claim:
    claim = Claim(fingerprint=hashlib.sha256(text.encode()).hexdigest(), text=text, normalized=text, score=0.5,
                  created_by="t")
    session.add(claim)
    session.flush()
    return claim


@pytest.mark.parametrize("query", ["企业", "2000", "近2000家", "人工智能相关企业"])
def test_queries_find_the_seed_claim(seeded, context, query):
    result = invoke("search", query, "--json", context=context)
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    claims = [h for h in hits if h["kind"] == "claim"]
    assert seeded in [h["id"] for h in claims]
    assert [h["id"] for h in hits if h["kind"] == "article"] == [1]
    hit = next(h for h in claims if h["id"] == seeded)
    assert set(hit) >= {"kind", "id", "version_id", "title", "rating", "status", "snippet", "score", "start", "end"}
    assert query in hit["snippet"]
    assert SEED_CLAIM[hit["start"]:hit["end"]] == query


def test_text_output_one_line_per_hit(seeded, context):
    result = invoke("search", "近2000家", context=context)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "kind\tid\tstatus\ttitle\tsnippet"
    assert lines[1] == f"claim\t{seeded}\tunreviewed\t-\t{SEED_CLAIM}"
    assert lines[2].startswith("article\t1\t-\t“人工智能不是选择题,而是决定城市命运的生死题。”\t…")
    assert len(lines) == 3


def test_limit_and_no_match(seeded, context):
    assert len(json.loads(invoke("search", "海淀", "--limit", "2", "--json", context=context).stdout)) == 2
    result = invoke("search", "不存在的字符串xyz", context=context)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no matches\n")


def test_index_follows_every_write_path(store):
    """Rows inserted without the importer are found at once: triggers (SQLite) or plain ILIKE (PostgreSQL)."""
    with store.write() as session:
        claim_id = add_claim(session, "Haidian hosts nearly 2,000 AI firms.").id
        add_version(session, "Elsewhere: 企业 and firms. 企", "/tmp/x.txt", "X")
    with store.read() as session:
        assert [(h.kind, h.id) for h in search(session, "haidian")] == [("claim", claim_id)]
        assert sorted(h.kind for h in search(session, "FIRMS")) == ["article", "claim"]  # ASCII case-insensitive
        assert [h.kind for h in search(session, "企")] == ["article"]  # one character, also at the very end
        assert search(session, "2,000")[0].id == claim_id


@pytest.mark.parametrize("query", ['"', "%", "_", "a\"b", "NEAR(", "OR", "*"])
def test_query_syntax_is_literal(store, query):
    with store.write() as session:
        add_claim(session, "50% of the 'AI' firms_x said \"a\"b NEAR( OR * yes.")
    with store.read() as session:
        assert len(search(session, query)) == 1


def test_ranked_by_occurrences_per_length(store):
    with store.write() as session:
        once = add_claim(session, "企业 " + "x" * 40).id
        twice = add_claim(session, "企业企业 " + "x" * 40).id
        short = add_claim(session, "企业在").id
    with store.read() as session:
        assert [h.id for h in search(session, "企业")] == [short, twice, once]


def test_untrusted_text_is_cleaned_on_the_terminal(store, context):
    with store.write() as session:
        add_claim(session, "Evil \x1b[31mred\x1b[0m claim about 企业 numbers.")
    result = invoke("search", "企业", context=context)
    assert result.stdout == "kind\tid\tstatus\ttitle\tsnippet\nclaim\t1\tunreviewed\t-\tEvil red claim about 企业 numbers.\n"
    assert "\x1b" in json.loads(invoke("search", "企业", "--json", context=context).stdout)[0]["snippet"]


def test_empty_query_is_an_error(store, context):
    result = invoke("search", "  ", context=context)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "Error: the search query is empty\n")


def test_snippet_cuts_with_ellipses():
    body = "a" * 100 + "企业" + "b" * 100
    assert snippet(body, 100, 102) == "…" + "a" * 30 + "企业" + "b" * 60 + "…"
    assert snippet("x 企业\ny", 2, 4) == "x 企业 y"


@pytest.mark.parametrize("matching, capped", [(2, False), (3, True)])
def test_a_phrase_ranks_every_match_up_to_the_cap_then_the_newest(store, monkeypatch, matching, capped):
    """With CANDIDATES = 2: two matches are both ranked (whatever order the index gives them), a third cuts
    the oldest away and says so — a phrase of 3+ characters, the FTS5 path on SQLite."""
    from claimtrack.review import search as search_module

    with store.write() as session:
        ids = [add_claim(session, f"Firm number {i} hired staff.").id for i in range(matching)]
        add_claim(session, "Nothing to see here.")
    monkeypatch.setattr(search_module, "CANDIDATES", 2)
    with store.read() as session:
        hits, cut = search_module.search_capped(session, "hired staff", kinds=("claims",))
    assert sorted(h.id for h in hits) == sorted(ids[-2:])
    assert cut == (["claims"] if capped else [])
