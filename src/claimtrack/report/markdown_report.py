"""The Markdown report: readable in a terminal pager as plain text, and rendered on a code host.

The one idea: untrusted text (articles, reviewers, fetched pages) never starts a line and never carries
markup. `md()` strips terminal escape sequences and control characters, folds line breaks into spaces,
backslash-escapes every character with inline meaning in CommonMark/GFM (emphasis, code, links, raw HTML,
entities, tables, strikethrough, math) and the first character when it could open a block. So
`<script>` arrives as the visible text `<script>`, never as HTML, and a claim cannot fake a heading.
The summary comes first (a first pass over the claims), then one section per claim (streamed).
"""

from __future__ import annotations

import re

from claimtrack.text.sanitize import clean
from claimtrack.report.model import Record, Report, Summary, duration_text, elsewhere_text

_INLINE = re.compile(r"([\\`*_\[\]<>&|~$!])")
_BLOCK_START = re.compile(r"^(?:([#+\-=>])|(\d+)([.)]))")
_SPACE = re.compile(r"\s+")


def md(value: object, empty: str = "—") -> str:
    """Untrusted text as inert Markdown on one line (`empty` for no text)."""
    if value is None or value == "":
        return empty
    text = _SPACE.sub(" ", clean(str(value))).strip()
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def render(report: Report, sink) -> int:
    """Write the header, the summary, then one section per claim; the number of claims."""
    about = report.about
    sink.write(_header(about))
    sink.write(_summary(report.summarise(), report))
    sink.write("## Claims\n")
    count = 0
    for record in report.claims():
        sink.write(_claim(record))
        count += 1
    if not count:
        sink.write("\nNo claim had activity in this window.\n")
    return count


def _header(about: Record) -> str:
    scope, chain = about["scope"], about["integrity"]["audit_verify"]
    verdict = "verified" if chain["ok"] else f"BROKEN at event {chain['bad_event']}: {md(chain['problem'])}"
    return (
        f"# Claim report: {md(about['organisation'] or 'claimtrack')}\n\n"
        f"- Generated: {about['generated_at']} by {about['generator']}\n"
        f"- Scope: since {scope['since'] or 'the beginning'}, until {scope['until'] or 'the generation time'} "
        f"({scope['mode']}); {scope['rule']}\n"
        f"- Audit chain: {verdict}, {chain['events']} events, head `{about['integrity']['audit_head']}`\n\n"
    )


def _summary(summary: Summary, report: Report) -> str:
    data = summary.as_dict()
    lines = ["## Summary", "", f"{data['claims']} claim(s) in scope.", "", "| Rating | Claims |", "|---|--:|"]
    lines += [f"| {md(name)} | {n} |" for name, n in data["by_rating"].items()]
    lines += ["", "| Status | Claims |", "|---|--:|"]
    lines += [f"| {md(name)} | {n} |" for name, n in data["by_status"].items()] or ["| — | 0 |"]
    lines += ["", "| Reviewer | Verdicts | Approvals | Dismissals |", "|---|--:|--:|--:|"]
    lines += [f"| {md(name)} | {c['verdicts']} | {c['approvals']} | {c['dismissals']} |"
              for name, c in data["reviewers"].items()] or ["| — | 0 | 0 | 0 |"]
    links = ", ".join(f"{name} {n}" for name, n in data["evidence_links"].items()) or "no evidence"
    median = data["median_seconds_to_first_verdict"]
    lines += ["", f"- Evidence links (latest capture): {links}",
              f"- Median time from import to first verdict: {duration_text(median)}"
              f" ({data['rated_claims_timed']} claim(s))", "", ""]
    return "\n".join(lines)


def _claim(record: Record) -> str:
    rating = record["rating"] or "unrated"
    lines = [f"\n### Claim {record['id']}: {md(rating)} ({record['status']})", "", f"> {md(record['text'])}", "",
             f"- Score: {record['score']:.2f} ({md(', '.join(record['reasons']))}); created {record['created_at']}"]
    if record["quantities"]:
        lines.append("- Quantities: " + "; ".join(md(q["text"]) for q in record["quantities"]))
    lines += [_mention(m) for m in record["mentions"]]
    lines += [_evidence(e) for e in record["evidence"]]
    lines += [_verdict(v) for v in record["verdicts"]]
    lines += [f"- Dismissed by {md(d['reviewer'])} at {d['created_at']}: {md(d['reason'])}"
              for d in record["dismissals"]]
    lines += [f"- Checked elsewhere: {md(elsewhere_text(s))}" for s in record.get("checked_elsewhere", [])]
    return "\n".join(lines) + "\n"


def _mention(m: Record) -> str:
    article, version = m["article"], m["version"]
    where = "orphaned" if m["orphaned"] else f"chars {m['start']}–{m['end']}"
    return (f"- Mention {m['id']} in article {article['id']} “{md(article['title'])}”, "
            f"{md(article['url'] or article['source'])}, version {version['number']} "
            f"(text sha256 `{version['text_sha256']}`), {where}:  \n"
            f"  …{md(m['prefix'], '')} **{md(m['quote'])}** {md(m['suffix'], '')}…")


def _evidence(e: Record) -> str:
    capture = e["capture"]
    state = ("not captured" if capture is None else
             f"capture {capture['outcome']} {capture['status'] or ''} at {capture['fetched_at']}, "
             f"sha256 `{capture['sha256'] or '—'}`")
    flag = f" **{e['since_verdict'].upper()} SINCE THE VERDICT**" if e.get("since_verdict") in ("changed", "dead") else ""
    copy = f", captured copy `{e['warc_record_id']}`" if e.get("warc_record_id") else ""
    return (f"- Evidence {e['id']} ({e['stance']}{_retracted(e)}): {md(e['url'])}: {md(e['note'])} "
            f"({state}{copy}){flag}")


def _retracted(row: Record) -> str:
    r = row.get("retracted")
    return f", RETRACTED by {md(r['reviewer'])} at {r['created_at']}: {md(r['reason'])}" if r else ""


def _verdict(v: Record) -> str:
    approval = f", approved by {md(v['approved_by'])} at {v['approved_at']}" if v["approved_by"] else ""
    state = "retracted" if v.get("retracted") else "current" if v["current"] else "superseded"
    unapproved = "".join(f", approved by {md(a['approved_by'])} at {a['approved_at']} (approval RETRACTED by "
                         f"{md(a['retracted']['reviewer'])} at {a['retracted']['created_at']})"
                         for a in v.get("retracted_approvals", []))
    return (f"- Verdict {v['id']} ({state}{_retracted(v)}): {md(v['rating'])} by {md(v['reviewer'])} at "
            f"{v['created_at']}{unapproved}{approval}: {md(v['rationale'])}")
