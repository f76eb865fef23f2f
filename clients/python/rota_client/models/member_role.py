from enum import StrEnum


class MemberRole(StrEnum):
    AGENT = "agent"
    MANAGER = "manager"

    def __str__(self) -> str:
        return str(self.value)
