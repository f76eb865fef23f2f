from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.insight_out import InsightOut


T = TypeVar("T", bound="InsightCreated")


@_attrs_define
class InsightCreated:
    """
    Attributes:
        insight (InsightOut):
        merged (bool): True when it counted as another occurrence of an open insight with the same type and title
            (answer 200)
    """

    insight: InsightOut
    merged: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        insight = self.insight.to_dict()

        merged = self.merged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "insight": insight,
                "merged": merged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.insight_out import InsightOut  # noqa: PLC0415

        d = dict(src_dict)
        insight = InsightOut.from_dict(d.pop("insight"))

        merged = d.pop("merged")

        insight_created = cls(
            insight=insight,
            merged=merged,
        )

        insight_created.additional_properties = d
        return insight_created

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
