from enum import StrEnum


class AgentState(StrEnum):
    AVAILABLE = "available"
    AWAY = "away"
    BUSY = "busy"
    OFFLINE = "offline"

    def __str__(self) -> str:
        return str(self.value)
