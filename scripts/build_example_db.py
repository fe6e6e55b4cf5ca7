"""Build `claims.db.example` from the bundled example articles, reproducibly.

Run from anywhere: `python scripts/build_example_db.py [OUT]` (default: claims.db.example at the repository
top). The articles and evidence pages are served from `examples/` through an in-memory HTTP transport, so that
sources are stable URLs (not paths of this checkout) and nothing touches the network; the clock is frozen
and ticks one second per timestamp, so two builds hold the same rows, hashes included.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path

import httpx
from typer.testing import CliRunner

from claimtrack.cli.app import app
from claimtrack.config import Settings
from claimtrack.context import AppContext
from claimtrack.clock import set_clock

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
ARTICLE_BASE = "https://news.example.com/articles/"
EVIDENCE_BASE = "https://data.example.gov/"
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
TYPES = {".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}


def serve(request: httpx.Request) -> httpx.Response:
    """The example web: articles and evidence pages from examples/."""
    url = str(request.url)
    for base, folder in ((ARTICLE_BASE, "articles"), (EVIDENCE_BASE, "evidence")):
        if url.startswith(base):
            path = EXAMPLES / folder / url.removeprefix(base)
            if path.is_file():
                return httpx.Response(200, content=path.read_bytes(),
                                      headers={"content-type": TYPES.get(path.suffix, "text/plain")})
    return httpx.Response(404)


def run(context: AppContext, *args: str, reviewer: str = "alice") -> str:
    result = CliRunner().invoke(app, ["--reviewer", reviewer, *args], obj=context)
    if result.exit_code != 0:
        raise SystemExit(f"claimtrack {' '.join(args)} failed: {result.stderr or result.stdout}")
    return result.stdout


def claim_with(context: AppContext, words: str) -> str:
    claims = json.loads(run(context, "claims", "list", "--limit", "500", "--json"))
    matches = [c["id"] for c in claims if words in c["text"]]
    if len(matches) != 1:
        raise SystemExit(f"expected one claim containing {words!r}, found {matches}")
    return str(matches[0])


def build(out: Path) -> None:
    for stale in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
        stale.unlink(missing_ok=True)
    ticks = count()
    set_clock(lambda: START + timedelta(seconds=next(ticks)))
    # One newsroom account declares the reviewers (a single-user database), so the build is reproducible.
    context = AppContext(Settings(db=str(out), review_single_user=True), transport=httpx.MockTransport(serve),
                         resolve=lambda host, port: ["93.184.216.34"], account="newsroom")
    try:
        articles = sorted(p.name for p in (EXAMPLES / "articles").iterdir() if p.suffix in TYPES)
        run(context, "import", *[ARTICLE_BASE + name for name in articles], reviewer="importer")
        review(context)
    finally:
        context.close()
        set_clock(None)
    import sqlite3

    with sqlite3.connect(out) as conn:  # fold the WAL into the file and compact it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")


def review(context: AppContext) -> None:
    """A morning's work: evidence with captures, verdicts (one superseded), approvals, a dismissal."""
    recyclers = claim_with(context, "1,200 companies")
    run(context, "evidence", "add", recyclers, EVIDENCE_BASE + "miit-recycler-register.html",
        "--stance", "refutes", "--note", "register lists 1,187 licensed recyclers (May 2025)")
    run(context, "verdict", "set", recyclers, "mostly-false",
        "--rationale", "The register lists 1,187 licensed recyclers, not more than 1,200; the trend is right.")
    run(context, "verdict", "approve", recyclers, reviewer="bob")

    haidian = claim_with(context, "近2000家")
    run(context, "evidence", "add", haidian, EVIDENCE_BASE + "haidian-ai-enterprises.html",
        "--stance", "supports", "--note", "1968 registered AI enterprises, 52% of Beijing")
    run(context, "verdict", "set", haidian, "mostly-true", "--rationale", "1968 firms is close to 2000.")
    run(context, "verdict", "set", haidian, "true",
        "--rationale", "1968 firms is 'nearly 2000', and 52% is 'more than half': both figures hold.",
        reviewer="bob")
    run(context, "verdict", "approve", haidian)

    drones = claim_with(context, "120万单")
    run(context, "evidence", "add", drones, EVIDENCE_BASE + "shenzhen-drone-delivery.html",
        "--stance", "supports")
    run(context, "verdict", "set", drones, "true", "--rationale", "1.216 million orders, up 84.7%: matches.")

    cost = claim_with(context, "单台成本下降了三成左右")
    run(context, "verdict", "set", cost, "unverifiable",
        "--rationale", "No public source for the pilot line's unit cost; the company declined to comment.")

    context_only = claim_with(context, "Five years ago")
    run(context, "claims", "dismiss", context_only, "--reason", "Refers back to the previous sentence; not a "
        "claim on its own.")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "claims.db.example"
    build(target.resolve())
    print(target)
