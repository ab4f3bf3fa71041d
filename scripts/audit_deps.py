"""`make audit`: every locked dependency (uv.lock, test extra included) checked against a
vulnerability database with pip-audit, and the verdict said plainly.

pip-audit alone can look green without having checked anything: when its database does not
answer for a package it skips it ("could not be audited") and still prints "No known
vulnerabilities found" with exit status 0. Here a skipped package makes the audit
INCOMPLETE, and a database that cannot be reached at all is reported as UNREACHABLE; neither
is ever reported as passed.

Exit status: 0 passed (every package checked, no vulnerability outside the ignore file);
1 vulnerabilities found (CI fails); 3 unreachable or incomplete (CI prints it and goes on
with --unreachable-ok, because a missing network is not a finding); 2 usage or set-up error.

Known vulnerabilities that do not apply are listed in requirements/audit-ignore.txt, one ID
per line followed by "#" and the reason (an entry without a reason is refused).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "requirements" / "audit-ignore.txt"
PASSED, VULNERABLE, ERROR, UNREACHABLE = 0, 1, 2, 3
_NETWORK_SIGNS = ("ConnectionError", "NameResolutionError", "Max retries exceeded",
                  "Temporary failure in name resolution", "timed out", "ProxyError",
                  "SSLError", "HTTPError")


@dataclass
class Verdict:
    status: int
    vulnerable: list = field(default_factory=list)  # (name, version, id, fixes)
    skipped: list = field(default_factory=list)     # (name, reason)
    checked: int = 0
    message: str = ""


def read_ignores(path: Path = IGNORE_FILE) -> dict[str, str]:
    """{vulnerability id: reason}; a line without a reason is an error, not a silent skip."""
    ignores: dict[str, str] = {}
    if not path.exists():
        return ignores
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        vuln, _, reason = text.partition("#")
        if not vuln.strip() or not reason.strip():
            raise ValueError(f"{path.name}:{number}: write the ID, then '#' and the reason")
        ignores[vuln.strip()] = reason.strip()
    return ignores


def judge(report: dict) -> Verdict:
    """pip-audit's JSON report (-f json) -> the verdict."""
    dependencies = report.get("dependencies") or []
    verdict = Verdict(PASSED)
    for dep in dependencies:
        if dep.get("skip_reason"):
            verdict.skipped.append((dep.get("name", "?"), dep["skip_reason"]))
            continue
        verdict.checked += 1
        for vuln in dep.get("vulns") or []:
            verdict.vulnerable.append((dep["name"], dep.get("version", "?"), vuln.get("id"),
                                       ", ".join(vuln.get("fix_versions") or []) or "-"))
    if verdict.vulnerable:
        verdict.status = VULNERABLE
        verdict.message = f"{len(verdict.vulnerable)} kerentanan ditemukan"
    elif not dependencies or verdict.checked == 0:
        verdict.status = UNREACHABLE
        verdict.message = ("basis data kerentanan tidak menjawab: tidak satu pun dari "
                           f"{len(dependencies)} paket dapat diperiksa")
    elif verdict.skipped:
        verdict.status = UNREACHABLE
        verdict.message = (f"audit tidak lengkap: {len(verdict.skipped)} dari "
                           f"{len(dependencies)} paket tidak dapat diperiksa")
    else:
        verdict.message = f"{verdict.checked} paket diperiksa, tidak ada kerentanan yang diketahui"
    return verdict


def judge_failure(returncode: int, stderr: str) -> Verdict:
    """pip-audit stopped without a report: the network, or something else."""
    tail = stderr.strip().splitlines()[-1:] or [f"pip-audit keluar dengan status {returncode}"]
    if any(sign in stderr for sign in _NETWORK_SIGNS):
        return Verdict(UNREACHABLE, message="basis data kerentanan tidak dapat dihubungi: "
                       + tail[0][:300])
    return Verdict(ERROR, message="pip-audit gagal: " + tail[0][:300])


def export_lock(venv: Path) -> Path:
    out = Path(tempfile.mkstemp(prefix="eptsp-audit-", suffix=".txt")[1])
    subprocess.run([str(venv / "bin" / "uv"), "export", "-q", "--frozen", "--extra", "test",
                    "--no-emit-project", "--format", "requirements-txt", "-o", str(out)],
                   cwd=ROOT, check=True)
    return out


def run_audit(requirements: Path, venv: Path, service: str, ignores: dict[str, str]) -> Verdict:
    command = [str(venv / "bin" / "pip-audit"), "-r", str(requirements), "--require-hashes",
               "--disable-pip", "--progress-spinner", "off", "-f", "json", "-s", service]
    for vuln in ignores:
        command += ["--ignore-vuln", vuln]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    if report is None:
        return judge_failure(done.returncode, done.stderr)
    return judge(report)


def show(verdict: Verdict, service: str, ignores: dict[str, str]) -> None:
    label = {PASSED: "LULUS", VULNERABLE: "GAGAL", UNREACHABLE: "TIDAK DAPAT DIPASTIKAN",
             ERROR: "GALAT"}[verdict.status]
    print(f"Audit dependensi ({service}): {label} - {verdict.message}")
    for name, version, vuln, fixes in verdict.vulnerable:
        print(f"  {name} {version}: {vuln} (perbaikan: {fixes})")
    for vuln, reason in ignores.items():
        print(f"  diabaikan {vuln}: {reason}")
    if verdict.skipped:
        shown = verdict.skipped[:5]
        for name, reason in shown:
            print(f"  tidak diperiksa {name}: {reason}")
        if len(verdict.skipped) > len(shown):
            print(f"  ... dan {len(verdict.skipped) - len(shown)} paket lain")
    if verdict.status == UNREACHABLE:
        print("  Hasil ini BUKAN lulus: ulangi saat basis data kerentanan dapat dihubungi "
              "(AUDIT_SERVICE=osv memakai OSV sebagai gantinya).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unreachable-ok", action="store_true",
                        help="exit 0 when the database is unreachable (the message stays)")
    parser.add_argument("--service", default=os.environ.get("AUDIT_SERVICE", "pypi"),
                        choices=("pypi", "osv"))
    parser.add_argument("--venv", default=os.environ.get("VENV", str(ROOT / ".venv")))
    args = parser.parse_args(argv)
    venv = Path(args.venv)
    try:
        ignores = read_ignores()
        requirements = export_lock(venv)
    except (ValueError, OSError, subprocess.CalledProcessError) as exc:
        print(f"Audit dependensi: GALAT - {exc}")
        return ERROR
    try:
        verdict = run_audit(requirements, venv, args.service, ignores)
    finally:
        requirements.unlink(missing_ok=True)
    show(verdict, args.service, ignores)
    if verdict.status == UNREACHABLE and args.unreachable_ok:
        return PASSED
    return verdict.status


if __name__ == "__main__":
    sys.exit(main())
