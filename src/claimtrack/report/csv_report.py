"""The CSV report: one row per claim (or per mention with `--per mention`), streamed, safe to open in Excel.

The one idea: a spreadsheet evaluates a cell that starts with `=`, `+`, `-` or `@` (also after leading
whitespace), and some also treat a leading tab or carriage return as the start of a formula. Any text
cell that would look like that is prefixed with `'`, which spreadsheets show as text and never evaluate
(OWASP "CSV injection"). Numbers we produce ourselves are written as numbers. Multi-valued fields
(reasons, quantities, evidence) are joined with ` | ` in id order. UTF-8, RFC 4180 quoting and CRLF line
ends; `--bom` adds a byte-order mark so that Excel detects UTF-8.
"""

from __future__ import annotations

import csv

from claimtrack.report.model import Record, Report, current_verdict, first_article

_TRIGGERS = ("=", "+", "-", "@")

CLAIM_COLUMNS = (
    "claim_id", "text", "status", "rating", "score", "reasons", "language", "created_at", "quantities",
    "mentions", "first_article_title", "first_article_url", "verdict_rationale", "verdict_reviewer",
    "verdict_at", "approved_by", "approved_at", "verdicts", "evidence", "evidence_links", "dismissal_reason",
)
HEAD_COLUMNS = ("audit_sequence", "audit_head")
MENTION_COLUMNS = (
    "claim_id", "claim_text", "status", "rating", "mention_id", "article_id", "article_title", "article_url",
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
    writer.writerow((MENTION_COLUMNS if per_mention else CLAIM_COLUMNS) + HEAD_COLUMNS)
    count = 0
    for record in report.claims():
        rows = _mention_rows(record) if per_mention else [_claim_row(record)]
        for row in rows:
            writer.writerow([_cell(v) for v in row] + [head["sequence"], head["hash"]])
            count += 1
    return count


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralise(value)


def _joined(values) -> str:
    return " | ".join(str(v) for v in values)


def _claim_row(record: Record) -> list[object]:
    verdict = current_verdict(record) or {}
    article = first_article(record) or {}
    dismissal = record["dismissals"][-1]["reason"] if record["dismissals"] else None
    return [
        record["id"], record["text"], record["status"], record["rating"], record["score"],
        _joined(record["reasons"]), record["language"], record["created_at"],
        _joined(q["text"] for q in record["quantities"]), len(record["mentions"]), article.get("title"),
        article.get("url") or article.get("source"), verdict.get("rationale"), verdict.get("reviewer"),
        verdict.get("created_at"), verdict.get("approved_by"), verdict.get("approved_at"), len(record["verdicts"]),
        _joined(f"{e['stance']}: {e['url']}" for e in record["evidence"]),
        _joined(e["capture"]["outcome"] if e["capture"] else "not_captured" for e in record["evidence"]),
        dismissal,
    ]


def _mention_rows(record: Record) -> list[list[object]]:
    return [[
        record["id"], record["text"], record["status"], record["rating"], m["id"], m["article"]["id"],
        m["article"]["title"], m["article"]["url"] or m["article"]["source"], m["version"]["id"],
        m["version"]["number"], m["version"]["text_sha256"], m["start"], m["end"], m["prefix"], m["quote"],
        m["suffix"], m["orphaned"],
    ] for m in record["mentions"]]
