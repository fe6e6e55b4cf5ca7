"""`report --since last` loses nothing: with writers committing during a loop of incremental exports, every
piece of activity lands in exactly one report.

The writers dismiss claims, one transaction each, and linger inside the transaction after writing its row
(a slow reviewer's commit): a window by timestamps lost such rows (stamped before the report's cut-off,
committed after its snapshot); a window by audit sequence cannot.
"""

from __future__ import annotations

import json
import threading
import time

from tests.reliability.helpers import run, write_articles

REPORTS = 20
WRITERS = 2


def test_incremental_reports_lose_nothing_with_writers_in_flight(db_url, tmp_path):
    from claimtrack.config import Settings
    from claimtrack.report import write_report
    from claimtrack.review.dismissals import dismiss_claim
    from claimtrack.store.db import open_store

    write_articles(tmp_path / "a", 30)
    assert run(db_url, "import", str(tmp_path / "a")).exit_code == 0
    settings = Settings(db=db_url)
    store = open_store(db_url)
    with store.engine.connect() as conn:
        claims = [row[0] for row in conn.exec_driver_sql("SELECT id FROM claim ORDER BY id")]
    outs = [tmp_path / f"report-{i:02d}.json" for i in range(REPORTS + 2)]
    write_report(store, "json", str(outs[0]), settings=settings, actor="cron", since="last")  # everything so far

    dismissed: list[int] = []
    errors: list[BaseException] = []

    def writer(mine: list[int]) -> None:
        own = open_store(db_url)
        try:
            for claim_id in mine:
                with own.write() as session:
                    dismiss_claim(session, claim_id, "opinion", actor="alice")
                    session.flush()
                    time.sleep(0.02)  # committed well after its row was stamped
                dismissed.append(claim_id)
                time.sleep(0.005)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=writer, args=(claims[i::WRITERS],)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for out in outs[1:-1]:
        write_report(store, "json", str(out), settings=settings, actor="cron", since="last")
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    write_report(store, "json", str(outs[-1]), settings=settings, actor="cron", since="last")  # the rest
    store.dispose()

    seen: list[int] = []
    for out in outs[1:]:
        seen.extend(claim["id"] for claim in json.loads(out.read_text())["claims"])
    assert len(dismissed) == len(claims) and len(claims) >= 40
    assert sorted(seen) == sorted(dismissed), "each dismissal in exactly one incremental report"
    windows = [json.loads(out.read_text())["about"]["scope"] for out in outs]
    assert all(w["mode"] == "last" for w in windows)
    assert all(a["until_event"] == b["since_event"] for a, b in zip(windows, windows[1:]))
    assert sum(1 for out in outs[1:-1] if json.loads(out.read_text())["claims"]) >= 2  # writers were in flight
