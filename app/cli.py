"""`flask --app run ...` commands: setup, demo data, users, the outbox worker."""

from __future__ import annotations

import secrets

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .extensions import db
from .security.roles import APPLICANT_ROLE, PERMISSION, STAFF_ROLES

users_cli = AppGroup("users", help="Akun staf.")


def sync_roles() -> None:
    """Create FAB permissions for every registered view and our roles with their screens."""
    appbuilder = current_app.appbuilder
    sm = appbuilder.sm
    for role_name in STAFF_ROLES:
        sm.add_role(role_name)
    appbuilder.add_permissions(update_perms=True)
    for role_name, screens in STAFF_ROLES.items():
        role = sm.add_role(role_name)
        for screen in screens:
            pv = sm.add_permission_view_menu(PERMISSION, screen)
            sm.add_permission_role(role, pv)
    sm.add_role(APPLICANT_ROLE)
    sm.add_role(current_app.config["AUTH_ROLE_PUBLIC"])
    db.session.commit()


@click.command("setup",
               help="Peran dan hak akses; pada instalasi baru juga contoh kuesioner "
                    "IKM, isi portal, kategori pengaduan dan jam layanan chat. "
                    "Jalankan setelah `flask db upgrade` dan setiap pembaruan.")
def setup_command() -> None:
    """Roles and permissions, the sample IKM questionnaire and the sample portal content on a
    new installation, the sample complaint categories when there are none, and the sample chat
    office hours and replies (run after `flask db upgrade`)."""
    from .complaints import categories
    from .services import chat_hours, portal_seed
    from .survey import store as survey_store

    sync_roles()
    click.echo("Peran dan hak akses siap.")
    version = survey_store.ensure_sample()
    if version is not None:
        click.echo(f"Kuesioner Survey IKM contoh diterbitkan sebagai versi {version.number}.")
    filled = portal_seed.seed_if_empty()
    if filled:
        click.echo("Contoh isi portal ditambahkan: " + ", ".join(filled) + ".")
    if categories.seed():
        click.echo("Kategori pengaduan contoh ditambahkan.")
    if chat_hours.seed_defaults():
        click.echo("Contoh jam layanan, balasan otomatis, dan balasan cepat chat ditambahkan.")


@click.group("webgis", help="Peta WebGIS Perizinan.")
def webgis_cli() -> None:
    pass


@webgis_cli.command("rebuild",
                    help="Hitung ulang peta dari semua izin terbit (mis. setelah "
                         "jenis izin baru dipetakan).")
def webgis_rebuild_command() -> None:
    """Hitung ulang peta dari semua izin terbit (mis. setelah jenis izin baru dipetakan)."""
    from .services import permit_map

    click.echo(f"{permit_map.rebuild()} izin ada di peta.")


OFFICE = "@office"  # the office's own agency (OFFICE_AGENCY)
BUSIEST_DINAS = "@dinas"  # the technical agency owning most permits in the catalogue
DEMO_STAFF = [
    ("verifikator@eptsp-demo.id", "Verifikator", OFFICE, "Vera Verifikator"),
    ("teknis@eptsp-demo.id", "Tim Teknis", BUSIEST_DINAS, "Teguh Tim Teknis"),
    ("penandatangan@eptsp-demo.id", "Penandatangan", OFFICE, "Kepala Kantor"),
    ("pimpinan@eptsp-demo.id", "Pimpinan", OFFICE, "Pimpinan Kantor"),
    ("katalog@eptsp-demo.id", "Admin Katalog", OFFICE, "Ayu Admin Katalog"),
    ("helpdesk@eptsp-demo.id", "Helpdesk", OFFICE, "Hana Helpdesk"),
    ("auditor@eptsp-demo.id", "Auditor", OFFICE, "Adi Auditor"),
    ("superadmin@eptsp-demo.id", "Super Admin", OFFICE, "Super Admin"),
]


def _demo_agency(placeholder: str) -> str | None:
    """The office's code from configuration; for a Dinas, the published catalogue's technical
    agency with the most permits (None before a catalogue is published)."""
    if placeholder == OFFICE:
        return current_app.config["OFFICE_AGENCY"]
    from collections import Counter

    from .services import catalogue_store

    cat = catalogue_store.current()
    office = current_app.config["OFFICE_AGENCY"]
    owners = Counter(p.get("agency") for p in cat.permits if p.get("agency") != office) \
        if cat else Counter()
    return owners.most_common(1)[0][0] if owners else None


def _demo_staff() -> list[tuple[str, str, str | None, str]]:
    """DEMO_STAFF with their agencies, then one member for each (role, agency) a routing step
    names by code outside the office and the busiest Dinas (a parallel step's second Dinas):
    without them a demo case of such a routing waits for that Dinas forever."""
    from catalogue.routing import PERMIT_AGENCY

    from .services import catalogue_store

    staff = [(email, role, _demo_agency(where), name) for email, role, where, name in DEMO_STAFF]
    cat = catalogue_store.current()
    known = {(role, agency) for _email, role, agency, _name in staff}
    for routing in cat.routings if cat else []:
        for step in routing.get("steps") or []:
            named = step.get("agencies") or [step.get("agency", PERMIT_AGENCY)]
            for agency in named:
                if agency != PERMIT_AGENCY and (step.get("role"), agency) not in known:
                    known.add((step.get("role"), agency))
                    slug = f"{step['role']}-{agency}".lower().replace(" ", "-")
                    staff.append((f"{slug}@eptsp-demo.id", step["role"], agency,
                                  f"{step['role']} {agency}"))
    return staff


DEMO_APPLICANT_EMAIL = "pemohon@eptsp-demo.id"
# the demo applicant's village (Bukuan, Palaran, Samarinda): the profile requires one
DEMO_VILLAGE = "64.72.01.1003"


def _demo_password() -> str:
    return "Demo-" + secrets.token_urlsafe(6) + "9a"


@click.command("seed-demo",
               help="Akun demo: satu staf per peran dan satu pemohon; password baru "
                    "setiap kali dijalankan.")
def seed_demo_command() -> None:
    """Demo staff (one per role) and one applicant; passwords are new on every run."""
    from werkzeug.security import generate_password_hash

    from .models import ApplicantProfile, User
    from .services.user_admin import create_staff
    from .services.users import applicant_role

    method = current_app.config["FAB_PASSWORD_HASH_METHOD"]
    sync_roles()
    lines = []
    for email, role, agency, name in _demo_staff():
        if agency is None:
            lines.append(f"  staf  {role:<14} (belum dibuat: terbitkan katalog dulu)")
            continue
        password = _demo_password()
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            create_staff(email, role, agency, name, password)
        else:
            user.password = generate_password_hash(password, method=method)
            db.session.commit()
        lines.append(f"  staf  {role:<14} {email:<34} {password}  ({agency})")
    password = _demo_password()
    user = db.session.scalar(select(User).where(User.email == DEMO_APPLICANT_EMAIL))
    if user is None:
        user = User(first_name="Budi Santoso, S.T.", last_name="", username="6472011505900001",
                    email=DEMO_APPLICANT_EMAIL, active=True,
                    password=generate_password_hash(password, method=method))
        user.roles = [applicant_role()]
        db.session.add(user)
        db.session.flush()
        from datetime import date

        db.session.add(ApplicantProfile(
            user_id=user.id, kind="perorangan", nik="6472011505900001", name="Budi Santoso, S.T.",
            gender="L", birth_date=date(1990, 5, 15), education="S1",
            address="Jl. Gajah Mada No. 1", province_code="64", regency_code="64.72",
            district_code="64.72.01", village_code=DEMO_VILLAGE, phone="081234567890",
            postal_code="75121"))
    else:
        user.password = generate_password_hash(password, method=method)
        demo = db.session.scalar(select(ApplicantProfile).where(
            ApplicantProfile.user_id == user.id))
        if demo is not None and not demo.village_code and demo.district_code == "64.72.01":
            demo.village_code = DEMO_VILLAGE  # seeded without one before: Simpan failed
    db.session.commit()
    # the e-mail, not the NIK (login takes either): this printout is a log, and no NIK or
    # NPWP goes into a log
    lines.append(f"  pemohon {'Perorangan':<12} {DEMO_APPLICANT_EMAIL:<34} {password}  "
                 "(login di /masuk dengan email ini)")
    click.echo("Akun demo (password baru setiap kali perintah ini dijalankan):")
    click.echo("\n".join(lines))
    click.echo("Staf login di /staff/login dan mendaftarkan TOTP dengan QR pada login pertama.")


OPTION_OF_FIELD = {"roles": "role"}  # a service's field name -> the command's option


def _domain(call, *args, **kwargs):
    """Runs a user_admin call; its refusal becomes the command's error message."""
    from .services.errors import DomainError, ValidationFailed

    try:
        return call(*args, **kwargs)
    except ValidationFailed as exc:
        # the form's wording ("fields marked in red") means nothing here: each problem is named
        # by the option that carries it
        problems = "".join(f"\n  --{OPTION_OF_FIELD.get(field, field)}: {message}"
                           for field, messages in exc.errors.items() for message in messages)
        raise click.ClickException(f"Ditolak:{problems}") from exc
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc


def _staff(email: str):
    from .services.staff import is_staff
    from .services.users import find_staff

    user = find_staff(email)
    if user is None or not is_staff(user):
        raise click.ClickException("Staf tidak ditemukan")
    return user


@users_cli.command("create",
                   help="Buat akun staf; password awal diganti sendiri setelah login"
                        " pertama.")
@click.option("--role", "roles", required=True, multiple=True,
              help="Peran (boleh diulang untuk beberapa peran)")
@click.option("--agency", required=True, help="Kode instansi di katalog (kantor ini atau Dinas)")
@click.option("--email", required=True, help="Email staf (untuk login)")
@click.option("--name", default=None, help="Nama lengkap")
@click.option("--password", default=None, help="Kosongkan untuk dibuatkan acak")
def create_user_command(roles, agency, email, name, password) -> None:
    """A staff account; the person chooses their own password after the first login."""
    from .services import user_admin

    user, password = _domain(user_admin.create_staff, email, list(roles), agency, name,
                             password, must_change=True)
    click.echo(f"Staf dibuat: {user.email} peran {', '.join(roles)} instansi {agency.upper()}")
    click.echo(f"Password awal: {password} (diganti sendiri setelah login pertama)")


@users_cli.command("reset-totp",
                   help="Staf mendaftarkan ulang aplikasi autentikator pada login "
                        "berikutnya; sesinya berakhir.")
@click.option("--email", required=True)
def reset_totp_command(email) -> None:
    from .services import user_admin

    _domain(user_admin.reset_totp, _staff(email))
    click.echo("TOTP direset; staf mendaftar ulang pada login berikutnya.")


@users_cli.command("set-agency", help="Pindahkan staf ke instansi lain (kode dari katalog).")
@click.option("--email", required=True)
@click.option("--agency", required=True)
def set_agency_command(email, agency) -> None:
    from .services import user_admin

    _domain(user_admin.set_agency, _staff(email), agency)
    click.echo(f"Instansi {email}: {agency.upper()}")


@users_cli.command("deactivate",
                   help="Nonaktifkan akun staf atau pemohon: sesi dan token API "
                        "langsung berakhir.")
@click.option("--email", required=True)
@click.option("--reason", default="", help="Alasan (dicatat di log audit)")
def deactivate_command(email, reason) -> None:
    """Ends the account's sessions and API tokens now; it cannot log in any more."""
    from .services import user_admin
    from .services.api_tokens import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("Akun tidak ditemukan")
    _domain(user_admin.deactivate, user, reason=reason)
    click.echo(f"Akun {user.email} dinonaktifkan; sesi dan token API diakhiri.")


@users_cli.command("reactivate", help="Aktifkan kembali akun yang dinonaktifkan.")
@click.option("--email", required=True)
def reactivate_command(email) -> None:
    from .services import user_admin
    from .services.api_tokens import find_user

    user = find_user(email)
    if user is None:
        raise click.ClickException("Akun tidak ditemukan")
    _domain(user_admin.reactivate, user)
    click.echo(f"Akun {user.email} aktif kembali.")


@click.command("worker",
               help="Kirim pesan outbox (email, WhatsApp) dan jalankan pekerjaan "
                    "terjadwal; boleh beberapa proses. SIGTERM/Ctrl+C "
                    "menghentikannya setelah putaran yang sedang berjalan.")
@click.option("--once", is_flag=True, help="Kirim yang jatuh tempo lalu berhenti")
@click.option("--interval", default=2.0, show_default=True, help="Jeda antarputaran (detik)")
def worker_command(once: bool, interval: float) -> None:
    """Send outbox messages (run several for scale).

    SIGTERM (systemctl stop) and SIGINT (Ctrl+C) end it after the current pass, so a message
    being handed to the mail server is finished rather than left to its lease running out."""
    import signal
    import threading

    from .notify.worker import process_due, run_forever

    if once:
        click.echo(f"Terkirim: {process_due()}")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_args: stop.set())
    click.echo("Worker outbox berjalan (berhenti dengan SIGTERM atau Ctrl+C).")
    run_forever(interval=interval, stop=stop)
    click.echo("Worker outbox berhenti.")


def register(app: Flask) -> None:
    for command in (setup_command, seed_demo_command, worker_command):
        app.cli.add_command(command)
    app.cli.add_command(users_cli)
    app.cli.add_command(webgis_cli)
    from .catalogue_cli import catalogue_cli

    app.cli.add_command(catalogue_cli)
    from .signing.cli import signing_cli

    app.cli.add_command(signing_cli)
    from .backoffice.cli import workflow_cli

    app.cli.add_command(workflow_cli)
    from .storage.cli import storage_cli

    app.cli.add_command(storage_cli)
    from .survey.cli import survey_cli

    app.cli.add_command(survey_cli)
    from .reports.cli import reports_cli

    app.cli.add_command(reports_cli)
    from .privacy.cli import privacy_cli

    app.cli.add_command(privacy_cli)
    from .backup_cli import backup_cli

    app.cli.add_command(backup_cli)
    from .schema_cli import explain_missing_schema

    explain_missing_schema(app.cli)
