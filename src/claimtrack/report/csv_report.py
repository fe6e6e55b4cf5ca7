"""The CSV report: one row per claim (or per mention with `--per mention`), streamed, safe to open in Excel.

The one idea: a spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (also after leading
whitespace), and some also treat a leading tab or carriage return as the start of a formula. Any text
cell that would look like that is prefixed with `'`, which spreadsheets show as text and never evaluate
(OWASP "CSV injection"). Numbers we produce ourselves are written as numbers. Multi-valued fields
(reasons, quantities) are joined with ` | ` in id order; the first few evidence links get columns of their
own (`evidence_1_url`, `evidence_1_stance`, ...). Scores have two decimals, times are `YYYY-MM-DD HH:MM:SS`
in UTC (what spreadsheets read as a time), and `--per mention` repeats the claim's columns under the same
names before the mention's own. UTF-8 with a byte-order mark so that Excel detects it (`--no-bom` leaves it
out), RFC 4180 quoting and CRLF line ends.
"""

from __future__ import annotations

import csv

from claimtrack.report.model import (
    Record,
    Report,
    current_verdict,
    elsewhere_text,
    first_article,
    published_verdict,
)

_TRIGGERS = ("=", "+", "-", "@")
EVIDENCE_COLUMNS = 3  # the first N evidence links get columns of their own; evidence_count says how many in all

CLAIM_COLUMNS = (
    "claim_id", "claim_text", "summary", "claimant", "status", "rating", "rating_label", "verdict_approved",
    "published_rating", "score", "reasons", "language", "created_at", "quantities", "mentions", "article_title",
    "article_url", "article_source", "verdict_rationale", "verdict_reviewer", "verdict_at", "approved_by",
    "approved_at", "verdicts",
    *(f"evidence_{i}_{part}" for i in range(1, EVIDENCE_COLUMNS + 1) for part in ("url", "stance", "capture", "note")),
    "evidence_count", "dismissal_reason", "evidence_since_verdict", "evidence_records", "checked_elsewhere",
)
HEAD_COLUMNS = ("audit_sequence", "audit_head")  # every row: the audit head the report was made at
# --per mention: the claim's columns (same names, same values) and then the mention's own
MENTION_COLUMNS = CLAIM_COLUMNS + (
    "mention_id", "mention_article_id", "mention_article_title", "mention_article_url", "mention_article_source",
    "version_id", "version_number", "text_sha256", "start", "end", "prefix", "quote", "suffix", "orphaned",
)


def neutralise(value: object) -> object:
    """`value` made safe for a spreadsheet: text that could start a formula gets a leading `'`."""
    if not isinstance(value, str):
        return value
    if value[:1] in ("\t", "\r") or value.lstrip()[:1] in _TRIGGERS:
        return "'" + value
    return value


def render(report: Report, sink) -> int:
    """Write the header and one row per claim (or mention) to `sink`; the number of data rows."""
    if report.bom:
        sink.write("\ufeff")
    writer = csv.writer(sink, lineterminator="\r\n")
    per_mention = report.per == "mention"
    head = report.about["integrity"]["head"]  # every row carries the audit head the report was made at
    # the head columns follow the claim's, so both modes share the claim's columns (and the head) as a prefix
    writer.writerow(CLAIM_COLUMNS + HEAD_COLUMNS + (MENTION_COLUMNS[len(CLAIM_COLUMNS):] if per_mention else ()))
    labels = {r.slug: r.label for r in report.ratings}
    count = 0
    for record in report.claims():
        claim = _claim_row(record, labels) + [head["sequence"], head["hash"]]
        rows = [claim + _mention_cells(m) for m in record["mentions"]] if per_mention else [claim]
        for row in rows:
            writer.writerow([_cell(v) for v in row])
            count += 1
    return count


def spreadsheet_time(stamp: str | None) -> str | None:
    """`2026-01-01T00:00:05.000000Z` -> `2026-01-01 00:00:05` (UTC, what spreadsheets parse as a time)."""
    return f"{stamp[:10]} {stamp[11:19]}" if stamp else None


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def _joined(values) -> str:
    return " | ".join(str(v) for v in values)


def _claim_row(record: Record, labels: dict[str, str]) -> list[object]:
    verdict = current_verdict(record) or {}
    published = published_verdict(record)
    article = first_article(record) or {}
    first = record["mentions"][0] if record["mentions"] else {}
    details = record["details"]
    dismissal = record["dismissals"][-1]["reason"] if record["dismissals"] else None
    return [
        record["id"], record["text"], details["summary"], details["claimant"], record["status"], record["rating"],
        labels.get(record["rating"], record["rating"]) if record["rating"] else None,
        ("yes" if verdict.get("approved_at") else "no") if verdict else None,
        published["rating"] if published else None, f"{record['score']:.2f}", _joined(record["reasons"]),
        record["language"], spreadsheet_time(record["created_at"]), _joined(q["text"] for q in record["quantities"]),
        len(record["mentions"]), article.get("title"), first.get("public_url"), article.get("source"),
        verdict.get("rationale"), verdict.get("reviewer"), spreadsheet_time(verdict.get("created_at")),
        verdict.get("approved_by"), spreadsheet_time(verdict.get("approved_at")), len(record["verdicts"]),
        *_evidence_cells(record["evidence"]), len(record["evidence"]), dismissal,
        _joined("retracted" if e.get("retracted") else e.get("since_verdict") or "-" for e in record["evidence"]),
        _joined(e.get("warc_record_id") or "-" for e in record["evidence"]),
        _joined(elsewhere_text(s) for s in record.get("checked_elsewhere", [])),
    ]


def _evidence_cells(evidence: list[Record]) -> list[object]:
    cells: list[object] = []
    for i in range(EVIDENCE_COLUMNS):
        e = evidence[i] if i < len(evidence) else None
        capture = (e["capture"]["outcome"] if e["capture"] else "not_captured") if e else None
        stance = e and (f"{e['stance']} (retracted)" if e.get("retracted") else e["stance"])
        cells += [e["url"], stance, capture, e["note"]] if e else [None] * 4
    return cells


def _mention_cells(m: Record) -> list[object]:
    return [m["id"], m["article"]["id"], m["article"]["title"], m["public_url"], m["article"]["source"],
            m["version"]["id"], m["version"]["number"], m["version"]["text_sha256"], m["start"], m["end"],
            m["prefix"], m["quote"], m["suffix"], m["orphaned"]]
