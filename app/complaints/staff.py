"""Who may handle complaints: staff whose role holds the Pengaduan screen (roles are data in
FAB's tables, so this asks them rather than naming a role)."""

from __future__ import annotations

from collections import Counter

from flask_appbuilder.security.sqla.models import Permission, PermissionView, Role, User, ViewMenu
from sqlalchemy import select

from ..extensions import db
from ..models import full_name
from ..security.roles import PERMISSION, SCREEN_COMPLAINTS


def handlers() -> list[User]:
    stmt = (select(User).join(User.roles).join(Role.permissions)
            .join(PermissionView.permission).join(PermissionView.view_menu)
            .where(Permission.name == PERMISSION, ViewMenu.name == SCREEN_COMPLAINTS,
                   User.active.is_(True))
            .distinct().order_by(User.first_name, User.id))
    return list(db.session.scalars(stmt))


def labelled() -> list[tuple[User, str]]:
    """The handlers as the desk picks them: by name, and by name and e-mail where two share a
    name (two "Muhammad Rizki" cannot be told apart otherwise, and a ticket would go to the
    wrong one)."""
    people = handlers()
    names = [full_name(u) for u in people]
    shared = Counter(names)
    return [(u, f"{name} ({u.email})" if shared[name] > 1 else name)
            for u, name in zip(people, names, strict=True)]


def handler(user_id) -> User | None:
    try:
        wanted = int(user_id)
    except (TypeError, ValueError):
        return None
    return next((u for u in handlers() if u.id == wanted), None)
