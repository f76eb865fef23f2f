from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_state import AgentState
from ..models.role import Role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.user_update_skills_type_0 import UserUpdateSkillsType0


T = TypeVar("T", bound="UserUpdate")


@_attrs_define
class UserUpdate:
    """PATCH: only the fields sent change.

    Attributes:
        email (None | str | Unset):
        full_name (None | str | Unset):
        password (None | str | Unset):
        role (None | Role | Unset):
        is_active (bool | None | Unset):
        is_available (bool | None | Unset): true: available; false: away
        state (AgentState | None | Unset):
        max_active_transfers (int | None | Unset):
        skills (None | Unset | UserUpdateSkillsType0): Replaces the user's skills ({}: none)
    """

    email: None | str | Unset = UNSET
    full_name: None | str | Unset = UNSET
    password: None | str | Unset = UNSET
    role: None | Role | Unset = UNSET
    is_active: bool | None | Unset = UNSET
    is_available: bool | None | Unset = UNSET
    state: AgentState | None | Unset = UNSET
    max_active_transfers: int | None | Unset = UNSET
    skills: None | Unset | UserUpdateSkillsType0 = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_update_skills_type_0 import UserUpdateSkillsType0  # noqa: PLC0415

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        full_name: None | str | Unset
        if isinstance(self.full_name, Unset):
            full_name = UNSET
        else:
            full_name = self.full_name

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        elif isinstance(self.role, Role):
            role = self.role.value
        else:
            role = self.role

        is_active: bool | None | Unset
        if isinstance(self.is_active, Unset):
            is_active = UNSET
        else:
            is_active = self.is_active

        is_available: bool | None | Unset
        if isinstance(self.is_available, Unset):
            is_available = UNSET
        else:
            is_available = self.is_available

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        elif isinstance(self.state, AgentState):
            state = self.state.value
        else:
            state = self.state

        max_active_transfers: int | None | Unset
        if isinstance(self.max_active_transfers, Unset):
            max_active_transfers = UNSET
        else:
            max_active_transfers = self.max_active_transfers

        skills: dict[str, Any] | None | Unset
        if isinstance(self.skills, Unset):
            skills = UNSET
        elif isinstance(self.skills, UserUpdateSkillsType0):
            skills = self.skills.to_dict()
        else:
            skills = self.skills

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if password is not UNSET:
            field_dict["password"] = password
        if role is not UNSET:
            field_dict["role"] = role
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if is_available is not UNSET:
            field_dict["is_available"] = is_available
        if state is not UNSET:
            field_dict["state"] = state
        if max_active_transfers is not UNSET:
            field_dict["max_active_transfers"] = max_active_transfers
        if skills is not UNSET:
            field_dict["skills"] = skills

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_update_skills_type_0 import UserUpdateSkillsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_full_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        full_name = _parse_full_name(d.pop("full_name", UNSET))

        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))

        def _parse_role(data: object) -> None | Role | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                role_type_0 = Role(data)

                return role_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Role | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_is_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_active = _parse_is_active(d.pop("is_active", UNSET))

        def _parse_is_available(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_available = _parse_is_available(d.pop("is_available", UNSET))

        def _parse_state(data: object) -> AgentState | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                state_type_0 = AgentState(data)

                return state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AgentState | None | Unset, data)

        state = _parse_state(d.pop("state", UNSET))

        def _parse_max_active_transfers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_active_transfers = _parse_max_active_transfers(d.pop("max_active_transfers", UNSET))

        def _parse_skills(data: object) -> None | Unset | UserUpdateSkillsType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                skills_type_0 = UserUpdateSkillsType0.from_dict(data)

                return skills_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserUpdateSkillsType0, data)

        skills = _parse_skills(d.pop("skills", UNSET))

        user_update = cls(
            email=email,
            full_name=full_name,
            password=password,
            role=role,
            is_active=is_active,
            is_available=is_available,
            state=state,
            max_active_transfers=max_active_transfers,
            skills=skills,
        )

        user_update.additional_properties = d
        return user_update

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
