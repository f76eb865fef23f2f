from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.weekly_range_day import WeeklyRangeDay

T = TypeVar("T", bound="WeeklyRange")


@_attrs_define
class WeeklyRange:
    """
    Attributes:
        start (str):
        end (str): At or before start: the range runs past midnight
        day (WeeklyRangeDay):
    """

    start: str
    end: str
    day: WeeklyRangeDay
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        start = self.start

        end = self.end

        day = self.day.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "start": start,
                "end": end,
                "day": day,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = d.pop("start")

        end = d.pop("end")

        day = WeeklyRangeDay(d.pop("day"))

        weekly_range = cls(
            start=start,
            end=end,
            day=day,
        )

        weekly_range.additional_properties = d
        return weekly_range

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
