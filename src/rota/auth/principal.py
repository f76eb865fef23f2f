"""Who is calling: the calling user, read once per request (rota.auth.dependencies)."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from rota.users.models import Role


@dataclass(frozen=True, slots=True)
class Principal:
    """The calling user, read once per request (one indexed row, no ORM object)."""

    id: uuid.UUID
    organization_id: uuid.UUID
    email: str
    full_name: str
    role: str
    is_active: bool
    is_available: bool
    state: str
    max_active_transfers: int | None
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None
    token_version: int
    skills: dict[str, int]
    api_key_hash: str | None = None  # authenticated by this API key (else by an access token)
    scopes: frozenset[str] | None = None  # the API key's scopes (None: not limited)

    @property
    def user_id(self) -> uuid.UUID:
        return self.id

    @property
    def is_admin(self) -> bool:
        """Admins, and service accounts (whose keys' scopes say what they may do)."""
        return self.role in (Role.ADMIN, Role.SERVICE)
