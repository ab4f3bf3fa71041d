"""Builders for complaint tests: categories as `flask setup` seeds them, a complaint filed
through the service."""

from __future__ import annotations

import io


def seed_categories(app):
    from app.complaints import categories

    categories.seed()


def attachment(kind: str = "pdf", name: str = "bukti"):
    from app.services import files
    from tests.answer_factory import SAMPLE_BYTES

    return files.Upload(io.BytesIO(SAMPLE_BYTES[kind]), f"{name}.{kind}")


def file_visitor(app, *, email="tamu@contoh.id", phone="081298765432", category="teknis",
                 body="Halaman unggah berkas selalu gagal sejak pagi."):
    from app.complaints import service

    return service.file_complaint(category_code=category, body=body, name="Budi Tamu",
                                  email=email, phone=phone)


def file_applicant(app, user, *, category="proses", resi=None,
                   body="Permohonan saya belum diproses sudah seminggu."):
    from app.complaints import service

    return service.file_complaint(category_code=category, body=body, user=user, resi=resi)


def helpdesk(app, name=None):
    from app.complaints.status import Who
    from tests.helpers import make_staff

    user = make_staff(app, "Helpdesk", email=name)
    return user, Who.of(user, staff=True)
