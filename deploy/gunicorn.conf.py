"""gunicorn settings for E-PTSP: ``gunicorn -c deploy/gunicorn.conf.py run:app``.

Everything an operator tunes comes from the environment (the same EnvironmentFile as the app):

  WEB_BIND              address(es) to listen on, comma-separated   127.0.0.1:5000
  WEB_WORKERS           worker processes                            2 x CPU cores, 2..8
  WEB_THREADS           threads per worker (>1 = gthread workers)   1
  WEB_TIMEOUT           seconds a silent worker lives before it is killed and replaced   120
  WEB_GRACEFUL_TIMEOUT  seconds a stopping worker may finish its requests    30
  WEB_ACCESS_LOG        access log file, "-" = standard output      -
  WEB_ERROR_LOG         error log file, "-" = standard error        -

Graceful restart: SIGHUP to the master (``systemctl reload eptsp-web``) re-reads this file,
starts new workers with the new code and lets the old ones finish what they are serving.

The access log line holds the time, method, the matched route TEMPLATE
(``/lupa-password/pin/<token>``, set by app/access_log.py), status, bytes and milliseconds. Never
the raw path or query string (search terms, resi numbers, NIK/NPWP, reset tokens), never cookies,
referrers or the user agent.
"""

import os
import signal
import threading
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "run:app"
chdir = str(Path(__file__).resolve().parent.parent)  # the checkout, where run.py lives
proc_name = "eptsp-web"
# managed by signals (systemd, make run); no control socket under $HOME, where several servers
# on one machine would also collide
control_socket_disable = True

bind = [part.strip() for part in os.environ.get("WEB_BIND", "127.0.0.1:5000").split(",")
        if part.strip()]
workers = _int("WEB_WORKERS", max(2, min(2 * (os.cpu_count() or 1), 8)))
threads = _int("WEB_THREADS", 1)
timeout = _int("WEB_TIMEOUT", 120)
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# Each worker builds its own app after the fork: database pools and Redis connections are never
# shared between processes, and a HUP reload picks up new code.
preload_app = False
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"  # worker heartbeats off the disk (containers, slow disks)

# Which proxy headers to believe is decided once, by the app (TRUSTED_PROXIES -> ProxyFix);
# gunicorn itself takes no scheme from headers.
secure_scheme_headers = {}

accesslog = os.environ.get("WEB_ACCESS_LOG", "-")
errorlog = os.environ.get("WEB_ERROR_LOG", "-")
access_log_format = '%(t)s %(m)s %({eptsp.route}e)s %(s)s %(b)s %(M)sms'


def post_worker_init(worker):
    """A stopping worker (SIGTERM: stop, restart, HUP reload) stops its chat long polls
    waiting, so each answers at once instead of holding the stop for up to
    CHAT_LONGPOLL_SECONDS. gunicorn's own handler runs first; the waking runs in a thread,
    never inside the signal handler (it takes locks a request thread may hold)."""
    gunicorn_handler = signal.getsignal(signal.SIGTERM)
    served = worker.wsgi  # run:app

    def stopping(signum, frame):
        gunicorn_handler(signum, frame)
        threading.Thread(target=_stop_waiting, args=(served,), name="stop-long-polls",
                         daemon=True).start()

    signal.signal(signal.SIGTERM, stopping)


def _stop_waiting(served):
    from app.services.chat_delivery import stop_waiting

    stop_waiting(served)
