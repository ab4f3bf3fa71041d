"""Flask-Admin staff console. Each screen asks FAB's security manager for a permission, so
admins grant staff screens from FAB's role screens."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme

from ..extensions import db
from .views import ConsoleHome, OutboxView


def init_admin(app: Flask) -> Admin:
    admin = Admin(
        app,
        name="E-PTSP Back Office",
        url="/admin",
        index_view=ConsoleHome(url="/admin", name="Beranda"),
        theme=Bootstrap4Theme(base_template="admin/eptsp_base.html", fluid=True),
    )
    from ..models import OutboxMessage

    admin.add_view(OutboxView(OutboxMessage, db, name="Kotak Keluar",
                              endpoint="outbox"))
    return admin
