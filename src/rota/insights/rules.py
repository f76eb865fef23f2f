"""Which rule assigns a new insight: pure functions, no I/O.

A rule's `match` has up to three conditions, all of which must hold (an empty one holds always):
- `types`: the insight's type is one of them;
- `keywords`: at least one keyword occurs in the title or the body, case-insensitively, as a
  substring ("refund" matches "Refunds are slow"; "bug" also matches "debugging");
- `contact_attributes`: every key is among the contact's custom attributes with an equal value
  (true is not 1, "1" is not 1); such a rule never matches an insight without a contact.
Active rules run in order of position, then age (created_at, then id); the first match wins.
"""

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, Protocol


class RuleLike(Protocol):
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def position(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def is_active(self) -> bool: ...
    @property
    def match(self) -> Mapping[str, Any]: ...


def _same(expected: Any, actual: Any) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    return bool(expected == actual)


def matches(
    match: Mapping[str, Any],
    insight: Mapping[str, Any],
    contact_attributes: Mapping[str, Any] | None,
) -> bool:
    """Whether one rule's conditions hold for an insight (`type`, `title`, `body`) and the
    custom attributes of its contact (None: the insight has no contact)."""
    types = match.get("types") or []
    if types and insight.get("type") not in types:
        return False
    keywords = [k.strip().casefold() for k in match.get("keywords") or [] if k.strip()]
    if keywords:
        texts = [(insight.get(f) or "").casefold() for f in ("title", "body")]
        if not any(k in text for k in keywords for text in texts):
            return False
    wanted = match.get("contact_attributes") or {}
    if wanted:
        if contact_attributes is None:
            return False
        if not all(
            key in contact_attributes and _same(value, contact_attributes[key])
            for key, value in wanted.items()
        ):
            return False
    return True


def ordered(rules: Iterable[RuleLike]) -> list[RuleLike]:
    """The active rules in the order they run."""
    return sorted((r for r in rules if r.is_active), key=lambda r: (r.position, r.created_at, str(r.id)))


def first_match(
    rules: Iterable[RuleLike],
    insight: Mapping[str, Any],
    contact_attributes: Mapping[str, Any] | None,
) -> RuleLike | None:
    """The rule that assigns the insight, or None (it stays unassigned)."""
    for rule in ordered(rules):
        if matches(rule.match, insight, contact_attributes):
            return rule
    return None
