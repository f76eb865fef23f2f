from enum import StrEnum


class Status(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    EXPIRED = "expired"
    RESUMED = "resumed"

    def __str__(self) -> str:
        return str(self.value)
