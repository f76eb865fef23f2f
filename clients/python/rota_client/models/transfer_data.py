from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.transfer_out import TransferOut


T = TypeVar("T", bound="TransferData")


@_attrs_define
class TransferData:
    """
    Attributes:
        transfer (None | TransferOut):
    """

    transfer: None | TransferOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.transfer_out import TransferOut  # noqa: PLC0415

        transfer: dict[str, Any] | None
        if isinstance(self.transfer, TransferOut):
            transfer = self.transfer.to_dict()
        else:
            transfer = self.transfer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transfer": transfer,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transfer_out import TransferOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_transfer(data: object) -> None | TransferOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                transfer_type_0 = TransferOut.from_dict(data)

                return transfer_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransferOut, data)

        transfer = _parse_transfer(d.pop("transfer"))

        transfer_data = cls(
            transfer=transfer,
        )

        transfer_data.additional_properties = d
        return transfer_data

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
