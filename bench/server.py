"""A throwaway production-mode site for one benchmark run: database, static files, gunicorn.

Everything lives in one run folder under bench/results/ so a run never touches the developer's
database or static files.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

from bench import BARE_VIEW_PATH
from bench.background import BackgroundServer, free_port

PROJECT_DIR = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = PROJECT_DIR / "gunicorn.conf.py"
SERVICES_SCRIPT = PROJECT_DIR / "scripts" / "services.sh"


def production_environment(run_dir):
    """The environment a production deployment would have, pointed at the run's own files."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{run_dir / 'bench.sqlite3'}",
        BENCH_STATIC_ROOT=str(run_dir.parent / "staticfiles"),
        PYTHONUNBUFFERED="1",
        # What `make serve` relaxes on a machine without TLS in front (scripts/serve.sh).
        SECURE_SSL_REDIRECT="False",
        SECURE_COOKIES="False",
        EMAIL_URL="consolemail://",
        # gunicorn runs with the shipped defaults (gunicorn.conf.py), worker recycling
        # included: the in-app cache must keep p99 low while workers restart.
        # Every poster in the run comes from 127.0.0.1 and posts as fast as the server answers:
        # the per-client limit and the cap on posts per form token (readers served in the same
        # second share one) would turn them away, and this run measures the server's
        # capacity, not those defences.
        COMMENTS_POSTS_PER_FORM_TOKEN="1000000000",
        COMMENTS_RATE_LIMIT_HOLD="1000000000",
        COMMENTS_RATE_LIMIT_REJECT="1000000000",
    )
    return environment


def manage(environment, *args, capture=False):
    command = [sys.executable, str(PROJECT_DIR / "manage.py"), *args]
    return subprocess.run(
        command, env=environment, cwd=PROJECT_DIR, check=True, capture_output=capture, text=True
    )


def prepare_site(environment):
    """Migrate an empty database, collect static files and seed the data set; return the paths."""
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    return dataset(environment, "seed")


def dataset(environment, *args):
    """Run bench/dataset.py with the site's settings and return the JSON it prints."""
    completed = subprocess.run(
        [sys.executable, "-m", "bench.dataset", *args],
        env=environment,
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def create_editor(environment, username, password):
    """A superuser for the signed-in editor's measurements."""
    manage(
        {**environment, "DJANGO_SUPERUSER_PASSWORD": password},
        "createsuperuser",
        "--noinput",
        "--username",
        username,
        "--email",
        "editor@newsroom.test",
    )


def sign_in(base_url, username, password):
    """Sign in through the admin login form as a browser does; the session cookie's value."""
    parts = urllib.parse.urlsplit(base_url)
    address = (parts.hostname, parts.port)
    status, headers, body = http_request(*address, "GET", "/admin/login/")
    cookies = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookies.load(value)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    status, headers, _ = http_request(
        *address,
        "POST",
        "/admin/login/?next=/admin/",
        body=urllib.parse.urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{name}={m.value}" for name, m in cookies.items()),
            "Origin": base_url,
            "Referer": f"{base_url}/admin/login/",
        },
    )
    for value in headers.get_all("Set-Cookie") or []:
        cookies.load(value)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"signing in as {username} failed: {status}")
    return cookies["sessionid"].value


def http_request(host, port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Redis(BackgroundServer):
    """A throwaway redis-server on a free loopback port, for the run's cache on Redis."""

    name = "redis-server"

    def __init__(self, folder):
        self.folder = folder
        self.log_path = folder / "redis.log"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def command(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is missing: scripts/services.sh start installs it")
        options = ["--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
        # As docs/kept-copies.md tells deployments: bounded, the least recently used copy goes.
        options += ["--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"]
        return [binary, *options, "--appendonly", "no", "--dir", str(self.folder)]

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                probe.sendall(b"PING\r\n")
                return probe.recv(16).startswith(b"+PONG")
        except OSError:
            return False


class Services:
    """A private PostgreSQL and Redis for the cluster run, started by scripts/services.sh with
    its state in `folder` (never the test suite's .services/), and stopped by it: PostgreSQL
    with pg_ctl on its own data folder, Redis by the PID in its pidfile.

    `max_connections` must cover every worker of every app server, each holding one
    connection, plus the run's own management commands.
    """

    def __init__(self, folder, max_connections=100):
        self.folder = Path(folder)
        self.environment = {
            **os.environ,
            "SERVICES_DIR": str(self.folder),
            "POSTGRES_MAX_CONNECTIONS": str(max(100, max_connections)),
        }
        self.database_url = self.redis_url = None

    def _script(self, action, check=True):
        return subprocess.run(
            [str(SERVICES_SCRIPT), action],
            env=self.environment,
            cwd=PROJECT_DIR,
            check=check,
            capture_output=True,
            text=True,
        )

    def __enter__(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            completed = self._script("start")
        except subprocess.CalledProcessError as error:
            self.__exit__(None, None, None)
            output = f"{error.stdout}{error.stderr}"
            raise RuntimeError(f"scripts/services.sh start failed:\n{output}") from error
        # "PostgreSQL 15.8 on 127.0.0.1:PORT", "Redis 7.0.15 on 127.0.0.1:PORT"
        self.versions = {}
        for line in completed.stdout.splitlines():
            print(f"  {line}", file=sys.stderr)
            name, _, rest = line.partition(" ")
            if name in ("PostgreSQL", "Redis"):
                self.versions[name.lower()] = rest.split(" ")[0]
        exports = {}
        for line in (self.folder / "env").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            exports[name] = value
        self.database_url = exports["TEST_DATABASE_URL"]
        self.redis_url = exports["TEST_REDIS_URL"]
        return self

    def __exit__(self, *exc_info):
        completed = self._script("stop", check=False)
        if completed.returncode:
            print(
                f"scripts/services.sh stop failed ({completed.returncode}), with SERVICES_DIR="
                f"{self.folder}:\n{completed.stdout}{completed.stderr}",
                file=sys.stderr,
            )


class Gunicorn(BackgroundServer):
    """gunicorn on loopback with a fixed worker count, with the project's config (gunicorn.conf.py).

    `minimal=True` serves the minimal Django app (bench/minimal.py) instead, with gunicorn's
    own defaults: no access log, no recycling, nothing between wrk and the view.
    """

    name = "gunicorn"

    def __init__(self, environment, workers, log_path, minimal=False):
        self.environment = environment
        if minimal:
            self.environment = {**environment, "DJANGO_SETTINGS_MODULE": "bench.minimal"}
        self.workers = workers
        self.log_path = log_path
        self.minimal = minimal
        self.port = free_port()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        command = [sys.executable, "-m", "gunicorn"]
        if self.minimal:
            return command + [
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "django.core.wsgi:get_wsgi_application()",
            ]
        # Command-line options override the config file: the run needs its own port and a
        # worker count that is the same on every machine.
        return command + [
            "--config",
            str(GUNICORN_CONFIG),
            # The control socket has one fixed path per user; another gunicorn may own it.
            "--no-control-socket",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "newsroom.wsgi:application",
        ]

    def answers(self):
        try:
            with urllib.request.urlopen(f"{self.base_url}/{BARE_VIEW_PATH}", timeout=2):
                return True
        except OSError:
            return False
