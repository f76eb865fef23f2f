from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.insight_out import InsightOut


T = TypeVar("T", bound="InsightList")


@_attrs_define
class InsightList:
    """
    Attributes:
        total (int):
        page (int):
        limit (int):
        insights (list[InsightOut]):
    """

    total: int
    page: int
    limit: int
    insights: list[InsightOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        page = self.page

        limit = self.limit

        insights = []
        for insights_item_data in self.insights:
            insights_item = insights_item_data.to_dict()
            insights.append(insights_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
                "page": page,
                "limit": limit,
                "insights": insights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.insight_out import InsightOut  # noqa: PLC0415

        d = dict(src_dict)
        total = d.pop("total")

        page = d.pop("page")

        limit = d.pop("limit")

        insights = []
        _insights = d.pop("insights")
        for insights_item_data in _insights:
            insights_item = InsightOut.from_dict(insights_item_data)

            insights.append(insights_item)

        insight_list = cls(
            total=total,
            page=page,
            limit=limit,
            insights=insights,
        )

        insight_list.additional_properties = d
        return insight_list

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
