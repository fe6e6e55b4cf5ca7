"""The one address policy against every special-purpose range.

The table is written from the IANA IPv4 and IPv6 Special-Purpose Address Registries (plus multicast and the
deprecated site-local range): the first, a middle and the last address of every range must be refused,
also the ranges the registry marks "globally reachable" (anycast relays, AS112, AMT), which
`ipaddress.is_global` lets through. Embedded IPv4 forms are judged by the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress

import pytest

from claimtrack.fetch.policy import embedded_ipv4, host_allowed, is_public, refusal

IPV4_REGISTRY = [
    "0.0.0.0/8", "0.0.0.0/32", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.0.0.0/29", "192.0.0.8/32", "192.0.0.9/32", "192.0.0.10/32", "192.0.0.170/32",
    "192.0.0.171/32", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
    "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
    "255.255.255.255/32", "224.0.0.0/4",
]

IPV6_REGISTRY = [
    "::1/128", "::/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
    "2001::/23", "2001::/32", "2001:1::1/128", "2001:1::2/128", "2001:1::3/128", "2001:2::/48", "2001:3::/32",
    "2001:4:112::/48", "2001:10::/28", "2001:20::/28", "2001:30::/28", "2001:db8::/32", "2002::/16",
    "2620:4f:8000::/48", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    "::/96", "::ffff:0:0:0/96",
]


def samples(cidr: str) -> list[str]:
    net = ipaddress.ip_network(cidr)
    return sorted({str(net[0]), str(net[net.num_addresses // 2]), str(net[-1])})


@pytest.mark.parametrize("cidr", IPV4_REGISTRY + IPV6_REGISTRY)
def test_every_special_purpose_range_is_refused(cidr):
    net = ipaddress.ip_network(cidr)
    for address in samples(cidr):
        if net.num_addresses >= 2**32 and cidr in ("::ffff:0:0/96", "64:ff9b::/96"):
            # these carry an IPv4 address: their middle is 128.0.0.0, a public one (see the embedded tests)
            address = str(net[0])
        assert not is_public(address), (cidr, address)
        assert refusal(address)


@pytest.mark.parametrize("address", [
    "93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001:82b::200e",
    "64:ff9b::5db8:d822", "::ffff:93.184.216.34", "192.0.1.1", "192.31.197.1", "100.128.0.1",
])
def test_ordinary_public_addresses_are_allowed(address):
    assert is_public(address), refusal(address)


EMBEDDED = {
    # form: (address with a private IPv4 inside, the IPv4, with a public IPv4 inside, allowed then?)
    "NAT64": ("64:ff9b::a9fe:a9fe", "169.254.169.254", "64:ff9b::808:808", True),
    "IPv4-mapped": ("::ffff:127.0.0.1", "127.0.0.1", "::ffff:8.8.8.8", True),
    "IPv4-translated": ("::ffff:0:7f00:1", "127.0.0.1", "::ffff:0:808:808", False),
    "IPv4-compatible": ("::7f00:1", "127.0.0.1", "::808:808", False),
    "local NAT64": ("64:ff9b:1::a00:1", "10.0.0.1", "64:ff9b:1::808:808", False),
    "6to4": ("2002:7f00:1::", "127.0.0.1", "2002:808:808::1", False),
    "Teredo": ("2001:0:4136:e378:8000:63bf:f5ff:fffe", "10.0.0.1", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", False),
}


@pytest.mark.parametrize("form", sorted(EMBEDDED))
def test_embedded_ipv4_is_judged(form):
    private, inner, public, allowed = EMBEDDED[form]
    assert str(embedded_ipv4(ipaddress.ip_address(private))) == inner
    assert not is_public(private)
    assert inner in refusal(private)
    assert is_public(public) is allowed


def test_the_issues_cases_which_is_global_let_through():
    for address in ("64:ff9b::a9fe:a9fe", "2002:7f00:1::", "::7f00:1", "::ffff:0:7f00:1", "fec0::1",
                    "192.0.0.9", "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.175.48.1"):
        assert not is_public(address), address


def test_scoped_link_local_and_v6_outside_global_unicast():
    assert not is_public("fe80::1%eth0")
    assert not is_public("4000::1")


def test_allow_hosts_matches_exact_names_only():
    allow = ("intranet.example", "127.0.0.1", "[::1]")
    assert host_allowed("INTRANET.example.", allow)
    assert host_allowed("127.0.0.1", allow) and host_allowed("::1", allow)
    assert not host_allowed("evil.intranet.example", allow)
    assert not host_allowed("intranet.example.evil", allow)
    assert not host_allowed("localhost", allow)
