"""The benchmarks' shared machinery: child processes timed from outside, the bench context, table rows.

`run.py` (the entry point) and every measure_*.py import this module; nothing imports `run.py`, so the
entry point can run as `__main__` without aliasing itself in `sys.modules`.
"""

from __future__ import annotations

import json
import os
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

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


class LiveRows(list):
    """A benchmark's table rows, each shown on stderr as it is measured: a run cut short keeps what it measured."""

    def append(self, row: Sequence[str]) -> None:
        print("| " + " | ".join(row) + " |", file=sys.stderr, flush=True)
        super().append(row)


def emit_table(head: Sequence[str], columns: Sequence[str], rows: Sequence[Sequence[str]], out: Path | None,
               tail: Sequence[str] = ()) -> str:
    """`head` lines, a Markdown table of `rows` under `columns`, `tail` lines: printed, and written to `out`."""
    lines = [*head, "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if tail:
        lines += ["", *tail]
    text = "\n".join(lines)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    return text
