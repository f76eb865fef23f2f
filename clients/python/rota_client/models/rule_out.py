from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rule_match import RuleMatch


T = TypeVar("T", bound="RuleOut")


@_attrs_define
class RuleOut:
    """
    Attributes:
        id (UUID):
        name (str):
        position (int): Lower runs first; ties by created_at
        is_active (bool):
        team_id (UUID):
        match (RuleMatch): All given conditions must hold; an empty one holds always; at least one is needed.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    position: int
    is_active: bool
    team_id: UUID
    match: RuleMatch
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        position = self.position

        is_active = self.is_active

        team_id = str(self.team_id)

        match = self.match.to_dict()

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "position": position,
                "is_active": is_active,
                "team_id": team_id,
                "match": match,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_match import RuleMatch  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        position = d.pop("position")

        is_active = d.pop("is_active")

        team_id = UUID(d.pop("team_id"))

        match = RuleMatch.from_dict(d.pop("match"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        rule_out = cls(
            id=id,
            name=name,
            position=position,
            is_active=is_active,
            team_id=team_id,
            match=match,
            created_at=created_at,
            updated_at=updated_at,
        )

        rule_out.additional_properties = d
        return rule_out

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
