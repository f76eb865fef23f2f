from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.member_role import MemberRole

T = TypeVar("T", bound="MemberUpdate")


@_attrs_define
class MemberUpdate:
    """
    Attributes:
        role (MemberRole): A member's role in a team.
    """

    role: MemberRole

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        role = MemberRole(d.pop("role"))

        member_update = cls(
            role=role,
        )

        return member_update
