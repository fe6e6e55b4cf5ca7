"""The one address policy: which IP addresses claimtrack may connect to.

The one idea: an address is fetchable only when it is ordinary global unicast. Every range of the IANA IPv4
and IPv6 Special-Purpose Address Registries is refused — also the few the registry marks "globally
reachable" (anycast relays, AS112 sinks, AMT), since none of them serves an article — as are multicast,
the deprecated site-local fec0::/10 and everything outside 2000::/3. Forms that carry an IPv4 address
inside an IPv6 one are judged by the IPv4 address too: IPv4-mapped (::ffff:a.b.c.d) and NAT64
(64:ff9b::a.b.c.d, how an IPv6-only network reaches IPv4 sites) are allowed exactly when their IPv4
address is; IPv4-compatible, IPv4-translated, local-use NAT64, 6to4 and Teredo are refused outright, and the
refusal names the embedded IPv4 address.

Hosts a deployment trusts (an intranet server) are named in the configuration, `[fetch] allow_hosts`; the
check is skipped for exactly those host names, never for an address some other name resolves to.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from claimtrack.errors import FetchError

IP = ipaddress.IPv4Address | ipaddress.IPv6Address


class Special(NamedTuple):
    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    name: str
    embedded: bool = False  # the address carries an IPv4 address that decides (mapped, NAT64)


def _table(rows: list[tuple[str, str]] | list[tuple[str, str, bool]]) -> tuple[Special, ...]:
    return tuple(Special(ipaddress.ip_network(row[0]), *row[1:]) for row in rows)


# IANA IPv4 Special-Purpose Address Registry (RFC 6890 and its updates), plus multicast.
IPV4_SPECIAL = _table([
    ("0.0.0.0/8", "this network"),
    ("10.0.0.0/8", "private use"),
    ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link local"),
    ("172.16.0.0/12", "private use"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation (TEST-NET-1)"),
    ("192.31.196.0/24", "AS112-v4"),
    ("192.52.193.0/24", "AMT"),
    ("192.88.99.0/24", "deprecated 6to4 relay anycast"),
    ("192.168.0.0/16", "private use"),
    ("192.175.48.0/24", "direct delegation AS112 service"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation (TEST-NET-2)"),
    ("203.0.113.0/24", "documentation (TEST-NET-3)"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "limited broadcast"),
])

# IANA IPv6 Special-Purpose Address Registry, plus multicast and the deprecated site-local range.
IPV6_SPECIAL = _table([
    ("::/128", "unspecified address"),
    ("::1/128", "loopback"),
    ("::ffff:0:0/96", "IPv4-mapped", True),
    ("::ffff:0:0:0/96", "IPv4-translated (SIIT)"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("64:ff9b::/96", "IPv4-IPv6 translation (NAT64)", True),
    ("64:ff9b:1::/48", "local-use IPv4-IPv6 translation"),
    ("100::/64", "discard-only"),
    ("100:0:0:1::/64", "dummy IPv6 prefix"),
    ("2001::/23", "IETF protocol assignments"),
    ("2001::/32", "Teredo"),
    ("2001:db8::/32", "documentation"),
    ("2002::/16", "6to4"),
    ("2620:4f:8000::/48", "direct delegation AS112 service"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing (SRv6) SIDs"),
    ("fc00::/7", "unique local"),
    ("fe80::/10", "link-local unicast"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
])

GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries, for the forms that carry one (else None)."""
    value = int(ip)
    if ip in ipaddress.ip_network("2002::/16"):
        return ipaddress.IPv4Address((value >> 80) & 0xFFFFFFFF)
    if ip.teredo:
        return ip.teredo[1]  # the client's address (the server's is a public relay's)
    for prefix in ("::ffff:0:0/96", "::ffff:0:0:0/96", "::/96", "64:ff9b::/96", "64:ff9b:1::/48"):
        if ip in ipaddress.ip_network(prefix):
            return ipaddress.IPv4Address(value & 0xFFFFFFFF)
    return None


def refusal(address: str | IP) -> str | None:
    """Why `address` may not be connected to (None when it may): the range's name, and any embedded IPv4."""
    ip = ipaddress.ip_address(address.split("%")[0]) if isinstance(address, str) else address
    if isinstance(ip, ipaddress.IPv4Address):
        return _v4_refusal(ip)
    special = _most_specific(ip, IPV6_SPECIAL)
    inner = embedded_ipv4(ip)
    if special is not None and special.embedded and inner is not None:
        why = _v4_refusal(inner)
        return None if why is None else f"{special.name} of {inner}, {why}"
    if special is not None:
        return special.name + (f" (embeds {inner})" if inner is not None else "")
    if ip not in GLOBAL_UNICAST_V6 or not ip.is_global:
        return "not global unicast"
    return None


def _v4_refusal(ip: ipaddress.IPv4Address) -> str | None:
    special = _most_specific(ip, IPV4_SPECIAL)
    if special is not None:
        return special.name
    return None if ip.is_global else "not globally reachable"


def _most_specific(ip: IP, table: tuple[Special, ...]) -> Special | None:
    found = [s for s in table if ip.version == s.network.version and ip in s.network]
    return max(found, key=lambda s: s.network.prefixlen) if found else None


def is_public(address: str) -> bool:
    """Whether claimtrack may connect to `address` (see the module docstring)."""
    return refusal(address) is None


def host_allowed(host: str, allow_hosts: tuple[str, ...] | list[str]) -> bool:
    """Whether `host` is one the configuration trusts (`[fetch] allow_hosts`): exact name, case-insensitive."""
    wanted = _host_key(host)
    return any(_host_key(allowed) == wanted for allowed in allow_hosts)


def _host_key(host: str) -> str:
    host = host.strip().lower().rstrip(".")
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def resolve_host(host: str, port: int) -> list[str]:
    """The addresses a host name resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    return sorted({info[4][0] for info in infos})


@dataclass(frozen=True)
class AddressCheck:
    """The policy without an HTTP client (`evidence add --no-fetch` checks a URL it does not fetch)."""

    allow_hosts: tuple[str, ...] = ()
    resolve: Callable[[str, int], list[str]] = field(default=resolve_host)
