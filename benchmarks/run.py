"""claimtrack's benchmarks: one entry point, one Markdown table.

    python benchmarks/run.py [--quick] [--pg URL] [--out FILE] [--only NAMES] [--work DIR]

The one idea: every number is a REAL claimtrack process, timed from the outside the way a reviewer or a
cron job meets it (wall time including interpreter start), on data generated from a seed (corpus.py for
articles, bulk.py for a million-claim database), so anyone can reproduce the table. Each measurement is
the median of several runs; peak RSS is the largest child's `ru_maxrss`, read with `os.wait4` on that
very child (stdlib, no psutil). A measurement whose command does not exist yet, or that fails, becomes a
row saying so ("skipped: …" / "error: …") instead of stopping the run; `--strict` exits 1 on an error row.

Measurements live in measure_*.py beside this file (core: help, import, text; db: reviewer commands,
report, evidence check; pg); harness.py
holds the shared machinery (child processes, the bench context, rows); this module the table and main.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import FULL, QUICK, Bench, Row, Skip  # noqa: E402  (benchmarks/ is not a package)


def measurements() -> list[tuple[str, Callable[[Bench], None]]]:
    import measure_core
    import measure_db
    import measure_pg

    return [("help", measure_core.help_time), ("import", measure_core.import_vs_floor),
            ("text", measure_core.text_throughput), ("reviewer", measure_db.reviewer_commands),
            ("report", measure_db.report_export), ("evidence", measure_db.evidence_check),
            ("pg", measure_pg.postgres)]


def table(rows: list[Row]) -> str:
    head = "| measurement | size | median | peak RSS | target | met? |\n|---|---|---|---|---|---|\n"
    return head + "".join(f"| {r.measurement} | {r.size} | {r.median} | {r.rss} | {r.target} | {r.met} |\n"
                          for r in rows)


def header(bench: Bench, seconds: float) -> str:
    return (f"claimtrack benchmarks — {'quick' if bench.quick else 'full'} run, "
            f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {seconds:.0f} s; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs, "
            f"{platform.system()} {platform.machine()}. Times are wall clock including process start; "
            f"median of {bench.sizes['runs']} runs (reviewer commands: {bench.sizes['cli_runs']}, after one warm-up); "
            f"cpu = user+sys of the process, steadier than wall on a shared machine.\n\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run claimtrack's benchmarks and print a Markdown table.")
    parser.add_argument("--quick", action="store_true", help="small sizes (CI smoke test, < 2 minutes)")
    parser.add_argument("--pg", help="PostgreSQL URL: also run import and list there (in a fresh schema)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    parser.add_argument("--only", help="comma-separated measurements: " + ",".join(n for n, _ in measurements()))
    parser.add_argument("--work", type=Path, help="keep generated corpora and databases here (reused)")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a measurement errored")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = Bench(quick=args.quick, work=work.resolve(), pg=args.pg, sizes=QUICK if args.quick else FULL)
    wanted = set(args.only.split(",")) if args.only else None
    started, errors = time.perf_counter(), 0
    try:
        for name, measure in measurements():
            if wanted is not None and name not in wanted:
                continue
            errors += _run_one(bench, name, measure)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    text = header(bench, time.perf_counter() - started) + table(bench.rows)
    print(text, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 1 if errors and args.strict else 0


def _run_one(bench: Bench, name: str, measure: Callable[[Bench], None]) -> int:
    began, before = time.perf_counter(), len(bench.rows)
    print(f"[bench] {name} …", file=sys.stderr, flush=True)
    try:
        measure(bench)
    except Skip as why:
        bench.rows.append(Row(name, "—", f"skipped: {why}"))
    except Exception as exc:  # noqa: BLE001 - a failing measurement is a row, not the end of the run
        first = (str(exc).strip().splitlines() or [""])[0]
        bench.rows.append(Row(name, "—", f"error: {type(exc).__name__}: {first[:200]}".replace("|", "/")))
        print(f"[bench] {name} failed: {exc!r}", file=sys.stderr)
        return 1
    finally:
        for row in bench.rows[before:]:  # progress for long runs: each row as soon as it is known
            print(f"[bench]   {row.measurement}: {row.median} ({row.rss}) {row.met}", file=sys.stderr)
        print(f"[bench] {name} done in {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
