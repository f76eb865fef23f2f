"""Who may see a transfer, and what they may do with it: one rule, rendered as SQL for reading
transfers (get, list, pick: `ACCESS`) and evaluated on an event's audience for the live stream
(`access`), so the two can never disagree."""

from typing import Any

from sqlalchemy import Boolean, bindparam, case, exists

from rota.teams.models import MemberRole, TeamMember
from rota.transfers.models import WAITING, T

MANAGE, OWN, QUEUE = "manage", "own", "queue"


def rule(
    admin: Any, manager: Any, own: Any, waiting: Any, general: Any, member: Any
) -> tuple[tuple[Any, str], ...]:
    """(condition, access) in order, the first that holds decides; none: no access. Admins and
    the managers of the transfer's team manage it, its agent owns it, and while it waits the
    members of its queue (everyone, for the general queue) may take it. The terms are SQL
    expressions or booleans alike (`&` and `|` mean and/or for both)."""
    return ((admin, MANAGE), (manager, MANAGE), (own, OWN), (waiting & (general | member), QUEUE))


_m = TeamMember.__table__.c


def _in_team(role: str | None = None) -> Any:
    """The caller (`:me`) belongs to the transfer's team (with that role)."""
    q = exists().where(_m.team_id == T.team_id, _m.user_id == bindparam("me"))
    return q.where(_m.role == role) if role else q


# The caller's access to the transfer row: the parameters are `:me` and `:admin`.
ACCESS = case(
    *rule(
        bindparam("admin", type_=Boolean),
        T.team_id.is_not(None) & _in_team(MemberRole.MANAGER),
        T.agent_id == bindparam("me"),
        WAITING,
        T.team_id.is_(None),
        _in_team(),
    ),
    else_=None,
)


def access(
    is_admin: bool, roles: dict[str, str], user_id: Any, agent_id: Any, team_ids: list[str], waiting: bool
) -> str | None:
    """The same rule on what an event tells of its transfer: its agent (or the one it was taken
    from), its teams (now and before a move) and whether it waits. `roles`: team id -> the
    caller's role in it."""
    return next(
        (
            a
            for c, a in rule(
                is_admin,
                any(roles.get(t) == MemberRole.MANAGER for t in team_ids),
                agent_id == user_id,
                waiting,
                not team_ids,
                any(t in roles for t in team_ids),
            )
            if c
        ),
        None,
    )
