"""Bulk load of the generated rows: sqlite3 executemany or PostgreSQL COPY, with the secondary
indexes dropped during the load and rebuilt from the models afterwards."""

from __future__ import annotations

import time

from bench.harness.bulk import raw_cursor, reset_sequences, write_rows
from bench.harness.timing import vacuum_analyze

from .data import Generator

APP_COLUMNS = ("id", "uid", "applicant_id", "status", "catalogue_version_id",
               "catalogue_version_number", "permit_code", "permit_name", "application_type",
               "agency_code", "wizard_step", "data", "applicant_identity", "applicant_name",
               "company_name", "resi", "registration_number", "submit_key", "submitted_at",
               "estimated_completion", "routing_state", "current_step", "revision_due",
               "revision_started_at", "revision_round", "first_action_at", "closed_at",
               "lock_version", "created_at", "updated_at")
TASK_COLUMNS = ("application_id", "step", "role", "agency_code", "is_open", "opened_at",
                "due_date", "closed_at", "action", "actor_id")


def secondary_indexes():
    """The non-unique indexes of the two big tables, as the models declare them."""
    from app.models import Application, ApplicationTask

    return [i for table in (Application.__table__, ApplicationTask.__table__)
            for i in table.indexes if not i.unique]


def fill(engine, gen: Generator, rows: int, batch: int = 20_000) -> tuple[int, float]:
    """Bulk insert with the secondary indexes dropped, then rebuilt from the models (a bulk
    load is several times faster that way); returns (tasks inserted, seconds)."""
    started = time.perf_counter()
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.drop(conn, checkfirst=True)
    tasks, _seconds = _insert(engine, gen, rows, batch, started)
    print(f"  rebuilding indexes ({time.perf_counter() - started:.0f} s)", flush=True)
    with engine.begin() as conn:
        for index in secondary_indexes():
            index.create(conn, checkfirst=True)
    vacuum_analyze(engine, ("application", "application_task"))
    return tasks, time.perf_counter() - started


def _insert(engine, gen: Generator, rows: int, batch: int, started: float):
    task_count = 0
    with raw_cursor(engine) as (raw, cur, postgres):
        for start in range(1, rows + 1, batch):
            apps, tasks = [], []
            for i in range(start, min(start + batch, rows + 1)):
                row, app_tasks = gen.application(i)
                row["id"] = i
                apps.append(row)
                for task in app_tasks:
                    task["application_id"] = i
                    tasks.append(task)
            task_count += len(tasks)
            write_rows(cur, postgres, "application", APP_COLUMNS,
                       [tuple(row[c] for c in APP_COLUMNS) for row in apps])
            write_rows(cur, postgres, "application_task", TASK_COLUMNS,
                       [tuple(task[c] for c in TASK_COLUMNS) for task in tasks])
            raw.commit()
            done = min(start + batch - 1, rows)
            if done % 200_000 < batch:
                print(f"  {done:>9,} applications, {task_count:,} tasks "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)
        reset_sequences(cur, postgres, ("application", "application_task"))
        raw.commit()
    return task_count, time.perf_counter() - started
