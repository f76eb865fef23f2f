from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CandidateOut")


@_attrs_define
class CandidateOut:
    """
    Attributes:
        user_id (UUID):
        full_name (str):
        state (str):
        active_transfers (int):
        capacity (int | None):
        eligible (bool): May be given the transfer now
        excluded_because (None | str): Why not: not_agent_role, inactive, absent, busy, unavailable, at_capacity
        current (bool): Has it now
    """

    user_id: UUID
    full_name: str
    state: str
    active_transfers: int
    capacity: int | None
    eligible: bool
    excluded_because: None | str
    current: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_id = str(self.user_id)

        full_name = self.full_name

        state = self.state

        active_transfers = self.active_transfers

        capacity: int | None
        capacity = self.capacity

        eligible = self.eligible

        excluded_because: None | str
        excluded_because = self.excluded_because

        current = self.current

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_id": user_id,
                "full_name": full_name,
                "state": state,
                "active_transfers": active_transfers,
                "capacity": capacity,
                "eligible": eligible,
                "excluded_because": excluded_because,
                "current": current,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = UUID(d.pop("user_id"))

        full_name = d.pop("full_name")

        state = d.pop("state")

        active_transfers = d.pop("active_transfers")

        def _parse_capacity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        capacity = _parse_capacity(d.pop("capacity"))

        eligible = d.pop("eligible")

        def _parse_excluded_because(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        excluded_because = _parse_excluded_because(d.pop("excluded_because"))

        current = d.pop("current")

        candidate_out = cls(
            user_id=user_id,
            full_name=full_name,
            state=state,
            active_transfers=active_transfers,
            capacity=capacity,
            eligible=eligible,
            excluded_because=excluded_because,
            current=current,
        )

        candidate_out.additional_properties = d
        return candidate_out

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
