from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganizationUpdate")


@_attrs_define
class OrganizationUpdate:
    """
    Attributes:
        name (None | str | Unset):
        default_max_active_transfers (int | None | Unset):
        allow_private_webhook_targets (bool | None | Unset):
        away_keeps_transfers (bool | None | Unset):
        busy_may_pick (bool | None | Unset):
        offline_after_disconnect_seconds (int | None | Unset): Automatic presence: an available or busy agent whose last
            live event stream (GET /api/events) has been gone this many seconds (and at least two of the servers' presence
            heartbeats) becomes offline, once (audited with cause connection_lost); their transfers go back to the queues
            unless away_keeps_transfers. Agents who never opened a stream are left alone; reconnecting does not make an
            agent available, they switch back themselves. 1 to 86400; null: off
    """

    name: None | str | Unset = UNSET
    default_max_active_transfers: int | None | Unset = UNSET
    allow_private_webhook_targets: bool | None | Unset = UNSET
    away_keeps_transfers: bool | None | Unset = UNSET
    busy_may_pick: bool | None | Unset = UNSET
    offline_after_disconnect_seconds: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        default_max_active_transfers: int | None | Unset
        if isinstance(self.default_max_active_transfers, Unset):
            default_max_active_transfers = UNSET
        else:
            default_max_active_transfers = self.default_max_active_transfers

        allow_private_webhook_targets: bool | None | Unset
        if isinstance(self.allow_private_webhook_targets, Unset):
            allow_private_webhook_targets = UNSET
        else:
            allow_private_webhook_targets = self.allow_private_webhook_targets

        away_keeps_transfers: bool | None | Unset
        if isinstance(self.away_keeps_transfers, Unset):
            away_keeps_transfers = UNSET
        else:
            away_keeps_transfers = self.away_keeps_transfers

        busy_may_pick: bool | None | Unset
        if isinstance(self.busy_may_pick, Unset):
            busy_may_pick = UNSET
        else:
            busy_may_pick = self.busy_may_pick

        offline_after_disconnect_seconds: int | None | Unset
        if isinstance(self.offline_after_disconnect_seconds, Unset):
            offline_after_disconnect_seconds = UNSET
        else:
            offline_after_disconnect_seconds = self.offline_after_disconnect_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if default_max_active_transfers is not UNSET:
            field_dict["default_max_active_transfers"] = default_max_active_transfers
        if allow_private_webhook_targets is not UNSET:
            field_dict["allow_private_webhook_targets"] = allow_private_webhook_targets
        if away_keeps_transfers is not UNSET:
            field_dict["away_keeps_transfers"] = away_keeps_transfers
        if busy_may_pick is not UNSET:
            field_dict["busy_may_pick"] = busy_may_pick
        if offline_after_disconnect_seconds is not UNSET:
            field_dict["offline_after_disconnect_seconds"] = offline_after_disconnect_seconds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_default_max_active_transfers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_max_active_transfers = _parse_default_max_active_transfers(d.pop("default_max_active_transfers", UNSET))

        def _parse_allow_private_webhook_targets(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_private_webhook_targets = _parse_allow_private_webhook_targets(
            d.pop("allow_private_webhook_targets", UNSET)
        )

        def _parse_away_keeps_transfers(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        away_keeps_transfers = _parse_away_keeps_transfers(d.pop("away_keeps_transfers", UNSET))

        def _parse_busy_may_pick(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        busy_may_pick = _parse_busy_may_pick(d.pop("busy_may_pick", UNSET))

        def _parse_offline_after_disconnect_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        offline_after_disconnect_seconds = _parse_offline_after_disconnect_seconds(
            d.pop("offline_after_disconnect_seconds", UNSET)
        )

        organization_update = cls(
            name=name,
            default_max_active_transfers=default_max_active_transfers,
            allow_private_webhook_targets=allow_private_webhook_targets,
            away_keeps_transfers=away_keeps_transfers,
            busy_may_pick=busy_may_pick,
            offline_after_disconnect_seconds=offline_after_disconnect_seconds,
        )

        organization_update.additional_properties = d
        return organization_update

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
