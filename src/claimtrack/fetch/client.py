"""Every HTTP request of claimtrack goes through here.

The one idea: redirects are followed by hand, one hop at a time, so that every hop is checked the same
way before it is requested: scheme (http/https only), the addresses its host resolves to (loopback,
private, link-local and other non-global addresses are refused unless `allow_private`), the redirect limit;
and every body is streamed against a size cap, whatever Content-Length claims.

Known limit: the address check resolves the name and httpx resolves it again to connect, so a DNS server
that answers differently within that instant (DNS rebinding) is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from claimtrack import __version__
from claimtrack.config import Settings
from claimtrack.errors import FetchError
from claimtrack.clock import utcnow

USER_AGENT = f"claimtrack/{__version__} (+https://github.com/claimtrack/claimtrack)"
REDIRECT_CODES = {301, 302, 303, 307, 308}
perf_counter = time.perf_counter  # the timings' clock (a reproducible build replaces it)


class _Client(httpx.Client):
    """httpx builds the next request of every redirect even when not following it, and raises on a Location
    it cannot parse (`javascript:…`); we follow redirects ourselves, so that unused request may fail quietly
    and the Location reaches `Fetcher.check_url`, which refuses it by name."""

    def _build_redirect_request(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        try:
            return super()._build_redirect_request(request, response)
        except (httpx.InvalidURL, httpx.RemoteProtocolError, UnicodeError, ValueError):
            return request


def make_client(settings: Settings, *, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The configured httpx client: explicit timeouts, connect retries, honest User-Agent, no auto-redirects."""
    return _Client(
        timeout=httpx.Timeout(settings.fetch_timeout, connect=settings.fetch_connect_timeout),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        transport=transport or httpx.HTTPTransport(retries=2),
        limits=httpx.Limits(max_connections=settings.fetch_concurrency * 2,
                            max_keepalive_connections=settings.fetch_concurrency),
    )


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    return sorted({info[4][0] for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class Exchange:
    """One HTTP request and its response, as on the wire (for WARC records): a redirect hop or the final one.

    Header lists keep the original case, order and repeats; `peer_ip` is the address actually connected to
    (None when the transport does not tell, e.g. a MockTransport); `timings` are milliseconds.
    """

    url: str
    method: str
    status: int
    reason: str
    http_version: str
    request_headers: tuple[tuple[str, str], ...]
    response_headers: tuple[tuple[str, str], ...]
    peer_ip: str | None
    started_at: datetime
    timings: dict[str, float]


@dataclass(frozen=True)
class Fetched:
    """A completed fetch: where it ended, what came back, the body (at most the size cap)."""

    url: str
    final_url: str
    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    redirects: tuple[str, ...] = ()
    exchanges: tuple[Exchange, ...] = ()  # every hop, the final response last

    @property
    def charset(self) -> str | None:
        """The charset declared in the Content-Type header, if any."""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip().strip("\"'")
        return None


@dataclass
class Fetcher:
    """Fetches a URL safely with the configured client (see the module docstring)."""

    client: httpx.Client
    max_bytes: int
    max_redirects: int = 5
    allow_private: bool = False
    resolve: Callable[[str, int], list[str]] = field(default=resolve_host)

    def get(self, url: str, *, accept: Callable[[str], bool] | None = None, ok_only: bool = True) -> Fetched:
        """GET `url`, following redirects hop by hop; `accept(content_type)` may refuse the type."""
        hops: list[str] = []
        exchanges: list[Exchange] = []
        current = url
        while True:
            self.check_url(current)
            response = self._stream(current, accept, ok_only, exchanges)
            if not isinstance(response, str):
                return Fetched(url, current, response[0], response[1], response[2], response[3], utcnow(),
                               tuple(hops), tuple(exchanges))
            hops.append(current)
            if len(hops) > self.max_redirects:
                raise FetchError(f"too many redirects (more than {self.max_redirects}) from {url}")
            current = response

    def check_url(self, url: str) -> None:
        """Refuse anything but http(s) URLs to public addresses (unless private ones are allowed)."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            raise FetchError(f"not a valid URL ({exc}): {url}") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'!r}: {url}")
        if not parts.hostname:
            raise FetchError(f"URL has no host: {url}")
        if self.allow_private:
            return
        try:
            port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        except ValueError:
            raise FetchError(f"URL has an invalid port: {url}") from None
        for address in self.resolve(parts.hostname, port):
            if not is_public(address):
                raise FetchError(f"refusing {parts.hostname}: it resolves to a non-public address {address}"
                                 " (use --allow-private to permit)")

    def _stream(self, url: str, accept, ok_only: bool,
                exchanges: list[Exchange] | None = None) -> str | tuple[int, str, dict[str, str], bytes]:
        started, clock = utcnow(), perf_counter()
        try:
            with self.client.stream("GET", url) as response:
                if exchanges is not None:
                    exchanges.append(_exchange(url, response, started, clock))
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    # urljoin, not httpx's URL.join: a hostile Location (javascript:…, a bad host) must reach
                    # check_url and be refused by name rather than raise inside httpx
                    return urljoin(str(response.url), response.headers["location"].strip())
                content_type = response.headers.get("content-type", "")
                if ok_only and response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase} from {url}")
                if accept is not None and not accept(content_type):
                    raise FetchError(f"unsupported content type {content_type or 'none'!r} from {url}")
                body = self._read_capped(response, url)
                if exchanges:
                    exchanges[-1].timings["body_ms"] = round((perf_counter() - clock) * 1000, 3)
                return response.status_code, content_type, dict(response.headers), body
        except httpx.TimeoutException:
            raise FetchError(f"timed out fetching {url}") from None
        except httpx.TooManyRedirects:
            raise FetchError(f"too many redirects from {url}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch {url}: {_reason(exc)}") from None
        except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
            raise FetchError(f"not a valid URL ({_reason(exc)}): {url}") from None

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"response too large ({int(declared):,} bytes, cap {self.max_bytes:,}) from {url}")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"response larger than the cap of {self.max_bytes:,} bytes from {url}")
            chunks.append(chunk)
        return b"".join(chunks)


def _exchange(url: str, response: httpx.Response, started: datetime, clock: float) -> Exchange:
    """What the wire said for one request (headers as sent and received, the peer's address, timings)."""
    stream = response.extensions.get("network_stream")
    peer = None
    try:
        address = stream.get_extra_info("server_addr") if stream is not None else None
        peer = str(address[0]) if address else None
    except Exception:  # noqa: BLE001 - a transport that cannot say is not an error
        peer = None
    pairs = lambda raw: tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in raw)  # noqa: E731
    return Exchange(url=url, method=response.request.method, status=response.status_code,
                    reason=response.reason_phrase, http_version=response.http_version,
                    request_headers=pairs(response.request.headers.raw),
                    response_headers=pairs(response.headers.raw), peer_ip=peer, started_at=started,
                    timings={"headers_ms": round((perf_counter() - clock) * 1000, 3)})


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "Connection refused" in text or "ConnectError" in type(exc).__name__ and "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0]


def fetcher_for(settings: Settings, *, transport: Any = None, allow_private: bool = False,
                resolve: Callable[[str, int], list[str]] | None = None) -> Fetcher:
    """A Fetcher with the settings' caps (the way commands should get one)."""
    return Fetcher(
        client=make_client(settings, transport=transport),
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allow_private=allow_private,
        resolve=resolve or resolve_host,
    )
