"""Peak memory (max RSS) of `claimtrack extract` and `claimtrack import` on big and hostile articles.

Each run is a fresh subprocess (the command line in-process via runpy), so its ru_maxrss is the
command's own peak; the database is a new SQLite file in a temporary folder.  Cases:

* ``prose-20MB``: a 20 MB English article of ordinary news sentences (about a third check-worthy);
* ``zh-prose-20MB``: a 20 MB Chinese article made of the real passages in ../shared (when present);
* ``tiny-100k``: 100,000 tiny check-worthy sentences (``Sales rose 5%.``), the case of issue 14;
* ``one-sentence-20MB``: one 20 MB sentence without a terminator.

Target (issue 14): under 500 MB for extract and import of a 20 MB article.  The runs set
[import] seconds_per_mb high (``--seconds-per-mb``) so that the whole analysis is measured; with the
default budget the slow cases end in one ``Error:`` line instead (their peak is then reported as well).

Usage:  PYTHONPATH=src python benchmarks/bench_memory.py [--mb 20] [--cases prose-20MB,tiny-100k] [--skip-import]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROSE = ("The council approved the budget on Tuesday after a long debate. "
          "Officials said the new plan would cost $48.5 million over five years. "
          "Residents who spoke at the meeting were divided. "
          "Unemployment fell to 4.2 percent in March, the lowest level since 2019. "
          "Some members asked for more time to read the proposal. "
          "More than 3,000 homes will be connected to the network by next year. "
          "The mayor thanked the staff for their work. ")

_RUNNER = ("import resource, runpy, sys\n"
           "sys.argv = ['claimtrack'] + sys.argv[1:]\n"
           "code = 0\n"
           "try:\n    runpy.run_module('claimtrack', run_name='__main__')\n"
           "except SystemExit as e:\n    code = e.code if isinstance(e.code, int) else 1\n"
           "sys.stderr.write('MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
           "sys.exit(code)\n")


def make_cases(mb: float) -> dict[str, str]:
    size = int(mb * 1_000_000) - 1000
    cases = {
        f"prose-{mb:g}MB": (_PROSE * (size // len(_PROSE) + 1))[:size],
        "tiny-100k": "Sales rose 5%. " * 100_000,
        f"one-sentence-{mb:g}MB": ("word " * (size // 5))[:size],
    }
    shared = ROOT.parent / "shared" / "data" / "checkworthy-zh" / "passages"
    if shared.is_dir():
        passages = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(shared.glob("*/*.txt")))
        raw = passages.encode("utf-8")
        text = (raw * (size // len(raw) + 1))[:size].decode("utf-8", "ignore")
        cases[f"zh-prose-{mb:g}MB"] = text
    return cases


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUNNER, *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    rss = next((int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("MAXRSS")), 0)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error")]
    return proc.returncode, rss / 1024, seconds, errors[0][:100] if errors else ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--cases", default="")
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument("--seconds-per-mb", default="1000",
                    help="[import] seconds_per_mb for the runs (high by default, so the whole analysis is measured)")
    args = ap.parse_args(argv)
    cases = make_cases(args.mb)
    wanted = [c for c in args.cases.split(",") if c] or list(cases)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CLAIMTRACK_IMPORT_SECONDS_PER_MB": args.seconds_per_mb}
    print(f"{'case':<22} {'command':<8} {'exit':>4} {'max RSS MB':>10} {'seconds':>8}  note")
    with tempfile.TemporaryDirectory() as tmp:
        for name in wanted:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(cases[name], encoding="utf-8")
            db = Path(tmp) / f"{name}.db"
            env["CLAIMTRACK_DB"] = str(db)
            commands = [("extract", ["extract", str(path), "--json"])]
            if not args.skip_import:
                commands.append(("import", ["import", str(path), "--json"]))
            for label, cmd in commands:
                code, rss, seconds, error = run(cmd, env)
                print(f"{name:<22} {label:<8} {code:>4} {rss:>10.0f} {seconds:>8.1f}  {error}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
