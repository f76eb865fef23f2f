from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_match import RuleMatch


T = TypeVar("T", bound="RuleCreate")


@_attrs_define
class RuleCreate:
    """Without position the rule runs after every existing rule.

    Attributes:
        name (str):
        team_id (UUID):
        match (RuleMatch): All given conditions must hold; an empty one holds always; at least one is needed.
        position (int | None | Unset):
        is_active (bool | Unset):  Default: True.
    """

    name: str
    team_id: UUID
    match: RuleMatch
    position: int | None | Unset = UNSET
    is_active: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        team_id = str(self.team_id)

        match = self.match.to_dict()

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "team_id": team_id,
                "match": match,
            }
        )
        if position is not UNSET:
            field_dict["position"] = position
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_match import RuleMatch  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        team_id = UUID(d.pop("team_id"))

        match = RuleMatch.from_dict(d.pop("match"))

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        is_active = d.pop("is_active", UNSET)

        rule_create = cls(
            name=name,
            team_id=team_id,
            match=match,
            position=position,
            is_active=is_active,
        )

        rule_create.additional_properties = d
        return rule_create

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
