"""Published fact-checks in the shapes the world publishes them, read into one plain record.

The one idea: every shape (an HTML page with embedded ClaimReview JSON-LD, a JSON-LD document or `@graph`,
a ClaimReview feed — a list, or a schema.org `DataFeed` as the Data Commons fact-check feed has it —, a Google
Fact Check Tools API response `claims[].claimReview[]`, or CSV with a column mapping such as the Cofacts dump)
becomes a list of `FactCheckRecord`s, each keeping its raw JSON, plus a `BadRecord` for every record that
cannot be used. A bad record never aborts the batch: it is reported and the others go on.

No database here and no network: `parse(data, name=…)` reads bytes already fetched.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from claimtrack.text.canonical import detect_language

MAX_TEXT = 20_000  # a claim (or a whole forwarded message) longer than this is cut for matching

# Rating words -> a value on 0 (false) .. 1 (true), for reviews that give no numeric rating. Lower-cased,
# compared after stripping punctuation; the longest matching phrase wins ("mostly false" before "false").
_RATING_WORDS = {
    "true": 1.0, "correct": 1.0, "accurate": 1.0, "real": 1.0, "正确": 1.0, "正確": 1.0, "属实": 1.0,
    "屬實": 1.0, "确实如此": 1.0, "確實如此": 1.0, "真实": 1.0, "真實": 1.0, "事实": 1.0, "事實": 1.0,
    "mostly true": 0.75, "largely true": 0.75, "基本属实": 0.75, "基本屬實": 0.75,
    "half true": 0.5, "half-true": 0.5, "mixture": 0.5, "mixed": 0.5, "partly true": 0.5, "partly false": 0.5,
    "部分正确": 0.5, "部分正確": 0.5, "部分属实": 0.5, "部分屬實": 0.5, "半真半假": 0.5,
    "mostly false": 0.25, "misleading": 0.25, "missing context": 0.25, "out of context": 0.25, "exaggerated": 0.25,
    "误导": 0.25, "誤導": 0.25, "易生误解": 0.25, "易生誤解": 0.25, "含有錯誤訊息": 0.25, "含有个人意见": 0.5,
    "false": 0.0, "incorrect": 0.0, "fake": 0.0, "pants on fire": 0.0, "hoax": 0.0, "fabricated": 0.0,
    "错误": 0.0, "錯誤": 0.0, "谣言": 0.0, "謠言": 0.0, "不实": 0.0, "不實": 0.0, "假": 0.0, "虚假": 0.0,
    "虛假": 0.0, "伪科学": 0.0, "偽科學": 0.0, "含有不实讯息": 0.0, "含有不實訊息": 0.0, "rumor": 0.0, "rumour": 0.0,
}
_RATING_KEYS = sorted(_RATING_WORDS, key=len, reverse=True)
_LD_JSON = re.compile(rb"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[^>]*>(.*?)</script\s*>", re.I | re.S)

# CSV columns recognised without a mapping (first match wins), and the field each fills.
CSV_DEFAULTS = {
    "claim": ("claim", "claimreviewed", "claim_reviewed", "text", "message", "claim_text"),
    "rating": ("rating", "textualrating", "textual_rating", "reply_type", "verdict", "rating_text"),
    "url": ("url", "review_url", "reviewurl", "link"),
    "date": ("date", "datepublished", "date_published", "review_date", "reviewdate", "createdat", "created_at"),
    "publisher": ("publisher", "author", "organisation", "organization", "site"),
    "language": ("language", "lang", "inlanguage", "languagecode"),
    "claimant": ("claimant", "claim_author", "speaker"),
    "review": ("review", "reply_text", "rationale", "explanation", "text_reply"),
    "licence": ("licence", "license"),
}


@dataclass(frozen=True)
class FactCheckRecord:
    """One published fact-check, normalised; `raw` is the record as it came (JSON-serialisable)."""

    claim: str
    url: str | None
    publisher: str | None
    rating: str | None
    rating_value: float | None  # 0 (false) .. 1 (true), or None when the rating says neither
    date: str | None  # ISO 8601 date or date-time, as published
    language: str | None
    claimant: str | None = None
    licence: str | None = None
    review: str | None = None  # the review's own text (a Cofacts reply), when the source carries it
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be used, and why (`where` names it: "record 3", "row 17")."""

    where: str
    reason: str


def parse(data: bytes, *, name: str, content_type: str | None = None, mapping: dict[str, str] | None = None,
          defaults: dict[str, str] | None = None) -> list[FactCheckRecord | BadRecord]:
    """Every fact-check in `data` (named `name`, e.g. a file path or URL), in document order.

    `mapping` names CSV columns for fields (`{"claim": "message", "rating": "reply_type"}`); `defaults`
    fills fields a source leaves out (`{"publisher": "Cofacts", "licence": "CC BY-SA 4.0"}`).
    """
    kind = sniff(data, name=name, content_type=content_type)
    if kind == "csv":
        found = list(_from_csv(data, mapping or {}))
    else:
        documents = _json_documents(data) if kind == "json" else list(_ld_blocks(data))
        if not documents:
            return [BadRecord(name, "no ClaimReview found (no JSON-LD block, JSON feed or API response)")]
        found = [r for doc in documents for r in _from_json(doc)]
        if not found:
            return [BadRecord(name, "no ClaimReview found in its JSON")]
    return [_with_defaults(r, defaults or {}) if isinstance(r, FactCheckRecord) else r for r in found]


def sniff(data: bytes, *, name: str, content_type: str | None) -> str:
    """"csv", "json" or "html", from the content type, the name's extension, then the bytes themselves."""
    media = (content_type or "").split(";")[0].strip().lower()
    lowered = name.lower().split("?")[0]
    if media in ("text/csv", "application/csv") or lowered.endswith((".csv", ".tsv")):
        return "csv"
    if media.endswith("json") or lowered.endswith((".json", ".jsonld", ".jsonl")):
        return "json"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "json" if head[:1] in (b"{", b"[") else "html"


def _json_documents(data: bytes) -> list[Any]:
    text = data.decode("utf-8-sig", errors="replace")
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        pass
    docs = []  # JSON Lines: one document a line
    for line in text.splitlines():
        line = line.strip()
        if line:
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return docs


def _ld_blocks(data: bytes) -> Iterator[Any]:
    for block in _LD_JSON.findall(data):
        text = block.decode("utf-8", errors="replace").strip()
        text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$", "", text)  # CDATA wrappers
        try:
            yield json.loads(text)
        except json.JSONDecodeError:
            continue


def _from_json(doc: Any) -> Iterator[FactCheckRecord | BadRecord]:
    """ClaimReviews in any of the JSON shapes, found by walking lists, `@graph`, feeds and API responses."""
    counter = iter(range(1, 10**9))
    for node in _nodes(doc):
        n = next(counter)
        try:
            if "claimReview" in node and isinstance(node.get("claimReview"), list):  # Google API claim
                for review in node["claimReview"]:
                    yield _from_api(node, review)
            else:
                yield _from_claimreview(node)
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            yield BadRecord(f"record {n}", f"unreadable ClaimReview ({type(exc).__name__})")


def _nodes(doc: Any) -> Iterator[dict[str, Any]]:
    """ClaimReview objects and Fact Check API claims inside `doc`, depth first, in order."""
    if isinstance(doc, list):
        for item in doc:
            yield from _nodes(item)
        return
    if not isinstance(doc, dict):
        return
    if _is_type(doc, "ClaimReview") or (isinstance(doc.get("claimReview"), list) and "text" in doc):
        yield doc
        return
    for key in ("@graph", "claims", "dataFeedElement", "item", "itemListElement", "mainEntity", "review"):
        if key in doc:
            yield from _nodes(doc[key])


def _is_type(node: dict[str, Any], name: str) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == name for k in kinds)


def _from_claimreview(node: dict[str, Any]) -> FactCheckRecord | BadRecord:
    claim = _text(node.get("claimReviewed")) or _text(_get(node, "itemReviewed", "name"))
    if not claim:
        return BadRecord(_text(node.get("url")) or "record", "ClaimReview without claimReviewed")
    rating = node.get("reviewRating") if isinstance(node.get("reviewRating"), dict) else {}
    rating_text = _text(rating.get("alternateName")) or _text(rating.get("name"))
    item = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    return FactCheckRecord(
        claim=claim[:MAX_TEXT],
        url=_url(node.get("url")),
        publisher=_name(node.get("author")) or _name(node.get("publisher")),
        rating=rating_text,
        rating_value=_numeric_rating(rating) if _numeric_rating(rating) is not None else rating_value(rating_text),
        date=_date(node.get("datePublished")) or _date(node.get("dateCreated")),
        language=_language(node.get("inLanguage")) or detect_language(claim),
        claimant=_name(item.get("author")),
        licence=_text(node.get("license")) or _text(node.get("license")),
        raw=node,
    )


def _from_api(claim_node: dict[str, Any], review: dict[str, Any]) -> FactCheckRecord | BadRecord:
    claim = _text(claim_node.get("text"))
    if not claim:
        return BadRecord(_text(review.get("url")) or "claim", "Fact Check API claim without text")
    rating_text = _text(review.get("textualRating"))
    return FactCheckRecord(
        claim=claim[:MAX_TEXT],
        url=_url(review.get("url")),
        publisher=_name(review.get("publisher")),
        rating=rating_text,
        rating_value=rating_value(rating_text),
        date=_date(review.get("reviewDate")) or _date(claim_node.get("claimDate")),
        language=_language(review.get("languageCode")) or detect_language(claim),
        claimant=_text(claim_node.get("claimant")),
        raw={"claim": {k: v for k, v in claim_node.items() if k != "claimReview"}, "claimReview": review},
    )


def _from_csv(data: bytes, mapping: dict[str, str]) -> Iterator[FactCheckRecord | BadRecord]:
    text = data.decode("utf-8-sig", errors="replace")
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {h.strip().lower(): h for h in reader.fieldnames or []}
    columns = {}
    for field_name, names in CSV_DEFAULTS.items():
        wanted = mapping.get(field_name)
        if wanted is not None:
            if wanted.strip().lower() not in header:
                yield BadRecord("header", f"no column {wanted!r} for {field_name}")
                return
            columns[field_name] = header[wanted.strip().lower()]
        else:
            columns[field_name] = next((header[n] for n in names if n in header), None)
    if columns["claim"] is None:
        yield BadRecord("header", "no claim column (name one with --map claim=COLUMN)")
        return
    for n, row in enumerate(reader, start=2):
        get = {k: (row.get(c) or "").strip() or None if c else None for k, c in columns.items()}
        if not get["claim"]:
            yield BadRecord(f"row {n}", "empty claim")
            continue
        yield FactCheckRecord(
            claim=get["claim"][:MAX_TEXT], url=_url(get["url"]), publisher=get["publisher"], rating=get["rating"],
            rating_value=rating_value(get["rating"]), date=_date(get["date"]),
            language=_language(get["language"]) or detect_language(get["claim"]), claimant=get["claimant"],
            licence=get["licence"], review=get["review"], raw={k: v for k, v in row.items() if k is not None})


def _with_defaults(record: FactCheckRecord, defaults: dict[str, str]) -> FactCheckRecord:
    from dataclasses import replace

    missing = {k: v for k, v in defaults.items() if getattr(record, k, "x") in (None, "")}
    return replace(record, **missing) if missing else record


def rating_value(text: str | None) -> float | None:
    """0..1 from a rating's words ("Mostly false" -> 0.25, "謠言" -> 0), None when they say neither."""
    if not text:
        return None
    folded = re.sub(r"[\s\-_/.,!?！。:：]+", " ", text.casefold()).strip()
    for key in _RATING_KEYS:
        if key in folded or key.replace(" ", "-") in text.casefold():
            return _RATING_WORDS[key]
    return None


def _numeric_rating(rating: dict[str, Any]) -> float | None:
    try:
        value, best, worst = (float(rating[k]) for k in ("ratingValue", "bestRating", "worstRating"))
    except (KeyError, TypeError, ValueError):
        return None
    if best == worst or not min(best, worst) <= value <= max(best, worst):
        return None
    return round((value - worst) / (best - worst), 4)


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | dict)), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return _text(value.get("name") if isinstance(value, dict) else value)


def _url(value: Any) -> str | None:
    value = _text(value.get("@id") or value.get("url") if isinstance(value, dict) else value)
    return value if value and re.match(r"https?://", value, re.I) else None


def _date(value: Any) -> str | None:
    value = _text(value)
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?", value)
    if not m:
        m2 = re.match(r"(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})", value)
        return f"{int(m2[1]):04d}-{int(m2[2]):02d}-{int(m2[3]):02d}" if m2 else None
    day = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return f"{day}T{m[4]}" if m[4] else day


def _language(value: Any) -> str | None:
    value = _text(value)
    return value.split("-")[0].split("_")[0].lower() if value else None
