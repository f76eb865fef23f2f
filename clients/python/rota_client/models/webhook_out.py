from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookOut")


@_attrs_define
class WebhookOut:
    """
    Attributes:
        id (UUID):
        url (str):
        description (None | str):
        event_types (list[str]): Event types sent; empty: all
        enabled (bool):
        disabled_reason (None | str): Why it was disabled (by an admin, or because the receiver answered 410 Gone)
        secret_prefix (str): The start of the current signing secret
        previous_secret_prefix (None | str): The start of the previous secret, still signed with until it is removed
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    url: str
    description: None | str
    event_types: list[str]
    enabled: bool
    disabled_reason: None | str
    secret_prefix: str
    previous_secret_prefix: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        url = self.url

        description: None | str
        description = self.description

        event_types = self.event_types

        enabled = self.enabled

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        secret_prefix = self.secret_prefix

        previous_secret_prefix: None | str
        previous_secret_prefix = self.previous_secret_prefix

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "description": description,
                "event_types": event_types,
                "enabled": enabled,
                "disabled_reason": disabled_reason,
                "secret_prefix": secret_prefix,
                "previous_secret_prefix": previous_secret_prefix,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        url = d.pop("url")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        event_types = cast(list[str], d.pop("event_types"))

        enabled = d.pop("enabled")

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        secret_prefix = d.pop("secret_prefix")

        def _parse_previous_secret_prefix(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous_secret_prefix = _parse_previous_secret_prefix(d.pop("previous_secret_prefix"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        webhook_out = cls(
            id=id,
            url=url,
            description=description,
            event_types=event_types,
            enabled=enabled,
            disabled_reason=disabled_reason,
            secret_prefix=secret_prefix,
            previous_secret_prefix=previous_secret_prefix,
            created_at=created_at,
            updated_at=updated_at,
        )

        webhook_out.additional_properties = d
        return webhook_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
