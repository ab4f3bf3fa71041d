"""What the database holds after a burst: every submission counted once, numbers unique and
gap-free, every verifier's action applied."""

from __future__ import annotations

import re


def check_submissions(app, uids: list[str], before: dict[str, int]) -> dict:
    from sqlalchemy import func, select

    import catalogue as cat_lib
    from app.extensions import db
    from app.models import Application, ApplicationEvent
    from app.services import applications as apps
    from app.services import calendar

    with app.app_context():
        rows = db.session.scalars(select(Application).where(Application.uid.in_(uids))).all()
        applicant_ids = {r.applicant_id for r in rows}
        total_rows = db.session.scalar(select(func.count(Application.id)).where(
            Application.applicant_id.in_(applicant_ids)))
        submitted_events = db.session.scalar(select(func.count(ApplicationEvent.id)).where(
            ApplicationEvent.application_id.in_([r.id for r in rows]),
            ApplicationEvent.kind == "submitted"))
        in_process = [r for r in rows if r.status == "in_process"]
        resis = [r.resi for r in rows if r.resi]
        per_permit: dict[str, dict] = {}
        sentinel = 987654321
        for row in in_process:
            permit = apps.permit_of(row)
            day = calendar.local_date(row.submitted_at)
            pattern = re.escape(cat_lib.format_number(
                permit["registration_number"], seq=sentinel, date=day, agency=permit["agency"],
                permit=permit["code"], app_type=row.application_type))
            match = re.fullmatch(pattern.replace(str(sentinel), r"(\d+)"),
                                 row.registration_number or "")
            entry = per_permit.setdefault(row.permit_code, {"numbers": [], "seqs": [],
                                                            "years": set()})
            entry["numbers"].append(row.registration_number)
            entry["years"].add(day.year)
            entry["seqs"].append(int(match.group(1)) if match else -1)
        db.session.remove()
    report = {"count": len(uids), "applications": len(rows),
              "rows_of_these_applicants": total_rows, "in_process": len(in_process),
              "submitted_events": submitted_events, "resi": len(resis),
              "distinct_resi": len(set(resis)), "permits": {}}
    for code, entry in sorted(per_permit.items()):
        k = len(entry["seqs"])
        (year,) = entry["years"] if len(entry["years"]) == 1 else (None,)
        k0 = before.get(f"{code}/{year}", 0)
        report["permits"][code] = {
            "count": k, "distinct_numbers": len(set(entry["numbers"])), "first_before": k0,
            "gap_free": sorted(entry["seqs"]) == list(range(k0 + 1, k0 + k + 1)),
            "min": min(entry["seqs"]), "max": max(entry["seqs"])}
    return report


def duplicates_and_gaps(report: dict) -> tuple[int, bool]:
    duplicates = report["resi"] - report["distinct_resi"]
    gap_free = True
    for entry in report["permits"].values():
        duplicates += entry["count"] - entry["distinct_numbers"]
        gap_free &= entry["gap_free"]
    return duplicates, gap_free


def submissions_ok(report: dict) -> bool:
    n = report["count"]
    duplicates, gap_free = duplicates_and_gaps(report)
    return (report["in_process"] == n and report["distinct_resi"] == n
            and report["rows_of_these_applicants"] == n and report["submitted_events"] == n
            and duplicates == 0 and gap_free)


def moved_on(app, uids: list[str]) -> int:
    """How many of these applications left the verification step (one action each)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Application, ApplicationEvent

    with app.app_context():
        found = db.session.scalar(select(func.count(func.distinct(
            ApplicationEvent.application_id))).where(
            ApplicationEvent.kind == "action",
            ApplicationEvent.application.has(Application.uid.in_(uids))))
        db.session.remove()
    return int(found or 0)


def server_errors(log: str, root: str) -> list[str]:
    """Each kind of traceback in a server log once, with a count, and where in our code."""
    from collections import Counter

    found: Counter[str] = Counter()
    for trace in log.split("Traceback (most recent call last):")[1:]:
        if "the following exception" in trace:
            continue  # the cause of a chained exception: its outermost one is counted
        lines = trace.strip().splitlines()
        error = next((line for line in reversed(lines)
                      if re.match(r"\w[\w.]*(Error|Exception)", line)), lines[-1])
        frames = re.findall(r'File "' + re.escape(root) + r'/((?:app|catalogue)/[^"]+)", '
                            r"line (\d+), in (\w+)", trace)
        where = " <- ".join(f"{path}:{line} {func}" for path, line, func in reversed(frames[-3:]))
        found[f"{error.strip()[:200]} at {where or '?'}"] += 1
    return [f"{n} x {text}" for text, n in found.most_common(10)]
