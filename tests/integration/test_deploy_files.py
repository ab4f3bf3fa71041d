"""The files in deploy/ are checked by the programs that will read them: the nginx site by the
real nginx (syntax, then live in front of gunicorn), the systemd units by systemd-analyze and
against the commands they start, the sample environment file against the documented settings."""

from __future__ import annotations

import configparser
import getpass
import http.client
import os
import re
import shlex
import shutil
import ssl
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from config import Config
from tests.processes import ROOT, Gunicorn, free_port, server_env, stop, wait_until

DEPLOY = ROOT / "deploy"
INSTALL_ROOT = "/srv/eptsp"  # where the samples expect the checkout
NIK = "6472011505900001"


def nginx_binary() -> str:
    found = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    if not found:
        pytest.fail("These tests need nginx (apt-get install nginx; `make test` installs it).",
                    pytrace=False)
    return found


def self_signed(directory: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=1)).not_valid_after(now + timedelta(days=1))
            .sign(key, hashes.SHA256()))
    directory.mkdir(parents=True)
    (directory / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))


class NginxSite:
    """deploy/nginx/eptsp.conf with only the install-specific paths and ports swapped for
    this machine's, inside a minimal nginx.conf under a temporary prefix."""

    def __init__(self, tmp: Path, upstream_port: int = 5000):
        self.tmp = tmp
        self.http_port, self.https_port = free_port(), free_port()
        self.logs = tmp / "logs"
        self.logs.mkdir(parents=True)
        self_signed(tmp / "tls")
        text = (DEPLOY / "nginx" / "eptsp.conf").read_text()
        swaps = {INSTALL_ROOT: str(ROOT), "/var/log/nginx": str(self.logs),
                 "/etc/letsencrypt/live/eptsp.example.go.id": str(tmp / "tls"),
                 "listen 80;": f"listen 127.0.0.1:{self.http_port};",
                 "listen 443 ssl http2;": f"listen 127.0.0.1:{self.https_port} ssl http2;",
                 "server 127.0.0.1:5000;": f"server 127.0.0.1:{upstream_port};"}
        for original, here in swaps.items():
            assert original in text, original
            text = text.replace(original, here)
        text = re.sub(r"^\s*listen \[::\].*$", "", text, flags=re.M)  # no IPv6 needed here
        (tmp / "eptsp.conf").write_text(text)
        temp = "\n".join(f"  {kind}_temp_path {tmp / kind};"
                         for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        (tmp / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
pid {tmp / "nginx.pid"};
error_log {self.logs / "main-error.log"};
events {{}}
http {{
  types {{ text/html html; text/css css; application/javascript js; image/svg+xml svg; }}
{temp}
  access_log {self.logs / "default-access.log"};
  include {tmp / "eptsp.conf"};
}}
""")

    def command(self, *args: str) -> list[str]:
        return [nginx_binary(), "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf"), *args]


def test_nginx_accepts_the_sample_site(tmp_path):
    site = NginxSite(tmp_path)
    result = subprocess.run(site.command("-t"), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_nginx_body_limit_matches_the_apps_request_limit():
    text = (DEPLOY / "nginx" / "eptsp.conf").read_text()
    megabytes = re.search(r"^\s*client_max_body_size (\d+)m;", text, re.M).group(1)
    assert int(megabytes) * 1024 * 1024 == Config.MAX_CONTENT_LENGTH


def https(site: NginxSite, source: str = "127.0.0.1") -> http.client.HTTPSConnection:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", site.https_port, context=context,
                                       timeout=30, source_address=(source, 0))


def fetch(site, path, source="127.0.0.1", headers=None) -> tuple[int, bytes, dict]:
    connection = https(site, source)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def site_in_front_of_gunicorn(served_sqlite, tmp_path_factory):
    """One gunicorn with TRUSTED_PROXIES=1 behind the sample site, for this module's tests
    (only the forged-address test asks the app for /lacak, so its counter starts at zero)."""
    tmp_path = tmp_path_factory.mktemp("site")
    web = Gunicorn(server_env(served_sqlite, tmp_path, TRUSTED_PROXIES="1"), tmp_path)
    site = NginxSite(tmp_path / "nginx", upstream_port=web.port)
    web.start()
    nginx = subprocess.Popen(site.command("-g", "daemon off;"), stdout=subprocess.DEVNULL,
                             stderr=subprocess.STDOUT)
    try:
        web.wait_ready()
        wait_until(lambda: _answers(site), 30, "nginx")
        yield site, web
    finally:
        stop(nginx, seconds=10)
        web.stop()


def _answers(site: NginxSite) -> bool:
    try:
        return fetch(site, "/healthz")[0] == 200
    except OSError:
        return False


def test_nginx_serves_static_files_itself_and_the_rest_through_gunicorn(
        site_in_front_of_gunicorn):
    site, web = site_in_front_of_gunicorn
    status, body, _headers = fetch(site, "/static/css/app.css")
    assert status == 200 and body == (ROOT / "static" / "css" / "app.css").read_bytes()
    status, body, headers = fetch(site, "/")
    assert status == 200 and "E-PTSP" in body.decode()
    assert headers.get("X-Frame-Options") == "SAMEORIGIN"  # the app's own headers pass through
    connection = http.client.HTTPConnection("127.0.0.1", site.http_port, timeout=30)
    try:
        connection.request("GET", f"/lacak?resi={NIK}")
        redirect = connection.getresponse()
        assert redirect.status == 301
        assert redirect.getheader("Location").startswith("https://")
    finally:
        connection.close()
    # gunicorn writes its access line after the response has gone: wait for it
    wait_until(lambda: any(" GET / 200 " in line for line in web.log_lines()), 10,
               "gunicorn's access log line")
    assert "/static/" not in " ".join(web.log_lines())
    nginx_log = (site.logs / "eptsp-access.log").read_text()
    assert " GET /static/css/app.css 200 " in nginx_log
    assert " GET (app) 200 " in nginx_log and NIK not in nginx_log and "?" not in nginx_log


STATIC_SECURITY_HEADERS = ("X-Content-Type-Options", "Content-Security-Policy",
                           "X-Frame-Options", "Referrer-Policy", "Permissions-Policy")


@pytest.mark.parametrize("path", ["/static/css/app.css", "/static/img/favicon.svg",
                                  "/static/tidak-ada.js"])
def test_static_files_from_nginx_carry_the_apps_security_headers(
        site_in_front_of_gunicorn, app, path):
    """nginx answers static/ without the app, so its location repeats the app's headers for
    files (nosniff above all); missing ones would go unnoticed until a browser sniffs."""
    site, _web = site_in_front_of_gunicorn
    status, _body, headers = fetch(site, path)
    assert status == (404 if "tidak-ada" in path else 200)
    ours = app.test_client().get("/static/css/app.css")
    ours.close()
    expected = {name: ours.headers[name] for name in STATIC_SECURITY_HEADERS}
    assert expected["X-Content-Type-Options"] == "nosniff"
    assert {name: headers.get(name) for name in STATIC_SECURITY_HEADERS} == expected


def test_nginx_refuses_an_oversized_upload_before_the_app_reads_it(site_in_front_of_gunicorn):
    site, web = site_in_front_of_gunicorn
    connection = https(site)
    connection.putrequest("POST", "/masuk")
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(Config.MAX_CONTENT_LENGTH + 1))
    connection.endheaders()
    try:
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    assert not [line for line in web.log_lines() if " POST " in line]


def test_behind_nginx_the_app_tells_visitors_apart_and_ignores_forged_addresses(
        site_in_front_of_gunicorn):
    site, _web = site_in_front_of_gunicorn
    # /lacak allows 30 requests a minute per visitor; 127.0.0.1 uses them all up, also when it
    # claims to be someone else, while 127.0.0.2 (another visitor on loopback) is not affected
    forged = {"X-Forwarded-For": "203.0.113.7"}
    statuses = [fetch(site, f"/lacak?resi={NIK}", headers=forged)[0] for _ in range(31)]
    assert statuses == [200] * 30 + [429]
    assert fetch(site, "/lacak", headers=forged)[0] == 429
    assert fetch(site, "/lacak", source="127.0.0.2")[0] == 200
    logs = "".join((site.logs / name).read_text()
                   for name in ("eptsp-access.log", "eptsp-error.log"))
    assert " GET (app) 429 " in logs
    assert NIK not in logs and "resi=" not in logs and "203.0.113.7" not in logs


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / "systemd" / name)
    return parser


def _in_checkout(path: str) -> Path:
    assert path.startswith(INSTALL_ROOT + "/"), path
    return ROOT / path[len(INSTALL_ROOT) + 1:]


@pytest.mark.parametrize("name", ["eptsp-web.service", "eptsp-worker@.service"])
def test_systemd_units_start_commands_that_exist_here(app, name):
    unit = _unit(name)
    service = unit["Service"]
    assert unit["Unit"]["Description"] and unit["Install"]["WantedBy"] == "multi-user.target"
    assert service["WorkingDirectory"] == INSTALL_ROOT
    assert service["EnvironmentFile"] == "/etc/eptsp/eptsp.env"
    assert service["User"] == "eptsp" and service["ReadWritePaths"] == f"{INSTALL_ROOT}/instance"
    # unusable settings exit 4 (tests/integration/test_g7_startup_settings.py): no restart loop
    assert service["RestartPreventExitStatus"] == "4"
    command = shlex.split(service["ExecStart"])
    executable = _in_checkout(command[0])
    assert executable.is_file() and os.access(executable, os.X_OK), executable
    if executable.name == "gunicorn":
        assert _in_checkout(command[command.index("-c") + 1]).is_file()
        module, _, attribute = command[-1].partition(":")
        assert (ROOT / f"{module}.py").is_file() and attribute == "app"
        assert service["ExecReload"] == "/bin/kill -s HUP $MAINPID"
        assert service["Type"] == "notify" and service["KillMode"] == "mixed"
    else:
        assert command[1:] == ["--app", "run", "worker"]
        assert "worker" in app.cli.commands
        assert name.endswith("@.service")  # a template: eptsp-worker@1, @2, ... for M workers


def test_the_daily_storage_cleanup_runs_the_documented_command_as_the_service_user(app):
    timer, service = _unit("eptsp-storage-cleanup.timer"), _unit("eptsp-storage-cleanup.service")
    assert timer["Timer"]["Unit"] == "eptsp-storage-cleanup.service"
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    web = _unit("eptsp-web.service")["Service"]
    cleanup = service["Service"]
    assert cleanup["Type"] == "oneshot"
    for key in ("User", "WorkingDirectory", "EnvironmentFile", "ReadWritePaths"):
        assert cleanup[key] == web[key], key
    command = shlex.split(cleanup["ExecStart"])
    assert _in_checkout(command[0]).is_file()
    assert command[1:] == ["--app", "run", "storage", "cleanup"]
    assert "cleanup" in app.cli.commands["storage"].commands
    readme = (ROOT / "README.md").read_text()
    assert "eptsp-storage-cleanup.timer" in readme


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # the INI checks above still ran
        pytest.skip("systemd-analyze is not installed")
    names = {"eptsp-web.service": "eptsp-web.service",
             "eptsp-worker@.service": "eptsp-worker@1.service",
             "eptsp-storage-cleanup.service": "eptsp-storage-cleanup.service",
             "eptsp-storage-cleanup.timer": "eptsp-storage-cleanup.timer"}
    for source, target in names.items():
        text = (DEPLOY / "systemd" / source).read_text().replace(INSTALL_ROOT, str(ROOT))
        (tmp_path / target).write_text(text)
    result = subprocess.run([analyze, "verify", *(str(tmp_path / t) for t in names.values())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def test_sample_environment_names_only_documented_settings():
    documented = set()  # the first column of the README's settings table
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.startswith("| `"):
            documented |= set(re.findall(r"`([A-Z0-9_]+)`", line.split("|")[1]))
    names = re.findall(r"^([A-Z][A-Z0-9_]+)=", (DEPLOY / "eptsp.env.example").read_text(), re.M)
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "TRUSTED_PROXIES"} <= set(names)
    assert not set(names) - documented


def test_the_admin_wrapper_runs_flask_with_the_services_settings(served_sqlite, tmp_path):
    """deploy/eptsp-flask reads the units' EnvironmentFile: a command run by hand (here a
    backup) sees the same database and instance folder as the services."""
    instance = tmp_path / "instance"
    env_file = tmp_path / "eptsp.env"
    env_file.write_text(f"DATABASE_URL={served_sqlite}\nINSTANCE_PATH={instance}\n"
                        "SECRET_KEY=a-long-enough-random-value\n"
                        'MAIL_FROM="E-PTSP <noreply@example.go.id>"\n')
    env = {"PATH": os.environ["PATH"], "EPTSP_ROOT": str(ROOT), "EPTSP_ENV": str(env_file),
           "EPTSP_USER": getpass.getuser()}
    result = subprocess.run([str(DEPLOY / "eptsp-flask"), "backup", "create",
                             str(tmp_path / "backup")], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "backup" / "eptsp.db").stat().st_size > 0
    assert "Basis data disalin" in result.stdout
    unit = _unit("eptsp-web.service")["Service"]
    wrapper = (DEPLOY / "eptsp-flask").read_text()
    assert f"EPTSP_ENV:-{unit['EnvironmentFile']}" in wrapper
    assert f"EPTSP_ROOT:-{unit['WorkingDirectory']}" in wrapper
    assert f"EPTSP_USER:-{unit['User']}" in wrapper


def test_sample_environment_never_lets_open_chats_hold_every_web_worker():
    """With Redis a chat poll waits up to CHAT_LONGPOLL_SECONDS in a worker thread
    (docs/chat.md): on single-threaded workers, WEB_WORKERS open chat pages stall the site."""
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$",
                             (DEPLOY / "eptsp.env.example").read_text(), re.M))
    assert values.get("REDIS_URL")
    long_poll = int(values.get("CHAT_LONGPOLL_SECONDS", Config.CHAT_LONGPOLL_SECONDS))
    assert long_poll == 0 or int(values.get("WEB_THREADS", "1")) > 1

