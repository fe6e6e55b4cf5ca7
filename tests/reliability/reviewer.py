"""A reviewer process for the concurrency test: adds evidence (`--no-fetch`) and verdicts in a loop until a
stop file appears, through the real CLI (in this process, so that Python's start-up is paid once), and
writes one JSON line per operation: what it tried, the exit code, what the command reported, and how long
its write transactions waited for the write lock (`lock_wait`: SQLite's BEGIN IMMEDIATE, PostgreSQL's
advisory lock).

Run as: python -m tests.reliability.reviewer DB NAME SEED CLAIMS STOP_FILE OUT_FILE
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

RATINGS = ("true", "mostly-true", "half-true", "mostly-false", "false", "misleading")
STANCES = ("supports", "refutes", "context")


def time_lock_waits() -> list[float]:
    """Record every wait for the write lock in this process (the list the caller drains per operation)."""
    from contextlib import contextmanager

    from sqlalchemy import text

    from claimtrack.store import db as dbmod, engine as enginemod

    waits: list[float] = []
    begin = enginemod.begin_immediate

    def timed_begin(conn, *args, **kwargs):
        started = time.monotonic()
        try:
            return begin(conn, *args, **kwargs)
        finally:
            waits.append(time.monotonic() - started)

    write = dbmod.Store.write

    @contextmanager
    def timed_write(self):
        if self.is_sqlite:
            with write(self) as session:
                yield session
            return
        with self._writer() as session, session.begin():  # Store.write, with the advisory lock timed
            started = time.monotonic()
            session.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(current_schema()))"),
                            {"key": dbmod.WRITE_LOCK_KEY})
            waits.append(time.monotonic() - started)
            yield session

    enginemod.begin_immediate, dbmod.Store.write = timed_begin, timed_write
    return waits


def main(argv: list[str]) -> None:
    db, name, seed, claims, stop, out = argv
    from claimtrack.config import Settings
    from claimtrack.context import AppContext
    from tests.conftest import invoke

    rng = random.Random(int(seed))
    waits = time_lock_waits()
    context = AppContext(Settings(db=db, reviewer=name, review_single_user=True))
    with open(out, "w", encoding="utf-8") as log:
        n = 0
        while not Path(stop).exists():
            n += 1
            if n % 2:  # evidence on a random claim, then a verdict on that claim (a verdict needs evidence)
                claim = rng.randint(1, int(claims))
                url = f"https://evidence.example.org/{name}/{n}"
                args = ["evidence", "add", str(claim), url, "--stance", rng.choice(STANCES), "--no-fetch",
                        "--note", f"{name} #{n}", "--json"]
                op = {"op": "evidence", "claim": claim, "url": url}
            else:
                rating, rationale = rng.choice(RATINGS), f"{name} checked it, round {n}"
                args = ["verdict", "set", str(claim), rating, "--rationale", rationale, "--json"]
                op = {"op": "verdict", "claim": claim, "rating": rating, "rationale": rationale}
            started = time.monotonic()
            waits.clear()
            result = invoke(*args, context=context)
            op.update(exit=result.exit_code, stderr=result.stderr.strip(), seconds=time.monotonic() - started,
                      lock_wait=max(waits, default=0.0))
            if result.exit_code == 0:
                op["id"] = json.loads(result.stdout)["id"]
            log.write(json.dumps(op) + "\n")
            log.flush()
            time.sleep(rng.uniform(0.1, 0.4))  # a busy reviewer, not a benchmark


if __name__ == "__main__":
    main(sys.argv[1:])
