"""Every HTTP request of claimtrack goes through here.

The one idea: redirects are followed by hand, one hop at a time, so that every hop is checked the same
way before it is requested: scheme (http/https only), the addresses its host resolves to (judged by the
one address policy, `fetch.policy`; hosts named in `[fetch] allow_hosts` skip it), the redirect limit;
and every body is streamed against a size cap, whatever Content-Length claims.

The connection is pinned to the checked addresses: the check records them per host (`Pins`), and the
transport's network backend (`PinnedBackend`) connects to exactly those, never resolving the name again,
so a DNS server that answers differently the second time (DNS rebinding) changes nothing. The URL, the
Host header and TLS (SNI and certificate check) still use the name. A host with no checked address is not
connected to at all.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from claimtrack import __version__
from claimtrack.config import Settings
from claimtrack.errors import FetchError
from claimtrack.fetch.policy import host_allowed, is_public, refusal, resolve_host  # noqa: F401 - re-exported
from claimtrack.clock import utcnow

USER_AGENT = f"claimtrack/{__version__} (+https://github.com/claimtrack/claimtrack)"
REDIRECT_CODES = {301, 302, 303, 307, 308}


class _Client(httpx.Client):
    """httpx builds the next request of every redirect even when not following it, and raises on a Location
    it cannot parse (`javascript:…`); we follow redirects ourselves, so that unused request may fail quietly
    and the Location reaches `Fetcher.check_url`, which refuses it by name."""

    def _build_redirect_request(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        try:
            return super()._build_redirect_request(request, response)
        except (httpx.InvalidURL, httpx.RemoteProtocolError, UnicodeError, ValueError):
            return request


class Pins:
    """The checked addresses of each host (thread-safe: `evidence check` fetches from many threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._addresses: dict[str, tuple[str, ...]] = {}

    def set(self, host: str, addresses: list[str]) -> None:
        with self._lock:
            self._addresses[_pin_key(host)] = tuple(addresses)

    def get(self, host: str) -> tuple[str, ...]:
        with self._lock:
            return self._addresses.get(_pin_key(host), ())


def _pin_key(host: str) -> str:
    """The host as httpcore names it (ASCII, IDNA-encoded, no brackets, lower case)."""
    host = host.strip("[]").rstrip(".").lower()
    try:
        return httpx.URL(scheme="http", host=host).raw_host.decode("ascii").lower()
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return host


class PinnedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, connecting to the addresses the check recorded for the host (see above)."""

    def __init__(self, pins: Pins, inner: httpcore.NetworkBackend | None = None) -> None:
        self.pins = pins
        self.inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        addresses = self.pins.get(host)
        if not addresses:
            raise httpcore.ConnectError(f"no checked address for host {host!r}")
        failure: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                              socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure  # type: ignore[misc]

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport whose connection pool uses `PinnedBackend` (TLS verification as httpx's default)."""

    def __init__(self, pins: Pins, *, limits: httpx.Limits | None = None, retries: int = 2,
                 inner: httpcore.NetworkBackend | None = None) -> None:
        limits = limits or httpx.Limits()
        super().__init__(limits=limits, retries=retries)
        from httpx._config import create_ssl_context  # the same SSL context httpx gives its own pool

        self._pool = httpcore.ConnectionPool(
            ssl_context=create_ssl_context(), max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry, retries=retries,
            network_backend=PinnedBackend(pins, inner))


def make_client(settings: Settings, *, transport: httpx.BaseTransport | None = None,
                pins: Pins | None = None) -> httpx.Client:
    """The configured httpx client: explicit timeouts, connect retries, honest User-Agent, no auto-redirects;
    unless a test hands in a transport, connections go only to the addresses recorded in `pins`."""
    limits = httpx.Limits(max_connections=settings.fetch_concurrency * 2,
                          max_keepalive_connections=settings.fetch_concurrency)
    return _Client(
        timeout=httpx.Timeout(settings.fetch_timeout, connect=settings.fetch_connect_timeout),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        transport=transport or PinnedTransport(pins if pins is not None else Pins(), limits=limits),
        limits=limits,
    )


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
    allow_hosts: tuple[str, ...] = ()
    resolve: Callable[[str, int], list[str]] = field(default=resolve_host)
    pins: Pins = field(default_factory=Pins)

    def get(self, url: str, *, accept: Callable[[str], bool] | None = None, ok_only: bool = True) -> Fetched:
        """GET `url`, following redirects hop by hop; `accept(content_type)` may refuse the type."""
        hops: list[str] = []
        current = url
        while True:
            self.check_url(current)
            response = self._stream(current, accept, ok_only)
            if not isinstance(response, str):
                return Fetched(url, current, response[0], response[1], response[2], response[3], utcnow(),
                               tuple(hops))
            hops.append(current)
            if len(hops) > self.max_redirects:
                raise FetchError(f"too many redirects (more than {self.max_redirects}) from {url}")
            current = response

    def check_url(self, url: str) -> None:
        """Refuse anything but http(s) URLs to public addresses (or hosts in `allow_hosts`); pin the
        addresses checked, so that the connection goes to one of them."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        except ValueError as exc:
            raise FetchError(f"not a valid URL ({exc}): {url}") from None
        if parts.scheme.lower() not in ("http", "https"):
            raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'no scheme'!r}: {url}")
        if not parts.hostname:
            raise FetchError(f"URL has no host: {url}")
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        addresses = self.resolve(parts.hostname, port)
        if not host_allowed(parts.hostname, self.allow_hosts):
            refuse_addresses(parts.hostname, addresses)
        self.pins.set(parts.hostname, addresses)

    def _stream(self, url: str, accept, ok_only: bool) -> str | tuple[int, str, dict[str, str], bytes]:
        try:
            with self.client.stream("GET", url) as response:
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


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "Connection refused" in text or "ConnectError" in type(exc).__name__ and "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0]


def refuse_addresses(host: str, addresses: list[str]) -> None:
    """FetchError naming the first address of `host` the address policy refuses (if any)."""
    for address in addresses:
        why = refusal(address)
        if why is not None:
            raise FetchError(f"refusing {host}: it resolves to a non-public address {address} ({why}); "
                             "a trusted private host must be listed in [fetch] allow_hosts")


def fetcher_for(settings: Settings, *, transport: Any = None,
                resolve: Callable[[str, int], list[str]] | None = None) -> Fetcher:
    """A Fetcher with the settings' caps and allow-list (the way commands should get one)."""
    pins = Pins()
    return Fetcher(
        client=make_client(settings, transport=transport, pins=pins),
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        allow_hosts=settings.fetch_allow_hosts,
        resolve=resolve or resolve_host,
        pins=pins,
    )
