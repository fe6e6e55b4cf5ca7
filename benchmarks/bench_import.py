"""Import against claimtrack's own analysis, side by side in one run: SQLite, PostgreSQL, and growth.

The one idea: the import's target is relative to the work it cannot avoid, the analysis of the text (read,
extract, segment, score, parse quantities: what the `--jobs` workers do), measured the same way (a child
process, interpreter start-up included) on the same corpus in the same run, so that a loaded machine
inflates both. Rows: analysis alone (and, for reference, with the fact-check match keys that the `--jobs`
workers also make: the targets stay against the analysis alone); `import --jobs 1` and `--jobs 2` into an
empty migrated database (SQLite, and PostgreSQL in a scratch database created and dropped here); their ratios
to the analysis (targets: jobs 1 within 3x, jobs 2 below 1x); and the growth curve: per-article import time into
databases already holding N claims (built by bulk.py --keys, so fuzzy matching sees them; a fixed batch
of new articles, copy of the database per run).

    python benchmarks/bench_import.py [--articles 300] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]
        [--growth 10000,100000] [--growth-articles 100] [--out benchmarks/results/import.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
from harness import LiveRows, emit_table, run_child  # noqa: E402


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    e.update({"PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1",
              "CLAIMTRACK_CONFIG": "/nonexistent/claimtrack.toml"})
    return e


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrack", *args]


def analyse_only(folder: str, match_keys: bool) -> None:
    """Child: read, extract and analyse every file of `folder` (no database); with `match_keys`, also make the
    text's fact-check match keys (issue 20), as the `--jobs` workers do."""
    from claimtrack.config import load_settings
    from claimtrack.ingest.importer import analyse
    from claimtrack.ingest.sources import expand, load

    settings = load_settings()
    claims = 0
    for source in expand([folder]).sources:
        doc = load(source, settings)
        claims += len(analyse(doc, settings.detect_threshold, settings.import_seconds_per_mb,
                              version_keys=match_keys).prepared)
    print(claims)


CPU: dict[float, float] = {}  # wall -> user+sys CPU seconds of that child (and its worker processes)


def timed(args: list[str], what: str) -> float:
    child = run_child(args, env=env(), cwd=Path(tempfile.gettempdir()), timeout=3600)
    if child.rc != 0:
        raise SystemExit(f"{what} failed ({child.rc}): {child.err.strip().splitlines()[-1:]}")
    CPU[child.wall] = child.cpu
    return child.wall


def cpu(wall: float) -> str:
    return f"cpu {CPU.get(wall, 0):.2f} s"


def load_avg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def sqlite_import(folder: Path, work: Path, jobs: int, base: Path | None = None) -> float:
    db = work / f"import-j{jobs}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    if base is not None:
        shutil.copyfile(base, db)
    else:
        timed(cli("--db", str(db), "db", "upgrade"), "db upgrade")
    return timed(cli("--db", str(db), "import", "--jobs", str(jobs), str(folder)), f"import --jobs {jobs}")


def pg_imports(folder: Path, url: str, jobs_list: list[int]) -> dict[int, float]:
    """Each import into a scratch database of its own on the server of `url` (created, then dropped)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    walls = {}
    try:
        for jobs in jobs_list:
            name = f"bench_import_{os.getpid()}_{jobs}"
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            target = make_url(url).set(database=name).render_as_string(hide_password=False)
            try:
                timed(cli("--db", target, "db", "upgrade"), "db upgrade (PostgreSQL)")
                walls[jobs] = timed(cli("--db", target, "import", "--jobs", str(jobs), str(folder)),
                                    f"import --jobs {jobs} (PostgreSQL)")
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
    return walls


def build_growth(work: Path, claims: int) -> Path:
    db = work / f"grow-{claims}.db"
    if not db.exists():
        started = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "bulk.py"), str(db), "--claims", str(claims), "--keys"],
                       env=env(), check=True, stdout=subprocess.DEVNULL)
        print(f"built {claims:,} claims in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyse-only", help=argparse.SUPPRESS)
    parser.add_argument("--match-keys", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--pg", help="PostgreSQL URL whose server gets scratch databases (never altered)")
    parser.add_argument("--growth", default="", help="claim counts, e.g. 10000,100000")
    parser.add_argument("--growth-articles", type=int, default=100)
    parser.add_argument("--work", type=Path, help="folder for corpora and databases (kept, reused)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-sqlite", action="store_true", help="only the PostgreSQL (and growth) rows")
    args = parser.parse_args()
    if args.analyse_only:
        analyse_only(args.analyse_only, args.match_keys)
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = work / f"corpus-{args.articles}"
    if not folder.exists():
        corpus.write_corpus(folder, args.articles)
    rows: list[tuple[str, str, str]] = LiveRows()
    loads = [load_avg()]
    me = [sys.executable, str(Path(__file__).resolve())]
    analysis = timed([*me, "--analyse-only", str(folder)], "analysis")
    per = 1000 / args.articles
    rows.append(("analysis alone (read, extract, segment, score, quantities, keys)",
                 f"{analysis:.2f} s ({cpu(analysis)})", f"{analysis * per:.1f} ms/article"))
    workers = timed([*me, "--analyse-only", str(folder), "--match-keys"], "analysis with match keys")
    rows.append(("… and the fact-check match keys of each text (what a --jobs worker does)",
                 f"{workers:.2f} s ({cpu(workers)})", f"{workers * per:.1f} ms/article; the ratios below are "
                 f"to the analysis alone (this row's ratio: {workers / analysis:.2f}×)"))
    runs = [] if args.no_sqlite else [("SQLite", lambda: {j: sqlite_import(folder, work, j) for j in (1, 2)})]
    if args.pg:
        runs.append(("PostgreSQL", lambda: pg_imports(folder, args.pg, [1, 2])))
    for where, run in runs:
        for jobs, wall in run().items():
            target = "≤ 3×" if jobs == 1 else "< 1×"
            ok = wall / analysis <= 3 if jobs == 1 else wall < analysis
            cpu_ratio = CPU.get(wall, 0) / (CPU.get(analysis) or 1)
            rows.append((f"import --jobs {jobs} → {where}", f"{wall:.2f} s ({cpu(wall)}; {wall * per:.1f} ms/article)",
                         f"wall {wall / analysis:.2f}× analysis (target {target}: {'met' if ok else 'missed'}); "
                         f"cpu {cpu_ratio:.2f}×"))
        loads.append(load_avg())
    growth = [int(n) for n in args.growth.split(",") if n]
    if growth:
        batch = work / f"growth-batch-{args.growth_articles}"
        if not batch.exists():
            corpus.write_corpus(batch, args.growth_articles, seed=9)
        base = None
        for claims in growth:
            db = build_growth(work, claims)
            wall = sqlite_import(batch, work, 1, base=db)
            per_article = CPU.get(wall, wall) * 1000 / args.growth_articles  # CPU: steadier on a shared machine
            base = base or per_article
            rows.append((f"growth: import --jobs 1 of {args.growth_articles} new articles into {claims:,} claims "
                         "(SQLite)", f"{wall:.2f} s ({cpu(wall)})", f"{per_article:.1f} ms cpu/article = "
                         f"{per_article / base:.2f}× the {growth[0]:,}-claim figure (target ≤ 1.5×)"))
            loads.append(load_avg())
    emit_table([f"{args.articles} synthetic articles (benchmarks/corpus.py, seed 8); load average (1/5/15 min) "
                f"during the run: {', '.join(loads)}; {os.cpu_count()} CPUs"],
               ("measurement", "time", "ratio / note"), rows, args.out)


if __name__ == "__main__":
    main()
