"""schema.org ClaimReview: only approved verdicts, approval dates, public URLs, no placeholders, configured
ratings, embeddable HTML, and every review validated against Google's and schema.org's definitions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.report.claimreview_vocab import CLAIM_REVIEWED_ADVISED, google_missing, vocabulary_problems
from tests.report.helpers import report


def feed(context, tmp_path, *args, fmt="claimreview"):
    out = tmp_path / ("feed.json" if fmt == "claimreview" else "feed.html")
    result = report(context, fmt, out, *args)
    assert result.exit_code == 0, result.stderr
    return out, result


def by_url(reviews) -> dict[int, dict]:
    return {int(r["url"].rsplit("/", 1)[1]): r for r in reviews}


def test_only_approved_verdicts_are_published(publisher, publishing, tmp_path):
    c, v = publishing["claims"], publishing["verdicts"]
    out, _ = feed(publisher, tmp_path)
    reviews = by_url(json.loads(out.read_text()))
    assert set(reviews) == {c[k].id for k in ("approved", "superseded", "awaiting", "misleading", "local", "stdin")}
    assert c["pending"].id not in reviews and c["unrated"].id not in reviews and c["dismissed"].id not in reviews
    awaiting = reviews[c["awaiting"].id]  # a newer verdict awaits approval: the approved one stays
    assert awaiting["reviewRating"]["alternateName"] == "Half true" and "creativeWorkStatus" not in awaiting
    assert all("creativeWorkStatus" not in r for r in reviews.values())


def test_dates_are_approval_times(publisher, publishing, tmp_path, store):
    from claimtrack import canonical_json as canonical
    from claimtrack.store.models import Approval

    c, v = publishing["claims"], publishing["verdicts"]
    with store.read() as session:
        approved = {a.verdict_id: canonical.isoformat(a.created_at) for a in session.query(Approval)}
    out, _ = feed(publisher, tmp_path)
    reviews = by_url(json.loads(out.read_text()))
    first = reviews[c["approved"].id]
    assert first["datePublished"] == approved[v["approved"].id] and "dateModified" not in first
    superseded = reviews[c["superseded"].id]  # published at the first approval, modified at the second
    assert superseded["datePublished"] == approved[v["superseded_first"].id]
    assert superseded["dateModified"] == approved[v["superseded"].id]
    assert superseded["reviewRating"]["alternateName"] == "False"


def test_include_unapproved_marks_drafts(publisher, publishing, tmp_path):
    c = publishing["claims"]
    out, _ = feed(publisher, tmp_path, "--include-unapproved")
    reviews = by_url(json.loads(out.read_text()))
    assert reviews[c["pending"].id]["creativeWorkStatus"] == "Draft"
    assert reviews[c["awaiting"].id]["reviewRating"]["alternateName"] == "True"
    assert reviews[c["awaiting"].id]["creativeWorkStatus"] == "Draft"
    assert "creativeWorkStatus" not in reviews[c["approved"].id]
    assert c["unrated"].id not in reviews and c["dismissed"].id not in reviews


def test_claimant_summary_and_public_urls(publisher, publishing, tmp_path):
    c = publishing["claims"]
    out, result = feed(publisher, tmp_path)
    text = out.read_text()
    assert "/home/desk" not in text and "stdin:" not in text
    reviews = by_url(json.loads(text))
    first = reviews[c["approved"].id]
    assert first["claimReviewed"] == "2,000 firms closed in 2025"
    item = first["itemReviewed"]
    assert item["author"] == {"@type": "Organization", "name": "City Council"}
    assert [a["url"] for a in item["appearance"]] == ["https://news.example/city", "https://social.example/post/1"]
    assert item["firstAppearance"]["url"] == "https://news.example/city"
    assert reviews[c["superseded"].id]["itemReviewed"]["author"] == {"@type": "Person", "name": "Jo Bloggs"}
    for key in ("local", "stdin"):
        assert "appearance" not in reviews[c[key].id]["itemReviewed"]
        assert f"Warning: claim {c[key].id}: article(s)" in result.stderr
    assert "have no public URL" in result.stderr


def test_long_claim_text_warns(publisher, publishing, tmp_path, make):
    long = make.claim(make.article("X " * 10 + "The agency said " + "very " * 20 + "many 300 things happened.",
                                   url="https://news.example/long"), "The agency said " + "very " * 20 + "many 300 things happened.")
    make.approve(make.verdict(long, "true"))
    _, result = feed(publisher, tmp_path)
    assert f"Warning: claim {long.id}: it has no summary and its text is" in result.stderr
    assert f"claims set {long.id} --summary" in result.stderr


@pytest.mark.parametrize("missing", [("report_organisation",), ("report_base_url", "report_organisation_url"),
                                     ("report_organisation", "report_organisation_url", "report_base_url")])
def test_no_placeholders(publisher, publishing, tmp_path, missing):
    publisher.settings = replace(publisher.settings, **{name: "" for name in missing})
    out = tmp_path / "feed.json"
    result = report(publisher, "claimreview", out)
    assert result.exit_code == 1 and not out.exists()
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: a ClaimReview feed needs [report] ")
    for name in missing:
        assert f"[report] {name.removeprefix('report_')}" in lines[0]
    assert "placeholder" in lines[0]


def test_empty_feed_is_an_empty_array(publisher, store, tmp_path):
    out, _ = feed(publisher, tmp_path)
    assert out.read_text() == "[]\n"


def test_include_unapproved_only_for_claimreview(publisher, store, tmp_path):
    result = report(publisher, "json", tmp_path / "r.json", "--include-unapproved")
    assert result.exit_code == 1 and result.stderr.startswith("Error: --include-unapproved applies to")


def test_end_to_end_from_the_configuration_file(cli, publishing, tmp_path):
    c = publishing["claims"]
    config = tmp_path / "claimtrack.toml"
    config.write_text('[report]\norganisation = "Desk"\norganisation_url = "https://desk.example/"\n'
                      'base_url = "https://desk.example/checks/{id}.html"\n'
                      '[review.ratings.true]\nlabel = "Correct"\nvalue = 2\n'
                      '[review.ratings.false]\nlabel = "Wrong"\nvalue = 1\n'
                      '[review.ratings.mostly-true]\nlabel = "Nearly"\n'
                      '[review.ratings.half-true]\n[review.ratings.mostly-false]\n[review.ratings.misleading]\n',
                      "utf-8")
    env = {"CLAIMTRACK_CONFIG": str(config)}
    done = cli("claims", "set", str(c["local"].id), "--appearance", "https://memo.example/7", env=env)
    assert done.exit_code == 0, done.stderr
    out = tmp_path / "feed.json"
    result = cli("report", "--format", "claimreview", "--out", str(out), env=env)
    assert result.exit_code == 0, result.stderr
    raw = json.loads(out.read_text())
    assert f"https://desk.example/checks/{c['approved'].id}.html" in [r["url"] for r in raw]
    reviews = by_url([{**r, "url": r["url"].removesuffix(".html")} for r in raw])
    assert reviews[c["approved"].id]["reviewRating"] == {"@type": "Rating", "alternateName": "Wrong", "name": "Wrong",
                                                         "ratingValue": 1, "bestRating": 2, "worstRating": 1}
    assert reviews[c["local"].id]["reviewRating"] == {"@type": "Rating", "alternateName": "Nearly", "name": "Nearly"}
    assert reviews[c["local"].id]["itemReviewed"]["appearance"] == [{"@type": "CreativeWork",
                                                                     "url": "https://memo.example/7"}]
    assert f"Warning: claim {c['local'].id}: article(s)" in result.stderr  # the local file is still left out
    unset = cli("report", "--format", "claimreview-html", "--out", str(tmp_path / "f.html"))
    assert unset.exit_code == 1 and unset.stderr.count("\n") == 1
    assert unset.stderr.startswith("Error: a ClaimReview feed needs [report] organisation, [report] "
                                   "organisation_url, [report] base_url in claimtrack.toml")


def test_the_feed_embeds_in_a_script_element(publisher, hostile, tmp_path):
    """`<`, `>`, `&` are written \\u003c, \\u003e, \\u0026: no `</script>` can end a JSON-LD <script> early,
    and the values read back unchanged."""
    out = tmp_path / "feed.json"
    # a preview holds every rated claim (the hostile texts' verdicts await approval)
    assert report(publisher, "claimreview", out, "--generated-at", "2026-11-01", "--include-unapproved").exit_code == 0
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
