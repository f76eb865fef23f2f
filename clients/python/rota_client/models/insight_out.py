from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.insight_out_assigned_by_type_0 import InsightOutAssignedByType0
from ..models.insight_out_status import InsightOutStatus
from ..models.insight_out_type import InsightOutType

T = TypeVar("T", bound="InsightOut")


@_attrs_define
class InsightOut:
    """
    Attributes:
        id (UUID):
        type_ (InsightOutType):
        title (str):
        body (None | str):
        contact_id (None | UUID):
        status (InsightOutStatus):
        occurrence_count (int): How many times it was reported
        team_id (None | UUID):
        assigned_rule_id (None | UUID): The rule that assigned it, if any
        assigned_by (InsightOutAssignedByType0 | None): How it got its team; null while unassigned
        resolved_at (datetime.datetime | None):
        resolved_by_id (None | UUID):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    type_: InsightOutType
    title: str
    body: None | str
    contact_id: None | UUID
    status: InsightOutStatus
    occurrence_count: int
    team_id: None | UUID
    assigned_rule_id: None | UUID
    assigned_by: InsightOutAssignedByType0 | None
    resolved_at: datetime.datetime | None
    resolved_by_id: None | UUID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_.value

        title = self.title

        body: None | str
        body = self.body

        contact_id: None | str
        if isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id

        status = self.status.value

        occurrence_count = self.occurrence_count

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        assigned_rule_id: None | str
        if isinstance(self.assigned_rule_id, UUID):
            assigned_rule_id = str(self.assigned_rule_id)
        else:
            assigned_rule_id = self.assigned_rule_id

        assigned_by: None | str
        if isinstance(self.assigned_by, InsightOutAssignedByType0):
            assigned_by = self.assigned_by.value
        else:
            assigned_by = self.assigned_by

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        resolved_by_id: None | str
        if isinstance(self.resolved_by_id, UUID):
            resolved_by_id = str(self.resolved_by_id)
        else:
            resolved_by_id = self.resolved_by_id

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "title": title,
                "body": body,
                "contact_id": contact_id,
                "status": status,
                "occurrence_count": occurrence_count,
                "team_id": team_id,
                "assigned_rule_id": assigned_rule_id,
                "assigned_by": assigned_by,
                "resolved_at": resolved_at,
                "resolved_by_id": resolved_by_id,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        type_ = InsightOutType(d.pop("type"))

        title = d.pop("title")

        def _parse_body(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        body = _parse_body(d.pop("body"))

        def _parse_contact_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_id_type_0 = UUID(data)

                return contact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        status = InsightOutStatus(d.pop("status"))

        occurrence_count = d.pop("occurrence_count")

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

        def _parse_assigned_rule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assigned_rule_id_type_0 = UUID(data)

                return assigned_rule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assigned_rule_id = _parse_assigned_rule_id(d.pop("assigned_rule_id"))

        def _parse_assigned_by(data: object) -> InsightOutAssignedByType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assigned_by_type_0 = InsightOutAssignedByType0(data)

                return assigned_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InsightOutAssignedByType0 | None, data)

        assigned_by = _parse_assigned_by(d.pop("assigned_by"))

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        def _parse_resolved_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_by_id_type_0 = UUID(data)

                return resolved_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        resolved_by_id = _parse_resolved_by_id(d.pop("resolved_by_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        insight_out = cls(
            id=id,
            type_=type_,
            title=title,
            body=body,
            contact_id=contact_id,
            status=status,
            occurrence_count=occurrence_count,
            team_id=team_id,
            assigned_rule_id=assigned_rule_id,
            assigned_by=assigned_by,
            resolved_at=resolved_at,
            resolved_by_id=resolved_by_id,
            created_at=created_at,
            updated_at=updated_at,
        )

        insight_out.additional_properties = d
        return insight_out

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
