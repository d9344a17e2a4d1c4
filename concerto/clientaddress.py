"""The client's address, told apart from what a client claims.

Behind the load balancer every request comes from the proxy's address, and the proxy
says whom it talks for in `X-Forwarded-For`. Anyone can send that header, so it is
believed only when the request comes from a proxy this deployment names
(`TRUSTED_PROXIES`: addresses or networks), and only for the hops trusted proxies
appended: read from the right, the first address that is not a trusted proxy is the
client. Rate limits, the sign-in lockout's log and the API's throttle all count by it.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request) -> str | None:
    """The address the request came from, or None when the server was not told one."""
    remote = _parse(request.META.get("REMOTE_ADDR"))
    if remote is None:
        return None
    if not _is_trusted(remote):
        return str(remote)
    client = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            break  # garbage a trusted proxy passed on: believe nothing further left
        client = address
        if not _is_trusted(address):
            break
    return str(client)


def _parse(value: str | None) -> Address | None:
    try:
        address = ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address) -> bool:
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)
