"""claimtrack's benchmarks: one entry point, one Markdown table.

    python benchmarks/run.py [--quick] [--pg URL] [--out FILE] [--only NAMES] [--work DIR]

The one idea: every number is a REAL claimtrack process, timed from the outside the way a reviewer or a
cron job meets it (wall time including interpreter start), on data generated from a seed (corpus.py for
articles, bulk.py for a million-claim database), so anyone can reproduce the table. Each measurement is
the median of several runs; peak RSS is the largest child's `ru_maxrss`, read with `os.wait4` on that
very child (stdlib, no psutil). A measurement whose command does not exist yet, or that fails, becomes a
row saying so ("skipped: …" / "error: …") instead of stopping the run; `--strict` exits 1 on an error row.

Measurements live in measure_*.py beside this file (core: help, import, text; db: reviewer commands,
report, evidence check; pg); this module
holds the shared machinery: child processes, the table, the bench context.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.modules.setdefault("run", sys.modules[__name__])  # measure_*.py import this module as `run`, even as __main__

# import_timeout: the importer commits article by article, so a run cut short still yields a rate.
QUICK = {"articles": 50, "claims": 10_000, "report_claims": 1_000, "captures": 50, "runs": 1, "cli_runs": 3,
         "text_chars": 200_000, "import_timeout": 20, "report_runs": 1}
FULL = {"articles": 2_000, "claims": 1_000_000, "report_claims": 100_000, "captures": 1_000, "runs": 3,
        "cli_runs": 5, "text_chars": 1_000_000, "import_timeout": 240, "report_runs": 1}


@dataclass
class Row:
    """One line of the table."""

    measurement: str
    size: str
    median: str
    rss: str = "—"
    target: str = "—"
    met: str = "—"


@dataclass
class Child:
    """A finished child process: wall seconds, peak RSS in MB, exit code, output."""

    wall: float
    rss_mb: float
    rc: int
    out: str
    err: str
    timed_out: bool = False
    cpu: float = 0.0


class Failed(Exception):
    """A measured command failed: the row says so."""


class Skip(Exception):
    """A measurement cannot run here (command missing, no server): the row says why."""


# A tiny launcher between us and each measured process: a child's ru_maxrss starts from its parent's
# high-water mark (fork, then exec, keep it), so measuring from this big process would report our own RSS.
_LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as f:
    json.dump({"wall": wall, "rss": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}, f)
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)
"""


def run_child(args: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
              timeout: float = 1800) -> Child:
    """Run one process to completion: its wall time, CPU time and peak RSS (measured by a launcher)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".json") as usage:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, usage.name, *args], stdout=out, stderr=err,
                                env=env, cwd=cwd, start_new_session=True)
        killed: list[bool] = []
        timer = threading.Timer(timeout, lambda: (killed.append(True), os.killpg(proc.pid, signal.SIGKILL)))
        timer.start()
        started = time.perf_counter()
        try:
            proc.wait()
        finally:
            timer.cancel()
        measured = json.loads(usage.read() or "null") or {"wall": time.perf_counter() - started, "rss": 0, "cpu": 0}
        out.seek(0)
        err.seek(0)
        return Child(measured["wall"], measured["rss"] / 1024, proc.returncode, out.read().decode("utf-8", "replace"),
                     err.read().decode("utf-8", "replace"), bool(killed), measured["cpu"])


@dataclass
class Bench:
    """What every measurement needs: sizes, a work folder, the environment for claimtrack children."""

    quick: bool
    work: Path
    pg: str | None = None
    sizes: dict[str, int] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    _commands: set[str] | None = None

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
        env.update({"CLAIMTRACK_CONFIG": str(self.work / "no-config.toml"), "CLAIMTRACK_REVIEWER": "bench",
                    "NO_COLOR": "1"})
        return env

    def claimtrack(self) -> list[str]:
        script = Path(sys.executable).with_name("claimtrack")
        return [str(script)] if script.exists() else [sys.executable, "-m", "claimtrack"]

    def cli(self, db: str, *args: str, env: dict[str, str] | None = None, check: bool = True,
            timeout: float = 1800) -> Child:
        """Run `claimtrack --db DB ARGS…` once; a non-zero exit raises Failed with its last stderr line."""
        child = run_child([*self.claimtrack(), "--db", db, *args], env={**self.env, **(env or {})}, cwd=self.work,
                          timeout=timeout)
        if child.timed_out:
            raise Failed(f"`claimtrack {' '.join(args)}` timed out after {timeout:.0f} s")
        if check and child.rc != 0:
            last = (child.err.strip().splitlines() or ["(no stderr)"])[-1]
            raise Failed(f"`claimtrack {' '.join(args)}` exit {child.rc}: {last[:160]}")
        return child

    def has(self, command: str) -> bool:
        """Whether `claimtrack COMMAND` exists in this checkout (command modules land over time)."""
        if self._commands is None:
            child = run_child([*self.claimtrack(), "--help"], env=self.env, cwd=self.work)
            self._commands = {line.split()[0] for line in child.out.splitlines()
                              if line.startswith("  ") and line.split()}
        return command in self._commands

    def need(self, *commands: str) -> None:
        missing = [c for c in commands if not self.has(c)]
        if missing:
            raise Skip(f"`claimtrack {missing[0]}` not available yet")


def timed(bench: Bench, runs: int, once: Callable[[], Child]) -> tuple[float, float, list[Child]]:
    """Run `once` `runs` times: (median wall seconds, max peak RSS MB, the children)."""
    children = [once() for _ in range(runs)]
    return statistics.median(c.wall for c in children), max(c.rss_mb for c in children), children


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 2 else f"{seconds:.2f} s"


def fmt_wall_cpu(children: list[Child]) -> str:
    """Median wall and median CPU (user+sys): on a shared machine the CPU time is the steadier figure."""
    wall = statistics.median(c.wall for c in children)
    cpu = statistics.median(c.cpu for c in children)
    return f"{fmt_time(wall)} (cpu {fmt_time(cpu)})"


def fmt_mb(mb: float) -> str:
    return f"{mb:.0f} MB" if mb else "—"


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def sqlite_db(bench: Bench, name: str) -> str:
    path = bench.work / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return str(path)


def count(db: str, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def bulk_db(bench: Bench, claims: int, name: str, **plan: object) -> tuple[str, float | None]:
    """A bulk-generated SQLite database of `claims` claims (reused while its plan is unchanged)."""
    import bulk

    path = bench.work / f"{name}.db"
    stamp = bench.work / f"{name}.plan"
    key = repr(bulk.Plan(claims=claims, **plan))
    if path.exists() and stamp.exists() and stamp.read_text() == key:
        return str(path), None
    sqlite_db(bench, f"{name}.db")
    built = bulk.build(str(path), bulk.Plan(claims=claims, **plan))
    stamp.write_text(key)
    return str(path), built["seconds"]


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
