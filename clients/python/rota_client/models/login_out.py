from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.user_out import UserOut


T = TypeVar("T", bound="LoginOut")


@_attrs_define
class LoginOut:
    """
    Attributes:
        access_token (str):
        token_type (str):
        expires_in (int): Seconds until the token expires
        refresh_token (None | str): Gets new tokens from POST /api/auth/refresh (once: each refresh answers a new one);
            null when a refresh raced another one of the same session (keep the newer token)
        refresh_expires_at (datetime.datetime): The session ends unless refreshed by then
        user (UserOut):
    """

    access_token: str
    token_type: str
    expires_in: int
    refresh_token: None | str
    refresh_expires_at: datetime.datetime
    user: UserOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type = self.token_type

        expires_in = self.expires_in

        refresh_token: None | str
        refresh_token = self.refresh_token

        refresh_expires_at = self.refresh_expires_at.isoformat()

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "refresh_expires_at": refresh_expires_at,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_out import UserOut  # noqa: PLC0415

        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = d.pop("token_type")

        expires_in = d.pop("expires_in")

        def _parse_refresh_token(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        refresh_token = _parse_refresh_token(d.pop("refresh_token"))

        refresh_expires_at = datetime.datetime.fromisoformat(d.pop("refresh_expires_at"))

        user = UserOut.from_dict(d.pop("user"))

        login_out = cls(
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            refresh_token=refresh_token,
            refresh_expires_at=refresh_expires_at,
            user=user,
        )

        login_out.additional_properties = d
        return login_out

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
