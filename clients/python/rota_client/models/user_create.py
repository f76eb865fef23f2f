from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_create_skills import UserCreateSkills


T = TypeVar("T", bound="UserCreate")


@_attrs_define
class UserCreate:
    """
    Attributes:
        email (str):
        full_name (str):
        password (str):
        role (Role | Unset): A user's role in the organization.
        is_active (bool | Unset):  Default: True.
        is_available (bool | Unset):  Default: True.
        max_active_transfers (int | None | Unset):
        skills (UserCreateSkills | Unset):
    """

    email: str
    full_name: str
    password: str
    role: Role | Unset = UNSET
    is_active: bool | Unset = True
    is_available: bool | Unset = True
    max_active_transfers: int | None | Unset = UNSET
    skills: UserCreateSkills | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        full_name = self.full_name

        password = self.password

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        is_active = self.is_active

        is_available = self.is_available

        max_active_transfers: int | None | Unset
        if isinstance(self.max_active_transfers, Unset):
            max_active_transfers = UNSET
        else:
            max_active_transfers = self.max_active_transfers

        skills: dict[str, Any] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "full_name": full_name,
                "password": password,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if is_available is not UNSET:
            field_dict["is_available"] = is_available
        if max_active_transfers is not UNSET:
            field_dict["max_active_transfers"] = max_active_transfers
        if skills is not UNSET:
            field_dict["skills"] = skills

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_create_skills import UserCreateSkills  # noqa: PLC0415

        d = dict(src_dict)
        email = d.pop("email")

        full_name = d.pop("full_name")

        password = d.pop("password")

        _role = d.pop("role", UNSET)
        role: Role | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = Role(_role)

        is_active = d.pop("is_active", UNSET)

        is_available = d.pop("is_available", UNSET)

        def _parse_max_active_transfers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_active_transfers = _parse_max_active_transfers(d.pop("max_active_transfers", UNSET))

        _skills = d.pop("skills", UNSET)
        skills: UserCreateSkills | Unset
        if isinstance(_skills, Unset):
            skills = UNSET
        else:
            skills = UserCreateSkills.from_dict(_skills)

        user_create = cls(
            email=email,
            full_name=full_name,
            password=password,
            role=role,
            is_active=is_active,
            is_available=is_available,
            max_active_transfers=max_active_transfers,
            skills=skills,
        )

        user_create.additional_properties = d
        return user_create

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
