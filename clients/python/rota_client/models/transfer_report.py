from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transfer_report_bucket import TransferReportBucket

if TYPE_CHECKING:
    from ..models.transfer_bucket import TransferBucket
    from ..models.transfer_figures import TransferFigures


T = TypeVar("T", bound="TransferReport")


@_attrs_define
class TransferReport:
    """
    Attributes:
        from_ (datetime.datetime):
        to (datetime.datetime):
        bucket (TransferReportBucket):
        timezone (str):
        team_id (None | UUID): null: the whole organization
        as_of (datetime.datetime): The moment the report was made (queue lengths are up to it)
        buckets (list[TransferBucket]):
        totals (TransferFigures):
    """

    from_: datetime.datetime
    to: datetime.datetime
    bucket: TransferReportBucket
    timezone: str
    team_id: None | UUID
    as_of: datetime.datetime
    buckets: list[TransferBucket]
    totals: TransferFigures
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        to = self.to.isoformat()

        bucket = self.bucket.value

        timezone = self.timezone

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        as_of = self.as_of.isoformat()

        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "to": to,
                "bucket": bucket,
                "timezone": timezone,
                "team_id": team_id,
                "as_of": as_of,
                "buckets": buckets,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_bucket import TransferBucket  # noqa: PLC0415
        from ..models.transfer_figures import TransferFigures  # noqa: PLC0415

        d = dict(src_dict)
        from_ = datetime.datetime.fromisoformat(d.pop("from"))

        to = datetime.datetime.fromisoformat(d.pop("to"))

        bucket = TransferReportBucket(d.pop("bucket"))

        timezone = d.pop("timezone")

        def _parse_team_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        team_id = _parse_team_id(d.pop("team_id"))

        as_of = datetime.datetime.fromisoformat(d.pop("as_of"))

        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in _buckets:
            buckets_item = TransferBucket.from_dict(buckets_item_data)

            buckets.append(buckets_item)

        totals = TransferFigures.from_dict(d.pop("totals"))

        transfer_report = cls(
            from_=from_,
            to=to,
            bucket=bucket,
            timezone=timezone,
            team_id=team_id,
            as_of=as_of,
            buckets=buckets,
            totals=totals,
        )

        transfer_report.additional_properties = d
        return transfer_report

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
