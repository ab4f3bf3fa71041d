"""Benchmark: the CPU time a process spends starting the app (interpreter, imports and
`create_app`, as gunicorn's `run:app` does), as a ratio to the same start with the heavy
libraries imported eagerly, measured in the same run.

Every gunicorn worker, every `flask` command, the outbox worker and every test process pays
this once. Each figure is the median over `--runs` fresh subprocesses of the child's own
`time.process_time()` (user + system CPU since the interpreter started) right after
`import run`; the variants take turns in each round, so the machine's load weighs on all alike.

- lazy (this checkout): `import run`. WeasyPrint, pyHanko, openpyxl and redis load at first
  use (app/documents/pdf_writer.py, app/signing/pades.py, catalogue/xlsx.py,
  app/redis_client.py).
- baseline, eager (this checkout): the same after importing those four modules first, which is
  what every process paid when they were imported at start. The ratio lazy / eager is the
  share of the start this checkout still pays; it compares like with like (same code, same
  interpreter, same moment) however loaded the machine is.
- floor: `import flask, sqlalchemy, flask_appbuilder` alone, the frameworks' share that no
  change to our code removes (context, not the baseline).
- before (`--before REF`, e.g. main): `import run` in a `git archive` of REF, same venv.

The children run with a bytecode cache of their own (PYTHONPYCACHEPREFIX in a temporary folder,
filled by an untimed first round): production compiles its modules once, and the figures should
not include compiling the ~170 project modules a start imports, which a process does at every
start when it may not write bytecode (PYTHONDONTWRITEBYTECODE=1, or a checkout the service user
cannot write).

    .venv/bin/python bench/startup.py [--runs 7] [--before main] [--write-docs]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_section import write_section  # noqa: E402

HEADING = "## Start-up: importing and creating the app"
EAGER = "import app.documents.pdf_writer, app.signing.pades, openpyxl, redis"
FLOOR = "import flask, sqlalchemy, flask_appbuilder"
CHILD = "import sys, time\n{pre}\n{main}\nprint(time.process_time(), len(sys.modules))\n"


@dataclass
class Variant:
    label: str
    code: str
    cwd: Path
    cpu: list[float] = field(default_factory=list)
    modules: int = 0

    def run(self, env: dict[str, str]) -> None:
        done = subprocess.run([sys.executable, "-c", self.code], cwd=self.cwd, env=env,
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{self.label} failed:\n{done.stderr[-3000:]}")
        seconds, modules = done.stdout.split()[-2:]
        self.cpu.append(float(seconds))
        self.modules = int(modules)

    @property
    def median(self) -> float:
        return statistics.median(self.cpu)


def child_env(work: Path) -> dict[str, str]:
    """Only what a server's environment holds: no database, Redis or storage of the caller's."""
    env = {key: value for key, value in os.environ.items()
           if key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    (work / "instance").mkdir(exist_ok=True)
    env.update(PYTHONPYCACHEPREFIX=str(work / "pycache"), INSTANCE_PATH=str(work / "instance"),
               DATABASE_URL=f"sqlite:///{work / 'instance' / 'bench.db'}",
               SECRET_KEY="bench-startup", PYTHONWARNINGS="ignore")
    return env


def checkout(ref: str, work: Path) -> tuple[Path, str]:
    """`git archive` of `ref` into `work`/before (nothing is written to any other checkout)."""
    commit = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    target = work / "before"
    target.mkdir()
    archive = work / "before.tar"
    subprocess.run(["git", "archive", "-o", str(archive), commit], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target, commit


def variants(before: tuple[Path, str] | None) -> list[Variant]:
    found = [Variant("lazy (this checkout)", CHILD.format(pre="", main="import run"), ROOT),
             Variant("baseline: eager (this checkout)",
                     CHILD.format(pre=EAGER, main="import run"), ROOT),
             Variant("floor: Flask, SQLAlchemy, Flask-AppBuilder",
                     CHILD.format(pre="", main=FLOOR), ROOT)]
    if before:
        path, commit = before
        found.append(Variant(f"before ({commit})", CHILD.format(pre="", main="import run"),
                             path))
    return found


def measure(found: list[Variant], runs: int, env: dict[str, str]) -> None:
    for variant in found:  # untimed: fills the bytecode cache
        variant.run(env)
        variant.cpu.clear()
    for n in range(runs):
        for variant in found:
            variant.run(env)
        print(f"round {n + 1}/{runs}: " + ", ".join(f"{v.cpu[-1]:.2f}" for v in found),
              flush=True)


def table(found: list[Variant]) -> str:
    baseline = found[1].median
    lines = ["| start | CPU s median | min | max | modules loaded | ratio to eager baseline |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for v in found:
        lines.append(f"| {v.label} | {v.median:.2f} | {min(v.cpu):.2f} | {max(v.cpu):.2f} | "
                     f"{v.modules} | {v.median / baseline:.2f} |")
    return "\n".join(lines)


def report(found: list[Variant], runs: int, before: str | None, load: list[float]) -> str:
    lazy, eager = found[0].median, found[1].median
    text = (f"CPU time of a fresh process up to the end of `import run` (interpreter, imports, "
            f"`create_app`), median of {runs} runs per row taken in turns, each child with its "
            f"own warm bytecode cache; Python {platform.python_version()} on "
            f"{platform.machine()}, {os.cpu_count()} CPUs shared with other work (1-minute load "
            f"average {min(load):.1f} to {max(load):.1f}, so compare the ratios); "
            f"`.venv/bin/python bench/startup.py --runs {runs}"
            f"{f' --before {before}' if before else ''}`, {date.today():%Y-%m-%d}.\n\n"
            f"{table(found)}\n\n"
            f"Loading WeasyPrint, pyHanko, openpyxl and redis at first use saves "
            f"{eager - lazy:.2f} s of CPU per process ({lazy / eager:.2f} of the eager start).")
    if len(found) > 3:
        text += (f" Against the code before this change the start went from "
                 f"{found[3].median:.2f} s to {lazy:.2f} s.")
    return text


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--runs", type=int, default=7)
    args.add_argument("--before", help="a git ref to measure too, e.g. main")
    args.add_argument("--write-docs", action="store_true")
    args = args.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        before = checkout(args.before, work) if args.before else None
        found = variants(before)
        load = [os.getloadavg()[0]]
        measure(found, args.runs, child_env(work))
        load.append(os.getloadavg()[0])
    text = report(found, args.runs, args.before, load)
    print(text)
    if args.write_docs:
        write_section(HEADING, text + "\n\n" + " ".join(NOTES.splitlines()))


NOTES = """\
The first PDF, signature or workbook of a process now pays its library's import (measured apart
with a warm bytecode cache: about 0.4 s for the first PDF, 0.3 s for the first signature or
verification, 0.15 s for the first workbook, on top of the document's own time); every later one
costs what it did. What the start still costs, measured the same way: the interpreter with Flask
and SQLAlchemy about 0.35 s, Flask-AppBuilder's import about 0.5 s, Flask-Migrate (Alembic, used
only by `flask db`) about 0.1 s, and `create_app` about 0.8 s (importing our views and
registering about 320 routes, of which Werkzeug compiling their URL builders about 0.15 s). A
process that cannot write bytecode (PYTHONDONTWRITEBYTECODE=1, or a checkout its user cannot
write) also compiles the project's own modules from source at every start: about 0.2 to 0.3 s
more."""


if __name__ == "__main__":
    main()
