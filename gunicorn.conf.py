"""Gunicorn settings for Newsroom, read from the environment (documented in .env.example).

Run: `gunicorn -c gunicorn.conf.py` (this file names the WSGI application). Each app machine
runs one gunicorn with WEB_CONCURRENCY worker processes; a worker serves one request at a
time, so the number of workers is how many requests one machine handles at once.
"""

import gc
import multiprocessing
import os
import sys

# Gunicorn reads this file before it changes into the project folder (--chdir), so make the
# project importable from wherever gunicorn was started.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from newsroom.logs import stdout_logging  # noqa: E402

wsgi_app = "newsroom.wsgi:application"

bind = [os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")]
# Django is synchronous and mostly waits on the database: two workers per core plus one is
# gunicorn's own rule of thumb.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request still running after this many seconds is stuck; its worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than the load balancer's idle timeout, so the balancer closes idle connections first
# and never sends a request down one that gunicorn has just dropped.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Replacing each worker now and then caps slow memory growth; the jitter keeps all workers from
# restarting at once. Not too often: a new worker starts with an empty local page cache, and at
# a thousand requests a second 2,000 meant every worker started cold every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# Addresses whose X-Forwarded-* headers gunicorn believes: the load balancers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Worker heartbeats go to memory, not to a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "newsroom"
# Gunicorn's run-time control socket sits at one fixed path per user, so a second gunicorn on
# the machine (a test run, `make serve`) would take it over. Nothing here uses it.
control_socket_disable = True

accesslog = "-"
logconfig_dict = stdout_logging("INFO", {"gunicorn.error": "INFO", "gunicorn.access": "INFO"})


def post_worker_init(worker):
    """Take what the worker has loaded (Django, the apps, their models and admin) out of the
    garbage collector's sight. It lives as long as the worker, yet every full collection
    walked all of it again: a pause of 46 to 62 ms about once in 60 story pages drawn, the
    slowest request by far (docs/performance.md, "Rendering")."""
    gc.freeze()
