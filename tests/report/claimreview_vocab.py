"""What a published ClaimReview is checked against, written down from the documentation (not generated).

GOOGLE: the properties Google's "Fact check (ClaimReview) structured data" guide marks required or
recommended (developers.google.com/search/docs/appearance/structured-data/factcheck, "Structured data type
definitions"): ClaimReview needs claimReviewed, reviewRating and url, and recommends author, datePublished
and itemReviewed; a Claim's appearance, author, datePublished and firstAppearance are recommended; a
Rating needs alternateName (the text shown in results) and recommends bestRating, name, ratingValue and
worstRating; the author Organization is named (name) with a url. claimReviewed should stay under 75
characters; the JSON-LD must use the https://schema.org context and a ClaimReview root.

SCHEMA_ORG: the types and property names of schema.org (schema.org/ClaimReview, /Claim, /Rating,
/Organization, /Person, /CreativeWork, /Thing): each type's own properties plus those it inherits, and the
types a property's value may have (its range), for the properties a feed uses.
"""

from __future__ import annotations

import re

GOOGLE = {
    "ClaimReview": {"required": {"claimReviewed", "reviewRating", "url"},
                    "recommended": {"author", "datePublished", "itemReviewed"}},
    "Claim": {"required": set(), "recommended": {"appearance", "author", "datePublished", "firstAppearance"}},
    "Rating": {"required": {"alternateName"}, "recommended": {"bestRating", "name", "ratingValue", "worstRating"}},
    "Organization": {"required": {"name"}, "recommended": {"url"}},
}
CLAIM_REVIEWED_ADVISED = 75

_THING = {"name", "url", "alternateName", "description", "sameAs", "identifier", "image"}
_CREATIVE_WORK = _THING | {"author", "datePublished", "dateModified", "dateCreated", "headline", "publisher",
                           "creativeWorkStatus", "inLanguage", "text", "about", "mainEntityOfPage"}
_REVIEW = _CREATIVE_WORK | {"itemReviewed", "reviewRating", "reviewBody", "reviewAspect"}
# type -> (its parent, the properties it accepts, own and inherited)
SCHEMA_ORG = {
    "Thing": (None, _THING),
    "CreativeWork": ("Thing", _CREATIVE_WORK),
    "Review": ("CreativeWork", _REVIEW),
    "ClaimReview": ("Review", _REVIEW | {"claimReviewed"}),
    "Claim": ("CreativeWork", _CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"}),
    "Rating": ("Intangible", _THING | {"ratingValue", "bestRating", "worstRating", "author", "ratingExplanation",
                                       "reviewAspect"}),
    "Intangible": ("Thing", _THING),
    "Organization": ("Thing", _THING | {"legalName", "logo", "address"}),
    "Person": ("Thing", _THING | {"givenName", "familyName", "jobTitle", "affiliation"}),
}
# property -> the types its value may have: schema.org types, or the data types Text, URL, Date, DateTime, Number
RANGES = {
    "author": {"Organization", "Person"}, "publisher": {"Organization", "Person"},
    "itemReviewed": {"Thing"}, "reviewRating": {"Rating"},
    "appearance": {"CreativeWork"}, "firstAppearance": {"CreativeWork"},
    "claimReviewed": {"Text"}, "name": {"Text"}, "alternateName": {"Text"}, "headline": {"Text"},
    "creativeWorkStatus": {"Text"}, "url": {"URL"}, "sameAs": {"URL"},
    "datePublished": {"Date", "DateTime"}, "dateModified": {"Date", "DateTime"},
    "ratingValue": {"Number", "Text"}, "bestRating": {"Number", "Text"}, "worstRating": {"Number", "Text"},
}
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$")


def is_a(kind: str, wanted: str) -> bool:
    while kind is not None:
        if kind == wanted:
            return True
        kind = SCHEMA_ORG.get(kind, (None,))[0]
    return False


def _data_ok(value: object, kinds: set[str]) -> bool:
    checks = {"Text": lambda v: isinstance(v, str) and v.strip() != "",
              "URL": lambda v: isinstance(v, str) and re.match(r"^https?://[^\s/]+", v) is not None,
              "Date": lambda v: isinstance(v, str) and _DATE.match(v) is not None,
              "DateTime": lambda v: isinstance(v, str) and _DATETIME.match(v) is not None,
              "Number": lambda v: isinstance(v, int | float) and not isinstance(v, bool)}
    return any(checks[k](value) for k in kinds if k in checks)


# claimtrack's own top-level addition, outside schema.org (consumers ignore unknown properties): the audit head
# the feed was made at, so that a published review can be traced to a witnessed point of the audit chain.
EXTENSIONS = frozenset({"claimtrackAuditHead"})


def vocabulary_problems(node: dict, path: str = "$") -> list[str]:
    """Every type, property name and value type in `node` that schema.org does not define so."""
    problems = []
    kind = node.get("@type")
    if kind not in SCHEMA_ORG:
        return [f"{path}: unknown type {kind!r}"]
    allowed = SCHEMA_ORG[kind][1]
    for key, value in node.items():
        if key.startswith("@"):
            if key not in ("@type", "@context"):
                problems.append(f"{path}: unexpected keyword {key}")
            continue
        if path == "$" and kind == "ClaimReview" and key in EXTENSIONS:
            continue
        if key not in allowed:
            problems.append(f"{path}: {kind} has no property {key!r}")
            continue
        kinds = RANGES.get(key)
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}.{key}" + (f"[{i}]" if isinstance(value, list) else "")
            if isinstance(item, dict):
                if kinds and not any(is_a(item.get("@type"), k) for k in kinds if k in SCHEMA_ORG):
                    problems.append(f"{where}: a {item.get('@type')} where {sorted(kinds)} is expected")
                problems += vocabulary_problems(item, where)
            elif kinds and not _data_ok(item, kinds):
                problems.append(f"{where}: {item!r} is not {' or '.join(sorted(kinds))}")
    return problems


def google_missing(review: dict) -> tuple[list[str], list[str]]:
    """(missing required, missing recommended) properties, as `Type.property` paths."""
    required, recommended = [], []

    def check(node: dict, path: str) -> None:
        spec = GOOGLE.get(node.get("@type"))
        if spec:
            required.extend(f"{path}.{p}" for p in sorted(spec["required"] - set(node)))
            recommended.extend(f"{path}.{p}" for p in sorted(spec["recommended"] - set(node)))

    check(review, "ClaimReview")
    check(review.get("author", {}), "ClaimReview.author")
    check(review.get("reviewRating", {}), "ClaimReview.reviewRating")
    check(review.get("itemReviewed", {}), "ClaimReview.itemReviewed")
    return required, recommended
