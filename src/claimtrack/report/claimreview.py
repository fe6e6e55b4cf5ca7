"""schema.org ClaimReview (JSON-LD): one ClaimReview per claim with an approved verdict, for search engines.

The one idea: the feed publishes only what a second reviewer signed off. A claim's review is its *last
approved* verdict — when a newer verdict awaits approval, the feed keeps the approved one — and a claim
with none (unrated, rated but unapproved, dismissed) is left out. `--include-unapproved` (previews) shows
the current verdict instead and marks an unapproved one `creativeWorkStatus: "Draft"`. Every review
carries the audit head the report was made at (`claimtrackAuditHead`, outside the schema.org vocabulary,
which consumers ignore); `<`, `>` and `&` are written `\u003c`, `\u003e`, `\u0026` so that the feed can be
embedded as is in `<script type="application/ld+json">` (no `</script>` ends it).

- `datePublished` is when the claim's first approved verdict was approved; `dateModified`, when a later
  approved verdict superseded it (the approval time of the verdict shown).
- `claimReviewed` is the claim's summary (`claims set ID --summary`), else its text; above 75 characters
  (Google's advice) the export warns, naming the claim.
- `itemReviewed` is a `Claim`: `author` = the claimant (`claims set --claimant`, Person or Organization),
  `appearance` = every article quoting it, by its *public* URL (canonical URL, the URL it was fetched
  from), then the URLs set with `claims set --appearance`; an article known only by a local path or a
  `stdin:` name is left out with a warning naming the claim. `firstAppearance` is the first of them and
  `datePublished` the first article's publication date, when the article states one.
- `reviewRating`: `alternateName` is the rating's configured label (`[review.ratings.SLUG] label`);
  `ratingValue` its configured number, with `bestRating`/`worstRating` the highest and lowest numbers on
  the scale. A rating without a number (by default `misleading`, `unverifiable`) carries only the label.
- `author` is the Organization `[report] organisation` at `[report] organisation_url`; `url` is
  `[report] base_url` + the claim id (or base_url with `{id}` replaced). Without those three keys the export
  fails naming them: nothing is published with a placeholder.

The JSON form is an array, one self-contained ClaimReview (own `@context`) a line, canonical JSON, in claim id
order; `claimreview-html` (claimreview_html.py) wraps the same objects in `<script>` blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimtrack.canonical_json import dumps
from claimtrack.config import RatingDef, Settings
from claimtrack.errors import ConfigError
from claimtrack.report.model import Record, Report, current_verdict, published_verdict

SUMMARY_ADVISED = 75
REQUIRED_SETTINGS = (("report_organisation", "organisation"), ("report_organisation_url", "organisation_url"),
                     ("report_base_url", "base_url"))
_DATE = re.compile(r"^\d{4}-\d\d-\d\d")


def require_settings(settings: Settings) -> None:
    """Refuse to publish with a placeholder: one error naming every missing `[report]` key."""
    missing = [key for name, key in REQUIRED_SETTINGS if not getattr(settings, name).strip()]
    if missing:
        names = ", ".join(f"[report] {key}" for key in missing)
        env = ", ".join(f"CLAIMTRACK_REPORT_{key.upper()}" for key in missing)
        raise ConfigError(f"a ClaimReview feed needs {names} in claimtrack.toml (or {env}): "
                          "nothing is published with a placeholder")


def render(report: Report, sink) -> int:
    """Write the JSON array, one ClaimReview a line; the number written."""
    sink.write("[")
    count = 0
    for review in reviews(report):
        sink.write(("\n" if count == 0 else ",\n") + dumps(review, html_safe=True))
        count += 1
    sink.write(("\n" if count else "") + "]\n")
    return count


def reviews(report: Report) -> Iterator[Record]:
    """Every publishable ClaimReview, in claim id order (warnings go to `report.warnings`)."""
    for record in report.claims():
        review = claim_review(record, report)
        if review is not None:
            yield review


def claim_review(record: Record, report: Report) -> Record | None:
    """The ClaimReview of one claim, or None when nothing about it may be published."""
    if record["status"] == "dismissed":
        return None
    verdict = current_verdict(record) if report.include_unapproved else published_verdict(record)
    if verdict is None:
        return None
    review: Record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "author": {"@type": "Organization", "name": report.organisation, "url": report.organisation_url},
        "claimReviewed": _claim_reviewed(record, report),
        "itemReviewed": _item(record, report),
        "reviewRating": _rating(verdict["rating"], record, report),
        "url": _url(report.base_url, record["id"]),
        "claimtrackAuditHead": {k: report.about["integrity"]["head"][k] for k in ("sequence", "hash")},
    }
    review.update(_dates(record, verdict))
    if not verdict["approved_at"]:
        review["creativeWorkStatus"] = "Draft"
    return review


def _claim_reviewed(record: Record, report: Report) -> str:
    text = record["details"]["summary"] or record["text"]
    if len(text) > SUMMARY_ADVISED:
        what = "its summary" if record["details"]["summary"] else "it has no summary and its text"
        report.warn(f"claim {record['id']}: {what} is {len(text)} characters (Google advises under "
                    f"{SUMMARY_ADVISED}): claimtrack claims set {record['id']} --summary \"...\"")
    return text


def _dates(record: Record, verdict: Record) -> Record:
    if not verdict["approved_at"]:  # a preview of an unapproved verdict
        first = record["first_published_at"]
        return {"datePublished": first, "dateModified": verdict["created_at"]} if first else {
            "datePublished": verdict["created_at"]}
    dates = {"datePublished": record["first_published_at"]}
    if verdict["approved_at"] != record["first_published_at"]:
        dates["dateModified"] = verdict["approved_at"]
    return dates


def _url(base: str, claim_id: int) -> str:
    return base.replace("{id}", str(claim_id)) if "{id}" in base else f"{base}{claim_id}"


def _rating(slug: str, record: Record, report: Report) -> Record:
    scale: dict[str, RatingDef] = {r.slug: r for r in report.ratings}
    rating = scale.get(slug)
    if rating is None:
        report.warn(f"claim {record['id']}: rating {slug!r} is not on the configured scale: published "
                    "with its name only")
        rating = RatingDef(slug, slug, None)
    out: Record = {"@type": "Rating", "alternateName": rating.label, "name": rating.label}
    numbers = [r.value for r in report.ratings if r.value is not None]
    if rating.value is not None:
        out.update(ratingValue=rating.value, bestRating=max(numbers), worstRating=min(numbers))
    return out


def _item(record: Record, report: Report) -> Record:
    appearances = _appearances(record, report)
    item: Record = {"@type": "Claim"}
    details = record["details"]
    if details["claimant"]:
        kind = "Organization" if details["claimant_type"] == "organization" else "Person"
        item["author"] = {"@type": kind, "name": details["claimant"]}
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    published = record["mentions"][0]["article"]["published"] if record["mentions"] else None
    if published and _DATE.match(published):
        item["datePublished"] = published
    return item


def _appearances(record: Record, report: Report) -> list[Record]:
    """One CreativeWork per public place the claim was made: articles in first-mention order, then URLs a
    reviewer added. Articles without a public URL are left out, with a warning."""
    works: dict[str, Record] = {}
    hidden: list[int] = []
    for mention in record["mentions"]:
        article, url = mention["article"], mention["public_url"]
        if url is None:
            if article["id"] not in hidden:
                hidden.append(article["id"])
            continue
        if url in works:
            continue
        work: Record = {"@type": "CreativeWork", "url": url}
        if article["title"]:
            work["headline"] = article["title"]
        if article["published"] and _DATE.match(article["published"]):
            work["datePublished"] = article["published"]
        if article["site"]:
            work["publisher"] = {"@type": "Organization", "name": article["site"]}
        works[url] = work
    for url in record["details"]["appearances"]:
        works.setdefault(url, {"@type": "CreativeWork", "url": url})
    if hidden:
        report.warn(f"claim {record['id']}: article(s) {', '.join(map(str, hidden))} have no public URL (a local "
                    "file or stdin): left out of itemReviewed.appearance; add one with claimtrack claims set "
                    f"{record['id']} --appearance URL")
    return list(works.values())
