"""Where webhooks may be sent: public addresses only, unless the organization allows private ones.

Checked when a webhook is registered or its URL changes, and again right before every attempt
(DNS answers change). The check resolves the host name (`getaddrinfo`, in a worker thread) and
refuses the target when ANY address it resolves to is loopback, private, link-local, multicast,
reserved, unspecified or otherwise not globally routable (carrier-grade NAT, ...), including
IPv4 addresses wrapped in IPv6 (`::ffff:127.0.0.1`, 6to4, Teredo)."""

import ipaddress
import socket
from urllib.parse import urlsplit

import anyio

RESOLVE_TIMEOUT_SECONDS = 5.0


class TargetRefused(Exception):
    """The target is not allowed (`code` webhook_target_not_allowed) or does not resolve
    (`code` webhook_target_unresolvable)."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded(address: IPAddress) -> list[IPAddress]:
    out: list[IPAddress] = [address]
    if isinstance(address, ipaddress.IPv6Address):
        for inner in (address.ipv4_mapped, address.sixtofour):
            if inner is not None:
                out.append(inner)
        if address.teredo is not None:
            out.extend(address.teredo)
    return out


def is_forbidden(address: IPAddress) -> bool:
    return any(
        a.is_loopback
        or a.is_private
        or a.is_link_local
        or a.is_multicast
        or a.is_reserved
        or a.is_unspecified
        or not a.is_global
        for a in _embedded(address)
    )


def _host_and_port(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return host, parts.port or (443 if parts.scheme == "https" else 80)


async def resolve(host: str, port: int) -> list[IPAddress]:
    try:
        with anyio.fail_after(RESOLVE_TIMEOUT_SECONDS):
            infos = await anyio.to_thread.run_sync(
                socket.getaddrinfo, host, port, 0, socket.SOCK_STREAM, abandon_on_cancel=True
            )
    except (OSError, UnicodeError, TimeoutError) as exc:
        raise TargetRefused(
            f"The host {host!r} does not resolve ({exc}).", "webhook_target_unresolvable"
        ) from None
    # "fe80::1%eth0": the zone is not part of the address
    return [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]


async def check(url: str) -> None:
    """Raises TargetRefused unless every address the URL's host resolves to is public."""
    host, port = _host_and_port(url)
    for address in await resolve(host, port):
        if is_forbidden(address):
            raise TargetRefused(
                f"The webhook URL resolves to {address}, a private or reserved address; "
                "an admin may allow such targets with the organization setting "
                "allow_private_webhook_targets.",
                "webhook_target_not_allowed",
            )
