"""The one HTTP client: redirects hop by hop, status, timeouts, content types, size caps, address checks.

MockTransport for the protocol cases, and a real server on 127.0.0.1 (named in `allow_hosts`) for the timeout and
a lying Content-Length, which only real sockets show.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from claimtrack.config import Settings
from claimtrack.errors import FetchError
from claimtrack.fetch.client import fetcher_for

PUBLIC = ["93.184.216.34"]


def mock(handler, **settings):
    return fetcher_for(Settings(**settings), transport=httpx.MockTransport(handler), resolve=lambda h, p: PUBLIC)


def html_type(content_type: str) -> bool:
    return content_type.split(";")[0].strip() in ("text/html", "text/plain")


def test_redirects_are_followed_and_the_final_url_kept():
    def handler(request):
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "/new"})
        return httpx.Response(200, text="hello", headers={"content-type": "text/plain"})

    fetched = mock(handler).get("https://news.example.org/old")
    assert (fetched.final_url, fetched.status, fetched.body) == ("https://news.example.org/new", 200, b"hello")
    assert fetched.redirects == ("https://news.example.org/old",)


def test_more_than_five_redirects_are_refused():
    def handler(request):
        n = int(request.url.path.strip("/") or 0)
        return httpx.Response(302, headers={"location": f"/{n + 1}"})

    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        mock(handler).get("https://news.example.org/0")


def test_a_redirect_to_a_private_address_is_refused():
    def handler(request):
        return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})

    fetcher = fetcher_for(Settings(), transport=httpx.MockTransport(handler),
                          resolve=lambda h, p: ["127.0.0.1"] if h == "127.0.0.1" else PUBLIC)
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        fetcher.get("https://news.example.org/")


def test_404_is_a_fetch_error():
    with pytest.raises(FetchError, match="HTTP 404 Not Found from https://news.example.org/gone"):
        mock(lambda r: httpx.Response(404, text="no")).get("https://news.example.org/gone")


def test_a_wrong_content_type_is_refused():
    handler = lambda r: httpx.Response(200, content=b"%PDF-1.7", headers={"content-type": "application/pdf"})  # noqa: E731
    with pytest.raises(FetchError, match="unsupported content type 'application/pdf'"):
        mock(handler).get("https://news.example.org/a.pdf", accept=html_type)


def test_an_oversized_body_is_refused_while_streaming():
    def handler(request):
        return httpx.Response(200, stream=httpx.ByteStream(b"x" * 5000), headers={"content-type": "text/plain"})

    with pytest.raises(FetchError, match="larger than the cap of 1,000 bytes"):
        mock(handler, fetch_max_bytes=1000).get("https://news.example.org/big")


def test_a_declared_length_over_the_cap_is_refused_before_reading():
    def handler(request):
        return httpx.Response(200, content=b"x" * 2000, headers={"content-type": "text/plain"})

    with pytest.raises(FetchError, match=r"too large \(2,000 bytes, cap 1,000\)"):
        mock(handler, fetch_max_bytes=1000).get("https://news.example.org/big")


def test_a_content_length_that_understates_the_body_does_not_lift_the_cap():
    def handler(request):
        return httpx.Response(200, stream=httpx.ByteStream(b"x" * 5000),
                              headers={"content-type": "text/plain", "content-length": "100"})

    with pytest.raises(FetchError, match="larger than the cap of 1,000 bytes"):
        mock(handler, fetch_max_bytes=1000).get("https://news.example.org/liar")


def test_a_timeout_is_a_fetch_error():
    def handler(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError, match="timed out fetching https://news.example.org/slow"):
        mock(handler).get("https://news.example.org/slow")


def test_only_http_urls():
    with pytest.raises(FetchError, match="only http and https"):
        mock(lambda r: httpx.Response(200)).get("file:///etc/passwd")


def test_the_declared_charset_is_exposed():
    handler = lambda r: httpx.Response(200, content="中文".encode("gbk"),  # noqa: E731
                                       headers={"content-type": 'text/html; charset="GBK"'})
    assert mock(handler).get("https://news.example.org/").charset == "GBK"


# --- a real server on 127.0.0.1 -------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/slow":
            time.sleep(1.0)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page#frag")
            self.end_headers()
            return
        body = b"y" * 5000 if self.path == "/liar" else "近2000家企业".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        if self.path == "/liar":  # claims a small body, then sends more and closes
            self.send_header("Content-Length", "100")
        else:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = {"fetch_allow_hosts": ("127.0.0.1",)}


def test_local_server_refused_unless_allowed(server):
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        fetcher_for(Settings()).get(server + "/page")


def test_local_server_in_allow_hosts(server):
    fetched = fetcher_for(Settings(**LOCAL)).get(server + "/redirect")
    assert fetched.status == 200
    assert fetched.final_url == server + "/page#frag"
    assert fetched.body.decode() == "近2000家企业"


def test_real_timeout(server):
    fetcher = fetcher_for(Settings(fetch_timeout=0.2, fetch_connect_timeout=0.2, **LOCAL))
    with pytest.raises(FetchError, match="timed out"):
        fetcher.get(server + "/slow")


def test_a_lying_content_length_never_yields_more_than_it_declared(server):
    fetched = fetcher_for(Settings(fetch_max_bytes=1000, **LOCAL)).get(server + "/liar")
    assert len(fetched.body) == 100
