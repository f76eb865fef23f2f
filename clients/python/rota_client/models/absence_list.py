from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.absence_out import AbsenceOut


T = TypeVar("T", bound="AbsenceList")


@_attrs_define
class AbsenceList:
    """
    Attributes:
        absences (list[AbsenceOut]):
    """

    absences: list[AbsenceOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        absences = []
        for absences_item_data in self.absences:
            absences_item = absences_item_data.to_dict()
            absences.append(absences_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "absences": absences,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.absence_out import AbsenceOut  # noqa: PLC0415

        d = dict(src_dict)
        absences = []
        _absences = d.pop("absences")
        for absences_item_data in _absences:
            absences_item = AbsenceOut.from_dict(absences_item_data)

            absences.append(absences_item)

        absence_list = cls(
            absences=absences,
        )

        absence_list.additional_properties = d
        return absence_list

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
