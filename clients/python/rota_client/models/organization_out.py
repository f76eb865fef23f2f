from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrganizationOut")


@_attrs_define
class OrganizationOut:
    """
    Attributes:
        id (UUID):
        name (str):
        default_max_active_transfers (int | None): Capacity of agents without their own max_active_transfers; null:
            unlimited
        allow_private_webhook_targets (bool): Webhooks may target loopback, private, link-local or reserved addresses
        away_keeps_transfers (bool): An agent who goes away or offline keeps their transfers (false: they go back to
            their queues); each change may say otherwise
        busy_may_pick (bool): Busy agents may still pick work from the queues
        offline_after_disconnect_seconds (int | None): Automatic presence: an available or busy agent whose last live
            event stream (GET /api/events) has been gone this many seconds (and at least two of the servers' presence
            heartbeats) becomes offline, once (audited with cause connection_lost); their transfers go back to the queues
            unless away_keeps_transfers. Agents who never opened a stream are left alone; reconnecting does not make an
            agent available, they switch back themselves. 1 to 86400; null: off
        created_at (datetime.datetime):
    """

    id: UUID
    name: str
    default_max_active_transfers: int | None
    allow_private_webhook_targets: bool
    away_keeps_transfers: bool
    busy_may_pick: bool
    offline_after_disconnect_seconds: int | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        default_max_active_transfers: int | None
        default_max_active_transfers = self.default_max_active_transfers

        allow_private_webhook_targets = self.allow_private_webhook_targets

        away_keeps_transfers = self.away_keeps_transfers

        busy_may_pick = self.busy_may_pick

        offline_after_disconnect_seconds: int | None
        offline_after_disconnect_seconds = self.offline_after_disconnect_seconds

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "default_max_active_transfers": default_max_active_transfers,
                "allow_private_webhook_targets": allow_private_webhook_targets,
                "away_keeps_transfers": away_keeps_transfers,
                "busy_may_pick": busy_may_pick,
                "offline_after_disconnect_seconds": offline_after_disconnect_seconds,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_default_max_active_transfers(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        default_max_active_transfers = _parse_default_max_active_transfers(d.pop("default_max_active_transfers"))

        allow_private_webhook_targets = d.pop("allow_private_webhook_targets")

        away_keeps_transfers = d.pop("away_keeps_transfers")

        busy_may_pick = d.pop("busy_may_pick")

        def _parse_offline_after_disconnect_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        offline_after_disconnect_seconds = _parse_offline_after_disconnect_seconds(
            d.pop("offline_after_disconnect_seconds")
        )

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        organization_out = cls(
            id=id,
            name=name,
            default_max_active_transfers=default_max_active_transfers,
            allow_private_webhook_targets=allow_private_webhook_targets,
            away_keeps_transfers=away_keeps_transfers,
            busy_may_pick=busy_may_pick,
            offline_after_disconnect_seconds=offline_after_disconnect_seconds,
            created_at=created_at,
        )

        organization_out.additional_properties = d
        return organization_out

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
