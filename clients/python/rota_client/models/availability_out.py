from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AvailabilityOut")


@_attrs_define
class AvailabilityOut:
    """
    Attributes:
        is_available (bool):
        transfers_returned (int): Transfers of the caller that went back to their queues
    """

    is_available: bool
    transfers_returned: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_available = self.is_available

        transfers_returned = self.transfers_returned

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_available": is_available,
                "transfers_returned": transfers_returned,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_available = d.pop("is_available")

        transfers_returned = d.pop("transfers_returned")

        availability_out = cls(
            is_available=is_available,
            transfers_returned=transfers_returned,
        )

        availability_out.additional_properties = d
        return availability_out

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
