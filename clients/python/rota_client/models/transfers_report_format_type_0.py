from enum import StrEnum


class TransfersReportFormatType0(StrEnum):
    CSV = "csv"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
