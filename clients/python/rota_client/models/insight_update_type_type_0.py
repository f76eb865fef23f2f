from enum import StrEnum


class InsightUpdateTypeType0(StrEnum):
    BUG = "bug"
    FEATURE_REQUEST = "feature_request"
    FEEDBACK = "feedback"
    QUOTE = "quote"

    def __str__(self) -> str:
        return str(self.value)
