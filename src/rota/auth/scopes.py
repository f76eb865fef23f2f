"""What an API key may be limited to. A key with scopes may call an operation only when it
holds the operation's scope: its domain (the operation's tag) and read (GET) or write (the
other methods); webhooks and API keys are managed as a whole. A key without scopes (None) acts
with all its account's permissions, as keys made before scopes did."""

from collections.abc import Iterable

# tag -> the scopes of its operations ("" means: read and write apart)
_DOMAINS = {
    "transfers": "",
    "teams": "",
    "schedules": "",
    "users": "",
    "contacts": "",
    "insights": "",
    "webhooks": "manage",
    "auth": "manage",
    "events": "read",
    "audit": "read",
    "reports": "read",
}
_NAMES = {"auth": "keys"}
SCOPES = tuple(
    f"{_NAMES.get(tag, tag)}:{kind}"
    for tag, only in _DOMAINS.items()
    for kind in ((only,) if only else ("read", "write"))
)
# every key may ask who it is
FREE = frozenset({"get_me"})


def needed(tag: str, method: str, name: str) -> str | None:
    """The scope an operation (its first tag, method and route name) needs; None: none."""
    if name in FREE or tag not in _DOMAINS:
        return None
    only = _DOMAINS[tag] or ("read" if method in ("GET", "HEAD") else "write")
    return f"{_NAMES.get(tag, tag)}:{only}"


def unknown(scopes: Iterable[str]) -> list[str]:
    return sorted(set(scopes) - set(SCOPES))
