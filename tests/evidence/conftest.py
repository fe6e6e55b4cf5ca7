"""Evidence fixtures: a real local web site (127.0.0.1) whose pages a test can edit, and a claim to cite it.

`site` yields (base URL, routes): change `routes["/firms"]` and the next fetch sees the edited page. The
review fixtures (`seeded`) are reused; the AppContext fetches for real, so the local test server is in [fetch] allow_hosts.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import invoke
from tests.reliability.servers import http_server
from tests.review.conftest import seeded  # noqa: F401 - a fixture

HTML = {"Content-Type": "text/html; charset=utf-8"}


def page(figure: bytes) -> bytes:
    return (b"<html><head><title>Register of firms</title></head><body><article><h1>Register of firms</h1>"
            b"<p>The city register lists " + figure + b" AI firms as of March.</p><p>The register is updated "
            b"monthly by the statistics office, which counts only firms with a local licence.</p></article>"
            b"</body></html>")


@pytest.fixture
def site():
    routes = {"/firms": (200, HTML, page(b"1,412")), "/old": (301, {"Location": "/firms"}, b"")}
    with http_server(routes) as base:
        yield base, routes


def ok(*args: str, context, code: int = 0):
    result = invoke(*args, context=context)
    assert result.exit_code == code, (args, result.stdout, result.stderr)
    return result


def cited(context, seeded, base: str) -> tuple[int, int]:  # noqa: F811
    """(claim id, evidence id): the firms claim cites base/old (which redirects to /firms)."""
    claim = seeded.claims["firms"]
    added = json.loads(ok("evidence", "add", str(claim), f"{base}/old", "--stance", "refutes", "--note", "register",
                          "--json", context=context).stdout)
    return claim, added["id"]


@pytest.fixture(autouse=True)
def local_server_allowed(request):
    """The test servers listen on 127.0.0.1: a private address, fetched only because allow_hosts names it."""
    if "context" in request.fixturenames:
        from dataclasses import replace

        context = request.getfixturevalue("context")
        context.settings = replace(context.settings, fetch_allow_hosts=("127.0.0.1",))
