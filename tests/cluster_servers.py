"""The cluster layout of `make cluster`, for the tests: two production app servers sharing one
PostgreSQL, one Redis and one uploads folder, behind nginx with the shipped configuration.

The PostgreSQL and Redis servers are private to the cluster (the tests restart and stop
them), on free loopback ports, from Debian's packages as scripts/services.sh starts them.
"""

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from bench.nginx import Nginx
from tests.production_servers import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    SEED_STORY,
    ProductionSite,
    RedisServer,
    ScratchDatabase,
    free_port,
    random_secret_key,
    wait_until,
)

APP_WORKERS = 2
# Printed by the seed so the tests can fill admin forms.
SEED_IDS = """
import json
from django.contrib.auth import get_user_model
from articles.models import Category
print(json.dumps({
    "editor": get_user_model().objects.get(username="editor").pk,
    "politics": Category.objects.get(slug="politics").pk,
}))
"""


def postgres_bin():
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name),
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed: scripts/services.sh start installs it")
    return found[-1].parent


class PostgresServer:
    """A throwaway PostgreSQL cluster of its own, which a test may stop and start again.

    PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, in a folder
    under /tmp that user can reach (as scripts/services.sh does).
    """

    def __init__(self):
        self.bin = postgres_bin()
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-cluster-postgres.", dir="/tmp"))
        self.port = free_port()
        self.password = secrets.token_hex(16)
        (self.folder / "password").write_text(self.password)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.folder / "password", "postgres")
        self.folder.chmod(0o700)
        self._run(
            "initdb",
            f"--pgdata={self.folder / 'data'}",
            "--username=newsroom",
            f"--pwfile={self.folder / 'password'}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        self.start()

    @property
    def url(self):
        return f"postgres://newsroom:{self.password}@127.0.0.1:{self.port}/postgres"

    def _run(self, program, *args):
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd="/tmp", check=True, capture_output=True, timeout=120)

    def _pg_ctl(self, *args):
        self._run("pg_ctl", f"--pgdata={self.folder / 'data'}", "--wait", "--silent", *args)

    def start(self):
        # Durability off: the data is thrown away with the cluster.
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._pg_ctl(f"--log={self.folder / 'server.log'}", f"--options={options}", "start")

    def stop(self, mode="fast"):
        """Stop the server: `fast` ends every session at once, as a restart does."""
        self._pg_ctl(f"--mode={mode}", "stop")

    def answers(self):
        try:
            with psycopg.connect(self.url, connect_timeout=1):
                return True
        except psycopg.OperationalError:
            return False

    def destroy(self):
        # It may be stopped already.
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop(mode="immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


class Cluster:
    """App servers `a` and `b` (gunicorn, production settings), sharing a database, a Redis
    cache, an uploads folder and the secret key, and nginx in front of both."""

    def __init__(self, folder, static_root):
        self.folder = folder
        self.static_root = static_root
        self.media_root = folder / "media"
        self.media_root.mkdir()
        self.postgres = self.redis = self.database = self.nginx = None
        self.sites = []

    def start(self):
        self.postgres = PostgresServer()
        self.redis = RedisServer(self.folder)
        self.database = ScratchDatabase(self.folder, server_url=self.postgres.url)
        shared = {
            "SECRET_KEY": random_secret_key(),
            "CACHE_URL": self.redis.url,
            "MEDIA_ROOT": str(self.media_root),
            # The HTTPS load balancer and nginx: direct requests say so themselves.
            "TRUSTED_PROXY_COUNT": "2",
            "COMMENTS_RATE_LIMIT_HOLD": "2",
            "COMMENTS_RATE_LIMIT_REJECT": "3",
            # The bursts post many comments from one form; the cap per form is not under test.
            "COMMENTS_POSTS_PER_FORM_TOKEN": "1000",
            "DJANGO_SUPERUSER_PASSWORD": EDITOR_PASSWORD,
            "EMAIL_URL": "memorymail://",
        }
        for name in ("a", "b"):
            (self.folder / name).mkdir()
            self.sites.append(
                ProductionSite(
                    self.folder / name,
                    self.static_root,
                    workers=APP_WORKERS,
                    database=self.database,
                    **shared,
                )
            )
        self.a, self.b = self.sites
        self.a.manage("migrate", "--noinput")
        self.a.manage(
            "createsuperuser", "--noinput", "--username", EDITOR_USERNAME, "--email", "e@x.test"
        )
        self.a.manage("shell", "-v", "0", "-c", SEED_STORY)
        output = self.a.manage("shell", "-v", "0", "-c", SEED_IDS).stdout
        self.ids = json.loads(output.strip().splitlines()[-1])
        for site in self.sites:
            site.start()
        self.nginx = Nginx(
            self.folder / "nginx",
            upstream=[f"127.0.0.1:{site.port}" for site in self.sites],
            static_root=self.static_root,
            media_root=self.media_root,
        ).__enter__()
        return self

    def restart_redis(self):
        self.redis.start()

    def postgres_back(self):
        wait_until(self.postgres.answers, "PostgreSQL to answer again")

    def stop(self):
        if self.nginx:
            self.nginx.__exit__(None, None, None)
        for site in self.sites:
            site.stop()
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.destroy()
