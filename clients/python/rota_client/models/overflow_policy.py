from enum import StrEnum


class OverflowPolicy(StrEnum):
    FALLBACK = "fallback"
    WAIT = "wait"

    def __str__(self) -> str:
        return str(self.value)
