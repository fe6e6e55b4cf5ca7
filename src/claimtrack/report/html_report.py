"""The HTML report: one self-contained, printable page with a verdict chart and each claim in context.

An editor's digest first: the claims whose verdict was approved ("checked in this window") come first,
then those awaiting approval, those not yet rated and the dismissed, with a table of contents; ratings are
coloured badges that also say their label (every colour pair meets WCAG AA contrast, 4.5:1); times are
human dates in `[report] timezone`; captions name the outlet and the public URL; hashes are shortened to 12
characters (enough to find the row; one click selects them, the full value is the tooltip); a mention shows
the whole sentence before and after it.

The one idea for safety: the page is untrusted-text-in, inert-page-out. Jinja2 renders it with autoescape on for
every value (articles, reviewers and fetched pages are all untrusted); the only markup not escaped is our
own stylesheet. Links are made only from http(s) URLs; anything else (`javascript:`, `data:`) is shown as
text. A Content-Security-Policy meta tag allows nothing but that one stylesheet (by its hash), so even an
escaping bug could not run a script or load a remote resource. The verdict chart is inline SVG built from
numbers. Jinja2 is imported only here, when an HTML report is written; the page streams via `generate()`,
one pass over the claims per section (memory stays flat; the first pass counts and lists the checked).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from claimtrack.text.sanitize import clean
from claimtrack.report.model import Record, Report, Summary, current_verdict, duration_text, published_verdict

# best -> worst, then for ratings without a number; white text on each passes WCAG AA (tests/report/test_html.py)
SCALE_COLOURS = ("#116329", "#3f6e12", "#7d5a00", "#a4400b", "#b3261e")
OFF_SCALE_COLOURS = ("#6f42c1", "#57606a", "#8a3b70")
BADGE_TEXT = "#ffffff"
BAR_MAX, LABEL_WIDTH, ROW = 320, 140, 24
SECTIONS = (("checked", "Checked in this window", "Approved verdicts: what may be published."),
            ("awaiting", "Awaiting approval", "Rated, waiting for a second reviewer."),
            ("open", "Not yet rated", "Unreviewed claims and claims in review, in the order they were found."),
            ("dismissed", "Dismissed", "Claims a reviewer judged not check-worthy."))
HASH_SHOWN = 12


def safe_url(value: str | None) -> str | None:
    """`value` if it is an http(s) URL with a host, else None (never a link to javascript: or data:)."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    return value.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def render(report: Report, sink) -> int:
    """Stream the page into `sink`; the number of claims."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("claimtrack.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      finalize=_plain)
    zone = ZoneInfo(report.timezone)
    summary, sections, toc = _first_pass(report)
    colours = badge_colours(report.ratings, summary.ratings())
    env.filters.update(safe_url=safe_url, when=lambda stamp: human_time(stamp, zone), short=short_hash,
                       outlet=outlet, rating_class=lambda slug: rating_class(slug, colours))
    style = resources.files("claimtrack.report").joinpath("templates/report.css").read_text("utf-8")
    style += rating_css(colours)
    labels = {r.slug: r.label for r in report.ratings}
    page = env.get_template("report.html.j2").generate(
        about=report.about, summary=summary.as_dict(), chart=chart(summary, colours, labels),
        sections=[{"id": key, "title": title, "note": note, "count": sections[key],
                   "claims": _section(report, key)} for key, title, note in SECTIONS],
        toc=toc, colours=colours, labels=labels, timezone=report.timezone, view=card_view,
        median=duration_text(summary.as_dict()["median_seconds_to_first_verdict"]), style=Markup(style),
        csp=Markup(content_security_policy(style)))
    for chunk in page:
        sink.write(chunk)
    return summary.claims


def section_of(record: Record) -> str:
    """Which part of the digest a claim belongs to."""
    if record["status"] == "dismissed":
        return "dismissed"
    if record["published_verdict"] is not None:
        return "checked"
    return "awaiting" if record["current_verdict"] is not None else "open"


def _first_pass(report: Report) -> tuple[Summary, dict[str, int], list[Record]]:
    """The summary, each section's size and the table of contents of the checked claims (few and small)."""
    summary = Summary(report.scale)
    counts = dict.fromkeys((key for key, _, _ in SECTIONS), 0)
    toc = []
    for record in report.claims():
        summary.add(record)
        key = section_of(record)
        counts[key] += 1
        if key == "checked":
            verdict = published_verdict(record)
            toc.append({"id": record["id"], "headline": record["details"]["summary"] or record["text"],
                        "rating": verdict["rating"] if verdict else None})
    return summary, counts, toc


def _section(report: Report, key: str) -> Iterator[Record]:
    return (record for record in report.claims() if section_of(record) == key)


def card_view(record: Record) -> Record:
    """What a claim's card shows: the verdict to lead with and whether a newer one awaits approval."""
    shown = published_verdict(record) or current_verdict(record)
    current = current_verdict(record)
    return {"verdict": shown, "newer_pending": bool(current and shown and current["id"] != shown["id"]),
            "pending": current if current and not current["approved_at"] else None}


def human_time(stamp: str | None, zone: ZoneInfo) -> str:
    """`2026-01-01T00:00:05.000000Z` as `1 Jan 2026, 08:00 CST` in the report's time zone."""
    if not stamp:
        return "—"
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).astimezone(zone)
    return f"{moment.day} {moment:%b %Y, %H:%M} {moment.tzname()}"


def short_hash(value: str | None) -> str:
    return (value or "")[:HASH_SHOWN]


def outlet(article: Record, public: str | None) -> str:
    """The outlet a reader knows: the article's site, else the public URL's host, else where it came from."""
    if article.get("site"):
        return article["site"]
    if public:
        host = urlsplit(public).hostname or ""
        return host.removeprefix("www.")
    source = article.get("source") or ""
    return "standard input" if source.startswith("stdin:") else "a local file"


def badge_colours(ratings, names: list[str]) -> dict[str, str]:
    """A background colour per rating: numbered ratings from green (best) to red (worst), others apart."""
    numbers = sorted({r.value for r in ratings if r.value is not None})
    colours, others = {}, 0
    for rating in ratings:
        if rating.value is None or len(numbers) < 2:
            colours[rating.slug] = OFF_SCALE_COLOURS[others % len(OFF_SCALE_COLOURS)]
            others += 1
            continue
        position = (numbers[-1] - rating.value) / (numbers[-1] - numbers[0])
        colours[rating.slug] = SCALE_COLOURS[round(position * (len(SCALE_COLOURS) - 1))]
    for name in names:
        colours.setdefault(name, OFF_SCALE_COLOURS[1])
    return colours


def rating_class(slug: str, colours: dict[str, str]) -> str:
    """The CSS class of a rating's badge (a slug that is not a plain word gets the neutral one)."""
    return f"r-{slug}" if slug in colours and re.fullmatch(r"[A-Za-z0-9_-]{1,40}", slug) else "r-other"


def rating_css(colours: dict[str, str]) -> str:
    """One rule per rating colour, appended to the stylesheet (the CSP allows no inline style attribute)."""
    rules = [f".badge.r-other {{ background: {OFF_SCALE_COLOURS[1]}; color: {BADGE_TEXT}; }}"]
    rules += [f".badge.r-{slug} {{ background: {colour}; color: {BADGE_TEXT}; }}"
              for slug, colour in colours.items() if rating_class(slug, colours) != "r-other"]
    return "\n".join(rules) + "\n"


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _plain(value: object) -> object:
    """Every value printed: control and bidi-override characters dropped (escaping happens after this)."""
    return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def content_security_policy(style: str) -> str:
    """Nothing may load or run; the one inline stylesheet is allowed by its hash."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; "
            "form-action 'none'")


def chart(summary: Summary, colours: dict[str, str] | None = None, labels: dict[str, str] | None = None) -> Record:
    """Bar geometry (integers only) for the verdict distribution, in scale order."""
    counts = summary.as_dict()["by_rating"]
    top = max(counts.values(), default=0) or 1
    colours, labels = colours or {}, labels or {}
    bars = [{"label": labels.get(name, name), "count": n, "y": i * ROW, "width": n * BAR_MAX // top,
             "fill": colours.get(name, OFF_SCALE_COLOURS[1])} for i, (name, n) in enumerate(counts.items())]
    return {"bars": bars, "label_width": LABEL_WIDTH, "width": LABEL_WIDTH + BAR_MAX + 60,
            "height": max(len(bars), 1) * ROW + 4}
