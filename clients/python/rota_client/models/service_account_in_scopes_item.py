from enum import StrEnum


class ServiceAccountInScopesItem(StrEnum):
    AUDITREAD = "audit:read"
    CONTACTSREAD = "contacts:read"
    CONTACTSWRITE = "contacts:write"
    EVENTSREAD = "events:read"
    INSIGHTSREAD = "insights:read"
    INSIGHTSWRITE = "insights:write"
    KEYSMANAGE = "keys:manage"
    REPORTSREAD = "reports:read"
    SCHEDULESREAD = "schedules:read"
    SCHEDULESWRITE = "schedules:write"
    TEAMSREAD = "teams:read"
    TEAMSWRITE = "teams:write"
    TRANSFERSREAD = "transfers:read"
    TRANSFERSWRITE = "transfers:write"
    USERSREAD = "users:read"
    USERSWRITE = "users:write"
    WEBHOOKSMANAGE = "webhooks:manage"

    def __str__(self) -> str:
        return str(self.value)
