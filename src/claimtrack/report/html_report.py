"""The HTML report: one self-contained, printable page with a verdict chart and each claim in context.

The one idea: the page is untrusted-text-in, inert-page-out. Jinja2 renders it with autoescape on for
every value (articles, reviewers and fetched pages are all untrusted); the only markup not escaped is our
own stylesheet. Links are made only from http(s) URLs; anything else (`javascript:`, `data:`) is shown as
text. A Content-Security-Policy meta tag allows nothing but that one stylesheet (by its hash), so even an
escaping bug could not run a script or load a remote resource. The verdict chart is inline SVG built from
numbers. Jinja2 is imported only here, when an HTML report is written; the page streams via `generate()`.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from importlib import resources
from urllib.parse import urlsplit

from markupsafe import Markup

from claimtrack.text.sanitize import clean
from claimtrack.report.model import Record, Report, Summary, duration_text

PALETTE = ("#1a7f37", "#58a55c", "#d4a72c", "#e36f3a", "#b42318", "#8250df", "#6e7781")
BAR_MAX, LABEL_WIDTH, ROW = 320, 140, 24


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
    env.filters["safe_url"] = safe_url
    style = resources.files("claimtrack.report").joinpath("templates/report.css").read_text("utf-8")
    summary = report.summarise()
    counted = _Counted(report.claims())
    page = env.get_template("report.html.j2").generate(
        about=report.about, summary=summary.as_dict(), chart=chart(summary), claims=counted,
        median=duration_text(summary.as_dict()["median_seconds_to_first_verdict"]), style=Markup(style),
        csp=Markup(content_security_policy(style)))
    for chunk in page:
        sink.write(chunk)
    return counted.count


def _plain(value: object) -> object:
    """Every value printed: control and bidi-override characters dropped (escaping happens after this)."""
    return clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value


def content_security_policy(style: str) -> str:
    """Nothing may load or run; the one inline stylesheet is allowed by its hash."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; "
            "form-action 'none'")


def chart(summary: Summary) -> Record:
    """Bar geometry (integers only) for the verdict distribution, in scale order."""
    counts = summary.as_dict()["by_rating"]
    top = max(counts.values(), default=0) or 1
    bars = [{"label": name, "count": n, "y": i * ROW, "width": n * BAR_MAX // top,
             "fill": PALETTE[i % len(PALETTE)]} for i, (name, n) in enumerate(counts.items())]
    return {"bars": bars, "label_width": LABEL_WIDTH, "width": LABEL_WIDTH + BAR_MAX + 60,
            "height": max(len(bars), 1) * ROW + 4}


class _Counted:
    """An iterator that counts what it hands out (a Jinja loop over a generator cannot)."""

    def __init__(self, items: Iterator[Record]) -> None:
        self._items = iter(items)
        self.count = 0

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> Record:
        item = next(self._items)
        self.count += 1
        return item
