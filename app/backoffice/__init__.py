"""Flask-Admin staff console. Each screen asks FAB's security manager for a permission, so
admins grant staff screens from FAB's role screens."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import BootstrapTheme

from ..extensions import db
from .views import ConsoleHome, FabScreenLink, OutboxView


def init_admin(app: Flask) -> Admin:
    admin = Admin(
        app,
        name="E-PTSP Back Office",
        url="/admin",
        index_view=ConsoleHome(url="/admin", name="Beranda", **icon("bi-house")),
        # Flask-Admin's only theme is Bootstrap 4; our base template replaces its page with
        # the portal's Bootstrap 5 (vendored) look. "bootstrap4" stays the folder of the
        # Flask-Admin templates our console extends (model list/details, macros).
        theme=BootstrapTheme(folder="bootstrap4", base_template="admin/eptsp_base.html",
                             fluid=True),
    )
    _add_queue_views(admin)
    from ..models import OutboxMessage

    admin.add_view(OutboxView(OutboxMessage, db, name="Kotak Keluar",
                              endpoint="outbox", **icon("bi-envelope-paper")))
    _add_catalogue_views(admin)
    from .survey_views import IkmReportView

    admin.add_view(IkmReportView(name="Laporan IKM", endpoint="ikm", url="/admin/ikm",
                                 **icon("bi-emoji-smile")))
    admin.add_category("Pengguna & Peran", icon_type="bi", icon_value="bi-people")
    admin.add_links(FabScreenLink("Manajemen Pengguna", "UserDBModelView", "Pengguna & Peran"),
                    FabScreenLink("Peran & Hak Akses", "RoleModelView", "Pengguna & Peran"))
    return admin


def icon(name: str) -> dict:
    """A menu icon from Bootstrap Icons (the console's menu macro knows the type "bi")."""
    return {"menu_icon_type": "bi", "menu_icon_value": name}


def _add_catalogue_views(admin: Admin) -> None:
    from .catalogue_builder import CatalogueBuilderView
    from .catalogue_draft import CatalogueDraftView
    from .catalogue_editors import CatalogueEditorsView
    from .catalogue_upload import CatalogueUploadView
    from .catalogue_views import CatalogueVersionsView, CatalogueView

    for view, name, endpoint, url in (
        (CatalogueView, "Katalog", "katalog", "/admin/katalog"),
        (CatalogueDraftView, "Draf Katalog", "katalog_draf", "/admin/katalog/draf"),
        (CatalogueBuilderView, "Susun Formulir", "katalog_susun", "/admin/katalog/susun"),
        (CatalogueEditorsView, "Atur Katalog", "katalog_atur", "/admin/katalog/atur"),
        (CatalogueUploadView, "Unggah Katalog", "katalog_unggah", "/admin/katalog/unggah"),
        (CatalogueVersionsView, "Riwayat Versi", "katalog_versi", "/admin/katalog/versi"),
    ):
        admin.add_view(view(name=name, endpoint=endpoint, url=url, **icon("bi-journal-check")))


def _add_queue_views(admin: Admin) -> None:
    from .queue_views import AllApplicationsView, QueueView

    admin.add_view(QueueView(name="Antrian Saya", endpoint="antrian", url="/admin/antrian",
                             **icon("bi-inbox")))
    admin.add_view(AllApplicationsView(name="Semua Permohonan", endpoint="antrian_semua",
                                       url="/admin/permohonan", **icon("bi-collection")))
