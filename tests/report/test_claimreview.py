"""schema.org ClaimReview: required keys, the documented rating numbers, dismissed claims left out."""

from __future__ import annotations

import json

import pytest

from claimtrack.config import DEFAULT_RATINGS
from claimtrack.report.claimreview import rating_value
from tests.report.helpers import report

REQUIRED = {"@context", "@type", "author", "claimReviewed", "datePublished", "itemReviewed", "reviewRating", "url"}


@pytest.fixture
def db_url(sqlite_url) -> str:
    """Layout only: the database side of reports is tested on both databases in test_json/test_scope/test_writer."""
    return sqlite_url


def test_one_claimreview_per_rated_claim_with_required_keys(context, hostile, tmp_path):
    out = tmp_path / "feed.json"
    result = report(context, "claimreview", out, "--generated-at", "2026-11-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("report claimreview: 7 claim row(s)")
    reviews = json.loads(out.read_text())
    assert len(reviews) == 7  # eight claims, one dismissed
    for review in reviews:
        assert REQUIRED <= set(review)
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["author"] == {"@type": "Organization", "name": "claimtrack"}
        rating = review["reviewRating"]
        assert {"ratingValue", "bestRating", "worstRating", "alternateName"} <= set(rating)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["firstAppearance"]["url"] == "https://news.example/a1"
        assert item["appearance"] == [item["firstAppearance"]]
        assert item["datePublished"] == "2026-01-01"
    first = reviews[0]
    assert first["url"] == f"https://factcheck.example.org/claims/{hostile['firms'].id}"
    assert first["claimReviewed"] == "The council said 2,000 firms closed in 2025."
    assert first["reviewRating"]["alternateName"] == "mostly-false"  # the current verdict, not the superseded one
    assert first["reviewRating"]["ratingValue"] == 2
    assert first["datePublished"].startswith("2026-01-01T00:00:")


def test_organisation_and_base_url_come_from_settings(context, hostile, tmp_path):
    from dataclasses import replace

    context.settings = replace(context.settings, report_organisation="Fact Desk", report_base_url="https://fd.example/c/")
    out = tmp_path / "feed.json"
    assert report(context, "claimreview", out).exit_code == 0
    review = json.loads(out.read_text())[0]
    assert review["author"]["name"] == "Fact Desk" and review["url"].startswith("https://fd.example/c/")


def test_empty_feed_is_an_empty_array(context, store, tmp_path):
    out = tmp_path / "feed.json"
    assert report(context, "claimreview", out).exit_code == 0
    assert out.read_text() == "[]\n"


@pytest.mark.parametrize("name, value", [
    ("true", 5), ("mostly-true", 4), ("half-true", 3), ("mostly-false", 2), ("false", 1),
    ("misleading", 2), ("unverifiable", 3), ("not-on-scale", 3),
])
def test_documented_rating_numbers(name, value):
    assert rating_value(name, DEFAULT_RATINGS) == value


def test_custom_scale():
    scale = ("correct", "wrong", "unverifiable")
    assert (rating_value("correct", scale), rating_value("wrong", scale), rating_value("unverifiable", scale)) == (2, 1, 1)


def test_an_appearance_without_a_known_date_has_no_date():
    from claimtrack.report.claimreview import _appearances

    mention = {"article": {"id": 1, "url": None, "source": "/notes/a.txt", "published": None, "title": None},
               "version": {"fetched_at": "2026-01-01T00:00:00Z"}}
    assert _appearances({"mentions": [mention]}) == [{"@type": "CreativeWork", "url": "/notes/a.txt"}]


def test_the_feed_embeds_in_a_script_element(context, hostile, tmp_path):
    """`<`, `>`, `&` are written \\u003c, \\u003e, \\u0026: no `</script>` can end a JSON-LD <script> early,
    and the values read back unchanged."""
    out = tmp_path / "feed.json"
    assert report(context, "claimreview", out, "--generated-at", "2026-11-01").exit_code == 0
    raw = out.read_text(encoding="utf-8")
    assert not set("<>&") & set(raw)
    assert "\\u003cscript" in raw  # the hostile claim text "<script>…" is there, escaped
    assert "<script>" in json.dumps(json.loads(raw), ensure_ascii=False)
    from html.parser import HTMLParser

    class Scripts(HTMLParser):
        bodies: list[str] = []

        def handle_data(self, data):
            self.bodies.append(data)

    parser = Scripts()
    parser.feed(f'<script type="application/ld+json">{raw}</script>')
    assert json.loads("".join(parser.bodies)) == json.loads(raw)


def test_canonical_html_safe_is_the_same_value():
    from claimtrack.canonical_json import dumps

    value = {"a": "</script><b>&amp;", "n": [1, "x>y"]}
    assert dumps(value, html_safe=True) == '{"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;","n":[1,"x\\u003ey"]}'
    assert json.loads(dumps(value, html_safe=True)) == value == json.loads(dumps(value))
