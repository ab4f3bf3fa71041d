"""Account journeys in a real browser: what a citizen, a business and a staff member do, and
what they see while doing it. Mail codes come from the real SMTP mailbox."""

from __future__ import annotations

import re
from itertools import count

import pyotp
from playwright.sync_api import Page, expect

from tests.helpers import CAPTCHA, PASSWORD, fill_draft, make_applicant, make_staff, new_nik

NEW_PASSWORD = "Ganti-Sandi-27q"
SERIAL = count(1)


def unique_email(prefix: str) -> str:
    return f"{prefix}{next(SERIAL)}-{new_nik()[-4:]}@contoh.id"


def choose_region(page: Page) -> None:
    """Kalimantan Timur > Kota Samarinda > Palaran > Bukuan, through the cascading selects."""
    page.select_option("select[name=province_code]", "64")
    regency = page.locator("select[name=regency_code]")
    expect(regency.locator("option[value='64.72']")).to_have_text("Kota Samarinda")
    regency.select_option("64.72")
    district = page.locator("select[name=district_code]")
    expect(district.locator("option[value='64.72.01']")).to_have_text("Palaran")
    district.select_option("64.72.01")
    village = page.locator("select[name=village_code]")
    expect(village.locator("option[value='64.72.01.1003']")).to_have_text("Bukuan")
    village.select_option("64.72.01.1003")


def scripts_ready(page: Page) -> None:
    """Bootstrap's dropdowns, collapse and dialogs are bound once the page has loaded; a click
    before that follows the control's plain link (or does nothing)."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => typeof window.bootstrap?.Dropdown === 'function'")


def type_captcha(page: Page) -> None:
    """Ask for a new captcha image (the refresh button next to it), then type its answer.

    The refresh is part of what these journeys exercise. It once also worked around a race
    that is gone now: late answers to static files re-sent an older session cookie without
    the captcha challenge ("Kode captcha salah." on a first try). Answers that do not change the
    session no longer send the cookie (config.py, SESSION_REFRESH_EACH_REQUEST; tested in
    tests/integration/test_session_cookie.py and tests/e2e/test_session_race.py).
    """
    expect(page.locator("img.captcha-img")).to_be_visible()
    page.wait_for_load_state("load")
    with page.expect_response(re.compile(r"/captcha/[\w-]+\.png")) as response:
        page.click("[data-refresh-captcha]")
    assert response.value.ok
    page.fill("#captcha", CAPTCHA)



def staff_signs_in(page: Page, email: str, password: str = PASSWORD, *, captcha: bool = True,
                   lands_on: str = r"/admin/$") -> None:
    """Staff login (with the captcha unless the server asks for none), then the TOTP step
    (enrolling on a first login), landing on `lands_on` (the console, or the password change
    a new account must make first)."""
    page.goto("/staff/login")
    page.fill("#identity", email)
    page.fill("#password", password)
    if captcha:
        type_captcha(page)
    page.click("#staff-login-submit")
    expect(page).to_have_url(re.compile(r"/staff/totp$"))
    secret = page.locator("#totp-secret").inner_text().strip()
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("#totp-submit")
    expect(page).to_have_url(re.compile(lands_on))

def request_email_code(page: Page, live_server, mailbox, email: str) -> str:
    page.fill("#email", email)
    page.click("#generate-code")
    status = page.locator("#code-status")
    expect(status).to_contain_text(f"Kami sudah mengirim email ke {email}")
    expect(status).to_have_class(re.compile(r"\btext-success\b"))
    assert live_server.deliver() >= 1
    code = mailbox.last_code(email)
    assert re.fullmatch(r"\d{6}", code)
    return code


def send_registration(page: Page, live_server, mailbox, email: str, snap) -> None:
    """The filled registration form sent: the e-mail code asked for and typed, the captcha
    typed, the form photographed, then submitted."""
    page.fill("#email_code", request_email_code(page, live_server, mailbox, email))
    page.check("#privacy_consent")
    type_captcha(page)
    snap(page, "register-form")
    page.click("#submit-register")


def fill_perorangan(page: Page, person: dict) -> None:
    page.fill("#nik", person["nik"])
    page.fill("#npwp", person["npwp"])
    page.fill("#name", person["name"])
    page.select_option("#gender", "P")
    page.fill("#birth_date", "1990-05-15")
    page.select_option("#education", "S1")
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.fill("#address", person["address"])
    choose_region(page)
    page.fill("#phone", "081234567890")
    page.fill("#postal_code", "75131")


def new_person() -> dict:
    nik = new_nik(day=55)  # a woman: the day of birth carries +40
    return {"nik": nik, "npwp": nik, "name": "Siti Aminah, S.E.",
            "address": "Jl. Juanda No. 7 RT 03", "email": unique_email("siti")}


def log_in(page: Page, identity: str, password: str = PASSWORD) -> None:
    page.goto("/masuk")
    page.fill("#identity", identity)
    page.fill("#password", password)
    type_captcha(page)
    page.click("#login-submit")


def on_a_drafts_detail_step(app, page: Page, permit_code: str):
    """A new applicant logged in, on step 5 of a draft of `permit_code` whose earlier steps
    are filled (tests.helpers.fill_draft); the draft."""
    user, data = make_applicant(app)
    draft = fill_draft(app, user, permit_code)
    log_in(page, data["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto(f"/permohonan/{draft.uid}/langkah/detail")
    page.wait_for_load_state("load")
    return draft


def test_perorangan_registers_edits_profile_logs_out_and_in(page, live_server, mailbox, snap):
    person = new_person()
    page.goto("/daftar")
    expect(page.get_by_role("heading", name="Pendaftaran Akun")).to_be_visible()
    page.click("#choose-perorangan")
    expect(page).to_have_url(re.compile(r"/daftar/perorangan$"))
    expect(page.locator("h1")).to_contain_text("Perorangan")
    # the legend promises "*" on mandatory fields: NIK has one, the optional NPWP not
    expect(page.locator("label[for=nik]")).to_have_class(re.compile(r"\brequired\b"))
    expect(page.locator("label[for=npwp]")).not_to_have_class(re.compile(r"\brequired\b"))

    fill_perorangan(page, person)
    send_registration(page, live_server, mailbox, person["email"], snap)

    # the answer is the same whether or not the identity already had an account: sign in
    expect(page).to_have_url(re.compile(r"/masuk$"))
    expect(page.locator(".alert-success")).to_contain_text("Pendaftaran diterima")
    log_in(page, person["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("#profile-name")).to_have_text(person["name"])
    expect(page.locator("#profile-card")).to_contain_text(person["nik"])
    expect(page.locator("#profile-card")).to_contain_text("Bukuan")
    snap(page, "dashboard")

    scripts_ready(page)
    page.click("#user-menu")
    page.get_by_role("link", name="Edit Profile").click()
    expect(page).to_have_url(re.compile(r"/akun/profil$"))
    expect(page.locator("#name")).to_have_value(person["name"])
    expect(page.locator("select[name=village_code]")).to_have_value("64.72.01.1003")
    page.fill("#phone", "0813 5555 1212")
    page.fill("#postal_code", "75243")
    page.click("#profile-save")
    expect(page.locator(".alert-success")).to_have_text("Data berhasil disimpan")
    expect(page.locator("#phone")).to_have_value("081355551212")
    expect(page.locator("#postal_code")).to_have_value("75243")
    # the consent ticked at registration, with the notice's version (UU PDP)
    version = live_server.app.config["PRIVACY_NOTICE_VERSION"]
    expect(page.locator("#privacy-consent-version")).to_have_text(f"Versi kebijakan: {version}")
    expect(page.locator("#privacy-consent-at")).to_contain_text("Disetujui saat pendaftaran")
    snap(page, "profile")

    page.locator(".sidebar").get_by_role("link", name="Dashboard").click()
    expect(page.locator("#profile-phone")).to_have_text("081355551212")

    page.click("#dashboard-logout")
    expect(page).to_have_url(re.compile(r"/masuk$"))
    expect(page.locator(".alert-info")).to_contain_text("Anda telah keluar.")
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/masuk"))
    snap(page, "login")

    log_in(page, person["nik"])
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("#profile-name")).to_have_text(person["name"])


def test_failed_registration_keeps_what_was_typed(page, live_server, mailbox, snap):
    person = new_person()
    page.goto("/daftar/perorangan")
    fill_perorangan(page, person)
    code = request_email_code(page, live_server, mailbox, person["email"])
    wrong = "000000" if code != "000000" else "111111"
    page.fill("#email_code", wrong)
    page.check("#privacy_consent")
    type_captcha(page)
    page.click("#submit-register")

    expect(page.locator('.alert-danger[role="alert"]')).to_contain_text(
        "Proses Pendaftaran Gagal")  # the flash; the error summary lists the field below it
    error = page.locator("[data-error-for=email_code]")
    expect(error).to_have_text("Kode Email Yang Anda Inputkan Salah!")
    expect(page.locator("#email_code")).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#nik")).to_have_value(person["nik"])
    expect(page.locator("#name")).to_have_value(person["name"])
    expect(page.locator("#address")).to_have_value(person["address"])
    expect(page.locator("#email")).to_have_value(person["email"])
    expect(page.locator("#gender")).to_have_value("P")
    expect(page.locator("select[name=village_code]")).to_have_value("64.72.01.1003")
    expect(page.locator("#password")).to_have_value("")
    expect(page.locator("#password_confirm")).to_have_value("")
    expect(page.locator("#captcha")).to_have_value("")
    expect(page.locator("#privacy_consent")).to_be_checked()  # the consent is kept too
    snap(page, "wrong-code")

    # the right code still works once the passwords and captcha are typed again
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.fill("#email_code", code)
    type_captcha(page)
    page.click("#submit-register")
    expect(page).to_have_url(re.compile(r"/masuk$"))
    log_in(page, person["nik"])
    expect(page.locator("#profile-name")).to_have_text(person["name"])


def test_forgot_password_with_pin_from_email(app, page, live_server, mailbox, snap):
    user, data = make_applicant(app, email=unique_email("lupa"))
    page.goto("/masuk")
    page.get_by_role("link", name="Lupa password?").click()
    expect(page).to_have_url(re.compile(r"/lupa-password$"))
    page.fill("#identity", data["nik"])
    page.fill("#phone", data["phone"])
    page.fill("#email", data["email"])
    type_captcha(page)
    snap(page, "forgot-form")
    page.click("#request-pin")

    expect(page).to_have_url(re.compile(r"/lupa-password/pin/[^/]+$"))
    expect(page.locator(".alert-info")).to_contain_text("PIN sudah dikirim ke email Anda")
    assert live_server.deliver() >= 1
    pin = mailbox.last_code(data["email"])
    page.fill("#pin", pin)
    page.fill("#password", NEW_PASSWORD)
    page.fill("#password_confirm", NEW_PASSWORD)
    snap(page, "reset-form")
    page.click("#reset-submit")

    expect(page).to_have_url(re.compile(r"/masuk$"))
    expect(page.locator(".alert-success")).to_have_text("Password berhasil diubah")

    log_in(page, data["nik"], PASSWORD)
    expect(page).to_have_url(re.compile(r"/masuk$"))
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.locator("#profile-name")).to_have_count(0)
    snap(page, "old-password-refused")

    log_in(page, data["nik"], NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("#profile-name")).to_have_text(data["name"])


def test_badan_usaha_registers_and_logs_in_with_npwp(page, live_server, mailbox, snap):
    serial = f"{next(SERIAL):03d}{new_nik()[-4:]}"
    npwp_digits = f"01234{serial}000"[:15]
    npwp_typed = f"{npwp_digits[:2]}.{npwp_digits[2:5]}.{npwp_digits[5:8]}." \
                 f"{npwp_digits[8]}-{npwp_digits[9:12]}.{npwp_digits[12:]}"
    email = unique_email("ptmaju")
    page.goto("/daftar")
    page.click("#choose-badan-usaha")
    expect(page).to_have_url(re.compile(r"/daftar/badan-usaha$"))
    expect(page.locator("h1")).to_contain_text("Badan Usaha")

    page.fill("#npwp", npwp_typed)
    page.fill("#nib", f"91203{serial}0"[:13])
    page.fill("#company_name", "PT Maju Jaya Sentosa")
    page.fill("#pic_name", "Andi Wijaya")
    page.fill("#pic_nik", new_nik())
    page.fill("#password", PASSWORD)
    page.fill("#password_confirm", PASSWORD)
    page.fill("#address", "Jl. Pelabuhan No. 12")
    choose_region(page)
    page.fill("#phone", "+62 812 3456 7890")
    page.fill("#postal_code", "75131")
    send_registration(page, live_server, mailbox, email, snap)

    expect(page).to_have_url(re.compile(r"/masuk$"))
    expect(page.locator(".alert-success")).to_contain_text("Pendaftaran diterima")
    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    card = page.locator("#profile-card")
    expect(page.locator("#profile-name")).to_contain_text("PT Maju Jaya Sentosa")
    expect(card).to_contain_text("Badan Usaha")
    expect(card).to_contain_text(npwp_digits)

    scripts_ready(page)
    page.click("#user-menu")
    page.locator(".dropdown-menu").get_by_role("button", name="Logout").click()
    expect(page).to_have_url(re.compile(r"/masuk$"))

    log_in(page, npwp_typed)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.locator("#profile-name")).to_contain_text("PT Maju Jaya Sentosa")


def test_staff_enrols_totp_and_applicant_cannot_open_console(app, new_page, live_server,
                                                             snap):
    staff = make_staff(app, "Verifikator", email=unique_email("verifikator"))
    _applicant, data = make_applicant(app, email=unique_email("pemohon"))

    applicant_page = new_page()
    log_in(applicant_page, data["nik"])
    expect(applicant_page).to_have_url(re.compile(r"/dashboard$"))
    applicant_page.goto("/admin/")
    expect(applicant_page).to_have_url(re.compile(r"/staff/login\?next=(/|%2F)admin(/|%2F)$"))
    expect(applicant_page.locator("#staff-roles")).to_have_count(0)

    page = new_page()
    page.goto("/")
    page.get_by_role("link", name="Login Staf").click()
    expect(page).to_have_url(re.compile(r"/staff/login"))
    page.fill("#identity", staff.email)
    page.fill("#password", PASSWORD)
    type_captcha(page)
    page.click("#staff-login-submit")

    expect(page).to_have_url(re.compile(r"/staff/totp$"))
    expect(page.locator("#totp-qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    snap(page, "totp-enrolment")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("#totp-submit")

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#staff-roles")).to_contain_text("Verifikator")
    expect(page.locator("#staff-agency")).to_have_text("DPMPTSP")
    expect(page.get_by_text("Konsol Staf E-PTSP")).to_be_visible()
