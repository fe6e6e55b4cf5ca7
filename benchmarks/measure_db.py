"""Measurements on bulk-generated databases: reviewer commands, report export, evidence check.

The one idea: the database is built once per size with bulk.py (the store layer, no text pipeline) and
reused; every command is then the real CLI in a fresh process, warmed once (so the OS page cache holds
the database, as on a server in use) and timed `cli_runs` times.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import Bench, Child, Failed, Row, bulk_db, fmt_mb, fmt_time, fmt_wall_cpu, met, timed

REPORT_FORMATS = {"json": "json", "csv": "csv", "md": "md", "html": "html", "claimreview": "json"}


def reviewer_commands(bench: Bench) -> None:
    """`claims list`, `claims show`, `search` on a database of `claims` claims: each < 300 ms."""
    bench.need("claims")
    n = bench.sizes["claims"]
    db, built = bulk_db(bench, n, f"bulk-{n}")
    if built is not None:
        target = "< 5 min" if n >= 1_000_000 else "—"
        bench.rows.append(Row("bulk database build (bulk.py, Core executemany)", f"{n:,} claims",
                              fmt_time(built), "—", target, met(built < 300) if target != "—" else "—"))
    show_id = (n // 2) // 20 * 20  # has evidence, a verdict, quantities
    rare = _claim_text(db, show_id)[-12:-1]
    commands = [("claims list --limit 50", ["claims", "list", "--limit", "50"]),
                ("claims list --status rated --limit 50", ["claims", "list", "--status", "rated", "--limit", "50"]),
                ("claims list --rating false --limit 50", ["claims", "list", "--rating", "false", "--limit", "50"]),
                (f"claims show {show_id}", ["claims", "show", str(show_id)])]
    if bench.has("search"):
        commands += [("search 机器人 (common)", ["search", "机器人"]), (f"search {rare} (rare)", ["search", rare])]
    else:
        bench.rows.append(Row("search", f"{n:,} claims", "skipped: `claimtrack search` not available yet"))
    if bench.quick:  # the filtered listings use the same machinery; the full run measures them
        commands = [c for c in commands if "--status" not in c[0] and "--rating" not in c[0]]
    bench.rows.append(cli_row(bench, db, "db current (fixed cost of any database command)", ["db", "current"], n,
                              target=False))
    for label, args in commands:
        bench.rows.append(cli_row(bench, db, label, args, n))


def cli_row(bench: Bench, db: str, label: str, args: list[str], n: int, target: bool = True) -> Row:
    """Median of `cli_runs` runs of `claimtrack ARGS` after one warm-up (page cache, .pyc files)."""
    bench.cli(db, *args)
    wall, rss, kids = timed(bench, bench.sizes["cli_runs"], lambda: bench.cli(db, *args))
    return Row(f"`{label}`", f"{n:,} claims", fmt_wall_cpu(kids), fmt_mb(rss), "< 300 ms" if target else "—",
               met(wall < 0.3) if target else "—")


def _claim_text(db: str, claim_id: int) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT text FROM claim WHERE id = ?", (claim_id,)).fetchone()[0]


def report_export(bench: Bench) -> None:
    """`report --format F` of `report_claims` claims: time, and peak RSS < 300 MB (streaming)."""
    bench.need("report")
    n = bench.sizes["report_claims"]
    db, _ = bulk_db(bench, n, f"report-{n}", verdict_every=2)
    for fmt, ext in REPORT_FORMATS.items():
        out = bench.work / f"report.{fmt}.{ext}"
        args = ["report", "--format", fmt, "--out", str(out), "--generated-at", "2026-01-01T00:00:00Z"]
        wall, rss, kids = timed(bench, bench.sizes["report_runs"], lambda args=args: bench.cli(db, *args))
        size = out.stat().st_size / 1e6
        bench.rows.append(Row(f"`report --format {fmt}`", f"{n:,} claims → {size:.1f} MB", fmt_wall_cpu(kids),
                              fmt_mb(rss), "RSS < 300 MB", met(rss < 300)))


class _SlowHandler(BaseHTTPRequestHandler):
    """Answers every GET after 100 ms with a small page whose body depends only on the path."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        time.sleep(0.1)
        body = f"<html><head><title>Evidence</title></head><body>{self.path}</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def evidence_check(bench: Bench) -> None:
    """`evidence check` of N captures against a local server (100 ms a response): ≥ 20× one at a time."""
    bench.need("evidence")
    n = bench.sizes["captures"]
    server = _Server(("127.0.0.1", 0), _SlowHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        url = f"http://127.0.0.1:{port}/evidence/{{id}}"
        db, _ = bulk_db(bench, n, f"evidence-{n}-{port}", evidence_every=1, evidence_url=url)
        args = ["evidence", "check", "--json"]
        seq = _check(bench, db, args, {"CLAIMTRACK_FETCH_CONCURRENCY": "1"}, n, runs=1)
        bench.rows.append(Row("`evidence check` sequential (FETCH_CONCURRENCY=1)", f"{n:,} captures",
                              fmt_time(seq.wall), fmt_mb(seq.rss_mb)))
        for concurrency in (None, "32"):
            env = {"CLAIMTRACK_FETCH_CONCURRENCY": concurrency} if concurrency else {}
            runs = [_check(bench, db, args, env, n, runs=1) for _ in range(bench.sizes["runs"])]
            wall = sorted(r.wall for r in runs)[len(runs) // 2]
            label = f"FETCH_CONCURRENCY={concurrency}" if concurrency else "default concurrency"
            bench.rows.append(Row(f"`evidence check` ({label})", f"{n:,} captures",
                                  f"{fmt_time(wall)} = {seq.wall / wall:.1f}× faster", fmt_mb(max(r.rss_mb for r in runs)),
                                  "≥ 20×, no errors", met(seq.wall / wall >= 20)))
    finally:
        server.shutdown()
        server.server_close()


def _check(bench: Bench, db: str, args: list[str], env: dict[str, str], n: int, runs: int) -> Child:
    import json

    child = bench.cli(db, *args, env={"CLAIMTRACK_FETCH_ALLOW_HOSTS": "127.0.0.1", **env})
    report = json.loads(child.out)
    dead = report.get("dead", 0) + report.get("error", 0)
    if report.get("checked") != n or dead:
        raise Failed(f"evidence check: {report.get('checked')} checked of {n}, {dead} dead/errors")
    return child
