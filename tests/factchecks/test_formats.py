"""Reading published fact-checks in every shape they come in (fixtures written here, in those shapes)."""

from __future__ import annotations

import json

from claimtrack.ingest.factcheck_formats import BadRecord, FactCheckRecord, parse, rating_value

REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://checks.example.org/2025/bridge", "claimReviewed": "The new bridge cost $2 billion",
    "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org"},
    "datePublished": "2025-03-04", "inLanguage": "en",
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                     "alternateName": "Mostly false"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Mayor Smith"}},
    "license": "https://creativecommons.org/licenses/by/4.0/",
}


def records(found):
    return [r for r in found if isinstance(r, FactCheckRecord)]


def test_html_page_with_embedded_json_ld():
    page = ("<html><head><script type='application/ld+json'>" + json.dumps(REVIEW)
            + "</script></head><body>…</body></html>").encode()
    [r] = parse(page, name="bridge.html")
    assert (r.claim, r.url, r.publisher, r.rating, r.date, r.language, r.claimant) == (
        "The new bridge cost $2 billion", "https://checks.example.org/2025/bridge", "Example Checks",
        "Mostly false", "2025-03-04", "en", "Mayor Smith")
    assert r.rating_value == 0.25  # (2 - 1) / (5 - 1)
    assert r.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert r.raw["claimReviewed"] == REVIEW["claimReviewed"]


def test_graph_form_and_several_blocks():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "x"},
                                                         {**REVIEW, "@context": None}]}
    other = {**REVIEW, "url": "https://checks.example.org/2", "claimReviewed": "Another claim"}
    page = (f'<script type="application/ld+json">{json.dumps(graph)}</script>'
            f'<script type="application/ld+json">{json.dumps(other)}</script>').encode()
    assert [r.claim for r in records(parse(page, name="p.html"))] == [REVIEW["claimReviewed"], "Another claim"]


def test_claimreview_list_and_datafeed():
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [REVIEW]},
        {"@type": "DataFeedItem", "item": [{**REVIEW, "url": "https://checks.example.org/3", "claimReviewed": "C3"}]}]}
    assert len(records(parse(json.dumps(feed).encode(), name="feed.json"))) == 2
    assert len(records(parse(json.dumps([REVIEW, REVIEW]).encode(), name="list.json"))) == 2


def test_google_fact_check_api_shape():
    response = {"claims": [{"text": "疫苗含有芯片", "claimant": "网传", "claimDate": "2021-01-02T00:00:00Z",
                            "claimReview": [{"publisher": {"name": "较真", "site": "example.qq.com"},
                                             "url": "https://example.qq.com/a", "title": "t",
                                             "reviewDate": "2021-01-05T00:00:00Z", "textualRating": "谣言",
                                             "languageCode": "zh"}]}],
                "nextPageToken": "x"}
    [r] = parse(json.dumps(response, ensure_ascii=False).encode(), name="api.json")
    assert (r.claim, r.publisher, r.rating, r.rating_value, r.date, r.language, r.claimant) == (
        "疫苗含有芯片", "较真", "谣言", 0.0, "2021-01-05T00:00:00", "zh", "网传")
    assert r.raw["claimReview"]["url"] == "https://example.qq.com/a"


def test_csv_with_a_column_mapping_and_defaults():
    data = ("id,text,reply_type,reply_text,createdAt\n"
            "m1,轉傳：喝熱水可以殺死病毒,RUMOR,沒有證據,2020-02-01\n"
            "m2,,RUMOR,x,2020-02-02\n"
            "m3,某某政策下月起實施,NOT_RUMOR,屬實,2020-02-03\n").encode()
    found = parse(data, name="cofacts.csv", mapping={"claim": "text", "review": "reply_text"},
                  defaults={"publisher": "Cofacts", "licence": "CC BY-SA 4.0"})
    good = records(found)
    assert [r.claim for r in good] == ["轉傳：喝熱水可以殺死病毒", "某某政策下月起實施"]
    assert {r.publisher for r in good} == {"Cofacts"} and good[0].review == "沒有證據"
    assert good[0].rating == "RUMOR" and good[0].rating_value == 0.0 and good[0].date == "2020-02-01"
    assert [b.where for b in found if isinstance(b, BadRecord)] == ["row 3"]


def test_csv_mapping_naming_a_missing_column_is_one_bad_record():
    [bad] = parse(b"a,b\n1,2\n", name="x.csv", mapping={"claim": "message"})
    assert isinstance(bad, BadRecord) and "message" in bad.reason


def test_bad_records_never_abort_the_batch():
    broken = [REVIEW, {"@type": "ClaimReview", "url": "https://x.example/none"}, REVIEW]
    found = parse(json.dumps(broken).encode(), name="b.json")
    assert len(records(found)) == 2 and len([b for b in found if isinstance(b, BadRecord)]) == 1


def test_a_page_without_claimreview_says_so():
    [bad] = parse(b"<html><body>nothing</body></html>", name="n.html")
    assert isinstance(bad, BadRecord) and "no ClaimReview" in bad.reason


def test_local_or_script_urls_are_not_kept():
    [r] = records(parse(json.dumps({**REVIEW, "url": "javascript:alert(1)"}).encode(), name="j.json"))
    assert r.url is None


def test_rating_words_in_both_languages():
    assert rating_value("Pants on Fire!") == 0.0
    assert rating_value("Mostly False") == 0.25
    assert rating_value("Half-true") == 0.5
    assert rating_value("確實如此") == 1.0
    assert rating_value("錯誤") == 0.0
    assert rating_value("Satire") is None
