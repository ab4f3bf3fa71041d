"""Flask-Admin staff console. Each screen asks FAB's security manager for a permission (the
roles' screens are seeded by `flask setup` from app/security/roles.py)."""

from __future__ import annotations

from flask import Flask
from flask_admin import Admin
from flask_admin.theme import BootstrapTheme
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..security import headers
from .views import ConsoleHome, OutboxView

PEOPLE = "Pengguna"  # the navbar category of the account screens


# menu entries named only here: listed so `make translations` finds them; the console's menu
# shows every entry's name translated (templates/admin/_console.html)
MENU_MSGIDS = (_l("Susun Formulir"), _l("Atur Katalog"), _l("Kategori Pengaduan"),
               _l("Balasan Cepat"), _l("Jam Layanan"), _l("Balasan Otomatis"), _l("Pengguna"))


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
        csp_nonce_generator=headers.nonce,  # its templates' admin_csp_nonce_attribute
    )
    _add_queue_views(admin)
    from .report_views import ReportView

    admin.add_view(ReportView(name="Laporan", endpoint="laporan", url="/admin/laporan",
                              **icon("bi-bar-chart-line")))
    admin.add_view(OutboxView(name="Kotak Keluar", endpoint="outbox", url="/admin/outbox",
                              **icon("bi-envelope-paper")))
    _add_catalogue_views(admin)
    _add_complaint_views(admin)
    _add_chat_views(admin)
    from .survey_views import IkmReportView

    admin.add_view(IkmReportView(name="Laporan IKM", endpoint="ikm", url="/admin/ikm",
                                 **icon("bi-emoji-smile")))

    from .portal_views import PortalContentView

    admin.add_view(PortalContentView(name="Konten Portal", endpoint="konten",
                                     url="/admin/konten", **icon("bi-megaphone")))
    _add_people_views(admin)
    from .views import FRAME_ENDPOINT, ConsoleErrorView

    admin.add_view(ConsoleErrorView(name="Galat", endpoint=FRAME_ENDPOINT,
                                    url="/admin/_galat"))
    return admin


def _add_people_views(admin: Admin) -> None:
    """Staff and applicant accounts and the audit log; Flask-AppBuilder's own user and role
    screens stay underneath and are no longer linked."""
    from .audit_views import AuditLogView
    from .privacy_views import PrivacyRequestsView
    from .user_views import ApplicantsView, StaffUsersView

    admin.add_category(PEOPLE, icon_type="bi", icon_value="bi-people")
    for view, name, endpoint, url, symbol in (
        (StaffUsersView, "Staf", "pengguna", "/admin/pengguna", "bi-person-badge"),
        (ApplicantsView, "Pemohon", "pemohon", "/admin/pemohon", "bi-person-vcard"),
        (AuditLogView, "Log Audit", "audit", "/admin/audit", "bi-journal-text"),
        (PrivacyRequestsView, "Data Pribadi", "data_pribadi", "/admin/data-pribadi",
         "bi-shield-lock"),
    ):
        admin.add_view(view(name=name, endpoint=endpoint, url=url, category=PEOPLE,
                            **icon(symbol)))


def icon(name: str) -> dict:
    """A menu icon from Bootstrap Icons (the console's menu macro knows the type "bi")."""
    return {"menu_icon_type": "bi", "menu_icon_value": name}


def _add_catalogue_views(admin: Admin) -> None:
    from .catalogue_builder import CatalogueBuilderView
    from .catalogue_certificate import CertificatePreviewView
    from .catalogue_draft import CatalogueDraftView
    from .catalogue_editors import CatalogueEditorsView
    from .catalogue_upload import CatalogueUploadView
    from .catalogue_views import CatalogueVersionsView, CatalogueView

    for view, name, endpoint, url in (
        (CatalogueView, "Katalog", "katalog", "/admin/katalog"),
        (CatalogueDraftView, "Draf Katalog", "katalog_draf", "/admin/katalog/draf"),
        (CatalogueBuilderView, "Susun Formulir", "katalog_susun", "/admin/katalog/susun"),
        (CatalogueEditorsView, "Atur Katalog", "katalog_atur", "/admin/katalog/atur"),
        (CertificatePreviewView, "Pratinjau Sertifikat", "katalog_sertifikat",
         "/admin/katalog/sertifikat"),
        (CatalogueUploadView, "Unggah Katalog", "katalog_unggah", "/admin/katalog/unggah"),
        (CatalogueVersionsView, "Riwayat Versi", "katalog_versi", "/admin/katalog/versi"),
    ):
        admin.add_view(view(name=name, endpoint=endpoint, url=url, **icon("bi-journal-check")))


def _add_chat_views(admin: Admin) -> None:
    from ..extensions import db
    from ..models import ChatCannedReply, ChatOfficeHours, ChatSetting
    from .chat_views import CannedReplyView, ChatSettingView, HelpdeskChatView, OfficeHoursView

    category = "Chat Helpdesk"
    admin.add_view(HelpdeskChatView(name="Percakapan", endpoint="chat_helpdesk",
                                    url="/admin/chat", category=category,
                                    **icon("bi-chat-dots")))
    for view, model, name, endpoint in (
        (CannedReplyView, ChatCannedReply, "Balasan Cepat", "chat_balasan"),
        (OfficeHoursView, ChatOfficeHours, "Jam Layanan", "chat_jam"),
        (ChatSettingView, ChatSetting, "Balasan Otomatis", "chat_pengaturan"),
    ):
        admin.add_view(view(model, db, name=name, endpoint=endpoint, category=category,
                            url=f"/admin/chat-{endpoint.split('_')[1]}", **icon("bi-chat-dots")))


def _add_queue_views(admin: Admin) -> None:
    from .queue_views import AllApplicationsView, QueueView

    admin.add_view(QueueView(name="Antrian Saya", endpoint="antrian", url="/admin/antrian",
                             **icon("bi-inbox")))
    admin.add_view(AllApplicationsView(name="Semua Permohonan", endpoint="antrian_semua",
                                       url="/admin/permohonan", **icon("bi-collection")))


def _add_complaint_views(admin: Admin) -> None:
    from ..models import ComplaintCategory
    from .complaint_views import ComplaintCategoryView, ComplaintQueueView, ComplaintReportView

    category = "Pengaduan"
    admin.add_category(category, icon_type="bi", icon_value="bi-chat-square-text")
    admin.add_view(ComplaintQueueView(name="Antrian Pengaduan", endpoint="pengaduan",
                                      url="/admin/pengaduan", category=category,
                                      **icon("bi-chat-square-text")))
    admin.add_view(ComplaintReportView(name="Laporan Pengaduan", endpoint="pengaduan_laporan",
                                       url="/admin/laporan-pengaduan", category=category,
                                       **icon("bi-bar-chart")))
    admin.add_view(ComplaintCategoryView(ComplaintCategory, db, name="Kategori Pengaduan",
                                         endpoint="pengaduan_kategori",
                                         url="/admin/kategori-pengaduan", category=category,
                                         **icon("bi-tags")))
