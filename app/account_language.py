"""The language an account keeps (applicant_profile.language, staff_profile.language), in one
place: which language an address or a user has (every e-mail is written in it,
notify.outbox.language_for) and what it does to the site's language around a login.

The rule at login: a language the person picked on this device since the last logout (the
site's language switch, or saving a new one under Preferensi) stays; otherwise the site turns
to the account's. So an applicant who chose English reads English after logging in on
another device, someone who just switched the login page to the language they read is not
switched back, and a switch made after login lasts for that session. Logging out keeps the
page's language (the goodbye page is in it) but forgets that it was picked: the next person
to log in on a shared device gets their own account's language, not the previous one's."""

from __future__ import annotations

from flask import session
from flask_babel import refresh
from sqlalchemy import func, select

from .extensions import db
from .models import ApplicantProfile, StaffProfile, User

LOCALE_KEY = "locale"  # the page language the visitor's session keeps (i18n.choose)
PICKED_KEY = "locale_picked"  # set when the person picked it on this device since logout


def _kept(where) -> str | None:
    """The language of the one account `where` finds: an applicant's or a staff member's."""
    return db.session.scalar(
        select(func.coalesce(ApplicantProfile.language, StaffProfile.language))
        .select_from(User)
        .outerjoin(ApplicantProfile, ApplicantProfile.user_id == User.id)
        .outerjoin(StaffProfile, StaffProfile.user_id == User.id)
        .where(where).limit(1))


def of_address(address: str) -> str | None:
    """The language of the account with this e-mail address, None without one. Matched as
    given or in lower case, not through lower(email): every application notice e-mails an
    account's own stored address, and an equality on the column is a look-up in its unique
    index where lower() would read the whole user table."""
    address = (address or "").strip()
    return _kept(User.email.in_({address, address.lower()}))


def of_user(user) -> str | None:
    return _kept(User.id == user.id)


def pick(locale: str) -> None:
    """The person chose the page language on this device: it outlives their next login."""
    session[LOCALE_KEY] = locale
    session[PICKED_KEY] = True


def saved(before: str, after: str) -> None:
    """An account's language was saved: a new one is also the page's from now on, starting
    with what this request still says (its flash message)."""
    if after != before:
        pick(after)
        refresh()  # Flask-Babel chose this request's language already; choose again


def carried(*, logging_out: bool = False) -> dict:
    """What a session cleared at login or logout keeps of the language (the module text)."""
    keys = (LOCALE_KEY,) if logging_out else (LOCALE_KEY, PICKED_KEY)
    return {key: session[key] for key in keys if session.get(key)}


def follow(user) -> None:
    """Right after login: the site turns to the account's language unless one was picked."""
    if session.get(PICKED_KEY):
        return
    kept = of_user(user)
    if kept:
        session[LOCALE_KEY] = kept
