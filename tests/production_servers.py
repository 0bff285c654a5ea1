"""Real servers for the production tests: the site under gunicorn with production settings,
its own database (a SQLite file, or a fresh PostgreSQL database when the suite runs on
PostgreSQL), and a Redis server.

Everything listens on free loopback ports and is stopped by the fixture that started it.
"""

import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import environ
import psycopg

from bench.background import free_port
from bench.server import Redis
from tests.html import assert_has_element

PROJECT_DIR = Path(__file__).resolve().parent.parent
STARTUP_DEADLINE_SECONDS = 60


def random_secret_key():
    return secrets.token_urlsafe(50)


def production_env(**overrides):
    """The environment of a production machine behind an HTTPS load balancer."""
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(
        {
            "DEBUG": "False",
            "SECRET_KEY": random_secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "BEHIND_HTTPS_PROXY": "True",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def manage(env, *args, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def wait_until(condition, what, deadline_seconds=STARTUP_DEADLINE_SECONDS):
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"Gave up waiting for {what}")


class ScratchDatabase:
    """A database of its own for one production site, on the engine the suite runs on."""

    def __init__(self, folder, server_url=None):
        suite_url = server_url or os.environ.get("DATABASE_URL", "")
        self.postgres = suite_url.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            self.server = environ.Env.db_url_config(suite_url)
            self.name = f"newsroom_site_{uuid.uuid4().hex[:12]}"
            self._admin("CREATE DATABASE {}")
            # Same server and credentials as the suite's database, another database name.
            self.url = urlunsplit(urlsplit(suite_url)._replace(path=f"/{self.name}"))
        else:
            self.url = f"sqlite:///{folder / 'site.sqlite3'}"

    def _admin(self, statement):
        with psycopg.connect(
            host=self.server["HOST"],
            port=self.server["PORT"],
            user=self.server["USER"],
            password=self.server["PASSWORD"],
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(statement.format(self.name))

    def drop(self):
        if self.postgres:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


class Response:
    def __init__(self, raw):
        self.status = raw.status
        self.headers = raw.headers
        self.body = raw.read()
        self.text = self.body.decode("utf-8", "replace")


class SiteClient:
    """An HTTP client that talks to the site as the HTTPS load balancer would, keeping cookies
    itself (they are Secure-only, which a plain http:// client would refuse to send back)."""

    def __init__(self, port, https=True, client_address=None):
        self.port = port
        self.https = https
        self.client_address = client_address
        self.cookies = {}

    def balancer_headers(self):
        """What the load balancer adds to every request it passes on."""
        sent = {"Host": "localhost"}
        if self.https:
            sent["X-Forwarded-Proto"] = "https"
        if self.client_address:
            sent["X-Forwarded-For"] = self.client_address
        return sent

    def request(self, method, path, body=None, headers=None, files=None):
        sent = self.balancer_headers()
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if files:
            body, sent["Content-Type"] = multipart_form(body or {}, files)
            sent["Referer"] = "https://localhost" + path
        elif body is not None:
            body = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = "https://localhost" + path
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = Response(connection.getresponse())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, body=data, **kwargs)


def multipart_form(fields, files):
    """A multipart/form-data body, as a browser sends a form with file inputs: (body bytes,
    Content-Type). `files` maps field names to (file name, bytes, content type)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def csrf_token(page):
    return assert_has_element(page.text, "input", name="csrfmiddlewaretoken")["value"]


class ProductionSite:
    """The site in its production configuration under gunicorn, with its own database."""

    def __init__(self, folder, static_root, workers=2, database=None, **env_overrides):
        """`database`: a ScratchDatabase shared with other sites (who drops it is up to its
        owner); by default the site gets one of its own."""
        self.folder = folder
        self.owns_database = database is None
        self.database = database or ScratchDatabase(folder)
        self.port = free_port()
        self.env = production_env(
            **{
                "DATABASE_URL": self.database.url,
                "STATIC_ROOT": str(static_root),
                "MEDIA_ROOT": str(folder / "media"),
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "WEB_CONCURRENCY": str(workers),
                **env_overrides,
            }
        )
        self.log_path = folder / "gunicorn.log"
        self.process = None

    def manage(self, *args):
        return manage(self.env, *args)

    def start(self):
        """Start gunicorn; the database must be migrated (`self.manage("migrate")`) first."""
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
                cwd=PROJECT_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._healthy, f"gunicorn on port {self.port}; log: {self.log_path}")
        return self

    def _healthy(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {self.log_path.read_text()[-3000:]}")
        try:
            return self.client().get("/healthz").status == 200
        except OSError:
            return False

    def client(self, **kwargs):
        return SiteClient(self.port, **kwargs)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.owns_database:
            self.database.drop()


def collect_static(static_root):
    """collectstatic once into static_root, as a deployment does."""
    manage(production_env(STATIC_ROOT=str(static_root)), "collectstatic", "--noinput", "-v", "0")
    return static_root


class RedisServer(Redis):
    """The benchmark's throwaway redis-server, started at once; stop() and start() restart it on
    the same port, empty (the outage tests do)."""

    def __init__(self, folder):
        super().__init__(folder)
        self.start()

    def start(self):
        self.__enter__()

    def stop(self):
        self.__exit__(None, None, None)


EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "a long editor passphrase for the test"
STORY_PATH = "/story/council-agrees-budget/"
SEED_STORY = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
author = get_user_model().objects.get(username="editor")
section = Category.objects.create(name="Politics", slug="politics")
Article.objects.create(
    headline="Council agrees budget", slug="council-agrees-budget", standfirst="After a vote.",
    body="<p>The council met.</p>", category=section, author=author, status="published",
)
"""
SITE_WORKERS = 3


def seeded_site(folder, static_root, redis_url, **env_overrides):
    """A production site with an editor account and one story open for comments, three
    workers sharing a Redis cache, behind one HTTPS load balancer. `env_overrides` are more
    settings for it (environment variables)."""
    site = ProductionSite(
        folder,
        static_root,
        workers=SITE_WORKERS,
        CACHE_URL=f"{redis_url}?key_prefix=site-{uuid.uuid4().hex}",
        TRUSTED_PROXY_COUNT="1",
        COMMENTS_RATE_LIMIT_HOLD="2",
        COMMENTS_RATE_LIMIT_REJECT="3",
        # Bursts post many comments from one form; the cap per form is tested on its own.
        COMMENTS_POSTS_PER_FORM_TOKEN="1000",
        DJANGO_SUPERUSER_PASSWORD=EDITOR_PASSWORD,
        # Notifications about held comments stay in each worker's memory.
        EMAIL_URL="memorymail://",
        **env_overrides,
    )
    try:
        site.manage("migrate", "--noinput")
        site.manage(
            "createsuperuser", "--noinput", "--username", EDITOR_USERNAME, "--email", "e@x.test"
        )
        site.manage("shell", "-v", "0", "-c", SEED_STORY)
        return site.start()
    except BaseException:
        site.stop()
        raise
