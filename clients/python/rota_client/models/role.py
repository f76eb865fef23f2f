from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    AGENT = "agent"
    MANAGER = "manager"
    SERVICE = "service"

    def __str__(self) -> str:
        return str(self.value)
