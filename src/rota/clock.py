"""The one source of the current time, so tests can hold or move it."""

from collections.abc import Callable
from datetime import UTC, datetime


def _system() -> datetime:
    return datetime.now(UTC)


_source: Callable[[], datetime] = _system


def now() -> datetime:
    return _source()


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Use `source` for the current time (None: the system clock again)."""
    global _source
    _source = source or _system
