"""Read commands at the pace of start-up (issue 21 item 3, read half of item 5): one table, one run.

The one idea: a read command is measured beside a bare Typer app (one command that prints) started the same
way in the same run, so the ratio survives a loaded machine. Every figure is a fresh process
(`python -m claimtrack --db DB …`), warmed once, then the median of `--runs` runs of wall time and of CPU
time (the child's user+sys, from `os.wait4`): on a shared machine the CPU figure is the steadier one.

Databases are built with `bulk.py` (the store layer, no text pipeline) and reused when they exist:

    python benchmarks/bench_read.py --work /tmp/readspeed-bench                      # SQLite, 10k and 1M claims
    python benchmarks/bench_read.py --work /tmp/readspeed-bench \\
        --pg postgresql+psycopg://postgres@127.0.0.1:5432/bench_read_1m --pg-small postgresql+psycopg://postgres@127.0.0.1:5432/bench_read_10k
    python benchmarks/bench_read.py --src /work/main/src …   # the same table for another tree (a baseline)

The "benchmark database" is the 10,000-claim bulk database (500 articles; the size of a newsroom's first
months); the 1M one is `bulk.py --claims 1000000` (both: every 10th claim has evidence, every 20th a verdict).
A PostgreSQL database named by --pg / --pg-small must exist, migrated and filled (`bulk.py URL --claims N`):
building a million claims there takes longer than a benchmark run should.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from harness import LiveRows, emit_table  # noqa: E402  (benchmarks/ is not a package)
BARE = '''import typer
app = typer.Typer()
@app.command()
def hello():
    print("hello")
app()
'''


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one child process; its output is discarded, a failure stops the benchmark."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    err = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    child.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    run(argv, env)  # warm-up: page cache, .pyc files
    samples = [run(argv, env) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def sqlite_db(work: Path, claims: int, src: Path) -> str:
    path = work / (f"bulk-{claims // 1000}k.db" if claims < 1_000_000 else f"bulk-{claims // 1_000_000}m.db")
    if not path.exists():
        env = {**os.environ, "PYTHONPATH": str(src)}
        subprocess.run([sys.executable, "-m", "claimtrack", "--db", str(path), "db", "upgrade"], check=True, env=env)
        subprocess.run([sys.executable, str(HERE / "bulk.py"), str(path), "--claims", str(claims)], check=True, env=env)
    return str(path)


def rare_term(sqlite_path: str, claims: int) -> str:
    """One claim's whole text (bulk.py makes each claim unique by its prefix + sentence pair; any part of it
    is shared by thousands)."""
    import sqlite3

    with sqlite3.connect(sqlite_path) as conn:
        text = conn.execute("SELECT text FROM claim WHERE id = ?", (show_id(claims),)).fetchone()[0]
    return text[:-1]


def show_id(claims: int) -> int:
    return (claims // 2) // 20 * 20  # has evidence, a verdict, quantities


def commands(claims: int, search_common: str, search_rare: str) -> list[tuple[str, list[str]]]:
    show = show_id(claims)
    return [("claims list --limit 20", ["claims", "list", "--limit", "20"]),
            ("claims list --status rated --limit 20", ["claims", "list", "--status", "rated", "--limit", "20"]),
            (f"claims show {show}", ["claims", "show", str(show)]),
            (f"search {search_common} (common)", ["search", search_common]),
            (f"search \"{search_rare[:16]}…\" (rare: claim {show}'s text)", ["search", search_rare]),
            ("status", ["status"])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/readspeed-bench"))
    parser.add_argument("--src", type=Path, default=HERE.parent / "src", help="the claimtrack tree to measure")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--small", type=int, default=10_000, help="claims in the benchmark database")
    parser.add_argument("--no-1m", action="store_true", help="skip the 1M-claim SQLite database")
    parser.add_argument("--pg", help="a filled 1M-claim PostgreSQL database URL")
    parser.add_argument("--pg-small", help="a filled benchmark-size PostgreSQL database URL")
    parser.add_argument("--only", default="", help="comma-separated command labels' first words to keep")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    bare = args.work / "bare_typer.py"
    bare.write_text(BARE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(args.src), "CLAIMTRACK_REVIEW_SINGLE_USER": "true",
           "CLAIMTRACK_REVIEWER": "alice", "NO_COLOR": "1"}
    small = sqlite_db(args.work, args.small, args.src)
    databases = [("SQLite", f"{args.small:,}", small)]
    rare = {args.small: rare_term(small, args.small)}  # the same seed makes the same texts on PostgreSQL
    if not args.no_1m:
        databases.append(("SQLite", "1,000,000", sqlite_db(args.work, 1_000_000, args.src)))
    if (args.work / "bulk-1m.db").exists():  # the 1M texts, for PostgreSQL too
        rare[1_000_000] = rare_term(str(args.work / "bulk-1m.db"), 1_000_000)
    if args.pg_small:
        databases.append(("PostgreSQL", f"{args.small:,}", args.pg_small))
    if args.pg:
        databases.append(("PostgreSQL", "1,000,000", args.pg))

    bare_wall, bare_cpu = measure([sys.executable, str(bare)], env, args.runs)
    head = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, tree {args.src}, median of "
            f"{args.runs} runs after one warm-up; load before: {os.getloadavg()[0]:.2f} (1 min), "
            f"{os.cpu_count()} CPUs."]
    rows: list[tuple[str, ...]] = LiveRows()
    rows.append(("—", "—", "bare Typer app (one command that prints)", f"{bare_wall * 1000:.0f} ms",
                 f"{bare_cpu * 1000:.0f} ms", "1.00", "1.00", "—"))
    keep = [w for w in args.only.split(",") if w]
    for kind, size, db in databases:
        n = int(size.replace(",", ""))
        for label, argv in commands(n, "机器人", rare.get(n, "据海淀市发改委消息")):
            if keep and not any(label.startswith(k) for k in keep):
                continue
            try:
                wall, cpu = measure([sys.executable, "-m", "claimtrack", "--db", db, *argv], env, args.runs)
            except SystemExit as exc:  # a command this tree does not have (a baseline): a row that says so
                rows.append((kind, size, f"`{label}`", f"failed: {str(exc)[-80:]}", "", "", "", ""))
                continue
            ratio_wall, ratio_cpu = wall / bare_wall, cpu / bare_cpu
            met = ratio_cpu <= 2 if n < 1_000_000 else (ratio_cpu <= 2 and wall < 0.3)
            rows.append((kind, size, f"`{label}`", f"{wall * 1000:.0f} ms", f"{cpu * 1000:.0f} ms",
                         f"{ratio_wall:.2f}", f"{ratio_cpu:.2f}", "met" if met else "missed"))
    emit_table(head, ("database", "claims", "command", "wall", "cpu", "wall / bare", "cpu / bare",
                      "targets (≤ 2× bare; 1M: < 300 ms)"), rows, args.out,
               [f"Load after: {os.getloadavg()[0]:.2f} (1 min). `met` judges the CPU ratio (the wall ratio "
                "moves with the other work on the machine) and, at 1M, the wall time."])

if __name__ == "__main__":
    main()
