"""Canonical URLs become the article's URL (and stay on the version); `articles set` corrects metadata, audited."""

from __future__ import annotations

import json

from sqlalchemy import select

from claimtrack.store.models import Article, Event
from conftest import invoke

PAGE = ("<html><head><title>Nearly 2,000 AI firms | Daily Tech</title>"
        "<link rel='canonical' href='/news/ai-firms'><meta property='og:url' content='https://Tech.example.org/news/ai-firms'>"
        "</head><body><article><h1>Nearly 2,000 AI firms</h1><p>Nearly 2,000 AI firms are based in Haidian, the "
        "district government said on Tuesday in a statement.</p><footer>© 2006 Daily Tech</footer></article>"
        "</body></html>")


def _imported(context, tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    assert invoke("import", str(tmp_path / "page.html"), context=context).exit_code == 0
    return json.loads(invoke("articles", "show", "1", "--json", context=context).stdout)


def test_the_canonical_url_is_the_public_url_and_stays_on_the_version(context, tmp_path):
    shown = _imported(context, tmp_path)
    assert shown["url"] == "https://tech.example.org/news/ai-firms"
    assert shown["versions"][0]["canonical_url"] == "https://Tech.example.org/news/ai-firms"  # as declared
    assert shown["published"] is None  # the copyright year is not a publication date
    assert shown["title"] == "Nearly 2,000 AI firms"


def test_articles_set_corrects_and_is_audited(context, tmp_path, store):
    _imported(context, tmp_path)
    result = invoke("articles", "set", "1", "--published", "2024-05-03", "--author", "Jane Doe", "--outlet",
                    "Daily Tech", "--url", "https://tech.example.org/a#x", "--json", context=context)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["changed"] == ["author", "published", "site", "url"]
    with store.read() as session:
        article = session.get(Article, 1)
        assert (article.published, article.author, article.site, article.url) == (
            "2024-05-03", "Jane Doe", "Daily Tech", "https://tech.example.org/a")
        event = session.scalars(select(Event).where(Event.action == "article.update")).one()
        assert json.loads(event.payload)["changes"]["published"] == {"old": None, "new": "2024-05-03"}
    assert invoke("audit", "verify", context=context).exit_code == 0
    cleared = invoke("articles", "set", "1", "--author", "", "--json", context=context)
    assert json.loads(cleared.stdout)["author"] is None


def test_articles_set_refuses_bad_values_and_changes_nothing(context, tmp_path, store):
    _imported(context, tmp_path)
    bad = invoke("articles", "set", "1", "--published", "next Tuesday", context=context)
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --published must be an ISO 8601 date")
    assert invoke("articles", "set", "1", "--url", "ftp://x/y", context=context).exit_code == 1
    assert invoke("articles", "set", "9", "--author", "X", context=context).stderr == (
        "Error: no article 9 (see `claimtrack articles list`)\n")
    assert invoke("articles", "set", "1", context=context).exit_code == 1
    with store.read() as session:
        assert session.scalars(select(Event).where(Event.action == "article.update")).all() == []
