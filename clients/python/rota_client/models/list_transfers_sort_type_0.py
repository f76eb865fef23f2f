from enum import StrEnum


class ListTransfersSortType0(StrEnum):
    NEWEST = "newest"
    OLDEST = "oldest"
    PRIORITY = "priority"
    QUEUE = "queue"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
