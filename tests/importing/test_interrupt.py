"""Ctrl-C during `import`: a real `claimtrack import` process gets SIGINT while it is fetching its third
article, which a local server holds until the signal was sent. Deterministic: nothing depends on timing.

The first Ctrl-C lets the current article finish and stops before the next one (exit 130, "interrupted after
3/5; run again to continue"); the per-article lines reached the pipe as they happened (the test reads two of
them before it sends the signal); `--json` still prints one whole JSON document, with `"interrupted": true`;
a second Ctrl-C abandons the article being stored (nothing of it is kept). Running the import again completes it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.reliability.helpers import article_text
from tests.reliability.servers import http_server

ARTICLES = 5
HELD = "/a3"  # the server answers this one only when the test says so


def _routes(arrived: threading.Event, release: threading.Event):
    def held(handler):
        arrived.set()
        release.wait(30)
        handler.wfile.write(_page(3))

    routes = {f"/a{i}": (200, {"Content-Type": "text/html; charset=utf-8"}, _page(i)) for i in range(1, ARTICLES + 1)}
    routes[HELD] = (200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(_page(3)))}, held)
    return routes


def _page(i: int) -> bytes:
    body = article_text(i).replace("\n\n", "</p><p>")
    return f"<html><head><title>Article {i}</title></head><body><article><p>{body}</p></article></body></html>".encode()


def _start(db_url: str, base: str, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "NO_COLOR": "1", "CLAIMTRACK_FETCH_ALLOW_HOSTS": "127.0.0.1"}
    env.pop("CLAIMTRACK_DEBUG", None)
    urls = [f"{base}/a{i}" for i in range(1, ARTICLES + 1)]
    return subprocess.Popen([sys.executable, "-m", "claimtrack", "--db", db_url, "import", *urls, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _articles(db_url: str) -> int:
    from sqlalchemy import text

    from tests.reliability.helpers import engine_for

    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM article_version")).scalar()
    finally:
        engine.dispose()


@pytest.fixture
def server():
    """The five articles on a local server; the third one is held until `release` is set."""
    arrived, release = threading.Event(), threading.Event()
    with http_server(_routes(arrived, release)) as base:
        yield base, arrived, release
        release.set()


def _interrupt(db_url: str, server, *extra: str, times: int = 1, read_lines: int = 2):
    base, arrived, release = server
    process = _start(db_url, base, *extra)
    try:
        early = [process.stdout.readline() for _ in range(read_lines)]  # flushed per article, into a pipe
        assert arrived.wait(60), "the import never asked for the held article"
        for _ in range(times):
            process.send_signal(signal.SIGINT)
            if times > 1:
                time.sleep(0.3)  # let the handler run before the next signal
        if times == 1:
            release.set()
        out, err = process.communicate(timeout=60)
    finally:
        release.set()
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, "".join(early) + out, err


def test_ctrl_c_stops_after_the_current_article_and_a_rerun_continues(db_url, server):
    code, out, err = _interrupt(db_url, server)
    assert code == 130, err
    assert [line.split()[0] for line in out.splitlines()] == ["imported"] * 3
    assert "stopping after the current article" in err
    assert err.rstrip().endswith("Error: interrupted after 3/5; run again to continue")
    assert "Traceback" not in err
    assert _articles(db_url) == 3

    process = _start(db_url, server[0])
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert [line.split()[0] for line in out.splitlines()] == ["unchanged"] * 3 + ["imported"] * 2
    assert _articles(db_url) == ARTICLES


def test_interrupted_json_run_prints_a_whole_document(db_url, server):
    code, out, err = _interrupt(db_url, server, "--json", read_lines=0)
    assert code == 130, err
    data = json.loads(out)
    assert data["interrupted"] is True and data["total"] == ARTICLES
    assert data["imported"] == 3 and len(data["articles"]) == 3 and data["failed"] == []
    assert "interrupted after 3/5" in err


def test_second_ctrl_c_abandons_the_article_being_stored(sqlite_url, server):
    code, out, err = _interrupt(sqlite_url, server, "--json", times=2, read_lines=0)
    assert code == 130, err
    data = json.loads(out)
    assert data["interrupted"] is True and data["imported"] == 2
    assert "interrupted after 2/5" in err and "Traceback" not in err
    assert _articles(sqlite_url) == 2


def test_quiet_import_prints_only_errors(sqlite_url, tmp_path):
    from tests.conftest import invoke

    good = tmp_path / "good.txt"
    good.write_text(article_text(1), encoding="utf-8")
    result = invoke("--db", sqlite_url, "-q", "import", str(good), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"Error: {tmp_path / 'missing.txt'}: no such file or folder\n"
    verbose = invoke("--db", sqlite_url, "-v", "import", str(good))
    assert verbose.exit_code == 0 and verbose.stdout.startswith("unchanged ")
    assert f"[1/1] {good}: unchanged in " in verbose.stderr
    both = invoke("--db", sqlite_url, "-q", "-v", "import", str(good))
    assert both.exit_code == 2 and "choose one of --quiet and --verbose" in both.stderr
