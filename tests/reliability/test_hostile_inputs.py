"""A corpus of hostile and broken inputs: each is refused with one clear failure line, exit 1, and leaves the
database exactly as it was (every row of every table, and the audit head).

Small cases are files under `hostile/`; large, looping or permission cases are made at test time. URL cases
run against real servers on 127.0.0.1. URL imports refuse private addresses by default, so the in-process
tests name the test host in the allow-list (`[fetch] allow_hosts = ["127.0.0.1"]`): a redirect to
`localhost`, 10.x, 169.254.x or ::1 is then still refused, which is what the private-address case tests.

`import` reports a failing source as `Error: <source>: <reason>` plus a summary line (it goes on with the
other sources); `extract` stops at the first. Both are checked.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.reliability import servers
from tests.reliability.helpers import populate, run, snapshot
from tests.reliability.servers import ARTICLE_HTML

HOSTILE = Path(__file__).parent / "hostile"
URL_SETTINGS = {"fetch_timeout": 0.5, "fetch_connect_timeout": 0.5, "fetch_max_bytes": 10_000,
                "fetch_allow_hosts": ("127.0.0.1",)}


def assert_refused(result, fragment: str) -> None:
    """Exit 1, nothing on stdout, exactly one `Error:` line naming `fragment`, no traceback."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    failures = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(failures) == 1, result.stderr
    assert fragment in failures[0], failures[0]
    assert "Traceback" not in result.stderr


def assert_import_refused(db_url: str, source: str, fragment: str, **settings) -> None:
    before = snapshot(db_url)
    assert_refused(run(db_url, "import", source, **settings), fragment)
    assert snapshot(db_url) == before


# -- files ---------------------------------------------------------------------------------------------------

FILE_CASES = {
    "empty.txt": "no text in",
    "whitespace.txt": "no text in",
    "image.txt": "is a PNG image, not text",
    "archive.txt": "is a ZIP archive",
    "nul-bytes.txt": "binary",
    "invalid-utf8.txt": "is not text in any known encoding",
    "scripts-only.html": "no text in",
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_hostile_file_is_refused_and_nothing_changes(shared_db, name):
    assert_import_refused(shared_db, str(HOSTILE / name), FILE_CASES[name])


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_extract_gives_one_error_line(name):
    result = run(":memory-unused:", "extract", str(HOSTILE / name))
    assert_refused(result, FILE_CASES[name])
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_deeply_nested_html_is_refused(shared_db, tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div><span>" * 50_000 + "x" + "</span></div>" * 50_000 + "</body></html>")
    assert_import_refused(shared_db, str(page), "no text in")


def test_file_over_the_size_cap_is_refused_before_reading(shared_db, tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # 60 MB, sparse: costs no disk and no time
        f.truncate(60 * 1024 * 1024)
    assert_import_refused(shared_db, str(big), "file too large (62,914,560 bytes, cap 20,000,000)")


def test_size_cap_is_configurable_by_environment(sqlite_url, tmp_path):
    page = tmp_path / "two-kb.txt"
    page.write_text("The council spent 4.5 million dollars on 127 new buses in 2023. " * 32)
    result = run_cli("import", str(page), db=sqlite_url, env={"CLAIMTRACK_IMPORT_MAX_BYTES": "1000"})
    assert_refused(result, "file too large (2,048 bytes, cap 1,000)")


def test_stdin_over_the_cap_and_binary_stdin_are_refused(sqlite_url):
    env = {"CLAIMTRACK_IMPORT_MAX_BYTES": "1000"}
    assert_refused(run_cli("import", "-", db=sqlite_url, env=env, input=b"The council spent money. " * 100),
                   "stdin too large (more than 1,000 bytes)")
    assert_refused(run_cli("import", "-", db=sqlite_url, input=(HOSTILE / "image.txt").read_bytes()),
                   "is a PNG image, not text")


def test_symlink_loop_is_refused(shared_db, tmp_path):
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    assert_import_refused(shared_db, str(tmp_path / "loop-a.txt"), "loop-a.txt: cannot use this path: Too many levels of symbolic links")


def _linked_folder(tmp_path: Path) -> tuple[Path, Path]:
    """`news/` holding `sym/story.txt` -> a file outside `news/` (a stand-in for /etc/passwd)."""
    outside = tmp_path / "outside" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text("The council spent 4.5 million dollars on 127 new buses in 2023, the clerk said.\n")
    folder = tmp_path / "news"
    (folder / "sym").mkdir(parents=True)
    (folder / "sym" / "story.txt").symlink_to(outside)
    return folder, outside


def test_a_symlink_out_of_an_imported_folder_is_not_followed(shared_db, tmp_path):
    folder, _ = _linked_folder(tmp_path)
    assert_import_refused(shared_db, str(folder), "story.txt: a symbolic link out of the folder is not followed")


def test_a_symlink_to_etc_passwd_is_not_followed(shared_db, tmp_path):
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    (tmp_path / "news" / "sym").mkdir(parents=True)
    (tmp_path / "news" / "sym" / "story.txt").symlink_to("/etc/passwd")
    assert_import_refused(shared_db, str(tmp_path / "news"), "a symbolic link out of the folder is not followed")


def test_a_symlink_inside_the_folder_is_followed_and_one_out_with_the_option(sqlite_url, tmp_path):
    folder, outside = _linked_folder(tmp_path)
    (folder / "real.txt").write_text("Unemployment fell by 3.2 percent last year, the office said.\n")
    (folder / "alias.txt").symlink_to(folder / "real.txt")
    result = run(sqlite_url, "import", str(folder), "--json")
    assert result.exit_code == 1
    assert "story.txt: a symbolic link out of the folder" in result.stderr
    assert '"imported": 1' in result.stdout  # real.txt, reached also as alias.txt (one article)
    followed = run(sqlite_url, "import", str(folder), "--follow-symlinks", "--json")
    assert followed.exit_code == 0, followed.stderr
    assert str(outside.resolve()) in followed.stdout


# -- permissions: root reads everything, so as root the command runs as `nobody` (a real check, not a mock) ---

def _as_unprivileged() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop privileges to test permissions honestly")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def open_dir():
    """A folder every user may write (tmp_path is private to root), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="ct-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o700)
    shutil.rmtree(folder)


def _run_unprivileged(folder: Path, *args: str):
    env = {**os.environ, "HOME": str(folder), "CLAIMTRACK_CONFIG": str(folder / "none.toml"), "NO_COLOR": "1"}
    argv = [*_as_unprivileged(), sys.executable, "-m", "claimtrack", "--db", str(folder / "c.db"), *args]
    done = subprocess.run(argv, capture_output=True, env=env, cwd=folder, timeout=120)
    from tests.conftest import Result

    return Result(done.returncode, done.stdout.decode(), done.stderr.decode())


def _prepare(folder: Path) -> None:
    result = _run_unprivileged(folder, "db", "upgrade")
    if "No module named claimtrack" in result.stderr:  # e.g. a checkout under a mktemp -d folder (mode 700)
        pytest.skip("the unprivileged user cannot read this checkout, so permissions cannot be tested here")
    assert result.exit_code == 0, result.stderr


def test_unreadable_file_is_refused(open_dir):
    _prepare(open_dir)
    secret = open_dir / "secret.txt"
    secret.write_text("The council spent 4.5 million dollars on 127 new buses in 2023.")
    secret.chmod(0)
    before = snapshot(str(open_dir / "c.db"))
    assert_refused(_run_unprivileged(open_dir, "import", str(secret)), "Permission denied")
    assert snapshot(str(open_dir / "c.db")) == before


def test_unreadable_folder_is_refused(open_dir):
    _prepare(open_dir)
    locked = open_dir / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("The council spent 4.5 million dollars on 127 new buses in 2023.")
    locked.chmod(0)
    before = snapshot(str(open_dir / "c.db"))
    assert_refused(_run_unprivileged(open_dir, "import", str(locked)), "ermission denied")
    assert snapshot(str(open_dir / "c.db")) == before


# -- URLs ------------------------------------------------------------------------------------------------------

ROUTES: dict[str, servers.Route] = {
    "/ok": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE_HTML),
    "/404": (404, {"Content-Type": "text/html"}, b"<p>gone</p>"),
    "/500": (500, {"Content-Type": "text/html"}, b"<p>boom</p>"),
    "/loop": (302, {"Location": "/loop2", "Content-Length": "0"}, b""),
    "/loop2": (302, {"Location": "/loop", "Content-Length": "0"}, b""),
    "/to-localhost": (302, {"Location": "http://localhost/admin", "Content-Length": "0"}, b""),
    "/to-metadata": (301, {"Location": "http://169.254.169.254/latest/meta-data/", "Content-Length": "0"}, b""),
    "/to-intranet": (307, {"Location": "http://10.1.2.3/", "Content-Length": "0"}, b""),
    "/to-ipv6-loopback": (302, {"Location": "http://[::1]:8080/", "Content-Length": "0"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd", "Content-Length": "0"}, b""),
    "/to-nat64-metadata": (302, {"Location": "http://[64:ff9b::a9fe:a9fe]/", "Content-Length": "0"}, b""),
    "/to-6to4-loopback": (302, {"Location": "http://[2002:7f00:1::]/", "Content-Length": "0"}, b""),
    "/to-mapped-loopback": (302, {"Location": "http://[::ffff:7f00:1]/", "Content-Length": "0"}, b""),
    "/to-compatible-loopback": (302, {"Location": "http://[::7f00:1]/", "Content-Length": "0"}, b""),
    "/to-translated-loopback": (302, {"Location": "http://[::ffff:0:7f00:1]/", "Content-Length": "0"}, b""),
    "/to-site-local": (302, {"Location": "http://[fec0::1]/", "Content-Length": "0"}, b""),
    "/to-as112": (302, {"Location": "http://192.31.196.1/", "Content-Length": "0"}, b""),
    "/to-ietf-anycast": (302, {"Location": "http://192.0.0.9/", "Content-Length": "0"}, b""),
    "/to-javascript": (302, {"Location": "javascript:alert(1)", "Content-Length": "0"}, b""),
    "/big": (200, {"Content-Type": "text/plain"}, b"a" * 20_000),
    "/big-unannounced": (200, {"Content-Type": "text/plain", "Content-Length": ""},
                         lambda h: h.wfile.write(b"The council spent money. " * 2_000)),
    "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
    "/png-as-html": (200, {"Content-Type": "text/html"}, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "/empty": (200, {"Content-Type": "text/html"}, b""),
}

URL_CASES = {
    "/404": "HTTP 404 Not Found",
    "/500": "HTTP 500 Internal Server Error",
    "/loop": "too many redirects",
    "/to-localhost": "refusing localhost: it resolves to a non-public address",
    "/to-metadata": "non-public address 169.254.169.254",
    "/to-intranet": "non-public address 10.1.2.3",
    "/to-ipv6-loopback": "non-public address ::1",
    "/to-file": "only http and https URLs can be fetched, not 'file'",
    "/to-nat64-metadata": "non-public address 64:ff9b::a9fe:a9fe (IPv4-IPv6 translation (NAT64) of 169.254.169.254",
    "/to-6to4-loopback": "non-public address 2002:7f00:1:: (6to4 (embeds 127.0.0.1))",
    "/to-mapped-loopback": "non-public address ::ffff:127.0.0.1 (IPv4-mapped of 127.0.0.1, loopback)",
    "/to-compatible-loopback": "non-public address ::127.0.0.1 (IPv4-compatible (deprecated) (embeds 127.0.0.1))",
    "/to-translated-loopback": "non-public address ::ffff:0:7f00:1 (IPv4-translated (SIIT) (embeds 127.0.0.1))",
    "/to-site-local": "non-public address fec0::1 (site-local (deprecated))",
    "/to-as112": "non-public address 192.31.196.1 (AS112-v4)",
    "/to-ietf-anycast": "non-public address 192.0.0.9 (IETF protocol assignments)",
    "/to-javascript": "only http and https URLs can be fetched, not 'javascript'",
    "/big": "response too large (20,000 bytes, cap 10,000)",
    "/big-unannounced": "response larger than the cap of 10,000 bytes",
    "/image": "unsupported content type 'image/png'",
    "/png-as-html": "is a PNG image, not text",
    "/empty": "no text in",
}


@pytest.fixture(scope="module")
def server():
    with servers.http_server(ROUTES) as base:
        yield base


def test_the_server_works(server, sqlite_url):
    """Control: the same set-up imports a good page (so the refusals below are about the input)."""
    result = run(sqlite_url, "import", f"{server}/ok", **URL_SETTINGS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("imported  article 1 v1")


@pytest.mark.parametrize("path", sorted(URL_CASES))
def test_hostile_url_is_refused_and_nothing_changes(shared_db, server, path):
    assert_import_refused(shared_db, server + path, URL_CASES[path], **URL_SETTINGS)


SCHEMES = {
    "file:///etc/passwd": "only http:// and https:// URLs can be imported",
    "ftp://ftp.example.org/pub/article.txt": "only http:// and https:// URLs can be imported",
    "javascript:alert(document.cookie)": "unsupported scheme 'javascript:'",
    "data:text/html,<p>The council spent 4 million dollars.</p>": "unsupported scheme 'data:'",
}


@pytest.mark.parametrize("url", sorted(SCHEMES))
def test_other_schemes_are_refused(shared_db, url):
    assert_import_refused(shared_db, url, SCHEMES[url])


@pytest.mark.parametrize("url", sorted(SCHEMES))
def test_other_schemes_are_refused_as_evidence(shared_db, url):
    before = snapshot(shared_db)
    result = run(shared_db, "evidence", "add", "1", url, "--stance", "refutes")
    assert_refused(result, "evidence must be an http or https URL")
    assert snapshot(shared_db) == before


def test_unresolvable_host(shared_db):
    assert_import_refused(shared_db, "http://no-such-host.invalid/news", "cannot resolve host 'no-such-host.invalid'",
                          **URL_SETTINGS)


def test_connection_refused(shared_db):
    url = f"http://127.0.0.1:{servers.closed_port()}/news"
    assert_import_refused(shared_db, url, "connection refused", **URL_SETTINGS)


def test_server_that_never_answers_times_out(shared_db):
    with servers.raw_server(servers.never_answer) as base:
        assert_import_refused(shared_db, base + "/slow", "timed out fetching",
                              **URL_SETTINGS)


def test_lying_content_length(shared_db):
    with servers.raw_server(servers.lying_length) as base:
        assert_import_refused(shared_db, base + "/short", "cannot fetch", **URL_SETTINGS)


def test_invalid_content_length(shared_db):
    with servers.raw_server(servers.invalid_length) as base:
        assert_import_refused(shared_db, base + "/bad", "cannot fetch", **URL_SETTINGS)


def test_understated_content_length_never_reads_past_it(sqlite_url):
    """Content-Length 20 then megabytes: at most the promised 20 bytes are read and stored."""
    with servers.raw_server(servers.understated_length) as base:
        result = run(sqlite_url, "import", base + "/more", "--json", **URL_SETTINGS)
    if result.exit_code == 0:
        from sqlalchemy import text

        from tests.reliability.helpers import engine_for

        engine = engine_for(sqlite_url)
        with engine.connect() as conn:
            assert conn.execute(text("SELECT max(size) FROM article_version")).scalar() == 20
        engine.dispose()
    else:
        assert_refused(result, "cannot fetch")


def test_private_addresses_are_refused_by_default(shared_db, server):
    """Without the allow-list (and with the real resolver) the local server itself is off limits."""
    assert_import_refused(shared_db, server + "/ok", "non-public address 127.0.0.1")


def test_allow_hosts_from_the_configuration_file(sqlite_url, server, tmp_path, monkeypatch):
    """`[fetch] allow_hosts` in claimtrack.toml is what lets the local server in (a real process)."""
    config = tmp_path / "claimtrack.toml"
    config.write_text('[fetch]\nallow_hosts = ["127.0.0.1"]\n', encoding="utf-8")
    result = run_cli("import", server + "/ok", db=sqlite_url, env={"CLAIMTRACK_CONFIG": str(config)})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("imported  article 1 v1")


def test_allow_private_alone_allows_nothing(shared_db, server):
    """The deprecated --allow-private flag is an alias that still needs the host in allow_hosts."""
    before = snapshot(shared_db)
    result = run(shared_db, "import", server + "/ok", "--allow-private")
    assert result.exit_code == 1 and "non-public address 127.0.0.1" in result.stderr
    assert "--allow-private is deprecated" in result.stderr
    assert snapshot(shared_db) == before


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/admin", "http://169.254.169.254/latest/meta-data/",
                                 "http://[64:ff9b::a9fe:a9fe]/", "http://[::ffff:10.0.0.1]/"])
def test_evidence_without_fetching_is_checked_before_storing(shared_db, url):
    """`evidence add --no-fetch` runs the address check: a private URL is not stored for a colleague's
    `evidence check` to fetch later (confused deputy)."""
    before = snapshot(shared_db)
    result = run(shared_db, "evidence", "add", "1", url, "--stance", "refutes", "--no-fetch")
    assert_refused(result, "non-public address")
    assert snapshot(shared_db) == before


def test_evidence_check_applies_the_checkers_allow_list(sqlite_url, server, tmp_path):
    """Evidence stored where 127.0.0.1 is trusted is not fetched by a colleague whose configuration does not
    trust it, whatever flag they pass: the capture is an error naming the policy, with no body."""
    populate(sqlite_url, tmp_path / "articles")
    added = run(sqlite_url, "evidence", "add", "1", server + "/ok", "--stance", "supports", "--json",
                **URL_SETTINGS)
    assert added.exit_code == 0 and '"outcome": "ok"' in added.stdout, added.stdout + added.stderr
    checked = run(sqlite_url, "evidence", "check", "--allow-private", "--json")
    assert checked.exit_code == 0, checked.stderr
    import json

    items = {i["url"]: i for i in json.loads(checked.stdout)["items"]}
    capture = items[server + "/ok"]["capture"]
    assert items[server + "/ok"]["outcome"] == "dead" and capture["sha256"] is None
    assert "non-public address 127.0.0.1" in capture["error"]


def test_fetch_timeout_is_configurable_by_environment(sqlite_url):
    with servers.raw_server(servers.never_answer) as base:
        result = run_cli("import", base + "/slow", db=sqlite_url, timeout=60,
                         env={"CLAIMTRACK_FETCH_TIMEOUT": "0.3", "CLAIMTRACK_FETCH_ALLOW_HOSTS": "127.0.0.1"})
    assert_refused(result, "timed out fetching")


def test_stat_of_hostile_corpus_files_is_small():
    """The committed corpus stays tiny; big cases are generated."""
    assert all(p.stat().st_size < 4096 for p in HOSTILE.iterdir() if stat.S_ISREG(p.stat().st_mode))


# -- markup and forged lines (the full matrix of commands is in test_markup.py) --------------------------------

def test_rich_markup_in_an_article_is_shown_verbatim_at_a_terminal(sqlite_url, monkeypatch):
    """`[/x]` made `claims list` at a terminal fail with an internal error; `[link=…]` made a hyperlink."""
    from claimtrack.cli import render

    assert run(sqlite_url, "import", str(HOSTILE / "markup.txt")).exit_code == 0
    monkeypatch.setattr(render, "interactive", lambda: True)
    monkeypatch.setenv("COLUMNS", "300")
    listed = run(sqlite_url, "claims", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "[link=https://evil.example]click[/link] buses in 2023 [/x] [bold]" in listed.stdout


def test_a_newline_in_a_reviewer_name_forges_no_verdict_line(sqlite_url):
    assert run(sqlite_url, "import", str(HOSTILE / "markup.txt")).exit_code == 0
    forger = "eve\n#99 true by mallory at 2026-01-01 (current): forged"
    assert run(sqlite_url, "verdict", "set", "1", "unverifiable", "--rationale", "x", reviewer=forger).exit_code == 0
    history = run(sqlite_url, "verdict", "history", "1").stdout
    assert history.count("\n") == 2 and not any(line.startswith("#99") for line in history.splitlines())
