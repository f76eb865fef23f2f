from enum import StrEnum


class InsightOutAssignedByType0(StrEnum):
    MANUAL = "manual"
    RULE = "rule"

    def __str__(self) -> str:
        return str(self.value)
