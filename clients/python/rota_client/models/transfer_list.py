from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transfer_list_team_queue_counts import TransferListTeamQueueCounts
    from ..models.transfer_out import TransferOut


T = TypeVar("T", bound="TransferList")


@_attrs_define
class TransferList:
    """
    Attributes:
        transfers (list[TransferOut]):
        general_queue_count (int):
        team_queue_counts (TransferListTeamQueueCounts):
        total_count (int): Transfers matching the filters
        page (int):
        limit (int):
    """

    transfers: list[TransferOut]
    general_queue_count: int
    team_queue_counts: TransferListTeamQueueCounts
    total_count: int
    page: int
    limit: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transfers = []
        for transfers_item_data in self.transfers:
            transfers_item = transfers_item_data.to_dict()
            transfers.append(transfers_item)

        general_queue_count = self.general_queue_count

        team_queue_counts = self.team_queue_counts.to_dict()

        total_count = self.total_count

        page = self.page

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transfers": transfers,
                "general_queue_count": general_queue_count,
                "team_queue_counts": team_queue_counts,
                "total_count": total_count,
                "page": page,
                "limit": limit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_list_team_queue_counts import TransferListTeamQueueCounts  # noqa: PLC0415
        from ..models.transfer_out import TransferOut  # noqa: PLC0415

        d = dict(src_dict)
        transfers = []
        _transfers = d.pop("transfers")
        for transfers_item_data in _transfers:
            transfers_item = TransferOut.from_dict(transfers_item_data)

            transfers.append(transfers_item)

        general_queue_count = d.pop("general_queue_count")

        team_queue_counts = TransferListTeamQueueCounts.from_dict(d.pop("team_queue_counts"))

        total_count = d.pop("total_count")

        page = d.pop("page")

        limit = d.pop("limit")

        transfer_list = cls(
            transfers=transfers,
            general_queue_count=general_queue_count,
            team_queue_counts=team_queue_counts,
            total_count=total_count,
            page=page,
            limit=limit,
        )

        transfer_list.additional_properties = d
        return transfer_list

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
