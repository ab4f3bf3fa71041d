"""A person is named one way everywhere (models.accounts.full_name / display_name): first
and last name joined; where someone must be named and has no name, their e-mail, never their
login name, which for an applicant is their NIK or NPWP."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ApplicationEvent, display_name, full_name
from tests.helpers import make_applicant, make_staff, make_submitted

pytestmark = pytest.mark.usefixtures("catalogue")


def test_first_and_last_name_are_joined_and_missing_parts_are_left_out(app):
    staff = make_staff(app, "Verifikator")
    staff.first_name, staff.last_name = "Dewi", "Lestari"
    assert full_name(staff) == "Dewi Lestari" == display_name(staff)
    staff.last_name = ""
    assert full_name(staff) == "Dewi"
    staff.first_name = ""
    assert full_name(staff) == "" and display_name(staff) == staff.email


def test_an_applicant_without_a_name_is_recorded_by_e_mail_never_by_nik(app):
    user, data = make_applicant(app)
    user.first_name, user.last_name = "", ""
    db.session.commit()
    application = make_submitted(app, user)
    names = set(db.session.scalars(select(ApplicationEvent.actor_name).where(
        ApplicationEvent.application_id == application.id)))
    assert names == {data["email"]}
    assert user.username == data["nik"] and not any(data["nik"] in n for n in names)
