"""Generated applications and their tasks, in realistic statuses, from the published catalogue.

The random draws happen in one fixed order, so a seed gives the same rows every run (except
the random uid and the times, which follow the clock)."""

from __future__ import annotations

import json
import random
import secrets
import string
from datetime import UTC, date, datetime, timedelta

STATUS_WEIGHTS = (("issued", 820), ("in_process", 60), ("revision", 15), ("rejected", 40),
                  ("cancelled", 25), ("expired", 10), ("draft", 30))
FIRST = ("Siti", "Andi", "Budi", "Dewi", "Rina", "Agus", "Yusuf", "Rahmat", "Nur", "Eka",
         "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Putri",
         "Wahyu")
LAST = ("Aminah", "Wijaya", "Santoso", "Saputra", "Lestari", "Hidayat", "Pratama", "Kusuma",
        "Siregar", "Nasution", "Hasibuan", "Rahman", "Setiawan", "Susanti", "Gunawan")
COMPANIES = ("PT Maju Jaya", "CV Borneo Sejahtera", "PT Mahakam Energi", "PT Kaltim Medika",
             "CV Samarinda Abadi", "PT Etam Sentosa", "Koperasi Nelayan Bontang")
RESI_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def resi_for(i: int) -> str:
    """Distinct, random-looking 12-symbol receipts: an odd multiplier permutes 2^60."""
    value = (i * 0x9E3779B97F4A7C1 + 0x5DEECE66D) % (1 << 60)
    return "".join(RESI_ALPHABET[(value >> (5 * k)) & 31] for k in range(12))


def applicant_data(i: int, kind: str, name: str, company: str | None, identity: str) -> str:
    """The `data` column: what the wizard would have stored for this applicant."""
    return json.dumps({
        "applicant": {"kind": kind, "name": name, "nik": identity if not company else "",
                      "npwp": identity if company else "", "phone": "081234567890",
                      "email": f"pemohon{i}@contoh.id",
                      "address": "Jl. Gajah Mada No. 2, Samarinda"},
        "company": {"name": company, "npwp": identity} if company else None,
        "location": {"province_code": "64", "regency_code": "64.72",
                     "district_code": "64.72.01", "village_code": "64.72.01.1003",
                     "street": "Jl. Gajah Mada", "number": str(i % 200),
                     "latitude": "-0.502106", "longitude": "117.153709"},
        "details": {"catatan": "Data uji kinerja"}, "documents": {},
        "declaration": True})


def routing_state(step: str, permit: dict, *, pending: list[str] | None = None,
                  returned_from: str | None = None, decisions: list | None = None) -> str:
    return json.dumps({"step": step, "pending": pending or [],
                       "permit_agency": permit["agency"], "returned_from": returned_from,
                       "decisions": decisions or []})


class Generator:
    """Rows for the application and application_task tables from the published catalogue."""

    def __init__(self, cat, version_id: int, version_number: int, applicant_ids: list[int],
                 staff_ids: list[int], today: date, seed: int = 20261123):
        self.rng = random.Random(seed)
        self.cat = cat
        self.version_id, self.version_number = version_id, version_number
        self.applicants, self.staff = applicant_ids, staff_ids
        self.today = today
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self.permits = cat.permits
        self.routings = {p["code"]: cat.routing(p["routing"]) for p in self.permits}
        self.seq = {p["code"]: 0 for p in self.permits}
        statuses, weights = zip(*STATUS_WEIGHTS, strict=True)
        self.statuses, self.weights = statuses, weights

    def agencies(self, step: dict, permit: dict) -> list[str]:
        found = step.get("agencies") or [step.get("agency")]
        resolved = []
        for code in found:
            code = permit["agency"] if code == "@permit" else code
            if code not in resolved:
                resolved.append(code)
        return resolved

    def application(self, i: int) -> tuple[dict, list[dict]]:
        """Application `i` and its tasks: the steps it went through closed, the running step's
        tasks open, and the routing state its status implies."""
        rng = self.rng
        permit = self.permits[rng.randrange(len(self.permits))]
        steps = self.routings[permit["code"]]["steps"]
        status = rng.choices(self.statuses, self.weights)[0]
        sla = int(permit.get("sla_working_days", 5))
        submitted = self.submitted_at(status, sla)
        row = self.row(i, permit, status, submitted)
        if submitted is None:
            return row, []
        self.register(row, i, permit, submitted, sla)
        position, closed_steps = self.progress(status, steps)
        tasks, when = self.closed_tasks(steps[:closed_steps], permit, submitted)
        if status == "in_process":
            tasks += self.running(row, permit, steps[position], position, submitted, when)
        elif status in ("revision", "expired"):
            self.returned(row, permit, steps, status, submitted)
        else:
            self.ended(row, permit, status, submitted, when)
        return row, tasks

    def submitted_at(self, status: str, sla: int) -> datetime | None:
        rng = self.rng
        if status == "draft":
            return None
        if status == "in_process":  # within its SLA, mostly (see the late slice in `running`)
            return self.now - timedelta(days=rng.uniform(0, sla * 7 / 5),
                                        minutes=rng.randrange(600))
        if status in ("revision", "expired"):
            return self.now - timedelta(days=rng.uniform(8, 90))
        return self.now - timedelta(days=rng.uniform(20, 5 * 365))

    def row(self, i: int, permit: dict, status: str, submitted: datetime | None) -> dict:
        """The application row as a draft or a fresh submission; the routing fills the rest."""
        rng = self.rng
        kind = "badan_usaha" if rng.random() < 0.3 else "perorangan"
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        company = rng.choice(COMPANIES) if kind == "badan_usaha" else None
        identity = "".join(rng.choice(string.digits) for _ in range(16 if company is None
                                                                     else 15))
        app_type = rng.choice(permit["application_types"])
        return {
            "uid": secrets.token_urlsafe(16), "applicant_id": rng.choice(self.applicants),
            "status": status, "catalogue_version_id": self.version_id,
            "catalogue_version_number": self.version_number, "permit_code": permit["code"],
            "permit_name": permit["name"]["id"][:300], "application_type": app_type,
            "agency_code": permit["agency"], "wizard_step": 5, "applicant_identity": identity,
            "applicant_name": name, "company_name": company, "resi": None,
            "registration_number": None, "submit_key": None, "submitted_at": submitted,
            "estimated_completion": None, "routing_state": None, "current_step": None,
            "revision_due": None, "revision_started_at": None, "revision_round": 0,
            "first_action_at": None, "closed_at": None, "lock_version": 1,
            "created_at": (submitted or self.now) - timedelta(hours=2),
            "updated_at": submitted or self.now,
            "data": applicant_data(i, kind, name, company, identity),
        }

    def register(self, row: dict, i: int, permit: dict, submitted: datetime, sla: int) -> None:
        """Receipt, registration number in the permit's own sequence, estimated completion."""
        code, day = permit["code"], submitted.date()
        self.seq[code] += 1
        row["resi"] = resi_for(i)
        row["registration_number"] = f"{self.seq[code]}/{code}/{day:%m}/{day:%Y}"
        row["estimated_completion"] = day + timedelta(days=sla * 7 // 5 + 1)

    def progress(self, status: str, steps: list[dict]) -> tuple[int, int]:
        """(index of the running step, number of steps already closed)."""
        rng = self.rng
        if status == "in_process":
            position = rng.choices(range(len(steps)), [35, 45, 20] if len(steps) == 3
                                   else [60, 40])[0]
            return position, position
        if status == "issued":
            return 0, len(steps)
        if status == "rejected":
            return 0, rng.randrange(len(steps)) + 1
        return 0, 1  # revision, expired, cancelled: ended at the first step

    def closed_tasks(self, steps: list[dict], permit: dict,
                     submitted: datetime) -> tuple[list[dict], datetime]:
        """The closed tasks of the steps gone through, and when the last one closed."""
        tasks = []
        when = submitted
        for step in steps:
            for agency in self.agencies(step, permit):
                when = when + timedelta(hours=self.rng.uniform(2, 40))
                tasks.append(self.task(step, agency, submitted, when, closed=True))
        return tasks, when

    def running(self, row: dict, permit: dict, step: dict, position: int,
                submitted: datetime, when: datetime) -> list[dict]:
        """The running step's tasks (some agencies of a parallel step already decided)."""
        rng = self.rng
        agencies = self.agencies(step, permit)
        done = agencies[:1] if len(agencies) > 1 and rng.random() < 0.4 else []
        tasks = [self.task(step, agency, submitted, when, closed=agency in done)
                 for agency in agencies]
        row["current_step"] = step["key"]
        row["routing_state"] = routing_state(
            step["key"], permit, pending=[a for a in agencies if a not in done],
            decisions=[[a, "lanjut"] for a in done])
        if position:
            row["first_action_at"] = submitted + timedelta(hours=3)
        # a slice of the running ones are late, as in any office
        if rng.random() < 0.08:
            row["estimated_completion"] = self.today - timedelta(days=rng.randrange(1, 15))
        return tasks

    def returned(self, row: dict, permit: dict, steps: list[dict], status: str,
                 submitted: datetime) -> None:
        """Sent back to the applicant: in revision, or past the revision deadline."""
        rng = self.rng
        row["routing_state"] = routing_state("@applicant", permit,
                                             returned_from=steps[0]["key"])
        row["revision_round"] = 1
        row["revision_started_at"] = submitted + timedelta(days=1)
        row["revision_due"] = (self.today + timedelta(days=rng.randrange(1, 7))
                               if status == "revision"
                               else self.today - timedelta(days=rng.randrange(1, 60)))
        row["first_action_at"] = submitted + timedelta(hours=5)

    def ended(self, row: dict, permit: dict, status: str, submitted: datetime,
              when: datetime) -> None:
        """Issued, rejected or cancelled."""
        final = {"issued": "@issued", "rejected": "@rejected"}.get(status, "@cancelled")
        row["routing_state"] = routing_state(final, permit)
        row["closed_at"] = when + timedelta(hours=1)
        if status != "cancelled":
            row["first_action_at"] = submitted + timedelta(hours=4)

    def task(self, step: dict, agency: str, submitted: datetime, opened: datetime, *,
             closed: bool) -> dict:
        due = opened.date() + timedelta(days=int(step.get("sla_days", 1)) + 1)
        return {"step": step["key"], "role": step["role"], "agency_code": agency,
                "is_open": not closed, "opened_at": opened, "due_date": due,
                "closed_at": opened + timedelta(hours=6) if closed else None,
                "action": "lanjut" if closed else None,
                "actor_id": self.rng.choice(self.staff) if closed else None}
