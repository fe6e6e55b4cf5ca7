"""The connection goes to the address that was checked (DNS rebinding), keeping the name for Host and TLS.

The rebinding resolver answers a public address the first time and 127.0.0.1 after that. The "network" of
these tests is the machine itself: `socket.create_connection` is wrapped so that a name is resolved the
way the OS would (through the same rebinding resolver) and anything but 127.0.0.1 is unreachable, so no
test ever touches the internet. Before pinning, httpx resolved the name again and reached 127.0.0.1.
"""

from __future__ import annotations

import socket

import httpcore
import httpx
import pytest

from claimtrack.config import Settings
from claimtrack.errors import FetchError
from claimtrack.fetch.client import Fetcher, Pins, PinnedBackend, PinnedTransport, fetcher_for, make_client
from tests.reliability import servers

PUBLIC = "93.184.216.34"


@pytest.fixture
def seen():
    return []


@pytest.fixture
def server(seen):
    def record(handler):
        seen.append((handler.path, handler.headers.get("Host")))
        handler.wfile.write(b"the intranet secret")

    routes = {"/secret": (200, {"Content-Type": "text/plain", "Content-Length": "19"}, record)}
    with servers.http_server(routes) as base:
        yield base


@pytest.fixture
def rebinding_network(monkeypatch):
    """`rebind.test` resolves to a public address once, then to 127.0.0.1; only 127.0.0.1 is reachable."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection
    answers = {"count": 0}
    attempts: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "rebind.test":
            answers["count"] += 1
            host = PUBLIC if answers["count"] == 1 else "127.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        host, port = address[:2]
        ips = [info[4][0] for info in getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]
        attempts.extend(ips)
        if "127.0.0.1" not in ips:
            raise ConnectionRefusedError(f"unreachable in this test: {ips}")
        return real_connect(("127.0.0.1", port), *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return attempts


def test_dns_rebinding_reaches_only_the_checked_address(server, seen, rebinding_network):
    port = server.rsplit(":", 1)[1]
    fetcher = fetcher_for(Settings(fetch_timeout=2, fetch_connect_timeout=1))
    with pytest.raises(FetchError, match="cannot fetch"):
        fetcher.get(f"http://rebind.test:{port}/secret")
    assert seen == []  # the second answer (127.0.0.1) was never connected to
    assert set(rebinding_network) == {PUBLIC}  # every connection attempt went to the checked address


def test_rebinding_to_a_private_address_at_check_time_is_refused(server, seen, rebinding_network):
    port = server.rsplit(":", 1)[1]
    fetcher = fetcher_for(Settings())
    fetcher.resolve("rebind.test", int(port))  # use up the public answer: the check now sees 127.0.0.1
    with pytest.raises(FetchError, match="non-public address 127.0.0.1"):
        fetcher.get(f"http://rebind.test:{port}/secret")
    assert seen == [] and rebinding_network == []


def test_an_allowed_host_is_reached_at_its_checked_address_with_its_name(server, seen):
    port = server.rsplit(":", 1)[1]
    resolve = lambda host, p: ["127.0.0.1"] if host == "intranet.example" else [PUBLIC]  # noqa: E731
    fetcher = fetcher_for(Settings(fetch_allow_hosts=("intranet.example",)), resolve=resolve)
    fetched = fetcher.get(f"http://intranet.example:{port}/secret")
    assert fetched.body == b"the intranet secret"
    assert seen == [("/secret", f"intranet.example:{port}")]


def test_the_same_host_is_refused_without_the_allow_list(server, seen):
    port = server.rsplit(":", 1)[1]
    fetcher = fetcher_for(Settings(), resolve=lambda host, p: ["127.0.0.1"])
    with pytest.raises(FetchError, match=r"non-public address 127.0.0.1 \(loopback\).*\[fetch\] allow_hosts"):
        fetcher.get(f"http://intranet.example:{port}/secret")
    assert seen == []


class _Recorder(httpcore.NetworkBackend):
    """An inner backend that records where it is asked to connect and which name TLS is started for."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        self.calls.append(("connect", host, port))
        recorder = self

        class Stream(httpcore.NetworkStream):
            def start_tls(self, ssl_context, server_hostname=None, timeout=None):
                recorder.calls.append(("tls", server_hostname))
                raise httpcore.ConnectError("stop here")

            def close(self):
                pass

            def get_extra_info(self, info):
                return None

        return Stream()

    def sleep(self, seconds):
        pass


def test_tls_keeps_the_name_for_sni_while_connecting_to_the_checked_address():
    pins, inner = Pins(), _Recorder()
    settings = Settings()
    client = make_client(settings, transport=PinnedTransport(pins, retries=0, inner=inner))
    fetcher = Fetcher(client=client, max_bytes=1000, resolve=lambda h, p: [PUBLIC], pins=pins)
    with pytest.raises(FetchError):
        fetcher.get("https://news.example.test/story")
    assert inner.calls == [("connect", PUBLIC, 443), ("tls", "news.example.test")]


def test_a_host_that_was_never_checked_is_not_connected_to():
    inner = _Recorder()
    with pytest.raises(httpcore.ConnectError, match="no checked address"):
        PinnedBackend(Pins(), inner).connect_tcp("unchecked.example", 80)
    assert inner.calls == []
    with httpx.Client(transport=PinnedTransport(Pins(), inner=inner)) as client, pytest.raises(httpx.ConnectError):
        client.get("http://unchecked.example/")
    assert inner.calls == []
