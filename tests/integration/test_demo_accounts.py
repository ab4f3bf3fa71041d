"""What `make run` prints before the server starts is a log like any other: it tells how to
sign in to the demo accounts, and shows no NIK or NPWP."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.helpers import login

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
# a NIK (16 digits) or an NPWP (15 or 16), bare or written with dots, dashes or spaces
IDENTITY_NUMBER = re.compile(r"(?<!\d)\d(?:[.\- ]?\d){14,15}(?!\d)")
# `flask db upgrade` is left out: the test database already has its tables (the migrations
# have their own tests), and it prints only Alembic's revision lines
NOT_RUN_HERE = (["db", "upgrade"],)


def flask_commands(target: str) -> list[list[str]]:
    """The `$(FLASK) ...` lines `make <target>` runs, its prerequisites' first, in order."""
    rules: dict[str, tuple[list[str], list[str]]] = {}
    name = None
    for line in MAKEFILE.read_text().splitlines():
        rule = re.match(r"^([\w-]+):(?!=)\s*(.*)$", line)
        if rule:
            name = rule.group(1)
            rules[name] = (rule.group(2).split(), [])
        elif line.startswith("\t") and name:
            rules[name][1].append(line.strip())
        elif not line.strip():
            name = None
    found: list[list[str]] = []
    seen: set[str] = set()

    def walk(step: str) -> None:
        if step in seen or step not in rules:
            return
        seen.add(step)
        prerequisites, recipe = rules[step]
        for prerequisite in prerequisites:
            walk(prerequisite)
        found.extend(shlex.split(r.removeprefix("$(FLASK)")) for r in recipe
                     if r.startswith("$(FLASK) "))

    walk(target)
    return found


def test_make_run_prints_how_to_sign_in_without_a_nik_or_npwp(app, client, runner,
                                                              monkeypatch):
    monkeypatch.chdir(MAKEFILE.parent)  # make runs them from there (relative paths)
    commands = flask_commands("run")
    assert ["seed-demo"] in commands, commands  # the command that prints the demo accounts
    printed = []
    for args in commands:
        if args in NOT_RUN_HERE:
            continue
        result = runner.invoke(args=args)
        assert result.exit_code == 0, (args, result.output)
        printed.append(result.output)
    printed.append(runner.invoke(args=["seed-demo"]).output)  # the next `make run`
    output = "\n".join(printed)
    assert "pemohon" in output
    assert not IDENTITY_NUMBER.findall(output), IDENTITY_NUMBER.findall(output)
    # what it prints is enough to sign in as the demo applicant
    line = next(t for t in printed[-1].splitlines() if t.strip().startswith("pemohon"))
    email = re.search(r"\S+@\S+", line).group(0)
    password = re.search(r"Demo-\S+", line).group(0)
    response = login(client, email, password)
    assert response.status_code == 302 and response.location.endswith("/dashboard"), line


def test_the_demo_applicants_profile_saves_as_seeded(app, runner):
    """Its profile was seeded without a village, so Simpan on /akun/profil failed with
    "Kelurahan/Desa wajib dipilih"; a second seed-demo fills what an earlier one left out."""
    from datetime import date

    from sqlalchemy import select

    from app import forms
    from app.cli import DEMO_APPLICANT_EMAIL
    from app.extensions import db
    from app.models import ApplicantProfile, User
    from app.services import profile as profile_service

    def stored_errors():
        user = db.session.scalar(select(User).where(User.email == DEMO_APPLICANT_EMAIL))
        prof = db.session.scalar(select(ApplicantProfile).where(
            ApplicantProfile.user_id == user.id))
        values = {f: getattr(prof, f) for f in profile_service.editable_fields(prof)}
        values = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        return prof, forms.clean(profile_service.form_name(prof), values)[1]

    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    prof, errors = stored_errors()
    assert errors == {}
    prof.village_code = None  # as an earlier seed-demo left it
    db.session.commit()
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    db.session.expire_all()
    assert stored_errors()[1] == {}


def test_every_step_of_a_parallel_routing_has_a_demo_member_who_can_act(app, runner):
    """SIPA asks its own Dinas and DLH in parallel; the demo had no DLH member, so a demo case
    waited for DLH forever. Every open task now has a demo member of its role and agency, and
    their actions bring the case to the signer."""
    from sqlalchemy import select

    from app import casework
    from app.extensions import db
    from app.models import ApplicationTask, User
    from app.services import review
    from tests.helpers import make_applicant, make_submitted, publish_catalogue, verifier_forwards

    publish_catalogue(app)
    output = runner.invoke(args=["seed-demo"]).output
    person, _ = make_applicant(app)
    application = verifier_forwards(app, make_submitted(app, person, "SIPA"))
    tasks = db.session.scalars(select(ApplicationTask).where(
        ApplicationTask.application_id == application.id, ApplicationTask.is_open)).all()
    assert len(tasks) == 2 and "DLH" in {t.agency_code for t in tasks}
    demo = [casework.actor_for(u) for u in db.session.scalars(
        select(User).where(User.email.like("%@eptsp-demo.id")))]
    for task in tasks:
        member = next(a for a in demo if task.role in a.roles and a.agency == task.agency_code)
        assert member.user.email in output  # printed with its password
        review.act(application, member, "lanjut")
    db.session.expire_all()
    assert application.current_step == "tte"
