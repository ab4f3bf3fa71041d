"""`flask db upgrade` on an empty database builds exactly what the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_appbuilder import Model

from app.extensions import db


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Model.metadata)
    assert diff == []


def test_roles_of_the_design_exist(app):
    names = {role.name for role in app.appbuilder.sm.get_all_roles()}
    assert {"Verifikator", "Tim Teknis", "Penandatangan", "Admin Katalog", "Helpdesk",
            "Super Admin", "Pemohon"} <= names
