from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TransferBucket")


@_attrs_define
class TransferBucket:
    """
    Attributes:
        created (int): Transfers created (handed over by the bot)
        assigned (int): First assignments (assigned, picked, or an offer accepted); later ones are in the agents report
        closed (int): Transfers closed by people
        resumed (int): Transfers handed back to the bot
        queue_length (int | None): Transfers waiting for a first assignment at the end: created before it, and neither
            first assigned nor ended before it; for the bucket in progress, now; null for buckets that have not begun
        first_assignment_p50_seconds (float | None): Median wait (first_assigned_at - transferred_at) of the first
            assignments counted here; null without any
        first_assignment_p90_seconds (float | None): 90th percentile of the same waits (linear interpolation)
        sla_met (int): First assignments of transfers with a first-assignment deadline that was never marked breached
        sla_breached (int): First-assignment deadlines marked breached (the `sla_breached` history line)
        sla_compliance (float | None): sla_met / (sla_met + sla_breached); null when both are 0
        start (datetime.datetime): In the report's time zone
        end (datetime.datetime):
    """

    created: int
    assigned: int
    closed: int
    resumed: int
    queue_length: int | None
    first_assignment_p50_seconds: float | None
    first_assignment_p90_seconds: float | None
    sla_met: int
    sla_breached: int
    sla_compliance: float | None
    start: datetime.datetime
    end: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created = self.created

        assigned = self.assigned

        closed = self.closed

        resumed = self.resumed

        queue_length: int | None
        queue_length = self.queue_length

        first_assignment_p50_seconds: float | None
        first_assignment_p50_seconds = self.first_assignment_p50_seconds

        first_assignment_p90_seconds: float | None
        first_assignment_p90_seconds = self.first_assignment_p90_seconds

        sla_met = self.sla_met

        sla_breached = self.sla_breached

        sla_compliance: float | None
        sla_compliance = self.sla_compliance

        start = self.start.isoformat()

        end = self.end.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created": created,
                "assigned": assigned,
                "closed": closed,
                "resumed": resumed,
                "queue_length": queue_length,
                "first_assignment_p50_seconds": first_assignment_p50_seconds,
                "first_assignment_p90_seconds": first_assignment_p90_seconds,
                "sla_met": sla_met,
                "sla_breached": sla_breached,
                "sla_compliance": sla_compliance,
                "start": start,
                "end": end,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created = d.pop("created")

        assigned = d.pop("assigned")

        closed = d.pop("closed")

        resumed = d.pop("resumed")

        def _parse_queue_length(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        queue_length = _parse_queue_length(d.pop("queue_length"))

        def _parse_first_assignment_p50_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_assignment_p50_seconds = _parse_first_assignment_p50_seconds(d.pop("first_assignment_p50_seconds"))

        def _parse_first_assignment_p90_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        first_assignment_p90_seconds = _parse_first_assignment_p90_seconds(d.pop("first_assignment_p90_seconds"))

        sla_met = d.pop("sla_met")

        sla_breached = d.pop("sla_breached")

        def _parse_sla_compliance(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        sla_compliance = _parse_sla_compliance(d.pop("sla_compliance"))

        start = datetime.datetime.fromisoformat(d.pop("start"))

        end = datetime.datetime.fromisoformat(d.pop("end"))

        transfer_bucket = cls(
            created=created,
            assigned=assigned,
            closed=closed,
            resumed=resumed,
            queue_length=queue_length,
            first_assignment_p50_seconds=first_assignment_p50_seconds,
            first_assignment_p90_seconds=first_assignment_p90_seconds,
            sla_met=sla_met,
            sla_breached=sla_breached,
            sla_compliance=sla_compliance,
            start=start,
            end=end,
        )

        transfer_bucket.additional_properties = d
        return transfer_bucket

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
