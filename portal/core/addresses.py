"""The client's address, as the sign-in lockout, the feedback limit and the system log see it.

Behind a reverse proxy every request comes from the proxy, so the address must be read from
X-Forwarded-For; but anyone can send that header. Only proxies named in TRUSTED_PROXIES
(addresses or networks: a front cache and a TLS proxy may both stand in front) are believed:
the header is walked from the right, where the nearest proxy appended the address it saw,
skipping trusted proxies, and the first address that is not one is the client's. A request
straight from an untrusted peer is that peer, whatever header it sends."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The address of the client that sent `request` ("" without a request)."""
    if request is None:
        return ""
    peer = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _parse(peer)
    if address is None or not _trusted(address, networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        hop_address = _parse(hop)
        if hop_address is None:
            break  # garbage a client put there: keep the last address a trusted proxy saw
        address = hop_address
        if not _trusted(address, networks):
            break
    return str(address)
