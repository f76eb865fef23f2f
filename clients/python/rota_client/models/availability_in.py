from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_state import AgentState
from ..types import UNSET, Unset

T = TypeVar("T", bound="AvailabilityIn")


@_attrs_define
class AvailabilityIn:
    """Either `is_available` (true: available, false: away) or `state`.

    Attributes:
        is_available (bool | None | Unset):
        state (AgentState | None | Unset):
        keep_transfers (bool | None | Unset): Going away or offline: keep your transfers (true) or give them back to
            their queues (false); unset: the organization's away_keeps_transfers
    """

    is_available: bool | None | Unset = UNSET
    state: AgentState | None | Unset = UNSET
    keep_transfers: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_available: bool | None | Unset
        if isinstance(self.is_available, Unset):
            is_available = UNSET
        else:
            is_available = self.is_available

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, AgentState):
            state = self.state.value
        else:
            state = self.state

        keep_transfers: bool | None | Unset
        if isinstance(self.keep_transfers, Unset):
            keep_transfers = UNSET
        else:
            keep_transfers = self.keep_transfers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_available is not UNSET:
            field_dict["is_available"] = is_available
        if state is not UNSET:
            field_dict["state"] = state
        if keep_transfers is not UNSET:
            field_dict["keep_transfers"] = keep_transfers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_is_available(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_available = _parse_is_available(d.pop("is_available", UNSET))

        def _parse_state(data: object) -> AgentState | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = AgentState(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentState | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_keep_transfers(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        keep_transfers = _parse_keep_transfers(d.pop("keep_transfers", UNSET))

        availability_in = cls(
            is_available=is_available,
            state=state,
            keep_transfers=keep_transfers,
        )

        availability_in.additional_properties = d
        return availability_in

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
