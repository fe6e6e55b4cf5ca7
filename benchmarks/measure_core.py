"""Measurements without a big database: `--help` start-up, import against the floor, text throughput.

The one idea: each compares claimtrack with a reference measured the same way on the same machine in
the same run (bare `python -c pass`, the stdlib floor, pySBD), so the verdict survives a noisy machine
better than an absolute number does.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import corpus
from harness import HERE, Bench, Failed, Row, Skip, count, fmt_mb, fmt_time, fmt_wall_cpu, met, run_child, sqlite_db, timed


def help_time(bench: Bench) -> None:
    """`claimtrack --help` (target < 250 ms), beside a bare interpreter start for reference."""
    runs = bench.sizes["cli_runs"] * 2
    _, bare_rss, bare = timed(bench, runs, lambda: run_child([sys.executable, "-c", "pass"], env=bench.env))
    bench.rows.append(Row("python -c pass (reference)", "—", fmt_wall_cpu(bare), fmt_mb(bare_rss)))
    wall, rss, kids = timed(bench, runs, lambda: run_child([*bench.claimtrack(), "--help"], env=bench.env))
    bench.rows.append(Row("`claimtrack --help`", "—", fmt_wall_cpu(kids), fmt_mb(rss), "< 250 ms", met(wall < 0.25)))


def corpus_folder(bench: Bench, articles: int) -> tuple[Path, dict[str, int]]:
    folder = bench.work / f"corpus-{articles}"
    stamp = folder / ".stats"
    if stamp.exists():
        return folder, eval(stamp.read_text())  # noqa: S307 - our own file, a dict literal
    stats = corpus.write_corpus(folder, articles)
    stamp.write_text(repr(stats))
    return folder, stats


def import_vs_floor(bench: Bench) -> None:
    """Import N articles into an empty (migrated) SQLite database, and the stdlib floor; their ratio ≤ 3×."""
    bench.need("import")
    articles = bench.sizes["articles"]
    folder, stats = corpus_folder(bench, articles)
    size = f"{articles:,} articles ({stats['bytes'] / 1e6:.1f} MB)"
    floor = floor_time(bench, folder, size)
    wall, rss, db, done = import_runs(bench, folder, lambda i: _fresh_sqlite(bench, f"import-{i}.db"))
    import_rows(bench, "SQLite", size, articles, floor, wall, rss, done, count(db, "claim"))


def import_rows(bench: Bench, where: str, size: str, articles: int, floor: float, wall: float, rss: float,
                done: int, claims: int) -> None:
    """The import row and its ratio to the floor; a run cut at the timeout is extrapolated (and says so)."""
    if done < articles:
        estimate = wall * articles / max(done, 1)
        bench.rows.append(Row(f"import → {where} (`claimtrack import DIR`)",
                              f"{size}: **timed out**, {done} imported ({claims:,} claims)",
                              f"> {fmt_time(wall)} (≈ {fmt_time(estimate)} extrapolated)", fmt_mb(rss)))
        bench.rows.append(Row(f"import / floor ({where})", size, f"≈ {estimate / floor:.0f}× (extrapolated)",
                              "—", "≤ 3×", met(False)))
        return
    bench.rows.append(Row(f"import → {where} (`claimtrack import DIR`)", f"{size} → {claims:,} claims",
                          fmt_time(wall), fmt_mb(rss)))
    bench.rows.append(Row(f"import / floor ({where})", size, f"{wall / floor:.1f}×", "—", "≤ 3×",
                          met(wall / floor <= 3)))


def floor_time(bench: Bench, folder: Path, size: str) -> float:
    def once():
        db = sqlite_db(bench, "floor.db")
        return run_child([sys.executable, str(HERE / "floor.py"), str(folder), db], env=bench.env)

    wall, rss, _ = timed(bench, bench.sizes["runs"], once)
    bench.rows.append(Row("import floor (stdlib sqlite3 + one regex)", size, fmt_time(wall), fmt_mb(rss)))
    return wall


def _fresh_sqlite(bench: Bench, name: str) -> str:
    db = sqlite_db(bench, name)
    bench.cli(db, "db", "upgrade")  # an empty, migrated database: migration time is not import time
    return db


def import_runs(bench: Bench, folder: Path, fresh, count=None) -> tuple[float, float, str, int]:
    """Median wall, peak RSS, last database and articles imported of `claimtrack import FOLDER` runs.

    Each run imports into a new database `fresh(i)`; a run that hits `import_timeout` is the last one.
    """
    timeout = bench.sizes["import_timeout"]
    walls, rss, db = [], 0.0, ""
    for i in range(bench.sizes["runs"]):
        db = fresh(i)
        child = run_child([*bench.claimtrack(), "--db", db, "import", str(folder)], env=bench.env,
                          cwd=bench.work, timeout=timeout)
        rss = max(rss, child.rss_mb)
        if child.timed_out:
            return child.wall, rss, db, (count or _articles)(db)
        if child.rc != 0:
            raise Failed(f"import exit {child.rc}: {(child.err.strip().splitlines() or [''])[-1][:160]}")
        walls.append(child.wall)
    return sorted(walls)[len(walls) // 2], rss, db, bench.sizes["articles"]


def _articles(db: str) -> int:
    try:
        return count(db, "article")
    except Exception:  # noqa: BLE001 - a URL (PostgreSQL) or a database the kill left unreadable
        return 0


def text_throughput(bench: Bench) -> None:
    """claimtrack.text.segment chars/s vs pySBD on the corpus text, per language (target ≥ 10×)."""
    try:
        import pysbd
    except ImportError:
        raise Skip("pysbd not installed (pip install -e '.[bench]')") from None
    from claimtrack.text import segment

    throughput = _throughput_function()
    chars = bench.sizes["text_chars"]
    for language in ("zh", "en", "mixed"):
        text = _sample(language, chars)
        ours = throughput(lambda t, lang=language: segment(t, "en" if lang == "en" else "zh"), text)
        seg = pysbd.Segmenter(language="en" if language == "en" else "zh", clean=False)
        theirs = throughput(seg.segment, text[: max(20_000, chars // 10)], repeat=1)
        bench.rows.append(Row(f"text segment() vs pySBD, {language}", f"{len(text):,} chars",
                              f"{ours / 1e6:.1f} M chars/s vs {theirs / 1e3:.0f} k chars/s = {ours / theirs:.0f}×",
                              "—", "≥ 10×", met(ours / theirs >= 10)))
    _analyze_row(bench, throughput, chars)


def _analyze_row(bench: Bench, throughput, chars: int) -> None:
    try:
        from claimtrack.text import analyze
    except ImportError:
        return
    text = _sample("mixed", chars // 4)
    rate = throughput(analyze, text)
    bench.rows.append(Row("text analyze() (segment+score+quantities), mixed", f"{len(text):,} chars",
                          f"{rate / 1e3:.0f} k chars/s"))


def _throughput_function():
    """bench_text.throughput (the text engineer's, best of N) when importable, else the same idea here."""
    try:
        from bench_text import throughput

        return throughput
    except Exception:  # noqa: BLE001 - their module may need data files this checkout lacks
        def throughput(fn, text, repeat=3):
            best = float("inf")
            for _ in range(repeat):
                started = time.perf_counter()
                fn(text)
                best = min(best, time.perf_counter() - started)
            return len(text) / best

        return throughput


def _sample(language: str, chars: int) -> str:
    """`chars` characters of corpus articles of one language (seeded, so identical every run)."""
    parts, size, i = [], 0, {"zh": 0, "en": 1, "mixed": 2}[language]
    while size < chars:
        _, text = corpus.article(8, i)
        parts.append(text)
        size += len(text)
        i += 3
    return "".join(parts)[:chars]
