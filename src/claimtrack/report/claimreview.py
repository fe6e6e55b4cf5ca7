"""schema.org ClaimReview (JSON-LD): one ClaimReview per rated claim, for search engines and aggregators.

The one idea: the feed states the *current* verdict of each claim (the head of its verdict history) that
is not dismissed, as a JSON array of self-contained ClaimReview objects (each with its own `@context`),
one per line, canonical JSON, in claim id order; `<`, `>` and `&` are written `\u003c`, `\u003e`, `\u0026`
so that the feed can be embedded as is in `<script type="application/ld+json">` (no `</script>` ends it).

Rating numbers. `review_ratings` in the configuration lists the scale best first (the default: true,
mostly-true, half-true, mostly-false, false, misleading, unverifiable). The *ordinal* ratings are that
list without the non-ordinal names `misleading` and `unverifiable`; they are numbered from N (the first,
best: `true` = 5) down to 1 (the last, worst: `false` = 1), and bestRating = N, worstRating = 1. The
non-ordinal ratings still carry a number, because many consumers require one; `alternateName` always
carries the verdict's own name and is what a reader should show:

- `misleading` → 2 (worst + 1): the reader is left believing something mostly false;
- `unverifiable`, and any rating not on the configured scale → the midpoint (N + 1) // 2 (3 of 5): the
  evidence leans neither way.

`itemReviewed` is a `Claim` whose `appearance` lists every article that quotes it (its URL, or its source
when it has none) and whose `firstAppearance` is the first of those (lowest mention id); `datePublished`
of the Claim is that article's publication date when known, else when its first version was fetched.
`url` = `report_base_url` + claim id; `author` = the Organization named by `report_organisation`.
"""

from __future__ import annotations

from claimtrack.canonical_json import dumps
from claimtrack.report.model import Record, Report, current_verdict

NON_ORDINAL = ("misleading", "unverifiable")


def rating_scale(scale: tuple[str, ...]) -> dict[str, int]:
    """The ratingValue of every ordinal rating on the configured (best-first) scale."""
    ordinal = [name for name in scale if name not in NON_ORDINAL]
    return {name: len(ordinal) - i for i, name in enumerate(ordinal)}


def rating_value(name: str, scale: tuple[str, ...]) -> int:
    """A rating's number under the documented rule (see the module docstring)."""
    values = rating_scale(scale)
    best = max(len(values), 1)
    if name in values:
        return values[name]
    if name == "misleading":
        return min(2, best)
    return (best + 1) // 2


def render(report: Report, sink) -> int:
    """Write the JSON array, one ClaimReview a line; the number written."""
    sink.write("[")
    count = 0
    for record in report.claims():
        review = claim_review(record, report)
        if review is None:
            continue
        sink.write(("\n" if count == 0 else ",\n") + dumps(review, html_safe=True))
        count += 1
    sink.write(("\n" if count else "") + "]\n")
    return count


def claim_review(record: Record, report: Report) -> Record | None:
    """The ClaimReview of one claim, or None when it has no verdict in force (unrated or dismissed)."""
    verdict = current_verdict(record)
    if verdict is None or record["status"] == "dismissed":
        return None
    appearances = _appearances(record)
    item: Record = {"@type": "Claim", "appearance": appearances}
    if appearances:
        item["firstAppearance"] = appearances[0]
        if "datePublished" in appearances[0]:  # unknown publication date: none (not the import time)
            item["datePublished"] = appearances[0]["datePublished"]
    scale = rating_scale(report.scale)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "author": {"@type": "Organization", "name": report.organisation},
        "claimReviewed": record["text"],
        "datePublished": verdict["created_at"],
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingValue": rating_value(verdict["rating"], report.scale),
                         "bestRating": max(len(scale), 1), "worstRating": 1, "alternateName": verdict["rating"]},
        "url": f"{report.base_url}{record['id']}",
        "claimtrackAuditHead": {k: report.about["integrity"]["head"][k] for k in ("sequence", "hash")},
    }


def _appearances(record: Record) -> list[Record]:
    """One CreativeWork per article quoting the claim, in first-mention order."""
    seen: dict[int, Record] = {}
    for mention in record["mentions"]:
        article = mention["article"]
        if article["id"] in seen:
            continue
        work: Record = {"@type": "CreativeWork", "url": article["url"] or article["source"]}
        if article["published"]:  # unknown stays unknown: the import time is not a publication date
            work["datePublished"] = article["published"]
        if article["title"]:
            work["headline"] = article["title"]
        seen[article["id"]] = work
    return list(seen.values())
